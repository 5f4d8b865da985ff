"""Exports keep what the import needs: text-formatted ID cells, 状态, parents before children."""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from desktop.cli import main
from models.actor import SYSTEM
from models.db import open_database
from models.enums import OrgKind, OrgStatus, Sector
from models.org import Organization
from models.services.orgs import create_org, dissolve_org, move_org
from reports.roster import ORG_HEADERS, export_orgs
from reports.xlsx import write_table


def test_write_table_formats_for_excel(tmp_path):
    path = write_table(tmp_path / "t.xlsx", "名册", ["姓名", "公民身份号码", "加入党组织日期", "人数"],
                       [["张三 & <李四>", "11010519491231002X", date(1975, 7, 1), 3],
                        [None, None, None, None]],
                       widths=[10, 22, 14, 6], text_columns=("公民身份号码",))
    ws = load_workbook(path).active
    assert ws.title == "名册" and ws.freeze_panes == "A2"
    assert [c.value for c in ws[1]] == ["姓名", "公民身份号码", "加入党组织日期", "人数"]
    assert ws["A1"].font.b
    assert ws["A2"].value == "张三 & <李四>"
    assert ws["B2"].value == "11010519491231002X" and ws["B2"].number_format == "@"
    assert ws["B3"].number_format == "@"
    assert ws["C2"].value.date() == date(1975, 7, 1) and ws["C2"].number_format == "yyyy-mm-dd"
    assert ws["D2"].value == 3
    assert ws.column_dimensions["B"].width == 22


def test_export_lists_parents_first_after_a_move(session, actor, county, tmp_path):
    # a general branch created after the village branch, which then moves under it
    general = create_org(session, actor, name="中共东城镇联合总支部委员会", short_name="联合党总支",
                         kind=OrgKind.GENERAL_BRANCH, sector=Sector.RURAL, parent_id=county.east.id)
    move_org(session, actor, county.village.id, general.id)
    dissolve_org(session, actor, county.community.id, date(2025, 1, 1), "合并")
    session.commit()
    export_orgs(session, SYSTEM, tmp_path / "orgs.xlsx")
    rows = list(load_workbook(tmp_path / "orgs.xlsx").active.iter_rows(values_only=True))
    names = [r[0] for r in rows[1:]]
    assert names.index("中共东城镇联合总支部委员会") < names.index("中共东城镇红星村支部委员会")
    status = {r[0]: r[-1] for r in rows[1:]}
    assert status["中共东城镇幸福社区支部委员会"] == "已撤销"


def test_import_keeps_status_and_refuses_active_below_dissolved(tmp_path, actor, capsys):
    path = tmp_path / "x.sqlite3"
    assert main(["--db", str(path), "init", "--county", "中共某某县委员会"]) == 0
    wb = Workbook()
    ws = wb.active
    ws.append(ORG_HEADERS + ["状态"])
    ws.append(["中共某某县甲镇委员会", "甲镇党委", "党委", "农村", "中共某某县委员会", None, None, None, None, None, "正常"])
    ws.append(["中共甲镇乙村支部委员会", "乙村党支部", "党支部", "农村", "甲镇党委", None, None, None, None, None, "已撤销"])
    ws.append(["中共甲镇乙村第一党小组", None, "党小组", "农村", "中共甲镇乙村支部委员会", None, None, None, None, None, None])
    wb.save(tmp_path / "orgs.xlsx")
    assert main(["--db", str(path), "import", "orgs", str(tmp_path / "orgs.xlsx")]) == 1
    assert "第4行 上级党组织“中共甲镇乙村支部委员会”：上级党组织已撤销，本组织也应为已撤销" in capsys.readouterr().err
    ws.delete_rows(4)
    wb.save(tmp_path / "orgs.xlsx")
    assert main(["--db", str(path), "import", "orgs", str(tmp_path / "orgs.xlsx")]) == 0
    db = open_database(path)
    with db.session() as s:
        org = s.scalar(select(Organization).where(Organization.short_name == "乙村党支部"))
        assert org.status == OrgStatus.DISSOLVED and org.dissolved_on is not None
    db.dispose()



def test_read_only_readers_see_the_size_of_the_sheet(tmp_path):
    from openpyxl import load_workbook

    from reports.xlsx import write_table

    path = write_table(tmp_path / "t.xlsx", "t", ["a", "b"], [[1, 2], [3, 4, 5]])
    ws = load_workbook(path, read_only=True).active
    assert (ws.max_row, ws.max_column) == (3, 3)
