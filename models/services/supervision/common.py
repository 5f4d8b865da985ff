"""Small helpers every part of the supervision cycle uses: audit entity names, settings read
as numbers, month and date wording, and who may write county-level records."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...actor import Actor
from ...audit import AuditEntry
from ...errors import DomainError, PermissionDenied
from ...settings import get_setting
from .. import access

TASK, PROBLEM, LETTER = "month_task", "problem", "letter"


def categories(session: Session) -> list[str]:
    """The configured problem categories (7 by default)."""
    raw = get_setting(session, "problem_categories")
    return [c.strip() for c in raw.replace(",", "、").replace("，", "、").split("、") if c.strip()]


def int_setting(session: Session, key: str) -> int:
    value = get_setting(session, key)
    try:
        return int(value)
    except ValueError:
        raise DomainError(f"设置“{key}”的值“{value}”不是整数，请在设置中改正") from None


def month_bounds(month: str) -> tuple[date, date]:
    """First day of the month and first day of the next."""
    try:
        y, m = (int(x) for x in month.split("-"))
        first = date(y, m, 1)
    except ValueError:
        raise DomainError(f"“{month}”不是年月（应如2026-03）") from None
    return first, date(y + (m == 12), m % 12 + 1, 1)


def month_text(month: str) -> str:
    y, m = (int(x) for x in month.split("-"))
    return f"{y}年{m}月"


def date_text(d: date) -> str:
    """2026年3月5日, no padding."""
    return f"{d.year}年{d.month}月{d.day}日"


def registered(session: Session, entity: str, entity_id: int) -> str:
    """Who recorded a record and when, from its audit row: “测试员登记于2026年3月12日”."""
    row = session.execute(
        select(AuditEntry.account, AuditEntry.at)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id, AuditEntry.action == "create")
        .order_by(AuditEntry.id).limit(1)
    ).first()
    return f"{row.account}登记于{date_text(row.at.date())}" if row else "已登记"


def require_issuer(actor: Actor) -> None:
    """Who may number and issue letters: county accounts with 签发三函."""
    _require_county_writer(actor, access.Permission.ISSUE_LETTERS)


def _require_county_writer(actor: Actor, permission: access.Permission) -> None:
    access.require(actor, permission)
    if actor.scope_org_id is not None:
        raise PermissionDenied(f"账号“{actor.name}”只能处理本乡镇的数据，三函由县委组织部办理")
