"""The audit log: every change a service makes, with the account, the time and the fields.

The log is a hash chain: each row carries ``seq`` (its place, 1, 2, 3 … with no gaps) and
``hash`` = SHA-256 over its content and the previous row's hash. ``audit_head`` holds the
newest (seq, hash); whoever writes audit rows locks that row first (SELECT … FOR UPDATE on
PostgreSQL; on SQLite the write lock), so concurrent clerks extend one chain. The rows are sealed
here for every way the program writes them: ORM objects and Core inserts through
:func:`_seal_statement` (an engine event), the SQLite bulk path through :func:`seal`.
A row edited, deleted or inserted outside the program no longer fits: see
:func:`verify_chain`.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from json.encoder import encode_basestring
from typing import Any

from sqlalchemy import (
    Connection,
    DateTime,
    Engine,
    Index,
    Integer,
    String,
    Text,
    event,
    select,
    text,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.sql.dml import Insert

from .base import Base

log = logging.getLogger(__name__)


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    account: Mapped[str] = mapped_column(String(50), nullable=False)
    action: Mapped[str] = mapped_column(String(20), nullable=False)
    entity: Mapped[str] = mapped_column(String(40), nullable=False)
    entity_id: Mapped[int | None] = mapped_column(Integer)
    #: JSON {field: [old, new]}
    changes: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    note: Mapped[str | None] = mapped_column(String(400))
    #: place in the hash chain (1, 2, 3 …); NULL only for a row written outside the program
    seq: Mapped[int | None] = mapped_column(Integer)
    #: SHA-256 (hex) over the previous row's hash and this row's content
    hash: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_audit_log_entity", "entity", "entity_id"),
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_seq", "seq", unique=True),
        # no INSERT … RETURNING: on the server a township or read-only login may write audit rows
        # but not read the log (docs/server-rights.md); the id comes from the sequence first
        {"implicit_returning": False},
    )

    @property
    def changed(self) -> dict[str, list[Any]]:
        return json.loads(self.changes)


class AuditHead(Base):
    """The newest link of the chain (one row, id 1), and how far the log was last verified."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    hash: Mapped[str] = mapped_column(String(64), nullable=False)
    verified_seq: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    verified_hash: Mapped[str | None] = mapped_column(String(64))


def plain(value: Any) -> Any:
    """A JSON-friendly form of a column value."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value changed."""
    out = {}
    for key in after:
        old, new = plain(before.get(key)), plain(after[key])
        if old != new:
            out[key] = [old, new]
    return out


#: json.dumps(..., ensure_ascii=False) builds a new encoder on every call; a bulk import makes
#: 25,000 audit rows
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def audit_row(
    account: str,
    action: str,
    entity: str,
    entity_id: int | None,
    changes: dict[str, list[Any]] | str | None = None,
    note: str | None = None,
    at: datetime | None = None,
) -> dict[str, Any]:
    """One audit row as a dict, for bulk inserts (`changes` may come already as JSON text)."""
    return {
        "at": at or datetime.now().replace(microsecond=0),
        "account": account,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "changes": changes if isinstance(changes, str) else _ENCODER.encode(changes or {}),
        "note": note,
    }


class CreationChanges:
    """The audit `changes` JSON of new records, {field: [null, value]} for the fields that are not
    empty or false: exactly what json.dumps gives, made faster for bulk inserts by encoding each
    distinct non-text value once."""

    def __init__(self, skip: frozenset[str] = frozenset()) -> None:
        """`skip`: fields left out (bookkeeping the record carries, not the clerk's)."""
        self._encoded: dict[tuple[type, Any], str] = {}
        self._keys: dict[str, str] = {}
        self._skip = skip

    def __call__(self, values: dict[str, Any]) -> str:
        encoded, keys = self._encoded, self._keys
        parts = []
        for k, v in values.items():
            key = keys.get(k)
            if key is None:  # "" for a field left out
                key = keys[k] = "" if k in self._skip else f"{encode_basestring(k)}: [null, "
            if not key:
                continue
            t = type(v)
            if t is str:  # never None or False: the usual value first
                parts.append(key + encode_basestring(v) + "]")
                continue
            if v in (None, False):
                continue
            if t is int:
                text = str(v)
            elif t is date or t is datetime:  # json's text of the ISO form (ASCII: nothing to escape)
                text = f'"{v.isoformat()}"'
            else:
                text = encoded.get((t, v))
                if text is None:
                    text = encoded[(t, v)] = _ENCODER.encode(plain(v))
            parts.append(key + text + "]")
        return "{" + ", ".join(parts) + "}"


def record(session: Session, *args: Any, **kwargs: Any) -> None:
    """Write one audit entry in the caller's transaction."""
    session.add(AuditEntry(**audit_row(*args, **kwargs)))


# ---------------------------------------------------------------- the hash chain

GENESIS = "0" * 64
_SEP = "\x1f"
_CONTENT = ("at", "account", "action", "entity", "entity_id", "changes", "note")


def _text(value: Any) -> str:
    if value is None:
        return "\x00"
    if isinstance(value, datetime):
        return value.isoformat(" ")
    return str(value)


def chain_hash(prev: str, seq: int, row: Any) -> str:
    """SHA-256 over the previous hash, the place and the row's content (a dict or a row object)."""
    get = row.get if isinstance(row, dict) else lambda k: getattr(row, k)
    return _digest(prev, seq, [_text(get(k)) for k in _CONTENT])


def _digest(prev: str, seq: int, content: list[str]) -> str:
    return hashlib.sha256(_SEP.join([prev, str(seq), *content]).encode("utf-8")).hexdigest()


def keep_head_on_server(engine: Engine) -> None:
    """The engine is a clerk's own login on PostgreSQL (docs/server-rights.md): it may not write
    ``audit_head``; the owner's function locks the head for it and the owner's insert trigger moves
    the head with each audit row that extends the chain (migration 0017)."""
    engine._dangjian_head_on_server = True  # type: ignore[attr-defined]


def head_on_server(conn: Connection) -> bool:
    return bool(getattr(conn.engine, "_dangjian_head_on_server", False))


def move_verified(conn: Connection, seq: int, hash_: str, forward: bool = True) -> None:
    """The verified position to row ``seq`` (whose hash is ``hash_``), in conn's transaction; only
    forward unless not ``forward`` (an administrator's acknowledgement). On PostgreSQL through the
    owner's function (migration 0017), which no clerk's login bypasses: only to a row of the log
    with that hash, backward by an administrator only."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT dangjian_audit_verified(:s, :h, :f)"), {"s": seq, "h": hash_, "f": forward})
    else:
        conn.execute(text("UPDATE audit_head SET verified_seq = :s, verified_hash = :h "
                          "WHERE id = 1" + (" AND verified_seq < :s" if forward else "")),
                     {"s": seq, "h": hash_})


def _lock_head(conn: Connection) -> tuple[int, str]:
    """The chain head, locked until the transaction ends (created from the log when missing)."""
    pg = conn.dialect.name == "postgresql"
    if pg and head_on_server(conn):
        row = conn.execute(text("SELECT seq, hash FROM dangjian_audit_head_lock()")).one()
        return int(row[0]), str(row[1])
    if not pg:  # SQLite: take the write lock first, so nobody extends the chain meanwhile
        conn.execute(text("UPDATE audit_head SET seq = seq WHERE id = 1"))
    lock = " FOR UPDATE" if pg else ""
    row = conn.execute(text(f"SELECT seq, hash FROM audit_head WHERE id = 1{lock}")).first()
    if row is None:
        last = conn.execute(text(
            "SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1"
        )).first()
        seq, prev = (last[0], last[1]) if last else (0, GENESIS)
        conn.execute(text(
            "INSERT INTO audit_head (id, seq, hash, verified_seq) VALUES (1, :s, :h, 0) "
            "ON CONFLICT (id) DO NOTHING"
        ), {"s": seq, "h": prev})
        row = conn.execute(text(f"SELECT seq, hash FROM audit_head WHERE id = 1{lock}")).first()
    return int(row[0]), str(row[1])


def seal(conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with their place and hash, the head moved past them (in conn's transaction)."""
    if not rows:
        return rows
    seq, prev = _lock_head(conn)
    out = []
    texts: dict[Any, str] = {}  # a bulk insert's rows share their time, account, action …

    def text_of(v: Any) -> str:
        if v.__class__ is int:  # an entity id: one of its own
            return str(v)
        key = (v.__class__, v)
        found = texts.get(key)
        if found is None:
            found = texts[key] = _text(v)
        return found

    for r in rows:
        r = dict(r)
        at = r.get("at")
        if isinstance(at, date) and not isinstance(at, datetime):  # stored as midnight
            r["at"] = datetime.combine(at, datetime.min.time())
        r.setdefault("entity_id", None)
        r.setdefault("note", None)
        if r.get("changes") is None:
            r["changes"] = "{}"
        seq += 1
        get = r.get
        prev = _digest(prev, seq, [v if (v := get(k)).__class__ is str else text_of(v) for k in _CONTENT])
        r["seq"], r["hash"] = seq, prev
        out.append(r)
    if not head_on_server(conn):  # else the server's trigger moves it with each row
        conn.execute(text("UPDATE audit_head SET seq = :s, hash = :h WHERE id = 1"), {"s": seq, "h": prev})
    return out


@event.listens_for(Engine, "before_execute", retval=True)
def _seal_statement(conn, clauseelement, multiparams, params, execution_options):
    """Every INSERT into audit_log that the program makes (ORM flush, bulk insert) is sealed here;
    rows that already carry a hash, and the rows of a backup being copied (the statement's
    ``audit_copy`` execution option), pass as they are."""
    if (
        isinstance(clauseelement, Insert)
        and getattr(clauseelement.table, "name", None) == "audit_log"
        and clauseelement._multi_values == ()
        and clauseelement._values is None
    ):
        rows = list(multiparams) if multiparams else ([params] if params else [])
        copying = clauseelement._execution_options.get("audit_copy", False)
        if rows and not copying and all(isinstance(r, dict) for r in rows) and not any(
            r.get("hash") for r in rows
        ):
            sealed = seal(conn, rows)
            return clauseelement, sealed, {}
    return clauseelement, multiparams, params


@dataclass(frozen=True)
class ChainFault:
    """One place where the chain does not hold."""

    kind: str  # "edited", "deleted", "forged", "head"
    message: str
    id: int | None = None
    seq: int | None = None


def _describe(row: Any) -> str:
    at = row.at.isoformat(" ", timespec="seconds") if isinstance(row.at, datetime) else str(row.at)
    record = f"{row.entity}#{row.entity_id}" if row.entity_id is not None else row.entity
    return f"编号{row.id}，时间{at}，账号{row.account}，操作{row.action}，记录{record}"


def _rows():
    """audit_log rows with typed columns (the time as a datetime on SQLite too)."""
    return select(AuditEntry.__table__)


def verify_chain(conn: Connection, after_seq: int = 0, after_hash: str | None = None,
                 batch: int = 5000) -> tuple[list[ChainFault], int, str]:
    """Check the chain from just after ``after_seq`` (whose hash is ``after_hash``) to the head.

    Returns the faults found and the last (seq, hash) reached. Finds rows edited (the hash no longer
    fits the content), deleted (places missing, or the newest rows gone behind the head) and rows
    written outside the program (no place or hash, a hash that fits no chain, places past the head).
    """
    faults: list[ChainFault] = []
    expected, prev = after_seq + 1, after_hash or GENESIS
    if after_seq:
        anchor = conn.execute(_rows().where(AuditEntry.seq == after_seq)).first()
        if anchor is None:
            faults.append(ChainFault("deleted", f"上次核验到的第{after_seq}条审计记录已被删除", seq=after_seq))
        else:
            before = conn.execute(select(AuditEntry.hash).where(AuditEntry.seq == after_seq - 1)).scalar()
            base = GENESIS if after_seq == 1 else before
            if (after_hash is not None and anchor.hash != after_hash) or (
                base is not None and chain_hash(base, after_seq, anchor) != anchor.hash
            ):
                faults.append(ChainFault("edited", f"已核验过的审计记录被改动：{_describe(anchor)}",
                                         anchor.id, after_seq))
        if after_hash is None and anchor is not None:
            prev = anchor.hash or GENESIS
        count = conn.execute(text("SELECT COUNT(*) FROM audit_log WHERE seq <= :s"), {"s": after_seq}).scalar()
        if anchor is not None and count != after_seq:
            missing = after_seq - count
            kind, what = ("deleted", f"缺少{missing}条") if missing > 0 else ("forged", f"多出{-missing}条")
            faults.append(ChainFault(kind, f"已核验的前{after_seq}条审计记录中{what}（记录被删除或伪造）"))
    head = conn.execute(text("SELECT seq, hash FROM audit_head WHERE id = 1")).first()
    last_row = None
    last = (after_seq, prev)
    while True:
        rows = conn.execute(
            _rows().where(AuditEntry.seq >= expected).order_by(AuditEntry.seq).limit(batch)
        ).all()
        for row in rows:
            if row.seq > expected:
                between = f"（在{_describe(last_row)}之后）" if last_row is not None else ""
                span = f"第{expected}条" if row.seq == expected + 1 else f"第{expected}至{row.seq - 1}条"
                faults.append(ChainFault(
                    "deleted", f"审计记录被删除：{span}{between}，下一条为{_describe(row)}", row.id, expected))
                prev = None  # the missing row's hash is unknown: take this row's word for it
            if prev is not None and chain_hash(prev, row.seq, row) != row.hash:
                beyond = head is not None and row.seq > head.seq
                kind = "forged" if beyond or not row.hash else "edited"
                word = "系程序之外写入（伪造）" if kind == "forged" else "内容被修改"
                faults.append(ChainFault(kind, f"审计记录{word}：{_describe(row)}", row.id, row.seq))
            elif head is not None and row.seq > head.seq:
                faults.append(ChainFault("forged", f"审计记录系程序之外写入（伪造）：{_describe(row)}",
                                         row.id, row.seq))
            prev, expected, last_row = row.hash, row.seq + 1, row
            last = (row.seq, row.hash)
        if len(rows) < batch:
            break
    for row in conn.execute(_rows().where(AuditEntry.seq.is_(None)).order_by(AuditEntry.id)):
        faults.append(ChainFault("forged", f"审计记录系程序之外写入（伪造，无校验值）：{_describe(row)}", row.id))
    if head is None:
        if last[0] > 0:
            faults.append(ChainFault("head", "审计日志链头记录缺失"))
    elif head.seq > last[0]:
        gone = head.seq - last[0]
        after = f"（在{_describe(last_row)}之后）" if last_row is not None else ""
        faults.append(ChainFault("deleted", f"最新的{gone}条审计记录被删除（第{last[0] + 1}至{head.seq}条）{after}",
                                 seq=last[0] + 1))
    elif head.seq == last[0] and head.hash != last[1] and last[0] > after_seq:
        faults.append(ChainFault("head", f"审计日志链头与第{head.seq}条记录不符"))
    return faults, last[0], last[1]


# ---------------------------------------------------------------- the append-only triggers

AUDIT_MESSAGE = "审计日志不可修改"
SQLITE_TRIGGERS = {
    "audit_log_no_update": f"""CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, '{AUDIT_MESSAGE}'); END""",
    "audit_log_no_delete": f"""CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, '{AUDIT_MESSAGE}'); END""",
}
PG_FUNCTION = f"""CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{AUDIT_MESSAGE}' USING ERRCODE = 'insufficient_privilege';
        END $$"""
PG_TRIGGERS = {
    "audit_log_no_change": """CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()""",
    "audit_log_no_truncate": """CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()""",
}
TRIGGERS_MISSING = "审计日志保护触发器缺失"


def _squash(sql: str) -> str:
    return " ".join(sql.split()).lower()


def trigger_faults(conn: Connection) -> list[str]:
    """What is wrong with the triggers that keep the audit log append-only (empty when intact)."""
    if conn.dialect.name == "sqlite":
        found: dict[str, str] = dict(conn.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
        )).all())
        faults = [f"{TRIGGERS_MISSING}（{name}）" for name in SQLITE_TRIGGERS if name not in found]
        faults += [f"审计日志保护触发器被改动（{name}）" for name, sql in SQLITE_TRIGGERS.items()
                   if name in found and _squash(found[name] or "") != _squash(sql)]
        return faults
    rows = conn.execute(text(  # the triggers and (the row without a name) the function's body: one round trip
        "SELECT t.tgname::text, t.tgenabled::text FROM pg_trigger t WHERE t.tgrelid = 'audit_log'::regclass "
        "AND NOT t.tgisinternal UNION ALL SELECT NULL, prosrc FROM pg_proc WHERE proname = 'audit_log_append_only'"
    )).all()
    found = {name: state for name, state in rows if name is not None}
    faults = [f"{TRIGGERS_MISSING}（{name}）" for name in PG_TRIGGERS if name not in found]
    faults += [f"审计日志保护触发器已被停用（{name}）" for name in PG_TRIGGERS
               if name in found and found[name] == "D"]
    body = next((source for name, source in rows if name is None), None)
    if body is None:
        faults.append(f"{TRIGGERS_MISSING}（函数 audit_log_append_only）")
    elif "raise exception" not in body.lower():
        faults.append("审计日志保护触发器被改动（函数 audit_log_append_only）")
    return faults


def repair_triggers(conn: Connection) -> list[str]:
    """Put the append-only triggers back as the migrations made them; returns what was wrong,
    each with "，已恢复" (empty when nothing was). Needs the owner's rights on PostgreSQL."""
    faults = trigger_faults(conn)
    if not faults:
        return []
    if conn.dialect.name == "sqlite":
        for name, sql in SQLITE_TRIGGERS.items():
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
            conn.execute(text(sql))
    else:
        conn.execute(text(PG_FUNCTION))
        for name, sql in PG_TRIGGERS.items():
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name} ON audit_log"))
            conn.execute(text(sql))
    return [f"{f}，已恢复" for f in faults]


# ---------------------------------------------------------------- the check at open


def check_at_open(engine: Engine) -> list[str]:
    """The cheap check when the program opens a database: the triggers, and the chain from the
    last verified row on (that row still as it was, the count of rows before it). When all holds
    the verified position moves to the head (best effort: skipped while another writer is busy).
    Returns warnings for the user."""
    from .db import read_connection

    with read_connection(engine) as conn:
        warnings = trigger_faults(conn)
        if conn.dialect.name == "postgresql" and not conn.execute(
                text("SELECT has_table_privilege('audit_log', 'SELECT')")).scalar():
            return warnings  # a login that may not read the log (docs/server-rights.md): others check it
        head = conn.execute(select(AuditHead.__table__).where(AuditHead.id == 1)).first()
        after_seq = head.verified_seq if head is not None else 0
        after_hash = head.verified_hash if head is not None else None
        faults, seq, last = verify_chain(conn, after_seq, after_hash)
        conn.rollback()
    if faults:
        shown = [f.message for f in faults[:5]]
        more = f"等共{len(faults)}处" if len(faults) > 5 else ""
        warnings.append("审计日志完整性检查未通过：" + "；".join(shown) + more
                        + "。请管理员运行 dangjian audit verify 查看")
    elif head is not None and seq > after_seq:
        _remember(engine, seq, last)
    for w in warnings:
        log.warning("%s", w)
    return warnings


def _remember(engine: Engine, seq: int, last: str) -> None:
    pg = engine.dialect.name == "postgresql"
    with engine.connect() as conn:
        try:
            if pg:
                conn.execute(text("SET LOCAL lock_timeout = '200ms'"))
            else:
                conn.exec_driver_sql("PRAGMA busy_timeout = 200")
            move_verified(conn, seq, last)
            conn.commit()
        except DBAPIError:  # another writer holds the head, or no right to write: next time
            conn.rollback()
            log.info("audit chain position not remembered (database busy or read-only)")
        finally:
            if not pg:
                from .db import busy_timeout_ms

                conn.exec_driver_sql(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
