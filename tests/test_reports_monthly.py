"""The monthly report (月度督查通报): ranking rule, category × township table, page breaks, fonts."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest

from models.services.stats import RANKING_RULE, rank_townships
from reports import fonts as fontmod
from reports.monthly_pdf import MonthlyReportData, TownshipLine, monthly_report_data, render_monthly

pdfplumber = pytest.importorskip("pdfplumber")
NEEDS_POPPLER = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdffonts")),
    reason="poppler-utils (pdftotext, pdffonts) not installed",
)
CATS = ["组织建设", "党员管理", "组织生活", "阵地建设", "制度落实", "作用发挥", "党风廉政"]


def line(name, found, rectified, overdue, letters=0):
    return TownshipLine(name, found, rectified, overdue, letters)


# A: all rectified, none overdue; B: all rectified this month but an old problem overdue;
# C: a third rectified, none overdue; D: nothing at all; E: no new problem, 2 overdue
TOWNS = [line("乙镇B", 4, 4, 1), line("甲镇A", 2, 2, 0), line("丙乡C", 3, 1, 0), line("丁乡D", 0, 0, 0),
         line("戊乡E", 0, 0, 2)]


def test_ranking_rule():
    ranked, unranked = rank_townships(TOWNS)
    assert [(n, t.name) for n, t in ranked] == [(1, "甲镇A"), (2, "丙乡C"), (3, "乙镇B"), (4, "戊乡E")]
    assert [t.name for t in unranked] == ["丁乡D"]
    # every township with all problems rectified and none overdue ranks above every one with
    # an overdue problem
    places = {t.name: n for n, t in ranked}
    for t in TOWNS:
        for u in TOWNS:
            if t.found and t.rectified == t.found and not t.overdue and u.overdue:
                assert places[t.name] < places[u.name]
    # equal figures share a place
    ranked, _ = rank_townships([line("甲", 2, 2, 0), line("乙", 4, 4, 0), line("丙", 1, 0, 0)])
    assert [(n, t.name) for n, t in ranked] == [(1, "乙"), (1, "甲"), (3, "丙")]


def make_data(towns: list[TownshipLine], **over) -> MonthlyReportData:
    cat_rows = [(t.name, [(t.found + k) % 3 if t.found else 0 for k in range(len(CATS))]) for t in towns]
    values = dict(
        agency_name="中共某某县委组织部", county_name="中共某某县委员会", year=2026, month=11,
        issued=date(2026, 12, 2), issue_no=11, tasks=[("召开支部党员大会", "2026年11月30日")],
        by_category=[(c, 1) for c in CATS], townships=towns, letters_by_kind={"督办函": 2},
        found=sum(t.found for t in towns), rectified=sum(t.rectified for t in towns),
        overdue=sum(t.overdue for t in towns), warned=[],
        trend=[(f"{m}月", m, m - 1) for m in range(1, 12)],
        category_table=(CATS, cat_rows), ranking_rule=RANKING_RULE,
    )
    values.update(over)
    return MonthlyReportData(**values)


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@NEEDS_POPPLER
def test_the_report_ranks_by_the_rule_and_states_it(tmp_path):
    path = render_monthly(make_data(TOWNS), tmp_path / "m.pdf")
    text = pdf_text(path)
    flat = re.sub(r"—\d+—", "", "".join(text.split()))  # without the page numbers
    ranking = flat[flat.index("五、排名情况"):flat.index("六、预警情况")]
    order = [ranking.index(name) for name in ("甲镇A", "丙乡C", "乙镇B", "戊乡E")]
    assert order == sorted(order)
    assert "丁乡D" not in ranking.split("不参加排名")[0].split("逾期未整改")[-1]  # not in the table
    assert "不参加排名的乡镇（单位）：丁乡D。" in ranking
    assert "".join(RANKING_RULE.split()) in flat  # the rule is in the notes
    rows = [ln.split() for ln in text.splitlines()]
    first = next(r for r in rows if len(r) > 1 and r[1] == "甲镇A")
    assert first[0] == "1"


@NEEDS_POPPLER
def test_every_font_in_the_report_is_embedded(tmp_path):
    path = render_monthly(make_data(TOWNS), tmp_path / "m.pdf")
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    assert out
    for row in out:
        assert row.split()[-5] == "yes", row  # no Helvetica or other unembedded font
        assert "Helvetica" not in row


@NEEDS_POPPLER
def test_category_by_township_table(session, actor, county, tmp_path):
    from models.periods import month
    from tests.supervision_factories import problem

    problem(session, actor, county.village, category="组织生活")
    problem(session, actor, county.community, category="组织生活", description="党员活动室挪作他用")
    problem(session, actor, county.community, category="阵地建设", description="阵地标识缺失")
    problem(session, actor, county.school, category="党员管理", description="党费台账未登记")
    problem(session, actor, county.school, category="党员管理", found_on=date(2026, 4, 2),
            description="下月的问题")
    session.commit()
    data = monthly_report_data(session, actor, month("2026-03"), issued=date(2026, 4, 1))
    cats, rows = data.category_table
    assert cats[:7] == CATS
    by_name = dict(rows)
    assert by_name["东城镇党委"][cats.index("组织生活")] == 2
    assert by_name["东城镇党委"][cats.index("阵地建设")] == 1
    assert by_name["西山乡党委"][cats.index("党员管理")] == 1  # April's problem not counted
    assert sum(by_name["西山乡党委"]) == 1
    text = pdf_text(render_monthly(data, tmp_path / "m.pdf"))
    table = text[text.index("问题类别分布"):text.index("整改情况")]
    lines = {ln.split()[0]: ln.split()[1:] for ln in table.splitlines() if ln.split()}
    # the cells show counts (blank for none) and the row total last
    assert lines["东城镇党委"] == ["2", "1", "3"]
    assert lines["西山乡党委"] == ["1", "1"]
    assert lines["合计"] == ["0", "1", "2", "1", "0", "0", "0", "4"]


def _page_lines(path) -> list[list[str]]:
    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            lines = [ln.strip() for ln in (page.extract_text() or "").splitlines() if ln.strip()]
            pages.append([ln for ln in lines if not ln.startswith("—")])  # without page numbers
    return pages


HEADINGS = ("一、", "二、", "三、", "四、", "五、", "六、", "七、", "说明")
TABLE_HEADERS = ("乡镇（单位）", "问题类别", "序号", "名次")


def test_no_total_row_or_heading_alone_on_a_page(tmp_path):
    seen_split = 0
    for n in (14, 21, 27, 32, 38, 45):  # 27 and 32 put 合计 alone on a page without the rule
        towns = [line(f"第{i}乡镇", i % 4, i % 4 - (i % 2 if i % 4 else 0), i % 3 == 0) for i in range(n)]
        pages = _page_lines(render_monthly(make_data(towns), tmp_path / f"m{n}.pdf"))
        for p, lines in enumerate(pages):
            for i, ln in enumerate(lines):
                if ln.startswith("合计"):
                    before = [x for x in lines[:i] if not x.startswith(TABLE_HEADERS)]
                    assert before, f"{n} townships: 合计 alone at the top of page {p + 1}"
                    assert not before[-1].startswith(HEADINGS), n
            if p < len(pages) - 1:
                assert not lines[-1].startswith(HEADINGS), f"{n}: heading alone at the foot of page {p + 1}"
            if p and lines and lines[0].startswith(TABLE_HEADERS):
                seen_split += 1
    assert seen_split  # some table really ran across pages


@NEEDS_POPPLER
def test_heading_digits_render_when_the_heading_face_lacks_them(tmp_path, monkeypatch):
    from reportlab.pdfbase import pdfmetrics

    lf = fontmod.letter_fonts()
    face = pdfmetrics.getFont(lf.table_header).face
    had_digits = fontmod.has_glyph(lf.table_header, "2")  # whatever faces this machine has
    without = {k: v for k, v in face.charToGlyph.items() if not 0x30 <= k <= 0x39}
    monkeypatch.setattr(face, "charToGlyph", without)
    fontmod._char_font.clear()
    try:
        path = render_monthly(make_data(TOWNS), tmp_path / "m.pdf")
        with pdfplumber.open(path) as pdf:
            chars = [c for p in pdf.pages for c in p.chars if abs(c["size"] - 16) < 0.5]
    finally:
        monkeypatch.undo()
        fontmod._char_font.clear()
    text = "".join(c["text"] for c in chars)
    assert "一、2026年11月重点任务" in text
    heading = text.index("一、2026年11月")
    one, two = chars[heading], chars[heading + 2]  # 一 and 2
    base = lambda c: c["fontname"].split("+")[-1]  # noqa: E731
    assert base(one) != base(two)  # the digit came from a face that has it
    assert fontmod.has_glyph(lf.table_header, "2") == had_digits  # the patch is gone
