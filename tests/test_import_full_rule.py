"""A roster without 转正 information never makes a member 预备 silently (docs/member-lifecycle.md):
members who joined more than 2 years ago are 正式 with the 转正 date unknown; those within 2 years
are named with their row numbers before anything is written."""

from datetime import date, timedelta

from openpyxl import Workbook

from desktop.cli import main
from models.db import open_database
from models.member import Member
from reports.roster import MEMBER_HEADERS
from tests.factories import member_values
from tests.test_import_members import county_file as _county_file
from tests.test_import_members import row_of

county_file = _county_file  # the same fixture: the county of tests/factories.py, initialised

NO_FULL = [h for h in MEMBER_HEADERS if h != "转为正式党员日期"]


def write(path, rows, headers=NO_FULL):
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    full = MEMBER_HEADERS
    for values in rows:
        row = dict(zip(full, row_of(values), strict=True))
        ws.append([row.get(h) for h in headers])
    wb.save(path)
    return path


def test_without_a_full_column_old_members_are_full_and_recent_ones_named(county_file, tmp_path, capsys):
    recent = date.today() - timedelta(days=300)
    rows = [member_values(1, joined_on=date(1990, 7, 1)), member_values(2, joined_on=date(2005, 7, 1)),
            member_values(3, joined_on=recent), member_values(4, joined_on=date(2010, 3, 1))]
    path = write(tmp_path / "roster.xlsx", rows)
    capsys.readouterr()
    code = main(["--db", str(county_file), "import", "members", str(path), "--dry-run"])
    out = capsys.readouterr().out  # the wizard's check (a dry run) says the rule before writing
    assert "试运行，未写入" in out and "按正式党员导入，转正日期记为不详：第2、3、5行" in out
    code = main(["--db", str(county_file), "import", "members", str(path)])
    out, err = capsys.readouterr()
    assert code == 1  # the recent member must be answered for first: nothing written
    assert "第4行" in err and "请填写转为正式党员日期" in err
    assert "按正式党员导入，转正日期记为不详：第2、3、5行" in out
    assert "入党不满2年的1人须填写转正日期或注明预备党员：第4行" in out

    code = main(["--db", str(county_file), "import", "members", str(path), "--keep-valid"])
    assert code == 1
    db = open_database(county_file)
    with db.session() as s:
        members = {m.name: m for m in s.query(Member)}
        assert set(members) == {member_values(n)["name"] for n in (1, 2, 4)}
        assert all(m.is_full and m.full_on_unknown for m in members.values())  # none 预备
        assert members[member_values(1)["name"]].full_on == date(1991, 7, 1)
    db.dispose()


def test_a_type_column_says_who_is_probationary(county_file, tmp_path, capsys):
    recent = date.today() - timedelta(days=300)
    headers = [*NO_FULL, "党员类型"]
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for values, kind in ((member_values(1, joined_on=recent), "预备党员"),
                         (member_values(2, joined_on=date(2005, 7, 1)), "正式党员")):
        row = dict(zip(MEMBER_HEADERS, row_of(values), strict=True))
        ws.append([row.get(h) for h in NO_FULL] + [kind])
    path = tmp_path / "typed.xlsx"
    wb.save(path)
    code = main(["--db", str(county_file), "import", "members", str(path)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "转正日期记为不详：第3行" in out
    db = open_database(county_file)
    with db.session() as s:
        kinds = {m.name: (m.is_full, m.full_on_unknown) for m in s.query(Member)}
    db.dispose()
    assert kinds == {member_values(1)["name"]: (False, False), member_values(2)["name"]: (True, True)}


def test_an_export_keeps_the_date_unknown_through_a_new_import(county_file, tmp_path):
    from openpyxl import load_workbook

    path = write(tmp_path / "roster.xlsx", [member_values(1, joined_on=date(1990, 7, 1))])
    assert main(["--db", str(county_file), "import", "members", str(path)]) == 0
    out = tmp_path / "export.xlsx"
    assert main(["--db", str(county_file), "export", "members", "--out", str(out)]) == 0
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["转为正式党员日期"] is None and row["党员类型"] == "正式党员"
