"""The counting rules of a branch or a round (pure): levels against their quotas (优秀 at most
1/3), member turnout (实到/应到 of full members at the recorded branch meeting, 95%) and the public
raters present at it against the membership (20%); docs/evaluation-rules.md."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .definitions import Definition
from .meetings import Meeting, percent
from .scoring import group_raters


@dataclass
class BranchTally:
    """What the quota and turnout rules look at, for one branch (or the whole round)."""

    name: str
    members: int = 0
    graded: int = 0
    levels: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    raters: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    #: the branch meeting recorded in the round (民主评议), None when not recorded
    meeting: Meeting | None = None


def tally(defn: Definition, name: str, sheets: list[tuple[bool, str | None, dict[str, Any]]],
          meeting: Meeting | None = None) -> BranchTally:
    """From (graded, final level, rater results) of one branch's sheets and its recorded meeting."""
    t = BranchTally(name, members=len(sheets), meeting=meeting)
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
    """The meeting rules of 民主评议 (docs/evaluation-rules.md): the branch meeting recorded; turnout
    实到/应到 of full members at least the minimum (95%); public raters present at least 20% of the
    membership. Votes received are no measure: members do not rate themselves."""
    out: list[str] = []
    if t.members == 0 or (defn.min_turnout is None and defn.min_public_share is None):
        return out
    m = t.meeting
    if m is None:
        return [f"{t.name}：未记录支部党员大会（会议日期、应到、实到、到会群众），参评率无从计算"]
    if m.expected < t.graded:  # 应到 is every full member: a smaller figure would flatter the turnout
        out.append(f"{t.name}：支部党员大会应到{m.expected}人，少于本支部正式党员{t.graded}人（应到应为全体正式党员）")
    if defn.min_turnout is not None and Decimal(m.present) < defn.min_turnout * m.expected:
        out.append(f"{t.name}：支部党员大会应到{m.expected}人，实到{m.present}人，参评率{percent(m.present, m.expected)}%，"
                   f"低于{_pct(defn.min_turnout)}%（党员参评率不低于{_pct(defn.min_turnout)}%）")
    if defn.min_public_share is not None:
        need = math.ceil(defn.min_public_share * t.members)
        if m.public_present == 0:
            out.append(f"{t.name}：没有群众参评（到会群众应不少于党员人数的{_pct(defn.min_public_share)}%，"
                       f"党员{t.members}人，至少{need}人）")
        elif Decimal(m.public_present) < defn.min_public_share * t.members:
            out.append(f"{t.name}：到会群众{m.public_present}人，少于党员人数的{_pct(defn.min_public_share)}%"
                       f"（党员{t.members}人，至少{need}人）")
    return out
