"""Evaluation schemes as data: the JSON of a scheme (items, rater groups, bands, quotas, rules)
checked and read into a `Definition`; every problem in a scheme is named."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from ...errors import FieldError, ValidationError
from ...evaluation import EvaluationScheme, PeriodKind, SubjectKind

SUBJECTS = {"member": SubjectKind.MEMBER, "organization": SubjectKind.ORGANIZATION}
PERIODS = {"year": PeriodKind.YEAR, "half": PeriodKind.HALF, "quarter": PeriodKind.QUARTER,
           "month": PeriodKind.MONTH}


@dataclass(frozen=True)
class Item:
    name: str
    max: Decimal | None
    kind: str = "score"  # score | add | deduct


@dataclass(frozen=True)
class RaterGroup:
    name: str
    mode: str  # score | votes
    weight: Decimal
    grades: dict[str, Decimal] = field(default_factory=dict)
    max: Decimal = Decimal(100)
    public: bool = False


@dataclass(frozen=True)
class Band:
    min: Decimal | None
    level: str


@dataclass(frozen=True)
class Quota:
    level: str
    max_share: Fraction | None
    min_share: Fraction | None
    per: str  # branch | round
    kind: str  # limit | guidance


@dataclass(frozen=True)
class Definition:
    name: str
    subject: SubjectKind
    period: PeriodKind
    items: tuple[Item, ...]
    raters: tuple[RaterGroup, ...]
    bands: tuple[Band, ...]
    quotas: tuple[Quota, ...]
    base: Decimal | None = None
    probationary_not_graded: bool = False
    min_turnout: Decimal | None = None
    turnout_group: str | None = None
    min_public_share: Decimal | None = None
    public_group: str | None = None
    approvals: tuple[str, ...] = ()
    description: str = ""
    #: 民主评议: each member's 个人自评 (done / not done, summary) is recorded before the votes
    self_assessment: bool = False

    @property
    def levels(self) -> list[str]:
        return [b.level for b in self.bands]

    def group(self, name: str) -> RaterGroup:
        return next(g for g in self.raters if g.name == name)


def _dec(value: Any, where: str, errors: list[FieldError]) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        errors.append(FieldError(where, f"“{value}”不是数字"))
        return None


def _share(value: Any, where: str, errors: list[FieldError]) -> Fraction | None:
    if value is None:
        return None
    try:
        return Fraction(str(value))
    except (ValueError, ZeroDivisionError):
        errors.append(FieldError(where, f"“{value}”不是比例（如 1/3 或 0.1）"))
        return None


def parse_definition(data: dict[str, Any]) -> Definition:
    """Check a scheme's JSON; every problem is named (ValidationError)."""
    errors: list[FieldError] = []
    name = str(data.get("name") or "").strip()
    if not name:
        errors.append(FieldError("方案名称", "必填"))
    subject = SUBJECTS.get(data.get("subject", ""))
    if subject is None:
        errors.append(FieldError("评价对象", "应为 member 或 organization"))
    period = PERIODS.get(data.get("period", ""))
    if period is None:
        errors.append(FieldError("评价周期", "应为 year、half、quarter 或 month"))
    items = []
    for raw in data.get("items") or []:
        kind = raw.get("kind", "score")
        if kind not in ("score", "add", "deduct"):
            errors.append(FieldError(f"评价项目“{raw.get('name')}”", "类型应为 score、add 或 deduct"))
        items.append(Item(str(raw.get("name")), _dec(raw.get("max"), "最高分", errors), kind))
    raters = []
    for raw in data.get("raters") or []:
        mode = raw.get("mode", "score")
        if mode not in ("score", "votes"):
            errors.append(FieldError(f"评价主体“{raw.get('name')}”", "方式应为 score 或 votes"))
        grades = {str(k): _dec(v, "票档分值", errors) or Decimal(0) for k, v in (raw.get("grades") or {}).items()}
        if mode == "votes" and not grades:
            errors.append(FieldError(f"评价主体“{raw.get('name')}”", "按票数评价须列出各档及分值"))
        raters.append(RaterGroup(str(raw.get("name")), mode, _dec(raw.get("weight", "1"), "权重", errors) or Decimal(0),
                                 grades, _dec(raw.get("max", "100"), "最高分", errors) or Decimal(100),
                                 bool(raw.get("public"))))
    if raters and sum(g.weight for g in raters) != 1:
        errors.append(FieldError("权重", "各评价主体的权重之和应为1（如 0.6 与 0.4）"))
    if not items and not raters:
        errors.append(FieldError("评价项目", "至少要有一个评价项目或评价主体"))
    bands = [Band(_dec(b.get("min"), "分档下限", errors), str(b.get("level"))) for b in data.get("bands") or []]
    if not bands or bands[-1].min is not None:
        errors.append(FieldError("分档", "最后一档应无下限（min 为 null）"))
    mins = [b.min for b in bands if b.min is not None]
    if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins):
        errors.append(FieldError("分档", "分档下限应从高到低排列且不重复"))
    quotas = []
    for raw in data.get("quotas") or []:
        if raw.get("level") not in [b.level for b in bands]:
            errors.append(FieldError("名额", f"等次“{raw.get('level')}”不在分档中"))
        quotas.append(Quota(str(raw.get("level")), _share(raw.get("max_share"), "名额比例", errors),
                            _share(raw.get("min_share"), "名额比例", errors), raw.get("per", "branch"),
                            raw.get("kind", "limit")))
    rules = data.get("rules") or {}
    group_names = {g.name for g in raters}
    for key in ("turnout_group", "public_group"):
        if rules.get(key) and rules[key] not in group_names:
            errors.append(FieldError("规则", f"评价主体“{rules[key]}”不存在"))
    if errors:
        raise ValidationError(errors)
    return Definition(
        name=name, subject=subject, period=period, items=tuple(items), raters=tuple(raters),
        bands=tuple(bands), quotas=tuple(quotas), base=_dec(data.get("base"), "基础分", errors),
        probationary_not_graded=bool(rules.get("probationary_not_graded")),
        min_turnout=_dec(rules.get("min_turnout"), "参评率", errors), turnout_group=rules.get("turnout_group"),
        min_public_share=_dec(rules.get("min_public_share"), "群众比例", errors),
        public_group=rules.get("public_group"), approvals=tuple(data.get("approvals") or ()),
        description=str(data.get("description") or ""),
        self_assessment=bool(rules.get("self_assessment")) or name == "民主评议党员",
    )


def definition_of(scheme: EvaluationScheme) -> Definition:
    return parse_definition(json.loads(scheme.definition))
