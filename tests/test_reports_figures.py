"""The quarterly workbook and the monthly report against the truth counted from the raw rows."""

import random
import subprocess
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from models.actor import SYSTEM
from models.pairing import PairingActivity
from models.periods import month, quarter
from models.services import members as ms
from models.services import pairing as ps
from models.services.orgs import township_of
from models.supervision import Letter, LetterStatus, Problem
from reports import quarterly as q
from reports.monthly_pdf import monthly_report_data, render_monthly
from tests.factories import member_values

TODAY = date(2026, 10, 31)
SHEETS = [q.ORGS_AND_MEMBERS, q.PAIRINGS, q.SUPERVISION, q.PROBLEMS]


@pytest.fixture
def county_year(session, actor, county):
    from models.demo.supervision import add_demo

    for n in range(1, 6):
        ms.create_member(session, actor, member_values(n))
    add_demo(session, actor, random.Random(7), "small", TODAY)
    p = ps.create_pairing(session, actor, type="城乡联建", leads=[ps.PartyRef("org", county.school.id)],
                          assisted=[ps.PartyRef("org", county.village.id), ps.PartyRef("org", county.community.id)],
                          start_on=date(2026, 1, 1))
    for d, funds in ((date(2026, 7, 3), "0.10"), (date(2026, 8, 9), "0.20"), (date(2026, 10, 2), "5")):
        ps.add_activity(session, actor, p.id, d, "资金帮扶", "修路", funds, "道路硬化", 12)
    session.commit()
    return county


def sheet_rows(path, name):
    ws = load_workbook(path)[name]
    headers = [c.value for c in ws[q.HEADER_ROW]]
    return {r[0]: dict(zip(headers, r, strict=True)) for r in ws.iter_rows(min_row=q.FIRST_DATA_ROW, values_only=True)}


def test_quarterly_numbers_equal_the_truth(session, county_year, tmp_path):
    period = quarter("2026Q3")
    path = q.export_quarterly(session, SYSTEM, tmp_path / "q.xlsx", period, "中共某某县委组织部", SHEETS,
                              reported=date(2026, 10, 9))
    assert load_workbook(path).sheetnames[:4] == ["党组织和党员", "结对帮扶", "三函工作", "问题明细"]
    rows = sheet_rows(path, "三函工作")
    towns = {"东城镇党委": county_year.east.id, "西山乡党委": county_year.west.id}
    problems = session.scalars(select(Problem)).all()
    letters = session.scalars(select(Letter)).all()
    for name, tid in towns.items():
        mine = [p for p in problems if township_of(session, p.org).id == tid]
        found = [p for p in mine if period.start <= p.found_on <= period.end]
        closed = [p for p in found if p.closed_on and p.closed_on <= period.end]
        overdue = [p for p in mine if p.found_on <= period.end and p.deadline < period.end
                   and not (p.closed_on and p.closed_on <= period.end)]
        assert rows[name]["发现问题"] == len(found)
        assert rows[name]["已整改"] == len(closed)
        assert rows[name]["逾期未整改"] == len(overdue)
        for kind in ("提示函", "督办函", "预警函"):
            sent = [x for x in letters if x.recipient_id == tid and x.kind.value == kind and x.issued_on
                    and period.start <= x.issued_on <= period.end and x.status != LetterStatus.VOID]
            assert rows[name][kind] == len(sent), (name, kind)
    for header, value in rows["合计"].items():
        if header not in ("单位", "整改率(%)"):
            assert value == sum(rows[n][header] for n in towns), header
    found_total = rows["合计"]["发现问题"]
    if found_total:
        assert rows["合计"]["整改率(%)"] == round(rows["合计"]["已整改"] * 100 / found_total, 1)
    detail = load_workbook(path)["问题明细"]
    listed = [r for r in detail.iter_rows(min_row=q.FIRST_DATA_ROW, values_only=True) if r[0]]
    assert len(listed) == sum(1 for p in problems if period.start <= p.found_on <= period.end)
    pair = sheet_rows(path, "结对帮扶")
    assert pair["合计"]["活动次数"] == 2 and pair["合计"]["资金(元)"] == 0.3
    acts = session.scalars(select(PairingActivity)).all()
    assert sum((a.funds for a in acts if period.start <= a.held_on <= period.end), Decimal(0)) == Decimal("0.30")
    assert pair["西山乡党委"]["结对数"] == 1 and pair["东城镇党委"]["结对数"] == 0


def test_monthly_report_text_and_pages(session, county_year, tmp_path):
    data = monthly_report_data(session, SYSTEM, month("2026-10"), issued=date(2026, 11, 3))
    path = render_monthly(data, tmp_path / "m.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
    flat = "".join(text.split())
    problems = session.scalars(select(Problem)).all()
    ytd = [p for p in problems if date(2026, 1, 1) <= p.found_on <= TODAY]
    supervision = [x for x in session.scalars(select(Letter)).all()
                   if x.kind.value == "督办函" and x.issued_on and x.issued_on.year == 2026
                   and x.status != LetterStatus.VOID]
    rectified = [p for p in ytd if p.closed_on and p.closed_on <= TODAY]
    sentence = (f"今年以来共查出问题{len({p.category for p in ytd})}大类{len(ytd)}条，"
                f"发出督办函{len(supervision)}份，整改{len(rectified)}条")
    assert sentence in flat
    for name in ("东城镇党委", "西山乡党委"):
        assert name in flat
    out = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(out)], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) >= 2
    assert all(p.stat().st_size > 3000 for p in pages)
