"""Who may do what: roles, township scope and the account behind a command or a window.

Every service that changes data calls `require(actor, WRITE)` (or a stronger permission) first,
and every service that touches one organization's records calls `require_in_scope`. Lists and
exports filter with `scope_path(actor)`.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy.orm import Session

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


def login(session: Session, user: str | None) -> Actor:
    """The acting account. Until accounts exist every caller is the first administrator."""
    return Actor(user or "管理员", Role.ADMIN.value)
