"""Pure scoring (no database): totals, bands, entry checks.

Rounding rule (the one rule for every scheme)
----------------------------------------------
* Totals are exact Decimals. Entered points (at most two decimals) are added without any rounding:
  89.95 stays 89.95.
* Where a vote share or a weight divides, the quotient is computed with 28 significant digits and
  the total is then cut (rounded toward zero, never up) to 4 decimals, the scale of the stored
  column. A score therefore never climbs into a higher band through rounding.
* The band is chosen by that exact value: 89.95 is ★★★★ in 星级党支部 (80 ≤ x < 90), not ★★★★★.
* A total is shown with one decimal, also cut toward zero (`display_score`): 89.95 shows as
  "89.9", so the figure a clerk sees never contradicts the level beside it.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from typing import Any

from ...errors import FieldError
from .common import count_problem
from .definitions import Definition, Item, RaterGroup

STORE = Decimal("0.0001")
SHOW = Decimal("0.1")
NOT_GRADED = "不评定等次"


def cut(value: Decimal, step: Decimal = STORE) -> Decimal:
    """Toward zero to `step` (never up): the stored scale, or one decimal for display."""
    return value.quantize(step, rounding=ROUND_DOWN)


def display_score(total: Decimal | None) -> str:
    """One decimal, cut toward zero: 89.95 → "89.9" (see the module's rounding rule)."""
    if total is None:
        return ""
    return f"{cut(Decimal(total), SHOW):.1f}"


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
    Rater groups: Σ weight × group score (each group out of 100), cut to 4 decimals.
    """
    if defn.raters:
        total = Decimal(0)
        for group in defn.raters:
            score = group_score(group, raters.get(group.name))
            if score is None:
                return None
            total += group.weight * score
        return cut(total)
    if defn.base is not None:
        total = defn.base
        for item in defn.items:
            value = items.get(item.name)
            if value is None:
                continue
            total += Decimal(str(value)) if item.kind != "deduct" else -Decimal(str(value))
        return cut(total)
    values = [items.get(item.name) for item in defn.items]
    if any(v is None for v in values):
        return None
    return cut(sum((Decimal(str(v)) for v in values), Decimal(0)))


def band_level(defn: Definition, total: Decimal | None) -> str | None:
    """The level whose lower bound the exact total reaches (bands from high to low)."""
    if total is None:
        return None
    for band in defn.bands:
        if band.min is None or total >= band.min:
            return band.level
    return None  # pragma: no cover - the last band has no lower bound


def sheet_result(defn: Definition, items: dict[str, Any], raters: dict[str, Any],
                 graded: bool) -> tuple[Decimal | None, str | None]:
    """(total, computed level); probationary members get a total but no level."""
    total = compute_total(defn, items, raters)
    if not graded:
        return total, NOT_GRADED if total is not None else None
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
