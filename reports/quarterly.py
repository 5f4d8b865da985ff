"""The quarterly workbook sent upward (docs/interfaces.md), and the sum of several such workbooks.

Every summary sheet: a merged title in row 1; 填报单位, 报送日期 and the quarter in row 2; headers
in row 3; one row per township-level committee (its name in column A); then a row whose column A
is 合计 holding the column sums as values. Rate columns are not sums: their 合计 is computed from
the summed numerator and denominator. 问题明细 lists every problem of the quarter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from models.actor import Actor
from models.errors import DomainError
from models.periods import Period
from models.services import access
from models.services.orgs import townships
from models.services.pairing.assessment import COUNT_COLUMNS as ASSESSMENT_COLUMNS

from .xlsx import (
    BORDER,
    HEADER_FILL,
    _save,
    header_height,
    print_ready,
    row_height,
)

TOTAL = "合计"
UNIT = "单位"
HEADER_ROW = 3
FIRST_DATA_ROW = 4


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "int"  # int | money | rate | text | date
    #: narrow, the header wrapping, so that the widest sheet (18 columns) prints at 10 pt or more
    width: float = 6.5
    #: for rate columns: (numerator column, denominator column), percent with one decimal
    rate_of: tuple[str, str] | None = None

    @property
    def summable(self) -> bool:
        return self.kind in ("int", "money")


Counts = dict[int, dict[str, float]]


@dataclass(frozen=True)
class SummarySheet:
    name: str
    title: str
    columns: Sequence[Column]
    #: (session, period) → {township id: {column: value}}
    counts: Callable[[Session, Period], Counts]
    #: with a "较上季度" column after each of these: this quarter minus the previous
    compare: Sequence[str] = field(default_factory=tuple)

    def headers(self) -> list[str]:
        out = [UNIT]
        for c in self.columns:
            out.append(c.name)
            if c.name in self.compare:
                out.append(f"{c.name}较上季度")
        return out


@dataclass(frozen=True)
class DetailSheet:
    name: str
    title: str
    columns: Sequence[Column]
    #: (session, period) → rows (values in column order, column A the township)
    rows: Callable[[Session, Period], list[list[Any]]]

    def headers(self) -> list[str]:
        return [c.name for c in self.columns]


def rate(numerator: float, denominator: float) -> float | None:
    if not denominator:
        return None
    return round(float(numerator) * 100 / float(denominator), 1)


def summary_rows(sheet: SummarySheet, names: list[str], per_unit: list[dict[str, float]],
                 previous: list[dict[str, float]] | None) -> list[list[Any]]:
    """Rows for the units, then 合计: every value written as a value, never only a formula."""
    rows = []
    totals: dict[str, float] = {}
    prev_totals: dict[str, float] = {}
    for i, (name, counts) in enumerate(zip(names, per_unit, strict=True)):
        prev = previous[i] if previous is not None else None
        rows.append([name] + _cells(sheet, counts, prev))
        for c in sheet.columns:
            if c.summable:
                totals[c.name] = totals.get(c.name, 0) + counts.get(c.name, 0)
                if prev is not None:
                    prev_totals[c.name] = prev_totals.get(c.name, 0) + prev.get(c.name, 0)
    rows.append([TOTAL] + _cells(sheet, totals, prev_totals if previous is not None else None))
    return rows


def _number(column: Column, value: float) -> Any:
    if column.kind == "money":
        return float(Decimal(str(value)).quantize(Decimal("0.01")))
    return int(round(value))


def _cells(sheet: SummarySheet, counts: dict[str, float], prev: dict[str, float] | None) -> list[Any]:
    out: list[Any] = []
    for c in sheet.columns:
        if c.rate_of:
            out.append(rate(counts.get(c.rate_of[0], 0), counts.get(c.rate_of[1], 0)))
        else:
            out.append(_number(c, counts.get(c.name, 0)))
        if c.name in sheet.compare:
            out.append(None if prev is None else _number(c, counts.get(c.name, 0) - prev.get(c.name, 0)))
    return out


# ---------------------------------------------------------------- writing


UNIT_WIDTH = 11.5


def _title_rows(ws: Worksheet, title: str, widths: Sequence[float], unit: str, reported: date,
                period: Period) -> None:
    ncols = len(widths)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    cell = ws.cell(row=1, column=1, value=title)
    cell.font = Font(bold=True, size=16)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    # a narrow sheet's title wraps: 16 pt characters against the sheet's width in points
    lines = -(-len(title) * 16 // int(sum(widths) * 5.25 - 10))  # 5.25 pt a unit: Excel, the narrowest
    ws.row_dimensions[1].height = 22 * lines + 8
    ws.cell(row=2, column=1, value=f"填报单位：{unit}")
    mid = max(2, ncols // 2)
    ws.cell(row=2, column=mid, value=f"报送日期：{reported.year}年{reported.month}月{reported.day}日")
    ws.cell(row=2, column=ncols, value=f"季度：{period.label}").alignment = Alignment(horizontal="right")


def _table(ws: Worksheet, headers: list[str], rows: list[list[Any]], widths: list[float],
           kinds: list[str]) -> None:
    for col, h in enumerate(headers, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=h)
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = widths[col - 1]
    ws.row_dimensions[HEADER_ROW].height = header_height(headers, widths)
    formats = {"money": "#,##0.00", "rate": "0.0", "int": "0", "date": "yyyy-mm-dd"}
    wrap, top = Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")
    wrapped = [i for i, k in enumerate(kinds) if k in ("text", "unit")]
    for r, row in enumerate(rows, start=FIRST_DATA_ROW):
        height = row_height(row, widths, wrapped)
        if height is not None:  # LibreOffice does not fit row heights when it opens a file
            ws.row_dimensions[r].height = height
        for col, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=col, value=value)
            cell.border = BORDER
            kind = kinds[col - 1]
            if kind in formats:
                cell.number_format = formats[kind]
            if kind in ("text", "unit"):
                cell.alignment = wrap
            elif height is not None:
                cell.alignment = top
        if row and row[0] == TOTAL:
            for col in range(1, len(row) + 1):
                ws.cell(row=r, column=col).font = Font(bold=True)
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=2).coordinate
    print_ready(ws, widths, HEADER_ROW)


def _summary_layout(sheet: SummarySheet) -> tuple[list[float], list[str]]:
    widths, kinds = [UNIT_WIDTH], ["unit"]
    for c in sheet.columns:
        widths.append(c.width)
        kinds.append(c.kind)
        if c.name in sheet.compare:
            widths.append(c.width)
            kinds.append(c.kind)
    return widths, kinds


#: the first sheet's last line: the audit chain's head when the workbook was made
#: (models/anchors.py, docs/tamper-evidence.md); the reader skips it
AUDIT_HEAD = "审计链头："


def write_workbook(path: str | Path, unit: str, period: Period, reported: date,
                   sheets: Sequence[SummarySheet | DetailSheet],
                   summaries: dict[str, list[list[Any]]], details: dict[str, list[list[Any]]],
                   audit_head: str = "") -> Path:
    wb = Workbook()
    wb.remove(wb.worksheets[0])
    for number, sheet in enumerate(sheets):
        ws = wb.create_sheet(sheet.name)
        headers = sheet.headers()
        if isinstance(sheet, SummarySheet):
            widths, kinds = _summary_layout(sheet)
            rows = summaries[sheet.name]
        else:
            widths, kinds = [c.width for c in sheet.columns], [c.kind for c in sheet.columns]
            rows = details[sheet.name]
        _title_rows(ws, f"{unit}{period.title}{sheet.title}", widths, unit, reported, period)
        _table(ws, headers, rows, widths, kinds)
        if number == 0 and audit_head:
            line = ws.cell(row=ws.max_row + 2, column=1, value=audit_head)
            line.font = Font(size=8, color="808080")
    _save(wb, Path(path))
    return Path(path)


def export_quarterly(session: Session, actor: Actor, path: str | Path, period: Period, unit: str,
                     sheets: Sequence[SummarySheet | DetailSheet], reported: date | None = None) -> Path:
    """The workbook of one county: a row per township-level committee (county accounts only)."""
    access.require_county_view(actor, "季度报表")
    towns = townships(session)
    names = [t.short_name or t.name for t in towns]
    summaries, details = {}, {}
    prev_period = period.previous()
    for sheet in sheets:
        if isinstance(sheet, SummarySheet):
            now = sheet.counts(session, period)
            prev = sheet.counts(session, prev_period) if sheet.compare else None
            summaries[sheet.name] = summary_rows(
                sheet, names, [now.get(t.id, {}) for t in towns],
                [prev.get(t.id, {}) for t in towns] if prev is not None else None,
            )
        else:
            details[sheet.name] = sheet.rows(session, period)
    from models.anchors import printed

    return write_workbook(path, unit, period, reported or date.today(), sheets, summaries, details,
                          printed(session.connection()))


# ---------------------------------------------------------------- reading and adding up


@dataclass
class UnitWorkbook:
    unit: str
    period: str
    #: sheet → its 合计 row as {header: value}; detail sheets → their rows
    totals: dict[str, dict[str, Any]]
    details: dict[str, list[list[Any]]]
    #: hidden sheets not read
    hidden: list[str] = field(default_factory=list)


def _cell_text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def read_unit_workbook(path: str | Path, sheets: Sequence[SummarySheet | DetailSheet]) -> tuple[UnitWorkbook, list[str]]:
    """Read one subordinate unit's workbook; the list names every mismatch found."""
    path = Path(path)
    from .sheetreader import read_workbook  # .xlsx, .xls and WPS .et alike

    read = read_workbook(path)
    # a hidden sheet is never added up (docs/input-checks.md): named, as a problem when it is one
    # of the sheets expected (the visible ones are then incomplete), else as a note
    book = {sh.name: sh.rows for sh in read if not sh.hidden}
    hidden = [sh.name for sh in read if sh.hidden]
    problems: list[str] = []
    expected = {s.name for s in sheets}
    if any(n in expected for n in hidden):
        problems.append(f"{path.name}：工作表{'、'.join(n for n in hidden if n in expected)}是隐藏的，"
                        "未汇总；请在 Excel 中取消隐藏后再汇总")
    expected_names = [s.name for s in sheets]
    if list(book)[: len(expected_names)] != expected_names:
        problems.append(f"{path.name}：工作表应依次为 {'、'.join(expected_names)}，实为 {'、'.join(book)}")
    unit, quarter_label = "", ""
    totals: dict[str, dict[str, Any]] = {}
    details: dict[str, list[list[Any]]] = {}
    for sheet in sheets:
        if sheet.name not in book:
            continue
        rows = book[sheet.name]
        headers = sheet.headers()
        if len(rows) < HEADER_ROW:
            problems.append(f"{path.name}「{sheet.name}」：内容不完整")
            continue
        row2 = [_cell_text(v) for v in rows[1]]
        for v in row2:
            if v.startswith("填报单位：") and not unit:
                unit = v.removeprefix("填报单位：")
            if v.startswith("季度：") and not quarter_label:
                quarter_label = v.removeprefix("季度：")
        got = [_cell_text(v) for v in rows[HEADER_ROW - 1][: len(headers)]]
        if got != headers:
            problems.append(f"{path.name}「{sheet.name}」第{HEADER_ROW}行表头不符：应为 {'、'.join(headers)}")
            continue
        data = [r[: len(headers)] for r in rows[FIRST_DATA_ROW - 1:] if any(v is not None for v in r)
                and not _cell_text(r[0]).startswith(AUDIT_HEAD)]
        if isinstance(sheet, DetailSheet):
            details[sheet.name] = data
            continue
        bad = cell_errors(path.name, sheet, rows)
        if bad:
            problems.extend(bad)
            continue
        body = [r for r in data if _cell_text(r[0]) != TOTAL]
        total_rows = [r for r in data if _cell_text(r[0]) == TOTAL]
        if len(total_rows) != 1:
            problems.append(f"{path.name}「{sheet.name}」：缺少“合计”行")
            continue
        total = dict(zip(headers, total_rows[0], strict=True))
        for col, h in enumerate(headers[1:], start=1):
            column = _column_of(sheet, h)
            if column is None or not column.summable:
                continue
            summed = sum(_num(r[col]) for r in body)
            if abs(summed - _num(total[h])) > 0.005:
                row_no = FIRST_DATA_ROW + data.index(total_rows[0])
                problems.append(
                    f"{path.name}「{sheet.name}」第{row_no}行“合计”的“{h}”为{_num(total[h]):g}，"
                    f"但各行之和为{summed:g}"
                )
        totals[sheet.name] = total
    if not unit:
        problems.append(f"{path.name}：第2行缺少“填报单位”")
    return UnitWorkbook(unit or path.stem, quarter_label, totals, details,
                        [n for n in hidden if n not in expected]), problems


#: the largest figure a cell of an upward workbook may hold: a count, an amount in yuan
MAX_COUNT = 10_000_000
MAX_AMOUNT = Decimal("999999999999.99")


def cell_errors(file: str, sheet: SummarySheet, rows: list[list[Any]]) -> list[str]:
    """Every figure of a unit's summary sheet checked by itself, before anything is added up
    (docs/input-checks.md): a count is a whole number from 0, an amount has at most two decimals,
    a rate lies from 0 to 100, a 较上季度 difference may be negative; each bad cell named by its
    address, unit and column."""
    headers = sheet.headers()
    out = []
    for r, row in enumerate(rows[FIRST_DATA_ROW - 1:], start=FIRST_DATA_ROW):
        if not any(v is not None and v != "" for v in row):
            continue
        unit = _cell_text(row[0]) if row else ""
        for i, h in enumerate(headers[1:], start=1):
            value = row[i] if i < len(row) else None
            reason = _figure_error(_column_of(sheet, h), h, value)
            if reason:
                out.append(f"{file}「{sheet.name}」{get_column_letter(i + 1)}{r}单元格（{unit}的“{h}”）"
                           f"“{value}”：{reason}")
    return out


def _figure_error(column: Column | None, header: str, value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    kind = column.kind if column is not None else "int"
    if kind in ("text", "date"):
        return None
    if isinstance(value, bool):
        return "应为数字"
    try:
        d = Decimal(f"{value:.15g}" if isinstance(value, float) else str(value).strip())
    except (InvalidOperation, ValueError):
        return "应为数字"
    if not d.is_finite():
        return "应为数字"
    if kind == "rate":
        return None if Decimal(0) <= d <= Decimal(100) else "比率应在0至100之间"
    if kind == "int" and d != d.to_integral_value():
        return "应为整数（个数、人数不能有小数）"
    if kind == "money" and d != d.quantize(Decimal("0.01")):
        return "金额最多两位小数"
    if d < 0 and not header.endswith("较上季度"):
        return "不能为负数"
    if abs(d) > (MAX_AMOUNT if kind == "money" else MAX_COUNT):
        return "数值过大，请核对"
    return None


def _column_of(sheet: SummarySheet, header: str) -> Column | None:
    for c in sheet.columns:
        if c.name == header or header == f"{c.name}较上季度":
            return c
    return None


def _num(value: Any) -> float:
    if value is None or value == "":
        return 0.0
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def out_is_input(out: str | Path, paths: Sequence[str | Path]) -> str | None:
    """The input that `out` would overwrite, if any (the same file by any name)."""
    target = Path(out)
    for p in paths:
        p = Path(p)
        try:
            if target.resolve() == p.resolve() or (target.exists() and p.exists() and target.samefile(p)):
                return str(p)
        except OSError:
            continue
    return None


def sum_workbooks(paths: Sequence[str | Path], out: str | Path, unit: str,
                  sheets: Sequence[SummarySheet | DetailSheet], reported: date | None = None) -> tuple[Path, list[str]]:
    """One summary workbook in the same layout with a row per subordinate unit.

    Refuses (DomainError listing every mismatch) when any workbook is malformed, its 合计 rows do
    not add up, or the workbooks are of different quarters.
    """
    clash = out_is_input(out, paths)
    if clash is not None:
        raise DomainError(f"汇总工作簿“{out}”不能是被汇总的工作簿之一（{clash}），请换一个文件名")
    units, problems = [], []
    seen: dict[tuple[str, str], Path] = {}
    for p in paths:
        book, found = read_unit_workbook(p, sheets)
        units.append(book)
        problems.extend(found)
        key = (book.unit, book.period)
        if key in seen:
            # the same unit's workbook twice would count its figures twice
            first, second = seen[key], Path(p)
            names = (first.name, second.name) if first.name != second.name else (str(first), str(second))
            problems.append(f"“{names[0]}”和“{names[1]}”都是{book.unit}{book.period}的报表，"
                            "同一单位同一季度只能汇总一份，请去掉其中一个文件")
        else:
            seen[key] = Path(p)
    quarters = {u.period for u in units}
    if len(quarters) > 1:
        problems.append(f"各工作簿的季度不一致：{'、'.join(sorted(quarters))}")
    if problems:
        raise DomainError("\n".join(problems))
    from models.periods import quarter

    period = quarter(units[0].period)
    summaries, details = {}, {}
    for sheet in sheets:
        if isinstance(sheet, SummarySheet):
            headers = sheet.headers()
            per_unit, prev = [], []
            for u in units:
                total = u.totals[sheet.name]
                per_unit.append({h: _num(total.get(h)) for h in headers[1:]})
                # the previous quarter's value is this quarter's minus the difference
                prev.append({c.name: _num(total.get(c.name)) - _num(total.get(f"{c.name}较上季度"))
                             for c in sheet.columns if c.name in sheet.compare})
            summaries[sheet.name] = summary_rows(sheet, [u.unit for u in units], per_unit,
                                                 prev if sheet.compare else None)
        else:
            rows = []
            for u in units:
                for r in u.details.get(sheet.name, []):
                    rows.append([f"{u.unit}·{r[0]}"] + list(r[1:]))
            details[sheet.name] = rows
    notes = [f"{Path(p).name}：隐藏的工作表未汇总：{'、'.join(u.hidden)}" for p, u in zip(paths, units, strict=True)
             if u.hidden]
    return write_workbook(out, unit, period, reported or date.today(), sheets, summaries, details), notes


# ---------------------------------------------------------------- the sheets of docs/interfaces.md


def _stats(name: str) -> Callable[[Session, Period], Any]:
    """A counting function of models.services.stats, imported when the sheet is built."""

    def counts(session: Session, period: Period) -> Any:
        from models.services import stats

        return getattr(stats, name)(session, period)

    return counts


def _orgs_and_rectifications(session: Session, period: Period) -> Counts:
    """org_member_counts plus the 软弱涣散 整顿 register's 整顿中 / 已转化 per township."""
    from models.services.rectification import township_counts

    counts = _stats("org_member_counts")(session, period)
    for township, extra in township_counts(session, period).items():
        counts.setdefault(township, {}).update(extra)
    return counts


ORGS_AND_MEMBERS = SummarySheet(
    "党组织和党员",
    "党组织和党员情况统计表",
    # 21 figures: a little narrower than other sheets', so it still prints at 9 pt on one A4 width
    [Column(n, "int", 6.0) for n in ("党组织总数", "党委", "党总支", "党支部", "软弱涣散党组织", "整顿中", "已转化",
                                     "党员总数", "正式党员", "预备党员", "女党员", "少数民族党员", "大专及以上",
                                     "35岁及以下", "本期发展党员", "流动党员", "失联党员")]
    + [Column(n, "int", 5.0) for n in ("本期转出县外", "本期转入")],
    _orgs_and_rectifications,
    compare=("党组织总数", "党员总数"),
)

STARS = SummarySheet(
    "星级评定",
    "星级评定情况统计表",
    [Column("参评党支部")] + [Column(f"{w}党支部") for w in ("五星", "四星", "三星", "二星", "一星")]
    + [Column("参评党员")] + [Column(f"{w}党员") for w in ("五星", "四星", "三星", "二星", "一星")]
    + [Column("不合格党员")],
    _stats("star_counts"),
)

GRADES = SummarySheet(
    "评议结果",
    "民主评议党员结果统计表",
    [Column("参评党员"), Column("优秀"), Column("合格"), Column("基本合格"), Column("不合格"),
     Column("不定等次"), Column("优秀率(%)", "rate", 6.5, ("优秀", "参评党员"))],
    _stats("grade_counts"),
)

def _pairings_and_assessments(session: Session, period: Period) -> Counts:
    """pairing_counts plus the yearly 结对帮扶 assessments of the quarter's year per township
    (services/pairing/assessment.py: the count per rating, the pairings 差 two years running)."""
    from models.services.pairing import assessment_counts

    counts = _stats("pairing_counts")(session, period)
    for township, extra in assessment_counts(session, period.end.year).items():
        counts.setdefault(township, {}).update(extra)
    return counts


PAIRINGS = SummarySheet(
    "结对帮扶",
    "结对帮扶情况统计表",
    [Column("结对数"), Column("城乡联建"), Column("活动次数"), Column("资金(元)", "money", 12),
     Column("项目数"), Column("受益人数")]
    # the year's assessments, added at the end (docs/evaluation-rules.md, 结对帮扶)
    + [Column(n) for n in ASSESSMENT_COLUMNS],
    _pairings_and_assessments,
    compare=("活动次数", "资金(元)"),
)


def _supervision_columns() -> list[Column]:
    from models.services.stats import default_categories

    cols = [Column("提示函"), Column("督办函"), Column("预警函"), Column("发现问题")]
    cols += [Column(c) for c in default_categories()] + [Column("其他类别")]
    cols += [Column("已整改"), Column("逾期未整改"), Column("整改率(%)", "rate", 6.5, ("已整改", "发现问题"))]
    # added at the end so the contract's columns keep their places (docs/accountability.md):
    # closed in the quarter on time / late, the 预警函's deductions, the 问责查办 cases that arose
    # (narrower, so that the sheet still prints at 9 pt or more)
    cols += [Column(n, "int", 4.5) for n in ("按期整改", "逾期整改", "预警扣分", "问责查办")]
    return cols


SUPERVISION = SummarySheet(
    "三函工作",
    "“三函”工作情况统计表",
    _supervision_columns(),
    _stats("supervision_counts"),
    compare=("发现问题",),
)

PROBLEMS = DetailSheet(
    "问题明细",
    "督查发现问题明细表",
    [Column("乡镇（单位）", "text", 10), Column("党组织", "text", 18), Column("发现日期", "date", 10.5),
     Column("来源", "text", 7), Column("问题类别", "text", 9), Column("问题描述", "text", 32),
     Column("严重程度", "text", 6), Column("整改时限", "date", 10.5), Column("状态", "text", 7),
     Column("销号日期", "date", 10.5)],
    lambda session, period: _stats("problem_rows")(session, period),
)

#: the six sheets of docs/interfaces.md, in this order
SHEETS: list[SummarySheet | DetailSheet] = [ORGS_AND_MEMBERS, STARS, GRADES, PAIRINGS, SUPERVISION, PROBLEMS]
