"""Periods the reports speak of: months and quarters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .errors import DomainError


@dataclass(frozen=True)
class Period:
    label: str  # 2026Q3 or 2026-10
    start: date
    end: date  # inclusive

    def previous(self) -> Period:
        if "Q" in self.label:
            year, q = self.start.year, (self.start.month - 1) // 3 + 1
            return quarter(f"{year - 1}Q4" if q == 1 else f"{year}Q{q - 1}")
        return month(f"{(self.start - timedelta(days=1)):%Y-%m}")

    @property
    def title(self) -> str:
        if "Q" in self.label:
            return f"{self.start.year}年第{'一二三四'[(self.start.month - 1) // 3]}季度"
        return f"{self.start.year}年{self.start.month}月"


def _month_end(year: int, month_: int) -> date:
    nxt = date(year + (month_ == 12), month_ % 12 + 1, 1)
    return nxt - timedelta(days=1)


def quarter(text: str) -> Period:
    m = re.fullmatch(r"(\d{4})[Qq]([1-4])", text.strip())
    if not m:
        raise DomainError(f"季度“{text}”格式不对，应如 2026Q3")
    year, q = int(m.group(1)), int(m.group(2))
    return Period(f"{year}Q{q}", date(year, 3 * q - 2, 1), _month_end(year, 3 * q))


def month(text: str) -> Period:
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise DomainError(f"月份“{text}”格式不对，应如 2026-10")
    year, mo = int(m.group(1)), int(m.group(2))
    return Period(f"{year}-{mo:02d}", date(year, mo, 1), _month_end(year, mo))


def months_back(today: date, count: int) -> list[str]:
    """The month of `today` and the ones before it, newest first: 2026-12, 2026-11, …"""
    year, m = today.year, today.month
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{m:02d}")
        year, m = (year - 1, 12) if m == 1 else (year, m - 1)
    return out


def quarters_back(today: date, count: int) -> list[str]:
    """The quarter of `today` and the ones before it, newest first: 2026Q4, 2026Q3, …"""
    year, q = today.year, (today.month - 1) // 3 + 1
    out = []
    for _ in range(count):
        out.append(f"{year}Q{q}")
        year, q = (year - 1, 4) if q == 1 else (year, q - 1)
    return out
