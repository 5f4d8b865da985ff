"""The monthly supervision report (月度督查通报) as a PDF in an official document style.

Every font is an embedded TrueType face (the canvas starts in the body face, so no Helvetica is
referenced); every text goes through :func:`reports.fonts.markup` / ``font_runs`` so a character the
chosen face lacks (the digits of a heading in a 小标宋 without them, a rare surname) is drawn with
another installed face. Headings stay with what follows them and a table's 合计 row never starts a
page alone. The ranking follows models.services.stats.RANKING_RULE, printed in the notes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy import func, select

from .fonts import font_runs, markup
from .linebreak import break_lines, title_lines

RED = colors.HexColor("#E60012")


@dataclass
class TownshipLine:
    name: str
    found: int
    rectified: int
    overdue: int
    letters: int
    #: closed in the month after the 整改时限 (逾期整改, never 按期)
    late: int = 0

    @property
    def rate(self) -> float | None:
        return None if not self.found else round(self.rectified * 100 / self.found, 1)


@dataclass
class WarningLine:
    """A 预警函 of the month with what it costs (warning_consequence)."""

    township: str
    number: str
    issued: date
    deduction: str
    interview: bool


@dataclass
class CaseLine:
    """A 问责查办 case: township, the 预警函, its final deadline, the proposed measure, the decision."""

    township: str
    number: str
    final_deadline: date
    proposed: str
    decision: str


@dataclass
class MonthlyReportData:
    agency_name: str
    county_name: str
    year: int
    month: int
    issued: date
    issue_no: int
    tasks: list[tuple[str, str]]  # (工作任务, 完成时限)
    by_category: list[tuple[str, int]]
    townships: list[TownshipLine]
    letters_by_kind: dict[str, int]
    found: int
    rectified: int
    overdue: int
    warned: list[str]
    #: (month label, found, closed) from January to this month
    trend: list[tuple[str, int, int]] = field(default_factory=list)
    ytd_categories: int = 0
    ytd_found: int = 0
    ytd_supervision_letters: int = 0
    ytd_rectified: int = 0
    #: the audit chain's head when the report was made, printed in every page's footer
    #: (models/anchors.py: an anchor outside the database, docs/tamper-evidence.md)
    audit_head: str = ""
    #: problems found in the month per category and township: (categories, [(township, counts)])
    category_table: tuple[list[str], list[tuple[str, list[int]]]] = field(
        default_factory=lambda: ([], []))
    ranking_rule: str = ""
    #: each township's month tasks by receipt (models.services.supervision.TownshipCompletion)
    task_completion: list = field(default_factory=list)
    #: the day the figures are counted at (stated in the report; default the issue date or month end)
    as_of: date | None = None
    late: int = 0
    warnings: list[WarningLine] = field(default_factory=list)
    cases: list[CaseLine] = field(default_factory=list)
    #: the month's problems named, the serious ones first
    typical: list[str] = field(default_factory=list)
    #: 督办后调整的问题: (account, problem, "field: old → new", reason)
    adjustments: list[tuple[str, str, str, str]] = field(default_factory=list)
    #: 下步工作要求, written by the clerk before generating
    requirements: str = ""
    #: the 报 / 送 / 发 block (settings report_to, report_send, report_issue)
    distribution: tuple[str, str, str] = ("", "", "")

    @property
    def rate(self) -> float | None:
        return None if not self.found else round(self.rectified * 100 / self.found, 1)

    def ytd_sentence(self) -> str:
        return (f"今年以来共查出问题{self.ytd_categories}大类{self.ytd_found}条，"
                f"发出督办函{self.ytd_supervision_letters}份，整改{self.ytd_rectified}条")

    def ranking(self) -> tuple[list[tuple[int, TownshipLine]], list[TownshipLine]]:
        """(ranked with their places, townships without problems) per the ranking rule."""
        from models.services.stats import rank_townships

        ranked, unranked = rank_townships(self.townships)
        return ranked, unranked  # type: ignore[return-value]


class BodyText(Flowable):
    """A body paragraph broken by the Chinese line-breaking rules (no line starts with ，。 etc.)."""

    def __init__(self, text: str, font: str, size: float = 16, leading: float = 28, indent_chars: int = 2):
        super().__init__()
        self.text, self.font, self.size, self.leading = text, font, size, leading
        self.indent = indent_chars * size
        self.lines: list[str] = []

    def _measure(self, s: str) -> float:
        return sum(stringWidth(run, font, self.size) for run, font in font_runs(s, self.font))

    def wrap(self, avail_width, avail_height):
        self.lines = break_lines(self.text, avail_width, self._measure, self.indent)
        self.width = avail_width
        return avail_width, self.leading * len(self.lines)

    def split(self, avail_width, avail_height):
        """Split between lines (no single line left at the foot or top of a page)."""
        self.wrap(avail_width, avail_height)
        fit = int(avail_height // self.leading)
        if fit >= len(self.lines) or len(self.lines) < 4 or fit < 2:
            return []
        fit = min(fit, len(self.lines) - 2)
        head = _Lines(self.lines[:fit], self.font, self.size, self.leading, self.indent)
        tail = _Lines(self.lines[fit:], self.font, self.size, self.leading, 0)
        return [head, tail]

    def draw(self):
        _draw_lines(self.canv, self.lines, self.font, self.size, self.leading, self.indent)


class _Lines(Flowable):
    """Lines already broken (a part of a split BodyText)."""

    def __init__(self, lines: list[str], font: str, size: float, leading: float, indent: float):
        super().__init__()
        self.lines, self.font, self.size, self.leading, self.indent = lines, font, size, leading, indent

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        return avail_width, self.leading * len(self.lines)

    def draw(self):
        _draw_lines(self.canv, self.lines, self.font, self.size, self.leading, self.indent)


def _draw_lines(c, lines: list[str], font: str, size: float, leading: float, indent: float) -> None:
    """Each line drawn run by run, each run in a face that has its characters."""
    y = leading * len(lines) - size * 1.1
    for i, line in enumerate(lines):
        x = indent if i == 0 else 0
        for run, use in font_runs(line, font):
            c.setFont(use, size)
            c.drawString(x, y, run)
            x += stringWidth(run, use, size)
        y -= leading


class TotalTable(Table):
    """A table whose last row is 合计: when a page break would leave it alone at the top of the
    next page, the row before it goes along."""

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        body_rows = len(parts[1]._cellvalues) - self.repeatRows
        if body_rows > 1:
            return parts
        n = len(parts[0]._cellvalues)  # rows kept on this page; move one more down
        if n - 1 <= self.repeatRows:
            return []  # the whole table goes to the next page
        height = sum(self._rowHeights[: n - 1]) + 0.01
        return super().split(availWidth, height)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def _heading(text: str, st: dict[str, ParagraphStyle], need_mm: float) -> list[Flowable]:
    """A heading that never ends a page alone: a new page first when less than ``need_mm`` is
    left (room for the heading and the start of what follows: a table's header and first rows,
    a chart, two lines of text)."""
    return [CondPageBreak(need_mm * mm), _p(text, st["h"])]


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph whose characters the style's face lacks are drawn with another face."""
    return Paragraph(markup(text, style.fontName), style)


def _styles(fonts) -> dict[str, ParagraphStyle]:
    return {
        "agency": ParagraphStyle("agency", fontName=fonts.agency, fontSize=30, leading=36,
                                 textColor=RED, alignment=TA_CENTER),
        "issue": ParagraphStyle("issue", fontName=fonts.body, fontSize=14, leading=20, alignment=TA_CENTER),
        "title": ParagraphStyle("title", fontName=fonts.title, fontSize=22, leading=32, alignment=TA_CENTER),
        "h": ParagraphStyle("h", fontName=fonts.table_header, fontSize=16, leading=28,
                            spaceBefore=6),
        "note": ParagraphStyle("note", fontName=fonts.body, fontSize=12, leading=20,
                               firstLineIndent=24, alignment=TA_JUSTIFY, wordWrap="CJK"),
        "body": ParagraphStyle("body", fontName=fonts.body, fontSize=16, leading=28, firstLineIndent=32,
                               alignment=TA_JUSTIFY, wordWrap="CJK"),
        "cell": ParagraphStyle("cell", fontName=fonts.table, fontSize=11, leading=15, wordWrap="CJK"),
        "num": ParagraphStyle("num", fontName=fonts.table, fontSize=11, leading=15, alignment=TA_CENTER),
        "head": ParagraphStyle("head", fontName=fonts.table_header, fontSize=11, leading=15,
                               alignment=TA_CENTER, wordWrap="CJK"),
        "small_head": ParagraphStyle("small_head", fontName=fonts.table_header, fontSize=9,
                                     leading=12, alignment=TA_CENTER, wordWrap="CJK"),
        "small": ParagraphStyle("small", fontName=fonts.table, fontSize=9, leading=12,
                                alignment=TA_CENTER, wordWrap="CJK"),
    }


def _table(rows: list[list[str]], widths_mm: list[float], st: dict[str, ParagraphStyle],
           total: bool = False, numeric_from: int | None = None, small: bool = False) -> Table:
    """A bordered table, header repeated on each page; ``total``: the last row is 合计 (kept with
    the row before it); columns from ``numeric_from`` centred."""
    head, cell = (st["small_head"], st["small"]) if small else (st["head"], st["cell"])
    num = st["small"] if small else st["num"]
    data = [[_p(str(c), head) for c in rows[0]]]
    for r in rows[1:]:
        data.append([_p(str(c), num if numeric_from is not None and i >= numeric_from else cell)
                     for i, c in enumerate(r)])
    cls = TotalTable if total else Table
    t = cls(data, colWidths=[w * mm for w in widths_mm], repeatRows=1)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F2F2F2")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), cell.fontName),  # else the cell state is Helvetica
    ]
    if total:
        style.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F7F7F7")))
    if small:
        style += [("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
    t.setStyle(TableStyle(style))
    return t


def _whole_numbers(axis, top: int) -> None:
    """Counts on the value axis: whole steps from 0, never 0.2, 0.4 ..."""
    axis.valueMin = 0
    step = max(1, -(-top // 5))
    axis.valueStep = step
    axis.valueMax = max(step * 5, step * -(-top // step)) if top else 5
    axis.labelTextFormat = "%d"


def _bar_chart(data: MonthlyReportData, font: str) -> Drawing:
    d = Drawing(156 * mm, 70 * mm, initialFontName=font)
    d.add(String(78 * mm, 66 * mm, "本月发现问题（按类别）", fontName=font, fontSize=11, textAnchor="middle"))
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 15 * mm, 14 * mm, 135 * mm, 46 * mm
    chart.data = [[n for _c, n in data.by_category] or [0]]
    chart.categoryAxis.categoryNames = [c for c, _n in data.by_category] or ["无"]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.angle = 20
    chart.categoryAxis.labels.dy = -6
    chart.valueAxis.labels.fontName = font
    _whole_numbers(chart.valueAxis, max([n for _c, n in data.by_category] or [0]))
    chart.bars[0].fillColor = colors.HexColor("#C0392B")
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 8
    chart.barLabels.nudge = 6
    d.add(chart)
    return d


def _trend_chart(data: MonthlyReportData, font: str) -> Drawing:
    d = Drawing(156 * mm, 72 * mm, initialFontName=font)
    d.add(String(78 * mm, 68 * mm, f"{data.year}年各月问题发现与整改", fontName=font, fontSize=11,
                 textAnchor="middle"))
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 15 * mm, 16 * mm, 120 * mm, 44 * mm
    chart.data = [[f for _m, f, _c in data.trend] or [0], [c for _m, _f, c in data.trend] or [0]]
    chart.categoryAxis.categoryNames = [m for m, _f, _c in data.trend] or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = font
    _whole_numbers(chart.valueAxis, max([max(f, c) for _m, f, c in data.trend] or [0]))
    chart.lines[0].strokeColor = colors.HexColor("#C0392B")
    chart.lines[1].strokeColor = colors.HexColor("#2E86C1")
    chart.lines[0].strokeWidth = chart.lines[1].strokeWidth = 1.5
    d.add(chart)
    legend = Legend()
    legend.x, legend.y = 138 * mm, 50 * mm
    legend.fontName, legend.fontSize = font, 8
    legend.colorNamePairs = [(colors.HexColor("#C0392B"), "发现"), (colors.HexColor("#2E86C1"), "销号")]
    d.add(legend)
    return d


def _title(text: str, style: ParagraphStyle, width_pt: float) -> list[Paragraph]:
    """The title broken between words into balanced lines (GB/T 9704), one Paragraph a line."""
    font, size = style.fontName, style.fontSize

    def measure(x: str) -> float:
        return sum(stringWidth(run, f, size) for run, f in font_runs(x, font))

    return [_p(line, style) for line in title_lines(text, width_pt, measure)]


def render_monthly(data: MonthlyReportData, path: str | Path) -> Path:
    from .fonts import letter_fonts

    fonts = letter_fonts()
    st = _styles(fonts)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    title = f"{data.year}年{data.month}月基层党建督查通报"
    month = f"{data.year}年{data.month}月"
    doc = SimpleDocTemplate(str(path), pagesize=A4, topMargin=37 * mm, bottomMargin=35 * mm,
                            leftMargin=28 * mm, rightMargin=26 * mm, title=title, author=data.agency_name,
                            initialFontName=fonts.body)  # no Helvetica in the file

    def red_lines(canvas, _doc) -> None:
        canvas.saveState()
        canvas.setStrokeColor(RED)
        if canvas.getPageNumber() == 1:
            y = A4[1] - 72 * mm
            canvas.setLineWidth(2)
            canvas.line(20 * mm, y, 190 * mm, y)
        else:
            canvas.setFont(fonts.page_number, 14)
            x = 184 * mm if canvas.getPageNumber() % 2 else 26 * mm
            canvas.drawCentredString(x, 28 * mm, f"— {canvas.getPageNumber()} —")
        if data.audit_head:  # the footer line: an anchor of the audit chain (docs/tamper-evidence.md)
            canvas.setFillColor(colors.grey)
            canvas.setFont(fonts.body, 6)
            canvas.drawCentredString(A4[0] / 2, 12 * mm, data.audit_head)
        canvas.restoreState()

    s = st
    story = [
        _p("基层党建督查通报", s["agency"]),
        Spacer(1, 4 * mm),
        _p(f"第{data.issue_no}期", s["issue"]),
        _p(f"{data.agency_name}　　　　　　　　{data.issued.year}年{data.issued.month}月{data.issued.day}日",
           s["issue"]),
        Spacer(1, 14 * mm),
        *_title(title, s["title"], 156 * mm),
        Spacer(1, 6 * mm),
    ]
    rate = _pct(data.rate)
    kinds = data.letters_by_kind
    as_of = data.as_of or data.issued
    when = f"截至{as_of.year}年{as_of.month}月{as_of.day}日"
    story.append(BodyText(
        f"{when}，{data.month}月全县共查出基层党建问题{data.found}条，已整改销号{data.rectified}条，整改率{rate}；"
        f"本月逾期整改（超过整改时限才销号）{data.late}条，逾期未整改{data.overdue}条；"
        f"发出工作提示函{kinds.get('提示函', 0)}份、工作督办函{kinds.get('督办函', 0)}份、"
        f"工作预警函{kinds.get('预警函', 0)}份。{data.ytd_sentence()}。", fonts.body))
    story += _heading(f"一、{month}重点任务", s, 45)
    if data.tasks:
        story.append(_table([["序号", "工作任务", "完成时限"]] +
                            [[str(i), t, d] for i, (t, d) in enumerate(data.tasks, 1)], [14, 108, 34], s))
    else:
        story.append(_p("本月未安排重点任务。", s["body"]))
    story += _task_completion_section(data, s)
    story += _heading(f"二、{month}问题发现情况", s, 45)
    story.append(_table([["问题类别", "问题数"]] + [[c, str(n)] for c, n in data.by_category] +
                        [["合计", str(data.found)]], [110, 46], s, total=True, numeric_from=1))
    story.append(Spacer(1, 3 * mm))
    story.append(_bar_chart(data, fonts.body))
    story += _heading("三、各乡镇（单位）问题类别分布", s, 45)
    story.append(_category_table(data, s))
    story += _heading("四、各乡镇（单位）整改情况", s, 45)
    rows = [["乡镇（单位）", "发现问题", "已整改", "逾期整改", "逾期未整改", "整改率", "三函"]]
    for t in data.townships:
        rows.append([t.name, str(t.found), str(t.rectified), str(t.late), str(t.overdue), _pct(t.rate),
                     str(t.letters)])
    rows.append(["合计", str(data.found), str(data.rectified), str(data.late), str(data.overdue), rate,
                 str(sum(t.letters for t in data.townships))])
    story.append(_table(rows, [40, 19, 19, 19, 21, 20, 18], s, total=True, numeric_from=1))
    story += _heading("五、排名情况", s, 45)
    ranked, unranked = data.ranking()
    if ranked:
        story.append(_table([["名次", "乡镇（单位）", "发现问题", "已整改", "整改率", "逾期未整改"]] +
                            [[str(n), t.name, str(t.found), str(t.rectified), _pct(t.rate), str(t.overdue)]
                             for n, t in ranked],
                            [14, 46, 22, 22, 24, 28], s, numeric_from=2))
    else:
        story.append(_p("本月各乡镇（单位）均未发现问题，也无逾期未整改问题，不排名。", s["body"]))
    if unranked:
        story.append(Spacer(1, 2 * mm))
        story.append(BodyText("本月未发现问题、也无逾期未整改问题，不参加排名的乡镇（单位）："
                              + "、".join(t.name for t in unranked) + "。", fonts.body, size=12,
                              leading=20))
    story += _heading("六、预警情况", s, 30)
    if data.warnings:
        story.append(BodyText(warning_sentence(data.warnings), fonts.body))
        story.append(_table([["乡镇（单位）", "预警函文号", "签发日期", "扣分", "约谈"]] +
                            [[w.township, w.number, _day(w.issued), w.deduction, "约谈" if w.interview else "—"]
                             for w in data.warnings], [40, 44, 32, 18, 22], s, numeric_from=3))
    elif data.warned:
        story.append(BodyText(f"本月对{'、'.join(data.warned)}发出工作预警函，相关单位要认真整改，"
                              "按规定扣减年度考核分值。", fonts.body))
    else:
        story.append(_p("本月未发出工作预警函。", s["body"]))
    story += _heading("七、问责查办情况", s, 30)
    if data.cases:
        story.append(BodyText(case_sentence(data.cases), fonts.body))
        story.append(_table([["乡镇（单位）", "预警函文号", "最后整改期限", "建议措施", "决定"]] +
                            [[c.township, c.number, _day(c.final_deadline), c.proposed, c.decision]
                             for c in data.cases], [24, 36, 30, 28, 38], s))
    else:
        story.append(_p("本月没有问责查办事项。", s["body"]))
    story += _heading("八、典型问题", s, 30)
    if data.typical:
        for n, line in enumerate(data.typical, 1):
            story.append(BodyText(f"{n}. {line}", fonts.body, size=14, leading=24))
    else:
        story.append(_p("本月未发现问题。", s["body"]))
    story += _heading("九、督办后调整的问题", s, 30)
    if data.adjustments:
        story.append(_table([["经办人", "问题", "调整内容", "理由"]] + [list(a) for a in data.adjustments],
                            [22, 50, 46, 38], s))
    else:
        story.append(_p("本月没有督办后调整整改时限或严重程度的问题。", s["body"]))
    story += _heading(f"十、{data.year}年走势", s, 90)
    story.append(_trend_chart(data, fonts.body))
    story += _heading("十一、下步工作要求", s, 30)
    for para in [x.strip() for x in (data.requirements or "").splitlines() if x.strip()] or [
            "各乡镇（单位）要对照本通报逐条整改，按期报送整改情况。"]:
        story.append(BodyText(para, fonts.body))
    notes = [data.ranking_rule or _ranking_rule(),
             f"整改率＝本月发现且已整改销号的问题数÷本月发现问题数；逾期未整改：{when}已超过整改时限"
             "仍未销号的问题（含以前月份发现的），与同日工作台的“逾期未整改”一致；逾期整改：本月销号但销号日期"
             "晚于整改时限的问题，不计为按期整改。"]
    # the notes stay together with their heading (on the next page when they do not fit)
    # with the 报/送/发 block, so that it never stands on a page alone
    story.append(KeepTogether([_p("说明", s["h"])] + [
        BodyText(f"{n}. {note}", fonts.body, size=12, leading=20) for n, note in enumerate(notes, 1)]
        + _distribution(data, s)))
    doc.build(story, onFirstPage=red_lines, onLaterPages=red_lines)
    return path


def warning_sentence(warnings: list[WarningLine]) -> str:
    """The 预警 paragraph: each warning with its deduction, and 约谈 where it applies."""
    parts = [f"{w.township}（{w.number}），扣减年度党建工作考核{w.deduction}分，取消本年度评先评优资格"
             + ("，并约谈党委主要负责人" if w.interview else "") for w in warnings]
    return f"本月发出工作预警函{len(warnings)}份：" + "；".join(parts) + "。"


def case_sentence(cases: list[CaseLine]) -> str:
    """The 问责查办 paragraph: each case with its proposed measure and the decision."""
    parts = [f"{c.township}（{c.number}最后整改期限{_day(c.final_deadline)}已过，问题仍未整改），建议{c.proposed}，"
             + (f"已决定：{c.decision}" if c.decision != "待决定" else "待县委组织部决定") for c in cases]
    return f"问责查办{len(cases)}起：" + "；".join(parts) + "。"


def _day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _distribution(data: MonthlyReportData, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    """The 报 / 送 / 发 block at the end (版记), from the settings; lines left empty are left out."""
    lines = [f"{word}：{text}。" for word, text in zip(("报", "送", "发"), data.distribution, strict=True)
             if text.strip()]
    if not lines:
        return []
    return [Spacer(1, 6 * mm), KeepTogether([_p(x, s["cell"]) for x in lines])]


def _ranking_rule() -> str:
    from models.services.stats import RANKING_RULE

    return RANKING_RULE


def _category_table(data: MonthlyReportData, s: dict[str, ParagraphStyle]) -> Flowable:
    """Townships down, problem categories across, 合计 column and row."""
    cats, lines = data.category_table
    if not cats:
        return _p("本月未发现问题。", s["body"])
    header = ["乡镇（单位）", *cats, "合计"]
    rows = [header]
    col_totals = [0] * len(cats)
    for name, counts in lines:
        rows.append([name, *[str(n) if n else "" for n in counts], str(sum(counts))])
        col_totals = [a + b for a, b in zip(col_totals, counts, strict=True)]
    rows.append(["合计", *[str(n) for n in col_totals], str(sum(col_totals))])
    first, last = 30.0, 14.0
    rest = (156.0 - first - last) / len(cats)
    return _table(rows, [first, *[rest] * len(cats), last], s, total=True, numeric_from=1,
                  small=len(cats) > 5)


def monthly_report_data(session, actor, period, issued: date | None = None, as_of: date | None = None,
                        requirements: str = "") -> MonthlyReportData:
    """Gather the month's figures (models.services.stats) into the report's data (county accounts only).

    The figures are counted at `as_of` (default the issue date, at most the month's last day), the
    date the report states; 逾期未整改 is the dashboard's count for that day (stats.overdue_problem_ids)."""
    from models.services import access

    access.require_county_view(actor, "月度通报")
    from models.periods import Period, month
    from models.services.orgs import county_root, townships
    from models.services.stats import (
        RANKING_RULE,
        category_township_counts,
        default_categories,
        supervision_counts,
    )
    from models.settings import get_setting
    from models.supervision import Letter, LetterKind, LetterStatus, MonthTask, Problem

    issued = issued or date.today()
    as_of = min(as_of or issued, period.end)
    end = as_of
    towns = townships(session)
    counts = supervision_counts(session, period, as_of)
    lines = []
    for t in towns:
        c = counts.get(t.id, {})
        lines.append(TownshipLine(t.short_name or t.name, int(c.get("发现问题", 0)), int(c.get("已整改", 0)),
                                  int(c.get("逾期未整改", 0)),
                                  int(sum(c.get(k.value, 0) for k in LetterKind)), int(c.get("逾期整改", 0))))
    found_month = session.scalars(
        select(Problem.category).where(Problem.in_force, Problem.found_on >= period.start, Problem.found_on <= end)
    ).all()
    order = default_categories()
    cats = order + sorted({c for c in found_month} - set(order))
    by_category = [(c, found_month.count(c)) for c in cats if c in order or found_month.count(c)]
    kinds: dict[str, int] = {}
    warned: list[str] = []
    letters = session.execute(
        select(Letter.kind, Letter.recipient_id).where(
            Letter.issued_on >= period.start, Letter.issued_on <= end, Letter.status != LetterStatus.VOID)
    ).all()
    names = {t.id: t.short_name or t.name for t in towns}
    for kind, recipient in letters:
        kinds[kind.value] = kinds.get(kind.value, 0) + 1
        if kind == LetterKind.WARNING and names.get(recipient) not in warned:
            warned.append(names.get(recipient, str(recipient)))
    year_start = date(period.start.year, 1, 1)
    problems_ytd = session.execute(
        select(Problem.found_on, Problem.category, Problem.closed_on).where(
            Problem.in_force, Problem.found_on >= year_start, Problem.found_on <= end)
    ).all()
    trend = []
    for m in range(1, period.start.month + 1):
        p: Period = month(f"{period.start.year}-{m:02d}")
        found = sum(1 for f, _c, _x in problems_ytd if p.start <= f <= p.end)
        closed = session.scalar(
            select(func.count()).select_from(Problem).where(
                Problem.in_force, Problem.closed_on >= p.start, Problem.closed_on <= p.end)
        )
        trend.append((f"{m}月", found, int(closed or 0)))
    supervision_ytd = session.scalar(
        select(func.count()).select_from(Letter).where(
            Letter.kind == LetterKind.SUPERVISION, Letter.issued_on >= year_start, Letter.issued_on <= end,
            Letter.status != LetterStatus.VOID)
    )
    tasks = session.execute(
        select(MonthTask.title, MonthTask.due_on).where(MonthTask.month == period.label,
                                                        MonthTask.withdrawn.is_(False)).order_by(MonthTask.id)
    ).all()
    total = {k: sum(getattr(t, k) for t in lines) for k in ("found", "rectified", "overdue", "late")}
    # counted at the same date as the rest of the report
    cats, by_town = category_township_counts(session, Period(period.label, period.start, as_of))
    category_table = (cats, [(t.short_name or t.name, [int(by_town.get(t.id, {}).get(c, 0)) for c in cats])
                             for t in towns])
    from models.anchors import printed

    return MonthlyReportData(
        audit_head=printed(session.connection()),
        agency_name=get_setting(session, "agency_name"),
        county_name=county_root(session).name,
        year=period.start.year, month=period.start.month,
        issued=issued, issue_no=period.start.month, as_of=as_of, late=total["late"],
        warnings=_warning_lines(session, period, as_of, names),
        cases=_case_lines(session, actor, period, as_of),
        typical=_typical(session, period, as_of),
        adjustments=_adjustments(session, actor, period, as_of),
        requirements=requirements,
        distribution=(get_setting(session, "report_to"), get_setting(session, "report_send"),
                      get_setting(session, "report_issue")),
        tasks=[(t, f"{d.year}年{d.month}月{d.day}日" if d else "") for t, d in tasks],
        by_category=by_category, townships=lines, letters_by_kind=kinds,
        found=total["found"], rectified=total["rectified"], overdue=total["overdue"], warned=warned,
        trend=trend,
        ytd_categories=len({c for _f, c, _x in problems_ytd}),
        ytd_found=len(problems_ytd),
        ytd_supervision_letters=int(supervision_ytd or 0),
        ytd_rectified=sum(1 for _f, _c, x in problems_ytd if x is not None and x <= end),
        category_table=category_table,
        ranking_rule=RANKING_RULE,
        task_completion=task_completion_rows(session, actor, period, issued or date.today()),
    )



# ---------------------------------------------------------------- task receipts (docs/task-receipts.md)


def task_completion_rows(session, actor, period, as_of: date) -> list:
    """Each township's receipts for the month's tasks as of the report's date."""
    from models.services import supervision as sv

    return sv.completion_by_township(session, actor, period.label, as_of)


def _task_completion_section(data: MonthlyReportData, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    """The month's tasks per township: 完成, 部分完成, 未完成, 未报送 and 逾期 (reported after the
    完成时限, or still unreported past it on the report's date), with a 合计 row."""
    lines = data.task_completion
    if not data.tasks or not lines:
        return []
    on = f"{data.issued.year}年{data.issued.month}月{data.issued.day}日"
    rows = [["乡镇（单位）", "重点任务", "完成", "部分完成", "未完成", "未报送", "逾期"]]
    keys = ("tasks", "done", "partly", "not_done", "unreported", "late")
    for c in lines:
        rows.append([c.name, *[str(getattr(c, k)) for k in keys]])
    rows.append(["合计", *[str(sum(getattr(c, k) for c in lines)) for k in keys]])
    return [
        CondPageBreak(45 * mm),
        _p(f"各乡镇（单位）重点任务完成情况（截至{on}）", s["h"]),
        _table(rows, [40, 20, 18, 22, 20, 18, 18], s, total=True, numeric_from=1),
        Spacer(1, 2 * mm),
        _p("逾期：超过完成时限才报送，或已过完成时限仍未报送（未按时完成重点任务）。", s["note"]),
    ]
def _warning_lines(session, period, as_of: date, names: dict[int, str]) -> list[WarningLine]:
    """The 预警函 issued in the month (by as_of) with their deductions and 约谈."""
    from models.supervision import Letter, WarningConsequence

    rows = session.execute(
        select(Letter.recipient_id, Letter.number, Letter.issued_on, WarningConsequence.deduction,
               WarningConsequence.interview)
        .join(Letter, Letter.id == WarningConsequence.letter_id)
        .where(WarningConsequence.voided.is_(False), Letter.issued_on >= period.start, Letter.issued_on <= as_of)
        .order_by(Letter.issued_on, Letter.id)).all()
    return [WarningLine(names.get(r, str(r)), number or "", on, f"{deduction.normalize():f}", interview)
            for r, number, on, deduction, interview in rows]


def _case_lines(session, actor, period, as_of: date) -> list[CaseLine]:
    """The 问责查办 cases that arose in the month or were decided in it, and earlier ones still
    undecided, with their decisions (docs/accountability.md)."""
    from models.services.supervision import accountability_cases

    out = []
    for c in accountability_cases(session, actor, as_of):
        on = c.decided_on
        decided = on is not None and on <= as_of
        if c.opened_on >= period.start or on is None or not decided or on >= period.start:
            decision = f"{c.measure}（{_day(on)}决定）" if on is not None and decided else "待决定"
            out.append(CaseLine(c.township, c.letter_number, c.final_deadline, c.proposed, decision))
    return out


#: how many problems the report names
TYPICAL_COUNT = 10


def _typical(session, period, as_of: date) -> list[str]:
    """The month's problems named, the serious ones first, then by date found (at most TYPICAL_COUNT)."""
    from models.supervision import Problem, Severity

    problems = session.scalars(
        select(Problem).where(Problem.in_force, Problem.found_on >= period.start, Problem.found_on <= as_of)
        .order_by(Problem.found_on, Problem.id)).all()
    problems = sorted(problems, key=lambda p: 0 if p.severity == Severity.SERIOUS else 1)[:TYPICAL_COUNT]
    return [f"{p.org.short_name or p.org.name}：{p.description}（{p.category}，{p.severity.value}，"
            f"{p.source.value}，{_day(p.found_on)}发现）" for p in problems]


def _adjustments(session, actor, period, as_of: date) -> list[tuple[str, str, str, str]]:
    """督办后调整的问题: the month's audit rows of entity "problem", action "adjust" (a severity or
    deadline changed after a 督办函 listed it): account, problem, old → new, reason."""
    from datetime import datetime, time

    from models.audit import AuditEntry
    from models.services.auditlog import describe_changes
    from models.supervision import Problem

    rows = session.scalars(
        select(AuditEntry).where(AuditEntry.entity == "problem", AuditEntry.action == "adjust",
                                 AuditEntry.at >= datetime.combine(period.start, time.min),
                                 AuditEntry.at <= datetime.combine(as_of, time.max))
        .order_by(AuditEntry.id)).all()
    out = []
    for e in rows:
        problem = session.get(Problem, e.entity_id) if e.entity_id else None
        what = (f"{problem.org.short_name or problem.org.name}：{problem.description}" if problem
                else f"问题{e.entity_id}")
        change = "；".join(f"{label}：{old} → {new}" for label, old, new in describe_changes(e, actor))
        out.append((e.account, what, change, e.note or ""))
    return out
