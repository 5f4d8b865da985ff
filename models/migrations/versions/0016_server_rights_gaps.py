"""Server rights, the gaps of 0015 closed (docs/server-rights.md): a township login's duplicate
check of ID numbers and the refusal of another township's rows it cannot see answered by the schema
owner's functions; the audit log readable only by the groups whose role has 查看审计日志 (管理员,
县级办事员), the others reading the history of the records in their scope, ID numbers and phones
masked, through the view ``audit_visible``. Nothing on SQLite.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06
"""

from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

#: program roles whose group may read the audit log itself (models/roles.py: Permission.VIEW_AUDIT)
AUDIT_READERS = ("管理员", "县级办事员")
#: the others: the history of their scope's records through the view audit_visible
HISTORY_ONLY = ("乡镇办事员", "只读")
#: every program role, for the functions all logins may call
ROLES = AUDIT_READERS + HISTORY_ONLY
#: logins that add or change members (the duplicate check)
MEMBER_WRITERS = ("管理员", "县级办事员", "乡镇办事员")

#: tables whose rows carry an organization column: table → that column (a row of another
#: township is "hidden" when its organization is outside the login's scope)
ORG_COLUMN = {
    "member": "org_id", "placement": "org_id", "household": "org_id", "cadre_post": "org_id",
    "problem": "org_id", "rectification": "org_id",
    "evaluation_sheet": "org_id", "warning_consequence": "org_id", "letter": "recipient_id",
    "task_receipt": "org_id", "accountability_case": "org_id", "evaluation_meeting": "org_id",
    "org_leader": "org_id", "finding": "org_id",
}


def _case_org(entity: str, row_id: str) -> str:
    """SQL: the organization path of the row `row_id` of the table named by `entity` (NULL when the
    entity has no organization column)."""
    arms = [f"WHEN 'organization' THEN (SELECT o.path FROM organization o WHERE o.id = {row_id})"]
    for table, column in ORG_COLUMN.items():
        arms.append(f"WHEN '{table}' THEN (SELECT o.path FROM {table} t JOIN organization o "
                    f"ON o.id = t.{column} WHERE t.id = {row_id})")
    return f"CASE {entity} {' '.join(arms)} END"


FUNCTIONS = f"""
-- the numbers among `numbers` that a current member of the whole county holds (other than
-- `except_id`): the duplicate check of a login without SELECT on member.id_number; it answers only
-- for numbers the caller already knows
CREATE OR REPLACE FUNCTION dangjian_id_numbers_taken(numbers text[], except_id integer)
RETURNS SETOF text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT DISTINCT m.id_number FROM member m
  WHERE m.id_number = ANY (numbers) AND m.ended_on IS NULL AND m.id IS DISTINCT FROM except_id
$$;

-- an organization of that full or short name exists, outside the login's scope: the program then
-- refuses as it does on SQLite (exit 3, "只能处理本乡镇的数据") instead of "not found"
CREATE OR REPLACE FUNCTION dangjian_org_hidden(org_name text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT dangjian_scope() IS NOT NULL AND EXISTS (
    SELECT 1 FROM organization o WHERE (o.name = org_name OR o.short_name = org_name)
       AND o.path NOT LIKE dangjian_scope() || '%'
       AND dangjian_scope() NOT LIKE o.path || '%')
$$;

-- the row `row_id` of `tbl` (a table with an organization column) exists outside the login's scope
CREATE OR REPLACE FUNCTION dangjian_row_hidden(tbl text, row_id integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT COALESCE(({_case_org('tbl', 'row_id')}) NOT LIKE dangjian_scope() || '%', false)
$$;

-- the audit rows of a record the login may see: every record for a county-wide login (只读), a
-- township login's own account and the records of its township's organizations
CREATE OR REPLACE FUNCTION dangjian_audit_visible(ent text, ent_id integer) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  s text := dangjian_scope();
BEGIN
  IF s IS NULL THEN
    RETURN false;
  ELSIF s = '/' THEN
    RETURN true;
  ELSIF ent = 'account' THEN
    RETURN EXISTS (SELECT 1 FROM account WHERE id = ent_id AND name = session_user);
  END IF;
  RETURN COALESCE(({_case_org('ent', 'ent_id')}) LIKE s || '%', false);
END $$;

-- an audit row's changes with ID numbers and phones masked as the program masks them
CREATE OR REPLACE FUNCTION dangjian_audit_masked(ent text, changes text) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog AS $$
DECLARE
  j jsonb;
  k text;
  masked jsonb;
BEGIN
  IF ent NOT IN ('member', 'household') OR changes IS NULL
     OR (position('id_number' in changes) = 0 AND position('phone' in changes) = 0) THEN
    RETURN changes;
  END IF;
  j := changes::jsonb;
  FOREACH k IN ARRAY ARRAY['id_number', 'phone'] LOOP
    IF jsonb_typeof(j -> k) = 'array' THEN
      SELECT jsonb_agg(CASE WHEN jsonb_typeof(e) <> 'string' THEN e
               WHEN k = 'id_number' THEN to_jsonb(left(e #>> '{{}}', 6)
                 || repeat('*', greatest(length(e #>> '{{}}') - 10, 0)) || right(e #>> '{{}}', 4))
               ELSE to_jsonb(left(e #>> '{{}}', 3)
                 || repeat('*', greatest(length(e #>> '{{}}') - 7, 0)) || right(e #>> '{{}}', 4)) END
               ORDER BY n)
        INTO masked FROM jsonb_array_elements(j -> k) WITH ORDINALITY AS x(e, n);
      j := jsonb_set(j, ARRAY[k], masked);
    END IF;
  END LOOP;
  RETURN j::text;
EXCEPTION WHEN invalid_text_representation THEN
  RETURN NULL;  -- not JSON: shown as nothing rather than unmasked
END $$;

-- the hash of the audit row at one place of the chain: the anchor check every login makes at
-- start-up (models/anchors.py), without reading the log itself
CREATE OR REPLACE FUNCTION dangjian_audit_hash_at(place integer) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT hash FROM audit_log WHERE seq = place
$$;
"""

VIEW = """
CREATE OR REPLACE VIEW audit_visible WITH (security_barrier) AS
  SELECT a.id, a.at, a.account, a.action, a.entity, a.entity_id,
         dangjian_audit_masked(a.entity, a.changes) AS changes, a.note, a.seq, a.hash
  FROM audit_log a
  WHERE dangjian_audit_visible(a.entity, a.entity_id)
"""

NEW_FUNCTIONS = ("dangjian_id_numbers_taken(text[], integer)", "dangjian_org_hidden(text)",
                 "dangjian_row_hidden(text, integer)", "dangjian_audit_visible(text, integer)",
                 "dangjian_audit_masked(text, text)", "dangjian_audit_hash_at(integer)")


def _runner(conn):
    cursor = conn.connection.dbapi_connection.cursor()
    return lambda sql: cursor.execute(sql)


def _groups(conn, roles) -> str:
    return ", ".join(f'"{conn.exec_driver_sql(f"SELECT dangjian_group({chr(39)}{r}{chr(39)})").scalar()}"'
                     for r in roles)


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    x = _runner(conn)
    x(FUNCTIONS)
    everyone = _groups(conn, ROLES)
    for function in NEW_FUNCTIONS:
        x(f"REVOKE EXECUTE ON FUNCTION {function} FROM PUBLIC")
        x(f"GRANT EXECUTE ON FUNCTION {function} TO {everyone}")
    x("REVOKE EXECUTE ON FUNCTION dangjian_id_numbers_taken(text[], integer) FROM " + everyone)
    x("GRANT EXECUTE ON FUNCTION dangjian_id_numbers_taken(text[], integer) TO "
      + _groups(conn, MEMBER_WRITERS))
    x(VIEW)
    x(f"REVOKE ALL ON audit_visible FROM PUBLIC, {everyone}")
    x(f"GRANT SELECT ON audit_visible TO {everyone}")
    # the audit log itself: only the groups whose role has 查看审计日志
    x(f"REVOKE SELECT ON audit_log FROM PUBLIC, {_groups(conn, HISTORY_ONLY)}")
    x(f"GRANT SELECT ON audit_log TO {_groups(conn, AUDIT_READERS)}")


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    x = _runner(conn)
    x(f"GRANT SELECT ON audit_log TO {_groups(conn, HISTORY_ONLY)}")
    x("DROP VIEW IF EXISTS audit_visible")
    for function in NEW_FUNCTIONS:
        x(f"DROP FUNCTION IF EXISTS {function}")
