"""GB 11643-1999 citizen ID numbers: checksum, sex and birth date."""

from __future__ import annotations

from datetime import date
from operator import mul

from .values import identifier

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"


class IdNumberError(ValueError):
    pass


_ZERO_OFFSET = 48 * sum(WEIGHTS)  # the weighted sum of 17 "0" characters' codes


def check_char(first17: str) -> str:
    if len(first17) != 17:
        raise ValueError("check_char needs the first 17 digits")
    if first17.isascii() and first17.isdigit():  # the bytes' codes minus those of "0"
        total = sum(map(mul, first17.encode("ascii"), WEIGHTS)) - _ZERO_OFFSET
    else:  # int() raises ValueError for anything that is not a digit
        total = sum(map(mul, map(int, first17), WEIGHTS))
    return CHECK_CHARS[total % 11]


def normalize(raw: str) -> str:
    """Full-width or other Unicode digits and X, spaces: see models.values.identifier."""
    return identifier(raw)


def birth_date_of(number: str) -> date:
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as exc:
        raise IdNumberError(f"出生日期部分“{number[6:14]}”不是有效日期") from exc


def is_male(number: str) -> bool:
    return int(number[16]) % 2 == 1


def validate(raw: str, today: date | None = None) -> str:
    """The normalized number, or IdNumberError with a reason a clerk understands."""
    number = normalize(raw)
    check(number, today)
    return number


def check(number: str, today: date | None = None) -> date:
    """The birth date of a number already normalized, or IdNumberError (as `validate`)."""
    if len(number) != 18:
        raise IdNumberError(f"应为18位，实为{len(number)}位")
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise IdNumberError("前17位须为数字，末位为数字或X")
    expected = check_char(number[:17])
    if number[17] != expected:
        raise IdNumberError(f"校验位错误（末位应为{expected}）")
    birth = birth_date_of(number)
    if birth > (today or date.today()):
        raise IdNumberError(f"出生日期{birth.isoformat()}晚于今天")
    return birth


def masked(number: str) -> str:
    """As shown to accounts that may not see ID numbers: 6 digits, stars, the last 4."""
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def is_valid(raw: str) -> bool:
    try:
        validate(raw)
    except IdNumberError:
        return False
    return True


def make(region: str, birth: date, serial: int, male: bool) -> str:
    """A valid number (for demo data and tests): serial 0–99, the sex digit follows `male`."""
    seq = f"{serial % 100:02d}{(serial // 100 % 5) * 2 + (1 if male else 0)}"
    first17 = f"{region}{birth:%Y%m%d}{seq}"
    return first17 + check_char(first17)
