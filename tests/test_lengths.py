"""Issue 17: text lengths come from the String(n) columns and are checked the same way on SQLite and
PostgreSQL (import rows, forms, command-line free text, every ORM write); over-long values an old
version stored are listed by `check` and refused, named, before a restore into PostgreSQL writes."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from desktop.cli import main
from models.errors import ValidationError
from models.lengths import limits_of
from models.member import Member
from models.org import Organization
from models.services import members as ms
from models.supervision import Problem
from reports.imports import run_import
from reports.roster import MEMBER_HEADERS, MEMBER_IMPORTER
from tests.factories import build_county, member_values
from tests.test_import_members import row_of


def test_the_limits_are_the_columns():
    assert limits_of(Member)["position"] == Member.__table__.c.position.type.length == 100
    assert limits_of(Problem)["verified_by"] == 50
    assert "gender" not in limits_of(Member)  # an enumeration is checked as a choice


def test_an_over_long_import_value_is_a_row_error_on_both_engines(db, actor, tmp_path):
    with db.session() as s:
        build_county(s, actor)
        s.commit()
    wb = Workbook()
    wb.active.append(MEMBER_HEADERS)
    wb.active.append(row_of(member_values(1)))
    wb.active.append(row_of(member_values(2, position="岗" * 101, address="地" * 200)))
    wb.save(tmp_path / "m.xlsx")
    with db.session() as s:
        result = run_import(s, actor, MEMBER_IMPORTER, tmp_path / "m.xlsx")
        s.commit()
    assert [(e.row, e.column, e.reason) for e in result.errors] == [
        (3, "工作岗位", "过长：101个字，最多100个字")]
    assert not result.written
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Member)) == 0


def test_a_form_gets_the_field_and_every_orm_write_is_checked(db, actor):
    with db.session() as s:
        build_county(s, actor)
        m = ms.create_member(s, actor, member_values(3))
        s.commit()
        with pytest.raises(ValidationError) as err:
            ms.update_member(s, actor, m.id, {"address": "很长的地址" * 41})
        assert [(e.field, e.reason) for e in err.value.errors] == [("家庭住址", "过长：205个字，最多200个字")]
        s.rollback()
        org = s.scalar(select(Organization).where(Organization.short_name == "红星村党支部"))
        org.secretary = "书" * 51  # a path that skipped the checks: still a message, no database error
        with pytest.raises(ValidationError, match="党组织的“书记”：过长：51个字，最多50个字"):
            s.flush()


def test_command_line_free_text_is_checked_against_its_column(sqlite_path, actor, capsys):
    from models.db import open_database
    from models.services import supervision as sv
    from models.supervision import ProblemSource

    db = open_database(sqlite_path)
    with db.session() as s:
        county = build_county(s, actor)
        p = sv.create_problem(s, actor, org_id=county.village.id, found_on=date(2026, 3, 2),
                              source=ProblemSource.INSPECTION, category=sv.categories(s)[0],
                              description="记录不全")
        s.commit()
        pid = p.id
    db.dispose()
    code = main(["--db", str(sqlite_path), "problem", "close", "--id", str(pid), "--report", "已补齐",
                 "--verifier", "验" * 51])
    assert code == 1
    assert "验收人：过长：51个字，最多50个字" in capsys.readouterr().err
    db = open_database(sqlite_path)
    with db.session() as s:
        assert s.get(Problem, pid).status.value == "待整改"  # nothing half-written
    db.dispose()


# ---------------------------------------------------------------- values an old version stored


def _old_file_with_over_long_values(path, actor):
    """A SQLite file as an old version left it: texts longer than the columns allow."""
    from models.db import open_database

    db = open_database(path)
    with db.session() as s:
        build_county(s, actor)
        m = ms.create_member(s, actor, member_values(4))
        s.commit()
        mid, name = m.id, m.name
    db.dispose()
    con = sqlite3.connect(path)
    con.execute("UPDATE member SET position = ? WHERE id = ?", ("岗" * 130, mid))
    con.execute("UPDATE organization SET secretary = ? WHERE short_name = '红星村党支部'", ("书" * 60,))
    con.commit()
    con.close()
    return mid, name


def test_check_lists_over_long_values_with_record_field_length_and_limit(sqlite_path, actor, capsys):
    mid, name = _old_file_with_over_long_values(sqlite_path, actor)
    assert main(["--db", str(sqlite_path), "check"]) == 0  # the file still opens
    out = capsys.readouterr().out.splitlines()
    assert f"数据错误\t党员“{name}”（编号{mid}）\t“工作岗位”长130个字，超过上限100个字（请改短）" in out
    assert any(line.startswith("数据错误\t党组织“中共东城镇红星村支部委员会”") and "“书记”长60个字，超过上限50个字" in line
               for line in out)


@pytest.mark.postgres
def test_restore_into_postgresql_names_over_long_values_and_refuses_until_fixed(
        sqlite_path, actor, pg_template, tmp_path):
    from models.actor import Actor
    from models.backup import restore
    from models.roles import Role

    ADMIN = Actor("管理员", Role.ADMIN)
    from models.db import open_database
    from models.lengths import OverlongValuesError
    from tests.conftest import pg_create_database, pg_drop_database, pg_url

    mid, name = _old_file_with_over_long_values(sqlite_path, actor)
    target = pg_create_database()
    try:
        with pytest.raises(OverlongValuesError) as err:
            restore(pg_url(target), sqlite_path, ADMIN)
        text = str(err.value)
        assert f"党员“{name}”（编号{mid}）的“工作岗位”长130个字，超过上限100个字" in text
        assert "“书记”长60个字，超过上限50个字" in text and "未做任何恢复" in text
        pg = open_database(pg_url(target))
        with pg.session() as s:
            assert s.scalar(select(func.count()).select_from(Member)) == 0  # nothing written
        pg.dispose()
        # the clerk fixes them in the SQLite file (through the program), then the move succeeds
        db = open_database(sqlite_path)
        with db.session() as s:
            ms.update_member(s, actor, mid, {"position": "村医"})
            org = s.scalar(select(Organization).where(Organization.short_name == "红星村党支部"))
            from models.services import orgs

            orgs.update_org(s, actor, org.id, secretary="李书记")
            s.commit()
        db.dispose()
        result = restore(pg_url(target), sqlite_path, ADMIN)
        assert result.rows["member"] == 1
    finally:
        pg_drop_database(target)
