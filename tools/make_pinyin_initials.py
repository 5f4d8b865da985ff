"""Write resources/pinyin_initials.txt from the installed pypinyin (run after upgrading it):

    python tools/make_pinyin_initials.py

`models.services.members.initials` converts a name of up to six Chinese characters with this table
instead of loading pypinyin, whose phrase dictionary alone is 57 MB of memory and 0.15 s (the peak
of a 25,000-member import). The table holds what pypinyin's own conversion of such a name uses:
each character's initial as pypinyin gives it for the character alone; each phrase of two to six
characters with the initials pypinyin gives it; and the prefixes of longer phrases, which steer
pypinyin's segmentation (forward maximum matching over the prefixes of every phrase, keeping only
whole phrases). tests/test_pinyin_initials.py checks the file against this script and the
initials against pypinyin's."""

from __future__ import annotations

import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "resources" / "pinyin_initials.txt"
#: the longest name converted with the table (longer ones go to pypinyin)
LONGEST = 6


def table_text() -> str:
    from importlib.metadata import version

    from pypinyin import Style, lazy_pinyin
    from pypinyin.constants import RE_HANS
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    def initials(text: str) -> str:
        return "".join(p[0] for p in lazy_pinyin(text, style=Style.FIRST_LETTER) if p).lower()

    def hans(text: str) -> bool:
        return all(RE_HANS.match(ch) for ch in text)

    # a one-character phrase would be a word of its own in the segmentation: the table has none
    assert not any(len(p) == 1 for p in phrases_dict), "pypinyin has one-character phrases now"
    chars = [chr(code) for code in sorted(pinyin_dict) if hans(chr(code))]
    phrases = sorted(p for p in phrases_dict if 2 <= len(p) <= LONGEST and hans(p))
    derived = {p[:k] for p in phrases for k in range(1, len(p) + 1)}
    prefixes = {p[:k] for p in phrases_dict for k in range(1, min(LONGEST, len(p)) + 1) if hans(p[:k])}
    lines = [f"# pypinyin {version('pypinyin')}: made by tools/make_pinyin_initials.py, do not edit",
             "# character<TAB>initials; phrase<TAB>initials; the other prefixes of phrases (blank lines between)"]
    lines += [f"{ch}\t{initials(ch)}" for ch in chars]
    lines.append("")
    lines += [f"{p}\t{initials(p)}" for p in phrases]
    lines.append("")
    lines += sorted(prefixes - derived)
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    TARGET.write_text(table_text(), encoding="utf-8")
    print(f"wrote {TARGET}", file=sys.stderr)
