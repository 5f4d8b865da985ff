"""Village cadres and 双议双评: the cadre roster (a member's posts with dates), a round for the
cadres of chosen villages, and its approval steps (党员群众商议, 乡镇党委审议) per cadre.

A 双议双评 round's two evaluations (乡镇党委考评, 党员群众测评) are entered only once both steps
are recorded 同意 for that cadre (services/evaluation/approvals.py checks on every entry); a cadre
whose step was 不同意 is not evaluated and does not hold up the review.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, or_, select
from sqlalchemy.orm import Session, joinedload

from .. import lengths, values
from ..actor import Actor
from ..audit import record
from ..errors import (
    ConflictError,
    DomainError,
    FieldError,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from ..evaluation import (
    ApprovalOutcome,
    CadrePost,
    EvaluationApproval,
    EvaluationRound,
    EvaluationScheme,
    EvaluationSheet,
    RoundStatus,
)
from ..member import Member
from ..org import Organization
from . import access
from . import evaluation as ev
from .common import apply_changes, check_version, created, get_or_fail

POSTS = ("村党支部书记", "村党支部副书记", "村党支部委员", "村委会主任", "村委会副主任", "村委会委员",
         "村务监督委员会主任", "社区党组织书记", "社区居委会主任")


def _date(value: Any, field: str, errors: list[FieldError], required: bool = True) -> date | None:
    try:
        d = values.parse_date(value)
    except ValueError as exc:
        errors.append(FieldError(field, str(exc)))
        return None
    if d is None and required:
        errors.append(FieldError(field, "必填"))
    return d


def _post_fields(post: str | None, start_on: Any, note: str | None, errors: list[FieldError]
                 ) -> tuple[str, date | None, str | None]:
    """职务, 任职日期 and 备注 of a post as entered, checked (the reasons go into `errors`)."""
    post = (post or "").strip()
    if post not in POSTS:
        errors.append(FieldError("职务", f"“{post}”不在可选职务中（{'、'.join(POSTS)}）"))
    start = _date(start_on, "任职日期", errors)
    note = values.text(note)
    errors += lengths.field_errors(CadrePost, {"note": note}, {"note": "备注"})
    return post, start, note


def _holds(session: Session, member_id: int, org_id: int, post: str, other_than: int | None = None) -> bool:
    """Whether the member already holds that post in that village (a post not ended)."""
    q = select(CadrePost.id).where(CadrePost.member_id == member_id, CadrePost.post == post,
                                   CadrePost.org_id == org_id, CadrePost.end_on.is_(None))
    if other_than is not None:
        q = q.where(CadrePost.id != other_than)
    return session.scalar(q) is not None


def add_post(session: Session, actor: Actor, member_id: int, post: str, start_on: Any,
             org_id: int | None = None, note: str | None = None) -> CadrePost:
    """A member takes a post in a village (by default the member's own branch)."""
    access.require(actor, access.Permission.EDIT_RECORDS)
    member = get_or_fail(session, Member, member_id, "党员")
    org = get_or_fail(session, Organization, org_id or member.org_id, "党组织")
    access.require_in_scope(session, actor, org.path, f"“{org.name}”")
    errors: list[FieldError] = []
    post, start, note = _post_fields(post, start_on, note, errors)
    if member.ended_on is not None:
        errors.append(FieldError("党员", f"“{member.name}”的党籍已于{member.ended_on}终止"))
    if errors:
        raise ValidationError(errors)
    if _holds(session, member_id, org.id, post):
        raise ConflictError(f"“{member.name}”已任{org.short_name or org.name}{post}")
    p = CadrePost(member_id=member_id, org_id=org.id, post=post, start_on=start, note=note)
    created(session, actor, p, "cadre_post", f"{member.name}任{post}")
    return p


def add_person_post(session: Session, actor: Actor, name: str, id_number: str, org_id: int, post: str,
                    start_on: Any, note: str | None = None) -> CadrePost:
    """A person who is not a Party member takes a post in a village (村委会 members often are not):
    named, with the ID number (checked; shown masked by the same rules as members')."""
    from .. import idcard

    access.require(actor, access.Permission.EDIT_RECORDS)
    org = get_or_fail(session, Organization, org_id, "党组织")
    access.require_in_scope(session, actor, org.path, f"“{org.name}”")
    errors: list[FieldError] = []
    name = values.text(name) or ""
    if not name:
        errors.append(FieldError("姓名", "必填"))
    errors += lengths.field_errors(CadrePost, {"person_name": name}, {"person_name": "姓名"})
    number = None
    try:
        number = idcard.validate(id_number or "")
    except idcard.IdNumberError as exc:
        errors.append(FieldError("公民身份号码", str(exc)))
    post, start, note = _post_fields(post, start_on, note, errors)
    if number is not None:
        member = session.scalar(select(Member.name).where(Member.id_number == number, Member.ended_on.is_(None)))
        if member is not None:
            errors.append(FieldError("公民身份号码", "是本县党员的号码：请按党员登记任职（不写姓名）"))
    if errors:
        raise ValidationError(errors)
    if session.scalar(select(CadrePost.id).where(
            CadrePost.person_id_number == number, CadrePost.post == post, CadrePost.org_id == org.id,
            CadrePost.end_on.is_(None))) is not None:
        raise ConflictError(f"“{name}”已任{org.short_name or org.name}{post}")
    p = CadrePost(member_id=None, person_name=name, person_id_number=number, org_id=org.id, post=post,
                  start_on=start, note=note)
    created(session, actor, p, "cadre_post", f"{name}（非党员）任{post}")
    return p


def end_post(session: Session, actor: Actor, post_id: int, version: int | None, end_on: Any) -> CadrePost:
    access.require(actor, access.Permission.EDIT_RECORDS)
    p = get_or_fail(session, CadrePost, post_id, "任职记录")
    check_version(p, version, "任职记录")
    access.require_in_scope(session, actor, session.get(Organization, p.org_id).path)
    errors: list[FieldError] = []
    end = _date(end_on, "离任日期", errors)
    if end is not None and end < p.start_on:
        errors.append(FieldError("离任日期", f"早于任职日期{p.start_on}"))
    if errors:
        raise ValidationError(errors)
    apply_changes(session, actor, p, {"end_on": end}, "cadre_post", note="离任")
    return p


def update_post(session: Session, actor: Actor, post_id: int, version: int | None, post: str, start_on: Any,
                note: str | None = None) -> CadrePost:
    """Correct a post as registered: 职务, 任职日期, 备注 (the member and the village stay; a wrong
    person or village is a post ended and another registered)."""
    access.require(actor, access.Permission.EDIT_RECORDS)
    p = get_or_fail(session, CadrePost, post_id, "任职记录")
    check_version(p, version, "任职记录", "cadre_post")
    org = session.get(Organization, p.org_id)
    access.require_in_scope(session, actor, org.path, f"“{org.name}”")
    errors: list[FieldError] = []
    post, start, note = _post_fields(post, start_on, note, errors)
    if start is not None and p.end_on is not None and start > p.end_on:
        errors.append(FieldError("任职日期", f"晚于离任日期{p.end_on}"))
    if errors:
        raise ValidationError(errors)
    if (p.end_on is None and post != p.post and p.member_id is not None
            and _holds(session, p.member_id, p.org_id, post, p.id)):
        name = session.get(Member, p.member_id).name
        raise ConflictError(f"“{name}”已任{org.short_name or org.name}{post}")
    apply_changes(session, actor, p, {"post": post, "start_on": start, "note": note}, "cadre_post",
                  note="修改任职")
    return p


@dataclass(frozen=True)
class PostRow:
    id: int
    version: int
    #: None for a cadre who is not a Party member
    member_id: int | None
    name: str
    org_id: int
    org_name: str
    post: str
    start_on: date
    end_on: date | None
    note: str | None = None
    #: the ID number as the account may see it (access.shown_id)
    id_number: str | None = None
    #: who holds the post, member or not: "m<member id>" or "p<ID number>" (never shown)
    person_key: str = ""

    @property
    def party_member(self) -> bool:
        return self.member_id is not None


def person_key(member_id: int | None, id_number: str | None) -> str:
    """The one key of a cadre across posts and sheets: the member, or a non-member's ID number."""
    return f"m{member_id}" if member_id is not None else f"p{id_number}"


def cadre_rows(session: Session, actor: Actor, org_ids: list[int] | None = None,
               on: date | None = None, between: tuple[date, date] | None = None) -> list[PostRow]:
    """Posts held on `on` (all posts when None) in the given villages, inside the actor's scope;
    `between` (first, last day): the posts held at some time in that period."""
    q = (select(CadrePost, Member.name, Member.id_number, Organization.short_name, Organization.name)
         .outerjoin(Member, Member.id == CadrePost.member_id)
         .join(Organization, Organization.id == CadrePost.org_id)
         .order_by(Organization.path, CadrePost.post, Member.id))
    clause = access.scope_clause(session, actor, Organization.path)
    if clause is not None:
        q = q.where(clause)
    if org_ids is not None:
        q = q.where(CadrePost.org_id.in_(org_ids))
    if on is not None:
        q = q.where(CadrePost.start_on <= on, or_(CadrePost.end_on.is_(None), CadrePost.end_on >= on))
    if between is not None:
        first, last = between
        q = q.where(CadrePost.start_on <= last, or_(CadrePost.end_on.is_(None), CadrePost.end_on >= first))
    return [PostRow(p.id, p.version, p.member_id, name or p.person_name or "", p.org_id, short or full, p.post,
                    p.start_on, p.end_on, p.note, access.shown_id(actor, number or p.person_id_number),
                    person_key(p.member_id, number if p.member_id is not None else p.person_id_number))
            for p, name, number, short, full in session.execute(q)]


@dataclass(frozen=True)
class CadreState:
    """A cadre's steps in a 双议双评 round, as the roster shows them."""

    sheet_id: int
    version: int
    #: the village the sheet is filed under in the round's grid
    org_id: int
    #: 个人自评: 已完成, 未完成 or 未记录 ("" when the scheme has none)
    self_assessment: str
    #: step → "同意（2026-01-05 红星村党员群众大会）：note", or 未记录
    steps: dict[str, str]


@dataclass(frozen=True)
class RoundRoster:
    """The cadres of a 双议双评 round: the posts held in its villages during its period, and each
    cadre's state (by PostRow.person_key) in the round."""

    round_id: int
    villages: list[int]
    first: date
    last: date
    steps: tuple[str, ...]
    self_assessment: bool
    rows: list[PostRow]
    states: dict[str, CadreState]


def approval_text(a: EvaluationApproval | None) -> str:
    if a is None:
        return "未记录"
    return (f"{a.outcome.value}（{a.decided_on.isoformat()} {a.body}）" + (f"事项：{a.matter}" if a.matter else "")
            + (f"；{a.note}" if a.note else ""))


def round_roster(session: Session, actor: Actor, round_id: int) -> RoundRoster | None:
    """The roster of a 双议双评 round as the actor may see it; None when the round is not one."""
    access.require_read(actor)
    rnd = get_or_fail(session, EvaluationRound, round_id, "评价")
    defn = ev.definition_of(rnd.scheme)
    if not defn.approvals or not rnd.cadre_orgs:
        return None
    villages = list(json.loads(rnd.cadre_orgs))
    first, last = ev.parse_period(rnd.scheme.period_kind, rnd.period)
    rows = cadre_rows(session, actor, villages, between=(first, last))
    decided = approvals(session, round_id)
    states = {}
    for sheet in ev.round_sheets(session, actor, round_id):
        if sheet.person_key is None:
            continue
        own = "" if not defn.self_assessment else (
            "未记录" if sheet.self_done is None else "已完成" if sheet.self_done else "未完成")
        states[sheet.person_key] = CadreState(sheet.sheet_id, sheet.version, sheet.org_id, own, {
            step: approval_text(decided.get(sheet.sheet_id, {}).get(step)) for step in defn.approvals})
    return RoundRoster(rnd.id, villages, first, last, tuple(defn.approvals), bool(defn.self_assessment),
                       rows, states)


def open_cadre_round(session: Session, actor: Actor, scheme: EvaluationScheme, period: str,
                     village_ids: list[int], today: date | None = None) -> EvaluationRound:
    """A 双议双评 round for the cadres of the chosen villages: one sheet per member holding a post
    there during the period (a member with two posts gets one sheet)."""
    access.require(actor, access.Permission.EDIT_RECORDS)
    defn = ev.definition_of(scheme)
    if not defn.approvals:
        raise DomainError(f"“{scheme.name}”没有商议、审议环节，不是村干部双议双评方案")
    if not village_ids:
        raise ValidationError([FieldError("村", "至少选择一个村")])
    villages = [get_or_fail(session, Organization, oid, "党组织") for oid in village_ids]
    for v in villages:
        access.require_in_scope(session, actor, v.path, f"“{v.name}”")
    start, end = ev.openable_period(scheme.period_kind, period, today)
    period = period.strip().upper()
    scope = _common_parent(session, villages)
    if session.scalar(select(EvaluationRound.id).where(
            EvaluationRound.scheme_id == scheme.id, EvaluationRound.period == period,
            EvaluationRound.scope_org_id == scope.id)):
        raise ConflictError(f"“{scheme.name}”{period}（{scope.short_name or scope.name}）的评价已经开启")
    holders = session.execute(
        select(CadrePost.member_id, CadrePost.person_name, CadrePost.person_id_number, CadrePost.org_id)
        .outerjoin(Member, Member.id == CadrePost.member_id)
        .where(CadrePost.org_id.in_(village_ids), CadrePost.start_on <= end,
               or_(CadrePost.end_on.is_(None), CadrePost.end_on >= start),
               or_(CadrePost.member_id.is_(None), Member.ended_on.is_(None)))
        .order_by(CadrePost.org_id, CadrePost.member_id.is_(None), CadrePost.member_id,
                  CadrePost.person_id_number)).all()  # members first, then the others (both engines)
    if not holders:
        raise DomainError("所选村没有在任村干部，请先在村干部名册中登记任职")
    rnd = EvaluationRound(scheme_id=scheme.id, period=period, scope_org_id=scope.id, status=RoundStatus.DRAFT,
                          cadre_orgs=json.dumps(sorted(village_ids)))
    created(session, actor, rnd, "evaluation_round")
    now = datetime.now().replace(microsecond=0)
    seen, rows = set(), []
    for mid, pname, pnumber, oid in holders:  # a cadre with two posts gets one sheet
        key = person_key(mid, pnumber)
        if key in seen:
            continue
        seen.add(key)
        rows.append({"round_id": rnd.id, "member_id": mid, "person_name": None if mid else pname,
                     "person_id_number": None if mid else pnumber, "org_id": oid, "graded": True,
                     "item_scores": "{}", "rater_results": "{}", "version": 1, "created_at": now, "updated_at": now})
    session.execute(insert(EvaluationSheet), rows)
    names = "、".join(v.short_name or v.name for v in villages)
    record(session, actor.name, "open", "evaluation_round", rnd.id, {"sheets": [None, len(rows)]},
           f"开启村干部双议双评：{scheme.name} {period}，{names}，{len(rows)}名村干部")
    return rnd


def _common_parent(session: Session, orgs: list[Organization]) -> Organization:
    """The lowest organization whose subtree holds all of them (the village itself when one)."""
    paths = [o.path.strip("/").split("/") for o in orgs]
    common = []
    for parts in zip(*paths, strict=False):
        if len(set(parts)) != 1:
            break
        common.append(parts[0])
    return session.get(Organization, int(common[-1])) if common else orgs[0]


def _approval_target(session: Session, actor: Actor, sheet_id: int, step: str,
                     defns: dict[int, ev.Definition] | None = None
                     ) -> tuple[EvaluationSheet, ev.Definition]:
    """The sheet whose step is to be recorded and its scheme, once the account may touch it: in the
    account's township, the round still a draft (PermissionDenied or DomainError otherwise)."""
    sheet = get_or_fail(session, EvaluationSheet, sheet_id, "评价表")
    rnd = session.get(EvaluationRound, sheet.round_id)
    org = session.get(Organization, sheet.org_id)
    access.require_in_scope(session, actor, org.path, f"“{org.name}”")
    if rnd.status is not RoundStatus.DRAFT:
        raise DomainError(f"该评价处于“{rnd.status.value}”状态，不能再记录{step}")
    if defns is None or rnd.id not in defns:
        defn = ev.definition_of(rnd.scheme)
        if defns is None:
            return sheet, defn
        defns[rnd.id] = defn
    return sheet, defns[rnd.id]


def _approval_values(defn: ev.Definition, step: str, decided_on: Any, body: str, outcome: ApprovalOutcome | str,
                     note: str | None, matter: str | None) -> dict[str, Any]:
    """The step's fields as entered, checked against the scheme (ValidationError otherwise); the
    matter put to the meeting (the year's targets, the 承诺 …) is required."""
    errors: list[FieldError] = []
    if step not in defn.approvals:
        errors.append(FieldError("环节", f"应为{'、'.join(defn.approvals) or '（该方案没有审议环节）'}之一"))
    on = _date(decided_on, "日期", errors)
    if not (body or "").strip():
        errors.append(FieldError("决定机关", "必填"))
    try:
        outcome = ApprovalOutcome(outcome)
    except ValueError:
        errors.append(FieldError("结果", "应为“同意”或“不同意”"))
    note = values.text(note)
    matter = values.text(matter)
    if not matter:
        errors.append(FieldError("商议事项", "必填：写明提交商议、审议的事项（如 年度工作目标、公开承诺）"))
    errors += lengths.field_errors(EvaluationApproval, {"note": note, "matter": matter},
                                   {"note": "说明", "matter": "商议事项"})
    if errors:
        raise ValidationError(errors)
    return {"decided_on": on, "body": body.strip()[:100], "outcome": outcome, "note": note, "matter": matter}


def _approval_order(session: Session, defn: ev.Definition, sheet_id: int, step: str, on: date
                    ) -> dict[str, EvaluationApproval]:
    """The sheet's steps recorded so far (step → record), once the step may follow them: steps in
    the scheme's order, the earlier one 同意 and not decided later than this one."""
    existing = {a.step: a for a in session.scalars(
        select(EvaluationApproval).where(EvaluationApproval.sheet_id == sheet_id))}
    index = defn.approvals.index(step)
    if index > 0:
        before = existing.get(defn.approvals[index - 1])
        if before is None or before.outcome is not ApprovalOutcome.AGREED:
            raise DomainError(f"须先经{defn.approvals[index - 1]}同意，才能{step}")
        if on < before.decided_on:
            raise ValidationError([FieldError("日期", f"早于{before.step}的日期{before.decided_on}")])
    return existing


def _write_approval(session: Session, actor: Actor, sheet_id: int, step: str, values_: dict[str, Any],
                    existing: dict[str, EvaluationApproval]) -> EvaluationApproval:
    """Record the step (one audit row); a step recorded again replaces the earlier record."""
    if step in existing:
        a = existing[step]
        apply_changes(session, actor, a, values_, "evaluation_approval", note=step)
        return a
    a = EvaluationApproval(sheet_id=sheet_id, step=step, **values_)
    created(session, actor, a, "evaluation_approval", f"{step}：{values_['outcome'].value}")
    return a


def record_approval(session: Session, actor: Actor, sheet_id: int, step: str, decided_on: Any, body: str,
                    outcome: ApprovalOutcome | str, note: str | None = None,
                    matter: str | None = None) -> EvaluationApproval:
    """One approval step of one cadre (date, body, 同意/不同意, note); steps in the scheme's order; a step
    recorded again replaces the earlier record (audited) while the round is a draft."""
    access.require(actor, access.Permission.EDIT_RECORDS)
    _sheet, defn = _approval_target(session, actor, sheet_id, step)
    values_ = _approval_values(defn, step, decided_on, body, outcome, note, matter)
    existing = _approval_order(session, defn, sheet_id, step, values_["decided_on"])
    return _write_approval(session, actor, sheet_id, step, values_, existing)


def _cadre_name(session: Session, sheet: EvaluationSheet) -> str:
    member = session.get(Member, sheet.member_id) if sheet.member_id else None
    return member.name if member is not None else sheet.person_name or f"评价表{sheet.id}"


class ApprovalsRecorded(list):
    """The approvals written; `refused`: the cadres left out with the reason (keep_valid only)."""

    refused: list[str]


def record_approvals(session: Session, actor: Actor, sheet_ids: list[int], step: str, decided_on: Any, body: str,
                     outcome: ApprovalOutcome | str, note: str | None = None, matter: str | None = None,
                     keep_valid: bool = False) -> ApprovalsRecorded:
    """One meeting's decision for several cadres at once (商议 or 审议 of a village's cadres, or a
    round's batch): the same step, date, body, result and note for each, under the rules of
    `record_approval`, one audit row per cadre. All or nothing: when any cadre may not have the step
    recorded (outside the account's township, the round past 草稿, the earlier step not 同意 or
    decided later), nothing is written and the message names every such cadre with the reason.
    keep_valid: the cadres that may have it are recorded, the others listed in `.refused`."""
    access.require(actor, access.Permission.EDIT_RECORDS)
    ids = list(dict.fromkeys(sheet_ids))
    if not ids:
        raise ValidationError([FieldError("村干部", "至少选择一名村干部")])
    defns: dict[int, ev.Definition] = {}
    checked: dict[int, dict[str, Any]] = {}  # one check of the fields per scheme
    ready: list[tuple[int, dict[str, Any], dict[str, EvaluationApproval]]] = []
    outside: list[str] = []
    refused: list[str] = []
    for sid in ids:
        try:
            sheet, defn = _approval_target(session, actor, sid, step, defns)
        except PermissionDenied:
            org = session.get(Organization, session.get(EvaluationSheet, sid).org_id)
            outside.append(f"“{org.name}”")  # who it is stays unsaid: not the account's township
            if keep_valid:
                refused.append(f"{org.name}的村干部：不在账号“{actor.name}”的范围内")
            continue
        except NotFound:
            raise
        except DomainError as exc:
            refused.append(f"“{_cadre_name(session, session.get(EvaluationSheet, sid))}”：{exc}")
            continue
        key = id(defn)
        if key not in checked:
            checked[key] = _approval_values(defn, step, decided_on, body, outcome, note, matter)
        values_ = checked[key]
        try:
            existing = _approval_order(session, defn, sid, step, values_["decided_on"])
        except ValidationError as exc:
            reason = "；".join(f"{e.field}{e.reason}" for e in exc.errors)
            refused.append(f"“{_cadre_name(session, sheet)}”：{reason}")
            continue
        except DomainError as exc:
            refused.append(f"“{_cadre_name(session, sheet)}”：{exc}")
            continue
        ready.append((sid, values_, existing))
    if outside and not keep_valid:
        tail = f"；本次{len(ids)}名村干部均未记录{step}" if len(ids) > 1 else ""
        raise PermissionDenied(f"账号“{actor.name}”只能处理本乡镇的数据，{'、'.join(dict.fromkeys(outside))}"
                               f"的村干部不在其范围内{tail}")
    if refused and not keep_valid:
        head = (f"{len(ids)}名村干部中有{len(refused)}名不能记录{step}，本次均未记录" if len(ids) > 1
                else f"不能记录{step}")
        raise DomainError(f"{head}：{ev.first_ten(refused, '名')}")
    done = ApprovalsRecorded(_write_approval(session, actor, sid, step, values_, existing)
                             for sid, values_, existing in ready)
    done.refused = refused
    return done


def approvals(session: Session, round_id: int) -> dict[int, dict[str, EvaluationApproval]]:
    """sheet id → {step: approval} for a round."""
    out: dict[int, dict[str, EvaluationApproval]] = defaultdict(dict)
    for a in session.scalars(select(EvaluationApproval).join(
            EvaluationSheet, EvaluationSheet.id == EvaluationApproval.sheet_id)
            .where(EvaluationSheet.round_id == round_id).order_by(EvaluationApproval.id)):
        out[a.sheet_id][a.step] = a
    return out


def posts_of(session: Session, member_ids: list[int], on: date) -> dict[int, str]:
    """member id → the posts held on `on`, "、"-joined (for the round's grid and workbook)."""
    out: dict[int, list[str]] = defaultdict(list)
    for mid, post in session.execute(select(CadrePost.member_id, CadrePost.post).where(
            CadrePost.member_id.in_(member_ids), CadrePost.start_on <= on,
            or_(CadrePost.end_on.is_(None), CadrePost.end_on >= on))):
        out[mid].append(post)
    return {k: "、".join(v) for k, v in out.items()}



def cadre_rounds(session: Session, actor: Actor) -> list[tuple[int, str]]:
    """(id, label) of the 双议双评 rounds with a village in the actor's scope, newest first."""
    access.require_read(actor)
    prefix = access.scope_path(session, actor)
    paths = dict(session.execute(select(Organization.id, Organization.path)).all()) if prefix else {}
    out = []
    for rnd in session.scalars(select(EvaluationRound).where(EvaluationRound.cadre_orgs.is_not(None))
                               .options(joinedload(EvaluationRound.scheme), joinedload(EvaluationRound.scope_org))
                               .order_by(EvaluationRound.id.desc())):
        villages = json.loads(rnd.cadre_orgs)
        if prefix is None or any(paths.get(v, "").startswith(prefix) for v in villages):
            out.append((rnd.id, f"{ev.round_label(rnd)} · {rnd.status.value}"))
    return out
