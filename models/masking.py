"""On PostgreSQL, the program's queries for a township or read-only login never touch the full ID
number and phone columns (docs/server-rights.md, "Columns a role may not read"), nor the audit log
itself (only the view ``audit_visible`` of their scope's history, migration 0016).

Such a login has no SELECT privilege on ``member.id_number``, ``member.phone`` and
``household.phone``; the server refuses any statement that reads them. For its connections the
program reads the masked forms instead: every reference ``member.id_number`` (or an alias such as
``member_1.id_number``) in a statement becomes ``member.id_number_masked``, a generated column
that migration 0015 adds on PostgreSQL only, ``member.phone`` and ``household.phone`` likewise. Writes name the bare
columns (``INSERT INTO member (…, id_number, …)``, ``UPDATE member SET phone=…``) and are left as
they are: writing is the duty's question, not the column privilege's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session

_MEMBER = re.compile(r"\b(member(?:_\d+)?)\.(id_number|phone)\b")
_HOUSEHOLD_PHONE = re.compile(r"\bhousehold(?:_\d+)?\.phone\b")


#: a lookup by the full number: answered by the owner's function, within the login's scope
_LOOKUP = re.compile(r"\b(member(?:_\d+)?)\.id_number = (%\(\w+\)s(?:::[A-Za-z]+(?:\(\d+\))?)?)")


#: reading the audit log: such a login has no SELECT on it (migration 0016), only on the view of
#: its scope's history with ID numbers and phones masked
_AUDIT_FROM = re.compile(r"\b(FROM|JOIN) audit_log\b(?! AS)")


def masked_sql(statement: str) -> str:
    """The statement with the secret columns replaced by their masked forms (a lookup
    ``member.id_number = %(x)s`` becomes ``member.id IN (SELECT dangjian_member_ids(%(x)s))``), and
    the audit log read through ``audit_visible``."""
    if "audit_log" in statement and not statement.lstrip().upper().startswith("INSERT"):
        statement = _AUDIT_FROM.sub(r"\1 audit_visible AS audit_log", statement)
    statement = _LOOKUP.sub(r"\1.id IN (SELECT dangjian_member_ids(\2))", statement)

    statement = _MEMBER.sub(r"\1.\2_masked", statement)
    return _HOUSEHOLD_PHONE.sub(lambda m: m.group(0) + "_masked", statement)


def _rewrite(conn, cursor, statement, parameters, context, executemany):
    return masked_sql(statement), parameters


def mask_secret_columns(engine: Engine) -> None:
    """From now on the engine's statements read only masked ID numbers and phones (once)."""
    if getattr(engine, "_dangjian_masked", False):
        return
    event.listen(engine, "before_cursor_execute", _rewrite, retval=True)
    engine._dangjian_masked = True  # type: ignore[attr-defined]


def is_masked(engine: Engine) -> bool:
    return bool(getattr(engine, "_dangjian_masked", False))


#: the member fields such a login reads in their masked forms only
SECRET_MEMBER_FIELDS = ("id_number", "phone")


def reads_masked(session: Session) -> bool:
    """The session's login reads the masked forms only (a township or read-only login on the
    server): the loaded ``id_number`` and ``phone`` of a member are the masked ones."""
    bind = session.get_bind()
    return is_masked(getattr(bind, "engine", bind))  # type: ignore[arg-type]


def taken_id_numbers(session: Session, numbers: Iterable[str], except_id: int | None = None) -> set[str]:
    """Those of `numbers` that a current member of the whole county holds (other than member
    `except_id`), answered by the schema owner's function (migration 0016): the duplicate check of
    a login that may not read the column. It says only whether a number the clerk typed is taken."""
    wanted = sorted({n for n in numbers if n})
    if not wanted:
        return set()
    return set(session.scalars(text("SELECT dangjian_id_numbers_taken(:numbers, :except_id)"),
                               {"numbers": wanted, "except_id": except_id}))
