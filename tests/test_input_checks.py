"""Issue 31, 7: nothing silently changed. An amount with more decimals than the fen, a quarterly
figure that is no count, a future or repeated points entry, a control or invisible character, a text
no Excel cell can hold and a hidden sheet are each refused or named, never stored as something else."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from desktop.cli import main
from models import values
from models.actor import SYSTEM, Actor
from models.db import open_database
from models.errors import ValidationError
from models.evaluation import PointsEntry
from models.member import Member
from models.pairing import PairingActivity
from models.periods import quarter
from models.services import evaluation as ev
from models.services import members as ms
from models.services import pairing as ps
from models.services import supervision as sv
from models.services.pairing import PartyRef
from models.supervision import MonthTask, Problem, ProblemSource, Severity
from reports import quarterly
from reports.pairing_xlsx import ACTIVITY_HEADERS
from reports.points_xlsx import POINTS_HEADERS
from reports.roster import MEMBER_HEADERS
from reports.supervision_import import PROBLEM_HEADERS, TASK_HEADERS
from tests.evaluation_helpers import add_members
from tests.factories import member_values
from tests.pairing_helpers import build_pairing_county

ADMIN = Actor("管理员", "管理员")


def xlsx(path: Path, headers: list[str], rows: list[list], hidden: dict[str, list[list]] | None = None,
         hidden_first: bool = False) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "导入"
    ws.append(headers)
    for r in rows:
        ws.append(r)
    for name, extra in (hidden or {}).items():
        h = wb.create_sheet(name, 0 if hidden_first else None)
        h.sheet_state = "hidden"
        h.append(headers)
        for r in extra:
            h.append(r)
    if hidden_first:
        wb.active = 1
    wb.save(path)
    return path


@pytest.fixture
def county_file(sqlite_path):
    db = open_database(sqlite_path)
    with db.session() as s:
        pc = build_pairing_county(s, ADMIN)
        ps.create_pairing(s, ADMIN, type="城乡联建", leads=[PartyRef("org", pc.urban.id)],
                          assisted=[PartyRef("org", pc.villages[1].id)], start_on=date(2026, 1, 1),
                          name="医院联青山")
        ev.ensure_builtin_schemes(s, ADMIN)
        s.commit()
        add_members(s, ADMIN, 1)
    db.dispose()
    return sqlite_path


def run(db_path, *argv) -> int:
    return main(["--db", str(db_path), *argv])


def count(db_path, model) -> int:
    db = open_database(db_path)
    with db.session() as s:
        n = s.scalar(select(func.count()).select_from(model))
    db.dispose()
    return n


def the_member(db_path) -> tuple[str, str]:
    db = open_database(db_path)
    with db.session() as s:
        m = s.scalars(select(Member)).first()
        out = (m.id_number, m.name)
    db.dispose()
    return out


# ---------------------------------------------------------------- amounts


def test_an_amount_past_the_fen_is_refused_not_rounded():
    assert values.parse_decimal("1234.56") == Decimal("1234.56")
    assert values.parse_decimal(0.1 + 0.2) == Decimal("0.30")  # Excel's 15 digits, not the float's 17
    for typed in ("0.001", 1234.567, "1234.567"):
        with pytest.raises(ValueError, match="超过两位小数"):
            values.parse_decimal(typed)


def test_import_activities_names_the_row_and_column_of_an_amount_past_the_fen(county_file, tmp_path, capsys):
    path = xlsx(tmp_path / "a.xlsx", ACTIVITY_HEADERS, [
        ["医院联青山", "2026-02-01", "走访慰问", "走访困难党员", "0.001", None, 3],
        ["医院联青山", "2026-02-02", "资金帮扶", "修路", 1234.567, "村道", 30],
        ["医院联青山", "2026-02-03", "资金帮扶", "修桥", 1234.56, "村桥", 30],
    ])
    assert run(county_file, "import", "activities", str(path)) == 1
    err = capsys.readouterr().err
    assert "第2行 资金(元)“0.001”：“0.001”超过两位小数" in err
    assert "第3行 资金(元)“1234.567”：“1234.567”超过两位小数" in err
    assert "第4行" not in err
    assert count(county_file, PairingActivity) == 0


# ---------------------------------------------------------------- the quarterly workbook, cell by cell


def _unit_workbook(session, tmp_path) -> Path:
    ms.create_member(session, ADMIN, member_values(7, joined_on=date(2020, 7, 1), full_on=date(2021, 7, 1)))
    session.commit()
    return quarterly.export_quarterly(session, SYSTEM, tmp_path / "unit.xlsx", quarter("2026Q1"), "某某县",
                                      quarterly.SHEETS, reported=date(2026, 4, 8))


@pytest.mark.parametrize("typed, reason", [(-12, "不能为负数"), (3.5, "应为整数"), (1e20, "数值过大"),
                                           ("十二", "应为数字")])
def test_import_quarterly_checks_every_figure_by_its_cell(session, county, tmp_path, typed, reason):
    path = _unit_workbook(session, tmp_path)
    wb = load_workbook(path)
    ws = wb["党组织和党员"]
    headers = [c.value for c in ws[quarterly.HEADER_ROW]]
    col = headers.index("党员总数") + 1
    east = next(r for r in range(quarterly.FIRST_DATA_ROW, ws.max_row + 1) if ws.cell(r, 1).value == "东城镇党委")
    total = next(r for r in range(quarterly.FIRST_DATA_ROW, ws.max_row + 1) if ws.cell(r, 1).value == "合计")
    others = sum(ws.cell(r, col).value or 0 for r in range(quarterly.FIRST_DATA_ROW, total) if r != east)
    ws.cell(east, col).value = typed
    if not isinstance(typed, str):  # the 合计 agrees: only the cell itself can tell
        ws.cell(total, col).value = others + typed
    wb.save(path)
    letter = ws.cell(east, col).column_letter
    with pytest.raises(Exception) as err:
        quarterly.sum_workbooks([path], tmp_path / "sum.xlsx", "某某市", quarterly.SHEETS)
    assert f"unit.xlsx「党组织和党员」{letter}{east}单元格（东城镇党委的“党员总数”）" in str(err.value)
    assert reason in str(err.value)
    assert not (tmp_path / "sum.xlsx").exists()


def test_import_quarterly_from_the_command_line_exits_1_naming_the_cell(county_file, tmp_path, capsys):
    db = open_database(county_file)
    with db.session() as s:
        path = _unit_workbook(s, tmp_path)
    db.dispose()
    wb = load_workbook(path)
    ws = wb["结对帮扶"]
    ws.cell(quarterly.FIRST_DATA_ROW, 2).value = -1
    wb.save(path)
    assert run(county_file, "import", "quarterly", str(path), "--out", str(tmp_path / "sum.xlsx")) == 1
    err = capsys.readouterr().err
    assert f"B{quarterly.FIRST_DATA_ROW}单元格" in err and "不能为负数" in err
    assert not (tmp_path / "sum.xlsx").exists()


# ---------------------------------------------------------------- points


def test_points_dated_after_today_are_refused_in_the_import_as_on_the_command_line(county_file, tmp_path, capsys):
    number, name = the_member(county_file)
    next_year = date.today().replace(year=date.today().year + 1, month=1, day=5).isoformat()
    path = xlsx(tmp_path / "p.xlsx", POINTS_HEADERS, [[number, name, next_year, "学习教育加分", "+5", "学习"]])
    assert run(county_file, "import", "points", str(path)) == 1
    assert "第2行 日期" in capsys.readouterr().err
    assert count(county_file, PointsEntry) == 0
    db = open_database(county_file)
    with db.session() as s:
        from models.services import points as pts

        mid = s.scalars(select(Member.id)).first()
        with pytest.raises(ValidationError, match="不能晚于今天"):
            pts.add_entry(s, ADMIN, mid, next_year, "学习教育加分", "+5", "学习")
    db.dispose()


def test_a_points_row_twice_is_refused_like_other_kinds(county_file, tmp_path, capsys):
    number, name = the_member(county_file)
    row = [number, name, "2026-03-10", "志愿服务加分", "+2", "参加村容整治"]
    path = xlsx(tmp_path / "p.xlsx", POINTS_HEADERS, [row, list(row)])
    assert run(county_file, "import", "points", str(path)) == 1
    assert "第3行 事由“参加村容整治”：与第2行重复" in capsys.readouterr().err
    assert count(county_file, PointsEntry) == 0
    once = xlsx(tmp_path / "once.xlsx", POINTS_HEADERS, [row])
    assert run(county_file, "import", "points", str(once)) == 0
    assert run(county_file, "import", "points", str(once)) == 1  # the same file again
    assert "积分台账中已有同一党员、同一日期、同一项目、相同分值和事由的记录" in capsys.readouterr().err
    assert count(county_file, PointsEntry) == 1


# ---------------------------------------------------------------- characters and lengths


@pytest.mark.parametrize("bad, shown", [("张\x1b[31m三", "ESC 控制字符"), ("张\u202e三", "U+202E"),
                                        ("张\u200b三", "U+200B"), ("张\x00三", "NUL"), ("张\n三", "换行")])
def test_a_name_with_a_control_or_invisible_character_is_refused(session, actor, county, bad, shown):
    with pytest.raises(ValidationError) as err:
        ms.create_member(session, actor, member_values(3, name=bad))
    assert "姓名" in str(err.value) and shown in str(err.value)
    assert session.scalar(select(func.count()).select_from(Member)) == 0


def test_the_same_check_in_an_import_row_and_a_service_write(county_file, tmp_path, capsys):
    path = xlsx(tmp_path / "t.xlsx", TASK_HEADERS, [
        ["2026-03", "召开\u202e党员大会", "传达精神", "记录完整", "2026-03-31", "组织生活", ""],
        ["2026-03", "主题党日", "第一项\n第二项", "记录完整", "2026-03-31", "组织生活", ""],
    ])
    assert run(county_file, "import", "tasks", str(path)) == 1
    err = capsys.readouterr().err
    assert "第2行 工作任务" in err and "从右到左覆盖符（U+202E）" in err
    assert "第3行" not in err  # a line break is fine in 主要内容
    assert count(county_file, MonthTask) == 0
    db = open_database(county_file)
    with db.session() as s:
        from models.org import Organization

        org = s.scalars(select(Organization).where(Organization.short_name == "红星村党支部")).one()
        problem = sv.create_problem(s, ADMIN, org_id=org.id, found_on=date(2026, 3, 1), source=ProblemSource.INSPECTION,
                                    category="组织生活", description="第一条\n第二条", severity=Severity.ORDINARY)
        s.commit()
        assert problem.description == "第一条\n第二条"
        with pytest.raises(ValidationError, match="问题描述"):
            sv.create_problem(s, ADMIN, org_id=org.id, found_on=date(2026, 3, 2), source=ProblemSource.INSPECTION,
                              category="组织生活", description="记录\x1b[2J不全", severity=Severity.ORDINARY)
            s.flush()
    db.dispose()


def test_every_text_column_holds_at_most_what_an_excel_cell_holds(county_file, tmp_path, capsys):
    import csv

    path = tmp_path / "p.csv"  # a workbook cell cannot even hold it: a CSV line can
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([PROBLEM_HEADERS, ["2026-03-10", "红星村党支部", "督查", "组织生活",
                                                   "记" * 100_000, "", "", "", "", ""]])
    assert run(county_file, "import", "problems", str(path)) == 1
    err = capsys.readouterr().err
    assert "第2行 问题描述" in err and "过长：100000个字，最多32767个字" in err
    path.write_text(",".join(PROBLEM_HEADERS) + "\n2026-03-10,红星村党支部,督查,组织生活," + "记" * 200_000 + "\n",
                    encoding="utf-8")
    assert run(county_file, "import", "problems", str(path)) == 1
    assert "无法读取“p.csv”第2行" in capsys.readouterr().err
    assert count(county_file, Problem) == 0
    db = open_database(county_file)
    with db.session() as s:
        from models.org import Organization

        org = s.scalars(select(Organization).where(Organization.short_name == "红星村党支部")).one()
        with pytest.raises(ValidationError, match="最多32767个字"):
            sv.create_problem(s, ADMIN, org_id=org.id, found_on=date(2026, 3, 2), source=ProblemSource.INSPECTION,
                              category="组织生活", description="记" * 200_000, severity=Severity.ORDINARY)
            s.flush()
    db.dispose()
    from models import lengths

    limits = {t.name: lengths.text_columns(t) for t in Problem.metadata.sorted_tables}
    assert limits["problem"]["description"] == (32_767, True)
    assert all(maximum <= 32_767 for cols in limits.values() for maximum, _multi in cols.values())
    assert limits["member"]["name"] == (50, False)


def test_a_member_import_refuses_a_bidi_override_by_row_and_column(county_file, tmp_path, capsys):
    v = member_values(21)
    row = {"姓名": "李\u202e四", "公民身份号码": v["id_number"], "民族": "汉族", "学历": "大学本科",
           "人员类别": "农牧渔民", "所在党支部": "红星村党支部", "加入党组织日期": "2005-07-01",
           "转为正式党员日期": "2006-07-01", "联系电话": "13800000021"}
    path = xlsx(tmp_path / "m.xlsx", MEMBER_HEADERS, [[row.get(h) for h in MEMBER_HEADERS]])
    assert run(county_file, "import", "members", str(path)) == 1
    err = capsys.readouterr().err
    assert "第2行 姓名" in err and "U+202E" in err


# ---------------------------------------------------------------- hidden sheets


TASK_ROW = ["2026-03", "召开党员大会", "传达精神", "记录完整", "2026-03-31", "组织生活", ""]
HIDDEN_ROW = ["2026-03", "隐藏的任务", "x", "x", "2026-03-31", "组织生活", ""]


def test_a_hidden_sheet_is_named_in_the_summary_and_not_imported(county_file, tmp_path, capsys):
    path = xlsx(tmp_path / "t.xlsx", TASK_HEADERS, [TASK_ROW], hidden={"旧任务": [HIDDEN_ROW]})
    assert run(county_file, "import", "tasks", str(path)) == 0
    out = capsys.readouterr().out
    assert "导入1行；隐藏的工作表未导入：旧任务" in out
    assert count(county_file, MonthTask) == 1


def test_a_hidden_first_sheet_is_not_the_one_imported(county_file, tmp_path, capsys):
    path = xlsx(tmp_path / "t.xlsx", TASK_HEADERS, [TASK_ROW], hidden={"旧任务": [HIDDEN_ROW]}, hidden_first=True)
    assert run(county_file, "import", "tasks", str(path), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "检查1行" in out and "隐藏的工作表未导入：旧任务" in out


def test_a_hidden_sheet_is_imported_when_chosen(county_file, tmp_path, capsys):
    path = xlsx(tmp_path / "t.xlsx", TASK_HEADERS, [TASK_ROW], hidden={"旧任务": [HIDDEN_ROW]})
    assert run(county_file, "import", "tasks", str(path), "--sheet", "旧任务") == 0
    assert "导入1行" in capsys.readouterr().out
    db = open_database(county_file)
    with db.session() as s:
        assert s.scalars(select(MonthTask.title)).all() == ["隐藏的任务"]
    db.dispose()


def test_import_help_names_the_sheet_option(capsys):
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    assert "--sheet" in capsys.readouterr().out
