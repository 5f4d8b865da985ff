"""月末问责查办: a 预警函's final deadline and the 问责查办 cases it leads to (docs/accountability.md).

A 预警函 gives a final deadline (its issue date + setting warning_deadline_days). A 预警函 with a
listed problem not 已销号 on or before that day is a 问责查办 case of its township from the day
after. The case proposes the measure of the settings' list (accountability_measures) for the
township's count of cases in the year; a county account with the duty 决定问责 decides it, which
writes an AccountabilityCase row (audited, never changed or deleted). Cases not yet decided are
computed from the letters and problems, so a case exists the moment its deadline has passed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from ... import rules
from ...actor import Actor
from ...errors import DomainError, FieldError, NotFound, ValidationError
from ...setting_specs import split_list
from ...settings import get_setting
from ...supervision import (
    SENT_STATUSES,
    AccountabilityCase,
    Letter,
    LetterKind,
    ProblemStatus,
)
from .. import access
from ..common import created
from .common import _require_county_writer, date_text, int_setting
from .listings import planned_issue_date

CASE = "accountability_case"


def warning_days(session: Session) -> int:
    return max(1, int_setting(session, "warning_deadline_days"))


def final_deadline(session: Session, letter: Letter, on: date | None = None) -> date:
    """A 预警函's final deadline: its issue date (a draft: the day it would be issued) + the days."""
    return rules.final_deadline(planned_issue_date(letter, on), warning_days(session))


def measures(session: Session) -> list[str]:
    return split_list(get_setting(session, "accountability_measures"))


@dataclass
class Case:
    """One 问责查办 case: a 预警函 whose final deadline passed with problems still open."""

    #: the case's number on the command line and in the window: the 预警函's id
    id: int
    letter_number: str
    township_id: int
    township: str
    township_path: str
    year: int
    #: the township's n-th case of the year
    ordinal: int
    final_deadline: date
    #: (problem id, description, the 督办函 number it followed, closed on) still open after it
    problems: list[tuple[int, str, str, date | None]] = field(default_factory=list)
    proposed: str = ""
    measure: str | None = None
    decided_on: date | None = None
    decided_by: str | None = None
    note: str | None = None

    @property
    def opened_on(self) -> date:
        from datetime import timedelta

        return self.final_deadline + timedelta(days=1)

    @property
    def decided(self) -> bool:
        return self.measure is not None

    @property
    def state(self) -> str:
        if self.measure is None or self.decided_on is None:
            return "待决定"
        return f"已决定：{self.measure}（{date_text(self.decided_on)}，{self.decided_by}）"


def _all_cases(session: Session, as_of: date) -> list[Case]:
    """Every case at `as_of` in the county, with its ordinal (decided ones as they were decided)."""
    from .listings import supervision_letters_of

    days = warning_days(session)
    # the 预警函 with their decided cases (one statement), recipients and problems
    letters = session.execute(
        select(Letter, AccountabilityCase)
        .outerjoin(AccountabilityCase, AccountabilityCase.letter_id == Letter.id)
        .where(Letter.kind == LetterKind.WARNING, Letter.issued_on.is_not(None),
               # a decided case stays listed even if its letter is voided afterwards
               or_(Letter.status.in_(SENT_STATUSES), AccountabilityCase.id.is_not(None)))
        .options(joinedload(Letter.recipient), selectinload(Letter.problems))
        .order_by(Letter.issued_on, Letter.id)).unique().all()
    found: list[tuple[Letter, AccountabilityCase | None, date, list]] = []
    for letter, row in letters:
        if letter.issued_on is None:
            continue
        final = rules.final_deadline(letter.issued_on, days)
        if row is not None:
            final = row.final_deadline
        elif final >= as_of:
            continue
        if row is not None:
            wanted = {int(x) for x in row.problem_ids.split(",") if x}
            still = [p for p in letter.problems if p.id in wanted]
        else:
            still = [p for p in letter.problems if p.in_force and rules.still_open_after(
                final, p.status == ProblemStatus.CLOSED, p.closed_on)]
        if still:
            found.append((letter, row, final, still))
    # the 督办函 each problem was first listed in, for every case at once
    followed = supervision_letters_of(session, [p.id for *_rest, still in found for p in still])
    cases: list[Case] = []
    for letter, row, final, still in found:
        town = letter.recipient
        case = Case(letter.id, letter.number or "", town.id, town.short_name or town.name, town.path,
                    0, 0, final,
                    [(p.id, p.description, (followed[p.id].number or "") if p.id in followed else "", p.closed_on)
                     for p in still])
        case.year = case.opened_on.year
        if row is not None:
            case.year, case.ordinal, case.proposed = row.year, row.ordinal, row.proposed
            case.measure, case.decided_on, case.decided_by, case.note = (
                row.measure, row.decided_on, row.decided_by, row.note)
        cases.append(case)
    cases.sort(key=lambda c: (c.final_deadline, c.id))
    counted: dict[tuple[int, int], int] = defaultdict(int)
    proposals = measures(session)
    for case in cases:
        counted[case.township_id, case.year] += 1
        if not case.decided:
            case.ordinal = counted[case.township_id, case.year]
            case.proposed = rules.proposed_measure(proposals, case.ordinal)
    return cases


def accountability_cases(session: Session, actor: Actor, as_of: date | None = None,
                         year: int | None = None, open_only: bool = False) -> list[Case]:
    """The 问责查办 cases at `as_of` (default today) in the actor's township or county, oldest
    first; only those of `year` (the year the case arose) when given; only undecided ones with
    `open_only`."""
    access.require_read(actor)
    as_of = as_of or date.today()
    prefix = access.scope_path(session, actor)
    return [c for c in _all_cases(session, as_of)
            if (year is None or c.year == year) and (not open_only or not c.decided)
            and (prefix is None or c.township_path.startswith(prefix))]


def decide_case(session: Session, actor: Actor, case_id: int, measure: str, on: date,
                note: str | None = None, today: date | None = None) -> AccountabilityCase:
    """Record the county's decision on a case: the measure taken, the date, who (the account) and a
    note. Refused for a case already decided (a decision is never changed)."""
    _require_county_writer(actor, access.Permission.DECIDE_ACCOUNTABILITY)
    today = today or date.today()
    measure = (measure or "").strip()
    errors = []
    if not measure:
        errors.append(FieldError("措施", "请填写采取的问责措施"))
    elif len(measure) > 200:
        errors.append(FieldError("措施", "超过200个字"))
    if on > today:
        errors.append(FieldError("决定日期", f"{date_text(on)}晚于今天"))
    if errors:
        raise ValidationError(errors)
    done = session.scalar(select(AccountabilityCase).where(AccountabilityCase.letter_id == case_id))
    if done is not None:
        raise DomainError(f"问责查办{case_id}已于{date_text(done.decided_on)}决定（{done.measure}），"
                          "决定不能更改")
    case = next((c for c in _all_cases(session, max(on, today)) if c.id == case_id), None)
    if case is None:
        raise NotFound(f"找不到问责查办{case_id}（应为预警函最后整改期限已过、仍有问题未整改的预警函编号）")
    if on < case.opened_on:
        raise ValidationError([FieldError("决定日期", f"{date_text(on)}早于问责查办的起始日{date_text(case.opened_on)}"
                                                     f"（预警函最后整改期限{date_text(case.final_deadline)}之后）")])
    row = AccountabilityCase(
        letter_id=case.id, org_id=case.township_id, year=case.year, ordinal=case.ordinal,
        final_deadline=case.final_deadline, problem_ids=",".join(str(p[0]) for p in case.problems),
        proposed=case.proposed, measure=measure, decided_on=on, decided_by=actor.name,
        note=(note or "").strip() or None)
    created(session, actor, row, CASE, f"问责查办（{case.letter_number}）")
    return row


def township_case_counts(session: Session, year: int, as_of: date | None = None) -> dict[int, list[Case]]:
    """township id → its cases of the year (county-wide; for the reports)."""
    out: dict[int, list[Case]] = defaultdict(list)
    for c in _all_cases(session, as_of or date(year + 1, 1, 1)):
        if c.year == year:
            out[c.township_id].append(c)
    return out
