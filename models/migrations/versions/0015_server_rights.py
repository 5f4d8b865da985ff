"""On a shared PostgreSQL server the database enforces each account's rights: group roles per
program role, row-level security by township, column privileges on ID numbers and phones, the
audit row's account from the login, password and login changes through the owner's functions
(docs/server-rights.md). Nothing on SQLite: there the file is the boundary.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""

import re

from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

#: program role → the suffix of its NOLOGIN group role (prefixed by the database's name)
GROUPS = {"管理员": "admin", "县级办事员": "county", "乡镇办事员": "township", "只读": "reader"}
CLOSED = "已销号"
REPLIED = "已反馈"

#: tables whose rows belong to a township, and the predicate that says a row is in the scope
#: (the scope is an organization path prefix, "/" for the county; the subqueries run under the
#: same policies, so a child row is in scope when its parent row is visible)
#: the organizations in the scope, computed once per statement (an initplan): NULL for "all"
ORG_IDS = "(SELECT dangjian_org_ids())"
ABOVE = "(SELECT dangjian_scope()) LIKE o.path || '%'"


def _org(col: str) -> str:
    # written out, not a helper function: PostgreSQL does not inline a function whose argument is a
    # subquery used twice, and a call per row costs more than the scope check itself
    return f"({col} = ANY ({ORG_IDS}::integer[]) OR {ORG_IDS} IS NULL)"


def _via(table: str, col: str) -> str:
    return f"EXISTS (SELECT 1 FROM {table} p WHERE p.id = {col})"


SCOPED = {
    "organization": _org("id"),
    "member": _org("org_id"),
    "placement": _org("org_id"),
    "household": _org("org_id"),
    "cadre_post": _org("org_id"),
    "problem": _org("org_id"),
    "rectification": _org("org_id"),
    "task_scope": _org("org_id"),
    "evaluation_sheet": _org("org_id"),
    "warning_consequence": _org("org_id"),
    "letter": _org("recipient_id"),
    # a round over the county (or the township's committee) covers the township: its ancestors too
    "evaluation_round": f"scope_org_id IS NULL OR {_org('scope_org_id')} "
                        f"OR scope_org_id IN (SELECT o.id FROM organization o WHERE {ABOVE})",
    "pairing_party": f"({_org('org_id')}) OR {_via('member', 'member_id')} OR {_via('household', 'household_id')}",
    "pairing": "EXISTS (SELECT 1 FROM pairing_party pp WHERE pp.pairing_id = pairing.id)",
    "pairing_activity": _via("pairing", "pairing_id"),
    "pairing_assessment": _via("pairing", "pairing_id"),
    "points_entry": _via("member", "member_id"),
    "rectification_note": _via("rectification", "rectification_id"),
    "evaluation_approval": _via("evaluation_sheet", "sheet_id"),
    "evaluation_followup": _via("evaluation_sheet", "sheet_id"),
    "letter_problem": _via("problem", "problem_id"),
    "letter_task": _via("letter", "letter_id"),
    "account": f"{ORG_IDS} IS NULL OR name = session_user",
    # this round's tables (0011-0014), each a township's rows
    "task_receipt": _org("org_id"),
    "receipt_evidence": _via("task_receipt", "receipt_id"),
    "accountability_case": _org("org_id"),
    "evaluation_meeting": _org("org_id"),
    "member_event": _via("member", "member_id"),
    "org_leader": _org("org_id"),
    "finding": _org("org_id"),
}
#: what a township login may write (its duties: records, progress, pairings, evaluation sheets);
#: table → privileges, a column list where only some columns may change
TOWNSHIP_WRITES = {
    "organization": "INSERT, UPDATE",
    "member": "INSERT, UPDATE",
    "placement": "INSERT, UPDATE",
    "household": "INSERT, UPDATE",
    "cadre_post": "INSERT, UPDATE",
    "points_entry": "INSERT, UPDATE",
    "evaluation_sheet": "INSERT, UPDATE",
    "evaluation_approval": "INSERT, UPDATE",
    "evaluation_followup": "INSERT, UPDATE",
    "rectification_note": "INSERT",
    "pairing": "INSERT, UPDATE",
    "pairing_party": "INSERT, UPDATE",
    "pairing_activity": "INSERT, UPDATE",
    "pairing_assessment": "INSERT, UPDATE",
    "import_batch": "INSERT, UPDATE",
    # task receipts and their evidence, branch meetings, the member lifecycle, the leadership register
    "task_receipt": "INSERT, UPDATE",
    "receipt_evidence": "INSERT, UPDATE",
    "evaluation_meeting": "INSERT, UPDATE",
    "member_event": "INSERT, UPDATE",
    "org_leader": "INSERT, UPDATE",
    # progress of a finding: its report and status (never 已销号: the policy's check)
    "problem": "UPDATE (report, status, updated_at, version)",
    # a reply to a letter addressed to the township
    "letter": "UPDATE (status, reply_on, reply_text, updated_at, version)",
}
#: extra WITH CHECK for a township login's UPDATE
TOWNSHIP_UPDATE_CHECK = {
    "problem": f"status <> '{CLOSED}'",
    "letter": f"status = '{REPLIED}'",
}
#: columns township and read-only logins may not read
SECRET_COLUMNS = {"member": ("id_number", "phone"), "household": ("phone",)}
#: what they read instead (ID numbers as models/idcard.py masks them: 6 digits, stars, the last 4)
PHONE_MASK = ("CASE WHEN {c} IS NULL THEN NULL "
              "ELSE left({c}, 3) || repeat('*', greatest(length({c}) - 7, 0)) || right({c}, 4) END")
MASKED = {
    "member": {
        "id_number_masked": "left(id_number, 6) || repeat('*', greatest(length(id_number) - 10, 0)) "
                            "|| right(id_number, 4)",
        "phone_masked": PHONE_MASK.format(c="phone"),
    },
    "household": {"phone_masked": PHONE_MASK.format(c="phone")},
}
#: tables where every change by a clerk's login needs its audit row (entity name → id column)
AUDITED = ("member", "organization", "problem", "account", "rectification")


def _tables(conn) -> list[str]:
    return [r[0] for r in conn.exec_driver_sql(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")]


def _columns(conn, table: str) -> list[str]:
    return [r[0] for r in conn.exec_driver_sql(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
        f"AND table_name = '{table}' ORDER BY ordinal_position")]


FUNCTIONS = r"""
CREATE SCHEMA IF NOT EXISTS dangjian_private;
REVOKE ALL ON SCHEMA dangjian_private FROM PUBLIC;
CREATE TABLE IF NOT EXISTS dangjian_private.audit_mark (
    txid bigint NOT NULL, entity text NOT NULL, entity_id integer,
    UNIQUE (txid, entity, entity_id));

-- the group role of a program role: "<database>_admin" … (ASCII; "dangjian_…" when the
-- database's name is not a plain identifier), named when the schema was made
CREATE OR REPLACE FUNCTION dangjian_group(program_role text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
  SELECT '{prefix}' || '_' ||
         CASE program_role WHEN '管理员' THEN 'admin' WHEN '县级办事员' THEN 'county'
                           WHEN '乡镇办事员' THEN 'township' WHEN '只读' THEN 'reader' END
$$;

-- the session's login is the schema owner (a member of it) or a superuser
-- (plpgsql, not sql: its plans are kept for the session, and the policies call these in every
-- statement)
CREATE OR REPLACE FUNCTION dangjian_is_owner() RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
  RETURN pg_has_role(session_user, '{owner}', 'MEMBER')
      OR COALESCE((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false);
END $$;

-- the organization path prefix the session's login may see: "/" for the owner and every county
-- account, the township's path for a township account, NULL (nothing) for anyone else
CREATE OR REPLACE FUNCTION dangjian_scope() RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF dangjian_is_owner() THEN
    RETURN '/';
  END IF;
  RETURN (SELECT CASE WHEN a.role = '乡镇办事员' THEN o.path ELSE '/' END
          FROM account a LEFT JOIN organization o ON o.id = a.scope_org_id
          WHERE a.name = session_user AND a.active);
END $$;

-- the ids of the organizations in the login's scope; NULL: all of them (a county account)
CREATE OR REPLACE FUNCTION dangjian_org_ids() RETURNS integer[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  s text := dangjian_scope();
BEGIN
  IF s IS NULL THEN
    RETURN ARRAY[]::integer[];
  ELSIF s = '/' THEN
    RETURN NULL;
  END IF;
  RETURN ARRAY(SELECT id FROM organization WHERE path LIKE s || '%');
END $$;

-- the session's login is an administrator (the owner, or an active 管理员 account)
CREATE OR REPLACE FUNCTION dangjian_is_admin() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT dangjian_is_owner() OR EXISTS (
    SELECT 1 FROM account WHERE name = session_user AND role = '管理员' AND active)
$$;

-- a login this program manages: an account's name, not the owner, never a superuser
CREATE OR REPLACE FUNCTION dangjian_check_login(login text) RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM account WHERE name = login) THEN
    RAISE EXCEPTION '“%”不是本程序的账号', login USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF login IN (SELECT dangjian_group(r) FROM unnest(ARRAY['管理员', '县级办事员', '乡镇办事员', '只读']) r) THEN
    RAISE EXCEPTION '“%”是本程序的组角色，不能作为账号的登录', login
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF login = '{owner}' OR login LIKE 'pg\_%' OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login
      AND (rolsuper OR rolcreaterole OR rolbypassrls OR rolcreatedb)) THEN
    RAISE EXCEPTION '数据库角色“%”权限过大，不能作为账号的登录', login
      USING ERRCODE = 'insufficient_privilege';
  END IF;
END $$;

-- make (or bring in line) the login of an account: LOGIN while active, member of exactly the
-- group of its role; `verifier` a SCRAM-SHA-256 verifier (NULL keeps the password)
CREATE OR REPLACE FUNCTION dangjian_grant_login(login text, verifier text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  acc record;
  g text;
BEGIN
  IF NOT dangjian_is_admin() THEN
    RAISE EXCEPTION '无权管理账号' USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM dangjian_check_login(login);
  SELECT role, active INTO acc FROM account WHERE name = login;
  IF verifier IS NOT NULL AND verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
    RAISE EXCEPTION '密码须以 SCRAM-SHA-256 校验值提供' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) AND NOT EXISTS (
      SELECT 1 FROM unnest(ARRAY['管理员', '县级办事员', '乡镇办事员', '只读']) r
      WHERE pg_has_role(login, dangjian_group(r), 'MEMBER')) THEN
    RAISE EXCEPTION '数据库中已有角色“%”，不是本程序的登录；请换一个账号名', login
      USING ERRCODE = 'duplicate_object';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
    EXECUTE format('CREATE ROLE %I NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS INHERIT', login);
  END IF;
  EXECUTE format('ALTER ROLE %I %s', login, CASE WHEN acc.active THEN 'LOGIN' ELSE 'NOLOGIN' END);
  IF verifier IS NOT NULL THEN
    EXECUTE format('ALTER ROLE %I PASSWORD %L', login, verifier);
  END IF;
  FOREACH g IN ARRAY ARRAY['管理员', '县级办事员', '乡镇办事员', '只读'] LOOP
    IF g = acc.role THEN
      EXECUTE format('GRANT %I TO %I', dangjian_group(g), login);
    ELSIF pg_has_role(login, dangjian_group(g), 'MEMBER') THEN
      EXECUTE format('REVOKE %I FROM %I', dangjian_group(g), login);
    END IF;
  END LOOP;
END $$;

-- the members in the login's scope with this full ID number: how the program looks a member up by
-- the number for a login that may not read the column (models/masking.py)
CREATE OR REPLACE FUNCTION dangjian_member_ids(number text) RETURNS SETOF integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT m.id FROM member m JOIN organization o ON o.id = m.org_id
  WHERE m.id_number = number AND o.path LIKE dangjian_scope() || '%'
$$;

-- one audit row written by the server itself (a read-only login changing its own password may
-- write nothing else), sealed into the chain as models/audit.py seals the program's rows
CREATE OR REPLACE FUNCTION dangjian_audit_write(act text, ent text, ent_id integer, why text)
RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  prev_seq integer;
  prev_hash text;
  r audit_log;
BEGIN
  SELECT seq, hash INTO prev_seq, prev_hash FROM audit_head WHERE id = 1 FOR UPDATE;
  IF NOT FOUND THEN
    SELECT seq, hash INTO prev_seq, prev_hash FROM audit_log WHERE seq IS NOT NULL
     ORDER BY seq DESC LIMIT 1;
    IF NOT FOUND THEN
      prev_seq := 0;
      prev_hash := repeat('0', 64);
    END IF;
    INSERT INTO audit_head (id, seq, hash, verified_seq) VALUES (1, prev_seq, prev_hash, 0);
  END IF;
  r.at := localtimestamp(0);
  r.account := session_user;
  r.action := act;
  r.entity := ent;
  r.entity_id := ent_id;
  r.changes := '{}';
  r.note := why;
  r.seq := prev_seq + 1;
  r.hash := dangjian_audit_hash(prev_hash, r);
  INSERT INTO audit_log (at, account, action, entity, entity_id, changes, note, seq, hash)
  VALUES (r.at, r.account, r.action, r.entity, r.entity_id, r.changes, r.note, r.seq, r.hash);
  UPDATE audit_head SET seq = r.seq, hash = r.hash WHERE id = 1;
END $$;

-- a new password: one's own, or anyone's by an administrator (who sets it to be changed at the
-- next login)
CREATE OR REPLACE FUNCTION dangjian_set_password(login text, verifier text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF login <> session_user AND NOT dangjian_is_admin() THEN
    RAISE EXCEPTION '无权修改其他账号的密码' USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM dangjian_check_login(login);
  IF verifier IS NULL OR verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
    RAISE EXCEPTION '密码须以 SCRAM-SHA-256 校验值提供' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  EXECUTE format('ALTER ROLE %I PASSWORD %L', login, verifier);
  PERFORM dangjian_audit_write('password', 'account', (SELECT id FROM account WHERE name = login),
                               '修改密码');
  UPDATE account SET must_change_password = (login <> session_user), failed_logins = 0,
         locked_until = NULL, password_hash = NULL, updated_at = localtimestamp(0),
         version = version + 1
   WHERE name = login;
END $$;

-- LOGIN or NOLOGIN: disable and lock refuse the connection itself, enable and unlock give it back
CREATE OR REPLACE FUNCTION dangjian_set_login(login text, may_login boolean) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT dangjian_is_admin() THEN
    RAISE EXCEPTION '无权管理账号' USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM dangjian_check_login(login);
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
    EXECUTE format('ALTER ROLE %I %s', login, CASE WHEN may_login THEN 'LOGIN' ELSE 'NOLOGIN' END);
  END IF;
END $$;

-- one audit row's hash, as models/audit.py computes it
CREATE OR REPLACE FUNCTION dangjian_audit_hash(prev text, r audit_log) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp AS $$
  SELECT encode(sha256(
    convert_to(prev, 'UTF8') || '\x1f'::bytea || convert_to(r.seq::text, 'UTF8') || '\x1f'::bytea
    || COALESCE(convert_to(to_char(r.at, 'YYYY-MM-DD HH24:MI:SS')
         || CASE WHEN date_part('microseconds', r.at)::int % 1000000 <> 0
                 THEN '.' || to_char(r.at, 'US') ELSE '' END, 'UTF8'), '\x00'::bytea) || '\x1f'::bytea
    || COALESCE(convert_to(r.account, 'UTF8'), '\x00'::bytea) || '\x1f'::bytea
    || COALESCE(convert_to(r.action, 'UTF8'), '\x00'::bytea) || '\x1f'::bytea
    || COALESCE(convert_to(r.entity, 'UTF8'), '\x00'::bytea) || '\x1f'::bytea
    || COALESCE(convert_to(r.entity_id::text, 'UTF8'), '\x00'::bytea) || '\x1f'::bytea
    || COALESCE(convert_to(r.changes, 'UTF8'), '\x00'::bytea) || '\x1f'::bytea
    || COALESCE(convert_to(r.note, 'UTF8'), '\x00'::bytea)), 'hex')
$$;

-- a clerk's audit row names the clerk's own login and extends the chain; it marks the record
-- as audited in this transaction
CREATE OR REPLACE FUNCTION dangjian_audit_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  prev text;
BEGIN
  IF NOT dangjian_is_owner() THEN
    IF NEW.account IS DISTINCT FROM session_user::text THEN
      RAISE EXCEPTION '审计记录的账号须是登录的账号“%”', session_user
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.seq = 1 THEN
      prev := repeat('0', 64);
    ELSE
      SELECT hash INTO prev FROM audit_log WHERE seq = NEW.seq - 1;
    END IF;
    IF NEW.seq IS NULL OR prev IS NULL OR NEW.hash IS DISTINCT FROM dangjian_audit_hash(prev, NEW) THEN
      RAISE EXCEPTION '审计记录不在校验链上' USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- the owner's changes are not checked at commit: only a clerk's record needs its mark
    INSERT INTO dangjian_private.audit_mark VALUES (txid_current(), NEW.entity, NEW.entity_id)
      ON CONFLICT DO NOTHING;
    IF NEW.seq % 1000 = 0 THEN  -- the marks of finished transactions are no longer needed
      DELETE FROM dangjian_private.audit_mark
       WHERE txid < txid_snapshot_xmin(txid_current_snapshot());
    END IF;
  END IF;
  RETURN NEW;
END $$;

-- at commit: a clerk's change to an audited table has its audit row in the same transaction
CREATE OR REPLACE FUNCTION dangjian_audit_required() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  rid integer;
BEGIN
  IF dangjian_is_owner() THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN rid := OLD.id; ELSE rid := NEW.id; END IF;
  IF NOT EXISTS (SELECT 1 FROM dangjian_private.audit_mark WHERE txid = txid_current()
                 AND entity = TG_ARGV[0] AND entity_id = rid) THEN
    RAISE EXCEPTION '修改%（编号%）须同时写入审计记录', TG_TABLE_NAME, rid
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END $$;
"""

DROP_FUNCTIONS = """
DROP FUNCTION IF EXISTS dangjian_audit_required() CASCADE;
DROP FUNCTION IF EXISTS dangjian_audit_insert() CASCADE;
DROP FUNCTION IF EXISTS dangjian_audit_write(text, text, integer, text);
DROP FUNCTION IF EXISTS dangjian_member_ids(text);
DROP FUNCTION IF EXISTS dangjian_audit_hash(text, audit_log);
DROP FUNCTION IF EXISTS dangjian_set_login(text, boolean);
DROP FUNCTION IF EXISTS dangjian_set_password(text, text);
DROP FUNCTION IF EXISTS dangjian_grant_login(text, text);
DROP FUNCTION IF EXISTS dangjian_check_login(text);
DROP FUNCTION IF EXISTS dangjian_is_admin();
DROP FUNCTION IF EXISTS dangjian_org_ids() CASCADE;
DROP FUNCTION IF EXISTS dangjian_scope() CASCADE;
DROP FUNCTION IF EXISTS dangjian_is_owner();
DROP FUNCTION IF EXISTS dangjian_group(text);
DROP SCHEMA IF EXISTS dangjian_private CASCADE;
"""


def _group(conn, role: str) -> str:
    return conn.exec_driver_sql(f"SELECT dangjian_group('{role}')").scalar()


def _runner(conn):
    """SQL text run as it is (several statements, % signs) in the migration's transaction."""
    cursor = conn.connection.dbapi_connection.cursor()
    return lambda sql: cursor.execute(sql)


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    owner = str(conn.exec_driver_sql("SELECT current_user").scalar())
    database = str(conn.exec_driver_sql("SELECT current_database()").scalar())
    prefix = database if re.fullmatch(r"[a-z_][a-z0-9_]{0,40}", database) else "dangjian"
    x = _runner(conn)
    x(FUNCTIONS.replace("{owner}", owner.replace("'", "''")).replace("{prefix}", prefix))
    groups = {role: _group(conn, role) for role in GROUPS}
    for g in groups.values():
        x(f"""DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{g}') THEN
                CREATE ROLE "{g}" NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
              END IF; END $$""")
    quoted = {role: f'"{g}"' for role, g in groups.items()}
    everyone = ", ".join(quoted.values())
    admin, county = quoted["管理员"], quoted["县级办事员"]
    township, reader = quoted["乡镇办事员"], quoted["只读"]
    # nobody but the owner creates objects; a clerk's login makes no temporary tables either
    x(f"""DO $$ BEGIN
          EXECUTE 'REVOKE CREATE, TEMPORARY ON DATABASE "{database}" FROM PUBLIC';
          EXCEPTION WHEN insufficient_privilege THEN NULL; END $$""")
    x("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    x(f'GRANT CONNECT ON DATABASE "{database}" TO {everyone}')
    x(f"GRANT USAGE ON SCHEMA public TO {everyone}")
    x("REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC")
    x(f"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {everyone}")
    # only the owner's own functions write an audit row on the server's behalf
    x(f"REVOKE EXECUTE ON FUNCTION dangjian_audit_write(text, text, integer, text) FROM {everyone}")
    x(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {admin}, {county}, {township}")
    # the masked forms a township or read-only login reads (docs/server-rights.md): generated
    # columns (no model: the program reads them through models/masking.py), and a view of them
    for table, columns in MASKED.items():
        for column, expression in columns.items():
            x(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} varchar(30) "
              f"GENERATED ALWAYS AS ({expression}) STORED")
    tables = _tables(conn)
    # the shared clerks' role of earlier releases (`init --clerk-role`), or any other role granted
    # on these tables, keeps nothing: the groups below are the only way in
    others = [r[0] for r in conn.exec_driver_sql(
        "SELECT DISTINCT grantee FROM information_schema.role_table_grants "
        "WHERE table_schema = 'public' AND grantee <> 'PUBLIC' AND grantee <> current_user").all()
        if r[0] not in groups.values()]
    for role in others:
        x(f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{role}"')
        x(f'REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM "{role}"')
        x(f'ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM "{role}"')
        x(f'ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM "{role}"')
    x(f"REVOKE ALL ON {', '.join(tables)} FROM PUBLIC, {everyone}")
    plain = [t for t in tables if t not in SECRET_COLUMNS]
    x(f"GRANT SELECT ON {', '.join(plain)} TO {everyone}")
    for table, secret in SECRET_COLUMNS.items():
        x(f"GRANT SELECT ON {table} TO {admin}, {county}")
        shown = [c for c in _columns(conn, table) if c not in secret]
        x(f"GRANT SELECT ({', '.join(shown)}) ON {table} TO {township}, {reader}")
    writable = [t for t in tables if t not in ("audit_log", "audit_head", "alembic_version", "account")]
    x(f"GRANT INSERT, UPDATE, DELETE ON {', '.join(writable)} TO {admin}, {county}")
    x(f"GRANT INSERT, UPDATE ON account TO {admin}")
    for table, privileges in TOWNSHIP_WRITES.items():
        x(f"GRANT {privileges} ON {table} TO {township}")
    # tables a later migration makes: readable by every group, writable by the county's; a table
    # holding a township's rows needs its entry in SCOPED and TOWNSHIP_WRITES (docs/server-rights.md)
    x(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {everyone}")
    x(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT INSERT, UPDATE, DELETE ON TABLES TO {admin}, {county}")
    x(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {admin}, {county}, {township}")
    x(f"GRANT INSERT ON audit_log TO {admin}, {county}, {township}")
    x(f"GRANT UPDATE ON audit_head TO {admin}, {county}, {township}")
    x("""CREATE OR REPLACE VIEW member_masked AS
         SELECT id, org_id, name, id_number_masked, phone_masked FROM member""")
    x(f"GRANT SELECT ON member_masked TO {everyone}")
    x("CREATE INDEX IF NOT EXISTS rls_organization_path ON organization (path text_pattern_ops)")
    for table in ("member", "placement", "household", "cadre_post", "problem", "rectification",
                  "evaluation_sheet"):
        x(f"CREATE INDEX IF NOT EXISTS rls_{table}_org_id ON {table} (org_id)")
    owner_sql = f"current_user = '{owner}'"  # the owner's own session and its functions
    for table, scoped in SCOPED.items():
        row = f"{owner_sql} OR ({scoped})"
        read = row
        if table == "organization":  # the township's ancestors (the county committee) too
            read = f"{row} OR (SELECT dangjian_scope()) LIKE path || '%'"
        check = row
        if table in TOWNSHIP_UPDATE_CHECK:
            check = f"{owner_sql} OR {ORG_IDS} IS NULL OR (({scoped}) AND {TOWNSHIP_UPDATE_CHECK[table]})"
        x(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        x(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        for name, sql in (
            ("read", f"FOR SELECT USING ({read})"),
            ("add", f"FOR INSERT WITH CHECK ({row})"),
            ("change", f"FOR UPDATE USING ({row}) WITH CHECK ({check})"),
            ("remove", f"FOR DELETE USING ({row})"),
        ):
            x(f"DROP POLICY IF EXISTS township_{name} ON {table}")
            x(f"CREATE POLICY township_{name} ON {table} {sql}")
    x("DROP TRIGGER IF EXISTS audit_log_account ON audit_log")
    x("""CREATE TRIGGER audit_log_account BEFORE INSERT ON audit_log
         FOR EACH ROW EXECUTE FUNCTION dangjian_audit_insert()""")
    for table in AUDITED:
        x(f"DROP TRIGGER IF EXISTS {table}_audited ON {table}")
        x(f"""CREATE CONSTRAINT TRIGGER {table}_audited AFTER INSERT OR UPDATE OR DELETE ON {table}
              DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
              EXECUTE FUNCTION dangjian_audit_required('{table}')""")


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    x = _runner(conn)
    for table in SCOPED:
        for name in ("read", "add", "change", "remove"):
            x(f"DROP POLICY IF EXISTS township_{name} ON {table}")
        x(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
        x(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    x("DROP VIEW IF EXISTS member_masked")
    for table, columns in MASKED.items():
        for column in columns:
            x(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {column}")
    x("DROP INDEX IF EXISTS rls_organization_path")
    for table in ("member", "placement", "household", "cadre_post", "problem", "rectification",
                  "evaluation_sheet"):
        x(f"DROP INDEX IF EXISTS rls_{table}_org_id")
    x(DROP_FUNCTIONS)
