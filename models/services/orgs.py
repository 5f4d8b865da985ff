"""Organizations: create, edit, move, dissolve; lookups by name; the township of an organization."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from .. import lengths
from ..actor import Actor
from ..enums import BRANCH_KINDS, MEMBER_HOLDING_KINDS, OrgKind, OrgStatus
from ..errors import DomainError, FieldError, NotFound, ValidationError
from ..member import Member
from ..org import Organization
from ..rules import StructureWarning, phone_error, structure_messages
from ..settings import get_setting
from ..values import identifier
from . import access
from .access import Permission
from .common import apply_changes, check_version, created, get_or_fail, kept_while_reading
from .leaders import leadership_states

ENTITY = "organization"

#: contract header → attribute
ORG_LABELS = {
    "name": "组织名称",
    "short_name": "简称",
    "kind": "组织类别",
    "sector": "单位属性",
    "parent_id": "上级党组织",
    "secretary": "书记",
    "phone": "联系电话",
    "founded_on": "成立日期",
    "term_start": "本届届期开始",
    "term_years": "届期(年)",
}


def county_root(session: Session) -> Organization:
    root = session.scalar(select(Organization).where(Organization.parent_id.is_(None)).limit(1))
    if root is None:
        raise NotFound("数据库尚未初始化：请先运行 dangjian init")
    return root


def ensure_county(
    session: Session, actor: Actor, county: str | None, agency_code: str | None,
    agency_name: str | None = None,
) -> Organization:
    """Create the county committee (the root) on first use; a new county name, agency code or
    agency name goes through the settings service (管理员 only, audited, the root renamed)."""
    from .settings import set_unit

    access.require(actor, Permission.MANAGE_SETTINGS)
    set_unit(session, actor, county, agency_code, agency_name)
    root = session.scalar(select(Organization).where(Organization.parent_id.is_(None)).limit(1))
    if root is None:
        root = Organization(name=get_setting(session, "county_name"), kind=OrgKind.COMMITTEE, path="/")
        created(session, actor, root, ENTITY, "初始化")
        root.path = f"/{root.id}/"
    return root


def find_org(session: Session, name: str, actor: Actor) -> Organization:
    """By full name, or by a short name that is unique; only inside the actor's scope."""
    access.require_read(actor)
    name = name.strip()
    org = session.scalar(select(Organization).where(Organization.name == name))
    if org is None:
        matches = session.scalars(select(Organization).where(Organization.short_name == name)).all()
        if len(matches) == 1:
            org = matches[0]
    if org is not None:
        access.require_in_scope(session, actor, org.path, f"“{org.name}”")
        return org
    if len(matches) > 1:
        raise NotFound(f"简称“{name}”对应{len(matches)}个党组织，请写全称")
    access.refuse_hidden(session, actor, f"“{name}”", org_name=name)  # another township's, on the server
    raise NotFound(f"找不到党组织“{name}”")


def org_lookup(session: Session) -> dict[str, int | None]:
    """name → id for every full name and every unique short name (None when ambiguous)."""
    out: dict[str, int | None] = {}
    rows = session.execute(
        select(Organization.id, Organization.name, Organization.short_name)
    ).all()
    for oid, _name, short in rows:
        if short:
            out[short] = None if short in out else oid
    for oid, name, _short in rows:
        out[name] = oid
    return out


@dataclass(frozen=True)
class OrgChoice:
    """An active organization as a form offers it."""

    id: int
    name: str
    short_name: str | None
    kind: OrgKind
    parent_id: int | None
    path: str

    @property
    def label(self) -> str:
        return self.short_name or self.name


def org_choices(session: Session, actor: Actor, holding_members: bool = False,
                include_root: bool = True) -> list[OrgChoice]:
    """Active organizations in tree order; only those that hold members, or within the actor's
    township, or without the county committee, when asked."""
    from . import access

    q = select(Organization.id, Organization.name, Organization.short_name, Organization.kind,
               Organization.parent_id, Organization.path).where(Organization.status == OrgStatus.ACTIVE)
    if not include_root:
        q = q.where(Organization.parent_id.is_not(None))
    access.require_read(actor)
    q = access.limit(session, actor, q, Organization.path)
    rows = [OrgChoice(*r) for r in session.execute(q.order_by(Organization.path))]
    return [c for c in rows if c.kind in MEMBER_HOLDING_KINDS] if holding_members else rows


def township_id_of_path(path: str) -> int | None:
    """The id of the township-level committee (second in the materialized path) containing it."""
    ids = [int(x) for x in path.strip("/").split("/") if x]
    return ids[1] if len(ids) >= 2 else None


#: between a township's name and a short name that repeats elsewhere (shown_names)
TOWNSHIP_SEPARATOR = "·"


def _names(session: Session, org_ids: Iterable[int] | None) -> list[tuple[int, str, bool]]:
    """(org id, the name a list shows, whether it carries its township): shown_names' one query."""
    rows = session.execute(select(Organization.id, Organization.short_name, Organization.name,
                                  Organization.path)).all()
    label = {oid: short or name for oid, short, name, _path in rows}
    counts = Counter(label.values())
    wanted = None if org_ids is None else set(org_ids)
    out = []
    for oid, _short, _name, path in rows:
        if wanted is not None and oid not in wanted:
            continue
        text = label[oid]
        tid = township_id_of_path(path) if counts[text] > 1 else None
        if tid is not None and tid != oid and tid in label:
            out.append((oid, label[tid] + TOWNSHIP_SEPARATOR + text, True))
        else:
            out.append((oid, text, False))
    return out


def shown_names(session: Session, org_ids: Iterable[int] | None = None) -> dict[int, str]:
    """org id → the name a list shows: the short name (else the full name), with its township in
    front (东城镇·团结村第二党支部) only where that name is also another organization's, so that two
    branches of the same name in two townships are told apart (docs/screen.md). Every
    organization when `org_ids` is None; one query over the organizations whatever the number."""
    return {oid: text for oid, text, _qualified in _names(session, org_ids)}


def repeated_names(session: Session) -> dict[int, str]:
    """Only the organizations whose shown name carries its township (shown_names): a long list
    (the roster, the points ledger) replaces the names of those rows alone."""
    return {oid: text for oid, text, qualified in _names(session, None) if qualified}


def township_of(session: Session, org: Organization) -> Organization | None:
    """The township-level committee (directly under the county) that contains `org`."""
    ids = [int(x) for x in org.path.strip("/").split("/") if x]
    if len(ids) < 2:
        return None
    return session.get(Organization, ids[1])


def townships(session: Session, include_dissolved: bool = False) -> list[Organization]:
    """The organizations directly under the county committee, in one statement; read once per
    reading session (a page's township filter and its per-township figures both ask)."""
    def read() -> list[Organization]:
        root = select(Organization.id).where(Organization.parent_id.is_(None)).limit(1).scalar_subquery()
        q = select(Organization).where(Organization.parent_id == root)
        if not include_dissolved:
            q = q.where(Organization.status == OrgStatus.ACTIVE)
        found = list(session.scalars(q.order_by(Organization.id)))
        if not found:
            county_root(session)  # an empty database: say so
        return found

    return list(kept_while_reading(session, ("townships", include_dissolved), read))


def subtree_ids(session: Session, org: Organization) -> list[int]:
    return list(
        session.scalars(select(Organization.id).where(Organization.path.startswith(org.path)))
    )


def validate_org(values: dict[str, Any]) -> list[FieldError]:
    errors = []
    if not values.get("name"):
        errors.append(FieldError("组织名称", "必填"))
    if values.get("kind") is None:
        errors.append(FieldError("组织类别", "必填"))
    if values.get("phone"):  # full-width digits, spaces: the one normalisation
        values["phone"] = identifier(values["phone"]) or None
    phone = values.get("phone")
    if phone:
        reason = phone_error(phone)
        if reason:
            errors.append(FieldError("联系电话", reason))
    units = values.get("units")
    if units is not None and not 1 <= units <= 100:
        errors.append(FieldError("联合单位数", "应为1至100"))
    years = values.get("term_years")
    if years is not None and not 1 <= years <= 10:
        errors.append(FieldError("届期(年)", "应为1至10年"))
    from ..values import past_date_error

    reason = past_date_error(values.get("founded_on"), party=True)
    if reason:
        errors.append(FieldError("成立日期", reason))
    errors.extend(lengths.field_errors(Organization, values, ORG_LABELS))
    return errors


def default_term_years(kind: OrgKind, sector: Any) -> int:
    """Village and community branches 5 years, others 3 years."""
    from ..enums import Sector

    return 5 if sector in (Sector.RURAL, Sector.COMMUNITY) else 3


def list_orgs(session: Session, actor: Actor, include_dissolved: bool = True) -> list[Organization]:
    """The organizations the actor may see, in tree order."""
    q = select(Organization).order_by(Organization.path)
    clause = access.scope_clause(session, actor, Organization.path)
    if clause is not None:
        q = q.where(clause)
    if not include_dissolved:
        q = q.where(Organization.status == OrgStatus.ACTIVE)
    return list(session.scalars(q))


def create_org(session: Session, actor: Actor, **values: Any) -> Organization:
    access.require(actor, Permission.EDIT_RECORDS)
    errors = validate_org(values)
    parent_id = values.get("parent_id") or county_root(session).id
    if values.get("name") and session.scalar(
        select(Organization.id).where(Organization.name == values["name"])
    ):
        errors.append(FieldError("组织名称", f"“{values['name']}”已存在"))
    if errors:
        raise ValidationError(errors)
    parent = get_or_fail(session, Organization, parent_id, "上级党组织")
    access.require_in_scope(session, actor, parent.path, f"上级党组织“{parent.name}”")
    if parent.status != OrgStatus.ACTIVE:
        raise ValidationError([FieldError("上级党组织", f"“{parent.name}”已撤销")])
    values = {**values, "parent_id": parent.id}
    if values.get("term_start") and not values.get("term_years"):
        values["term_years"] = default_term_years(values["kind"], values.get("sector"))
    org = Organization(**values, path=parent.path)
    created(session, actor, org, ENTITY)
    org.path = f"{parent.path}{org.id}/"
    return org


def update_org(
    session: Session, actor: Actor, org_id: int, expected_version: int | None = None, **changes: Any
) -> Organization:
    access.require(actor, Permission.EDIT_RECORDS)
    org = get_or_fail(session, Organization, org_id, "党组织")
    access.require_in_scope(session, actor, org.path, f"“{org.name}”")
    check_version(org, expected_version, f"党组织“{org.name}”", ENTITY)
    if "parent_id" in changes:
        new_parent = changes.pop("parent_id")
        if new_parent != org.parent_id:
            move_org(session, actor, org.id, new_parent)
    if changes.get("phone"):
        changes["phone"] = identifier(changes["phone"]) or None
    merged = {k: getattr(org, k) for k in ("name", "kind", "phone", "term_years", "units")} | changes
    errors = validate_org(merged)
    if (
        "name" in changes
        and changes["name"] != org.name
        and session.scalar(select(Organization.id).where(Organization.name == changes["name"]))
    ):
        errors.append(FieldError("组织名称", f"“{changes['name']}”已存在"))
    if errors:
        raise ValidationError(errors)
    apply_changes(session, actor, org, changes, ENTITY)
    return org


def move_org(session: Session, actor: Actor, org_id: int, new_parent_id: int) -> Organization:
    access.require(actor, Permission.EDIT_RECORDS)
    org = get_or_fail(session, Organization, org_id, "党组织")
    parent = get_or_fail(session, Organization, new_parent_id, "上级党组织")
    access.require_in_scope(session, actor, org.path, f"“{org.name}”")
    access.require_in_scope(session, actor, parent.path, f"上级党组织“{parent.name}”")
    if org.parent_id is None:
        raise DomainError("县委是最上级党组织，不能移动")
    if parent.path.startswith(org.path):
        raise DomainError(f"不能把“{org.name}”移到它自己的下级“{parent.name}”之下")
    old_path, new_path = org.path, f"{parent.path}{org.id}/"
    apply_changes(session, actor, org, {"parent_id": parent.id, "path": new_path}, ENTITY, "move")
    session.execute(
        update(Organization)
        .where(Organization.path.startswith(old_path), Organization.id != org.id)
        .values(path=func.replace(Organization.path, old_path, new_path))
        .execution_options(synchronize_session=False)
    )
    session.expire_all()
    return session.get_one(Organization, org_id)


def dissolve_org(
    session: Session, actor: Actor, org_id: int, on: date, reason: str = ""
) -> Organization:
    access.require(actor, Permission.EDIT_RECORDS)
    org = get_or_fail(session, Organization, org_id, "党组织")
    access.require_in_scope(session, actor, org.path, f"“{org.name}”")
    subtree = subtree_ids(session, org)
    members = session.scalar(
        select(func.count()).where(Member.org_id.in_(subtree), Member.ended_on.is_(None))
    )
    if members:
        raise DomainError(f"“{org.name}”及其下级还有{members}名党员，请先转出后再撤销")
    children = session.scalar(
        select(func.count()).where(
            Organization.parent_id == org.id, Organization.status == OrgStatus.ACTIVE
        )
    )
    if children:
        raise DomainError(f"“{org.name}”还有{children}个未撤销的下级组织")
    apply_changes(
        session,
        actor,
        org,
        {"status": OrgStatus.DISSOLVED, "dissolved_on": on},
        ENTITY,
        "dissolve",
        reason,
    )
    return org


@dataclass(frozen=True)
class OrgCounts:
    full: int
    total: int


def member_counts(session: Session) -> dict[int, OrgCounts]:
    """Current members per organization, full and all."""
    today = date.today()
    rows = session.execute(
        select(
            Member.org_id,
            func.count(),
            func.count().filter(Member.full_on.is_not(None), Member.full_on <= today),
        )
        .where(Member.ended_on.is_(None))
        .group_by(Member.org_id)
    ).all()
    return {oid: OrgCounts(full, total) for oid, total, full in rows}


def joint_of(org: Organization, joint_max: int) -> tuple[int | None, int]:
    """(units covered, the limit) of a 联合党支部 for structure_messages; (None, …) otherwise."""
    return (org.units if org.kind == OrgKind.JOINT_BRANCH else None), joint_max


def structure_warnings(
    session: Session, actor: Actor, today: date | None = None
) -> list[StructureWarning]:
    """Structure findings inside the actor's scope."""
    access.require_read(actor)
    today = today or date.today()
    counts = member_counts(session)
    registers = leadership_states(session, today)
    joint_max = int(get_setting(session, "joint_branch_max_units"))
    out = []
    q = select(Organization).where(Organization.status == OrgStatus.ACTIVE)
    q = access.limit(session, actor, q, Organization.path)
    for org in session.scalars(q.order_by(Organization.path)):
        c = counts.get(org.id, OrgCounts(0, 0))
        for message in structure_messages(
            org.kind in BRANCH_KINDS, c.full, c.total, org.term_end, today, registers.get(org.id),
            *joint_of(org, joint_max)
        ):
            out.append(StructureWarning(org.id, org.name, message))
    return out


#: days before the end of a term when the tree starts flagging 换届
TERM_DUE_DAYS = 90


def tree_rows(
    session: Session, actor: Actor, include_dissolved: bool = False, today: date | None = None
) -> list[dict[str, Any]]:
    """Every organization as a plain dict, in path order, with member counts, flags and warnings.

    Flags: 软弱涣散 (weak_year set), 示范点 (model_level set), 届期将满/应换届 (term end).
    One query for the organizations and one for the counts.
    """
    from .access import scope_path

    today = today or date.today()
    counts = member_counts(session)
    registers = leadership_states(session, today)
    joint_max = int(get_setting(session, "joint_branch_max_units"))
    q = select(Organization).order_by(Organization.path)
    if not include_dissolved:
        q = q.where(Organization.status == OrgStatus.ACTIVE)
    prefix = scope_path(session, actor)
    out = []
    for org in session.scalars(q):
        if prefix is not None and not (org.path.startswith(prefix) or prefix.startswith(org.path)):
            continue
        c = counts.get(org.id, OrgCounts(0, 0))
        flags, icons = [], []
        if org.weak_year:
            flags.append("软弱涣散")
            icons.append("weak")
        if org.model_level:
            flags.append("示范点")
            icons.append("model")
        end = org.term_end
        if end is not None and today <= end <= today + timedelta(days=TERM_DUE_DAYS):
            flags.append(f"届期将于{end.isoformat()}届满")
            icons.append("term")
        dissolved = org.status != OrgStatus.ACTIVE
        warnings = [] if dissolved else structure_messages(
            org.kind in BRANCH_KINDS, c.full, c.total, end, today, registers.get(org.id),
            *joint_of(org, joint_max)
        )
        if warnings:
            icons.append("warning")
        out.append({
            "id": org.id, "parent_id": org.parent_id, "name": org.name,
            "short_name": org.short_name, "kind": org.kind.value, "path": org.path,
            "sector": org.sector.value if org.sector else "", "secretary": org.secretary or "",
            "phone": org.phone or "", "term_end": end, "members": c.total, "full": c.full,
            "flags": flags, "warnings": warnings, "icon_keys": icons, "dissolved": dissolved,
            "version": org.version,
            # the account may change it (a township clerk sees the county committee above too)
            "in_scope": prefix is None or org.path.startswith(prefix),
        })
    return out
