"""Which letters list which problems and tasks, and the 整改时限 a letter prints."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...supervision import (
    SENT_STATUSES,
    Letter,
    LetterKind,
    LetterStatus,
    letter_problem,
)
from .deadlines import supervised_deadline


def issued_letter_listing(session: Session, problem_id: int) -> Letter | None:
    """The first letter that has gone out (signed, not voided) listing the problem, or None."""
    return session.scalar(
        select(Letter)
        .join(letter_problem, letter_problem.c.letter_id == Letter.id)
        .where(letter_problem.c.problem_id == problem_id, Letter.status.in_(SENT_STATUSES))
        .order_by(Letter.issued_on, Letter.id)
        .limit(1)
    )


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
