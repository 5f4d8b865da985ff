"""The leadership register (班子): each organization's 书记, 副书记 and 委员 with their dates
(docs/member-lifecycle.md, 班子名册). The structure rules and the 书记空缺 check read it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..enums import LeaderPost
from ..errors import DomainError, FieldError, ValidationError
from ..lengths import check_text
from ..member import Member
from ..org import Organization, OrgLeader
from ..rules import LeadershipState
from ..settings import get_setting
from . import access
from .access import Permission
from .common import apply_changes, created, get_or_fail

ENTITY = "org_leader"

#: how a leader came to the post, offered in the form (free text is accepted too)
CHOSEN_BY = ("选举", "任命", "选派", "补选")
#: a 书记 elected (换届选举, not 补选) starts a new term of the organization
ELECTED = "选举"


def _org(session: Session, actor: Actor, org_id: int) -> Organization:
    org = get_or_fail(session, Organization, org_id, "党组织")
    access.require_in_scope(session, actor, org.path, f"“{org.name}”")
    return org


def leaders(session: Session, actor: Actor, org_id: int, include_ended: bool = True) -> list[OrgLeader]:
    """The register of one organization: 书记 first, then 副书记 and 委员, those in office first."""
    access.require_read(actor)
    _org(session, actor, org_id)
    q = select(OrgLeader).where(OrgLeader.org_id == org_id)
    if not include_ended:
        q = q.where(OrgLeader.end_on.is_(None))
    order = list(LeaderPost)
    rows = list(session.scalars(q))
    return sorted(rows, key=lambda p: (p.end_on is not None, order.index(p.post), p.start_on, p.id))


def member_named(session: Session, org_id: int, name: str | None) -> int | None:
    """A current member of the organization by the name typed for a post (the form links the leader
    to that member); None when there is none."""
    return session.scalar(select(Member.id).where(Member.org_id == org_id, Member.name == (name or "").strip(),
                                                  Member.ended_on.is_(None)).limit(1))


def add_leader(session: Session, actor: Actor, org_id: int, post: LeaderPost | str, start_on: date,
               name: str = "", member_id: int | None = None, chosen_by: str = "", note: str = "") -> OrgLeader:
    """A member of the county (member_id) or a named person takes a post from `start_on`. A
    branch has one 书记 at a time: the one in office must be ended first."""
    access.require(actor, Permission.EDIT_RECORDS)
    org = _org(session, actor, org_id)
    errors = []
    try:
        post = LeaderPost(post)
    except ValueError:
        errors.append(FieldError("职务", f"应为{'、'.join(p.value for p in LeaderPost)}之一"))
    name = (name or "").strip()
    if member_id is not None:
        member = get_or_fail(session, Member, member_id, "党员")
        if member.ended_on is not None:
            errors.append(FieldError("党员", f"“{member.name}”的党籍已终止"))
        name = name or member.name
    if not name:
        errors.append(FieldError("姓名", "必填（或选择党员）"))
    if start_on > date.today():
        errors.append(FieldError("任职日期", "不能晚于今天"))
    for attr, value, label in (("name", name, "姓名"), ("chosen_by", chosen_by, "产生方式"), ("note", note, "备注")):
        try:
            check_text(OrgLeader, attr, value, label)
        except ValidationError as exc:
            errors += exc.errors
    if errors:
        raise ValidationError(errors)
    if post == LeaderPost.SECRETARY:
        sitting = session.scalar(select(OrgLeader).where(
            OrgLeader.org_id == org.id, OrgLeader.post == LeaderPost.SECRETARY, OrgLeader.end_on.is_(None)))
        if sitting is not None:
            raise DomainError(f"{org.short_name or org.name}的书记{sitting.name}仍在任（{sitting.start_on}起），"
                              "请先登记其离任")
    leader = OrgLeader(org_id=org.id, post=post, member_id=member_id, name=name, start_on=start_on,
                       chosen_by=(chosen_by or "").strip() or None, note=(note or "").strip() or None)
    created(session, actor, leader, ENTITY)
    if post == LeaderPost.SECRETARY:
        from .orgs import ENTITY as ORG_ENTITY
        from .orgs import default_term_years

        changes: dict = {"secretary": name}
        if leader.chosen_by == ELECTED and (org.term_start is None or start_on > org.term_start):
            # 换届选举: a new term from the election (the 换届 reminder follows the register)
            changes["term_start"] = start_on
            if org.term_years is None:
                changes["term_years"] = default_term_years(org.kind, org.sector)
        apply_changes(session, actor, org, changes, ORG_ENTITY, note="班子名册：新任书记")
    return leader


def end_leader(session: Session, actor: Actor, leader_id: int, end_on: date, note: str = "") -> OrgLeader:
    """离任: the post ends on `end_on` (kept on record)."""
    access.require(actor, Permission.EDIT_RECORDS)
    leader = get_or_fail(session, OrgLeader, leader_id, "班子成员")
    org = _org(session, actor, leader.org_id)
    if leader.end_on is not None:
        raise DomainError(f"{leader.name}已于{leader.end_on}离任")
    if end_on < leader.start_on:
        raise ValidationError([FieldError("离任日期", f"早于任职日期{leader.start_on}")])
    if end_on > date.today():
        raise ValidationError([FieldError("离任日期", "不能晚于今天")])
    apply_changes(session, actor, leader, {"end_on": end_on}, ENTITY, "update", note.strip() or None)
    if leader.post == LeaderPost.SECRETARY and org.secretary == leader.name:
        from .orgs import ENTITY as ORG_ENTITY

        apply_changes(session, actor, org, {"secretary": None}, ORG_ENTITY, note="班子名册：书记离任")
    return leader


def sitting(session: Session, org_ids: list[int] | None = None, on: date | None = None) -> dict[int, list[OrgLeader]]:
    """Leaders in office on `on` (today) per organization."""
    on = on or date.today()
    q = select(OrgLeader).where(OrgLeader.start_on <= on,
                                (OrgLeader.end_on.is_(None)) | (OrgLeader.end_on >= on))
    if org_ids is not None:
        q = q.where(OrgLeader.org_id.in_(org_ids))
    out: dict[int, list[OrgLeader]] = {}
    for p in session.scalars(q):
        out.setdefault(p.org_id, []).append(p)
    return out


def leadership_states(session: Session, on: date | None = None) -> dict[int, LeadershipState]:
    """What the register says per organization that has entries in it (an organization with none
    is not judged by it): the people in office on `on` and since when the 书记 post is vacant."""
    on = on or date.today()
    months = int(get_setting(session, "secretary_vacant_months"))
    committee_at = int(get_setting(session, "branch_committee_members"))
    by_org: dict[int, list[OrgLeader]] = {}
    for p in session.scalars(select(OrgLeader).where(OrgLeader.start_on <= on)):
        by_org.setdefault(p.org_id, []).append(p)
    out = {}
    for org_id, posts in by_org.items():
        current = [p for p in posts if p.end_on is None or p.end_on >= on]
        secretaries = [p for p in posts if p.post == LeaderPost.SECRETARY]
        vacant = None
        if secretaries and not any(p in current for p in secretaries):
            vacant = max(p.end_on for p in secretaries if p.end_on is not None)
        out[org_id] = LeadershipState(len(current), vacant, months, committee_at)
    return out
