"""The yearly 结对帮扶 assessment: exported (`pairing assessment`), carried in the quarterly
workbook's 结对帮扶 sheet, and a pairing rated 差 (不合格) two years running flagged for change."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from desktop.cli import main
from models.actor import SYSTEM, Actor
from models.db import open_database
from models.periods import quarter
from models.services import pairing as svc
from models.services.pairing import PartyRef
from reports import quarterly as q
from tests.pairing_helpers import build_pairing_county


def assessed(session, actor):
    """Two pairings led by 县医院党支部 (东城镇): the first rated 差 in 2025 and 2026, the second 优秀."""
    pc = build_pairing_county(session, actor)
    first = svc.create_pairing(session, actor, type="城乡联建", leads=[PartyRef("org", pc.urban.id)],
                               assisted=[PartyRef("org", v.id) for v in pc.villages[:2]], start_on=date(2024, 1, 1))
    second = svc.create_pairing(session, actor, type="村企联建", leads=[PartyRef("org", pc.enterprise.id)],
                                assisted=[PartyRef("org", pc.villages[2].id)], start_on=date(2024, 1, 1))
    svc.add_assessment(session, actor, first.id, 2025, "差", "55")
    svc.add_assessment(session, actor, first.id, 2026, "差", "58.5")
    svc.add_assessment(session, actor, second.id, 2026, "优秀", "96")
    session.commit()
    return pc, first, second


def test_two_failing_years_are_flagged(session, actor):
    _pc, first, second = assessed(session, actor)
    rows = svc.year_assessments(session, SYSTEM, 2026)
    assert [(r.code, r.rating, r.previous, r.flag) for r in rows] == [
        (first.code, "差", "差", "连续两年不合格，应调整结对"), (second.code, "优秀", None, "")]
    assert [(r.code, r.flag) for r in svc.year_assessments(session, SYSTEM, 2025)] == [(first.code, "")]
    findings = [x for x in svc.pairing_findings(session, SYSTEM, date(2026, 12, 6)) if x.startswith("结对须调整")]
    assert findings == [f"结对须调整\t{first.code} {first.name}\t2025、2026年度评价均为差（不合格）："
                        "连续两年不合格，应调整结对"]


def test_the_quarterly_workbook_carries_the_assessments(session, actor, tmp_path):
    assessed(session, actor)
    path = q.export_quarterly(session, SYSTEM, tmp_path / "q.xlsx", quarter("2026Q4"), "中共某某县委组织部",
                              [q.PAIRINGS], reported=date(2027, 1, 8))
    ws = load_workbook(path)["结对帮扶"]
    headers = [c.value for c in ws[q.HEADER_ROW]]
    assert headers[-6:] == ["年度评价数", "评价优秀", "评价良好", "评价一般", "评价差", "连续两年差须调整"]
    rows = {r[0]: dict(zip(headers, r, strict=True))
            for r in ws.iter_rows(min_row=q.FIRST_DATA_ROW, values_only=True)}
    east, west, total = rows["东城镇党委"], rows["西山乡党委"], rows["合计"]
    assert (east["年度评价数"], east["评价差"], east["连续两年差须调整"]) == (1, 1, 1)
    assert (west["年度评价数"], west["评价优秀"], west["连续两年差须调整"]) == (1, 1, 0)
    assert (total["年度评价数"], total["评价差"], total["连续两年差须调整"]) == (2, 1, 1)


def test_pairing_assessment_command_exports_the_year(sqlite_path, tmp_path, capsys):
    db = open_database(sqlite_path)
    with db.session() as s:
        _pc, first, _second = assessed(s, Actor("测试员", "管理员"))
        code = first.code
    db.dispose()
    out = tmp_path / "assessment.xlsx"
    assert main(["--db", str(sqlite_path), "pairing", "assessment", "--year", "2026", "--out", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[-1] == f"已导出2026年度2个结对的评价：{out}"
    assert printed[0].startswith(code) and printed[0].endswith("差→差\t连续两年不合格，应调整结对")
    ws = load_workbook(out)["2026年度评价"]
    header = [c.value for c in ws[1]]
    assert header[6:11] == ["年度", "评价等次", "群众满意度(%)", "上年等次", "提示"]
    first_row = [c.value for c in ws[2]]
    assert first_row[0] == code and first_row[6:11] == [2026, "差", 58.5, "差", "连续两年不合格，应调整结对"]
