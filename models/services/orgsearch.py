"""Find an organization from what a clerk types: full name, short name, part of either, or the
pinyin initials of either ("gzz" for 高庄镇). Used by every organization picker, so that a text
that matches nothing or several organizations is refused instead of silently taking the first.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..actor import Actor
from ..enums import MEMBER_HOLDING_KINDS
from ..errors import NotFound
from .members import initials
from .orgs import org_choices, township_id_of_path


@dataclass(frozen=True)
class OrgEntry:
    id: int
    name: str
    short_name: str | None
    #: the township-level committee containing it ("" for the county committee itself)
    township: str
    keys: tuple[str, ...]

    @property
    def label(self) -> str:
        """What the picker shows: the full name, then the township it belongs to."""
        if self.township and self.township != self.name:
            return f"{self.name}（{self.township}）"
        return self.name


def _norm(text: str) -> str:
    return "".join(text.split()).lower()


def org_entries(session: Session, actor: Actor, holding_members: bool = False,
                include_root: bool = True, exclude: set[int] | None = None) -> list[OrgEntry]:
    """The active organizations the actor may choose, in tree order, with their township."""
    every = org_choices(session, actor)  # one query: the townships' names come from it too
    names = {c.id: c.short_name or c.name for c in every}
    out = []
    for c in every:
        if ((exclude and c.id in exclude) or (holding_members and c.kind not in MEMBER_HOLDING_KINDS)
                or (not include_root and c.parent_id is None)):
            continue
        tid = township_id_of_path(c.path)
        township = names.get(tid, "") if tid is not None else ""
        out.append(OrgEntry(c.id, c.name, c.short_name, township, search_keys(c.name, c.short_name)))
    return out


def search_keys(*names: str | None) -> tuple[str, ...]:
    """What a typed text is matched against: each name and its pinyin initials, normalised."""
    return tuple(_norm(k) for name in names if name for k in (name, initials(name)))


def matches(text: str, keys: tuple[str, ...]) -> bool:
    """Whether typed text is part of one of the keys (every text matches when empty)."""
    t = _norm(text)
    return not t or any(t in k for k in keys)


def search(entries: list[OrgEntry], text: str, limit: int | None = None) -> list[OrgEntry]:
    """Entries matching `text`, best first: exact name, exact short name, then names that start
    with it, then names containing it (initials count as names); when nothing matches so, the
    names whose initials start with its first letter and hold its other letters in order (some
    characters skipped). Ties keep tree order."""
    t = _norm(text)
    if not t:
        return entries[:limit] if limit else list(entries)
    ranked: list[tuple[int, int, OrgEntry]] = []
    for pos, e in enumerate(entries):
        if t == _norm(e.name):
            rank = 0
        elif e.short_name and t == _norm(e.short_name):
            rank = 1
        elif any(k.startswith(t) for k in e.keys):
            rank = 2
        elif any(t in k for k in e.keys) or t in _norm(e.label):
            rank = 3
        else:
            continue
        ranked.append((rank, pos, e))
    if not ranked and t.isascii() and t.isalpha():  # initials with some skipped: hfdy → 宏丰村第一党支部
        ranked = [(4, pos, e) for pos, e in enumerate(entries)
                  if any(_initials_in_order(t, k) for k in e.keys[1::2])]
    ranked.sort(key=lambda r: (r[0], r[1]))
    found = [e for _r, _p, e in ranked]
    return found[:limit] if limit else found


def _initials_in_order(typed: str, initials_key: str) -> bool:
    """Whether the typed letters are the key's first initial and then some of the others, in order."""
    if not initials_key.startswith(typed[0]):
        return False
    rest = iter(initials_key[1:])
    return all(ch in rest for ch in typed[1:])


def resolve(entries: list[OrgEntry], text: str) -> OrgEntry:
    """The one organization `text` names. An exact full name, or a short name that only one
    organization has, wins; otherwise the text must match exactly one organization."""
    t = _norm(text)
    if not t:
        raise NotFound("请选择党组织")
    exact = [e for e in entries if _norm(e.name) == t or _norm(e.label) == t]
    if len(exact) == 1:
        return exact[0]
    short = [e for e in entries if e.short_name and _norm(e.short_name) == t]
    if len(short) == 1:
        return short[0]
    found = exact or short or search(entries, text)
    if not found:
        raise NotFound(f"没有与“{text.strip()}”相符的党组织，请从列表中选择")
    if len(found) > 1:
        shown = "、".join(e.label for e in found[:3])
        more = f"等{len(found)}个" if len(found) > 3 else ""
        raise NotFound(f"“{text.strip()}”对应多个党组织（{shown}{more}），请从列表中选择")
    return found[0]
