"""The parties of a pairing: references as forms and imports name them, labels, which party
kinds a pairing type allows, and the township scope a clerk may manage."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...actor import Actor
from ...enums import OrgStatus
from ...errors import DomainError, FieldError, PermissionDenied
from ...member import Member
from ...org import Organization
from ...pairing import (
    MEMBER_TYPES,
    Household,
    PairingParty,
    PairingType,
    PartySide,
)
from .. import access
from ..common import get_or_fail
from ..orgs import shown_names


@dataclass(frozen=True)
class PartyRef:
    """A party as the forms and the imports name it: kind is "org", "member" or "household"."""

    kind: str
    id: int

    @property
    def column(self) -> str:
        return {"org": "org_id", "member": "member_id", "household": "household_id"}[self.kind]


KIND_LABELS = {"org": "党组织", "member": "党员", "household": "户"}


def party_org_ids(session: Session, refs: Iterable[PartyRef]) -> dict[PartyRef, int]:
    """The organization each party belongs to (a member's branch, a household's village)."""
    out = {}
    for ref in refs:
        if ref.kind == "org":
            get_or_fail(session, Organization, ref.id, "党组织")
            out[ref] = ref.id
        elif ref.kind == "member":
            out[ref] = get_or_fail(session, Member, ref.id, "党员").org_id
        elif ref.kind == "household":
            out[ref] = get_or_fail(session, Household, ref.id, "户").org_id
        else:
            raise DomainError(f"未知的结对方类别“{ref.kind}”")
    return out


def party_labels(session: Session, parties: list[PairingParty]) -> list[str]:
    """Each party as a list shows it (an organization with its township where its name repeats,
    党员:name, 户主:name), in the parties' order; the organizations' names, the members' and the
    households' each read once, however many parties."""
    names = shown_names(session) if any(p.org_id is not None for p in parties) else {}
    member_ids = {p.member_id for p in parties if p.member_id is not None}
    household_ids = {p.household_id for p in parties if p.household_id is not None}
    members: dict[int, str] = dict(session.execute(
        select(Member.id, Member.name).where(Member.id.in_(member_ids))).all()) if member_ids else {}
    heads: dict[int, str] = dict(session.execute(
        select(Household.id, Household.head_name).where(Household.id.in_(household_ids))).all()
    ) if household_ids else {}
    out = []
    for party in parties:
        if party.org_id is not None:
            out.append(names.get(party.org_id, "?"))
        elif party.member_id is not None:
            out.append(f"党员:{members[party.member_id]}" if party.member_id in members else "?")
        else:
            out.append(f"户主:{heads[party.household_id]}" if party.household_id in heads else "?")
    return out


def _current_parties(session: Session, pairing_id: int) -> list[PairingParty]:
    return list(session.scalars(
        select(PairingParty)
        .where(PairingParty.pairing_id == pairing_id, PairingParty.removed_at.is_(None))
        .order_by(PairingParty.id)
    ))


def parties_of(session: Session, pairing_id: int) -> dict[PartySide, list[PartyRef]]:
    out: dict[PartySide, list[PartyRef]] = {PartySide.LEAD: [], PartySide.ASSISTED: []}
    for p in _current_parties(session, pairing_id):
        kind = "org" if p.org_id is not None else "member" if p.member_id is not None else "household"
        out[p.side].append(PartyRef(kind, p.org_id or p.member_id or p.household_id))
    return out


def require_pairing_scope(
    session: Session, actor: Actor, org_ids: Iterable[int], what: str = "该结对", whole: bool = False
) -> None:
    """A township clerk may record a pairing's activities when any of its parties is in their
    township; creating, changing or ending a pairing (`whole`) needs every party there: a pairing
    spanning several townships is the county's (MANAGE_CROSS_PAIRINGS, docs/roles-and-duties.md)."""
    prefix = access.scope_path(session, actor)
    if prefix is None:
        return
    paths = list(session.scalars(select(Organization.path).where(Organization.id.in_(set(org_ids)))))
    if not any(p.startswith(prefix) for p in paths):
        raise PermissionDenied(
            f"账号“{actor.name}”只能处理本乡镇的数据，{what}没有本乡镇的结对方"
        )
    if whole and not all(p.startswith(prefix) for p in paths):
        access.require(actor, access.Permission.MANAGE_CROSS_PAIRINGS)


def derived_name(session: Session, type_: PairingType, leads: Sequence[PartyRef],
                 assisted: Sequence[PartyRef]) -> str:
    """"红星村党支部、…与幸福社区党支部城乡联建": short names of the parties and the type."""

    def label(ref: PartyRef) -> str:
        if ref.kind == "org":
            org = session.get(Organization, ref.id)
            return org.short_name or org.name
        if ref.kind == "member":
            return session.get(Member, ref.id).name
        return session.get(Household, ref.id).head_name + "户"

    def side(refs: Sequence[PartyRef]) -> str:
        names = [label(r) for r in refs]
        return "、".join(names[:3]) + ("等" if len(names) > 3 else "")

    return f"{side(leads)}与{side(assisted)}{type_.value}"[:200]


def validate_parties(
    session: Session, type_: PairingType | None, leads: Sequence[PartyRef],
    assisted: Sequence[PartyRef],
) -> list[FieldError]:
    errors = []
    if not leads:
        errors.append(FieldError("牵头方", "至少要有一个"))
    if not assisted:
        errors.append(FieldError("被帮扶方", "至少要有一个"))
    for header, refs in (("牵头方", leads), ("被帮扶方", assisted)):
        if len(set(refs)) != len(refs):
            errors.append(FieldError(header, "同一结对方重复"))
    both = set(leads) & set(assisted)
    if both:
        errors.append(FieldError("被帮扶方", "同一方不能既是牵头方又是被帮扶方"))
    for ref in [*leads, *assisted]:
        if ref.kind == "org":
            org = session.get(Organization, ref.id)
            if org is not None and org.status != OrgStatus.ACTIVE:
                errors.append(FieldError("结对方", f"党组织“{org.name}”已撤销"))
        elif ref.kind == "member":
            m = session.get(Member, ref.id)
            if m is not None and m.ended_on is not None:
                errors.append(FieldError("结对方", f"党员“{m.name}”已不是现有党员"))
    if type_ in MEMBER_TYPES:
        if leads and any(r.kind != "member" for r in leads):
            errors.append(FieldError("牵头方", f"{type_.value}的牵头方应为党员"))
        if len(leads) > 1:
            errors.append(FieldError("牵头方", f"{type_.value}只有一名牵头党员"))
        if type_ == PairingType.MEMBER_ONE and len(assisted) > 1:
            errors.append(FieldError("被帮扶方", "一对一结对只能帮扶一户（或一人）"))
        if any(r.kind == "org" for r in assisted):
            errors.append(FieldError("被帮扶方", "党员结对帮扶的对象应为户或党员"))
    elif type_ is not None:
        if any(r.kind == "household" for r in leads):
            errors.append(FieldError("牵头方", "户不能作为牵头方"))
    return errors
