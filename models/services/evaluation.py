"""Evaluations: pure scoring (no database) and the services behind the grid, the CLI and `check`.

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

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from fractions import Fraction
from importlib import resources
from typing import Any

from sqlalchemy import (
    and_,
    bindparam,
    case,
    false,
    func,
    insert,
    literal,
    null,
    select,
    true,
    update,
)
from sqlalchemy.orm import Session

from ..actor import Actor
from ..audit import AuditEntry, audit_row, diff, record
from ..enums import BRANCH_KINDS, OrgStatus, PartyStatus
from ..errors import ConflictError, DomainError, FieldError, NotFound, ValidationError
from ..evaluation import (
    ApprovalOutcome,
    EvaluationApproval,
    EvaluationFollowUp,
    EvaluationRound,
    EvaluationScheme,
    EvaluationSheet,
    FollowUpOutcome,
    PeriodKind,
    RoundStatus,
    SubjectKind,
)
from ..member import Member
from ..org import Organization
from ..values import identifier
from . import access
from .common import apply_changes, check_version, created, get_or_fail

STORE = Decimal("0.0001")
SHOW = Decimal("0.1")
UNQUALIFIED = "不合格"
NOT_GRADED = "不评定等次"

SUBJECTS = {"member": SubjectKind.MEMBER, "organization": SubjectKind.ORGANIZATION}
PERIODS = {"year": PeriodKind.YEAR, "half": PeriodKind.HALF, "quarter": PeriodKind.QUARTER,
           "month": PeriodKind.MONTH}


# ================================================================ scheme definitions


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


# ================================================================ pure scoring


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
            reason = _count_problem(n, "票数")
            if reason:
                errors.append(FieldError(f"{group.name}-{grade}", reason))
        reason = _count_problem(result.get("raters"), "参评人数")
        if reason:
            errors.append(FieldError(f"{group.name}-参评人数", reason))
    return errors


def _count_problem(n: Any, what: str) -> str | None:
    """Why a vote count is not a sane count (negative, 1e308 …): models.values.parse_count."""
    from .. import values

    try:
        values.parse_count(n, what)
    except ValueError as exc:
        return str(exc)
    return None


def item_label(item: Item) -> str:
    return f"{item.name}({item.max})" if item.max is not None else item.name


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


# ================================================================ periods


def parse_period(kind: PeriodKind, text: str) -> tuple[date, date]:
    """First and last day of "2026", "2026H1", "2026Q3" or "2026-10" for the scheme's period kind."""
    s = (text or "").strip().upper()
    try:
        if kind is PeriodKind.YEAR and len(s) == 4:
            y = int(s)
            return date(y, 1, 1), date(y, 12, 31)
        if kind is PeriodKind.HALF and len(s) == 6 and s[4] == "H" and s[5] in "12":
            y, h = int(s[:4]), int(s[5])
            return (date(y, 1, 1), date(y, 6, 30)) if h == 1 else (date(y, 7, 1), date(y, 12, 31))
        if kind is PeriodKind.QUARTER and len(s) == 6 and s[4] == "Q" and s[5] in "1234":
            y, q = int(s[:4]), int(s[5])
            start = date(y, 3 * q - 2, 1)
            end = date(y + (q == 4), 1 if q == 4 else 3 * q + 1, 1) - timedelta(days=1)
            return start, end
        if kind is PeriodKind.MONTH and len(s) == 7 and s[4] == "-":
            y, m = int(s[:4]), int(s[5:])
            start = date(y, m, 1)
            return start, date(y + (m == 12), 1 if m == 12 else m + 1, 1) - timedelta(days=1)
    except ValueError:
        pass
    examples = {PeriodKind.YEAR: "2026", PeriodKind.HALF: "2026H1", PeriodKind.QUARTER: "2026Q3",
                PeriodKind.MONTH: "2026-10"}
    raise ValidationError([FieldError("评价周期", f"“{text}”不是{kind.value}周期（如 {examples[kind]}）")])


def period_year(period: str) -> int:
    return int(period[:4])


# ================================================================ schemes (database)


def builtin_definitions() -> list[dict[str, Any]]:
    folder = resources.files("resources") / "schemes"
    out = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".json"):
            out.append(json.loads(entry.read_text(encoding="utf-8")))
    return out


def _scheme_from(data: dict[str, Any], builtin: bool, copy_of: int | None = None) -> EvaluationScheme:
    defn = parse_definition(data)
    return EvaluationScheme(name=defn.name, subject=defn.subject, period_kind=defn.period,
                            definition=json.dumps(data, ensure_ascii=False, indent=1), builtin=builtin,
                            copy_of=copy_of, note=defn.description[:200] or None)


def ensure_builtin_schemes(session: Session, actor: Actor) -> int:
    """Load the four built-in schemes of resources/schemes/ once; an existing name is left alone."""
    have = set(session.scalars(select(EvaluationScheme.name)))
    added = 0
    for data in builtin_definitions():
        if data["name"] in have:
            continue
        created(session, actor, _scheme_from(data, builtin=True), "evaluation_scheme", "内置评价方案")
        added += 1
    return added


def find_scheme(session: Session, name: str) -> EvaluationScheme:
    scheme = session.scalar(select(EvaluationScheme).where(EvaluationScheme.name == name.strip()))
    if scheme is None:
        names = "、".join(session.scalars(select(EvaluationScheme.name).order_by(EvaluationScheme.id)))
        raise NotFound(f"找不到评价方案“{name}”（现有：{names or '无，请先运行 init'}）")
    return scheme


def list_schemes(session: Session) -> list[EvaluationScheme]:
    return list(session.scalars(select(EvaluationScheme).order_by(EvaluationScheme.id)))


def has_locked_results(session: Session, scheme_id: int) -> bool:
    return bool(session.scalar(
        select(func.count()).select_from(EvaluationRound)
        .where(EvaluationRound.scheme_id == scheme_id, EvaluationRound.status == RoundStatus.LOCKED)
    ))


def copy_scheme(session: Session, actor: Actor, scheme_id: int, new_name: str) -> EvaluationScheme:
    access.require(actor, access.Permission.MANAGE_SETTINGS)
    source = get_or_fail(session, EvaluationScheme, scheme_id, "评价方案")
    data = json.loads(source.definition)
    data["name"] = new_name.strip()
    if session.scalar(select(EvaluationScheme.id).where(EvaluationScheme.name == data["name"])):
        raise ValidationError([FieldError("方案名称", f"已有名为“{data['name']}”的方案")])
    scheme = _scheme_from(data, builtin=False, copy_of=source.id)
    created(session, actor, scheme, "evaluation_scheme", f"复制自“{source.name}”")
    return scheme


def update_scheme(session: Session, actor: Actor, scheme_id: int, version: int | None,
                  data: dict[str, Any]) -> EvaluationScheme:
    """Edit a scheme's definition; refused once any of its rounds is locked (copy it instead)."""
    access.require(actor, access.Permission.MANAGE_SETTINGS)
    scheme = get_or_fail(session, EvaluationScheme, scheme_id, "评价方案")
    check_version(scheme, version, "评价方案")
    if has_locked_results(session, scheme_id):
        raise DomainError(f"评价方案“{scheme.name}”已有确定的评价结果，不能修改；请复制后修改副本")
    from ..scheme_check import check_scheme

    check_scheme(data)  # bands without overlaps or gaps, items adding up, weights summing to 1
    new = _scheme_from(data, builtin=scheme.builtin, copy_of=scheme.copy_of)
    other = session.scalar(select(EvaluationScheme.id).where(EvaluationScheme.name == new.name,
                                                             EvaluationScheme.id != scheme_id))
    if other:
        raise ValidationError([FieldError("方案名称", f"已有名为“{new.name}”的方案")])
    apply_changes(session, actor, scheme, {"name": new.name, "subject": new.subject,
                                           "period_kind": new.period_kind, "definition": new.definition,
                                           "note": new.note}, "evaluation_scheme")
    return scheme


# ================================================================ rounds


def round_label(session: Session, rnd: EvaluationRound) -> str:
    scope = session.get(Organization, rnd.scope_org_id)
    return f"{rnd.scheme.name} {rnd.period}（{scope.short_name or scope.name if scope else ''}）"


@dataclass(frozen=True)
class RoundChoices:
    """What the 开启评价 dialog offers the actor: schemes (name, whether it is a cadre review with
    approval steps), scopes (the county for county accounts, then the townships) and villages."""

    schemes: list[tuple[str, bool]]
    scopes: list[tuple[int, str]]
    villages: list[tuple[int, str]]


def round_choices(session: Session, actor: Actor) -> RoundChoices:
    from ..enums import OrgKind, Sector
    from .orgs import county_root, townships

    access.require_read(actor)
    schemes = [(s.name, bool(definition_of(s).approvals)) for s in list_schemes(session)]
    prefix = access.scope_path(session, actor)
    scopes = []
    if prefix is None:
        root = county_root(session)
        scopes.append((root.id, root.short_name or root.name))
    scopes += [(t.id, t.short_name or t.name) for t in townships(session)
               if prefix is None or t.path.startswith(prefix)]
    q = select(Organization.id, Organization.short_name, Organization.name).where(
        Organization.sector == Sector.RURAL, Organization.kind == OrgKind.BRANCH,
        Organization.status == OrgStatus.ACTIVE).order_by(Organization.path)
    q = access.limit(session, actor, q, Organization.path)
    villages = [(oid, short or name) for oid, short, name in session.execute(q)]
    return RoundChoices(schemes, scopes, villages)


def open_round(session: Session, actor: Actor, scheme: EvaluationScheme, period: str,
               scope_org: Organization, posting_days: int = 5) -> EvaluationRound:
    """A round in 草稿 with one sheet per subject in scope (bulk insert).

    Members: every current member of the scope's subtree whose 党籍 is normal; those still
    probationary at the end of the period take part ungraded when the scheme says so.
    Organizations: every active branch of the subtree.
    """
    access.require(actor, access.WRITE)
    access.require_in_scope(session, actor, scope_org.path)
    defn = definition_of(scheme)
    start, end = parse_period(scheme.period_kind, period)
    period = period.strip().upper()
    exists = session.scalar(select(EvaluationRound.id).where(
        EvaluationRound.scheme_id == scheme.id, EvaluationRound.period == period,
        EvaluationRound.scope_org_id == scope_org.id))
    if exists:
        raise ConflictError(f"“{scheme.name}”{period}（{scope_org.name}）的评价已经开启")
    rnd = EvaluationRound(scheme_id=scheme.id, period=period, scope_org_id=scope_org.id,
                          status=RoundStatus.DRAFT, posting_days=posting_days)
    created(session, actor, rnd, "evaluation_round")
    now = datetime.now().replace(microsecond=0)
    in_scope = select(Organization.id).where(Organization.path.startswith(scope_org.path))
    # one INSERT … SELECT: the database copies the subjects, nothing crosses to Python
    if scheme.subject is SubjectKind.MEMBER:
        graded = (true() if not defn.probationary_not_graded
                  else and_(Member.full_on.is_not(None), Member.full_on <= end))
        source = select(
            literal(rnd.id), Member.id, Member.org_id, case((graded, true()), else_=false()),
            literal("{}"), literal("{}"), literal(1), literal(now), literal(now),
        ).where(Member.ended_on.is_(None), Member.party_status == PartyStatus.NORMAL,
                Member.joined_on <= end, Member.org_id.in_(in_scope)).order_by(Member.org_id, Member.id)
    else:
        source = select(
            literal(rnd.id), null(), Organization.id, true(), literal("{}"), literal("{}"), literal(1),
            literal(now), literal(now),
        ).where(Organization.path.startswith(scope_org.path), Organization.kind.in_(BRANCH_KINDS),
                Organization.status == OrgStatus.ACTIVE).order_by(Organization.path)
    S = EvaluationSheet
    session.execute(insert(S).from_select(
        [S.round_id, S.member_id, S.org_id, S.graded, S.item_scores, S.rater_results, S.version,
         S.created_at, S.updated_at], source))
    rows = session.scalar(select(func.count()).select_from(S).where(S.round_id == rnd.id))
    record(session, actor.name, "open", "evaluation_round", rnd.id, {"sheets": [None, rows]},
           f"开启评价：{scheme.name} {period}，{rows}张评价表")
    if is_ledger(rnd):
        compute_round(session, actor, rnd.id)  # the running totals of the ledger, at once
    return rnd


def find_round(session: Session, actor: Actor, scheme_name: str, period: str,
               scope_org: Organization | None = None,
               need: access.Permission | None = None) -> EvaluationRound:
    """The round of a scheme and period. `need`: the permission the action on the round takes,
    checked before anything is looked up, so that a refused account is told so whatever the data."""
    access.require_read(actor)
    if need is not None:
        access.require(actor, need)
    scheme = find_scheme(session, scheme_name)
    q = select(EvaluationRound).where(EvaluationRound.scheme_id == scheme.id,
                                      EvaluationRound.period == period.strip().upper())
    if scope_org is not None:
        q = q.where(EvaluationRound.scope_org_id == scope_org.id)
    rounds = session.scalars(q.order_by(EvaluationRound.id)).all()
    if not rounds:
        raise NotFound(f"没有“{scheme.name}”{period}的评价（请先 evaluate open）")
    if len(rounds) > 1:
        raise NotFound(f"“{scheme.name}”{period}有{len(rounds)}个评价范围，请用 --org 指明")
    return rounds[0]


def list_rounds(session: Session) -> list[EvaluationRound]:
    return list(session.scalars(select(EvaluationRound).order_by(EvaluationRound.id.desc())))


def _require_draft(rnd: EvaluationRound) -> None:
    if rnd.status is not RoundStatus.DRAFT:
        raise DomainError(f"该评价处于“{rnd.status.value}”状态，只有草稿可以修改分数（请先退回草稿）")


def is_ledger(rnd: EvaluationRound) -> bool:
    """星级党员 quarters take their points from the 积分制 ledger (services/points.py)."""
    return rnd.scheme.name == "星级党员" and rnd.scheme.period_kind is PeriodKind.QUARTER


def _ledger_items(session: Session, rnd: EvaluationRound, member_ids: list[int]) -> dict[int, dict[str, str]]:
    from .points import running_items

    start, end = parse_period(rnd.scheme.period_kind, rnd.period)
    return running_items(session, [m for m in member_ids if m is not None], start.year, end)


def approval_gaps(session: Session, defn: Definition, sheet_ids: list[int]) -> dict[int, str]:
    """Sheets whose approval steps (双议双评: 党员群众商议, 乡镇党委审议) are not all 同意: sheet id →
    what is missing ("尚未乡镇党委审议", "党员群众商议不同意")."""
    if not defn.approvals or not sheet_ids:
        return {}
    got: dict[int, dict[str, ApprovalOutcome]] = defaultdict(dict)
    for i in range(0, len(sheet_ids), 5000):
        for sid, step, outcome in session.execute(
                select(EvaluationApproval.sheet_id, EvaluationApproval.step, EvaluationApproval.outcome)
                .where(EvaluationApproval.sheet_id.in_(sheet_ids[i:i + 5000]))):
            got[sid][step] = outcome
    out = {}
    for sid in sheet_ids:
        steps = got.get(sid, {})
        refused = [s for s in defn.approvals if steps.get(s) is ApprovalOutcome.DISAGREED]
        missing = [s for s in defn.approvals if s not in steps]
        if refused:
            out[sid] = f"{'、'.join(refused)}不同意"
        elif missing:
            out[sid] = f"尚未{'、'.join(missing)}"
    return out


def _require_approvals(session: Session, defn: Definition, sheet_ids: list[int]) -> None:
    gaps = approval_gaps(session, defn, sheet_ids)
    if gaps:
        sid, gap = next(iter(gaps.items()))
        sheet = session.get(EvaluationSheet, sid)
        who = session.get(Member, sheet.member_id).name if sheet.member_id else "该评价对象"
        more = f"等{len(gaps)}人" if len(gaps) > 1 else ""
        raise DomainError(f"“{who}”{more}{gap}：{'、'.join(defn.approvals)}均同意后才能录入评价")


def _refuse_ledger_entry(rnd: EvaluationRound) -> None:
    if is_ledger(rnd):
        raise DomainError("星级党员的积分来自积分台账：请在积分台账登记加分、扣分（或导入积分记录），"
                          "再重新计算本季度的累计积分")


def _loads(text: str | None) -> dict[str, Any]:
    return json.loads(text) if text else {}


def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def clean_entry(defn: Definition, items: dict[str, Any], raters: dict[str, Any]) -> tuple[dict, dict]:
    """Normalized JSON-ready entry (Decimals as strings, blanks dropped), or ValidationError."""
    out_items: dict[str, Any] = {}
    errors = []
    known_items = {i.name for i in defn.items}
    for key, value in items.items():
        if key not in known_items:
            errors.append(FieldError(key, "不是该方案的评价项目"))
        elif value is not None and value != "":
            try:
                out_items[key] = str(Decimal(str(value)))
            except InvalidOperation:
                errors.append(FieldError(key, f"“{value}”不是数字"))
    out_raters: dict[str, Any] = {}
    for name, result in raters.items():
        if name not in {g.name for g in defn.raters}:
            errors.append(FieldError(name, "不是该方案的评价主体"))
            continue
        group = defn.group(name)
        clean: dict[str, Any] = {}
        if result.get("score") not in (None, ""):
            try:
                clean["score"] = str(Decimal(str(result["score"])))
            except InvalidOperation:
                errors.append(FieldError(f"{name}(分)", f"“{result['score']}”不是数字"))
        votes = {g: n for g, n in (result.get("votes") or {}).items() if n not in (None, "")}
        for g, n in list(votes.items()):
            reason = _count_problem(n, "票数")
            if reason:
                errors.append(FieldError(f"{name}-{g}", reason))
                del votes[g]
            else:
                votes[g] = int(n)
        bad = [g for g in votes if g not in group.grades]
        if bad:
            errors.append(FieldError(name, f"没有“{'、'.join(bad)}”这一档"))
        if votes:
            clean["votes"] = votes
        if result.get("raters") not in (None, ""):
            reason = _count_problem(result["raters"], "参评人数")
            if reason:
                errors.append(FieldError(f"{name}-参评人数", reason))
            else:
                clean["raters"] = int(result["raters"])
        if clean:
            out_raters[name] = clean
    errors += entry_errors(defn, out_items, out_raters)
    if errors:
        raise ValidationError(errors)
    return out_items, out_raters


def enter_scores(session: Session, actor: Actor, sheet_id: int, version: int | None,
                 items: dict[str, Any] | None = None, raters: dict[str, Any] | None = None) -> EvaluationSheet:
    """Replace a sheet's entered points / votes (only the parts given) and recompute it; audited."""
    access.require(actor, access.WRITE)
    sheet = get_or_fail(session, EvaluationSheet, sheet_id, "评价表")
    org = session.get(Organization, sheet.org_id)
    access.require_in_scope(session, actor, org.path, org.name)
    check_version(sheet, version, "评价表")
    rnd = session.get(EvaluationRound, sheet.round_id)
    _require_draft(rnd)
    _refuse_ledger_entry(rnd)
    defn = definition_of(rnd.scheme)
    _require_approvals(session, defn, [sheet.id])
    new_items = _loads(sheet.item_scores) if items is None else items
    new_raters = _loads(sheet.rater_results) if raters is None else raters
    clean_items, clean_raters = clean_entry(defn, new_items, new_raters)
    total, level = sheet_result(defn, clean_items, clean_raters, sheet.graded)
    changes: dict[str, Any] = {"item_scores": _dumps(clean_items), "rater_results": _dumps(clean_raters),
                               "total": total, "computed_level": level}
    if sheet.override_reason is None:
        changes["final_level"] = level
    apply_changes(session, actor, sheet, changes, "evaluation_sheet")
    return sheet


def enter_many(session: Session, actor: Actor, entries: dict[int, tuple[dict, dict]], note: str) -> int:
    """Bulk entry (an imported workbook, already checked with clean_entry): written with one audit
    row per changed sheet, in a few statements."""
    access.require(actor, access.WRITE)
    if not entries:
        return 0
    S = EvaluationSheet
    session.flush()
    cols = (S.id, S.round_id, S.org_id, S.graded, S.item_scores, S.rater_results, S.total, S.computed_level,
            S.final_level, S.override_reason, S.version)
    ids = list(entries)
    sheets = {}
    for i in range(0, len(ids), 5000):
        for row in session.execute(select(*cols).where(S.id.in_(ids[i:i + 5000]))):
            sheets[row.id] = row
    prefix = access.scope_path(session, actor)
    if prefix is not None:
        org_ids = {row.org_id for row in sheets.values()}
        outside = session.scalars(select(Organization.name).where(
            Organization.id.in_(org_ids), ~Organization.path.startswith(prefix))).all()
        if outside:
            access.require_in_scope(session, actor, "/-/", f"“{outside[0]}”")
    rounds: dict[int, Definition] = {}
    now = datetime.now().replace(microsecond=0)
    params, audits = [], []
    for sid, (items, raters) in entries.items():
        sheet = sheets.get(sid)
        if sheet is None:
            raise NotFound(f"找不到评价表（编号{sid}）")
        if sheet.round_id not in rounds:
            rnd = session.get(EvaluationRound, sheet.round_id)
            _require_draft(rnd)
            _refuse_ledger_entry(rnd)
            rounds[sheet.round_id] = definition_of(rnd.scheme)
        total, level = sheet_result(rounds[sheet.round_id], items, raters, sheet.graded)
        new = {"item_scores": _dumps(items), "rater_results": _dumps(raters), "total": total,
               "computed_level": level,
               "final_level": level if sheet.override_reason is None else sheet.final_level}
        old = sheet._mapping
        changed = diff({k: (Decimal(old[k]) if k == "total" and old[k] is not None else old[k]) for k in new}, new)
        if not changed:
            continue
        params.append(dict(new, b_id=sid, b_read=sheet.version, version=sheet.version + 1, updated_at=now))
        audits.append(audit_row(actor.name, "update", "evaluation_sheet", sid, changed, note, now))
    for rid, defn in rounds.items():
        _require_approvals(session, defn, [p["b_id"] for p in params if sheets[p["b_id"]].round_id == rid])
    if params:
        table = S.__table__
        done = session.execute(  # WHERE version = the version read: a sheet changed meanwhile is caught
            update(table).where(table.c.id == bindparam("b_id"), table.c.version == bindparam("b_read")).values(
                {k: bindparam(k) for k in ("item_scores", "rater_results", "total", "computed_level",
                                           "final_level", "version", "updated_at")}),
            params)
        dialect = session.get_bind().dialect
        if dialect.supports_sane_multi_rowcount and done.rowcount not in (-1, len(params)):
            raise ConflictError(f"有{len(params) - done.rowcount}张评价表已被其他办事员修改，请重新导入")
        session.execute(insert(AuditEntry), audits)
        session.expire_all()
    return len(params)


def compute_round(session: Session, actor: Actor, round_id: int) -> int:
    """Recompute every sheet's total and level from what was entered (bulk); returns how many changed."""
    access.require(actor, access.WRITE)
    rnd = get_or_fail(session, EvaluationRound, round_id, "评价")
    access.require_in_scope(session, actor, session.get(Organization, rnd.scope_org_id).path, "该评价范围")
    _require_draft(rnd)
    defn = definition_of(rnd.scheme)
    session.flush()
    rows = session.execute(
        select(EvaluationSheet.id, EvaluationSheet.item_scores, EvaluationSheet.rater_results,
               EvaluationSheet.graded, EvaluationSheet.total, EvaluationSheet.computed_level,
               EvaluationSheet.final_level, EvaluationSheet.override_reason, EvaluationSheet.member_id)
        .where(EvaluationSheet.round_id == round_id)
    ).all()
    params = []
    from_ledger = _ledger_items(session, rnd, [r.member_id for r in rows]) if is_ledger(rnd) else None
    item_params = []
    cache: dict[tuple[str, str, bool], tuple[Decimal | None, str | None]] = {}
    for sid, items, raters, graded, total, level, final, reason, mid in rows:
        if from_ledger is not None:
            ledger_text = _dumps(from_ledger.get(mid, {}))
            if ledger_text != items:
                item_params.append({"b_id": sid, "item_scores": ledger_text})
                items = ledger_text
        key = (items, raters, graded)
        if key not in cache:
            cache[key] = sheet_result(defn, _loads(items), _loads(raters), graded)
        new_total, new_level = cache[key]
        new_final = final if reason is not None else new_level
        if (new_total != (None if total is None else Decimal(total)) or new_level != level
                or new_final != final):
            params.append({"b_id": sid, "total": new_total, "computed_level": new_level,
                           "final_level": new_final})
    if item_params:
        table = EvaluationSheet.__table__
        session.execute(update(table).where(table.c.id == bindparam("b_id"))
                        .values(item_scores=bindparam("item_scores")), item_params)
    if params:
        _set_results(session, params)
        session.expire_all()
    elif item_params:
        session.expire_all()
    record(session, actor.name, "compute", "evaluation_round", round_id, {"sheets": [None, len(params)]},
           f"计算结果：{len(rows)}张评价表，{len(params)}张有变化")
    return len(params)


def _set_results(session: Session, params: list[dict[str, Any]]) -> None:
    """total / computed_level / final_level of many sheets: UPDATE … FROM (VALUES …) in chunks of
    5,000 rows (SQLite ≥ 3.33 and PostgreSQL); far fewer round trips than one UPDATE per row."""
    conn = session.connection()
    sqlite = conn.dialect.name == "sqlite"
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    row_sql = f"({mark}, {mark}, {mark}, {mark})"
    for i in range(0, len(params), 5000):
        chunk = params[i:i + 5000]
        args: list[Any] = []
        for p in chunk:
            total = p["total"]
            args += [p["b_id"], (None if total is None else str(total)) if sqlite else total,
                     p["computed_level"], p["final_level"]]
        first = (f"(CAST({mark} AS INTEGER), CAST({mark} AS NUMERIC(9, 4)), CAST({mark} AS VARCHAR(20)), "
                 f"CAST({mark} AS VARCHAR(20)))")
        values_sql = ", ".join([first] + [row_sql] * (len(chunk) - 1))
        conn.exec_driver_sql(
            "UPDATE evaluation_sheet SET total = v.column2, computed_level = v.column3, "
            "final_level = v.column4, version = evaluation_sheet.version + 1, "
            f"updated_at = CURRENT_TIMESTAMP FROM (VALUES {values_sql}) AS v "
            "WHERE evaluation_sheet.id = v.column1",
            tuple(args),
        )


def override_level(session: Session, actor: Actor, sheet_id: int, version: int | None,
                   level: str | None, reason: str | None, body: str | None) -> EvaluationSheet:
    """A final level other than the computed one, with the reason and the deciding body;
    level None goes back to the computed level."""
    access.require(actor, access.WRITE)
    sheet = get_or_fail(session, EvaluationSheet, sheet_id, "评价表")
    check_version(sheet, version, "评价表")
    rnd = session.get(EvaluationRound, sheet.round_id)
    if rnd.status is RoundStatus.LOCKED:
        raise DomainError("评价结果已确定（锁定），不能调整等次；如需更正请先重新开启")
    org = session.get(Organization, sheet.org_id)
    access.require_in_scope(session, actor, org.path, org.name)
    defn = definition_of(rnd.scheme)
    if level is None:
        apply_changes(session, actor, sheet, {"final_level": sheet.computed_level, "override_reason": None,
                                              "override_body": None}, "evaluation_sheet", note="恢复计算等次")
        return sheet
    errors = []
    if level not in defn.levels:
        errors.append(FieldError("最终等次", f"应为{'、'.join(defn.levels)}之一"))
    if not sheet.graded:
        errors.append(FieldError("最终等次", "预备党员参加评议但不评定等次"))
    if not (reason or "").strip():
        errors.append(FieldError("调整理由", "最终等次与计算等次不同时必填"))
    if not (body or "").strip():
        errors.append(FieldError("决定机关", "最终等次与计算等次不同时必填"))
    if errors:
        raise ValidationError(errors)
    apply_changes(session, actor, sheet, {"final_level": level, "override_reason": reason.strip(),
                                          "override_body": body.strip()}, "evaluation_sheet",
                  note="调整最终等次")
    return sheet


TRANSITIONS: dict[tuple[RoundStatus, RoundStatus], str] = {
    (RoundStatus.DRAFT, RoundStatus.REVIEWED): "审核",
    (RoundStatus.REVIEWED, RoundStatus.DRAFT): "退回草稿",
    (RoundStatus.REVIEWED, RoundStatus.POSTED): "公示",
    (RoundStatus.POSTED, RoundStatus.DRAFT): "退回草稿",
}


def set_status(session: Session, actor: Actor, round_id: int, version: int | None, status: RoundStatus,
               posting_start: date | None = None) -> EvaluationRound:
    """草稿 → 已审核 → 公示中 (from posting_start; 5 days by default); back to 草稿 before locking."""
    access.require(actor, access.WRITE)
    rnd = get_or_fail(session, EvaluationRound, round_id, "评价")
    check_version(rnd, version, "评价")
    scope = session.get(Organization, rnd.scope_org_id)
    access.require_in_scope(session, actor, scope.path)
    step = TRANSITIONS.get((rnd.status, status))
    if step is None:
        raise DomainError(f"评价状态不能从“{rnd.status.value}”改为“{status.value}”")
    changes: dict[str, Any] = {"status": status}
    if status is RoundStatus.REVIEWED:
        blank = session.scalars(select(EvaluationSheet.id).where(
            EvaluationSheet.round_id == round_id, EvaluationSheet.total.is_(None))).all()
        defn = definition_of(rnd.scheme)
        refused = {sid for sid, gap in approval_gaps(session, defn, list(blank)).items() if "不同意" in gap}
        missing = len(blank) - len(refused)  # a cadre not approved is not evaluated
        if missing:
            raise DomainError(f"还有{missing}张评价表没有得出总分，不能审核")
    if status is RoundStatus.POSTED:
        changes["posting_start"] = posting_start or date.today()
    if status is RoundStatus.DRAFT:
        changes["posting_start"] = None
    apply_changes(session, actor, rnd, changes, "evaluation_round", note=step)
    return rnd


def posting_end(rnd: EvaluationRound) -> date | None:
    """The last day of the public posting (公示): start + days − 1."""
    if rnd.posting_start is None:
        return None
    return rnd.posting_start + timedelta(days=rnd.posting_days - 1)


def lock_round(session: Session, actor: Actor, round_id: int, version: int | None = None,
               today: date | None = None) -> EvaluationRound:
    """公示中 → 已确定 once the posting is over; 不合格 members get a one-year 限期改正 follow-up."""
    access.require(actor, access.Permission.LOCK_EVALUATIONS)
    today = today or date.today()
    rnd = get_or_fail(session, EvaluationRound, round_id, "评价")
    check_version(rnd, version, "评价")
    if rnd.status is not RoundStatus.POSTED:
        raise DomainError(f"评价处于“{rnd.status.value}”状态：须先审核并公示，公示期满后才能确定")
    end = posting_end(rnd)
    if end is not None and today <= end:
        raise DomainError(f"公示期至{end.isoformat()}，期满后才能确定结果")
    if rnd.rule_override_reason is None:
        breaches = round_breaches(session, round_id)
        if breaches:
            raise DomainError("不符合评议规则，不能确定结果：" + "；".join(breaches)
                              + "。请纠正后重新公示，或由决定机关记录例外理由和决定机关")
    apply_changes(session, actor, rnd, {"status": RoundStatus.LOCKED,
                                        "locked_at": datetime.now().replace(microsecond=0),
                                        "locked_by": actor.name}, "evaluation_round", note="确定并锁定")
    _open_followups(session, actor, rnd, today)
    return rnd


def _open_followups(session: Session, actor: Actor, rnd: EvaluationRound, today: date) -> int:
    rows = session.execute(
        select(EvaluationSheet.id, EvaluationSheet.member_id)
        .outerjoin(EvaluationFollowUp, EvaluationFollowUp.sheet_id == EvaluationSheet.id)
        .where(EvaluationSheet.round_id == rnd.id, EvaluationSheet.final_level == UNQUALIFIED,
               EvaluationSheet.member_id.is_not(None), EvaluationFollowUp.id.is_(None))
    ).all()
    for sid, mid in rows:
        deadline = _one_year_on(today)
        created(session, actor, EvaluationFollowUp(sheet_id=sid, member_id=mid, started_on=today,
                                                   deadline=deadline), "evaluation_followup",
                "评为不合格，限期改正一年")
    return len(rows)


def _one_year_on(d: date) -> date:
    try:
        return d.replace(year=d.year + 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year + 1, day=28)


def reopen_round(session: Session, actor: Actor, round_id: int, reason: str,
                 version: int | None = None) -> EvaluationRound:
    """已确定 → 草稿, with a reason (audited); needs the lock permission."""
    access.require(actor, access.Permission.LOCK_EVALUATIONS)
    rnd = get_or_fail(session, EvaluationRound, round_id, "评价")
    check_version(rnd, version, "评价")
    if rnd.status is not RoundStatus.LOCKED:
        raise DomainError("只有已确定的评价需要重新开启")
    if not (reason or "").strip():
        raise ValidationError([FieldError("重新开启理由", "必填")])
    apply_changes(session, actor, rnd, {"status": RoundStatus.DRAFT, "posting_start": None,
                                        "locked_at": None, "locked_by": None, "rule_override_reason": None,
                                        "rule_override_body": None}, "evaluation_round",
                  action="reopen", note=reason.strip())
    return rnd


# ================================================================ reading


@dataclass
class SheetRow:
    sheet_id: int
    version: int
    member_id: int | None
    org_id: int
    org_name: str
    subject_name: str
    id_number: str | None
    graded: bool
    items: dict[str, Any]
    raters: dict[str, Any]
    total: Decimal | None
    computed_level: str | None
    final_level: str | None
    override_reason: str | None
    override_body: str | None
    self_done: bool | None = None
    self_summary: str | None = None


def sheet_rows(session: Session, round_id: int, org_ids: list[int] | None = None) -> list[SheetRow]:
    """The round's sheets with names, branch by branch (plain columns: fast for a county round)."""
    S = EvaluationSheet
    rnd = get_or_fail(session, EvaluationRound, round_id, "评价")
    session.flush()
    q = (select(S.id, S.version, S.member_id, S.org_id, Organization.short_name, Organization.name,
                Member.name, Member.id_number, S.graded, S.item_scores, S.rater_results, S.total,
                S.computed_level, S.final_level, S.override_reason, S.override_body, S.self_done,
                S.self_summary)
         .join(Organization, Organization.id == S.org_id)
         .outerjoin(Member, Member.id == S.member_id)
         .where(S.round_id == rnd.id)
         .order_by(Organization.path, S.id))
    if org_ids is not None:
        q = q.where(S.org_id.in_(org_ids))
    out = []
    for (sid, version, mid, oid, short, full, mname, idn, graded, items, raters, total, level, final,
         reason, body, self_done, self_summary) in session.execute(q):
        out.append(SheetRow(sid, version, mid, oid, short or full, mname or full, idn, graded,
                            _loads(items), _loads(raters), None if total is None else Decimal(total),
                            level, final, reason, body, self_done, self_summary))
    return out


def round_signature(session: Session, round_id: int | None) -> tuple[Any, ...]:
    """What changes when any clerk changes a round or opens another: the rounds (id, version) and
    the round's sheet versions (count and sum). The window compares it to refresh."""
    rounds = tuple(session.execute(select(EvaluationRound.id, EvaluationRound.version)
                                   .order_by(EvaluationRound.id)).all())
    if round_id is None:
        return (rounds,)
    sheets = session.execute(select(func.count(), func.coalesce(func.sum(EvaluationSheet.version), 0))
                             .where(EvaluationSheet.round_id == round_id)).one()
    return (rounds, tuple(sheets))


def round_branches(session: Session, actor: Actor, round_id: int) -> list[tuple[int, str, int]]:
    """(org id, name, sheets) of the branches with sheets in the round, in the actor's township."""
    access.require_read(actor)
    q = (select(Organization.id, func.coalesce(Organization.short_name, Organization.name), func.count())
         .join(EvaluationSheet, EvaluationSheet.org_id == Organization.id)
         .where(EvaluationSheet.round_id == round_id))
    q = (access.limit(session, actor, q, Organization.path)
         .group_by(Organization.id, Organization.short_name, Organization.name, Organization.path)
         .order_by(Organization.path))
    return [tuple(r) for r in session.execute(q)]


def round_sheets(session: Session, actor: Actor, round_id: int,
                 org_ids: list[int] | None = None) -> list[SheetRow]:
    """The round's sheets as the actor may see them: its township only, ID numbers masked
    unless it may see them (the evaluation page)."""
    import dataclasses

    access.require_read(actor)
    visible = access.visible_org_ids(session, actor)
    if visible is not None:
        org_ids = visible if org_ids is None else [i for i in org_ids if i in set(visible)]
    rows = sheet_rows(session, round_id, org_ids)
    if access.masks_id_numbers(actor):
        rows = [dataclasses.replace(r, id_number=access.shown_id(actor, r.id_number)) for r in rows]
    return rows


def round_warnings(session: Session, round_id: int, org_ids: list[int] | None = None) -> list[str]:
    """Quota (per branch and per round) and turnout warnings of a round."""
    rnd = get_or_fail(session, EvaluationRound, round_id, "评价")
    defn = definition_of(rnd.scheme)
    rows = sheet_rows(session, round_id, org_ids)
    return warnings_for(defn, rows, whole_round=org_ids is None)


def warnings_for(defn: Definition, rows: list[SheetRow], whole_round: bool = True) -> list[str]:
    by_branch: dict[str, list[tuple[bool, str | None, dict]]] = defaultdict(list)
    for r in rows:
        by_branch[r.org_name].append((r.graded, r.final_level, r.raters))
    out = []
    if defn.subject is SubjectKind.MEMBER:
        for name, sheets in by_branch.items():
            t = tally(defn, name, sheets)
            out += quota_warnings(defn, t, "branch") + turnout_warnings(defn, t)
    if whole_round:
        t = tally(defn, "全部", [(r.graded, r.final_level, {}) for r in rows])
        out += quota_warnings(defn, t, "round")
    return out


def self_assessment_note(defn: Definition, rows: list[SheetRow]) -> str:
    """"自评：已完成N人，未完成N人，未记录N人" for a scheme with 个人自评, else ""."""
    if not defn.self_assessment:
        return ""
    done = sum(1 for r in rows if r.self_done)
    not_done = sum(1 for r in rows if r.self_done is False)
    return f"个人自评：已完成{done}人，未完成{not_done}人，未记录{len(rows) - done - not_done}人"


def breaches_for(defn: Definition, rows: list[SheetRow]) -> list[str]:
    """The rules that block 已确定 (unless set aside with a reason and a deciding body): a level over
    its limit in a branch (优秀 ≤ 1/3), member turnout under the minimum (95%), public raters under
    their share of the membership (20%), a branch with no public raters."""
    if defn.subject is not SubjectKind.MEMBER:
        return []
    by_branch: dict[str, list[tuple[bool, str | None, dict]]] = defaultdict(list)
    for r in rows:
        by_branch[r.org_name].append((r.graded, r.final_level, r.raters))
    out = []
    for name, sheets in by_branch.items():
        t = tally(defn, name, sheets)
        out += quota_warnings(defn, t, "branch", limits_only=True) + turnout_warnings(defn, t)
    return out


def round_breaches(session: Session, round_id: int) -> list[str]:
    rnd = get_or_fail(session, EvaluationRound, round_id, "评价")
    return breaches_for(definition_of(rnd.scheme), sheet_rows(session, round_id))


def override_rules(session: Session, actor: Actor, round_id: int, version: int | None,
                   reason: str | None, body: str | None) -> EvaluationRound:
    """Set the blocking rules aside for this round, with the reason and the deciding body (both
    required; shown in the results workbook); reason None withdraws the exception."""
    access.require(actor, access.Permission.LOCK_EVALUATIONS)
    rnd = get_or_fail(session, EvaluationRound, round_id, "评价")
    check_version(rnd, version, "评价")
    access.require_in_scope(session, actor, session.get(Organization, rnd.scope_org_id).path, "该评价范围")
    if rnd.status is RoundStatus.LOCKED:
        raise DomainError("评价结果已确定（锁定），不能再记录例外")
    if reason is None:
        apply_changes(session, actor, rnd, {"rule_override_reason": None, "rule_override_body": None},
                      "evaluation_round", note="撤销规则例外")
        return rnd
    errors = []
    if not reason.strip():
        errors.append(FieldError("例外理由", "必填"))
    if not (body or "").strip():
        errors.append(FieldError("决定机关", "必填"))
    if errors:
        raise ValidationError(errors)
    apply_changes(session, actor, rnd, {"rule_override_reason": reason.strip()[:200],
                                        "rule_override_body": body.strip()[:100]},
                  "evaluation_round", note="记录规则例外：" + "；".join(round_breaches(session, round_id))[:150])
    return rnd


def record_self_assessment(session: Session, actor: Actor, sheet_id: int, version: int | None,
                           done: bool, summary: str | None = None) -> EvaluationSheet:
    """个人自评 of one member: done or not done, with the summary (required when done)."""
    access.require(actor, access.WRITE)
    sheet = get_or_fail(session, EvaluationSheet, sheet_id, "评价表")
    check_version(sheet, version, "评价表")
    rnd = session.get(EvaluationRound, sheet.round_id)
    org = session.get(Organization, sheet.org_id)
    access.require_in_scope(session, actor, org.path, org.name)
    _require_draft(rnd)
    if sheet.member_id is None or not definition_of(rnd.scheme).self_assessment:
        raise DomainError(f"“{rnd.scheme.name}”没有个人自评环节")
    summary = (summary or "").strip() or None
    if done and summary is None:
        raise ValidationError([FieldError("自评摘要", "已完成自评时必填")])
    if summary and len(summary) > 500:
        raise ValidationError([FieldError("自评摘要", "不超过500字")])
    apply_changes(session, actor, sheet, {"self_done": bool(done), "self_summary": summary},
                  "evaluation_sheet", note="个人自评")
    return sheet


@dataclass(frozen=True)
class HistoryEntry:
    period: str
    scheme: str
    level: str | None
    total: Decimal | None
    change: str  # ↑ 上升, ↓ 下降, — 持平, "" first


def _history(session: Session, where) -> list[HistoryEntry]:
    q = (select(EvaluationScheme.name, EvaluationRound.period, EvaluationSheet.final_level,
                EvaluationSheet.total, EvaluationScheme.definition)
         .join(EvaluationRound, EvaluationRound.id == EvaluationSheet.round_id)
         .join(EvaluationScheme, EvaluationScheme.id == EvaluationRound.scheme_id)
         .where(where, EvaluationRound.status == RoundStatus.LOCKED)
         .order_by(EvaluationScheme.name, EvaluationRound.period))
    out: list[HistoryEntry] = []
    last: dict[str, int] = {}
    for name, period, level, total, definition in session.execute(q):
        levels = [b["level"] for b in json.loads(definition)["bands"]]
        rank = levels.index(level) if level in levels else None
        change = ""
        if name in last and rank is not None:
            change = "↑" if rank < last[name] else "↓" if rank > last[name] else "—"
        if rank is not None:
            last[name] = rank
        out.append(HistoryEntry(period, name, level, None if total is None else Decimal(total), change))
    return out


def member_history(session: Session, actor: Actor, member_id: int) -> list[HistoryEntry]:
    """A member's final levels by period (locked rounds), with up/down against the previous one.

    Refused for a member outside the actor's township."""
    access.require_read(actor)
    member = get_or_fail(session, Member, member_id, "党员")
    org = session.get(Organization, member.org_id)
    access.require_in_scope(session, actor, org.path if org else "", f"党员“{member.name}”")
    return _history(session, EvaluationSheet.member_id == member_id)


def member_by_id_number(session: Session, actor: Actor, id_number: str) -> Member:
    """The member with this ID number inside the actor's scope (the current record first).

    Outside the scope the answer is the same as for an unknown number, so that a township clerk
    cannot test whether a number belongs to a member elsewhere in the county."""
    access.require_read(actor)
    q = (select(Member).join(Organization, Organization.id == Member.org_id)
         .where(Member.id_number == identifier(id_number)))
    q = access.limit(session, actor, q, Organization.path)
    member = session.scalar(q.order_by(Member.ended_on.is_not(None), Member.id))
    if member is None:
        raise NotFound("找不到该身份证号的党员")
    return member


def org_history(session: Session, actor: Actor, org_id: int) -> list[HistoryEntry]:
    access.require_read(actor)
    org = get_or_fail(session, Organization, org_id, "党组织")
    access.require_in_scope(session, actor, org.path, f"“{org.name}”")
    return _history(session, (EvaluationSheet.org_id == org_id) & EvaluationSheet.member_id.is_(None))


# ================================================================ follow-ups


@dataclass(frozen=True)
class FollowUpRow:
    id: int
    version: int
    member_name: str
    org_name: str
    started_on: date
    deadline: date
    outcome: FollowUpOutcome | None
    outcome_on: date | None


def followups(session: Session, actor: Actor, open_only: bool = True) -> list[FollowUpRow]:
    """限期改正 of members in the actor's township."""
    access.require_read(actor)
    q = (select(EvaluationFollowUp, Member.name, func.coalesce(Organization.short_name, Organization.name))
         .join(Member, Member.id == EvaluationFollowUp.member_id)
         .join(Organization, Organization.id == Member.org_id)
         .order_by(EvaluationFollowUp.deadline, EvaluationFollowUp.id))
    q = access.limit(session, actor, q, Organization.path)
    if open_only:
        q = q.where(EvaluationFollowUp.outcome.is_(None))
    return [FollowUpRow(f.id, f.version, name, org, f.started_on, f.deadline, f.outcome, f.outcome_on)
            for f, name, org in session.execute(q)]


def resolve_followup(session: Session, actor: Actor, followup_id: int, version: int | None,
                     outcome: FollowUpOutcome, on: date, note: str | None = None) -> EvaluationFollowUp:
    """Close a 限期改正: 改正 closes it; 除名 / 劝退 also end the membership (members service, with
    its audit row). An outcome before the deadline needs a reason."""
    from ..enums import EndReason
    from .members import end_membership

    access.require(actor, access.WRITE)
    f = get_or_fail(session, EvaluationFollowUp, followup_id, "限期改正记录")
    check_version(f, version, "限期改正记录")
    member = session.get(Member, f.member_id)
    access.require_in_scope(session, actor, session.get(Organization, member.org_id).path, member.name)
    if f.outcome is not None:
        raise DomainError(f"“{member.name}”的限期改正已于{f.outcome_on}处理（{f.outcome.value}）")
    note = (note or "").strip() or None
    errors = []
    if on < f.started_on:
        errors.append(FieldError("处理日期", f"早于限期改正开始日期{f.started_on}"))
    elif on < f.deadline and note is None:
        errors.append(FieldError("理由", f"限期改正至{f.deadline}，期满前作出“{outcome.value}”须写明理由"))
    if errors:
        raise ValidationError(errors)
    apply_changes(session, actor, f, {"outcome": outcome, "outcome_on": on, "note": note},
                  "evaluation_followup")
    if outcome is not FollowUpOutcome.CORRECTED and member.ended_on is None:
        reason = EndReason.REMOVED if outcome is FollowUpOutcome.REMOVED else EndReason.PERSUADED_TO_LEAVE
        end_membership(session, actor, member.id, on, reason,
                       f"评议不合格，限期改正后{outcome.value}" + (f"：{note}" if note else ""))
    return f


def followup_findings(session: Session, actor: Actor, today: date) -> list[str]:
    """For `check`: every open 限期改正 in the actor's township, overdue ones first said so."""
    out = []
    for f in followups(session, actor, open_only=True):
        if f.deadline < today:
            state = f"已逾期{(today - f.deadline).days}天，应作出劝退或除名等处理"
        else:
            state = f"{(f.deadline - today).days}天后到期"
        out.append(f"评议不合格\t{f.org_name}\t{f.member_name}：限期改正至{f.deadline.isoformat()}，{state}")
    return out
