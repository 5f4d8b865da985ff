"""docs/interfaces.md imports through the command line: all-or-nothing, --keep-valid, the report."""

from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from desktop.cli import main
from models.db import open_database
from models.member import Member
from reports.roster import MEMBER_HEADERS
from tests.factories import build_county, member_values


def row_of(values: dict) -> list:
    attr_order = ["name", "gender", "ethnicity", "id_number", "birth_date", "education", "category",
                  "org_id", "joined_on", "full_on", "position", "phone", "address", "party_status",
                  "lost_contact", "lost_since", "floating", "floating_to"]
    return [values.get(a) for a in attr_order]


def write_roster(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(MEMBER_HEADERS)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


@pytest.fixture
def county_file(tmp_path, actor):
    path = tmp_path / "x.sqlite3"
    assert main(["--db", str(path), "init", "--county", "中共某某县委员会", "--agency", "某组"]) == 0
    db = open_database(path)
    with db.session() as s:
        build_county(s, actor)
        s.commit()
    db.dispose()
    return path


def roster_with_five_bad(tmp_path):
    good = [row_of(member_values(n)) for n in range(1, 21)]
    bad_checksum = row_of(member_values(31, id_number="110105194912310021"))
    unknown_branch = row_of(member_values(32, org_id="不存在村党支部"))
    full_before_join = row_of(member_values(33, joined_on=date(2005, 7, 1), full_on=date(2004, 7, 1)))
    duplicate = row_of(member_values(3, name="重复者"))
    bad_date = row_of(member_values(35, joined_on="2023-02-30", full_on=None))
    rows = good[:5] + [bad_checksum] + good[5:10] + [unknown_branch, full_before_join] + good[10:]
    rows += [duplicate, bad_date]
    return write_roster(tmp_path / "roster.xlsx", rows)


def count_members(path):
    db = open_database(path)
    with db.session() as s:
        n = s.scalar(select(func.count()).select_from(Member))
    db.dispose()
    return n


def test_bad_rows_write_nothing_and_are_reported(tmp_path, county_file, capsys):
    roster = roster_with_five_bad(tmp_path)
    report = tmp_path / "report.xlsx"
    code = main(["--db", str(county_file), "import", "members", str(roster), "--report", str(report)])
    assert code == 1
    assert count_members(county_file) == 0
    err = capsys.readouterr().err
    assert "第7行 公民身份号码“110105194912310021”：校验位错误（末位应为X）" in err
    assert "第13行 所在党支部“不存在村党支部”：找不到党组织“不存在村党支部”" in err
    assert "第14行 转为正式党员日期" in err and "应晚于加入党组织日期" in err
    assert "第25行 公民身份号码" in err and "与第4行重复" in err
    assert "第26行 加入党组织日期“2023-02-30”：“2023-02-30”不是有效日期" in err
    ws = load_workbook(report).active
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert sorted({r[0] for r in rows}) == [7, 13, 14, 25, 26]
    assert rows[0][1] == "公民身份号码" and "校验位错误" in rows[0][3]


def test_keep_valid_imports_the_twenty(tmp_path, county_file, capsys):
    roster = roster_with_five_bad(tmp_path)
    code = main(["--db", str(county_file), "import", "members", str(roster), "--keep-valid"])
    assert code == 1
    assert count_members(county_file) == 20
    assert "导入20行，跳过5行有错误的行" in capsys.readouterr().out


def test_dry_run_writes_nothing(tmp_path, county_file, capsys):
    roster = write_roster(tmp_path / "ok.xlsx", [row_of(member_values(n)) for n in range(1, 4)])
    assert main(["--db", str(county_file), "import", "members", str(roster), "--dry-run"]) == 0
    assert count_members(county_file) == 0
    assert main(["--db", str(county_file), "import", "members", str(roster)]) == 0
    assert count_members(county_file) == 3


def test_numbers_typed_as_numbers(tmp_path, county_file, capsys):
    ok = member_values(1, phone=13800000001.0)
    lost = member_values(2, id_number=float(member_values(2)["id_number"]))
    roster = write_roster(tmp_path / "num.xlsx", [row_of(ok), row_of(lost)])
    assert main(["--db", str(county_file), "import", "members", str(roster), "--keep-valid"]) == 1
    err = capsys.readouterr().err
    assert "第3行 公民身份号码" in err and "末几位已丢失" in err
    assert count_members(county_file) == 1


def test_missing_header_is_one_sentence(tmp_path, county_file, capsys):
    wb = Workbook()
    wb.active.append(["姓名", "电话"])
    wb.save(tmp_path / "wrong.xlsx")
    assert main(["--db", str(county_file), "import", "members", str(tmp_path / "wrong.xlsx")]) == 1
    err = capsys.readouterr().err
    assert "缺少列：公民身份号码、所在党支部、加入党组织日期" in err
    assert "Traceback" not in err


def test_not_a_workbook(tmp_path, county_file, capsys):
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not a workbook")
    assert main(["--db", str(county_file), "import", "members", str(junk)]) == 1
    assert "不是有效的 Excel 工作簿" in capsys.readouterr().err


def test_template_has_the_exact_headers(tmp_path, county_file):
    out = tmp_path / "t.xlsx"
    assert main(["--db", str(county_file), "template", "members", "--out", str(out)]) == 0
    header = [c.value for c in load_workbook(out).worksheets[0][1]]
    assert header == MEMBER_HEADERS


def test_unopenable_target_exits_2(tmp_path, capsys):
    folder = tmp_path / "folder.sqlite3"
    folder.mkdir()
    assert main(["--db", str(folder), "check"]) == 2
    assert "是文件夹" in capsys.readouterr().err


def test_foreign_file_exits_2(tmp_path, capsys):
    junk = tmp_path / "foreign.sqlite3"
    junk.write_bytes(b"this is not a database at all" * 100)
    assert main(["--db", str(junk), "check"]) == 2
    err = capsys.readouterr().err
    assert "不是本程序的数据库" in err or "无法打开数据库" in err


def test_a_roster_written_a_slice_at_a_time_has_each_members_placement_and_audit_row(
        tmp_path, county_file, monkeypatch):
    """The placements and audit rows go in slices (reports.roster.WRITE_SLICE); across slices each
    member still has its one placement and its one audit row, in the members' order, with the
    member's own fields, and the audit chain holds."""
    import json

    from models.audit import AuditEntry, verify_chain
    from models.member import Placement
    from reports import roster as roster_module

    monkeypatch.setattr(roster_module, "WRITE_SLICE", 3)
    roster = write_roster(tmp_path / "ok.xlsx", [row_of(member_values(n)) for n in range(1, 9)])
    assert main(["--db", str(county_file), "import", "members", str(roster)]) == 0
    db = open_database(county_file)
    with db.session() as s:
        members = s.scalars(select(Member).order_by(Member.id)).all()
        assert len(members) == 8
        placements = s.scalars(select(Placement).where(Placement.member_id.in_([m.id for m in members]))
                               .order_by(Placement.id)).all()
        assert [(p.member_id, p.org_id, p.start_on) for p in placements] == \
            [(m.id, m.org_id, m.joined_on) for m in members]
        audit = s.scalars(select(AuditEntry).where(AuditEntry.entity == "member").order_by(AuditEntry.seq)).all()
        assert [a.entity_id for a in audit] == [m.id for m in members]
        for a, m in zip(audit, members, strict=True):
            fields = json.loads(a.changes)
            assert fields["name"] == [None, m.name] and fields["id_number"] == [None, m.id_number]
            assert not {"version", "created_at", "updated_at"} & set(fields)
        faults, _seq, _hash = verify_chain(s.connection())
        assert faults == []
    db.dispose()


def test_importing_a_roster_loads_no_workbook_writer_or_pdf_library(tmp_path, county_file):
    """`dangjian import members roster.xlsx` reads with calamine: openpyxl (the writers), reportlab
    and the other kinds' importers and command modules are not loaded (docs/startup.md)."""
    from tests.test_startup import _modules_loaded

    roster = write_roster(tmp_path / "ok.xlsx", [row_of(member_values(n)) for n in range(1, 4)])
    before = count_members(county_file)
    loaded = _modules_loaded(tmp_path, "--db", str(county_file), "import", "members", str(roster))
    assert "reports.sheetreader" in loaded and "python_calamine" in loaded
    assert not {m.split(".")[0] for m in loaded} & {"openpyxl", "reportlab", "PIL", "alembic"}
    assert not loaded & {"reports.xlsx", "reports.pairing_xlsx", "reports.points_xlsx",
                         "reports.supervision_import", "reports.quarterly", "reports.monthly_pdf",
                         "desktop.commands.reports", "desktop.commands.pairing"}
    assert count_members(county_file) == before + 3
