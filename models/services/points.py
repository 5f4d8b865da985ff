"""星级党员 积分制: the points ledger, one entry per event, and the running totals it gives.

Decisions
---------
* The year's total is the scheme's base (60) + the sum of the APPROVED entries of that year; the
  running total of a quarter counts the approved entries dated up to the quarter's last day. The
  stars are the scheme's bands applied to that total (星级党员: 70–79 is ★★).
* Entries recorded or imported by a county account (管理员 / 县级办事员 without a township) count
  at once; a township clerk's entries wait (待审核) until a county account approves them.
* Caps come from the scheme: each item's `max` is its cap for the year (additions and deductions
  alike, counted with the entries still waiting); rules.year_max_add caps all additions of a year.
* Additions are positive, deductions negative. A correction (更正) names the entry it corrects and
  may carry either sign; the entry it corrects is never changed.
* A quarter is locked when a 星级党员 round of that quarter covering the member's branch is
  已确定: its entries are read-only and no entry may be dated in it; corrections go in a later
  quarter as new entries.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from .. import values
from ..actor import Actor
from ..errors import DomainError, FieldError, NotFound, PermissionDenied, ValidationError
from ..evaluation import EvaluationRound, EvaluationScheme, PointsEntry, RoundStatus
from ..member import Member
from ..org import Organization
from . import access
from . import evaluation as ev
from .common import apply_changes, check_version, created, get_or_fail, many_rows
from .members import search_members
from .orgs import shown_names

SCHEME = "星级党员"
ENTITY = "points_entry"
PENDING = "待审核"


# ================================================================ the scheme


@dataclass(frozen=True)
class Ledger:
    """What the ledger takes from the 星级党员 scheme."""

    definition: ev.Definition
    year_max_add: Decimal | None

    @property
    def base(self) -> Decimal:
        return self.definition.base or Decimal(0)

    def item(self, name: str) -> ev.Item | None:
        return next((i for i in self.definition.items if i.name == name), None)

    def stars(self, total: Decimal) -> str:
        return ev.band_level(self.definition, total) or ""


def ledger(session: Session) -> Ledger:
    """The 星级党员 scheme of this database (the built-in one when none was loaded yet)."""
    text = session.scalar(select(EvaluationScheme.definition).where(EvaluationScheme.name == SCHEME))
    data = json.loads(text) if text else next(d for d in ev.builtin_definitions() if d["name"] == SCHEME)
    cap = (data.get("rules") or {}).get("year_max_add")
    return Ledger(ev.parse_definition(data), Decimal(str(cap)) if cap not in (None, "") else None)


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def quarter_end(year: int, quarter: int) -> date:
    return ev.parse_period(ev.PeriodKind.QUARTER, f"{year}Q{quarter}")[1]


def county_account(actor: Actor) -> bool:
    """Whose entries count at once and who approves: 管理员 / 县级办事员 of the whole county."""
    return actor.scope_org_id is None and access.may(actor, access.Permission.LOCK_EVALUATIONS)


def locked_rounds(session: Session, year: int) -> list[tuple[int, str]]:
    """(quarter, scope path) of the year's 已确定 星级党员 rounds."""
    q = (select(EvaluationRound.period, Organization.path)
         .join(EvaluationScheme, EvaluationScheme.id == EvaluationRound.scheme_id)
         .join(Organization, Organization.id == EvaluationRound.scope_org_id)
         .where(EvaluationScheme.name == SCHEME, EvaluationRound.status == RoundStatus.LOCKED,
                EvaluationRound.period.like(f"{year}Q%")))
    return [(int(period[5]), path) for period, path in session.execute(q)]


def locked_quarters(session: Session, org_path: str, year: int,
                    rounds: list[tuple[int, str]] | None = None) -> set[int]:
    """Quarters of `year` whose 星级党员 round covering a branch at `org_path` is 已确定."""
    rounds = locked_rounds(session, year) if rounds is None else rounds
    return {q for q, path in rounds if org_path.startswith(path)}


# ================================================================ checking an entry


#: the largest value an entry may carry (the column is Numeric(6, 2))
MAX_POINTS = Decimal("9999.99")


def parse_points(value: Any) -> Decimal | None:
    """"+5", "-3", 5, "−3" → Decimal; at most two decimals; ValueError with the reason."""
    if values.is_blank(value):
        return None
    s = repr(value) if isinstance(value, float) else str(value).strip()
    s = s.replace("−", "-").replace("＋", "+").replace("－", "-").replace("分", "")
    try:
        points = Decimal(s)
        finite = points.is_finite()
    except InvalidOperation:
        finite = False
    if not finite:  # also inf and NaN
        raise ValueError(f"“{value}”不是分值（如 +5 或 -3）")
    if abs(points) > MAX_POINTS:  # the column holds 6 digits, two after the point
        raise ValueError(f"分值须在 -{MAX_POINTS} 至 +{MAX_POINTS} 之间")
    if points != points.quantize(Decimal("0.01")):
        raise ValueError("分值最多两位小数")
    return points


def clean(book: Ledger, on: Any, item: Any, points: Any, reason: Any,
          correction: bool = False) -> tuple[dict[str, Any], list[FieldError]]:
    """The entry's values, or the errors by column (the import's headers)."""
    out: dict[str, Any] = {}
    errors: list[FieldError] = []
    try:
        out["entry_date"] = values.parse_date(on)
        if out["entry_date"] is None:
            errors.append(FieldError("日期", "必填"))
        elif out["entry_date"] > values.today():  # an event recorded before it happened: never
            errors.append(FieldError("日期", "不能晚于今天"))
    except ValueError as exc:
        errors.append(FieldError("日期", str(exc)))
    name = values.text(item)
    spec = book.item(name) if name else None
    if not name:
        errors.append(FieldError("积分项目", "必填"))
    elif spec is None:
        names = "、".join(i.name for i in book.definition.items)
        errors.append(FieldError("积分项目", f"“{name}”不是积分项目（可选：{names}）"))
    out["item"] = name
    try:
        value = parse_points(points)
    except ValueError as exc:
        errors.append(FieldError("分值", str(exc)))
        value = None
    if value is None and not any(e.field == "分值" for e in errors):
        errors.append(FieldError("分值", "必填"))
    elif value is not None:
        if value == 0:
            errors.append(FieldError("分值", "不能为0"))
        elif spec is not None and not correction:
            if spec.kind == "deduct" and value > 0:
                errors.append(FieldError("分值", f"“{spec.name}”是扣分项目，分值应为负数（如 -3）"))
            elif spec.kind != "deduct" and value < 0:
                errors.append(FieldError("分值", f"“{spec.name}”是加分项目，分值应为正数；"
                                         "撤销已记的加分请登记更正"))
    out["points"] = value
    text = values.text(reason)
    if not text:
        errors.append(FieldError("事由", "必填"))
    elif len(text) > 200:
        errors.append(FieldError("事由", "不超过200字"))
    out["reason"] = text
    return out, errors


def _sums(session: Session, member_id: int, year: int) -> dict[str, Decimal]:
    """Per item, the year's entries approved or waiting (what the caps look at)."""
    out: dict[str, Decimal] = defaultdict(Decimal)
    for item, points in session.execute(
        select(PointsEntry.item, PointsEntry.points).where(PointsEntry.member_id == member_id,
                                                           PointsEntry.year == year)):
        out[item] += Decimal(points)
    return out


def cap_errors(book: Ledger, sums: dict[str, Decimal], item: str, points: Decimal) -> list[FieldError]:
    """The item's cap for the year and the year's cap on additions, with this entry added."""
    spec = book.item(item)
    if spec is None:
        return []
    errors = []
    have = sums.get(item, Decimal(0))
    after = have + points
    sign = Decimal(-1) if spec.kind == "deduct" else Decimal(1)
    if spec.max is not None and sign * after > spec.max:
        errors.append(FieldError("分值", f"“{item}”全年最多{spec.max}分，已记{_fmt(sign * have)}分，"
                                 f"本条{_fmt(points)}分将超过上限"))
    if sign * after < 0:
        errors.append(FieldError("分值", f"“{item}”全年已记{_fmt(sign * have)}分，更正后不能小于0"))
    if book.year_max_add is not None and spec.kind != "deduct":
        adds = sum((v for k, v in sums.items() if (book.item(k) and book.item(k).kind != "deduct")),
                   Decimal(0))
        if adds + points > book.year_max_add:
            errors.append(FieldError("分值", f"全年加分最多{book.year_max_add}分，已加{_fmt(adds)}分，"
                                     f"本条{_fmt(points)}分将超过上限"))
    return errors


def _fmt(d: Decimal) -> str:
    return f"{Decimal(d).normalize():f}"


def signed(d: Decimal) -> str:
    """+5, -3, +0.5 — a ledger figure."""
    text = f"{Decimal(d).normalize():f}"
    return text if Decimal(d) < 0 else f"+{text}"


def _check_member(session: Session, actor: Actor, member_id: int) -> tuple[Member, Organization]:
    member = get_or_fail(session, Member, member_id, "党员")
    org = session.get(Organization, member.org_id)
    access.require_in_scope(session, actor, org.path, f"党员“{member.name}”")
    return member, org


def _date_errors(session: Session, member: Member, org: Organization, on: date) -> list[FieldError]:
    errors = []
    if on < member.joined_on:
        errors.append(FieldError("日期", f"早于“{member.name}”加入党组织的日期{member.joined_on}"))
    if member.ended_on is not None and on > member.ended_on:
        errors.append(FieldError("日期", f"“{member.name}”的党籍已于{member.ended_on}终止"))
    q = quarter_of(on)
    if q in locked_quarters(session, org.path, on.year):
        errors.append(FieldError("日期", f"{on.year}年第{q}季度的积分已公示确定（锁定），不能再登记；"
                                 "如需调整请在未锁定的季度登记更正"))
    return errors


# ================================================================ writing


def add_entry(session: Session, actor: Actor, member_id: int, on: Any, item: Any, points: Any,
              reason: Any, corrects_id: int | None = None, source: str | None = None) -> PointsEntry:
    """Record one event; approved at once for a county account, 待审核 for a township clerk."""
    access.require(actor, access.Permission.EDIT_RECORDS)
    member, org = _check_member(session, actor, member_id)
    book = ledger(session)
    original = None
    if corrects_id is not None:
        original = get_or_fail(session, PointsEntry, corrects_id, "积分记录")
        if original.member_id != member_id:
            raise DomainError("更正记录须与被更正的记录是同一名党员")
        item = original.item
    vals, errors = clean(book, on, item, points, reason, correction=original is not None)
    if not errors:
        errors += _date_errors(session, member, org, vals["entry_date"])
    if not errors:
        if original is not None and vals["entry_date"].year != original.year:
            errors.append(FieldError("日期", f"更正记录应记在被更正记录的年度（{original.year}年）"))
        errors += cap_errors(book, _sums(session, member_id, vals["entry_date"].year), vals["item"],
                             vals["points"])
    if errors:
        raise ValidationError(errors)
    entry = _new_entry(actor, member_id, vals, corrects_id, source)
    note = (f"更正第{corrects_id}号积分记录" if corrects_id else
            "县级账号登记，即时生效" if entry.approved_by else "乡镇登记，待县级审核")
    created(session, actor, entry, ENTITY, note)
    return entry


def _new_entry(actor: Actor, member_id: int, vals: dict[str, Any], corrects_id: int | None,
               source: str | None) -> PointsEntry:
    now = datetime.now().replace(microsecond=0)
    at_once = county_account(actor)
    return PointsEntry(member_id=member_id, year=vals["entry_date"].year, entry_date=vals["entry_date"],
                       item=vals["item"], points=vals["points"], reason=vals["reason"],
                       recorded_by=actor.name, approved_by=actor.name if at_once else None,
                       approved_at=now if at_once else None, corrects_id=corrects_id, source=source)


def correct_entry(session: Session, actor: Actor, entry_id: int, on: Any, points: Any,
                  reason: Any) -> PointsEntry:
    """A correction: a new entry on the same item, naming the entry it corrects (left as it was)."""
    original = get_or_fail(session, PointsEntry, entry_id, "积分记录")
    if not values.text(reason):
        raise ValidationError([FieldError("事由", "更正须写明理由")])
    return add_entry(session, actor, original.member_id, on, original.item, points,
                     f"更正：{values.text(reason)}", corrects_id=entry_id)


def update_entry(session: Session, actor: Actor, entry_id: int, version: int | None,
                 on: Any, item: Any, points: Any, reason: Any) -> PointsEntry:
    """Edit an entry of a quarter that is not locked; a township clerk's edit waits for approval again."""
    access.require(actor, access.Permission.EDIT_RECORDS)
    entry = get_or_fail(session, PointsEntry, entry_id, "积分记录")
    check_version(entry, version, "积分记录")
    member, org = _check_member(session, actor, entry.member_id)
    if quarter_of(entry.entry_date) in locked_quarters(session, org.path, entry.year):
        raise DomainError(f"该记录所在的{entry.year}年第{quarter_of(entry.entry_date)}季度已公示确定（锁定），"
                          "记录只读；如需调整请登记更正")
    book = ledger(session)
    vals, errors = clean(book, on, item, points, reason, correction=entry.corrects_id is not None)
    if not errors:
        errors += _date_errors(session, member, org, vals["entry_date"])
    if not errors:
        sums = _sums(session, entry.member_id, vals["entry_date"].year)
        if entry.year == vals["entry_date"].year:
            sums[entry.item] -= Decimal(entry.points)
        errors += cap_errors(book, sums, vals["item"], vals["points"])
    if errors:
        raise ValidationError(errors)
    at_once = county_account(actor)
    changes = dict(vals, year=vals["entry_date"].year, approved_by=actor.name if at_once else None,
                   approved_at=datetime.now().replace(microsecond=0) if at_once else None)
    apply_changes(session, actor, entry, changes, ENTITY)
    return entry


def approve_entries(session: Session, actor: Actor, entry_ids: list[int]) -> int:
    """A county account approves township entries (待审核 → counted); returns how many."""
    access.require(actor, access.Permission.EDIT_RECORDS)
    if not county_account(actor):
        raise PermissionDenied(f"账号“{actor.name}”（{actor.role}）不能审核积分记录：须由县级账号审核")
    now = datetime.now().replace(microsecond=0)
    n = 0
    for eid in entry_ids:
        entry = get_or_fail(session, PointsEntry, eid, "积分记录")
        if entry.approved_by is not None:
            continue
        apply_changes(session, actor, entry, {"approved_by": actor.name, "approved_at": now}, ENTITY,
                      action="approve", note="审核通过")
        n += 1
    return n


def add_many(session: Session, actor: Actor, rows: list[tuple[int, dict[str, Any]]], source: str) -> int:
    """Checked rows of an import (member_id and clean values each): written, each audited."""
    access.require(actor, access.Permission.EDIT_RECORDS)
    for member_id, vals in rows:
        entry = _new_entry(actor, member_id, vals, None, source)
        created(session, actor, entry, ENTITY, f"导入 {source}")
    return len(rows)


# ================================================================ reading


@dataclass(frozen=True)
class EntryRow:
    id: int
    version: int
    member_id: int
    member_name: str
    id_number: str
    org_name: str
    entry_date: date
    item: str
    points: Decimal
    reason: str
    recorded_by: str
    approved_by: str | None
    corrects_id: int | None
    locked: bool

    @property
    def state(self) -> str:
        return "已生效" if self.approved_by else PENDING


@dataclass(frozen=True)
class QuarterTotal:
    quarter: int
    added: Decimal  # approved entries dated in the quarter
    total: Decimal  # base + approved entries up to the quarter's end
    stars: str
    pending: int
    locked: bool


@dataclass(frozen=True)
class MemberYear:
    member_id: int
    name: str
    id_number: str
    org_name: str
    year: int
    base: Decimal
    entries: list[EntryRow]
    quarters: list[QuarterTotal]

    @property
    def total(self) -> Decimal:
        return self.quarters[-1].total

    @property
    def stars(self) -> str:
        return self.quarters[-1].stars


def _entries_query(session: Session, actor: Actor, columns: list[Any], year: int, member_id: int | None = None,
                   org_id: int | None = None, pending_only: bool = False) -> Any:
    """The ledger's entries of the year the actor may see, in the ledger's order (branch, member,
    date, entry), as `columns`."""
    e = PointsEntry
    q = (select(*columns)
         .join(Member, Member.id == PointsEntry.member_id)
         .join(Organization, Organization.id == Member.org_id)
         .where(PointsEntry.year == year)
         .order_by(Organization.path, Member.id, PointsEntry.entry_date, PointsEntry.id))
    clause = access.scope_clause(session, actor, Organization.path)
    if clause is not None:
        q = q.where(clause)
    if member_id is not None:
        q = q.where(e.member_id == member_id)
    if org_id is not None:
        org = get_or_fail(session, Organization, org_id, "党组织")
        q = q.where(Organization.path.startswith(org.path))
    if pending_only:
        q = q.where(e.approved_by.is_(None))
    return q


def _entry_rows(session: Session, actor: Actor, year: int, q: Any) -> list[EntryRow]:
    locks: dict[str, set[int]] = {}
    rounds = locked_rounds(session, year)
    out = []
    masks = access.masks_id_numbers(actor)
    names = shown_names(session)  # the branch with its township where its name repeats
    with many_rows():
        for (eid, version, mid, name, number, oid, path, on, item, points, reason, recorded_by,
             approved_by, corrects_id) in session.connection().execute(q):
            if path not in locks:
                locks[path] = locked_quarters(session, path, year, rounds)
            out.append(EntryRow(eid, version, mid, name,
                                (access.shown_id(actor, number) if masks else number) or "",
                                names[oid], on, item, Decimal(points), reason, recorded_by, approved_by,
                                corrects_id, quarter_of(on) in locks[path]))
    return out


def _entry_columns() -> list[Any]:
    e = PointsEntry  # its columns, not its objects: a county's year is tens of thousands of rows
    return [e.id, e.version, e.member_id, Member.name, Member.id_number, Member.org_id,
            Organization.path, e.entry_date, e.item, e.points, e.reason,
            e.recorded_by, e.approved_by, e.corrects_id]


def entry_rows(session: Session, actor: Actor, year: int, member_id: int | None = None,
               org_id: int | None = None, pending_only: bool = False) -> list[EntryRow]:
    """The ledger's entries the actor may see (ID numbers masked as the account requires)."""
    q = _entries_query(session, actor, _entry_columns(), year, member_id, org_id, pending_only)
    return _entry_rows(session, actor, year, q)


@dataclass(frozen=True)
class EntryIndex:
    """What the 积分台账 page keeps of a year's ledger: the entries' ids in the ledger's order
    and how many wait for approval; the rows shown are read by id (entry_rows_of)."""

    year: int
    ids: list[int]
    pending: int


def entry_index(session: Session, actor: Actor, year: int, pending_only: bool = False) -> EntryIndex:
    """entry_rows' entries as ids, in one query of two short columns."""
    waiting = case((PointsEntry.approved_by.is_(None), 1), else_=0)
    q = _entries_query(session, actor, [PointsEntry.id, waiting], year, pending_only=pending_only)
    with many_rows():
        rows = session.connection().execute(q).all()
        ids = [eid for eid, _w in rows]
        return EntryIndex(year, ids, sum(w for _eid, w in rows))


def entry_rows_of(session: Session, actor: Actor, year: int, ids: list[int]) -> dict[int, EntryRow]:
    """The rows of these entries of the year (as entry_rows gives them), by id; an entry the
    actor may not see is left out."""
    if not ids:
        return {}
    q = _entries_query(session, actor, _entry_columns(), year).where(PointsEntry.id.in_(ids))
    return {r.id: r for r in _entry_rows(session, actor, year, q)}


def member_year(session: Session, actor: Actor, member_id: int, year: int) -> MemberYear:
    """A member's entries of the year and, per quarter, the running total and its stars."""
    member, org = _check_member(session, actor, member_id)
    book = ledger(session)
    entries = entry_rows(session, actor, year, member_id=member_id)
    locks = locked_quarters(session, org.path, year)
    quarters = []
    total = book.base
    for q in range(1, 5):
        in_q = [e for e in entries if quarter_of(e.entry_date) == q]
        added = sum((e.points for e in in_q if e.approved_by), Decimal(0))
        total += added
        quarters.append(QuarterTotal(q, added, total, book.stars(total),
                                     sum(1 for e in in_q if not e.approved_by), q in locks))
    return MemberYear(member.id, member.name, access.shown_id(actor, member.id_number) or "",
                      shown_names(session, [org.id])[org.id], year, book.base, entries, quarters)


def find_member(session: Session, actor: Actor, text: str) -> Member:
    """The member a clerk typed: an ID number (the current record first), or the name of exactly
    one current member, inside the actor's scope; outside it the answer is the same as for an
    unknown member (no membership test across townships). A township clerk sees masked ID
    numbers, so the name is the everyday way in; two members of one name are told apart by
    picking from the suggestions (or by the ID number)."""
    text = (text or "").strip()
    if not text:
        raise ValidationError([FieldError("党员", "请填写姓名或公民身份号码")])
    code = values.identifier(text)
    if code and code[:-1].isdigit() and len(code) in (15, 18):
        return ev.member_by_id_number(session, actor, code)
    same = [h for h in search_members(session, actor, text, limit=50) if h.name == text]
    if not same:
        raise NotFound(f"找不到党员“{text}”（姓名须完整，或填写公民身份号码）")
    if len(same) > 1:
        where = "、".join(dict.fromkeys(h.org_short_name or h.org_name for h in same))
        raise ValidationError([FieldError(
            "党员", f"有{len(same)}名党员叫“{text}”（{where}），请从下拉列表中选择，或填写公民身份号码")])
    return session.get(Member, same[0].id)


def running_items(session: Session, member_ids: list[int], year: int, until: date) -> dict[int, dict[str, str]]:
    """Per member, the approved points per item from 1 January to `until`, as the round's item
    scores (deductions as positive numbers, the scheme's way): base + additions − deductions."""
    book = ledger(session)
    out: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    ids = list(member_ids)
    for i in range(0, len(ids), 5000):
        q = (select(PointsEntry.member_id, PointsEntry.item, PointsEntry.points)
             .where(PointsEntry.year == year, PointsEntry.entry_date <= until,
                    PointsEntry.approved_by.is_not(None), PointsEntry.member_id.in_(ids[i:i + 5000])))
        for mid, item, points in session.execute(q):
            out[mid][item] += Decimal(points)
    result = {}
    for mid, items in out.items():
        clean_items = {}
        for item, value in items.items():
            spec = book.item(item)
            if spec is None or value == 0:
                continue
            clean_items[item] = _fmt(-value if spec.kind == "deduct" else value)
        result[mid] = clean_items
    return result
