"""Paired assistance: pairings with their parties, households, activities, assessments, checks, totals.

Counting rules (used by the list totals, the per-township summary and the quarterly workbook):

- Funds are summed exactly: SQL SUM over the Numeric(14, 2) column taken in whole fen
  (CAST(ROUND(funds * 100) AS BIGINT)), so SQLite's floating storage never leaks into a total;
  the result is a Decimal with two places.
- Projects are distinct (pairing, project name) pairs: the same project name in two pairings
  counts twice, the same name logged twice in one pairing once. Empty project names do not count.
- A pairing *involves* a township when any current party belongs to it: an organization inside
  the township, a member whose branch is inside it, a household whose village is inside it.
- Per-township summary: a pairing that spans two townships counts **for each township it
  involves**, with all its activities, funds and projects. The county total counts every pairing
  once. So the township rows may add up to more than the county total when pairings span
  townships; each township row equals the sum over the pairings that involve it.
- With a year, only that year's activities count, and a pairing counts when its dates overlap
  the year (start on or before 31 December, not ended before 1 January).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Select, and_, cast, func, or_, select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..audit import record
from ..enums import OrgStatus, Sector
from ..errors import DomainError, FieldError, NotFound, PermissionDenied, ValidationError
from ..member import Member
from ..org import Organization
from ..pairing import (
    MEMBER_TYPES,
    ActivityKind,
    Household,
    HouseholdCategory,
    Pairing,
    PairingActivity,
    PairingAssessment,
    PairingParty,
    PairingStatus,
    PairingType,
    PartySide,
    Rating,
)
from ..rules import phone_error
from ..settings import get_setting
from . import access
from .common import apply_changes, check_version, created, get_or_fail
from .orgs import township_id_of_path

ENTITY = "pairing"
REVIEW_YEARS = 3
INACTIVE_DAYS = 90
CENT = Decimal("0.01")


@dataclass(frozen=True)
class PartyRef:
    """A party as the forms and the imports name it: kind is "org", "member" or "household"."""

    kind: str
    id: int

    @property
    def column(self) -> str:
        return {"org": "org_id", "member": "member_id", "household": "household_id"}[self.kind]


KIND_LABELS = {"org": "党组织", "member": "党员", "household": "户"}


# ---------------------------------------------------------------- helpers


def exact_sum(column: Any) -> Any:
    """SUM of a money column in whole fen (an integer sum: exact on every engine)."""
    return func.coalesce(func.sum(cast(func.round(column * 100), BigInteger)), 0)


def fen_to_yuan(value: Any) -> Decimal:
    return (Decimal(int(value or 0)) / 100).quantize(CENT)


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


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


def party_label(session: Session, party: PairingParty) -> str:
    if party.org_id is not None:
        org = session.get(Organization, party.org_id)
        return (org.short_name or org.name) if org else "?"
    if party.member_id is not None:
        m = session.get(Member, party.member_id)
        return f"党员:{m.name}" if m else "?"
    h = session.get(Household, party.household_id)
    return f"户主:{h.head_name}" if h else "?"


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
    session: Session, actor: Actor, org_ids: Iterable[int], what: str = "该结对"
) -> None:
    """A township clerk may manage a pairing when any of its parties is in their township."""
    prefix = access.scope_path(session, actor)
    if prefix is None:
        return
    paths = session.scalars(select(Organization.path).where(Organization.id.in_(set(org_ids))))
    if not any(p.startswith(prefix) for p in paths):
        raise PermissionDenied(
            f"账号“{actor.name}”只能处理本乡镇的数据，{what}没有本乡镇的结对方"
        )


# ---------------------------------------------------------------- households


HOUSEHOLD_ENTITY = "household"


def create_household(
    session: Session, actor: Actor, head_name: str, org_id: int,
    category: HouseholdCategory | str = HouseholdCategory.POOR,
    address: str | None = None, phone: str | None = None, note: str | None = None,
) -> Household:
    access.require(actor, access.WRITE)
    from ..values import identifier

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
    access.require(actor, access.WRITE)
    household = get_or_fail(session, Household, household_id, "户")
    access.require_in_scope(session, actor, session.get(Organization, household.org_id).path)
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


# ---------------------------------------------------------------- pairings


def next_code(session: Session, year: int) -> str:
    prefix = f"JD{year}-"
    codes = session.scalars(select(Pairing.code).where(Pairing.code.startswith(prefix)))
    used = [int(c[len(prefix):]) for c in codes if c[len(prefix):].isdigit()]
    return f"{prefix}{max(used, default=0) + 1:03d}"


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


def _check_dates(start_on: date | None, end_on: date | None) -> list[FieldError]:
    errors = []
    from ..values import past_date_error

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
    access.require(actor, access.WRITE)
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
    require_pairing_scope(session, actor, org_of.values(), "新结对")
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
    access.require(actor, access.WRITE)
    pairing = get_or_fail(session, Pairing, pairing_id, "结对")
    current = parties_of(session, pairing.id)
    require_pairing_scope(session, actor, party_org_ids(
        session, [*current[PartySide.LEAD], *current[PartySide.ASSISTED]]).values())
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
    require_pairing_scope(session, actor, new_orgs.values())
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
    access.require(actor, access.WRITE)
    pairing = get_or_fail(session, Pairing, pairing_id, "结对")
    _scope_of(session, actor, pairing)
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


def _scope_of(session: Session, actor: Actor, pairing: Pairing) -> None:
    current = parties_of(session, pairing.id)
    require_pairing_scope(session, actor, party_org_ids(
        session, [*current[PartySide.LEAD], *current[PartySide.ASSISTED]]).values(),
        f"结对“{pairing.name}”")


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


# ---------------------------------------------------------------- activities, assessments


def clean_activity(held_on: Any, kind: Any, content: Any, funds: Any, project: Any,
                   people: Any) -> tuple[dict[str, Any], list[FieldError]]:
    """Check the fields of an activity as typed: (values, errors)."""
    from .. import values

    out: dict[str, Any] = {}
    errors = []

    def put(attr: str, header: str, fn: Any, raw: Any) -> None:
        try:
            out[attr] = fn(raw)
        except ValueError as exc:
            errors.append(FieldError(header, str(exc)))

    put("held_on", "日期", values.parse_date, held_on)
    put("kind", "活动类型", lambda v: values.parse_enum(ActivityKind, v), kind)
    put("content", "内容", values.text, content)
    put("funds", "资金(元)", values.parse_decimal, funds)
    put("project", "项目", values.text, project)
    put("people", "受益人数", lambda v: values.parse_count(values.parse_int(v), "受益人数"), people)
    if "held_on" in out and out["held_on"] is None:
        errors.append(FieldError("日期", "必填"))
    elif values.past_date_error(out.get("held_on")):
        errors.append(FieldError("日期", values.past_date_error(out["held_on"])))
    if "kind" in out and out["kind"] is None:
        errors.append(FieldError("活动类型", "必填"))
    if "content" in out and not out["content"]:
        errors.append(FieldError("内容", "必填"))
    if out.get("funds") is None and "funds" in out:
        out["funds"] = Decimal("0.00")
    if out.get("funds") is not None and out["funds"] < 0:
        errors.append(FieldError("资金(元)", "不能为负数"))
    if out.get("funds") is not None and abs(out["funds"]) >= Decimal("1e12"):
        errors.append(FieldError("资金(元)", "金额过大"))
    if out.get("people") is not None and out["people"] < 0:
        errors.append(FieldError("受益人数", "不能为负数"))
    return out, errors


def add_activity(
    session: Session, actor: Actor, pairing_id: int, held_on: Any, kind: Any, content: Any,
    funds: Any = None, project: Any = None, people: Any = None, note: str | None = None,
) -> PairingActivity:
    """Log one activity of a pairing (the quick entry of the pairing's page)."""
    access.require(actor, access.WRITE)
    pairing = get_or_fail(session, Pairing, pairing_id, "结对")
    _scope_of(session, actor, pairing)
    vals, errors = clean_activity(held_on, kind, content, funds, project, people)
    if vals.get("held_on") is not None and vals["held_on"] < pairing.start_on:
        errors.append(FieldError("日期", f"早于结对开始日期{pairing.start_on.isoformat()}"))
    if not errors:  # the same activity: one pairing, one day, the same content
        from ..values import same_text

        same = session.scalars(select(PairingActivity.content).where(
            PairingActivity.pairing_id == pairing.id, PairingActivity.held_on == vals["held_on"]))
        if same_text(vals["content"]) in {same_text(c) for c in same}:
            errors.append(FieldError("内容", "该结对同一天已登记过相同内容的活动"))
    if errors:
        raise ValidationError(errors)
    activity = PairingActivity(pairing_id=pairing.id, **vals)
    created(session, actor, activity, "pairing_activity", note)
    return activity


def add_assessment(
    session: Session, actor: Actor, pairing_id: int, year: int, rating: Rating | str,
    satisfaction: Decimal | float | str | None = None, note: str | None = None,
) -> PairingAssessment:
    """The yearly assessment: one per pairing and year."""
    access.require(actor, access.WRITE)
    pairing = get_or_fail(session, Pairing, pairing_id, "结对")
    _scope_of(session, actor, pairing)
    errors = []
    try:
        rating = Rating(rating)
    except ValueError:
        errors.append(FieldError("评价等次", f"“{rating}”不在可选项中（优秀、良好、一般、差）"))
    pct = None
    if satisfaction is not None and satisfaction != "":
        from .. import values

        try:
            pct = values.parse_decimal(satisfaction)
        except ValueError as exc:
            errors.append(FieldError("群众满意度", str(exc)))
        if pct is not None and not Decimal(0) <= pct <= Decimal(100):
            errors.append(FieldError("群众满意度", "应在0至100之间"))
    if session.scalar(select(PairingAssessment.id).where(
            PairingAssessment.pairing_id == pairing.id, PairingAssessment.year == year)):
        errors.append(FieldError("年度", f"{year}年已有评价"))
    if errors:
        raise ValidationError(errors)
    row = PairingAssessment(pairing_id=pairing.id, year=year, rating=rating, satisfaction=pct,
                            note=note)
    created(session, actor, row, "pairing_assessment")
    return row


def _readable(session: Session, actor: Actor, pairing_id: int) -> None:
    """A pairing's details are read by county accounts, and by the clerk of a township it involves."""
    access.require_read(actor)
    pairing = get_or_fail(session, Pairing, pairing_id, "结对")
    _scope_of(session, actor, pairing)


def activities_of(session: Session, actor: Actor, pairing_id: int) -> list[PairingActivity]:
    _readable(session, actor, pairing_id)
    return list(session.scalars(
        select(PairingActivity).where(PairingActivity.pairing_id == pairing_id)
        .order_by(PairingActivity.held_on.desc(), PairingActivity.id.desc())
    ))


def assessments_of(session: Session, actor: Actor, pairing_id: int) -> list[PairingAssessment]:
    _readable(session, actor, pairing_id)
    return list(session.scalars(
        select(PairingAssessment).where(PairingAssessment.pairing_id == pairing_id)
        .order_by(PairingAssessment.year)
    ))


# ---------------------------------------------------------------- townships, lists, totals


def party_paths(session: Session) -> dict[int, list[str]]:
    """pairing id → the organization paths of its current parties (members' branches, villages)."""
    org_of_party = func.coalesce(PairingParty.org_id, Member.org_id, Household.org_id)
    rows = session.execute(
        select(PairingParty.pairing_id, Organization.path)
        .outerjoin(Member, PairingParty.member_id == Member.id)
        .outerjoin(Household, PairingParty.household_id == Household.id)
        .join(Organization, Organization.id == org_of_party)
        .where(PairingParty.removed_at.is_(None))
    ).all()
    out: dict[int, list[str]] = defaultdict(list)
    for pid, path in rows:
        out[pid].append(path)
    return out


def pairing_townships(session: Session) -> dict[int, set[int]]:
    """pairing id → ids of the township-level committees it involves."""
    out: dict[int, set[int]] = defaultdict(set)
    for pid, paths in party_paths(session).items():
        for path in paths:
            tid = township_id_of_path(path)
            if tid is not None:
                out[pid].add(tid)
    return out


@dataclass
class Totals:
    pairings: int = 0
    activities: int = 0
    funds: Decimal = field(default_factory=lambda: Decimal("0.00"))
    projects: int = 0

    def text(self) -> str:
        return (f"共{self.pairings}个结对，活动{self.activities}次，"
                f"资金{self.funds:,.2f}元，项目{self.projects}个")


@dataclass
class ActivityStats:
    activities: int
    funds: Decimal
    projects: frozenset[str]
    last_on: date | None


def _year_bounds(year: int | None) -> tuple[date, date] | None:
    return None if year is None else (date(year, 1, 1), date(year, 12, 31))


def activity_stats(session: Session, year: int | None = None,
                   pairing_ids: Iterable[int] | None = None) -> dict[int, ActivityStats]:
    """Per pairing: activity count, exact funds, distinct project names, last activity date."""
    q: Select = select(
        PairingActivity.pairing_id, func.count(), exact_sum(PairingActivity.funds),
        func.max(PairingActivity.held_on),
    ).group_by(PairingActivity.pairing_id)
    pq = select(PairingActivity.pairing_id, PairingActivity.project).where(
        PairingActivity.project.is_not(None), PairingActivity.project != "").distinct()
    if (bounds := _year_bounds(year)) is not None:
        q = q.where(PairingActivity.held_on.between(*bounds))
        pq = pq.where(PairingActivity.held_on.between(*bounds))
    if pairing_ids is not None:
        ids = list(pairing_ids)
        q = q.where(PairingActivity.pairing_id.in_(ids))
        pq = pq.where(PairingActivity.pairing_id.in_(ids))
    projects: dict[int, set[str]] = defaultdict(set)
    for pid, project in session.execute(pq):
        projects[pid].add(project)
    return {
        pid: ActivityStats(n, fen_to_yuan(fen), frozenset(projects.get(pid, ())), last)
        for pid, n, fen, last in session.execute(q)
    }


def totals(session: Session, pairing_ids: Sequence[int], year: int | None = None) -> Totals:
    """Totals over the given pairings, from one SQL SUM (funds exact)."""
    ids = list(pairing_ids)
    if not ids:
        return Totals()
    q = select(func.count(), exact_sum(PairingActivity.funds)).where(
        PairingActivity.pairing_id.in_(ids))
    pq = select(func.count()).select_from(
        select(PairingActivity.pairing_id, PairingActivity.project)
        .where(PairingActivity.pairing_id.in_(ids), PairingActivity.project.is_not(None),
               PairingActivity.project != "")
        .distinct().subquery())
    if (bounds := _year_bounds(year)) is not None:
        q = q.where(PairingActivity.held_on.between(*bounds))
        pq = select(func.count()).select_from(
            select(PairingActivity.pairing_id, PairingActivity.project)
            .where(PairingActivity.pairing_id.in_(ids), PairingActivity.project.is_not(None),
                   PairingActivity.project != "", PairingActivity.held_on.between(*bounds))
            .distinct().subquery())
    n, fen = session.execute(q).one()
    return Totals(len(ids), int(n or 0), fen_to_yuan(fen), int(session.scalar(pq) or 0))


@dataclass
class PairingRow:
    id: int
    code: str
    name: str
    type: str
    status: str
    start_on: date
    end_on: date | None
    leads: str
    assisted: str
    activities: int
    funds: Decimal
    projects: int
    last_on: date | None
    townships: str
    version: int


def _overlaps_year(year: int) -> Any:
    first, last = date(year, 1, 1), date(year, 12, 31)
    return and_(Pairing.start_on <= last, or_(Pairing.end_on.is_(None), Pairing.end_on >= first))


def _scope_township(session: Session, actor: Actor) -> int | None:
    """The township id a township clerk is limited to (-1 when unknown), None for the county."""
    access.require_read(actor)
    if actor.scope_org_id is None:
        return None
    org = session.get(Organization, actor.scope_org_id)
    return township_id_of_path(org.path) if org else -1


def list_pairings(
    session: Session, actor: Actor, type: PairingType | str | None = None,
    status: PairingStatus | str | None = None, township_id: int | None = None,
    year: int | None = None, search: str | None = None,
) -> list[PairingRow]:
    """The register, filtered; a township clerk sees the pairings involving their township."""
    access.require_read(actor)
    q = select(Pairing).order_by(Pairing.code)
    if type:
        q = q.where(Pairing.type == PairingType(type))
    if status:
        q = q.where(Pairing.status == PairingStatus(status))
    if year is not None:
        q = q.where(_overlaps_year(year))
    if search:
        q = q.where(or_(Pairing.name.contains(search.strip()), Pairing.code.contains(search.strip())))
    pairings = list(session.scalars(q))
    towns = pairing_townships(session)
    scope_tid = _scope_township(session, actor)
    if scope_tid is not None:
        pairings = [p for p in pairings if scope_tid in towns.get(p.id, ())]
    if township_id is not None:
        pairings = [p for p in pairings if township_id in towns.get(p.id, ())]
    stats = activity_stats(session, year)
    labels = _party_labels(session)
    town_names = dict(session.execute(select(Organization.id, func.coalesce(
        Organization.short_name, Organization.name))).all())
    rows = []
    for p in pairings:
        s = stats.get(p.id)
        lead = [label for side, label in labels.get(p.id, []) if side == PartySide.LEAD]
        assisted = [label for side, label in labels.get(p.id, []) if side == PartySide.ASSISTED]
        rows.append(PairingRow(
            p.id, p.code, p.name, p.type.value, p.status.value, p.start_on, p.end_on,
            "、".join(lead), "、".join(assisted), s.activities if s else 0,
            s.funds if s else Decimal("0.00"), len(s.projects) if s else 0,
            s.last_on if s else None,
            "、".join(town_names.get(t, "?") for t in sorted(towns.get(p.id, ()))), p.version,
        ))
    return rows


def _party_labels(session: Session) -> dict[int, list[tuple[PartySide, str]]]:
    rows = session.execute(
        select(PairingParty.pairing_id, PairingParty.side,
               func.coalesce(Organization.short_name, Organization.name), Member.name,
               Household.head_name)
        .outerjoin(Organization, PairingParty.org_id == Organization.id)
        .outerjoin(Member, PairingParty.member_id == Member.id)
        .outerjoin(Household, PairingParty.household_id == Household.id)
        .where(PairingParty.removed_at.is_(None))
        .order_by(PairingParty.id)
    ).all()
    out: dict[int, list[tuple[PartySide, str]]] = defaultdict(list)
    for pid, side, org, member, head in rows:
        label = org if org else f"党员:{member}" if member else f"户主:{head}"
        out[pid].append((side, label))
    return out


@dataclass
class TownshipRow:
    township_id: int | None
    name: str
    pairings: int
    activities: int
    funds: Decimal
    projects: int


def township_summary(session: Session, actor: Actor, year: int | None = None) -> list[TownshipRow]:
    """One row per township-level committee, then the county total (合计) counting each pairing once.

    A pairing spanning two townships counts in full for each (see the module docstring).
    """
    scope_tid = _scope_township(session, actor)
    q = select(Pairing.id)
    if year is not None:
        q = q.where(_overlaps_year(year))
    ids = set(session.scalars(q))
    towns = pairing_townships(session)
    stats = activity_stats(session, year)
    from .orgs import townships

    tship = townships(session)
    if scope_tid is not None:
        tship = [t for t in tship if t.id == scope_tid]
        ids = {p for p in ids if scope_tid in towns.get(p, ())}
    out = []

    def row(tid: int | None, name: str, pids: set[int]) -> TownshipRow:
        acts, funds, projects = 0, Decimal("0.00"), 0
        for pid in pids:
            s = stats.get(pid)
            if s:
                acts += s.activities
                funds += s.funds
                projects += len(s.projects)
        return TownshipRow(tid, name, len(pids), acts, funds, projects)

    for t in tship:
        out.append(row(t.id, t.short_name or t.name, {p for p in ids if t.id in towns.get(p, ())}))
    out.append(row(None, "合计", ids))
    return out


# ---------------------------------------------------------------- checks


def pairing_findings(session: Session, actor: Actor, today: date | None = None,
                     max_pairings_per_org: int | None = None) -> list[str]:
    """Rule checks on active (进行中) pairings, one Chinese line each.

    - no activity for 90 days: the last activity (or the start, when none) is 90 or more days
      before `today` (89 days: fine; 90 and 91: reported);
    - past its end date (end date before today) and still 进行中;
    - a 城乡联建 with fewer than 2 or more than 4 assisted villages (assisted organizations
      whose sector is 农村);
    - an organization that is a party (either side) of more than N active pairings
      (setting pairing_max_per_org, default 3);
    - the 3-year review date is past or within 30 days.
    """
    scope_tid = _scope_township(session, actor)
    prefix = access.scope_path(session, actor)
    today = today or date.today()
    if max_pairings_per_org is None:
        max_pairings_per_org = int(get_setting(session, "pairing_max_per_org"))
    active = list(session.scalars(
        select(Pairing).where(Pairing.status == PairingStatus.ACTIVE).order_by(Pairing.code)))
    if scope_tid is not None:  # a township clerk: the pairings involving their township
        towns = pairing_townships(session)
        active = [p for p in active if scope_tid in towns.get(p.id, ())]
    visible = {p.id for p in active}
    stats = activity_stats(session, pairing_ids=None)
    out = []
    for p in active:
        if p.start_on > today:
            continue
        s = stats.get(p.id)
        last = s.last_on if s and s.last_on else None
        since = last or p.start_on
        idle = (today - since).days
        if idle >= INACTIVE_DAYS:
            what = f"最近一次活动在{last.isoformat()}" if last else f"自{p.start_on.isoformat()}开始以来没有活动记录"
            out.append(f"结对无活动\t{p.code} {p.name}\t已{idle}天没有开展活动（{what}）")
        if p.end_on is not None and p.end_on < today:
            out.append(f"结对逾期\t{p.code} {p.name}\t结束日期{p.end_on.isoformat()}已过，状态仍为进行中")
    villages = dict(session.execute(
        select(PairingParty.pairing_id, func.count(func.distinct(PairingParty.org_id)))
        .join(Organization, PairingParty.org_id == Organization.id)
        .join(Pairing, Pairing.id == PairingParty.pairing_id)
        .where(PairingParty.side == PartySide.ASSISTED, PairingParty.removed_at.is_(None),
               Organization.sector == Sector.RURAL, Pairing.type == PairingType.URBAN_RURAL,
               Pairing.status == PairingStatus.ACTIVE)
        .group_by(PairingParty.pairing_id)
    ).all())
    for p in active:
        if p.type != PairingType.URBAN_RURAL:
            continue
        n = villages.get(p.id, 0)
        if n < 2 or n > 4:
            out.append(f"城乡联建村数\t{p.code} {p.name}\t联建{n}个村，应为2至4个村")
    per_org_q = (
        select(Organization.name, func.count(func.distinct(PairingParty.pairing_id)))
        .join(PairingParty, PairingParty.org_id == Organization.id)
        .join(Pairing, Pairing.id == PairingParty.pairing_id)
        .where(PairingParty.removed_at.is_(None), Pairing.status == PairingStatus.ACTIVE)
    )
    if prefix is not None:
        per_org_q = per_org_q.where(Organization.path.startswith(prefix))
    per_org = session.execute(
        per_org_q.group_by(Organization.id, Organization.name)
        .having(func.count(func.distinct(PairingParty.pairing_id)) > max_pairings_per_org)
        .order_by(Organization.name)
    ).all()
    for name, n in per_org:
        out.append(f"结对过多\t{name}\t参与{n}个进行中的结对，超过{max_pairings_per_org}个")
    for p in review_due(session, today):
        if p.id not in visible and scope_tid is not None:
            continue
        when = "已到期" if p.review_on <= today else "将于30天内到期"
        out.append(f"结对复核\t{p.code} {p.name}\t三年复核日期{p.review_on.isoformat()}{when}")
    return out


def review_due(session: Session, today: date | None = None, within_days: int = 30) -> list[Pairing]:
    """Active pairings whose 3-year review date is within `within_days` (or past)."""
    today = today or date.today()
    return list(session.scalars(
        select(Pairing).where(Pairing.status == PairingStatus.ACTIVE,
                              Pairing.review_on <= today + timedelta(days=within_days))
        .order_by(Pairing.review_on)))
