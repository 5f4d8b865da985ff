"""Deadlines, thresholds and lights of the supervision cycle, read from the settings.

The rules themselves are pure functions in models/rules.py ("Letter rules"); this module
supplies them with the configured numbers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy.orm import Session

from ... import rules
from ...supervision import (
    Problem,
    ProblemStatus,
    Severity,
)
from .common import int_setting


def default_deadline(session: Session, found_on: date, severity: Severity) -> date:
    """15 days after it was found, 7 days when 严重 (settings)."""
    key = "problem_deadline_days_serious" if severity == Severity.SERIOUS else "problem_deadline_days"
    return rules.days_after(found_on, int_setting(session, key))


def supervision_days(session: Session, severity: Severity) -> int:
    """The days a 督办函 gives from its issue date: 15, 7 when 严重 (settings; at least 1)."""
    key = "supervision_deadline_days_serious" if severity == Severity.SERIOUS else "supervision_deadline_days"
    return max(1, int_setting(session, key))


def supervised_deadline(session: Session, problem: Problem, issued_on: date, own: date | None = None) -> date:
    """The 整改时限 a 督办函 issued on `issued_on` gives a problem it lists for the first time:
    the later of the problem's own deadline (or `own`) and the issue date + 15 days (7 when 严重)."""
    return rules.supervised_deadline(own or problem.deadline, issued_on,
                                     supervision_days(session, problem.severity))


def supervision_thresholds(session: Session) -> tuple[int, int]:
    """(一般, 严重): a township's unsupervised problems call for a 督办函 when either count is reached."""
    return (max(1, int_setting(session, "supervision_min_ordinary")),
            max(1, int_setting(session, "supervision_min_serious")))


def severity_counts(problems: Iterable[Problem]) -> tuple[int, int]:
    """(一般, 严重) problems among these."""
    ordinary = serious = 0
    for p in problems:
        if p.severity == Severity.SERIOUS:
            serious += 1
        else:
            ordinary += 1
    return ordinary, serious


def reaches_threshold(problems: Iterable[Problem], thresholds: tuple[int, int]) -> bool:
    return rules.reaches_threshold(*severity_counts(problems), thresholds)


def light_days(session: Session) -> tuple[int, int]:
    return int_setting(session, "light_yellow_days"), int_setting(session, "light_orange_days")


def is_overdue(problem: Problem, today: date) -> bool:
    return problem.status != ProblemStatus.CLOSED and problem.deadline < today
