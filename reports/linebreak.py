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


# ---------------------------------------------------------------- titles (words kept whole)

#: words the segmenter must keep whole in titles (its dictionary splits some of them)
TITLE_WORDS = (
    "提示函", "督办函", "预警函", "工作提示函", "工作督办函", "工作预警函", "三函", "基层党建",
    "党组织", "党支部", "党总支", "党委", "党员", "销号", "督查通报", "整改落实", "逾期未整改",
)
#: a title line should not start with these (particles and conjunctions lean on what precedes)
NO_TITLE_START = ("的", "之", "和", "与", "及", "等", "了", "或", "并")
#: a title line should not end with these (prepositions lean on what follows)
NO_TITLE_END = ("关于", "对于", "对", "在", "为", "把", "将", "并", "和", "与", "及", "或", "至", "到", "做好", "加强",
                "进一步")
_UNIT = re.compile(r"^[年月日号期届次个项条份批名%]")
_NUMBER = re.compile(r"^[0-9０-９〇一二三四五六七八九十百千]+$")

_segmenter = None


def _jieba():
    """jieba's tokenizer, initialised on first use with its bundled dictionary (offline, quiet)."""
    global _segmenter
    if _segmenter is None:
        import logging

        import jieba

        # quiet: no "Building prefix dict" lines on the clerk's console, nor a traceback when the
        # temporary folder is read-only (jieba then just rebuilds its index next time)
        jieba.setLogLevel(logging.CRITICAL)
        tk = jieba.Tokenizer()
        for word in TITLE_WORDS:
            tk.add_word(word, freq=200_000)
        _segmenter = tk
    return _segmenter


def words(text: str) -> list[str]:
    """``text`` cut into words that a title line must not split: jieba's words, a number with its
    unit (2026年, 11月, 3个) and a date (2026年11月) kept together, punctuation attached to the
    word it belongs to (closing marks to the word before, opening marks to the word after)."""
    try:
        raw = [w for w in _jieba().lcut(text, HMM=True) if w]
    except Exception:  # noqa: BLE001 - no segmenter: one character per word, rules still hold
        import logging

        logging.getLogger(__name__).warning("jieba unavailable; titles break between characters",
                                            exc_info=True)
        raw = list(text)
    # Latin/digit runs that jieba split (e.g. "GB/T") come back together through the tokenizer
    out: list[str] = []
    for w in raw:
        if out and _UNIT.match(w) and (_NUMBER.match(out[-1]) or out[-1][-1:].isdigit()):
            out[-1] += w[0]
            if len(out) > 1 and re.fullmatch(r"\d+[月日号]", out[-1]) \
                    and re.search(r"\d+[年月]$", out[-2]):
                out[-2:] = [out[-2] + out[-1]]  # 2026年 + 11月
            if len(w) > 1:
                out.append(w[1:])
            continue
        if w[0] in NO_START and out:
            out[-1] += w
            continue
        if out and out[-1][-1] in NO_END:
            out[-1] += w
            continue
        out.append(w)
    return out


def title_lines(text: str, width: float, measure: Measure | None = None,
                max_lines: int = 4) -> list[str]:
    """Break a title the way GB/T 9704 asks (标题回行时要做到词意完整，排列对称，长短适宜):
    only between words (:func:`words`), in as few lines as fit, the lines as even as possible,
    a trapezoid or diamond rather than a rectangle or hourglass, no line starting with a particle
    (的、和、与) or ending with a preposition (关于、对). Falls back to :func:`break_lines` when a
    single word is wider than a line."""
    m = measure or char_units
    text = text.strip()
    if not text or m(text) <= width + 1e-6:
        return [text] if text else []
    toks = words(text)
    widths = [m(t) for t in toks]
    if max(widths) > width + 1e-6:
        return break_lines(text, width, m)
    n_tok = len(toks)
    prefix = [0.0]
    for w in widths:
        prefix.append(prefix[-1] + w)
    total = prefix[-1]
    unit = m("国") or 1.0
    best: tuple[float, list[int]] | None = None
    least = max(2, int(-(-total // width)))
    for n in range(least, min(max_lines, n_tok) + 1):
        mean = total / n

        def cost(cuts: list[int], n: int = n, mean: float = mean) -> float:
            bounds = [0, *cuts, n_tok]
            lens = [prefix[bounds[i + 1]] - prefix[bounds[i]] for i in range(n)]
            c = sum(((x - mean) / unit) ** 2 for x in lens)
            for i in range(n):
                first, last = toks[bounds[i]], toks[bounds[i + 1] - 1]
                if i > 0 and first.startswith(NO_TITLE_START):
                    c += 40
                if i < n - 1 and last in NO_TITLE_END:
                    c += 40
            if lens[-1] < 2.5 * unit:  # a word or two left hanging
                c += 30
            if n == 2 and abs(lens[0] - lens[1]) < 0.25 * unit:
                c += 0.5  # a rectangle: a trapezoid reads better
            if n >= 3 and any(lens[i] < lens[i - 1] - 0.25 * unit and lens[i] < lens[i + 1] - 0.25 * unit
                              for i in range(1, n - 1)):
                c += 6  # an hourglass
            return c + 100 * (n - least)

        def search(start: int, left: int, cuts: list[int], n: int = n, cost=cost) -> None:
            nonlocal best
            if left == 1:
                if prefix[n_tok] - prefix[start] <= width + 1e-6:
                    c = cost(cuts)
                    if best is None or c < best[0]:
                        best = (c, list(cuts))
                return
            for k in range(start + 1, n_tok - left + 2):
                if prefix[k] - prefix[start] > width + 1e-6:
                    break
                search(k, left - 1, [*cuts, k])

        search(0, n, [])
        if best is not None and best[0] < 100 * (n - least + 1):
            break
    if best is None:
        return break_lines(text, width, m)
    bounds = [0, *best[1], n_tok]
    lines = ["".join(toks[bounds[i]:bounds[i + 1]]).strip(" \t\u3000") for i in range(len(bounds) - 1)]
    return [line for line in lines if line]
