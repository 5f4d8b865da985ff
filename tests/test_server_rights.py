"""On a shared PostgreSQL server the server itself enforces each account's rights
(docs/server-rights.md): checked through a plain driver with each clerk's own login, and through the
program. Each test database gets its own owner and logins, named after it (role names are
cluster-wide), and drops them all at the end."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text

from desktop.cli import main
from models.actor import Actor
from models.roles import Role
from tests.conftest import _pg_admin_engine, pg_unavailable, pg_url
from tests.factories import build_county, member_values

pytestmark = pytest.mark.postgres

PASSWORD = "Qing-2026-shan"


def _admin(sql: str) -> None:
    engine = _pg_admin_engine()
    with engine.connect() as conn:
        conn.execute(text(sql))
    engine.dispose()


def drop_database_and_roles(name: str) -> None:
    """The test database and every role named after it (its owner, groups and logins)."""
    engine = _pg_admin_engine()
    with engine.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        roles = conn.execute(text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p"),
                             {"p": f"{name}\\_%"}).scalars().all()
        for role in sorted(roles, key=lambda r: r.endswith("_owner")):
            conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
    engine.dispose()


class Server:
    """A county database made by its own (non-superuser) owner, with one login per role."""

    def __init__(self, name: str):
        self.name = name
        self.owner = f"{name}_owner"
        self.town, self.reader, self.county = f"{name}_town", f"{name}_read", f"{name}_cty"

    def url(self, user: str | None = None, password: str | None = None) -> str:
        base = pg_url(self.name)
        who = self.owner if user is None else user
        secret = f":{password}" if password else ""
        return base.replace("://postgres@", f"://{who}{secret}@")

    def psycopg(self, user: str):
        """A plain driver connection with a clerk's own credentials, no program code."""
        import psycopg

        return psycopg.connect(host="127.0.0.1", dbname=self.name, user=user, password=PASSWORD,
                               autocommit=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    reason = pg_unavailable()
    if reason:
        pytest.skip(reason)
    import os

    from models.db import open_database
    from models.services.members import create_member

    srv = Server(f"dj_rights_{uuid.uuid4().hex[:8]}")
    _admin(f'CREATE ROLE "{srv.owner}" LOGIN CREATEROLE')
    _admin(f'CREATE DATABASE {srv.name} OWNER "{srv.owner}"')
    old = dict(os.environ)
    os.environ["DANGJIAN_HOME"] = str(tmp_path_factory.mktemp("home"))
    try:
        assert main(["--db", srv.url(), "init", "--county", "中共某某县委员会"]) == 0
        db = open_database(srv.url())
        with db.transaction() as s:
            owner = Actor(srv.owner, Role.ADMIN)
            build_county(s, owner)
            for n in range(1, 4):
                create_member(s, owner, member_values(n, org="红星村党支部"))
            for n in range(4, 6):
                create_member(s, owner, member_values(n, org="中心小学党支部"))
        db.dispose()
        os.environ["DANGJIAN_NEW_PASSWORD"] = PASSWORD
        for login, role, scope in ((srv.town, "乡镇办事员", ["--scope", "东城镇党委"]),
                                   (srv.reader, "只读", []), (srv.county, "县级办事员", [])):
            assert main(["--db", srv.url(), "account", "add", login, "--role", role, *scope]) == 0
        yield srv
    finally:
        os.environ.clear()
        os.environ.update(old)
        drop_database_and_roles(srv.name)


def snapshot(srv: Server) -> dict[str, object]:
    from sqlalchemy import create_engine

    engine = create_engine(pg_url(srv.name))
    with engine.connect() as conn:
        out = {t: conn.execute(text(f"SELECT md5(string_agg(x::text, ',' ORDER BY x::text)) FROM {t} x")).scalar()
               for t in ("account", "problem", "member", "audit_log", "organization", "letter", "setting")}
    engine.dispose()
    return out


def refused(conn, sql: str) -> str:
    import psycopg

    with pytest.raises(psycopg.Error) as caught:
        conn.execute(sql)
    return str(caught.value)


def test_a_township_login_sees_its_township_only_and_cannot_write_beyond_its_duties(server):
    before = snapshot(server)
    with server.psycopg(server.town) as conn:
        assert conn.execute("SELECT count(*) FROM member").fetchone()[0] == 3  # 东城镇 only
        assert conn.execute("SELECT count(*) FROM member_masked").fetchone()[0] == 3
        masked = conn.execute("SELECT id_number_masked, phone_masked FROM member_masked ORDER BY id").fetchone()
        assert "*" in masked[0] and masked[1] == "138****0001"
        names = {r[0] for r in conn.execute("SELECT short_name FROM organization")}
        assert "中心小学党支部" not in names and "红星村党支部" in names
        for sql in ("SELECT id_number FROM member", "SELECT phone FROM member", "SELECT * FROM member",
                    f"UPDATE account SET role = '管理员' WHERE name = '{server.town}'",
                    "DELETE FROM problem",
                    "UPDATE problem SET severity = '一般'",
                    "UPDATE problem SET deadline = '2030-01-01'",
                    "INSERT INTO setting (key, value) VALUES ('x', 'y')",
                    "UPDATE letter SET body = 'x'",
                    "ALTER TABLE member ADD COLUMN x integer",
                    "ALTER TABLE audit_log DISABLE TRIGGER ALL",
                    "CREATE TABLE mine (x integer)",
                    "SELECT * FROM pg_authid",
                    f"SELECT dangjian_set_password('{server.reader}', 'SCRAM-SHA-256$x')",
                    f"SELECT dangjian_grant_login('{server.town}', NULL)",
                    f"SELECT dangjian_set_login('{server.reader}', false)",
                    "SELECT count(*) FROM audit_log", "SELECT changes FROM audit_log"):
            refused(conn, sql)
        message = refused(conn, "INSERT INTO audit_log (at, account, action, entity, changes) "
                                "VALUES (now(), '管理员', 'update', 'member', '{}')")
        assert "账号须是登录的账号" in message
        message = refused(conn, "INSERT INTO audit_log (at, account, action, entity, changes) "
                                f"VALUES (now(), '{server.town}', 'update', 'member', '{{}}')")
        assert "校验链" in message
        # a change to an audited table without its audit row: refused at commit
        conn.autocommit = False
        conn.execute("UPDATE member SET address = '改了' WHERE name LIKE '张%'")
        assert "审计记录" in refused(conn, "COMMIT")
        conn.autocommit = True
        # other townships' rows are simply not there to change
        assert conn.execute("UPDATE organization SET secretary = 'x' WHERE short_name = '中心小学党支部'"
                            ).rowcount == 0
    assert snapshot(server) == before


def test_a_read_only_login_reads_but_every_write_is_refused(server):
    before = snapshot(server)
    with server.psycopg(server.reader) as conn:
        assert conn.execute("SELECT count(*) FROM member").fetchone()[0] == 5
        for sql in ("SELECT id_number FROM member", "SELECT phone FROM member",
                    "UPDATE member SET address = 'x'", "DELETE FROM member",
                    "INSERT INTO organization (name, kind, path) VALUES ('x', '党支部', '/')",
                    "UPDATE organization SET secretary = 'x'", "UPDATE problem SET status = '已销号'",
                    "UPDATE account SET active = false", "DELETE FROM setting",
                    "INSERT INTO audit_log (at, account, action, entity, changes) "
                    f"VALUES (now(), '{server.reader}', 'x', 'member', '{{}}')",
                    "UPDATE audit_head SET seq = 0", "TRUNCATE member", "ALTER TABLE member DROP COLUMN phone",
                    "SELECT count(*) FROM audit_log",
                    "SELECT dangjian_audit_write('update', 'member', 1, 'x')"):
            refused(conn, sql)
    assert snapshot(server) == before


def test_no_clerk_login_is_privileged_owns_anything_or_bypasses_rls(server):
    engine = _pg_admin_engine()
    with engine.connect() as conn:
        for login in (server.town, server.reader, server.county):
            row = conn.execute(text(
                "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb, rolcanlogin, "
                "left(rolpassword, 14) FROM pg_authid WHERE rolname = :r"), {"r": login}).one()
            assert row == (False, False, False, False, True, "SCRAM-SHA-256$")
            groups = conn.execute(text(
                "SELECT g.rolname, g.rolsuper, g.rolbypassrls, g.rolcanlogin FROM pg_auth_members m "
                "JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
                "WHERE u.rolname = :r"), {"r": login}).all()
            assert len(groups) == 1 and groups[0][1:] == (False, False, False)
            assert groups[0][0].startswith(server.name)
    engine.dispose()
    from sqlalchemy import create_engine

    engine = create_engine(pg_url(server.name))
    with engine.connect() as conn:
        owners = set(conn.execute(text(
            "SELECT DISTINCT pg_get_userbyid(c.relowner) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'")).scalars())
        assert owners == {server.owner}
        unforced = conn.execute(text(
            "SELECT relname FROM pg_class WHERE relname IN ('member', 'problem', 'organization', "
            "'letter', 'placement', 'points_entry', 'pairing_party') AND NOT (relrowsecurity AND relforcerowsecurity)"
        )).scalars().all()
        assert unforced == []
    engine.dispose()


def test_a_county_login_sees_everything_and_the_program_acts_as_the_login(server, monkeypatch, capsys):
    monkeypatch.setenv("DANGJIAN_PASSWORD", PASSWORD)
    with server.psycopg(server.county) as conn:
        assert conn.execute("SELECT count(*) FROM member").fetchone()[0] == 5
        assert conn.execute("SELECT count(id_number) FROM member").fetchone()[0] == 5
    # the password an administrator set must be changed first (through the server)
    assert main(["--db", server.url(), "--user", server.county, "check"]) == 3
    assert "须先修改密码" in capsys.readouterr().err
    monkeypatch.setenv("DANGJIAN_NEW_PASSWORD", "Bai-2026-yun")
    assert main(["--db", server.url(), "--user", server.county, "account", "password", server.county]) == 0
    monkeypatch.setenv("DANGJIAN_PASSWORD", "Bai-2026-yun")
    capsys.readouterr()
    assert main(["--db", server.url(), "--user", server.county, "audit", "verify"]) == 0
    assert "校验通过" in capsys.readouterr().out
    # the audit row of the change names the login, and the chain holds
    from sqlalchemy import create_engine

    engine = create_engine(pg_url(server.name))
    with engine.connect() as conn:
        who = conn.execute(text("SELECT account FROM audit_log WHERE action = 'password' "
                                "ORDER BY seq DESC LIMIT 1")).scalar()
    engine.dispose()
    assert who == server.county


def test_a_wrong_password_or_a_disabled_login_cannot_connect(server, monkeypatch, capsys):
    monkeypatch.setenv("DANGJIAN_PASSWORD", PASSWORD)
    monkeypatch.setenv("DANGJIAN_NEW_PASSWORD", PASSWORD)
    extra = f"{server.name}_gone"
    assert main(["--db", server.url(), "account", "add", extra, "--role", "只读"]) == 0
    assert main(["--db", server.url(), "account", "disable", extra]) == 0
    engine = _pg_admin_engine()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :r"), {"r": extra}).scalar() is False
    engine.dispose()
    capsys.readouterr()
    assert main(["--db", server.url(), "--user", extra, "check"]) == 3
    assert "已停用或锁定" in capsys.readouterr().err
    assert main(["--db", server.url(), "account", "list"]) == 0
    assert f"{extra}\t只读\t全县\t已停用\t数据库登录" in capsys.readouterr().out
    # account enable: a clerk's login may not give it back (below); the administrator's gives the
    # login back
    assert main(["--db", server.url(), "account", "enable", extra]) == 0
    engine = _pg_admin_engine()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :r"), {"r": extra}).scalar() is True
    engine.dispose()
    capsys.readouterr()
    assert main(["--db", server.url(), "--user", extra, "check"]) == 3  # it connects: its password must change
    assert "须先修改密码" in capsys.readouterr().err
    with server.psycopg(server.town) as conn:  # nor through a plain driver
        refused(conn, f"SELECT dangjian_set_login('{extra}', true)")


def test_a_clerk_cannot_add_accounts_or_run_init(server, monkeypatch, capsys):
    monkeypatch.setenv("DANGJIAN_PASSWORD", PASSWORD)
    monkeypatch.setenv("DANGJIAN_NEW_PASSWORD", PASSWORD)
    assert main(["--db", server.url(), "--user", server.reader, "account", "add",
                 f"{server.name}_x", "--role", "管理员"]) == 3
    engine = _pg_admin_engine()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM pg_roles WHERE rolname = :r"),
                            {"r": f"{server.name}_x"}).scalar() == 0
    engine.dispose()


def test_upgrading_a_database_of_the_previous_release_brings_the_policies(tmp_path):
    reason = pg_unavailable()
    if reason:
        pytest.skip(reason)
    from alembic import command
    from sqlalchemy import create_engine

    from models.db import alembic_config, open_database
    from models.services.members import create_member

    srv = Server(f"dj_upgrade_{uuid.uuid4().hex[:8]}")
    _admin(f'CREATE ROLE "{srv.owner}" LOGIN CREATEROLE')
    _admin(f'CREATE DATABASE {srv.name} OWNER "{srv.owner}"')
    try:
        engine = create_engine(srv.url())
        with engine.begin() as conn:
            cfg = alembic_config(engine)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0014")  # the release before the server rights (0010 and this round's tables)
        engine.dispose()
        # the shared clerks' role of the previous release (`init --clerk-role`), with its grants
        clerk = f"{srv.name}_clerk"
        _admin(f'CREATE ROLE "{clerk}" LOGIN')
        engine = create_engine(srv.url())
        with engine.begin() as conn:
            conn.execute(text(f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{clerk}"'))
            conn.execute(text(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{clerk}"'))
            conn.execute(text("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE "
                              f'ON TABLES TO "{clerk}"'))
        engine.dispose()
        db = open_database(srv.url(), migrate=False)
        owner = Actor(srv.owner, Role.ADMIN)
        with db.transaction() as s:
            build_county(s, owner)
            create_member(s, owner, member_values(1, org="红星村党支部"))
            create_member(s, owner, member_values(2, org="中心小学党支部"))
        db.dispose()
        db = open_database(srv.url())  # the upgrade, as the owner's init would run it
        assert db.warnings == []
        db.dispose()
        import os

        os.environ["DANGJIAN_NEW_PASSWORD"] = PASSWORD
        try:
            assert main(["--db", srv.url(), "account", "add", srv.town, "--role", "乡镇办事员",
                         "--scope", "西山乡党委"]) == 0
        finally:
            del os.environ["DANGJIAN_NEW_PASSWORD"]
        with srv.psycopg(srv.town) as conn:
            assert conn.execute("SELECT count(*) FROM member").fetchone()[0] == 1  # 西山乡's one
            refused(conn, "SELECT id_number FROM member")
            refused(conn, "UPDATE problem SET severity = '一般'")
        with srv.psycopg(clerk) as conn:  # the old shared role keeps nothing
            for sql in ("SELECT count(*) FROM member", "SELECT * FROM setting", "DELETE FROM audit_head",
                        "UPDATE account SET role = '管理员'"):
                refused(conn, sql)
    finally:
        drop_database_and_roles(srv.name)


def test_the_program_as_a_township_login_reads_only_masked_numbers(server, monkeypatch, capsys, tmp_path):
    """The program's queries for such a login never name the full columns (models/masking.py):
    the township's members, with masked ID numbers and phones, and nothing refused."""
    from openpyxl import load_workbook

    monkeypatch.setenv("DANGJIAN_PASSWORD", PASSWORD)
    monkeypatch.setenv("DANGJIAN_NEW_PASSWORD", "Dong-2026-cheng")
    assert main(["--db", server.url(), "--user", server.town, "account", "password", server.town]) == 0
    monkeypatch.setenv("DANGJIAN_PASSWORD", "Dong-2026-cheng")
    capsys.readouterr()
    assert main(["--db", server.url(), "--user", server.town, "member", "search", "张"]) == 0
    out = capsys.readouterr().out
    assert "共3人" in out and "440524********0101" in out and "中心小学" not in out
    assert main(["--db", server.url(), "--user", server.town, "member", "show", "--id", "1"]) == 0
    out = capsys.readouterr().out
    assert "联系电话：138****0001" in out and "公民身份号码：440524********0101" in out
    out_file = tmp_path / "roster.xlsx"
    assert main(["--db", server.url(), "--user", server.town, "export", "members", "--out", str(out_file)]) == 0
    rows = list(load_workbook(out_file).worksheets[0].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 3 and all("*" in str(r[3]) for r in rows)
    assert main(["--db", server.url(), "--user", server.town, "audit", "verify"]) == 3  # not its duty
    assert "查看审计日志" in capsys.readouterr().err


def test_masked_sql_names_no_secret_column_but_leaves_writes_alone():
    from models.masking import masked_sql

    read = masked_sql("SELECT member.id, member.id_number, member_1.phone, household.phone FROM member "
                      "JOIN member AS member_1 ON member_1.id = member.id WHERE member.id_number LIKE %(x)s")
    assert read == ("SELECT member.id, member.id_number_masked, member_1.phone_masked, household.phone_masked "
                    "FROM member JOIN member AS member_1 ON member_1.id = member.id "
                    "WHERE member.id_number_masked LIKE %(x)s")
    write = "UPDATE member SET phone=%(phone)s, id_number=%(id_number)s WHERE member.id = %(id)s"
    assert masked_sql(write) == write
    lookup = masked_sql("SELECT member.id FROM member WHERE member.id_number = %(id_number_1)s")
    assert lookup == "SELECT member.id FROM member WHERE member.id IN (SELECT dangjian_member_ids(%(id_number_1)s))"
    lookup = masked_sql("SELECT member.id FROM member WHERE member.id_number = %(id_number_1)s::VARCHAR AND x")
    assert lookup.endswith("member.id IN (SELECT dangjian_member_ids(%(id_number_1)s::VARCHAR)) AND x")


def test_the_rls_bench_runs():
    """bench/server_rights_bench.py still runs (speed is not judged here)."""
    reason = pg_unavailable()
    if reason:
        pytest.skip(reason)
    from bench.server_rights_bench import bench_rls

    result = bench_rls(400, 1)
    assert set(result) == {"off", "on", "ratio"} and result["on"] > 0


def test_this_rounds_tables_are_scoped_too(pg_template):
    """The tables the receipts, accountability, meetings, lifecycle, leaders and findings added
    hold a township's rows: row-level security is on and forced for each."""
    from sqlalchemy import create_engine, text

    from tests.conftest import pg_create_database, pg_drop_database, pg_url

    name = pg_create_database(template=pg_template)
    try:
        engine = create_engine(pg_url(name))
        with engine.connect() as conn:
            rows = dict(conn.execute(text(
                "SELECT relname, relrowsecurity AND relforcerowsecurity FROM pg_class WHERE relname = ANY(:t)"),
                {"t": ["task_receipt", "receipt_evidence", "accountability_case", "evaluation_meeting",
                       "member_event", "org_leader", "finding"]}).all())
        engine.dispose()
        assert rows and all(rows.values()) and len(rows) == 7, rows
    finally:
        pg_drop_database(name)


def test_only_the_roles_with_the_audit_duty_read_the_audit_log(server):
    """查看审计日志 is 管理员's and 县级办事员's (models/roles.py): their groups SELECT the log; a
    township or read-only login reads only the view of its scope's history, numbers masked."""
    from sqlalchemy import create_engine

    engine = create_engine(pg_url(server.name))
    with engine.connect() as conn:
        total = conn.execute(text("SELECT count(*) FROM audit_log")).scalar()
        town_members = set(conn.execute(text(
            "SELECT m.id FROM member m JOIN organization o ON o.id = m.org_id "
            "WHERE o.short_name = '红星村党支部'")).scalars())
        grants = dict(conn.execute(text(
            "SELECT r, has_table_privilege(dangjian_group(r), 'audit_log', 'SELECT') "
            "FROM unnest(ARRAY['管理员', '县级办事员', '乡镇办事员', '只读']) r")).all())
    engine.dispose()
    assert grants == {"管理员": True, "县级办事员": True, "乡镇办事员": False, "只读": False}
    with server.psycopg(server.county) as conn:
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == total
    with server.psycopg(server.town) as conn:
        rows = conn.execute("SELECT entity, entity_id, changes FROM audit_visible").fetchall()
        members = {eid for entity, eid, _c in rows if entity == "member"}
        assert members == town_members  # its township's members' history, nobody else's
        assert all(entity in ("member", "organization", "account") for entity, _i, _c in rows)
        created = [c for entity, _i, c in rows if entity == "member" and "id_number" in c]
        assert created and all("********" in c for c in created)
        assert not any("440524" in c and "********" not in c for _e, _i, c in rows if c)
    with server.psycopg(server.reader) as conn:
        shown = conn.execute("SELECT count(*), count(*) FILTER (WHERE changes LIKE '%4405241%') "
                             "FROM audit_visible").fetchone()
        assert shown[0] == total and shown[1] == 0  # everything, no full number


def test_the_program_as_township_and_read_only_logins_shows_member_history(server, monkeypatch, capsys):
    """member history reads the audit rows through audit_visible for such logins (models/masking.py)."""
    monkeypatch.setenv("DANGJIAN_NEW_PASSWORD", PASSWORD)
    for login, role, scope in ((f"{server.name}_t2", "乡镇办事员", ["--scope", "东城镇党委"]),
                               (f"{server.name}_r2", "只读", [])):
        assert main(["--db", server.url(), "account", "add", login, "--role", role, *scope]) == 0
        monkeypatch.setenv("DANGJIAN_PASSWORD", PASSWORD)
        monkeypatch.setenv("DANGJIAN_NEW_PASSWORD", "Xin-2026-mima")
        assert main(["--db", server.url(), "--user", login, "account", "password", login]) == 0
        monkeypatch.setenv("DANGJIAN_PASSWORD", "Xin-2026-mima")
        monkeypatch.setenv("DANGJIAN_NEW_PASSWORD", PASSWORD)
        capsys.readouterr()
        assert main(["--db", server.url(), "--user", login, "member", "history", "--id", "1"]) == 0
        captured = capsys.readouterr()
        assert "新增" in captured.out or "创建" in captured.out, captured.out
        assert "440524" not in captured.out.replace("440524********", "")
        assert "审计日志无法检查" not in captured.err


def test_upgrading_a_database_of_release_0015_brings_the_new_grants(tmp_path, monkeypatch, capsys):
    """A database made by the previous release (migration 0015 at its head), with a township login,
    upgraded by the owner's open: the audit log is no longer the township's to read (the view of its
    history is), and the owner's functions of 0016 let the program edit its members."""
    reason = pg_unavailable()
    if reason:
        pytest.skip(reason)
    from alembic import command
    from sqlalchemy import create_engine

    from models.db import alembic_config, open_database
    from models.services import accounts
    from models.services.members import create_member

    srv = Server(f"dj_up16_{uuid.uuid4().hex[:8]}")
    _admin(f'CREATE ROLE "{srv.owner}" LOGIN CREATEROLE')
    _admin(f'CREATE DATABASE {srv.name} OWNER "{srv.owner}"')
    try:
        engine = create_engine(srv.url())
        with engine.begin() as conn:
            cfg = alembic_config(engine)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0015")
        engine.dispose()
        db = open_database(srv.url(), migrate=False)
        owner = Actor(srv.owner, Role.ADMIN)
        with db.transaction() as s:
            county = build_county(s, owner)
            create_member(s, owner, member_values(1, org="红星村党支部"))
            create_member(s, owner, member_values(2, org="中心小学党支部"))
            accounts.add_server_account(s, owner, srv.town, "乡镇办事员", county.east.id, PASSWORD)
        db.dispose()
        with srv.psycopg(srv.town) as conn:  # what 0015 allowed
            assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] > 0
            refused(conn, "SELECT * FROM audit_visible")
            assert conn.execute("UPDATE audit_head SET seq = seq").rowcount == 1
        db = open_database(srv.url())  # the upgrade, as the owner's init would run it
        assert db.warnings == []
        db.dispose()
        with srv.psycopg(srv.town) as conn:
            refused(conn, "SELECT count(*) FROM audit_log")
            refused(conn, "UPDATE audit_head SET seq = seq")  # 0017: the head is the owner's code's
            assert {r[0] for r in conn.execute("SELECT DISTINCT entity_id FROM audit_visible "
                                               "WHERE entity = 'member'")} == {1}
            number_b = member_values(2)["id_number"]
            assert conn.execute("SELECT dangjian_id_numbers_taken(%s, NULL)", ([number_b],)).fetchall() \
                == [(number_b,)]
            assert conn.execute("SELECT dangjian_org_hidden('中心小学党支部')").fetchone()[0] is True
        monkeypatch.setenv("DANGJIAN_PASSWORD", PASSWORD)
        monkeypatch.setenv("DANGJIAN_NEW_PASSWORD", "Dong-2026-cheng")
        assert main(["--db", srv.url(), "--user", srv.town, "account", "password", srv.town]) == 0
        monkeypatch.setenv("DANGJIAN_PASSWORD", "Dong-2026-cheng")
        capsys.readouterr()
        assert main(["--db", srv.url(), "--user", srv.town, "member", "edit", "--id", "1",
                     "--phone", "13911112222"]) == 0, capsys.readouterr()
        engine = create_engine(pg_url(srv.name))
        with engine.connect() as conn:
            assert conn.execute(text("SELECT id_number, phone FROM member WHERE id = 1")).one() == (
                member_values(1)["id_number"], "13911112222")
        engine.dispose()
    finally:
        drop_database_and_roles(srv.name)


def _own_login(server: Server, suffix: str, role: str, scope: list[str], monkeypatch) -> str:
    """A new login of the server's county whose own password is PASSWORD (changed at first use)."""
    login = f"{server.name}_{suffix}"
    monkeypatch.setenv("DANGJIAN_NEW_PASSWORD", "Chu-2026-shi")
    assert main(["--db", server.url(), "account", "add", login, "--role", role, *scope]) == 0
    monkeypatch.setenv("DANGJIAN_PASSWORD", "Chu-2026-shi")
    monkeypatch.setenv("DANGJIAN_NEW_PASSWORD", PASSWORD)
    assert main(["--db", server.url(), "--user", login, "account", "password", login]) == 0
    monkeypatch.setenv("DANGJIAN_PASSWORD", PASSWORD)
    return login


def test_a_township_login_checks_id_numbers_against_the_whole_county(server, monkeypatch, capsys, tmp_path):
    """The duplicate check of a login that may not read the ID column is the owner's function's
    (dangjian_id_numbers_taken): a number held in another township is refused by the program with
    the field named, on add, edit and import; an edit keeps the masked number and checks the birth
    date against it."""
    from openpyxl import Workbook

    from reports.roster import MEMBER_HEADERS

    login = _own_login(server, "t3", "乡镇办事员", ["--scope", "东城镇党委"], monkeypatch)
    west = member_values(4)["id_number"]  # 中心小学党支部, 西山乡: not the login's to see
    capsys.readouterr()
    code = main(["--db", server.url(), "--user", login, "member", "add", "--name", "王重", "--id-number", west,
                 "--org", "红星村党支部", "--joined", "2010-07-01"])
    assert code == 1 and "公民身份号码：与现有党员重复" in capsys.readouterr().err
    assert main(["--db", server.url(), "--user", login, "member", "edit", "--id", "2", "--id-number", west]) == 1
    assert "与现有党员重复" in capsys.readouterr().err
    assert main(["--db", server.url(), "--user", login, "member", "edit", "--id", "2", "--birth", "1990-01-01"]) == 1
    assert "出生日期：与公民身份号码不符" in capsys.readouterr().err
    wb = Workbook()
    wb.active.append(MEMBER_HEADERS)
    row = {"姓名": "王重", "民族": "汉族", "公民身份号码": west, "学历": "大学本科", "人员类别": "农牧渔民",
           "所在党支部": "红星村党支部", "加入党组织日期": "2010-07-01", "转为正式党员日期": "2011-07-01"}
    wb.active.append([row.get(h) for h in MEMBER_HEADERS])
    wb.save(tmp_path / "dup.xlsx")
    assert main(["--db", server.url(), "--user", login, "import", "members", str(tmp_path / "dup.xlsx")]) == 1
    assert "与数据库中现有党员重复" in capsys.readouterr().err
    from sqlalchemy import create_engine

    engine = create_engine(pg_url(server.name))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM member WHERE name = '王重'")).scalar() == 0
        assert conn.execute(text("SELECT id_number FROM member WHERE id = 2")).scalar() == member_values(2)["id_number"]
    engine.dispose()


def _owner_one(server: Server, sql: str):
    from sqlalchemy import create_engine

    engine = create_engine(pg_url(server.name))
    with engine.connect() as conn:
        row = conn.execute(text(sql)).one()
    engine.dispose()
    return tuple(row)


def test_no_clerk_login_can_move_the_audit_chains_head(server, monkeypatch, capsys):
    """audit_head (where the chain ends, and how far it was verified) is written only by the owner's
    insert trigger, with each audit row that extends the chain, and the owner's functions (migration
    0017): a writing login's UPDATE, DELETE, INSERT or TRUNCATE of it is refused; the program still
    writes as that login, and the chain verifies."""
    town = _own_login(server, "t5", "乡镇办事员", ["--scope", "东城镇党委"], monkeypatch)
    county = _own_login(server, "c5", "县级办事员", [], monkeypatch)
    admin = _own_login(server, "a5", "管理员", [], monkeypatch)
    head = _owner_one(server, "SELECT seq, hash, verified_seq, verified_hash FROM audit_head")
    for login in (town, county, admin):
        with server.psycopg(login) as conn:
            assert conn.execute("SELECT seq, hash FROM audit_head").fetchone() == head[:2]  # readable
            for sql in ("UPDATE audit_head SET hash = repeat('0', 64)", "UPDATE audit_head SET seq = seq - 1",
                        "UPDATE audit_head SET verified_seq = 0", "DELETE FROM audit_head",
                        "INSERT INTO audit_head (id, seq, hash, verified_seq) VALUES (2, 0, 'x', 0)",
                        "TRUNCATE audit_head", "ALTER TABLE audit_head DISABLE TRIGGER ALL",
                        "SELECT dangjian_record_in('member', 1, '/')"):
                refused(conn, sql)
            if login == town:  # not a reader of the log: no verified position to move
                refused(conn, f"SELECT dangjian_audit_verified({head[0]}, '{head[1]}', true)")
            else:  # only to a place of the log with its hash
                assert "没有这一位置" in refused(conn, f"SELECT dangjian_audit_verified({head[0]}, '{'0' * 64}', true)")
    with server.psycopg(server.reader) as conn:
        refused(conn, "SELECT dangjian_audit_head_lock()")
    assert _owner_one(server, "SELECT seq, hash, verified_seq, verified_hash FROM audit_head") == head
    # the program as the township's login: its audit rows extend the chain and move the head
    capsys.readouterr()
    assert main(["--db", server.url(), "--user", town, "member", "edit", "--id", "1",
                 "--address", "东城镇红星村二组"]) == 0, capsys.readouterr().err
    last = _owner_one(server, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
    assert last[0] > head[0]
    assert _owner_one(server, "SELECT seq, hash FROM audit_head") == last
    # a county login checks the chain at open and remembers where (through the owner's function)
    assert main(["--db", server.url(), "--user", county, "audit", "verify"]) == 0
    assert "校验通过" in capsys.readouterr().out
    assert _owner_one(server, "SELECT verified_seq, verified_hash FROM audit_head") == last
    assert main(["--db", server.url(), "audit", "verify"]) == 0
    assert "校验通过" in capsys.readouterr().out


def test_a_township_logins_history_includes_its_members_points_entries(server, monkeypatch, capsys):
    """Child records (here points entries) are in a township login's history (audit_visible) by
    their parent's township: its own member's entry, not another township's."""
    login = _own_login(server, "t6", "乡镇办事员", ["--scope", "东城镇党委"], monkeypatch)
    ours, theirs = member_values(1)["id_number"], member_values(4)["id_number"]  # 东城镇, 西山乡
    entry = ["--date", "2026-03-01", "--item", "志愿服务加分", "--points", "+5", "--reason", "义务劳动"]
    capsys.readouterr()
    assert main(["--db", server.url(), "--user", login, "points", "add", "--id-number", ours, *entry]) == 0, \
        capsys.readouterr().err
    assert main(["--db", server.url(), "points", "add", "--id-number", theirs, *entry]) == 0
    from sqlalchemy import create_engine

    engine = create_engine(pg_url(server.name))
    with engine.connect() as conn:
        entries = dict(conn.execute(text(
            "SELECT m.id_number, p.id FROM points_entry p JOIN member m ON m.id = p.member_id "
            "WHERE p.reason = '义务劳动'")).all())
    engine.dispose()
    assert set(entries) == {ours, theirs}
    with server.psycopg(login) as conn:
        shown = {r[0] for r in conn.execute("SELECT entity_id FROM audit_visible WHERE entity = 'points_entry'")}
        assert entries[ours] in shown and entries[theirs] not in shown
    with server.psycopg(server.reader) as conn:  # a county-wide reader sees both
        shown = {r[0] for r in conn.execute("SELECT entity_id FROM audit_visible WHERE entity = 'points_entry'")}
        assert {entries[ours], entries[theirs]} <= shown
