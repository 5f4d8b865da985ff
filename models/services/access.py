"""Who may do what: roles, township scope and the account behind a command or a window.

Every service that changes data calls `require(actor, WRITE)` (or a stronger permission) first,
and every service that touches one organization's records calls `require_in_scope`. Lists and
exports filter with `scope_path(actor)` / `scope_clause(...)`.

Decisions:
- 管理员 may do everything; 县级办事员 everything but manage accounts; 乡镇办事员 may read and
  write inside one township subtree only (no letters, no locking, no settings, no audit viewer);
  只读 (leaders) may read and print the whole county.
- Full ID numbers (SEE_ID_NUMBERS) are shown to 管理员 and 县级办事员 only; lists and exports
  for 乡镇办事员 and 只读 show them masked (6 digits, stars, last 4): `shown_id(actor, number)`.
- `login` commits its own bookkeeping (first administrator, failed-login count, lock) because
  it must stick even when the login is refused.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from .. import idcard
from ..actor import Actor
from ..errors import PermissionDenied


class Role(StrEnum):
    ADMIN = "管理员"
    COUNTY_CLERK = "县级办事员"
    TOWNSHIP_CLERK = "乡镇办事员"
    READ_ONLY = "只读"


class Permission(StrEnum):
    WRITE = "修改数据"
    ISSUE_LETTERS = "签发三函"
    LOCK_EVALUATIONS = "锁定评价结果"
    MANAGE_ACCOUNTS = "管理账号"
    SEE_ID_NUMBERS = "查看完整身份证号"
    MANAGE_SETTINGS = "修改系统设置"
    VIEW_AUDIT = "查看审计日志"


WRITE = Permission.WRITE

GRANTS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.COUNTY_CLERK: frozenset(Permission) - {Permission.MANAGE_ACCOUNTS},
    Role.TOWNSHIP_CLERK: frozenset({Permission.WRITE}),
    Role.READ_ONLY: frozenset(),
}


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
        raise PermissionDenied(f"账号“{actor.name}”只能处理本乡镇的数据，{what}不在其范围内")


def scope_clause(session: Session, actor: Actor, path_column: Any) -> Any:
    """A WHERE clause limiting `path_column` (an organization path) to the actor's subtree.

    Returns None for accounts that see the whole county.
    """
    prefix = scope_path(session, actor)
    return None if prefix is None else path_column.startswith(prefix)


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
