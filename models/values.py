"""Turn what a clerk typed (or a spreadsheet cell held) into a value, or say why not."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)
_MONTH_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月$"),
)
#: a float above this has lost digits (IEEE double keeps 15–17 significant digits)
_EXACT_LIMIT = 2**53
TRUE_WORDS = {"是", "有", "y", "yes", "true", "1", "√"}
FALSE_WORDS = {"否", "无", "n", "no", "false", "0", ""}


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str | None:
    """Cell text; a whole number typed as a number comes back without '.0'."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def digits(value: Any, what: str) -> str | None:
    """A string of digits (ID number, phone) that may have been typed into Excel as a number."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(f"{what}不应为是/否")
    if isinstance(value, float):
        if not value.is_integer() or abs(value) >= _EXACT_LIMIT:
            raise ValueError(
                f"{what}被Excel存成了数字，末几位已丢失（{value:.6g}），请把该列设为文本后重新填写"
            )
        return str(int(value))
    if isinstance(value, int):
        if abs(value) >= _EXACT_LIMIT:
            raise ValueError(
                f"{what}被Excel存成了数字，末几位可能已丢失，请把该列设为文本后重新填写"
            )
        return str(value)
    return str(value).strip().replace(" ", "")


def parse_date(value: Any) -> date | None:
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # an Excel serial number that came through as a number
        if 1 <= value < 2958466:
            from datetime import timedelta

            return date(1899, 12, 30) + timedelta(days=int(value))
        raise ValueError(f"“{value}”不是日期")
    s = str(value).strip()
    for pattern in _DATE_PATTERNS:
        m = pattern.match(s)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            try:
                return date(y, mo, d)
            except ValueError:
                raise ValueError(f"“{s}”不是有效日期") from None
    raise ValueError(f"“{s}”不是日期（应如2026-03-05、2026/3/5、2026.3.5或2026年3月5日）")


def parse_month(value: Any) -> str | None:
    """A year-month as "2026-03"."""
    if is_blank(value):
        return None
    if isinstance(value, datetime | date):
        return f"{value.year:04d}-{value.month:02d}"
    s = str(value).strip()
    for pattern in _MONTH_PATTERNS:
        m = pattern.match(s)
        if m:
            y, mo = int(m.group(1)), int(m.group(2))
            if 1 <= mo <= 12:
                return f"{y:04d}-{mo:02d}"
    try:
        d = parse_date(s)
    except ValueError:
        raise ValueError(f"“{s}”不是年月（应如2026-03或2026年3月）") from None
    return None if d is None else f"{d.year:04d}-{d.month:02d}"


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    s = (text(value) or "").lower()
    if s in TRUE_WORDS:
        return True
    if s in FALSE_WORDS:
        return False
    raise ValueError(f"“{value}”应填“是”或“否”")


def parse_int(value: Any) -> int | None:
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    try:
        return int(str(value).strip())
    except ValueError:
        raise ValueError(f"“{value}”不是整数") from None


def parse_decimal(value: Any) -> Decimal | None:
    """Money in yuan, exact: a float cell goes through its shortest text form."""
    if is_blank(value):
        return None
    try:
        amount = Decimal(repr(value) if isinstance(value, float) else str(value).strip())
    except InvalidOperation:
        raise ValueError(f"“{value}”不是金额") from None
    return amount.quantize(Decimal("0.01"))


def parse_enum(enum_cls: type[Enum], value: Any) -> Any:
    if is_blank(value):
        return None
    s = text(value)
    for member in enum_cls:
        if member.value == s:
            return member
    choices = "、".join(m.value for m in enum_cls)
    raise ValueError(f"“{s}”不在可选项中（{choices}）")
