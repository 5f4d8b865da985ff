"""Rules of the records: dates, phones, structure warnings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .errors import FieldError

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
    birth: date | None, joined: date | None, full: date | None
) -> list[FieldError]:
    """Joining not before the 18th birthday; 转正 between 1 and 2 years after joining."""
    from .values import past_date_error

    errors = []
    today = date.today()
    if joined is not None:
        if joined > today:
            errors.append(FieldError("加入党组织日期", "不能晚于今天"))
        elif past_date_error(joined, party=True):
            errors.append(FieldError("加入党组织日期", past_date_error(joined, party=True)))
        if birth is not None and joined < add_years(birth, 18):
            errors.append(FieldError("加入党组织日期", "早于年满18周岁"))
    if full is not None and past_date_error(full, party=True, today=today):
        errors.append(FieldError("转为正式党员日期", past_date_error(full, party=True, today=today)))
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
) -> list[str]:
    """Warnings (never errors) of `domain.md` for one organization."""
    out = []
    if kind_is_branch and full_members < MIN_FULL_MEMBERS:
        out.append(f"正式党员{full_members}名，少于{MIN_FULL_MEMBERS}名")
    if kind_is_branch and all_members > SUGGEST_COMMITTEE:
        out.append(f"党员{all_members}名，超过{SUGGEST_COMMITTEE}名，宜成立党委")
    elif kind_is_branch and all_members > SUGGEST_GENERAL_BRANCH:
        out.append(f"党员{all_members}名，超过{SUGGEST_GENERAL_BRANCH}名，宜成立党总支")
    if term_end is not None and term_end < today:
        out.append(f"届期已于{term_end.isoformat()}届满，应换届")
    return out
