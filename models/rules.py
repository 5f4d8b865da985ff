"""Rules of the records: dates, phones, structure warnings, and the letter rules.

The letter rules (docs/letters.md: deadlines, the 督办函 threshold, escalation to
预警函, letter numbers, traffic lights) are pure functions at the end of this file. The
supervision services apply them with the configured numbers:
models/services/supervision/deadlines.py, drafting.py, numbering.py and issuing.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .errors import FieldError
from .values import past_date_error

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")

MIN_FULL_MEMBERS = 3
SUGGEST_GENERAL_BRANCH = 50
SUGGEST_COMMITTEE = 100


def phone_error(phone: str) -> str | None:
    if MOBILE.match(phone) or LANDLINE.match(phone):
        return None
    return "应为11位手机号（1开头）或带区号的固定电话"


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def member_date_errors(
    birth: date | None, joined: date | None, full: date | None, today: date | None = None
) -> list[FieldError]:
    """Joining not before the 18th birthday; 转正 between 1 and 2 years after joining."""
    errors = []
    today = today or date.today()
    if joined is not None:
        if joined > today:
            errors.append(FieldError("加入党组织日期", "不能晚于今天"))
        elif problem := past_date_error(joined, party=True, today=today):
            errors.append(FieldError("加入党组织日期", problem))
        if birth is not None and joined < add_years(birth, 18):
            errors.append(FieldError("加入党组织日期", "早于年满18周岁"))
    if full is not None and (problem := past_date_error(full, party=True, today=today)):
        errors.append(FieldError("转为正式党员日期", problem))
    elif full is not None and joined is not None:
        if full <= joined:
            errors.append(FieldError("转为正式党员日期", "应晚于加入党组织日期"))
        elif full < add_years(joined, 1) or full > add_years(joined, 2):
            errors.append(FieldError("转为正式党员日期", "应在入党后1至2年之间"))
    return errors


@dataclass(frozen=True)
class StructureWarning:
    org_id: int
    org_name: str
    message: str


def structure_messages(
    kind_is_branch: bool,
    full_members: int,
    all_members: int,
    term_end: date | None,
    today: date,
    leadership: LeadershipState | None = None,
    joint_units: int | None = None,
    joint_max: int = 5,
) -> list[str]:
    """Warnings (never errors) of docs/records.md for one organization; with its leadership register
    (docs/member-lifecycle.md, 班子名册) also 书记空缺 and the 支委会 a large branch needs."""
    out = []
    if kind_is_branch and full_members < MIN_FULL_MEMBERS:
        out.append(f"正式党员{full_members}名，少于{MIN_FULL_MEMBERS}名")
    if kind_is_branch and all_members > SUGGEST_COMMITTEE:
        out.append(f"党员{all_members}名，超过{SUGGEST_COMMITTEE}名，宜成立党委")
    elif kind_is_branch and all_members > SUGGEST_GENERAL_BRANCH:
        out.append(f"党员{all_members}名，超过{SUGGEST_GENERAL_BRANCH}名，宜成立党总支")
    if term_end is not None and term_end < today:
        out.append(f"届期已于{term_end.isoformat()}届满，应换届")
    if leadership is not None:
        out.extend(leadership.messages(kind_is_branch, full_members, today))
    if joint_units is not None and joint_units > joint_max:
        out.append(f"联合党支部覆盖{joint_units}个单位，超过{joint_max}个，宜分设党支部")
    return out


@dataclass(frozen=True)
class LeadershipState:
    """What an organization's leadership register says on a day: the people in office, the day the
    书记 post fell vacant (None when a 书记 is in office), and the thresholds (settings)."""

    in_office: int
    vacant_since: date | None
    vacant_months: int = 3
    committee_at: int = 7

    def messages(self, kind_is_branch: bool, full_members: int, today: date) -> list[str]:
        out = []
        if self.vacant_since is not None:
            limit = add_months(self.vacant_since, self.vacant_months)
            if limit < today:
                out.append(f"书记职位自{self.vacant_since.isoformat()}空缺，已超过{self.vacant_months}个月")
        if kind_is_branch and full_members >= self.committee_at and self.in_office < 3:
            out.append(f"正式党员{full_members}名，应设立支部委员会（委员3至5人），班子名册在任{self.in_office}人")
        return out


def add_months(d: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has no such day)."""
    year, month = divmod(d.month - 1 + months, 12)
    first = date(d.year + year, month + 1, 1)
    try:
        return first.replace(day=d.day)
    except ValueError:
        nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        return nxt - timedelta(days=1)


# ---------------------------------------------------------------- letter rules (docs/letters.md)


def days_after(start: date, days: int) -> date:
    """A problem's own 整改时限: `days` after it was found (15 by default, 7 when 严重)."""
    return start + timedelta(days=days)


def supervised_deadline(own_deadline: date, issued_on: date, days: int) -> date:
    """The 整改时限 a 督办函 gives a problem it lists for the first time: the later of the
    problem's own deadline and the issue date + `days` (15, 7 when 严重), so the township always
    has its time from the letter and a 督办函 never prints a deadline on or before its issue date."""
    return max(own_deadline, issued_on + timedelta(days=days))


def reaches_threshold(ordinary: int, serious: int, thresholds: tuple[int, int]) -> bool:
    """A township's unsupervised problems call for a 督办函 when either count reaches its
    threshold (一般, 严重); below it they stay open and are counted again the next month."""
    return ordinary >= thresholds[0] or serious >= thresholds[1]


def escalates(deadline: date, closed_on: date | None, as_of: date) -> bool:
    """A problem of an issued 督办函 is listed in a 预警函 when, at the as-of date, the deadline
    the letter gave has passed and it was not 已销号 by then (drafting.py asks this in SQL)."""
    return deadline < as_of and (closed_on is None or closed_on > as_of)


def letter_number(code: str, kind_char: str, year: int, seq: int) -> str:
    """某组督〔2026〕12号: agency code + 提/督/警 + hexagonal brackets + sequence, no 第, no padding."""
    return f"{code}{kind_char}〔{year}〕{seq}号"


def interview_due(warnings_before: int, interview_count: int) -> bool:
    """A 预警函 brings an interview (约谈) when it is the township's `interview_count`-th of the year."""
    return warnings_before + 1 >= interview_count


def final_deadline(warning_issued_on: date, days: int) -> date:
    """The final deadline a 预警函 gives: its issue date + `days` (warning_deadline_days, 7)."""
    return warning_issued_on + timedelta(days=days)


def still_open_after(final: date, closed: bool, closed_on: date | None) -> bool:
    """A problem of a 预警函 is a 问责查办 case when it was not 已销号 on or before the final deadline."""
    return not closed or (closed_on is not None and closed_on > final)


def proposed_measure(measures: list[str], ordinal: int) -> str:
    """The measure for a township's `ordinal`-th 问责查办 case of the year: the list's n-th entry
    (the last one for every case beyond the list)."""
    if not measures:
        return ""
    return measures[min(max(ordinal, 1), len(measures)) - 1]


def rectified_late(deadline: date, closed_on: date | None) -> bool:
    """Closed after its 整改时限: 逾期整改, never 按期 (docs/accountability.md)."""
    return closed_on is not None and closed_on > deadline


def overdue_at(deadline: date, closed: bool, closed_on: date | None, as_of: date) -> bool:
    """逾期未整改 at `as_of`: past its 整改时限 and not 已销号 by that day. The one rule the
    dashboard, the monthly report and the statistics count with."""
    closed_by_then = closed and (closed_on is None or closed_on <= as_of)
    return not closed_by_then and deadline < as_of


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
