"""Sorting Chinese text as Excel and WPS do in a Chinese locale: by pinyin (张 after 王, 龚 among
the g's), not by code point. A character's reading is its first (most common) one."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _char_key(ch: str) -> str:
    code = ord(ch)
    if code < 0x3400:  # not a CJK ideograph: digits and Latin letters sort before Chinese
        return ch.lower()
    from pypinyin.pinyin_dict import pinyin_dict

    readings = pinyin_dict.get(code)
    if not readings:
        return "~" + ch  # no known reading: after every reading, by code point
    from pypinyin import Style
    from pypinyin.style import convert

    first = readings.split(",")[0]
    return "{" + convert(first, Style.TONE3, strict=False, default=first) + "}"


def pinyin_key(text: str) -> str:
    """A sort key for a name: 龚 (gong3) before 张 (zhang1); characters of one reading by tone."""
    if text.isascii():  # digits and Latin letters only (ID and phone numbers): each character lowered
        return text.lower()
    return "".join(_char_key(ch) for ch in text)


def sort_key(value: Any) -> tuple[float, Any]:
    """For any cell: empty last, numbers by value, dates in order, text by pinyin."""
    if value is None or value == "":
        return (2, "")
    if isinstance(value, str):
        return (1, pinyin_key(value))
    if hasattr(value, "isoformat"):
        return (0.5, value.isoformat())
    return (0, value)
