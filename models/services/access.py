"""Who may do what: roles, township scope and the account behind a command or a window.

Every service that changes data calls `require(actor, DUTY)` with the duty of the action first,
and every service that touches one organization's records calls `require_in_scope`. Lists and
exports filter with `scope_path(actor)` / `scope_clause(...)`.

Decisions:
- 管理员 may do everything; 县级办事员 everything but manage accounts; 乡镇办事员 may read and
  write inside one township subtree only (no letters, no locking, no settings, no audit viewer);
  只读 (leaders) may read and print the whole county.
- Full ID numbers (SEE_ID_NUMBERS) are shown to 管理员 and 县级办事员 only; lists and exports
  for 乡镇办事员 and 只读 show them masked (6 digits, stars, last 4): `shown_id(actor, number)`.
  The stars hide exactly the birth date, so where the number is masked the birth date is shown as
  its year only and phone numbers are masked too (`shown_value`): no combination of columns rebuilds
  a number (about 33 dates of a year fit a masked number's check digit; docs/roles-and-duties.md).
- `login` commits its own bookkeeping (first administrator, failed-login count, lock) because
  it must stick even when the login is refused.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from .. import idcard
from ..actor import Actor
from ..errors import PermissionDenied
from ..roles import GRANTS, Permission, Role


def may(actor: Actor, permission: Permission) -> bool:
    try:
        role = Role(actor.role)
    except ValueError:
        return False
    return permission in GRANTS[role]


def require(actor: Actor, permission: Permission) -> None:
    if not may(actor, permission):
        raise PermissionDenied(f"账号“{actor.name}”（{actor.role}）无权{permission.value}")


def require_county_view(actor: Actor, what: str) -> None:
    """County-wide documents (the quarterly workbook, the monthly report) are for county accounts."""
    if actor.scope_org_id is not None:
        raise PermissionDenied(f"账号“{actor.name}”只能查看本乡镇的数据，不能生成全县的{what}")


def scope_path(session: Session, actor: Actor) -> str | None:
    """The materialized path prefix the actor is limited to, or None for the whole county."""
    if actor.scope_org_id is None:
        return None
    from ..org import Organization

    org = session.get(Organization, actor.scope_org_id)
    return org.path if org is not None else "/-/"


def in_scope(session: Session, actor: Actor, org_path: str) -> bool:
    prefix = scope_path(session, actor)
    return prefix is None or org_path.startswith(prefix)


def require_in_scope(session: Session, actor: Actor, org_path: str, what: str = "该党组织") -> None:
    if not in_scope(session, actor, org_path):
        raise _out_of_scope(actor, what)


def _out_of_scope(actor: Actor, what: str) -> PermissionDenied:
    return PermissionDenied(f"账号“{actor.name}”只能处理本乡镇的数据，{what}不在其范围内")


def hidden_by_server(session: Session, actor: Actor, *, org_name: str | None = None,
                     table: str | None = None, row_id: int | None = None) -> bool:
    """On PostgreSQL a township login's row-level security hides other townships' rows, so a lookup
    there finds nothing where the program alone finds the row and refuses it. Whether the server
    hides such a row (an organization by full or short name, or row `row_id` of `table`): asked of
    the schema owner's functions (migration 0016, docs/server-rights.md). False elsewhere."""
    from sqlalchemy import text

    if actor.scope_org_id is None or session.get_bind().dialect.name != "postgresql":
        return False
    if session.scalar(text("SELECT to_regproc('dangjian_org_hidden')")) is None:
        return False
    if org_name is not None:
        return bool(session.scalar(text("SELECT dangjian_org_hidden(:n)"), {"n": org_name.strip()}))
    return bool(session.scalar(text("SELECT dangjian_row_hidden(:t, :i)"), {"t": table, "i": row_id}))


def refuse_hidden(session: Session, actor: Actor, what: str, *, org_name: str | None = None,
                  table: str | None = None, row_id: int | None = None) -> None:
    """The refusal `require_in_scope` gives, for a row the server hides from the login (exit 3 on
    both engines, not "not found" on one of them)."""
    if hidden_by_server(session, actor, org_name=org_name, table=table, row_id=row_id):
        raise _out_of_scope(actor, what)


def scope_clause(session: Session, actor: Actor, path_column: Any) -> Any:
    """A WHERE clause limiting `path_column` (an organization path) to the actor's subtree.

    Returns None for accounts that see the whole county.
    """
    prefix = scope_path(session, actor)
    return None if prefix is None else path_column.startswith(prefix)


def limit(session: Session, actor: Actor, query: Any, path_column: Any) -> Any:
    """`query` limited to the actor's township (`path_column`: an organization path already
    joined into the query); unchanged for accounts that see the whole county."""
    clause = scope_clause(session, actor, path_column)
    return query if clause is None else query.where(clause)


def require_read(actor: Actor) -> None:
    """Every account with a known role may read (inside its scope); anything else is refused."""
    try:
        Role(actor.role)
    except ValueError:
        raise PermissionDenied(f"账号“{actor.name}”的角色“{actor.role}”无效，不能查看数据") from None


def visible_org_ids(session: Session, actor: Actor) -> list[int] | None:
    """Ids of the organizations the actor may see, or None for the whole county."""
    prefix = scope_path(session, actor)
    if prefix is None:
        return None
    from sqlalchemy import select

    from ..org import Organization

    return list(session.scalars(select(Organization.id).where(Organization.path.startswith(prefix))))


def masks_id_numbers(actor: Actor) -> bool:
    return not may(actor, Permission.SEE_ID_NUMBERS)


def shown_id(actor: Actor, number: str | None) -> str | None:
    """The ID number as this account may see it in a list or an export."""
    if number is None or not masks_id_numbers(actor):
        return number
    return idcard.masked(number)


def shown_birth(actor: Actor, born: Any) -> Any:
    """The birth date as this account may see it: the year only (“1975年”) where ID numbers are masked."""
    if born is None or not masks_id_numbers(actor):
        return born
    return f"{born.year}年"


def masked_phone(phone: str) -> str:
    """138****5678: the first 3 and the last 4 characters."""
    phone = phone.strip()
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:] if len(phone) > 7 else "*" * len(phone)


def shown_phone(actor: Actor, phone: str | None) -> str | None:
    """A phone number as this account may see it: masked where ID numbers are masked."""
    if not phone or not masks_id_numbers(actor):
        return phone
    return masked_phone(phone)


#: field → how an account that may not see ID numbers sees it
_SHOWN = {"id_number": shown_id, "birth_date": shown_birth, "phone": shown_phone}


def shown_value(actor: Actor, field: str, value: Any) -> Any:
    """A member's field as this account may see it (ID number, birth date and phone masked together)."""
    how = _SHOWN.get(field)
    return value if how is None else how(actor, value)


def login(
    session: Session, user: str | None, password: str | None = None, now: datetime | None = None,
    changing_password: bool = False,
) -> Actor:
    """The acting account, checked: active, not locked, password right.

    The first call on a database without accounts creates the administrator "管理员" (no
    password). Without `user`, the sole account is used when there is only one.
    """
    from . import accounts

    return accounts.login(session, user, password, now, changing_password)
