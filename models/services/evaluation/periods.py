"""Evaluation periods: "2026", "2026H1", "2026Q3" or "2026-10" to their first and last day."""

from __future__ import annotations

from datetime import date, timedelta

from ...errors import FieldError, ValidationError
from ...evaluation import PeriodKind


def parse_period(kind: PeriodKind, text: str) -> tuple[date, date]:
    """First and last day of "2026", "2026H1", "2026Q3" or "2026-10" for the scheme's period kind."""
    s = (text or "").strip().upper()
    try:
        if kind is PeriodKind.YEAR and len(s) == 4:
            y = int(s)
            return date(y, 1, 1), date(y, 12, 31)
        if kind is PeriodKind.HALF and len(s) == 6 and s[4] == "H" and s[5] in "12":
            y, h = int(s[:4]), int(s[5])
            return (date(y, 1, 1), date(y, 6, 30)) if h == 1 else (date(y, 7, 1), date(y, 12, 31))
        if kind is PeriodKind.QUARTER and len(s) == 6 and s[4] == "Q" and s[5] in "1234":
            y, q = int(s[:4]), int(s[5])
            start = date(y, 3 * q - 2, 1)
            end = date(y + (q == 4), 1 if q == 4 else 3 * q + 1, 1) - timedelta(days=1)
            return start, end
        if kind is PeriodKind.MONTH and len(s) == 7 and s[4] == "-":
            y, m = int(s[:4]), int(s[5:])
            start = date(y, m, 1)
            return start, date(y + (m == 12), 1 if m == 12 else m + 1, 1) - timedelta(days=1)
    except ValueError:
        pass
    examples = {PeriodKind.YEAR: "2026", PeriodKind.HALF: "2026H1", PeriodKind.QUARTER: "2026Q3",
                PeriodKind.MONTH: "2026-10"}
    raise ValidationError([FieldError("评价周期", f"“{text}”不是{kind.value}周期（如 {examples[kind]}）")])


def openable_period(kind: PeriodKind, text: str, today: date | None = None) -> tuple[date, date]:
    """First and last day of a period a round may be opened for: none after the current year
    (docs/evaluation-rules.md): opening 2027 in 2026 is refused."""
    start, end = parse_period(kind, text)
    year = (today or date.today()).year
    if start.year > year:
        raise ValidationError([FieldError("评价周期", f"“{text.strip().upper()}”在本年度（{year}年）之后，"
                                                   "不能开启未来的评价周期")])
    return start, end


def period_year(period: str) -> int:
    return int(period[:4])
