"""On PostgreSQL, the program's queries for a township or read-only login never touch the full ID
number and phone columns (docs/server-rights.md, "Columns a role may not read").

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

from sqlalchemy import Engine, event

_MEMBER = re.compile(r"\b(member(?:_\d+)?)\.(id_number|phone)\b")
_HOUSEHOLD_PHONE = re.compile(r"\bhousehold(?:_\d+)?\.phone\b")


#: a lookup by the full number: answered by the owner's function, within the login's scope
_LOOKUP = re.compile(r"\b(member(?:_\d+)?)\.id_number = (%\(\w+\)s(?:::[A-Za-z]+(?:\(\d+\))?)?)")


def masked_sql(statement: str) -> str:
    """The statement with the secret columns replaced by their masked forms (a lookup
    ``member.id_number = %(x)s`` becomes ``member.id IN (SELECT dangjian_member_ids(%(x)s))``)."""
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
