"""Accounts and permissions through the command line: exit 3 when refused."""

from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from desktop.cli import main
from models.db import open_database
from models.member import Member
from models.services.members import create_member
from reports.roster import MEMBER_HEADERS
from tests.factories import build_county, member_values
from tests.test_import_members import row_of

PASSWORDS = {"管理员": "admin-pass", "县级甲": "county-pass", "东城": "east-pass", "领导": "leader-pass"}


def run(path, user, *args, monkeypatch, password=None):
    if user is None:
        monkeypatch.delenv("DANGJIAN_PASSWORD", raising=False)
        return main(["--db", str(path), *args])
    monkeypatch.setenv("DANGJIAN_PASSWORD", password if password is not None else PASSWORDS[user])
    return main(["--db", str(path), "--user", user, *args])


@pytest.fixture
def office(tmp_path, actor, monkeypatch):
    """A county with 3 members in 东城镇, 2 in 西山乡, and one account of each role."""
    path = tmp_path / "office.sqlite3"
    db = open_database(path)
    with db.session() as s:
        build_county(s, actor)
        for n in (1, 2, 3):
            create_member(s, actor, member_values(n))
        for n in (4, 5):
            create_member(s, actor, member_values(n, org="中心小学党支部"))
        s.commit()
    db.dispose()
    monkeypatch.setenv("DANGJIAN_NEW_PASSWORD", PASSWORDS["管理员"])
    assert run(path, None, "account", "password", "管理员", monkeypatch=monkeypatch) == 0
    for name, role, scope in [("县级甲", "县级办事员", None), ("东城", "乡镇办事员", "东城镇党委"),
                              ("领导", "只读", None)]:
        monkeypatch.setenv("DANGJIAN_NEW_PASSWORD", PASSWORDS[name])
        extra = ["--scope", scope] if scope else []
        monkeypatch.setenv("DANGJIAN_NEW_PASSWORD", "init-" + PASSWORDS[name])
        assert run(path, "管理员", "account", "add", name, "--role", role, *extra,
                   monkeypatch=monkeypatch) == 0
        # the administrator's password must be changed at the first login: the clerk sets their own
        monkeypatch.setenv("DANGJIAN_NEW_PASSWORD", PASSWORDS[name])
        assert run(path, name, "account", "password", name, monkeypatch=monkeypatch,
                   password="init-" + PASSWORDS[name]) == 0
    monkeypatch.delenv("DANGJIAN_NEW_PASSWORD")
    return path


def count_members(path) -> int:
    db = open_database(path)
    with db.session() as s:
        n = s.scalar(select(func.count()).select_from(Member))
    db.dispose()
    return n


def roster(tmp_path, rows, name="r.xlsx"):
    wb = Workbook()
    wb.active.append(MEMBER_HEADERS)
    for r in rows:
        wb.active.append(r)
    wb.save(tmp_path / name)
    return tmp_path / name


def test_first_run_lists_the_administrator(tmp_path, capsys, monkeypatch):
    path = tmp_path / "new.sqlite3"
    assert run(path, None, "init", monkeypatch=monkeypatch) == 0
    assert run(path, None, "account", "list", monkeypatch=monkeypatch) == 0
    out = capsys.readouterr().out
    assert "管理员\t管理员\t全县\t正常\t未设置" in out


def test_admin_without_password_cannot_add_accounts(tmp_path, capsys, monkeypatch):
    path = tmp_path / "new.sqlite3"
    assert run(path, None, "init", monkeypatch=monkeypatch) == 0  # (only init makes a database)
    assert run(path, None, "account", "add", "甲", "--role", "只读", monkeypatch=monkeypatch) == 1
    assert "请先为“管理员”设置密码" in capsys.readouterr().err


def test_account_list_shows_roles_and_scope(office, capsys, monkeypatch):
    assert run(office, "管理员", "account", "list", monkeypatch=monkeypatch) == 0
    out = capsys.readouterr().out
    assert "东城\t乡镇办事员\t中共某某县东城镇委员会\t正常\t已设置" in out
    assert "领导\t只读\t全县\t正常\t已设置" in out


def test_without_user_when_several_accounts(office, capsys, monkeypatch):
    assert run(office, None, "account", "list", monkeypatch=monkeypatch) == 3
    assert "请用 --user 指定账号" in capsys.readouterr().err


def test_wrong_password_exit_3(office, capsys, monkeypatch):
    assert run(office, "县级甲", "check", monkeypatch=monkeypatch, password="nope") == 3
    assert "账号或密码不正确" in capsys.readouterr().err


def test_no_password_and_no_terminal_exit_3(office, capsys, monkeypatch):
    monkeypatch.delenv("DANGJIAN_PASSWORD", raising=False)
    assert main(["--db", str(office), "--user", "县级甲", "check"]) == 3
    assert "DANGJIAN_PASSWORD" in capsys.readouterr().err


def test_county_clerk_cannot_add_accounts_admin_can(office, capsys, monkeypatch):
    assert run(office, "县级甲", "account", "add", "新人", "--role", "只读", monkeypatch=monkeypatch) == 3
    assert "没有“管理账号”的权限" in capsys.readouterr().err
    assert run(office, "管理员", "account", "add", "新人", "--role", "只读", monkeypatch=monkeypatch) == 0
    assert run(office, "东城", "account", "disable", "新人", monkeypatch=monkeypatch) == 3
    assert run(office, "管理员", "account", "disable", "新人", monkeypatch=monkeypatch) == 0


def test_township_clerk_scope_must_be_a_township(office, capsys, monkeypatch):
    code = run(office, "管理员", "account", "add", "村里", "--role", "乡镇办事员", "--scope", "红星村党支部",
               monkeypatch=monkeypatch)
    assert code == 1
    assert "不是乡镇级党组织" in capsys.readouterr().err


def test_read_only_cannot_import_members(office, tmp_path, capsys, monkeypatch):
    path = roster(tmp_path, [row_of(member_values(20))])
    assert run(office, "领导", "import", "members", str(path), monkeypatch=monkeypatch) == 3
    assert "无权维护党组织和党员信息" in capsys.readouterr().err
    assert count_members(office) == 5


def test_township_clerk_imports_only_inside_the_township(office, tmp_path, capsys, monkeypatch):
    path = roster(tmp_path, [row_of(member_values(21)), row_of(member_values(22, org="中心小学党支部"))])
    assert run(office, "东城", "import", "members", str(path), monkeypatch=monkeypatch) == 1
    err = capsys.readouterr().err
    assert "第3行 所在党支部“中心小学党支部”：不在账号“东城”的范围内（只能导入本乡镇的数据）" in err
    assert count_members(office) == 5
    ok = roster(tmp_path, [row_of(member_values(21))], "ok.xlsx")
    assert run(office, "东城", "import", "members", str(ok), monkeypatch=monkeypatch) == 0
    assert count_members(office) == 6


def test_township_roster_export_is_their_township_masked(office, tmp_path, monkeypatch):
    out = tmp_path / "east.xlsx"
    assert run(office, "东城", "export", "members", "--out", str(out), monkeypatch=monkeypatch) == 0
    rows = list(load_workbook(out).active.iter_rows(min_row=2, values_only=True))
    expected = {member_values(n)["id_number"] for n in (1, 2, 3)}
    assert len(rows) == 3
    assert {r[7] for r in rows} == {"中共东城镇红星村支部委员会"}
    for r in rows:
        assert r[3][6:14] == "********" and len(r[3]) == 18
    assert {r[3][:6] + r[3][-4:] for r in rows} == {n[:6] + n[-4:] for n in expected}
    # the county clerk sees the whole county in full
    full = tmp_path / "all.xlsx"
    assert run(office, "县级甲", "export", "members", "--out", str(full), monkeypatch=monkeypatch) == 0
    rows = list(load_workbook(full).active.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 5 and "*" not in "".join(r[3] for r in rows)
    # the leaders (read-only) see everything, masked
    lead = tmp_path / "lead.xlsx"
    assert run(office, "领导", "export", "members", "--out", str(lead), monkeypatch=monkeypatch) == 0
    rows = list(load_workbook(lead).active.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 5 and all("*" in r[3] for r in rows)


def test_township_clerk_cannot_export_another_township(office, tmp_path, capsys, monkeypatch):
    out = tmp_path / "west.xlsx"
    code = run(office, "东城", "export", "members", "--org", "西山乡党委", "--out", str(out),
               monkeypatch=monkeypatch)
    assert code == 3
    assert "只能处理本乡镇的数据" in capsys.readouterr().err
    assert not out.exists()
    orgs_out = tmp_path / "orgs.xlsx"
    assert run(office, "东城", "export", "orgs", "--out", str(orgs_out), monkeypatch=monkeypatch) == 0
    names = [r[0] for r in load_workbook(orgs_out).active.iter_rows(min_row=2, values_only=True)]
    assert names == ["中共某某县东城镇委员会", "中共东城镇红星村支部委员会", "中共东城镇幸福社区支部委员会"]


def test_only_the_administrator_backs_up(office, tmp_path, monkeypatch):
    """A backup holds every full ID number and the password hashes: the administrator's duty."""
    for name in ("领导", "东城", "县级甲"):
        assert run(office, name, "backup", "--out", str(tmp_path / "b.sqlite3"), monkeypatch=monkeypatch) == 3
    assert not (tmp_path / "b.sqlite3").exists()


def test_change_password_via_cli(office, capsys, monkeypatch):
    monkeypatch.setenv("DANGJIAN_NEW_PASSWORD", "brand-new-1")
    assert run(office, "东城", "account", "password", "东城", monkeypatch=monkeypatch) == 0
    monkeypatch.delenv("DANGJIAN_NEW_PASSWORD")
    assert run(office, "东城", "check", monkeypatch=monkeypatch) == 3
    assert run(office, "东城", "check", monkeypatch=monkeypatch, password="brand-new-1") == 0


def test_township_check_lists_only_their_township(office, capsys, monkeypatch):
    assert run(office, "东城", "check", monkeypatch=monkeypatch) == 0
    out = capsys.readouterr().out
    assert "西山乡" not in out and "中心小学" not in out
    assert run(office, "县级甲", "check", monkeypatch=monkeypatch) == 0
    assert "中心小学" in capsys.readouterr().out


def test_a_township_account_on_a_sqlite_file_is_told_the_file_is_the_boundary(office, monkeypatch, capsys):
    capsys.readouterr()
    monkeypatch.setenv("DANGJIAN_NEW_PASSWORD", "Xishan-2026-pw")
    assert run(office, "管理员", "account", "add", "西山", "--role", "乡镇办事员", "--scope", "西山乡党委",
               monkeypatch=monkeypatch) == 0
    captured = capsys.readouterr()
    assert "已添加账号“西山”（乡镇办事员）" in captured.out
    assert "乡镇办事员账号应建在共享的 PostgreSQL 服务器上" in captured.err
    assert run(office, "管理员", "account", "add", "县级乙", "--role", "县级办事员",
               monkeypatch=monkeypatch) == 0
    assert "PostgreSQL" not in capsys.readouterr().err


def test_a_disabled_account_is_enabled_again_by_an_administrator(office, capsys, monkeypatch):
    """account enable: the administrator's only (exit 3 otherwise); the account logs in again."""
    assert run(office, "管理员", "account", "disable", "县级甲", monkeypatch=monkeypatch) == 0
    assert run(office, "县级甲", "check", monkeypatch=monkeypatch) == 3
    assert "已停用" in capsys.readouterr().err
    assert run(office, "东城", "account", "enable", "县级甲", monkeypatch=monkeypatch) == 3
    assert "“管理账号”" in capsys.readouterr().err
    assert run(office, "管理员", "account", "enable", "县级甲", monkeypatch=monkeypatch) == 0
    assert "已启用账号“县级甲”" in capsys.readouterr().out
    assert run(office, "县级甲", "check", monkeypatch=monkeypatch) == 0
    assert run(office, "管理员", "account", "enable", "县级甲", monkeypatch=monkeypatch) == 1
    assert "未停用" in capsys.readouterr().err
    assert run(office, "管理员", "account", "list", monkeypatch=monkeypatch) == 0
    assert "县级甲\t县级办事员\t全县\t正常" in capsys.readouterr().out
    assert run(office, "管理员", "audit", "--limit", "5", monkeypatch=monkeypatch) == 0
    assert "启用" in capsys.readouterr().out
