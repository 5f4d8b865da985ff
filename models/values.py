"""Turn what a clerk typed (or a spreadsheet cell held) into a value, or say why not."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
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
#: the earliest date a cell may hold: before it, a date is an Excel blank/0/1 (1899-12-30,
#: 1899-12-31, 1900-01-01) or a typing slip, never a real event of a living member or branch
EARLIEST_DATE = date(1901, 1, 1)
#: the Party was founded in 1921: no joining, full membership or founding before that year
PARTY_FOUNDED = date(1921, 1, 1)
#: the largest count (votes, people) a sheet may hold; the largest amount or score
MAX_COUNT = 1_000_000
MAX_NUMBER = Decimal("1000000000")
#: characters that are not visible and only ever come from copying: removed from identifiers
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
#: the longest text a cell holds in Excel: every text column is limited to it at most
EXCEL_CELL_LIMIT = 32_767
#: characters no text may hold (docs/input-checks.md): C0 and C1 controls and DEL (a line break and a
#: tab only in a multi-line text), the bidirectional overrides, embeddings and isolates that make a
#: name read backwards, zero-width and other invisible format characters, and the Unicode line and
#: paragraph separators
_HIDDEN = ("\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029"
           "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb")
_BAD_MULTILINE = re.compile(f"[{_HIDDEN}]")
_BAD_ONE_LINE = re.compile(f"[{_HIDDEN}\t\n\r]")
_NAMES = {"\t": "制表符", "\n": "换行", "\r": "回车", "\x1b": "ESC 控制字符", "\x00": "空字符（NUL）",
          "\u202e": "从右到左覆盖符（U+202E）", "\u202d": "从左到右覆盖符（U+202D）",
          "\u200b": "零宽空格（U+200B）", "\u200d": "零宽连接符（U+200D）", "\ufeff": "零宽不换行空格（U+FEFF）"}
TRUE_WORDS = {"是", "有", "y", "yes", "true", "1", "√"}
FALSE_WORDS = {"否", "无", "n", "no", "false", "0", ""}


def identifier(value: Any, upper: bool = True) -> str:
    """The one normalisation of every identifier (ID number, phone, code) on every path.

    NFKC (full-width digits and letters become ASCII, the ideographic space a space), every
    other Unicode decimal digit (Arabic-Indic, Devanagari …) its ASCII digit, whitespace and
    invisible characters removed, letters in upper case (x → X). Applied before any check or
    comparison, so ０１２…Ｘ typed in a form, a cell or a search finds the same member.
    """
    text = str(value)
    if text.isascii():  # the usual case: NFKC leaves ASCII as it is, no other digits to map
        text = "".join(text.split())
        return text.upper() if upper else text
    text = _identifier_once(text, upper)
    for _ in range(3):  # composing characters may need a second pass; stop at the fixed point
        again = _identifier_once(text, upper)
        if again == text:
            break
        text = again
    return text


def _identifier_once(value: str, upper: bool) -> str:
    s = unicodedata.normalize("NFKC", value).translate(_INVISIBLE)
    out = []
    for ch in s:
        if ch.isspace():
            continue
        if not ch.isascii():
            d = unicodedata.decimal(ch, None)
            if d is not None:
                ch = str(d)
        out.append(ch)
    text = unicodedata.normalize("NFKC", "".join(out))
    return text.upper() if upper else text


def same_text(value: Any) -> str:
    """What makes two texts “the same” for duplicate checks: NFKC (full-width = half-width) and no
    whitespace at all (Chinese text does not separate words, so “召开 党员大会” re-typed with a
    space, a full-width space or a line break is still the same task)."""
    if value is None:
        return ""
    return "".join(unicodedata.normalize("NFKC", str(value)).split())


def text_problem(value: Any, multiline: bool = False) -> str | None:
    """Why a text cannot be stored, or None: the one check of every name and text, in the forms,
    the services, the imports and every ORM write (models/lengths.py). A single-line text (a name,
    a phone, a title) holds no line break or tab; no text holds a control character, a
    bidirectional override or an invisible character (docs/input-checks.md)."""
    if not isinstance(value, str):
        return None
    m = (_BAD_MULTILINE if multiline else _BAD_ONE_LINE).search(value)
    if m is None:
        return None
    ch = m.group()
    if ch in "\t\n\r":
        return f"不能含有{_NAMES[ch]}（只能填一行）"
    name = _NAMES.get(ch, f"不可见的控制字符（U+{ord(ch):04X}）")
    return f"第{m.start() + 1}个字符是{name}，请删去后再保存"


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
    return identifier(value) or None


def parse_date(value: Any) -> date | None:
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return _plausible(value.date(), value)
    if isinstance(value, date):
        return _plausible(value, value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        # an Excel serial number that came through as a number
        if 1 <= value < 2958466:
            return _plausible(date(1899, 12, 30) + timedelta(days=int(value)), value)
        raise ValueError(f"“{value}”不是日期")
    s = unicodedata.normalize("NFKC", str(value)).strip()
    for pattern in _DATE_PATTERNS:
        m = pattern.match(s)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            try:
                return _plausible(date(y, mo, d), s)
            except ValueError as exc:
                if "早于" in str(exc):
                    raise
                raise ValueError(f"“{s}”不是有效日期") from None
    raise ValueError(f"“{s}”不是日期（应如2026-03-05、2026/3/5、2026.3.5或2026年3月5日）")


def required_date(value: Any, field: str) -> date:
    """A date that must be given, as typed; refused (ValidationError) under its field's name."""
    from .errors import FieldError, ValidationError

    try:
        day = parse_date(value)
    except ValueError as exc:
        raise ValidationError([FieldError(field, str(exc))]) from None
    if day is None:
        raise ValidationError([FieldError(field, "必填")])
    return day


def _plausible(d: date, shown: Any) -> date:
    if d < EARLIEST_DATE:
        raise ValueError(
            f"“{shown}”早于{EARLIEST_DATE.year}年，不是有效日期（Excel把0或1当成日期时会显示为1900年前后）"
        )
    return d


def today() -> date:
    """Today, for the plausibility checks (one place a test can set the clock)."""
    return date.today()


def past_date_error(d: date | None, party: bool = False, today: date | None = None) -> str | None:
    """Why a date that records something past (found, started, held, founded, joined) cannot be.

    `party`: a Party date (joining, full membership, a Party organization's founding) is not
    before 1921.
    """
    if d is None:
        return None
    today = today or globals()["today"]()
    if d > today:
        return f"{d.isoformat()}晚于今天，应为已发生的日期"
    if party and d < PARTY_FOUNDED:
        return f"{d.isoformat()}早于{PARTY_FOUNDED.year}年（中国共产党成立于1921年）"
    return None


def parse_count(value: Any, what: str = "人数", maximum: int = MAX_COUNT) -> int | None:
    """A count (votes, people): a whole number from 0 to `maximum`."""
    if is_blank(value):
        return None
    if isinstance(value, float) and not value.is_integer():
        raise ValueError(f"“{value:g}”不是整数" if value == value and abs(value) != float("inf")
                         else f"{what}应为整数")
    try:
        n = parse_int(value)
    except (ValueError, OverflowError):
        raise ValueError(f"{what}应为整数") from None
    if n is None:
        return None
    if n < 0:
        raise ValueError(f"{what}不能为负数")
    if n > maximum:
        raise ValueError(f"{what}{n:.6g}过大（最多{maximum}）")
    return n


def check_number(d: Decimal | None, what: str = "数值", minimum: Decimal | None = Decimal(0),
                 maximum: Decimal = MAX_NUMBER) -> str | None:
    """Why a number (score, amount) is absurd, or None: not finite, negative, or beyond `maximum`."""
    if d is None:
        return None
    if not d.is_finite():
        return f"{what}不是有效数字"
    if minimum is not None and d < minimum:
        return f"{what}不能小于{minimum}"
    if d > maximum:
        return f"{what}过大（最多{maximum}）"
    return None


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
        return int(unicodedata.normalize("NFKC", str(value)).strip())
    except ValueError:
        raise ValueError(f"“{value}”不是整数") from None


def parse_decimal(value: Any) -> Decimal | None:
    """Money in yuan, exact, to the fen: a float cell goes through the 15 digits Excel shows, and an
    amount with more than two decimals is refused, never rounded (docs/input-checks.md)."""
    if is_blank(value):
        return None
    try:
        amount = Decimal(f"{value:.15g}" if isinstance(value, float)
                         else unicodedata.normalize("NFKC", str(value)).strip())
    except InvalidOperation:
        raise ValueError(f"“{value}”不是金额") from None
    problem = check_number(amount, "金额", None, Decimal("999999999999.99"))
    if problem:
        raise ValueError(problem)
    if amount != amount.quantize(Decimal("0.01")):
        raise ValueError(f"“{amount}”超过两位小数（金额以元为单位，最多到分），请核对后重新填写")
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
