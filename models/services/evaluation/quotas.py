"""The counting rules of a branch or a round (pure): levels against their quotas (优秀 at most
1/3), member turnout (95%) and the public raters' share of the membership (20%)."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .definitions import Definition
from .scoring import group_raters


@dataclass
class BranchTally:
    """What the quota and turnout rules look at, for one branch (or the whole round)."""

    name: str
    members: int = 0
    graded: int = 0
    levels: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    raters: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def tally(defn: Definition, name: str, sheets: list[tuple[bool, str | None, dict[str, Any]]]) -> BranchTally:
    """From (graded, final level, rater results) of one branch's sheets."""
    t = BranchTally(name, members=len(sheets))
    for graded, level, raters in sheets:
        if graded:
            t.graded += 1
            if level:
                t.levels[level] += 1
        for group in defn.raters:
            t.raters[group.name] = max(t.raters[group.name], group_raters(group, raters.get(group.name)))
    return t


def quota_warnings(defn: Definition, t: BranchTally, per: str = "branch",
                   limits_only: bool = False) -> list[str]:
    """Levels over their share of the graded subjects (e.g. 优秀 at most 1/3 of a branch)."""
    out = []
    for q in defn.quotas:
        if q.per != per or t.graded == 0 or (limits_only and q.kind != "limit"):
            continue
        n = t.levels.get(q.level, 0)
        word = "建议" if q.kind == "guidance" else "最多"
        if q.max_share is not None and n > q.max_share * t.graded:
            allowed = math.floor(q.max_share * t.graded)
            out.append(f"{t.name}：{q.level}{n}个，超过参评{t.graded}个的{_share_text(q.max_share)}"
                       f"（{word}{allowed}个）")
        if q.min_share is not None and n < q.min_share * t.graded:
            out.append(f"{t.name}：{q.level}{n}个，低于参评{t.graded}个的{_share_text(q.min_share)}"
                       f"（建议至少{math.ceil(q.min_share * t.graded)}个）")
    return out


def _pct(share: Decimal) -> str:
    return f"{(share * 100).normalize():f}"


def _share_text(share: Fraction) -> str:
    if share == Fraction(1, 3):
        return "三分之一"
    return f"{float(share) * 100:g}%"


def turnout_warnings(defn: Definition, t: BranchTally) -> list[str]:
    """Member turnout under the minimum (95%), public raters under 20% of the membership."""
    out = []
    if t.members == 0:
        return out
    if defn.min_turnout is not None and defn.turnout_group:
        n = t.raters.get(defn.turnout_group, 0)
        if n and Decimal(n) < defn.min_turnout * t.members:
            out.append(f"{t.name}：{defn.turnout_group}参评{n}人，党员{t.members}人，"
                       f"参评率{Decimal(n) * 100 / t.members:.1f}%，低于{_pct(defn.min_turnout)}%")
    if defn.min_public_share is not None and defn.public_group:
        n = t.raters.get(defn.public_group, 0)
        started = any(t.raters.get(g.name, 0) for g in defn.raters)
        if not n and started:
            need = math.ceil(defn.min_public_share * t.members)
            out.append(f"{t.name}：没有群众参评（{defn.public_group}群众应不少于党员人数的"
                       f"{_pct(defn.min_public_share)}%，至少{need}人）")
        elif n and Decimal(n) < defn.min_public_share * t.members:
            need = math.ceil(defn.min_public_share * t.members)
            out.append(f"{t.name}：{defn.public_group}群众{n}人，少于党员人数的"
                       f"{_pct(defn.min_public_share)}%（至少{need}人）")
    return out
