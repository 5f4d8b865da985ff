"""The 三函 supervision cycle: tasks, problems and their rectification, letters from draft to 办结.

The drafting rules are contract.md's "Letter rules"; letter numbers are taken from
`LetterSequence` under a row lock so that two clerks issuing at once never share or skip one.
"""

from __future__ import annotations

import string
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from importlib import resources
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from ..actor import Actor
from ..audit import record
from ..enums import OrgStatus
from ..errors import DomainError, FieldError, NotFound, PermissionDenied, ValidationError
from ..lengths import check_text
from ..org import Organization
from ..settings import get_setting, set_setting
from ..supervision import (
    KIND_CHAR,
    SENT_STATUSES,
    Letter,
    LetterKind,
    LetterSequence,
    LetterStatus,
    MonthTask,
    Problem,
    ProblemSource,
    ProblemStatus,
    Severity,
    WarningConsequence,
    letter_problem,
    letter_task,
)
from ..values import past_date_error
from . import access
from .common import apply_changes, check_version, created, get_or_fail
from .orgs import county_root, township_id_of_path, townships

TASK, PROBLEM, LETTER = "month_task", "problem", "letter"

# ---------------------------------------------------------------- settings and small rules


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


def default_deadline(session: Session, found_on: date, severity: Severity) -> date:
    """15 days after it was found, 7 days when 严重 (settings)."""
    key = "problem_deadline_days_serious" if severity == Severity.SERIOUS else "problem_deadline_days"
    return found_on + timedelta(days=int_setting(session, key))


def supervision_days(session: Session, severity: Severity) -> int:
    """The days a 督办函 gives from its issue date: 15, 7 when 严重 (settings; at least 1)."""
    key = "supervision_deadline_days_serious" if severity == Severity.SERIOUS else "supervision_deadline_days"
    return max(1, int_setting(session, key))


def supervised_deadline(session: Session, problem: Problem, issued_on: date) -> date:
    """The 整改时限 a 督办函 issued on `issued_on` gives a problem it lists for the first time:
    the later of the problem's own deadline and the issue date + 15 days (7 when 严重)."""
    return max(problem.deadline, issued_on + timedelta(days=supervision_days(session, problem.severity)))


def supervision_thresholds(session: Session) -> tuple[int, int]:
    """(一般, 严重): a township's unsupervised problems call for a 督办函 when either count is reached."""
    return (max(1, int_setting(session, "supervision_min_ordinary")),
            max(1, int_setting(session, "supervision_min_serious")))


def reaches_threshold(problems: Iterable[Problem], thresholds: tuple[int, int]) -> bool:
    ordinary = serious = 0
    for p in problems:
        if p.severity == Severity.SERIOUS:
            serious += 1
        else:
            ordinary += 1
    return ordinary >= thresholds[0] or serious >= thresholds[1]


class Light:
    YELLOW = "黄"
    ORANGE = "橙"
    RED = "红"


def light(
    deadline: date | None, closed: bool, today: date, yellow_days: int = 7, orange_days: int = 3
) -> str | None:
    """None, 黄 (due within 7 days), 橙 (within 3 days) or 红 (overdue) for an open item."""
    if closed or deadline is None:
        return None
    left = (deadline - today).days
    if left < 0:
        return Light.RED
    if left <= orange_days:
        return Light.ORANGE
    if left <= yellow_days:
        return Light.YELLOW
    return None


def light_days(session: Session) -> tuple[int, int]:
    return int_setting(session, "light_yellow_days"), int_setting(session, "light_orange_days")


def is_overdue(problem: Problem, today: date) -> bool:
    return problem.status != ProblemStatus.CLOSED and problem.deadline < today


def _problems(session: Session, actor: Actor, *where: Any, order: Sequence[Any] = ()) -> list[Problem]:
    """Problems matching `where`, limited to the actor's township."""
    access.require_read(actor)
    q = select(Problem).join(Organization, Organization.id == Problem.org_id).where(*where)
    q = access.limit(session, actor, q, Organization.path)
    return list(session.scalars(q.order_by(*(order or (Problem.found_on, Problem.id)))))


def overdue_problems(session: Session, actor: Actor, today: date) -> list[Problem]:
    """Open problems past their 整改时限, in the actor's township."""
    return _problems(session, actor, Problem.status != ProblemStatus.CLOSED, Problem.deadline < today,
                     order=(Problem.deadline, Problem.id))


def list_problems(
    session: Session, actor: Actor, month: str | None = None, overdue_on: date | None = None
) -> list[Problem]:
    """`problem list`: every problem (or those found in `month`, or those overdue on
    `overdue_on`) in the actor's township."""
    where: list[Any] = []
    if month is not None:
        first, nxt = month_bounds(month)
        where += [Problem.found_on >= first, Problem.found_on < nxt]
    if overdue_on is not None:
        return [p for p in overdue_problems(session, actor, overdue_on)
                if month is None or p.found_on.strftime("%Y-%m") == month]
    return _problems(session, actor, *where)


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


def require_issuer(actor: Actor) -> None:
    """Who may number and issue letters: county accounts with 签发三函."""
    _require_county_writer(actor, access.Permission.ISSUE_LETTERS)


def _require_county_writer(actor: Actor, permission: access.Permission = access.WRITE) -> None:
    access.require(actor, permission)
    if actor.scope_org_id is not None:
        raise PermissionDenied(f"账号“{actor.name}”只能处理本乡镇的数据，三函由县委组织部办理")


# ---------------------------------------------------------------- month tasks

TASK_LABELS = {
    "month": "月份",
    "title": "工作任务",
    "content": "主要内容",
    "requirements": "有关要求",
    "due_on": "完成时限",
    "archive": "存档目录",
    "scope": "适用范围",
}


def _check_task(values: dict[str, Any]) -> list[FieldError]:
    errors = []
    if not values.get("month"):
        errors.append(FieldError("月份", "必填"))
    else:
        try:
            month_bounds(values["month"])
        except DomainError as exc:
            errors.append(FieldError("月份", str(exc)))
    if not (values.get("title") or "").strip():
        errors.append(FieldError("工作任务", "必填"))
    return errors


def _scope_orgs(session: Session, scope_ids: Sequence[int] | None) -> list[Organization]:
    if not scope_ids:
        return []
    root = county_root(session)
    orgs = []
    for oid in scope_ids:
        org = get_or_fail(session, Organization, oid, "党组织")
        if org.parent_id != root.id:
            raise ValidationError([FieldError("适用范围", f"“{org.name}”不是乡镇（街道）党委")])
        orgs.append(org)
    return orgs


def create_task(
    session: Session, actor: Actor, *, scope_ids: Sequence[int] | None = None, **values: Any
) -> MonthTask:
    """A month task for every township-level committee (scope_ids empty) or for those listed."""
    _require_county_writer(actor)
    errors = _check_task(values)
    if errors:
        raise ValidationError(errors)
    orgs = _scope_orgs(session, scope_ids)
    task = MonthTask(**values, all_townships=not orgs)
    task.scope = orgs
    created(session, actor, task, TASK)
    if orgs:
        record(session, actor.name, "scope", TASK, task.id, {"scope": [None, [o.name for o in orgs]]})
    return task


def update_task(
    session: Session,
    actor: Actor,
    task_id: int,
    expected_version: int | None = None,
    scope_ids: Sequence[int] | None = None,
    **changes: Any,
) -> MonthTask:
    _require_county_writer(actor)
    task = get_or_fail(session, MonthTask, task_id, "月度任务")
    check_version(task, expected_version, f"月度任务“{task.title}”")
    merged = {k: getattr(task, k) for k in ("month", "title")} | changes
    errors = _check_task(merged)
    if errors:
        raise ValidationError(errors)
    if scope_ids is not None:
        orgs = _scope_orgs(session, scope_ids)
        old = [o.name for o in task.scope]
        task.scope = orgs
        changes["all_townships"] = not orgs
        if old != [o.name for o in orgs]:
            record(session, actor.name, "scope", TASK, task.id, {"scope": [old, [o.name for o in orgs]]})
    apply_changes(session, actor, task, changes, TASK)
    return task


def withdraw_task(session: Session, actor: Actor, task_id: int, reason: str = "") -> MonthTask:
    """Nothing is deleted: a task withdrawn is no longer drafted into reminders."""
    _require_county_writer(actor)
    task = get_or_fail(session, MonthTask, task_id, "月度任务")
    apply_changes(session, actor, task, {"withdrawn": True}, TASK, "withdraw", reason or None)
    return task


def month_tasks(session: Session, month: str) -> list[MonthTask]:
    return list(
        session.scalars(
            select(MonthTask)
            .where(MonthTask.month == month, MonthTask.withdrawn.is_(False))
            .order_by(MonthTask.id)
        )
    )


def month_task(session: Session, task_id: int) -> MonthTask:
    return get_or_fail(session, MonthTask, task_id, "月度任务")


def task_townships(task: MonthTask, all_townships: list[Organization]) -> list[Organization]:
    return list(all_townships) if task.all_townships else list(task.scope)


# ---------------------------------------------------------------- problems

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


def create_problem(session: Session, actor: Actor, **values: Any) -> Problem:
    """Record a problem; 整改时限 defaults to found + 15 days (7 when 严重)."""
    access.require(actor, access.WRITE)
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
    if values["status"] == ProblemStatus.CLOSED and not values.get("verified_by"):
        values["verified_by"] = actor.name
    problem = Problem(**values)
    created(session, actor, problem, PROBLEM)
    return problem


def _problem_for_write(session: Session, actor: Actor, problem_id: int, expected: int | None) -> Problem:
    access.require(actor, access.WRITE)
    problem = get_or_fail(session, Problem, problem_id, "问题")
    access.require_in_scope(session, actor, problem.org.path, "该问题")
    check_version(problem, expected, "该问题")
    return problem


def update_problem(
    session: Session, actor: Actor, problem_id: int, expected_version: int | None = None, **changes: Any
) -> Problem:
    """Edit the facts of a problem until it is listed in an issued letter (its status: see
    move_problem / close_problem; after a letter has gone out only the rectification workflow)."""
    problem = _problem_for_write(session, actor, problem_id, expected_version)
    if problem.status == ProblemStatus.CLOSED:
        raise DomainError("问题已销号，不能再修改")
    sent = issued_letter_listing(session, problem.id)
    if sent is not None:
        raise DomainError(f"该问题已列入已签发的{sent.kind.value}{sent.number}，不能再修改，"
                          "只能通过整改流程（推进整改、验收销号）办理")
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
    apply_changes(session, actor, problem, changes, PROBLEM)
    if "org_id" in changes:
        _leave_other_townships_drafts(session, actor, problem)
    return problem


def _leave_other_townships_drafts(session: Session, actor: Actor, problem: Problem) -> None:
    """A problem moved to another township leaves the drafts addressed to the old one (the next
    drafting puts it in its new township's letter)."""
    session.refresh(problem, ["org"])
    tid = township_id_of_path(problem.org.path)
    drafts = session.scalars(
        select(Letter).join(letter_problem, letter_problem.c.letter_id == Letter.id)
        .where(letter_problem.c.problem_id == problem.id, Letter.status == LetterStatus.DRAFT,
               Letter.recipient_id != tid)
    ).all()
    for letter in drafts:
        update_draft(session, actor, letter.id, problem_ids=[p.id for p in letter.problems if p.id != problem.id])


def issued_letter_listing(session: Session, problem_id: int) -> Letter | None:
    """The first letter that has gone out (signed, not voided) listing the problem, or None."""
    return session.scalar(
        select(Letter)
        .join(letter_problem, letter_problem.c.letter_id == Letter.id)
        .where(letter_problem.c.problem_id == problem_id, Letter.status.in_(SENT_STATUSES))
        .order_by(Letter.issued_on, Letter.id)
        .limit(1)
    )


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
    """One step of 待整改 → 整改中 → 待验收 → 已销号 (待验收 may go back to 整改中)."""
    problem = _problem_for_write(session, actor, problem_id, expected_version)
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
    problem = _problem_for_write(session, actor, problem_id, expected_version)
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


def problems_found(session: Session, actor: Actor, month: str) -> list[Problem]:
    first, nxt = month_bounds(month)
    return _problems(session, actor, Problem.found_on >= first, Problem.found_on < nxt)


def unsupervised_problems(session: Session, month: str, supervised: Iterable[int] | None = None) -> list[Problem]:
    """Problems a 督办函 of the month may list: found in the month, or found earlier and still
    open (left below the threshold), and not listed in any 督办函 that is not voided."""
    first, nxt = month_bounds(month)
    if supervised is None:
        supervised = _linked(session, letter_problem, letter_problem.c.problem_id, LetterKind.SUPERVISION)
    done = set(supervised)
    rows = session.scalars(
        select(Problem)
        .where(Problem.found_on < nxt,
               or_(Problem.found_on >= first, Problem.status != ProblemStatus.CLOSED))
        .order_by(Problem.found_on, Problem.id)
    )
    return [p for p in rows if p.id not in done]


# ---------------------------------------------------------------- letter templates

TEMPLATE_FILES = {
    LetterKind.REMINDER: "reminder.txt",
    LetterKind.SUPERVISION: "supervision.txt",
    LetterKind.WARNING: "warning.txt",
}
PLACEHOLDERS = ("county", "agency", "month", "township", "count", "deadline", "as_of", "year",
                "deduction", "interview_count", "supervision")


def template_key(kind: LetterKind) -> str:
    return f"letter_template_{kind.name.lower()}"


def default_template(kind: LetterKind) -> str:
    return resources.files("resources.letters").joinpath(TEMPLATE_FILES[kind]).read_text("utf-8")


def get_template(session: Session, kind: LetterKind) -> str:
    """The administrator's wording if set, else the default of resources/letters/."""
    try:
        text = get_setting(session, template_key(kind))
    except KeyError:
        text = ""
    return text if text.strip() else default_template(kind)


def set_template(session: Session, actor: Actor, kind: LetterKind, text: str | None) -> None:
    """Store the wording of a kind (None or empty: back to the default)."""
    access.require(actor, access.Permission.MANAGE_SETTINGS)
    text = (text or "").strip()
    if text:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if len(lines) < 2:
            raise ValidationError([FieldError("模板", "第一行为标题，其后至少一段正文")])
        try:
            string.Template(text).substitute({k: "x" for k in PLACEHOLDERS})
        except (KeyError, ValueError) as exc:
            raise ValidationError([FieldError("模板", f"无法识别的占位符：{exc}")]) from None
    old = get_template(session, kind)
    key = template_key(kind)
    set_setting(session, key, text + "\n" if text else "")  # empty: the default wording
    record(session, actor.name, "update", "setting", None, {key: [old, text or None]}, "三函模板")


def fill_template(template: str, values: dict[str, Any]) -> tuple[str, str]:
    """(title, body) from a template and its values."""
    filled = string.Template(template).safe_substitute({k: str(v) for k, v in values.items()})
    lines = [ln.strip() for ln in filled.splitlines() if ln.strip()]
    if not lines:
        return "", ""
    return lines[0], "\n".join(lines[1:])


# ---------------------------------------------------------------- drafting


@dataclass
class _Wording:
    county: str
    agency: str
    reply_days: int
    deduction: str
    interview_count: int


def _wording(session: Session) -> _Wording:
    return _Wording(
        county=get_setting(session, "county_name"),
        agency=get_setting(session, "agency_name"),
        reply_days=int_setting(session, "letter_reply_days"),
        deduction=get_setting(session, "warning_deduction"),
        interview_count=int_setting(session, "warning_interview_count"),
    )


def render_letter_text(session: Session, letter: Letter, w: _Wording | None = None) -> None:
    """Fill the title and body from the kind's template (unless a clerk edited them)."""
    if letter.edited:
        return
    w = w or _wording(session)
    start = letter.issued_on or letter.as_of or date.today()
    deadline = letter.reply_deadline or start + timedelta(days=w.reply_days)
    count = len(letter.tasks) if letter.kind == LetterKind.REMINDER else len(letter.problems)
    values = {
        "county": w.county,
        "agency": w.agency,
        "month": month_text(letter.month),
        "township": letter.recipient.name if letter.recipient else "",
        "count": count,
        "deadline": date_text(deadline),
        "as_of": date_text(letter.as_of or start),
        "year": (letter.issued_on or start).year,
        "deduction": w.deduction,
        "interview_count": w.interview_count,
        "supervision": "",
    }
    if letter.kind == LetterKind.WARNING:
        followed = supervision_letters_of(session, [p.id for p in letter.problems])
        values["supervision"] = supervision_reference(followed.values()) or "工作督办函"
    letter.title, letter.body = fill_template(get_template(session, letter.kind), values)


def supervision_letters_of(session: Session, problem_ids: Iterable[int]) -> dict[int, Letter]:
    """problem id → the 督办函 (signed, not voided) that first listed it; a 预警函 follows it."""
    ids = [i for i in problem_ids if i is not None]
    if not ids:
        return {}
    rows = session.execute(
        select(letter_problem.c.problem_id, Letter)
        .join(Letter, Letter.id == letter_problem.c.letter_id)
        .where(Letter.kind == LetterKind.SUPERVISION, Letter.status.in_(SENT_STATUSES),
               letter_problem.c.problem_id.in_(ids))
        .order_by(Letter.issued_on, Letter.id)
    ).all()
    out: dict[int, Letter] = {}
    for pid, letter in rows:
        out.setdefault(pid, letter)
    return out


def supervision_reference(letters: Iterable[Letter]) -> str:
    """《关于……的工作督办函》（某组督〔2026〕3号）, several joined by 、, in number order."""
    unique = {x.id: x for x in letters}.values()
    ordered = sorted(unique, key=lambda x: (x.year or 0, x.seq or 0, x.id))
    return "、".join(f"《{x.title}》（{x.number}）" for x in ordered)


def planned_issue_date(letter: Letter, on: date | None = None) -> date:
    """The day a letter was issued; for a draft `on` (the day it would be issued), else the day it
    was drafted for (its as-of date), else today."""
    return letter.issued_on or on or letter.as_of or date.today()


def letter_deadlines(session: Session, letter: Letter, on: date | None = None) -> dict[int, date]:
    """problem id → the 整改时限 the letter prints. An issued letter: the problem's deadline (set
    when the 督办函 was issued). A draft 督办函: the deadline it would give if issued on
    `planned_issue_date(letter, on)`; problems already supervised elsewhere keep theirs."""
    if letter.kind != LetterKind.SUPERVISION or letter.status != LetterStatus.DRAFT:
        return {p.id: p.deadline for p in letter.problems}
    planned = planned_issue_date(letter, on)
    already = supervision_letters_of(session, [p.id for p in letter.problems])
    return {p.id: p.deadline if p.id in already else supervised_deadline(session, p, planned)
            for p in letter.problems}


def _linked(session: Session, link, column, kind: LetterKind) -> dict[int, set[int]]:
    """item id → recipient ids of non-voided letters of a kind that list it."""
    rows = session.execute(
        select(column, Letter.recipient_id)
        .join(Letter, Letter.id == link.c.letter_id)
        .where(Letter.kind == kind, Letter.status != LetterStatus.VOID)
    ).all()
    out: dict[int, set[int]] = defaultdict(set)
    for item, recipient in rows:
        out[item].add(recipient)
    return out


def _draft_for(session: Session, kind: LetterKind, month: str, recipient_id: int) -> Letter | None:
    return session.scalar(
        select(Letter)
        .where(
            Letter.kind == kind,
            Letter.month == month,
            Letter.recipient_id == recipient_id,
            Letter.status == LetterStatus.DRAFT,
        )
        .order_by(Letter.id)
        .limit(1)
    )


def _put_draft(
    session: Session,
    actor: Actor,
    kind: LetterKind,
    month: str,
    as_of: date,
    township: Organization,
    tasks: list[MonthTask],
    problems: list[Problem],
    w: _Wording,
) -> tuple[Letter, bool]:
    """Add items to the month's draft of that kind for the township, or start one: (letter, new)."""
    letter = _draft_for(session, kind, month, township.id)
    new = letter is None
    if new:
        letter = Letter(kind=kind, month=month, as_of=as_of, recipient=township,
                        recipient_id=township.id, copies=get_setting(session, "letter_copies") or None,
                        title="", body="", status=LetterStatus.DRAFT)
        letter.tasks = list(tasks)
        letter.problems = list(problems)
        render_letter_text(session, letter, w)
        created(session, actor, letter, LETTER, "起草")
    else:
        letter.tasks = sorted({*letter.tasks, *tasks}, key=lambda t: t.id)
        letter.problems = sorted({*letter.problems, *problems}, key=lambda p: (p.found_on, p.id))
        old_title, old_body = letter.title, letter.body
        if kind == LetterKind.WARNING:
            letter.as_of = max(as_of, letter.as_of or as_of)
        render_letter_text(session, letter, w)
        new_title, new_body = letter.title, letter.body
        letter.title, letter.body = old_title, old_body
        apply_changes(session, actor, letter, {"title": new_title, "body": new_body}, LETTER,
                      "redraft", f"补充{len(tasks) + len(problems)}项")
    record(session, actor.name, "link", LETTER, letter.id,
           {"tasks": [None, [t.id for t in tasks]]} if tasks else {"problems": [None, [p.id for p in problems]]})
    return letter, new


def draft_letters(
    session: Session, actor: Actor, month: str, as_of: date | None = None
) -> list[Letter]:
    """The month's drafts by contract.md's letter rules; returns the drafts created or extended.

    `as_of` (default: today, or the last day of a past month) decides which problems are overdue.
    Idempotent: an item already listed in a non-voided letter of its kind (to its township)
    is not drafted again, so a second run creates nothing. Items newly due join the
    township's existing draft of that kind and month, if there is one.
    """
    _require_county_writer(actor)
    _first, nxt = month_bounds(month)
    # by default the day the rules are applied is today, or the month's last day for a past month
    as_of = as_of or min(date.today(), nxt - timedelta(days=1))
    w = _wording(session)
    towns = townships(session)
    by_id = {t.id: t for t in towns}
    touched: list[Letter] = []

    # 提示函: one per township in the tasks' scope, listing its tasks
    listed = _linked(session, letter_task, letter_task.c.task_id, LetterKind.REMINDER)
    due: dict[int, list[MonthTask]] = defaultdict(list)
    for task in month_tasks(session, month):
        for town in task_townships(task, towns):
            if town.status == OrgStatus.ACTIVE and town.id not in listed.get(task.id, ()):
                due[town.id].append(task)
    for tid in sorted(due):
        town = by_id.get(tid) or session.get(Organization, tid)
        touched.append(_put_draft(session, actor, LetterKind.REMINDER, month, as_of, town, due[tid], [], w)[0])

    # 督办函: problems found in the month (and open ones left from earlier months below the
    # threshold) not yet listed in any 督办函, for a township whose count reaches the threshold
    supervised = _linked(session, letter_problem, letter_problem.c.problem_id, LetterKind.SUPERVISION)
    thresholds = supervision_thresholds(session)
    found: dict[int, list[Problem]] = defaultdict(list)
    for problem in unsupervised_problems(session, month, supervised):
        tid = township_id_of_path(problem.org.path)
        if tid in by_id:
            found[tid].append(problem)
    for tid in sorted(found):
        has_draft = _draft_for(session, LetterKind.SUPERVISION, month, tid) is not None
        if has_draft or reaches_threshold(found[tid], thresholds):
            touched.append(_put_draft(session, actor, LetterKind.SUPERVISION, month, as_of, by_id[tid], [],
                                      found[tid], w)[0])

    # 预警函: problems of an issued 督办函 past their deadline at as_of and not closed by then
    warned = _linked(session, letter_problem, letter_problem.c.problem_id, LetterKind.WARNING)
    supervised_issued = (
        select(letter_problem.c.problem_id)
        .join(Letter, Letter.id == letter_problem.c.letter_id)
        .where(
            Letter.kind == LetterKind.SUPERVISION,
            Letter.status.in_(SENT_STATUSES),
            Letter.issued_on <= as_of,
        )
    )
    late = session.scalars(
        select(Problem)
        .where(
            Problem.id.in_(supervised_issued),
            Problem.deadline < as_of,
            or_(Problem.closed_on.is_(None), Problem.closed_on > as_of),
        )
        .order_by(Problem.found_on, Problem.id)
    )
    overdue: dict[int, list[Problem]] = defaultdict(list)
    for problem in late:
        if problem.id in warned:
            continue
        tid = township_id_of_path(problem.org.path)
        if tid in by_id:
            overdue[tid].append(problem)
    for tid in sorted(overdue):
        touched.append(_put_draft(session, actor, LetterKind.WARNING, month, as_of, by_id[tid], [], overdue[tid], w)[0])
    session.flush()
    return touched


# ---------------------------------------------------------------- editing drafts


def _letter_for_write(session: Session, actor: Actor, letter_id: int, expected: int | None,
                      permission: access.Permission = access.WRITE) -> Letter:
    _require_county_writer(actor, permission)
    letter = get_or_fail(session, Letter, letter_id, "函件")
    check_version(letter, expected, f"函件“{letter_label(letter)}”")
    return letter


def letter_label(letter: Letter) -> str:
    return letter.number or f"{letter.kind.value}草稿{letter.id}"


def update_draft(
    session: Session,
    actor: Actor,
    letter_id: int,
    expected_version: int | None = None,
    *,
    title: str | None = None,
    body: str | None = None,
    recipient_id: int | None = None,
    copies: str | None = None,
    task_ids: Iterable[int] | None = None,
    problem_ids: Iterable[int] | None = None,
) -> Letter:
    """Change a draft: wording, recipient, copies, which tasks or problems it lists."""
    letter = _letter_for_write(session, actor, letter_id, expected_version)
    if letter.status != LetterStatus.DRAFT:
        raise DomainError(
            f"函件“{letter_label(letter)}”{letter.status.value}，不能修改（只能登记反馈、办结或作废）"
        )
    changes: dict[str, Any] = {}
    if title is not None:
        if not title.strip():
            raise ValidationError([FieldError("标题", "必填")])
        changes["title"] = title.strip()
    if body is not None:
        changes["body"] = "\n".join(p.strip() for p in body.splitlines() if p.strip())
    if copies is not None:
        changes["copies"] = "、".join(c.strip() for c in copies.replace("，", "、").split("、") if c.strip()) or None
    if recipient_id is not None and recipient_id != letter.recipient_id:
        org = get_or_fail(session, Organization, recipient_id, "主送单位")
        if org.parent_id != county_root(session).id:
            raise ValidationError([FieldError("主送", f"“{org.name}”不是乡镇（街道）党委")])
        changes["recipient_id"] = recipient_id
    links: dict[str, list[Any]] = {}
    if task_ids is not None:
        tasks = [get_or_fail(session, MonthTask, i, "月度任务") for i in task_ids]
        links["tasks"] = [[t.id for t in letter.tasks], [t.id for t in tasks]]
        letter.tasks = tasks
    if problem_ids is not None:
        problems = [get_or_fail(session, Problem, i, "问题") for i in problem_ids]
        links["problems"] = [[p.id for p in letter.problems], [p.id for p in problems]]
        letter.problems = sorted(problems, key=lambda p: (p.found_on, p.id))
    text_edited = ("title" in changes and changes["title"] != letter.title) or (
        "body" in changes and changes["body"] != letter.body
    )
    if text_edited:
        changes["edited"] = True
    elif links and not letter.edited:
        if "recipient_id" in changes:
            letter.recipient = session.get(Organization, changes["recipient_id"])
        old_title, old_body = letter.title, letter.body
        render_letter_text(session, letter)
        changes["title"], changes["body"] = letter.title, letter.body
        letter.title, letter.body = old_title, old_body
    changed = apply_changes(session, actor, letter, changes, LETTER)
    if links:
        record(session, actor.name, "link", LETTER, letter.id, links)
        if not changed:  # the lists changed, the letter's own fields did not: still a new version
            letter.updated_at = datetime.now().replace(microsecond=0)
    session.flush()
    return letter


# ---------------------------------------------------------------- issuing and numbers


def format_number(code: str, kind: LetterKind, year: int, seq: int) -> str:
    """某组督〔2026〕12号: hexagonal brackets, no 第, no padding."""
    return f"{code}{KIND_CHAR[kind]}〔{year}〕{seq}号"


def _take_number(session: Session, kind: LetterKind, year: int) -> int:
    """The next sequence number of a kind and year, under a lock held until commit."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        # the write lock first (an UPDATE), so no other writer can move the row before we read it
        session.execute(
            update(LetterSequence)
            .where(LetterSequence.kind == kind, LetterSequence.year == year)
            .values(next=LetterSequence.next)
            .execution_options(synchronize_session=False)
        )
        session.execute(
            sqlite_insert(LetterSequence).values(kind=kind, year=year, next=1).on_conflict_do_nothing()
        )
        row = session.execute(
            select(LetterSequence.next).where(LetterSequence.kind == kind, LetterSequence.year == year)
        ).scalar_one()
    else:
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            session.execute(
                pg_insert(LetterSequence).values(kind=kind, year=year, next=1).on_conflict_do_nothing()
            )
        elif session.get(LetterSequence, (kind, year)) is None:
            session.add(LetterSequence(kind=kind, year=year, next=1))
            session.flush()
        row = session.execute(
            select(LetterSequence.next)
            .where(LetterSequence.kind == kind, LetterSequence.year == year)
            .with_for_update()
        ).scalar_one()
    session.execute(
        update(LetterSequence)
        .where(LetterSequence.kind == kind, LetterSequence.year == year)
        .values(next=row + 1)
        .execution_options(synchronize_session=False)
    )
    return row


def lock_for_issuing(session: Session) -> None:
    """On SQLite take the database's write lock before reading anything (see _take_number)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(update(LetterSequence).values(next=LetterSequence.next)
                        .execution_options(synchronize_session=False))


def issue_letters(
    session: Session, actor: Actor, letter_ids: Iterable[int], on: date | None = None
) -> list[Letter]:
    """Number and issue drafts (in id order); 预警函 record their consequences."""
    _require_county_writer(actor, access.Permission.ISSUE_LETTERS)
    on = on or date.today()
    lock_for_issuing(session)
    ids = sorted(set(letter_ids))
    q = select(Letter).where(Letter.id.in_(ids)).order_by(Letter.id)
    if session.get_bind().dialect.name == "postgresql":
        q = q.with_for_update()
    letters = list(session.scalars(q.execution_options(populate_existing=True)))
    missing = set(ids) - {x.id for x in letters}
    if missing:
        raise NotFound(f"找不到函件（编号{'、'.join(map(str, sorted(missing)))}）")
    for letter in letters:
        if letter.status != LetterStatus.DRAFT:
            raise DomainError(f"函件“{letter_label(letter)}”{letter.status.value}，不能再签发")
        if letter.kind == LetterKind.REMINDER and not letter.tasks:
            raise DomainError(f"{letter.kind.value}草稿{letter.id}没有列出任何任务，不能签发")
        if letter.kind != LetterKind.REMINDER and not letter.problems:
            raise DomainError(f"{letter.kind.value}草稿{letter.id}没有列出任何问题，不能签发")
        if letter.kind == LetterKind.WARNING:
            _check_warning_date(session, letter, on)
    code = get_setting(session, "agency_code")
    w = _wording(session)
    for letter in letters:
        seq = _take_number(session, letter.kind, on.year)
        number = format_number(code, letter.kind, on.year, seq)
        if letter.kind == LetterKind.SUPERVISION:
            _give_deadlines(session, actor, letter, number, on)
        old_title, old_body = letter.title, letter.body
        letter.issued_on = on
        letter.reply_deadline = on + timedelta(days=w.reply_days)
        render_letter_text(session, letter, w)
        title, body = letter.title, letter.body
        letter.title, letter.body, letter.issued_on, letter.reply_deadline = old_title, old_body, None, None
        apply_changes(
            session, actor, letter,
            {"status": LetterStatus.ISSUED, "number": number, "year": on.year, "seq": seq,
             "issued_on": on, "reply_deadline": on + timedelta(days=w.reply_days),
             "title": title, "body": body},
            LETTER, "issue",
        )
        if letter.kind == LetterKind.WARNING:
            _record_consequence(session, actor, letter, w)
    return letters


def _give_deadlines(session: Session, actor: Actor, letter: Letter, number: str, on: date) -> None:
    """The problems a 督办函 lists for the first time get their time from the letter (audited)."""
    already = supervision_letters_of(session, [p.id for p in letter.problems])
    for p in letter.problems:
        if p.id in already:
            continue
        new = supervised_deadline(session, p, on)
        if new != p.deadline:
            apply_changes(session, actor, p, {"deadline": new}, PROBLEM, "deadline",
                          f"{number}于{date_text(on)}签发，整改时限自签发之日起计算")


def _check_warning_date(session: Session, letter: Letter, on: date) -> None:
    """A 预警函 goes out only after the time its 督办函 gave has run out, for every problem."""
    followed = supervision_letters_of(session, [p.id for p in letter.problems])
    for p in letter.problems:
        sup = followed.get(p.id)
        if sup is None or sup.issued_on > on:
            raise DomainError(f"{letter.kind.value}草稿{letter.id}所列问题“{p.description}”在"
                              f"{date_text(on)}前没有经已签发的督办函督办，不能预警")
        if p.deadline >= on:
            raise DomainError(f"{letter.kind.value}草稿{letter.id}所列问题“{p.description}”的整改时限为"
                              f"{date_text(p.deadline)}（{sup.number}），签发日期应晚于该日")


def _record_consequence(session: Session, actor: Actor, letter: Letter, w: _Wording) -> WarningConsequence:
    year = letter.issued_on.year
    before = session.scalar(
        select(func.count()).where(
            WarningConsequence.org_id == letter.recipient_id,
            WarningConsequence.year == year,
            WarningConsequence.voided.is_(False),
        )
    )
    c = WarningConsequence(
        letter_id=letter.id, org_id=letter.recipient_id, year=year,
        deduction=Decimal(w.deduction), loses_honours=True,
        interview=before + 1 >= w.interview_count,
    )
    created(session, actor, c, "warning_consequence")
    return c


def consequences(session: Session, year: int | None = None) -> list[WarningConsequence]:
    q = select(WarningConsequence).where(WarningConsequence.voided.is_(False))
    if year is not None:
        q = q.where(WarningConsequence.year == year)
    return list(session.scalars(q.order_by(WarningConsequence.id)))


def void_letter(
    session: Session, actor: Actor, letter_id: int, reason: str, expected_version: int | None = None
) -> Letter:
    """作废 with a reason; a number once taken stays taken."""
    letter = _letter_for_write(session, actor, letter_id, expected_version,
                               access.Permission.ISSUE_LETTERS)
    if letter.status == LetterStatus.VOID:
        raise DomainError(f"函件“{letter_label(letter)}”已作废")
    if not (reason or "").strip():
        raise ValidationError([FieldError("作废原因", "必填")])
    check_text(Letter, "void_reason", reason.strip(), "作废原因")
    apply_changes(session, actor, letter, {"status": LetterStatus.VOID, "void_reason": reason.strip()},
                  LETTER, "void", reason.strip())
    c = session.scalar(select(WarningConsequence).where(WarningConsequence.letter_id == letter.id))
    if c is not None and not c.voided:
        c.voided = True
        record(session, actor.name, "void", "warning_consequence", c.id, {"voided": [False, True]})
    return letter


def record_reply(
    session: Session, actor: Actor, letter_id: int, on: date, text: str,
    expected_version: int | None = None,
) -> Letter:
    """登记反馈: the reply's date and text; the letter becomes 已反馈."""
    letter = _letter_for_write(session, actor, letter_id, expected_version)
    if letter.status not in (LetterStatus.ISSUED, LetterStatus.REPLIED):
        raise DomainError(f"函件“{letter_label(letter)}”{letter.status.value}，不能登记反馈")
    errors = []
    if not (text or "").strip():
        errors.append(FieldError("反馈内容", "必填"))
    if on is None:
        errors.append(FieldError("反馈日期", "必填"))
    elif on < letter.issued_on:
        errors.append(FieldError("反馈日期", f"早于签发日期{date_text(letter.issued_on)}"))
    if errors:
        raise ValidationError(errors)
    apply_changes(session, actor, letter,
                  {"status": LetterStatus.REPLIED, "reply_on": on, "reply_text": text.strip()},
                  LETTER, "reply")
    return letter


def finish_letter(session: Session, actor: Actor, letter_id: int, expected_version: int | None = None) -> Letter:
    """办结."""
    letter = _letter_for_write(session, actor, letter_id, expected_version)
    if letter.status not in (LetterStatus.ISSUED, LetterStatus.REPLIED):
        raise DomainError(f"函件“{letter_label(letter)}”{letter.status.value}，不能办结")
    apply_changes(session, actor, letter, {"status": LetterStatus.DONE}, LETTER, "finish")
    return letter


# ---------------------------------------------------------------- reading


def letters_of(
    session: Session, actor: Actor, month: str | None = None, ids: Iterable[int] | None = None,
    statuses: Iterable[LetterStatus] | None = None,
) -> list[Letter]:
    """Letters, in month, kind and number order; only those sent to the actor's township."""
    access.require_read(actor)
    q = select(Letter).join(Organization, Organization.id == Letter.recipient_id)
    q = access.limit(session, actor, q, Organization.path)
    if month is not None:
        q = q.where(Letter.month == month)
    if ids is not None:
        q = q.where(Letter.id.in_(list(ids)))
    if statuses is not None:
        q = q.where(Letter.status.in_(list(statuses)))
    kind_order = {k: i for i, k in enumerate(LetterKind)}
    out = list(session.scalars(q.order_by(Letter.id)))
    return sorted(out, key=lambda x: (x.month, kind_order[x.kind], x.seq or 0, x.recipient_id, x.id))


def drafts_to_issue(
    session: Session, actor: Actor, month: str | None = None, ids: Iterable[int] | None = None
) -> list[Letter]:
    """The drafts `letters issue` would number: refused first for an account that may not issue,
    whatever there is; named ids that are not drafts are an error."""
    require_issuer(actor)
    if ids is not None:
        ids = list(ids)
        found = letters_of(session, actor, ids=ids, statuses=[LetterStatus.DRAFT])
        missing = set(ids) - {x.id for x in found}
        if missing:
            raise DomainError(f"找不到函件（编号{'、'.join(map(str, sorted(missing)))}）")
        return found
    return letters_of(session, actor, month=month, statuses=[LetterStatus.DRAFT])


def get_letter(session: Session, actor: Actor, letter_id: int) -> Letter:
    access.require_read(actor)
    letter = get_or_fail(session, Letter, letter_id, "函件")
    access.require_in_scope(session, actor, letter.recipient.path, "该函件")
    return letter


def supervised_problem_ids(session: Session, problem_ids: Iterable[int] | None = None) -> set[int]:
    """Problems listed in a non-voided 督办函."""
    q = (
        select(letter_problem.c.problem_id)
        .join(Letter, Letter.id == letter_problem.c.letter_id)
        .where(Letter.kind == LetterKind.SUPERVISION, Letter.status != LetterStatus.VOID)
    )
    if problem_ids is not None:
        q = q.where(letter_problem.c.problem_id.in_(list(problem_ids)))
    return set(session.scalars(q))


def overdue_findings(session: Session, actor: Actor, today: date) -> list[tuple[str, str, str]]:
    """(kind, organization, message) for `check`: overdue problems and replies not received,
    in the actor's township."""
    out = []
    for p in overdue_problems(session, actor, today):
        out.append(("逾期问题", p.org.name,
                    f"{p.category}：{p.description}（整改时限{date_text(p.deadline)}，{p.status.value}）"))
    q = (select(Letter).join(Organization, Organization.id == Letter.recipient_id)
         .where(Letter.status == LetterStatus.ISSUED, Letter.reply_deadline < today))
    for x in session.scalars(
        access.limit(session, actor, q, Organization.path).order_by(Letter.reply_deadline, Letter.id)
    ):
        out.append(("逾期未反馈", x.recipient.name, f"{x.number}（反馈时限{date_text(x.reply_deadline)}）"))
    return out
