"""Chinese line breaking (禁则 / kinsoku) for fixed-grid official documents. Pure functions.

Rules:
- a line never starts with closing punctuation (，。、；：？！）》」』”’】〕…% and the like);
- a line never ends with an opening mark (（《「『“‘【〔 and the like);
- a run of Latin letters/digits (2026, 13800000000, 3.5%, GB/T) is never split, unless it is
  longer than a whole line; "……" and "——" stay together;
- to satisfy the rules, characters are pulled down to the next line (the renderer then
  justifies the shorter line so the right edge stays flush); only when that is impossible
  (a line made only of punctuation) a closing mark may hang past the right edge.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

NO_START = frozenset(
    "，。、；：？！）》」』”’】〕〉〗〙〛｝］…‥％‰℃·・～"
    ",.;:?!)]}%>"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶー々〻"
)
NO_END = frozenset("（《「『“‘【〔〈〖〘〚｛［([{<")

_TOKEN = re.compile(
    r"[A-Za-z0-9]+(?:[.,:/\-_@+][A-Za-z0-9]+)*%?"  # words and numbers (2026, 3.5%, GB/T, 1.2.3)
    r"|…+|—+|‥+"  # ellipsis and dash runs stay together
    r"|[ \t\u3000]+"  # spaces: break opportunities (dropped at line edges)
    r"|.",
    re.S,
)

Measure = Callable[[str], float]


def is_wide(ch: str) -> bool:
    """Full-width in Chinese text: wide, fullwidth and ambiguous East Asian characters."""
    return unicodedata.east_asian_width(ch) in ("W", "F", "A")


def char_units(text: str) -> float:
    """Default measure: full-width characters count 1, others 0.5."""
    return sum(1.0 if is_wide(ch) else 0.5 for ch in text)


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _is_space(tok: str) -> bool:
    return tok.strip(" \t\u3000") == ""


def _bad_start(tok: str) -> bool:
    return tok[:1] in NO_START


def _bad_end(tok: str) -> bool:
    return tok[-1:] in NO_END


def _split_long(tok: str, avail: float, measure: Measure) -> tuple[str, str]:
    """Split a token wider than a line: as many characters as fit (at least one)."""
    n = 1
    while n < len(tok) and measure(tok[: n + 1]) <= avail + 1e-6:
        n += 1
    return tok[:n], tok[n:]


def break_lines(text: str, width: float, measure: Measure | None = None,
                indent: float = 0.0, eps: float = 1e-6) -> list[str]:
    """Break ``text`` into lines no wider than ``width``.

    ``measure`` gives a string's width in the same unit as ``width`` (default: characters,
    full-width = 1, half-width = 0.5). ``indent`` narrows the first line (e.g. 2 characters for a
    paragraph). A newline in ``text`` forces a break. Returns the lines without the indent.
    """
    m = measure or char_units
    lines: list[str] = []
    for n, part in enumerate(text.split("\n")):
        lines += _break_part(part, width, m, indent if n == 0 else 0.0, eps)
    return lines


def _break_part(text: str, width: float, m: Measure, indent: float, eps: float) -> list[str]:
    tokens = tokenize(text)
    lines: list[str] = []
    cur: list[str] = []
    curw = 0.0
    avail = width - indent

    def flush(parts: list[str]) -> None:
        while parts and _is_space(parts[-1]):
            parts = parts[:-1]
        lines.append("".join(parts))

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        w = m(tok)
        if _is_space(tok) and not cur:
            i += 1
            continue
        if curw + w <= avail + eps:
            cur.append(tok)
            curw += w
            i += 1
            continue
        if _is_space(tok):
            flush(cur)
            cur, curw, avail = [], 0.0, width
            i += 1
            continue
        if not cur:
            # a single token wider than the line: split it where it overflows
            head, rest = _split_long(tok, avail, m)
            tokens[i : i + 1] = [head, rest] if rest else [head]
            cur, curw = [head], m(head)
            i += 1
            continue
        # find a break k: cur[:k] stays, cur[k:] + tok go down
        k = len(cur)
        while k > 0:
            nxt = cur[k] if k < len(cur) else tok
            if _is_space(nxt) or not (_bad_start(nxt) or _bad_end(cur[k - 1])):
                break
            k -= 1
        if k == 0 or all(_is_space(t) for t in cur[:k]):
            # impossible to satisfy by pulling down: hang a closing mark, else force the break
            if _bad_start(tok):
                cur.append(tok)
                i += 1
                flush(cur)
                cur, curw, avail = [], 0.0, width
                continue
            k = len(cur)
        flush(cur[:k])
        cur = cur[k:]
        while cur and _is_space(cur[0]):
            cur.pop(0)
        curw = sum(m(t) for t in cur)
        avail = width
    if cur or not lines:
        flush(cur)
    return lines
