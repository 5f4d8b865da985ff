"""Server rights, the last gaps (docs/server-rights.md): the audit chain's head (``audit_head``) is
no longer any clerk's to write — it moves only with an audit row that extends the chain (the owner's
insert trigger) and is locked through the owner's function ``dangjian_audit_head_lock()``; the
verified position only through ``dangjian_audit_verified``. A township login's history
(``audit_visible``) includes the child records of its township (points entries, rectification notes,
evaluation approvals and follow-ups, pairings and their parties, activities and assessments, receipt
evidence, member events), by their parent's township. Nothing on SQLite.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06
"""

from alembic import op

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None

#: program roles whose logins write (and so extend the audit chain)
WRITERS = ("管理员", "县级办事员", "乡镇办事员")
#: program roles whose logins check the chain at open (they read the log) and remember where
AUDIT_READERS = ("管理员", "县级办事员")
ROLES = WRITERS + ("只读",)

#: tables whose rows carry an organization column: table → that column (as in 0016)
ORG_COLUMN = {
    "member": "org_id", "placement": "org_id", "household": "org_id", "cadre_post": "org_id",
    "problem": "org_id", "rectification": "org_id",
    "evaluation_sheet": "org_id", "warning_consequence": "org_id", "letter": "recipient_id",
    "task_receipt": "org_id", "accountability_case": "org_id", "evaluation_meeting": "org_id",
    "org_leader": "org_id", "finding": "org_id",
}
#: child records: table → (parent entity, the column naming the parent)
CHILD = {
    "points_entry": ("member", "member_id"),
    "member_event": ("member", "member_id"),
    "rectification_note": ("rectification", "rectification_id"),
    "evaluation_approval": ("evaluation_sheet", "sheet_id"),
    "evaluation_followup": ("evaluation_sheet", "sheet_id"),
    "receipt_evidence": ("task_receipt", "receipt_id"),
    "pairing_activity": ("pairing", "pairing_id"),
    "pairing_assessment": ("pairing", "pairing_id"),
}


def _record_in() -> str:
    arms = ["WHEN 'organization' THEN RETURN COALESCE((SELECT o.path LIKE s || '%' FROM organization o "
            "WHERE o.id = ent_id), false);"]
    for table, column in ORG_COLUMN.items():
        arms.append(f"WHEN '{table}' THEN RETURN COALESCE((SELECT o.path LIKE s || '%' FROM {table} t "
                    f"JOIN organization o ON o.id = t.{column} WHERE t.id = ent_id), false);")
    for table, (parent, column) in CHILD.items():
        arms.append(f"WHEN '{table}' THEN RETURN dangjian_record_in('{parent}', "
                    f"(SELECT c.{column} FROM {table} c WHERE c.id = ent_id), s);")
    arms.append("WHEN 'pairing_party' THEN RETURN EXISTS (SELECT 1 FROM pairing_party p WHERE p.id = ent_id "
                "AND (dangjian_record_in('organization', p.org_id, s) OR dangjian_record_in('member', p.member_id, s) "
                "OR dangjian_record_in('household', p.household_id, s)));")
    arms.append("WHEN 'pairing' THEN RETURN EXISTS (SELECT 1 FROM pairing_party p WHERE p.pairing_id = ent_id "
                "AND dangjian_record_in('pairing_party', p.id, s));")
    return "\n    ".join(arms)


FUNCTIONS = f"""
-- the record `ent_id` of the table named `ent` lies in the township whose path is `s`: a record with
-- an organization column by it, a child record by its parent (internal: no client may call it)
CREATE OR REPLACE FUNCTION dangjian_record_in(ent text, ent_id integer, s text) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF ent_id IS NULL OR s IS NULL THEN
    RETURN false;
  END IF;
  CASE ent
    {_record_in()}
    ELSE RETURN false;
  END CASE;
END $$;

-- the audit rows of a record the login may see: every record for a county-wide login (只读), a
-- township login's own account and the records (and their child records) of its township
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
  RETURN dangjian_record_in(ent, ent_id, s);
END $$;

-- the chain's head, locked until the caller's transaction ends (made from the log when missing):
-- how a clerk's program learns where its audit rows go, without any right to write the head
CREATE OR REPLACE FUNCTION dangjian_audit_head_lock(OUT seq integer, OUT hash text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  SELECT h.seq, h.hash INTO seq, hash FROM audit_head h WHERE h.id = 1 FOR UPDATE;
  IF NOT FOUND THEN
    SELECT a.seq, a.hash INTO seq, hash FROM audit_log a WHERE a.seq IS NOT NULL
     ORDER BY a.seq DESC LIMIT 1;
    IF NOT FOUND THEN
      seq := 0;
      hash := repeat('0', 64);
    END IF;
    INSERT INTO audit_head (id, seq, hash, verified_seq) VALUES (1, seq, hash, 0)
      ON CONFLICT (id) DO NOTHING;
    SELECT h.seq, h.hash INTO seq, hash FROM audit_head h WHERE h.id = 1 FOR UPDATE;
  END IF;
END $$;

-- the chain verified up to `place` (whose hash is `h`): moves the verified position only to a row
-- of the log that has that hash, forward (a login that reads the log checks it at open), or
-- anywhere when not `forward` by an administrator (acknowledging faults)
CREATE OR REPLACE FUNCTION dangjian_audit_verified(place integer, h text, forward boolean)
RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = place AND hash = h) THEN
    RAISE EXCEPTION '审计日志中没有这一位置（%）', place USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF NOT forward AND NOT dangjian_is_admin() THEN
    RAISE EXCEPTION '无权确认审计日志的问题' USING ERRCODE = 'insufficient_privilege';
  END IF;
  UPDATE audit_head SET verified_seq = place, verified_hash = h
   WHERE id = 1 AND (verified_seq < place OR NOT forward);
END $$;

-- a clerk's audit row names the clerk's own login and extends the chain at its head, which it
-- moves; it marks the record as audited in this transaction. The owner's rows move the head when
-- they pass it (the owner's program writes the head itself).
CREATE OR REPLACE FUNCTION dangjian_audit_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  head record;
BEGIN
  IF NOT dangjian_is_owner() THEN
    IF NEW.account IS DISTINCT FROM session_user::text THEN
      RAISE EXCEPTION '审计记录的账号须是登录的账号“%”', session_user
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT * INTO head FROM dangjian_audit_head_lock();
    IF NEW.seq IS DISTINCT FROM head.seq + 1
       OR NEW.hash IS DISTINCT FROM dangjian_audit_hash(head.hash, NEW) THEN
      RAISE EXCEPTION '审计记录不在校验链上' USING ERRCODE = 'insufficient_privilege';
    END IF;
    UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
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
"""

def _earlier(name: str):
    """An earlier migration's module (the downgrade makes its functions again)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(f"_dangjian_{name}", Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


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
    for function in ("dangjian_record_in(text, integer, text)", "dangjian_audit_head_lock()",
                     "dangjian_audit_verified(integer, text, boolean)"):
        x(f"REVOKE EXECUTE ON FUNCTION {function} FROM PUBLIC, {everyone}")
    x(f"GRANT EXECUTE ON FUNCTION dangjian_audit_head_lock() TO {_groups(conn, WRITERS)}")
    x(f"GRANT EXECUTE ON FUNCTION dangjian_audit_verified(integer, text, boolean) TO {_groups(conn, AUDIT_READERS)}")
    # the head: read by every login, written by no clerk's (only the owner's trigger and functions)
    x(f"REVOKE ALL ON audit_head FROM PUBLIC, {everyone}")
    x(f"GRANT SELECT ON audit_head TO {everyone}")


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    x = _runner(conn)
    x(f"GRANT UPDATE ON audit_head TO {_groups(conn, WRITERS)}")
    x("DROP FUNCTION IF EXISTS dangjian_audit_verified(integer, text, boolean)")
    m15, m16 = _earlier("0015_server_rights"), _earlier("0016_server_rights_gaps")
    owner = str(conn.exec_driver_sql("SELECT current_user").scalar())
    prefix = str(conn.exec_driver_sql("SELECT dangjian_group('只读')").scalar()).rsplit("_", 1)[0]
    x(m15.FUNCTIONS.replace("{owner}", owner.replace("'", "''")).replace("{prefix}", prefix))
    x(m16.FUNCTIONS)
    x("DROP FUNCTION IF EXISTS dangjian_audit_head_lock()")
    x("DROP FUNCTION IF EXISTS dangjian_record_in(text, integer, text)")
