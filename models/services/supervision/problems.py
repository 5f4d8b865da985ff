"""Problems (问题) and their rectification: 待整改 → 整改中 → 待验收 → 已销号."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, contains_eager

from ...actor import Actor
from ...audit import AuditEntry
from ...errors import DomainError, FieldError, NotFound, ValidationError
from ...lengths import check_text
from ...org import Organization
from ...supervision import (
    Letter,
    LetterStatus,
    Problem,
    ProblemSource,
    ProblemStatus,
    Severity,
    letter_problem,
)
from ...values import past_date_error, same_text
from .. import access
from ..common import apply_changes, check_version, created, get_or_fail
from ..orgs import township_id_of_path
from .common import PROBLEM, categories, date_text, month_bounds, registered
from .deadlines import default_deadline
from .letters import change_draft
from .listings import issued_letter_listing


def _problems(session: Session, actor: Actor, *where: Any, order: Sequence[Any] = (),
              include_withdrawn: bool = False) -> list[Problem]:
    """Problems in force matching `where`, limited to the actor's township (withdrawn ones too
    when asked)."""
    access.require_read(actor)
    q = (select(Problem).join(Organization, Organization.id == Problem.org_id).where(*where)
         .options(contains_eager(Problem.org)))  # every caller shows the organization
    if not include_withdrawn:
        q = q.where(Problem.in_force)
    q = access.limit(session, actor, q, Organization.path)
    return list(session.scalars(q.order_by(*(order or (Problem.found_on, Problem.id)))))


def overdue_problems(session: Session, actor: Actor, today: date) -> list[Problem]:
    """Open problems past their 整改时限, in the actor's township."""
    return _problems(session, actor, Problem.status != ProblemStatus.CLOSED, Problem.deadline < today,
                     order=(Problem.deadline, Problem.id))


def list_problems(
    session: Session, actor: Actor, month: str | None = None, overdue_on: date | None = None,
    include_withdrawn: bool = False,
) -> list[Problem]:
    """`problem list`: every problem in force (or those found in `month`, or those overdue on
    `overdue_on`) in the actor's township; withdrawn ones too when asked (not among the overdue)."""
    where: list[Any] = []
    if month is not None:
        first, nxt = month_bounds(month)
        where += [Problem.found_on >= first, Problem.found_on < nxt]
    if overdue_on is not None:
        return [p for p in overdue_problems(session, actor, overdue_on)
                if month is None or p.found_on.strftime("%Y-%m") == month]
    return _problems(session, actor, *where, include_withdrawn=include_withdrawn)


PROBLEM_LABELS = {
    "found_on": "发现日期",
    "org_id": "党组织",
    "source": "来源",
    "category": "问题类别",
    "description": "问题描述",
    "severity": "严重程度",
    "deadline": "整改时限",
    "status": "状态",
    "report": "整改情况",
    "closed_on": "销号日期",
}


#: allowed moves of the rectification workflow (close_problem may pass through 待验收)
TRANSITIONS: dict[ProblemStatus, set[ProblemStatus]] = {
    ProblemStatus.OPEN: {ProblemStatus.IN_PROGRESS, ProblemStatus.AWAITING},
    ProblemStatus.IN_PROGRESS: {ProblemStatus.AWAITING},
    ProblemStatus.AWAITING: {ProblemStatus.IN_PROGRESS, ProblemStatus.CLOSED},
    ProblemStatus.CLOSED: set(),
}


def check_problem(session: Session, values: dict[str, Any], cats: list[str] | None = None) -> list[FieldError]:
    """Errors of a problem's fields (after parsing), each naming its column."""
    errors = []
    cats = categories(session) if cats is None else cats
    if values.get("org_id") is None:
        errors.append(FieldError("党组织", "必填"))
    if values.get("found_on") is None:
        errors.append(FieldError("发现日期", "必填"))
    elif past_date_error(values["found_on"]):
        errors.append(FieldError("发现日期", past_date_error(values["found_on"])))
    if values.get("source") is None:
        errors.append(FieldError("来源", "必填"))
    cat = values.get("category")
    if not cat:
        errors.append(FieldError("问题类别", "必填"))
    elif cat not in cats:
        errors.append(FieldError("问题类别", f"“{cat}”不在可选类别中（{'、'.join(cats)}）"))
    if not (values.get("description") or "").strip():
        errors.append(FieldError("问题描述", "必填"))
    found, deadline = values.get("found_on"), values.get("deadline")
    if found and deadline and deadline < found:
        errors.append(FieldError("整改时限", "早于发现日期"))
    status = values.get("status")
    if status == ProblemStatus.CLOSED:
        if not (values.get("report") or "").strip():
            errors.append(FieldError("整改情况", "销号时必须填写整改情况"))
        if values.get("closed_on") is None:
            errors.append(FieldError("销号日期", "销号时必须填写销号日期"))
        elif found and values["closed_on"] < found:
            errors.append(FieldError("销号日期", "早于发现日期"))
    elif values.get("closed_on") is not None:
        errors.append(FieldError("销号日期", "只有已销号的问题才有销号日期"))
    if status == ProblemStatus.AWAITING and not (values.get("report") or "").strip():
        errors.append(FieldError("整改情况", "提交验收时必须填写整改情况"))
    return errors


def same_problem(org_id: int | None, found_on: date | None, description: str | None) -> tuple:
    """What makes two problems “the same”, for the import and for every entry: one organization,
    one day found, the same description (models.values.same_text: width and spaces do not count)."""
    return (org_id, found_on, same_text(description))


def existing_problem(
    session: Session, org_id: int, found_on: date, description: str, other_than: int | None = None
) -> Problem | None:
    """The recorded problem that is the same as these values (see same_problem), or None. A
    withdrawn problem counts too: it is restored, not recorded again."""
    key = same_problem(org_id, found_on, description)
    rows = session.scalars(select(Problem).where(Problem.org_id == org_id, Problem.found_on == found_on)
                           .order_by(Problem.id))
    return next((p for p in rows if p.id != other_than
                 and same_problem(p.org_id, p.found_on, p.description) == key), None)


def _refuse_same_problem(session: Session, values: dict[str, Any], other_than: int | None = None) -> None:
    same = existing_problem(session, values["org_id"], values["found_on"], values["description"], other_than)
    if same is not None:
        org = same.org.short_name or same.org.name
        withdrawn = "，已撤销：可恢复这个问题，不必重新登记" if not same.in_force else ""
        raise ValidationError([FieldError(
            "问题描述", f"{org}{date_text(same.found_on)}已登记相同的问题“{same.description}”"
                       f"（编号{same.id}，{registered(session, PROBLEM, same.id)}{withdrawn}），不能重复登记")])


def create_problem(session: Session, actor: Actor, **values: Any) -> Problem:
    """Record a problem; 整改时限 defaults to found + 15 days (7 when 严重)."""
    access.require(actor, access.Permission.RECORD_FINDINGS)
    values.setdefault("severity", Severity.ORDINARY)
    values.setdefault("status", ProblemStatus.OPEN)
    if values.get("status") is None:
        values["status"] = ProblemStatus.OPEN
    if values.get("severity") is None:
        values["severity"] = Severity.ORDINARY
    if values.get("source") is None:
        values["source"] = ProblemSource.INSPECTION
    if values.get("deadline") is None and values.get("found_on") is not None:
        values["deadline"] = default_deadline(session, values["found_on"], values["severity"])
    errors = check_problem(session, values)
    if errors:
        raise ValidationError(errors)
    org = get_or_fail(session, Organization, values["org_id"], "党组织")
    access.require_in_scope(session, actor, org.path, f"“{org.name}”")
    _refuse_same_problem(session, values)
    if values["status"] == ProblemStatus.CLOSED and not values.get("verified_by"):
        values["verified_by"] = actor.name
    problem = Problem(**values)
    created(session, actor, problem, PROBLEM)
    return problem


CHANGE = access.Permission.CHANGE_FINDINGS
ACCEPT = access.Permission.ACCEPT_RECTIFICATION


def _step_duty(session: Session, problem_id: int, to: ProblemStatus) -> access.Permission:
    """The duty one step of the rectification workflow needs: 销号 and sending a problem back from
    待验收 are 验收 (the county's); the other steps are progress the township reports."""
    if to == ProblemStatus.CLOSED:
        return ACCEPT
    problem = session.get(Problem, problem_id)
    if problem is not None and problem.status == ProblemStatus.AWAITING:
        return ACCEPT
    return access.Permission.REPORT_PROGRESS


def _problem_for_write(session: Session, actor: Actor, problem_id: int, expected: int | None,
                       duty: access.Permission, withdrawn_ok: bool = False) -> Problem:
    access.require(actor, duty)
    try:
        problem = get_or_fail(session, Problem, problem_id, "问题")
    except NotFound:  # on the server another township's problem is not there to find
        access.refuse_hidden(session, actor, "该问题", table="problem", row_id=problem_id)
        raise
    access.require_in_scope(session, actor, problem.org.path, "该问题")
    check_version(problem, expected, "该问题")
    if not (withdrawn_ok or problem.in_force):
        raise DomainError(f"问题“{problem.description}”（编号{problem.id}）已撤销，如需办理请先恢复")
    return problem


def _refuse_once_issued(session: Session, problem: Problem, doing: str) -> None:
    """The facts of a problem are the clerk's until a letter listing it has gone out."""
    sent = issued_letter_listing(session, problem.id)
    if sent is not None:
        raise DomainError(f"该问题已列入已签发的{sent.kind.value}{sent.number}，不能再{doing}，"
                          "只能通过整改流程（推进整改、验收销号）办理")


#: what may still change once a letter listing the problem has gone out (with a reason)
ADJUSTABLE = frozenset({"severity", "deadline"})


def update_problem(
    session: Session, actor: Actor, problem_id: int, expected_version: int | None = None,
    reason: str | None = None, **changes: Any
) -> Problem:
    """Edit the facts of a problem until it is listed in an issued letter (its status: see
    move_problem / close_problem). After a letter has gone out only its severity and deadline may
    change, by the county, with a reason: audited as “adjust” and listed in the month's report
    (docs/roles-and-duties.md)."""
    problem = _problem_for_write(session, actor, problem_id, expected_version, CHANGE)
    if problem.status == ProblemStatus.CLOSED:
        raise DomainError("问题已销号，不能再修改")
    sent = issued_letter_listing(session, problem.id)
    reason = (reason or "").strip() or None
    if sent is not None:
        if not set(changes) <= ADJUSTABLE:
            _refuse_once_issued(session, problem, "修改问题的党组织、类别或描述")
        if reason is None:
            raise ValidationError([FieldError("调整原因", f"该问题已列入已签发的{sent.kind.value}{sent.number}，"
                                                      "调整严重程度或整改时限须写明原因")])
        check_text(AuditEntry, "note", reason, "调整原因")
    for key in ("status", "closed_on", "verified_by"):
        if key in changes:
            raise DomainError("问题的状态请通过整改流程变更")
    merged = {k: getattr(problem, k) for k in PROBLEM_LABELS} | changes
    errors = check_problem(session, merged)
    if errors:
        raise ValidationError(errors)
    if "org_id" in changes:
        org = get_or_fail(session, Organization, changes["org_id"], "党组织")
        access.require_in_scope(session, actor, org.path, f"“{org.name}”")
    if same_problem(merged["org_id"], merged["found_on"], merged["description"]) != same_problem(
            problem.org_id, problem.found_on, problem.description):
        _refuse_same_problem(session, merged, other_than=problem.id)
    apply_changes(session, actor, problem, changes, PROBLEM, "adjust" if sent is not None else "update",
                  reason)
    if "org_id" in changes:
        _leave_other_townships_drafts(session, actor, problem)
    return problem


def _leave_drafts(session: Session, actor: Actor, problem: Problem, *where: Any) -> None:
    """Take the problem out of the drafts listing it (those matching `where`); a draft left with
    no problem stays a draft, which cannot be issued until it lists one (or is voided)."""
    drafts = session.scalars(
        select(Letter).join(letter_problem, letter_problem.c.letter_id == Letter.id)
        .where(letter_problem.c.problem_id == problem.id, Letter.status == LetterStatus.DRAFT, *where)
    ).all()
    for letter in drafts:
        change_draft(session, actor, letter, problem_ids=[p.id for p in letter.problems if p.id != problem.id])


def _leave_other_townships_drafts(session: Session, actor: Actor, problem: Problem) -> None:
    """A problem moved to another township leaves the drafts addressed to the old one (the next
    drafting puts it in its new township's letter)."""
    session.refresh(problem, ["org"])
    _leave_drafts(session, actor, problem, Letter.recipient_id != township_id_of_path(problem.org.path))


def withdrawable(session: Session, actor: Actor, problem_id: int) -> Problem:
    """The problem, once this account may withdraw it (DomainError saying why not otherwise): the
    window asks before it asks for the reason."""
    problem = _problem_for_write(session, actor, problem_id, None, CHANGE, withdrawn_ok=True)
    if not problem.in_force:
        raise DomainError(f"问题“{problem.description}”（编号{problem.id}）已于{date_text(problem.withdrawn_on)}撤销")
    _refuse_once_issued(session, problem, "撤销")
    return problem


def withdraw_problem(
    session: Session, actor: Actor, problem_id: int, reason: str, expected_version: int | None = None,
    on: date | None = None,
) -> Problem:
    """撤销: a problem recorded by mistake (wrong organization, a duplicate, the wrong month) is
    kept on record but leaves the drafts, the letters to come, the lights and the statistics;
    only until a letter listing it has gone out (as update_problem). Undo: restore_problem."""
    problem = withdrawable(session, actor, problem_id)
    check_version(problem, expected_version, "该问题")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError([FieldError("撤销原因", "必填")])
    check_text(AuditEntry, "note", reason, "撤销原因")
    apply_changes(session, actor, problem, {"withdrawn_on": on or date.today()}, PROBLEM, "withdraw", reason)
    _leave_drafts(session, actor, problem)
    return problem


def restore_problem(session: Session, actor: Actor, problem_id: int, reason: str = "") -> Problem:
    """Undo 撤销: the problem counts again (the next drafting lists it, if still unsupervised)."""
    problem = _problem_for_write(session, actor, problem_id, None, CHANGE, withdrawn_ok=True)
    if problem.in_force:
        raise DomainError(f"问题“{problem.description}”（编号{problem.id}）没有撤销，无需恢复")
    reason = (reason or "").strip()
    check_text(AuditEntry, "note", reason, "恢复原因")
    apply_changes(session, actor, problem, {"withdrawn_on": None}, PROBLEM, "restore", reason or None)
    return problem


def move_problem(
    session: Session,
    actor: Actor,
    problem_id: int,
    to: ProblemStatus,
    report: str | None = None,
    verifier: str | None = None,
    on: date | None = None,
    expected_version: int | None = None,
) -> Problem:
    """One step of 待整改 → 整改中 → 待验收 → 已销号 (待验收 may go back to 整改中). The township
    reports progress up to 待验收; 验收 (closing, or sending back from 待验收) is the county's."""
    problem = _problem_for_write(session, actor, problem_id, expected_version, _step_duty(session, problem_id, to))
    if to not in TRANSITIONS[problem.status]:
        raise DomainError(f"问题状态不能从“{problem.status.value}”改为“{to.value}”")
    changes: dict[str, Any] = {"status": to}
    if report is not None:
        changes["report"] = report.strip() or None
    if to == ProblemStatus.AWAITING and not (changes.get("report") or problem.report):
        raise ValidationError([FieldError("整改情况", "提交验收时必须填写整改情况")])
    if to == ProblemStatus.CLOSED:
        errors = []
        if not (changes.get("report") or problem.report):
            errors.append(FieldError("整改情况", "销号时必须填写整改情况"))
        if not (verifier or "").strip():
            errors.append(FieldError("验收人", "销号时必须填写验收人"))
        closed_on = on or date.today()
        if closed_on < problem.found_on:
            errors.append(FieldError("销号日期", "早于发现日期"))
        if errors:
            raise ValidationError(errors)
        changes["verified_by"] = verifier.strip()
        changes["closed_on"] = closed_on
    apply_changes(session, actor, problem, changes, PROBLEM, "status")
    return problem


def close_problem(
    session: Session,
    actor: Actor,
    problem_id: int,
    report: str,
    verifier: str,
    on: date | None = None,
    expected_version: int | None = None,
) -> Problem:
    """Record the rectification report and the verification: 销号 (through 待验收 if needed)."""
    problem = _problem_for_write(session, actor, problem_id, expected_version, ACCEPT)
    if problem.status == ProblemStatus.CLOSED:
        raise DomainError(f"问题已于{date_text(problem.closed_on)}销号")
    if not (report or "").strip():
        raise ValidationError([FieldError("整改情况", "销号时必须填写整改情况")])
    if not (verifier or "").strip():
        raise ValidationError([FieldError("验收人", "销号时必须填写验收人")])
    check_text(Problem, "verified_by", verifier.strip(), "验收人")
    if problem.status != ProblemStatus.AWAITING:
        move_problem(session, actor, problem_id, ProblemStatus.AWAITING, report=report)
    return move_problem(session, actor, problem_id, ProblemStatus.CLOSED, report=report,
                        verifier=verifier, on=on)


def problems_by_ids(session: Session, actor: Actor, ids: Iterable[int]) -> list[Problem]:
    return _problems(session, actor, Problem.id.in_(list(ids)))


def problems_found(session: Session, actor: Actor, month: str, include_withdrawn: bool = False) -> list[Problem]:
    first, nxt = month_bounds(month)
    return _problems(session, actor, Problem.found_on >= first, Problem.found_on < nxt,
                     include_withdrawn=include_withdrawn)
