"""The quarterly workbook: numbers equal the truth, 合计 rows equal the column sums, workbooks add up."""

from datetime import date

import pytest
from openpyxl import load_workbook

from models.actor import SYSTEM
from models.errors import DomainError
from models.periods import quarter
from models.services import members as ms
from reports import quarterly as q
from tests.factories import member_values

SHEETS = [q.ORGS_AND_MEMBERS]


def rows_by_unit(path, sheet):
    ws = load_workbook(path)[sheet]
    headers = [c.value for c in ws[q.HEADER_ROW]]
    out = {}
    for row in ws.iter_rows(min_row=q.FIRST_DATA_ROW, values_only=True):
        out[row[0]] = dict(zip(headers, row, strict=True))
    return ws, out


def test_orgs_and_members_sheet(session, actor, county, tmp_path):
    for n in range(1, 4):
        ms.create_member(session, actor, member_values(n, joined_on=date(2020, 7, 1), full_on=date(2021, 7, 1)))
    ms.create_member(session, actor, member_values(4, org_id="中心小学党支部", joined_on=date(2026, 8, 1),
                                                   full_on=None, id_number="11010519491231002X"))
    session.commit()
    path = q.export_quarterly(session, SYSTEM, tmp_path / "q.xlsx", quarter("2026Q3"), "中共某某县委组织部", SHEETS,
                              reported=date(2026, 10, 8))
    ws, rows = rows_by_unit(path, "党组织和党员")
    assert ws["A1"].value == "中共某某县委组织部2026年第三季度党组织和党员情况统计表"
    assert ws["A2"].value == "填报单位：中共某某县委组织部"
    assert "A1:" in str(ws.merged_cells.ranges)
    east, west, total = rows["东城镇党委"], rows["西山乡党委"], rows["合计"]
    assert (east["党组织总数"], east["党支部"], east["党员总数"], east["正式党员"]) == (3, 2, 3, 3)
    assert (west["党员总数"], west["预备党员"], west["女党员"], west["本期发展党员"]) == (1, 1, 1, 1)
    for header in ("党组织总数", "党员总数", "正式党员", "预备党员"):
        assert total[header] == east[header] + west[header]
    assert isinstance(total["党员总数"], int)
    assert east["党员总数较上季度"] == 3 - 3 and west["党员总数较上季度"] == 1


def test_three_workbooks_add_up(session, actor, county, tmp_path):
    ms.create_member(session, actor, member_values(1))
    session.commit()
    paths = []
    for i in range(3):
        paths.append(q.export_quarterly(session, SYSTEM, tmp_path / f"u{i}.xlsx", quarter("2026Q3"), f"某某县{i}",
                                        SHEETS, reported=date(2026, 10, 8)))
    out, _ = q.sum_workbooks(paths, tmp_path / "sum.xlsx", "某某市委组织部", SHEETS)
    _ws, rows = rows_by_unit(out, "党组织和党员")
    assert list(rows) == ["某某县0", "某某县1", "某某县2", "合计"]
    _ws1, one = rows_by_unit(paths[0], "党组织和党员")
    for header, value in rows["合计"].items():
        if header != "单位":
            assert value == 3 * one["合计"][header], header


def test_a_total_that_does_not_add_up_is_named(session, actor, county, tmp_path):
    path = q.export_quarterly(session, SYSTEM, tmp_path / "bad.xlsx", quarter("2026Q3"), "某某县", SHEETS)
    wb = load_workbook(path)
    ws = wb["党组织和党员"]
    ws.cell(row=q.FIRST_DATA_ROW + 2, column=2, value=99)  # 合计 of 党组织总数
    wb.save(path)
    with pytest.raises(DomainError, match="第6行“合计”的“党组织总数”为99，但各行之和为"):
        q.sum_workbooks([path], tmp_path / "sum.xlsx", "市", SHEETS)
