"""Pure scoring (no database): totals, bands, entry checks.

Rounding rule (the one rule for every scheme; docs/evaluation-rules.md)
-----------------------------------------------------------------------
* The exact total is computed with Decimals (vote shares and weights with 28 significant digits),
  then rounded ONCE, half up, to one decimal (`Decimal.quantize(Decimal("0.1"), ROUND_HALF_UP)`).
  That rounded value is the total: stored, shown in the grid, written to every workbook, printed
  by the command line.
* The level is decided on the rounded total: 89.95 → 90.0 → ★★★★★ in 星级党支部; 59.95 → 60.0.
* No other rounding or cutting happens anywhere, so the figure a clerk sees never contradicts
  the level beside it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ...errors import FieldError
from .common import count_problem
from .definitions import Definition, Item, RaterGroup

SHOW = Decimal("0.1")
#: the stored total has the same scale as the shown one: one decimal (see the rounding rule)
STORE = SHOW
NOT_GRADED = "不评定等次"


def round_score(value: Decimal) -> Decimal:
    """The one rounding rule: half up to one decimal (92.59 → 92.6, 89.95 → 90.0, 59.95 → 60.0)."""
    return Decimal(value).quantize(SHOW, rounding=ROUND_HALF_UP)


def display_score(total: Decimal | None) -> str:
    """A total as shown everywhere: one decimal, half up (92.59 → "92.6")."""
    if total is None:
        return ""
    return f"{round_score(Decimal(total)):.1f}"


def group_score(group: RaterGroup, result: dict[str, Any] | None) -> Decimal | None:
    """A rater group's score out of 100: the score given, or the vote-weighted points of each grade."""
    if not result:
        return None
    if group.mode == "score":
        score = result.get("score")
        return None if score is None else Decimal(str(score))
    votes = result.get("votes")
    if not votes:
        return None
    counted, points = 0, Decimal(0)
    for grade, value in group.grades.items():
        n = votes.get(grade)
        if n:
            counted += int(n)
            points += int(n) * value
    if counted == 0:
        return None
    return points / counted


def group_raters(group: RaterGroup, result: dict[str, Any] | None) -> int:
    """How many raters took part: the number recorded, or the votes cast."""
    if not result:
        return 0
    if result.get("raters") is not None:
        return int(result["raters"])
    if group.mode == "votes":
        return sum(int(v or 0) for v in (result.get("votes") or {}).values())
    return 1 if result.get("score") is not None else 0


def compute_total(defn: Definition, items: dict[str, Any], raters: dict[str, Any]) -> Decimal | None:
    """The exact total, or None while something needed is missing.

    Items only: the sum of item points. Base score: base + additions − deductions (blank = 0).
    Rater groups: Σ weight × group score (each group out of 100). Every total is then rounded
    half up to one decimal (`round_score`).
    """
    if defn.raters:
        total = Decimal(0)
        for group in defn.raters:
            score = group_score(group, raters.get(group.name))
            if score is None:
                return None
            total += group.weight * score
        return round_score(total)
    if defn.base is not None:
        total = defn.base
        for item in defn.items:
            value = items.get(item.name)
            if value is None:
                continue
            total += Decimal(str(value)) if item.kind != "deduct" else -Decimal(str(value))
        return round_score(total)
    values = [items.get(item.name) for item in defn.items]
    if any(v is None for v in values):
        return None
    return round_score(sum((Decimal(str(v)) for v in values), Decimal(0)))


def band_level(defn: Definition, total: Decimal | None) -> str | None:
    """The level whose lower bound the total rounded to one decimal reaches (bands from high to low):
    89.95 → 90.0 → ★★★★★."""
    if total is None:
        return None
    total = round_score(Decimal(total))
    for band in defn.bands:
        if band.min is None or total >= band.min:
            return band.level
    return None  # pragma: no cover - the last band has no lower bound


def sheet_result(defn: Definition, items: dict[str, Any], raters: dict[str, Any],
                 graded: bool, self_missing: bool = False) -> tuple[Decimal | None, str | None]:
    """(total, computed level); probationary members get a total but no level; a member whose
    个人自评 is required and missing (`self_missing`) gets a total but no grade yet."""
    total = compute_total(defn, items, raters)
    if not graded:
        return total, NOT_GRADED if total is not None else None
    if self_missing:
        return total, None
    return total, band_level(defn, total)


def entry_errors(defn: Definition, items: dict[str, Any], raters: dict[str, Any]) -> list[FieldError]:
    """Out-of-range points and negative votes, by column label."""
    errors = []
    for item in defn.items:
        value = items.get(item.name)
        if value is None:
            continue
        value = Decimal(str(value))
        if value < 0:
            errors.append(FieldError(item_label(item), "不能为负数（扣分请填正数）"))
        elif item.max is not None and value > item.max:
            errors.append(FieldError(item_label(item), f"超过最高分{item.max}"))
        elif value != value.quantize(Decimal("0.01")):
            errors.append(FieldError(item_label(item), "最多两位小数"))
    for group in defn.raters:
        result = raters.get(group.name) or {}
        if group.mode == "score" and result.get("score") is not None:
            score = Decimal(str(result["score"]))
            if score < 0 or score > group.max:
                errors.append(FieldError(f"{group.name}(分)", f"应在0到{group.max}之间"))
        for grade, n in (result.get("votes") or {}).items():
            reason = count_problem(n, "票数")
            if reason:
                errors.append(FieldError(f"{group.name}-{grade}", reason))
        reason = count_problem(result.get("raters"), "参评人数")
        if reason:
            errors.append(FieldError(f"{group.name}-参评人数", reason))
    return errors


def item_label(item: Item) -> str:
    return f"{item.name}({item.max})" if item.max is not None else item.name
