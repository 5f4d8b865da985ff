"""Pairings (结对): create, edit, end or terminate, find; codes and review dates."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...actor import Actor
from ...audit import record
from ...errors import DomainError, FieldError, NotFound, ValidationError
from ...pairing import (
    Pairing,
    PairingParty,
    PairingStatus,
    PairingType,
    PartySide,
)
from .. import access
from ..common import apply_changes, check_version, created, get_or_fail
from .parties import (
    PartyRef,
    _current_parties,
    derived_name,
    parties_of,
    party_org_ids,
    require_pairing_scope,
    validate_parties,
)

ENTITY = "pairing"


REVIEW_YEARS = 3


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def next_code(session: Session, year: int) -> str:
    prefix = f"JD{year}-"
    codes = session.scalars(select(Pairing.code).where(Pairing.code.startswith(prefix)))
    used = [int(c[len(prefix):]) for c in codes if c[len(prefix):].isdigit()]
    return f"{prefix}{max(used, default=0) + 1:03d}"


def _check_dates(start_on: date | None, end_on: date | None) -> list[FieldError]:
    errors = []
    from ...values import past_date_error

    if start_on is None:
        errors.append(FieldError("开始日期", "必填"))
    elif past_date_error(start_on):
        errors.append(FieldError("开始日期", past_date_error(start_on)))
    elif end_on is not None and end_on < start_on:
        errors.append(FieldError("结束日期", "不能早于开始日期"))
    return errors


def create_pairing(
    session: Session, actor: Actor, *, type: PairingType | str, leads: Sequence[PartyRef],
    assisted: Sequence[PartyRef], start_on: date, end_on: date | None = None,
    goals: str | None = None, name: str | None = None,
    status: PairingStatus | str = PairingStatus.ACTIVE, review_on: date | None = None,
    note: str | None = None,
) -> Pairing:
    """A new pairing with its parties; the code JD<year>-NNN is assigned from the start year."""
    access.require(actor, access.Permission.MANAGE_PAIRINGS)
    errors: list[FieldError] = []
    try:
        type_ = PairingType(type)
    except ValueError:
        type_ = None
        errors.append(FieldError("结对类型", f"“{type}”不在可选项中"))
    try:
        status = PairingStatus(status)
    except ValueError:
        errors.append(FieldError("状态", f"“{status}”不在可选项中"))
    errors += _check_dates(start_on, end_on)
    org_of = party_org_ids(session, [*leads, *assisted])
    errors += validate_parties(session, type_, leads, assisted)
    if errors:
        raise ValidationError(errors)
    require_pairing_scope(session, actor, org_of.values(), "新结对", whole=True)
    pairing = Pairing(
        code=next_code(session, start_on.year),
        name=(name or "").strip() or derived_name(session, type_, leads, assisted),
        type=type_, start_on=start_on, end_on=end_on, goals=goals, status=status,
        review_on=review_on or add_years(start_on, REVIEW_YEARS),
    )
    created(session, actor, pairing, ENTITY, note)
    _add_parties(session, actor, pairing, PartySide.LEAD, leads, note)
    _add_parties(session, actor, pairing, PartySide.ASSISTED, assisted, note)
    return pairing


def _add_parties(session: Session, actor: Actor, pairing: Pairing, side: PartySide,
                 refs: Iterable[PartyRef], note: str | None = None) -> None:
    for ref in refs:
        party = PairingParty(pairing_id=pairing.id, side=side, **{ref.column: ref.id})
        created(session, actor, party, "pairing_party", note)


def update_pairing(
    session: Session, actor: Actor, pairing_id: int, expected_version: int | None = None, *,
    leads: Sequence[PartyRef] | None = None, assisted: Sequence[PartyRef] | None = None,
    **changes: Any,
) -> Pairing:
    """Edit fields (name, type, dates, goals, review date) and optionally replace the parties.

    A party taken off keeps its row with `removed_at` set.
    """
    access.require(actor, access.Permission.MANAGE_PAIRINGS)
    pairing = get_or_fail(session, Pairing, pairing_id, "结对")
    current = parties_of(session, pairing.id)
    require_pairing_scope(session, actor, party_org_ids(
        session, [*current[PartySide.LEAD], *current[PartySide.ASSISTED]]).values(), whole=True)
    check_version(pairing, expected_version, f"结对“{pairing.name}”")
    allowed = {"name", "type", "start_on", "end_on", "goals", "review_on"}
    unknown = set(changes) - allowed
    if unknown:
        raise DomainError(f"结对不能这样修改：{'、'.join(sorted(unknown))}")
    errors: list[FieldError] = []
    if "type" in changes:
        try:
            changes["type"] = PairingType(changes["type"])
        except ValueError:
            errors.append(FieldError("结对类型", f"“{changes['type']}”不在可选项中"))
    new_leads = list(leads) if leads is not None else current[PartySide.LEAD]
    new_assisted = list(assisted) if assisted is not None else current[PartySide.ASSISTED]
    errors += _check_dates(changes.get("start_on", pairing.start_on), changes.get("end_on", pairing.end_on))
    new_orgs = party_org_ids(session, [*new_leads, *new_assisted])
    errors += validate_parties(session, changes.get("type", pairing.type), new_leads, new_assisted)
    if "name" in changes and not (changes["name"] or "").strip():
        errors.append(FieldError("结对名称", "不能为空"))
    if errors:
        raise ValidationError(errors)
    require_pairing_scope(session, actor, new_orgs.values(), whole=True)
    apply_changes(session, actor, pairing, changes, ENTITY)
    now = datetime.now().replace(microsecond=0)
    for side, refs in ((PartySide.LEAD, new_leads), (PartySide.ASSISTED, new_assisted)):
        wanted = set(refs)
        for party in _current_parties(session, pairing.id):
            if party.side != side:
                continue
            kind = "org" if party.org_id else "member" if party.member_id else "household"
            ref = PartyRef(kind, party.org_id or party.member_id or party.household_id)
            if ref in wanted:
                wanted.discard(ref)
            else:
                party.removed_at = now
                record(session, actor.name, "remove", "pairing_party", party.id,
                       {"removed_at": [None, now.isoformat()]})
        _add_parties(session, actor, pairing, side, [r for r in refs if r in wanted])
    session.flush()
    return pairing


def close_pairing(
    session: Session, actor: Actor, pairing_id: int, on: date, terminate: bool = False,
    reason: str = "", expected_version: int | None = None,
) -> Pairing:
    """End (已结束) or terminate (已终止) an active pairing."""
    access.require(actor, access.Permission.MANAGE_PAIRINGS)
    pairing = get_or_fail(session, Pairing, pairing_id, "结对")
    _scope_of(session, actor, pairing, whole=True)
    check_version(pairing, expected_version, f"结对“{pairing.name}”")
    if pairing.status != PairingStatus.ACTIVE:
        raise DomainError(f"结对“{pairing.name}”已{pairing.status.value[1:]}，不能再结束或终止")
    if on < pairing.start_on:
        raise ValidationError([FieldError("结束日期", "不能早于开始日期")])
    status = PairingStatus.TERMINATED if terminate else PairingStatus.ENDED
    changes: dict[str, Any] = {"status": status, "closed_on": on, "close_reason": reason or None}
    if not terminate and (pairing.end_on is None or pairing.end_on > on):
        changes["end_on"] = on
    apply_changes(session, actor, pairing, changes, ENTITY, "terminate" if terminate else "end", reason)
    return pairing


def _scope_of(session: Session, actor: Actor, pairing: Pairing, whole: bool = False) -> None:
    """The township clerk's pairing: any party in the township (`whole`: every party, to change it)."""
    if actor.scope_org_id is None:  # the county's accounts: no party to look up
        return
    current = parties_of(session, pairing.id)
    require_pairing_scope(session, actor, party_org_ids(
        session, [*current[PartySide.LEAD], *current[PartySide.ASSISTED]]).values(),
        f"结对“{pairing.name}”", whole)


def find_pairing(session: Session, name_or_code: str) -> Pairing:
    key = (name_or_code or "").strip()
    found = session.scalar(select(Pairing).where(Pairing.code == key))
    if found is not None:
        return found
    matches = session.scalars(select(Pairing).where(Pairing.name == key)).all()
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise NotFound(f"名称“{key}”对应{len(matches)}个结对，请写编号")
    raise NotFound(f"找不到结对“{key}”")
