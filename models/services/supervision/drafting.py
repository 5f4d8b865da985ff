"""Drafting the month's letters by the letter rules (docs/letters.md).

提示函 for the month's tasks, 督办函 when a township's unsupervised problems reach the threshold,
预警函 for problems of an issued 督办函 past the deadline it gave. Drafting is idempotent.
The pure rules (deadlines, threshold, escalation) are in models/rules.py."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload

from ...actor import Actor
from ...audit import record
from ...enums import OrgStatus
from ...org import Organization
from ...supervision import (
    SENT_STATUSES,
    Letter,
    LetterKind,
    LetterStatus,
    MonthTask,
    Problem,
    ProblemStatus,
    letter_problem,
    letter_task,
)
from .. import access
from ..common import apply_changes, created
from ..orgs import township_id_of_path, townships
from .common import LETTER, _require_county_writer, month_bounds
from .deadlines import reaches_threshold, severity_counts, supervision_thresholds
from .listings import _linked
from .tasks import month_tasks, task_townships
from .templates import _Wording, _wording, letter_copies, render_letter_text


def unsupervised_problems(session: Session, month: str, supervised: Iterable[int] | None = None) -> list[Problem]:
    """Problems a 督办函 of the month may list: found in the month, or found earlier and still
    open (left below the threshold), and not listed in any 督办函 that is not voided."""
    first, nxt = month_bounds(month)
    if supervised is None:
        supervised = _linked(session, letter_problem, letter_problem.c.problem_id, LetterKind.SUPERVISION)
    done = set(supervised)
    rows = session.scalars(
        select(Problem)
        .where(Problem.in_force, Problem.found_on < nxt,
               or_(Problem.found_on >= first, Problem.status != ProblemStatus.CLOSED))
        .order_by(Problem.found_on, Problem.id)
        .options(joinedload(Problem.org))
    )
    return [p for p in rows if p.id not in done]


@dataclass(frozen=True)
class BelowThreshold:
    """Why a problem waits for its 督办函: its township's unsupervised problems of the month (一般,
    严重) are below the threshold (一般, 严重); it is counted again the next month."""

    township: str
    ordinary: int
    serious: int
    min_ordinary: int
    min_serious: int

    LABEL = "待累计（未达督办函起点）"

    @property
    def explanation(self) -> str:
        return (f"{self.township}本月未督办的问题：一般{self.ordinary}个、严重{self.serious}个；"
                f"督办函起点：一般{self.min_ordinary}个或严重{self.min_serious}个。"
                "未达起点的问题暂不发督办函，下月继续累计。")


def _by_township(session: Session, month: str, town_ids: Iterable[int],
                 supervised: Iterable[int] | None = None) -> dict[int, list[Problem]]:
    """township id → its problems a 督办函 of the month may list (see unsupervised_problems)."""
    towns = set(town_ids)
    found: dict[int, list[Problem]] = defaultdict(list)
    for problem in unsupervised_problems(session, month, supervised):
        tid = township_id_of_path(problem.org.path)
        if tid in towns:
            found[tid].append(problem)
    return found


def _calls_for_letter(session: Session, month: str, township_id: int, problems: list[Problem],
                      thresholds: tuple[int, int]) -> bool:
    """A township's 督办函 of the month is drafted (or extended) when its problems reach the
    threshold, or when it has a draft already."""
    return (_draft_for(session, LetterKind.SUPERVISION, month, township_id) is not None
            or reaches_threshold(problems, thresholds))


def waiting_below_threshold(
    session: Session, actor: Actor, month: str, problem_ids: Iterable[int] | None = None,
    supervised: Iterable[int] | None = None, active_townships: Iterable[Organization] | None = None,
) -> dict[int, BelowThreshold]:
    """problem id → why it waits: the open problems that drafting the month's letters leaves out
    because their township is below the 督办函 threshold (settings supervision_min_ordinary /
    supervision_min_serious); they are counted again the next month. Only `problem_ids`, if given,
    and only in the actor's township. `supervised`: the problems listed in a 督办函 that is not
    voided (supervised_problem_ids), and `active_townships` (orgs.townships), when the caller
    has read them already."""
    access.require_read(actor)
    wanted = None if problem_ids is None else set(problem_ids)
    # as drafting: active townships only
    towns = {t.id: t for t in (townships(session) if active_townships is None else active_townships)}
    thresholds = supervision_thresholds(session)
    out: dict[int, BelowThreshold] = {}
    by_town = _by_township(session, month, towns, supervised)
    # the townships with a draft 督办函 of the month, all in one statement (as _calls_for_letter)
    drafted = set(session.scalars(
        select(Letter.recipient_id).where(Letter.kind == LetterKind.SUPERVISION, Letter.month == month,
                                          Letter.status == LetterStatus.DRAFT,
                                          Letter.recipient_id.in_(list(by_town))))) if by_town else set()
    for tid, problems in by_town.items():
        if tid in drafted or reaches_threshold(problems, thresholds):
            continue
        why = BelowThreshold(towns[tid].short_name or towns[tid].name, *severity_counts(problems), *thresholds)
        for p in problems:
            if (p.status != ProblemStatus.CLOSED and (wanted is None or p.id in wanted)
                    and access.in_scope(session, actor, p.org.path)):
                out[p.id] = why
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
                        recipient_id=township.id, copies=letter_copies(session, kind),
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
    """The month's drafts by the letter rules (docs/letters.md); returns the drafts created or extended.

    `as_of` (default: today, or the last day of a past month) decides which problems are overdue.
    Idempotent: an item already listed in a non-voided letter of its kind (to its township)
    is not drafted again, so a second run creates nothing. Items newly due join the
    township's existing draft of that kind and month, if there is one.
    """
    _require_county_writer(actor, access.Permission.ISSUE_LETTERS)
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
    found = _by_township(session, month, by_id, supervised)
    for tid in sorted(found):
        if _calls_for_letter(session, month, tid, found[tid], thresholds):
            touched.append(_put_draft(session, actor, LetterKind.SUPERVISION, month, as_of, by_id[tid], [],
                                      found[tid], w)[0])

    # 预警函: problems of an issued 督办函 past their deadline at as_of and not closed by then
    # (models.rules.escalates, asked here in SQL)
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
            Problem.in_force,
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
