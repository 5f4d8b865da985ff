"""Checks on an evaluation scheme's definition beyond its shape (which
models/services/evaluation/definitions.py parses): bands that overlap or leave gaps, items that do
not add up to the total, rater weights that do not sum to 1, quotas outside the bands. Each fault
is named in Chinese.

Used by ``evaluate scheme-edit`` (update_scheme) and by the scheme form on the 设置 page.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from .errors import FieldError, ValidationError

#: the full score of a scheme unless its definition says "total"
DEFAULT_TOTAL = Decimal(100)


def _num(value: Any) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        return None


def _fmt(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def scheme_faults(data: dict[str, Any]) -> list[FieldError]:
    """Every fault of the definition (empty when it is sound)."""
    faults: list[FieldError] = []
    total = _num(data.get("total")) or DEFAULT_TOTAL
    faults += _item_faults(data, total)
    faults += _weight_faults(data)
    levels = [str(b.get("level") or "").strip() for b in data.get("bands") or []]
    faults += _band_faults(data.get("bands") or [], total)
    faults += _quota_faults(data.get("quotas") or [], levels)
    return faults


def check_scheme(data: dict[str, Any]) -> None:
    """ValidationError naming every fault."""
    faults = scheme_faults(data)
    if faults:
        raise ValidationError(faults)


def _item_faults(data: dict[str, Any], total: Decimal) -> list[FieldError]:
    items = data.get("items") or []
    if not items:
        return []
    faults = []
    names = [str(i.get("name") or "").strip() for i in items]
    for n, name in enumerate(names, start=1):
        if not name:
            faults.append(FieldError("评价项目", f"第{n}项没有名称"))
    dupes = sorted({n for n in names if n and names.count(n) > 1})
    for name in dupes:
        faults.append(FieldError("评价项目", f"“{name}”重复"))
    maxes: dict[str, list[Decimal]] = {"score": [], "add": [], "deduct": []}
    for raw, name in zip(items, names, strict=True):
        value = _num(raw.get("max"))
        if value is None:
            faults.append(FieldError(f"评价项目“{name}”", "最高分应为数字"))
            continue
        if value <= 0:
            faults.append(FieldError(f"评价项目“{name}”", f"最高分{_fmt(value)}应大于0"))
        maxes.setdefault(str(raw.get("kind", "score")), []).append(value)
    if faults:
        return faults
    base = _num(data.get("base"))
    if base is not None:
        top = base + sum(maxes["add"], Decimal(0)) + sum(maxes["score"], Decimal(0))
        if top != total:
            faults.append(FieldError("评价项目", f"基础分{_fmt(base)}分加各加分项目最高分合计为{_fmt(top)}分，"
                                               f"应为满分{_fmt(total)}分"))
    elif maxes["score"]:
        top = sum(maxes["score"], Decimal(0))
        if top != total:
            faults.append(FieldError("评价项目", f"各评价项目最高分合计为{_fmt(top)}分，应为满分{_fmt(total)}分"))
    return faults


def _weight_faults(data: dict[str, Any]) -> list[FieldError]:
    raters = data.get("raters") or []
    if not raters:
        return []
    faults = []
    weights = []
    for raw in raters:
        name = str(raw.get("name") or "").strip() or "（未命名）"
        w = _num(raw.get("weight", "1"))
        if w is None or w <= 0 or w > 1:
            faults.append(FieldError(f"评价主体“{name}”", f"权重“{raw.get('weight')}”应为大于0、不大于1的数"))
            continue
        weights.append(w)
    if not faults and sum(weights, Decimal(0)) != 1:
        faults.append(FieldError("权重", f"各评价主体的权重之和应为1（现为{_fmt(sum(weights, Decimal(0)))}）"))
    return faults


def _band_faults(bands: list[dict[str, Any]], total: Decimal) -> list[FieldError]:
    if not bands:
        return [FieldError("分档", "至少要有一档")]
    faults = []
    levels = [str(b.get("level") or "").strip() for b in bands]
    for n, level in enumerate(levels, start=1):
        if not level:
            faults.append(FieldError("分档", f"第{n}档没有等次名称"))
    for level in sorted({v for v in levels if v and levels.count(v) > 1}):
        faults.append(FieldError("分档", f"等次“{level}”重复"))
    mins = [_num(b.get("min")) for b in bands]
    for band, level, low in zip(bands, levels, mins, strict=True):
        if band.get("min") not in (None, "") and low is None:
            faults.append(FieldError(f"分档“{level}”", f"下限“{band.get('min')}”不是数字"))
    if faults:
        return faults
    for n in range(len(bands) - 1):
        if mins[n] is None:
            faults.append(FieldError(f"分档“{levels[n]}”", "只有最后一档可以没有下限；没有下限的一档覆盖了其下各档，分档重叠"))
    if mins[-1] is not None:
        faults.append(FieldError(f"分档“{levels[-1]}”", f"最低一档的下限为{_fmt(mins[-1])}分，低于{_fmt(mins[-1])}分的得分"
                                                          "没有等次（分档有空档）；最低一档应不设下限"))
    for n in range(1, len(bands)):
        hi, lo = mins[n - 1], mins[n]
        if hi is None or lo is None:
            continue
        if lo >= hi:
            faults.append(FieldError("分档", f"“{levels[n]}”（{_fmt(lo)}分以上）与“{levels[n - 1]}”"
                                              f"（{_fmt(hi)}分以上）重叠：分档应从高到低排列，下限逐档降低"))
    for n, band in enumerate(bands):
        upper = _num(band.get("max"))
        if upper is None:
            continue
        expected = total if n == 0 else mins[n - 1]
        if expected is None:
            continue
        if upper < expected:
            faults.append(FieldError(f"分档“{levels[n]}”", f"上限{_fmt(upper)}分与上一档的下限{_fmt(expected)}分之间有空档"))
        elif upper > expected:
            faults.append(FieldError(f"分档“{levels[n]}”", f"上限{_fmt(upper)}分超过上一档的下限{_fmt(expected)}分，分档重叠"))
    if mins[0] is not None and mins[0] > total:
        faults.append(FieldError(f"分档“{levels[0]}”", f"下限{_fmt(mins[0])}分高于满分{_fmt(total)}分，无法达到"))
    return faults


def _share(value: Any) -> Fraction | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return Fraction(str(value).strip())
    except (ValueError, ZeroDivisionError):
        return Fraction(-1)


def _quota_faults(quotas: list[dict[str, Any]], levels: list[str]) -> list[FieldError]:
    faults = []
    for raw in quotas:
        level = str(raw.get("level") or "").strip()
        if level not in levels:
            faults.append(FieldError("名额", f"等次“{level}”不在分档中"))
        low, high = _share(raw.get("min_share")), _share(raw.get("max_share"))
        for what, share in (("最低比例", low), ("最高比例", high)):
            if share is not None and not 0 <= share <= 1:
                faults.append(FieldError(f"名额“{level}”", f"{what}“{raw.get('min_share' if what == '最低比例' else 'max_share')}”"
                                                         "应为0到1之间的比例（如 1/3 或 0.1）"))
        if low is not None and high is not None and 0 <= low <= 1 and 0 <= high <= 1 and low > high:
            faults.append(FieldError(f"名额“{level}”", "最低比例大于最高比例"))
    return faults
