"""Households (户) that can be assisted: create, edit, list."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...actor import Actor
from ...errors import FieldError, ValidationError
from ...org import Organization
from ...pairing import (
    Household,
    HouseholdCategory,
)
from ...rules import phone_error
from .. import access
from ..common import apply_changes, check_version, created, get_or_fail

HOUSEHOLD_ENTITY = "household"


def create_household(
    session: Session, actor: Actor, head_name: str, org_id: int,
    category: HouseholdCategory | str = HouseholdCategory.POOR,
    address: str | None = None, phone: str | None = None, note: str | None = None,
) -> Household:
    access.require(actor, access.Permission.EDIT_RECORDS)
    from ...values import identifier

    phone = identifier(phone) or None if phone else None
    errors = []
    head_name = (head_name or "").strip()
    if not head_name:
        errors.append(FieldError("户主姓名", "必填"))
    if phone and (reason := phone_error(phone)):
        errors.append(FieldError("联系电话", reason))
    try:
        category = HouseholdCategory(category)
    except ValueError:
        errors.append(FieldError("类别", f"“{category}”不在可选项中"))
    if errors:
        raise ValidationError(errors)
    org = get_or_fail(session, Organization, org_id, "党组织")
    access.require_in_scope(session, actor, org.path)
    household = Household(head_name=head_name, org_id=org.id, category=category,
                          address=address, phone=phone, note=note)
    created(session, actor, household, HOUSEHOLD_ENTITY)
    return household


def update_household(
    session: Session, actor: Actor, household_id: int, expected_version: int | None = None,
    **changes: Any,
) -> Household:
    access.require(actor, access.Permission.EDIT_RECORDS)
    household = get_or_fail(session, Household, household_id, "户")
    access.require_in_scope(session, actor, session.get_one(Organization, household.org_id).path)
    check_version(household, expected_version, f"户“{household.head_name}”")
    if "category" in changes:
        changes["category"] = HouseholdCategory(changes["category"])
    apply_changes(session, actor, household, changes, HOUSEHOLD_ENTITY)
    return household


def households(session: Session, actor: Actor, org_id: int | None = None) -> list[Household]:
    access.require_read(actor)
    q = select(Household).join(Organization, Household.org_id == Organization.id)
    if org_id is not None:
        q = q.where(Household.org_id == org_id)
    q = access.limit(session, actor, q, Organization.path)
    return list(session.scalars(q.order_by(Household.id)))
