"""软弱涣散 整顿 register: open a 整顿 for an organization (year, reasons from the criteria, 包联县级领导,
第一书记 or 驻村工作队, plan), progress notes, 验收 (转化 closes it, 继续整顿 keeps it open).

The organization's 软弱涣散 flag (weak_year / weak_reason) follows the open 整顿: set when it
opens, cleared when it is 转化; each change is an audited update of the organization.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from .. import lengths, values
from ..actor import Actor
from ..errors import DomainError, FieldError, ValidationError
from ..org import Organization
from ..periods import Period
from ..rectification import (
    CRITERIA,
    AcceptanceResult,
    Rectification,
    RectificationNote,
    RectificationStatus,
)
from . import access
from .common import apply_changes, check_version, created, get_or_fail

ENTITY = "rectification"


def _org(session: Session, actor: Actor, org_id: int) -> Organization:
    org = get_or_fail(session, Organization, org_id, "党组织")
    access.require_in_scope(session, actor, org.path, f"“{org.name}”")
    return org


def clean_reasons(raw: Any) -> list[str]:
    """Reasons from the criteria (docs/records.md); "其他：…" with its own words. A list or "、"-separated text."""
    items = raw if isinstance(raw, list | tuple) else str(raw or "").replace("；", "、").split("、")
    out, bad = [], []
    for r in (str(x).strip() for x in items):
        if not r:
            continue
        if r in CRITERIA or (r.startswith("其他") and len(r) > 3):
            out.append(r)
        else:
            bad.append(r)
    if bad or not out:
        reason = (f"“{'、'.join(bad)}”不是软弱涣散的认定情形；" if bad else "必填；") + \
            "可选：" + "、".join(CRITERIA[:-1]) + "、其他：（写明情形）"
        raise ValidationError([FieldError("整顿原因", reason)])
    return out


def _set_flag(session: Session, actor: Actor, org: Organization, year: int | None, reason: str | None,
              note: str) -> None:
    apply_changes(session, actor, org, {"weak_year": year, "weak_reason": reason}, "organization",
                  note=note)


def open_rectification(session: Session, actor: Actor, org_id: int, year: int, reasons: Any,
                       opened_on: Any, county_leader: str | None = None, first_secretary: str | None = None,
                       work_team: str | None = None, plan: str | None = None) -> Rectification:
    """A 整顿 for an organization; one open 整顿 at a time. Sets the org's 软弱涣散 flag."""
    access.require(actor, access.Permission.RECORD_FINDINGS)
    org = _org(session, actor, org_id)
    errors = []
    try:
        reason_list = clean_reasons(reasons)
    except ValidationError as exc:
        errors += exc.errors
        reason_list = []
    try:
        on = values.parse_date(opened_on)
        if on is None:
            errors.append(FieldError("开始日期", "必填"))
    except ValueError as exc:
        errors.append(FieldError("开始日期", str(exc)))
        on = None
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        errors.append(FieldError("整顿年度", f"“{year}”不是年度"))
    leader, secretary, team = (values.text(v) for v in (county_leader, first_secretary, work_team))
    if not leader:
        errors.append(FieldError("包联县级领导", "必填"))
    if not secretary and not team:
        errors.append(FieldError("第一书记或驻村工作队", "至少填写一项"))
    if errors:
        raise ValidationError(errors)
    if session.scalar(select(Rectification.id).where(Rectification.org_id == org_id,
                                                     Rectification.status == RectificationStatus.OPEN)):
        raise DomainError(f"“{org.name}”已有正在进行的整顿，请在原整顿中记录进展或验收")
    rect = Rectification(org_id=org_id, year=year, reasons=json.dumps(reason_list, ensure_ascii=False),
                         opened_on=on, county_leader=leader, first_secretary=secretary, work_team=team,
                         plan=values.text(plan), status=RectificationStatus.OPEN)
    created(session, actor, rect, ENTITY, f"{org.short_name or org.name}列为软弱涣散，开始整顿")
    _set_flag(session, actor, org, year, "、".join(reason_list)[:200], "列为软弱涣散党组织（整顿）")
    return rect


def add_progress(session: Session, actor: Actor, rect_id: int, on: Any, text: Any) -> RectificationNote:
    access.require(actor, access.Permission.REPORT_PROGRESS)
    rect = get_or_fail(session, Rectification, rect_id, "整顿记录")
    _org(session, actor, rect.org_id)
    errors: list[FieldError] = []
    day = _day_since_opening(rect, on, "日期", errors)
    body = values.text(text)
    if not body:
        errors.append(FieldError("进展情况", "必填"))
    else:  # the column's own limit (models.lengths), as every text
        errors += lengths.field_errors(RectificationNote, {"text": body}, {"text": "进展情况"})
    if errors:
        raise ValidationError(errors)
    if rect.status is RectificationStatus.TRANSFORMED:
        raise DomainError("该整顿已验收转化，不能再记录进展")
    note = RectificationNote(rectification_id=rect.id, noted_on=day, text=body, recorded_by=actor.name)
    created(session, actor, note, "rectification_note", "整顿进展")
    return note


def _day_since_opening(rect: Rectification, on: Any, label: str, errors: list[FieldError]) -> Any:
    """The date given for a step of the 整顿 (required, not before it opened), or None with the
    reason added to `errors`."""
    try:
        day = values.parse_date(on)
    except ValueError as exc:
        errors.append(FieldError(label, str(exc)))
        return None
    if day is None:
        errors.append(FieldError(label, "必填"))
    elif day < rect.opened_on:
        errors.append(FieldError(label, f"早于整顿开始日期{rect.opened_on}"))
    return day


def accept(session: Session, actor: Actor, rect_id: int, version: int | None, on: Any,
           result: AcceptanceResult | str) -> Rectification:
    """验收: 转化 closes the 整顿 and clears the org's flag; 继续整顿 keeps both."""
    access.require(actor, access.Permission.ACCEPT_RECTIFICATION)
    rect = get_or_fail(session, Rectification, rect_id, "整顿记录")
    check_version(rect, version, "整顿记录")
    org = _org(session, actor, rect.org_id)
    if rect.status is RectificationStatus.TRANSFORMED:
        raise DomainError(f"该整顿已于{rect.accepted_on}验收转化")
    errors = []
    try:
        result = AcceptanceResult(result)
    except ValueError:
        errors.append(FieldError("验收结果", "应为“转化”或“继续整顿”"))
    day = _day_since_opening(rect, on, "验收日期", errors)
    if errors:
        raise ValidationError(errors)
    done = result is AcceptanceResult.TRANSFORMED
    apply_changes(session, actor, rect, {"accepted_on": day, "result": result,
                                         "status": RectificationStatus.TRANSFORMED if done else
                                         RectificationStatus.OPEN}, ENTITY, note=f"验收：{AcceptanceResult(result).value}")
    if done:
        _set_flag(session, actor, org, None, None, "整顿验收转化，撤销软弱涣散")
    elif org.weak_year is not None and day.year > org.weak_year:  # still weak in the later year
        _set_flag(session, actor, org, day.year, org.weak_reason, "验收未转化，继续整顿")
    return rect


@dataclass(frozen=True)
class RectRow:
    id: int
    version: int
    org_id: int
    org_name: str
    year: int
    reasons: list[str]
    opened_on: date
    county_leader: str | None
    first_secretary: str | None
    work_team: str | None
    plan: str | None
    accepted_on: date | None
    result: str | None
    status: str
    notes: list[tuple[date, str, str]]


def rectification_rows(session: Session, actor: Actor, open_only: bool = False) -> list[RectRow]:
    """The register as the actor may see it, open ones first, each with its progress notes."""
    q = (select(Rectification, Organization.short_name, Organization.name)
         .join(Organization, Organization.id == Rectification.org_id)
         .order_by(case((Rectification.status == RectificationStatus.OPEN, 0), else_=1), Organization.path,
                   Rectification.id))
    clause = access.scope_clause(session, actor, Organization.path)
    if clause is not None:
        q = q.where(clause)
    if open_only:
        q = q.where(Rectification.status == RectificationStatus.OPEN)
    found = session.execute(q).all()
    notes: dict[int, list[tuple[date, str, str]]] = defaultdict(list)
    ids = [r.id for r, _s, _n in found]
    if ids:
        for rid, day, text, who in session.execute(
                select(RectificationNote.rectification_id, RectificationNote.noted_on, RectificationNote.text,
                       RectificationNote.recorded_by).where(RectificationNote.rectification_id.in_(ids))
                .order_by(RectificationNote.noted_on, RectificationNote.id)):
            notes[rid].append((day, text, who))
    return [RectRow(r.id, r.version, r.org_id, short or name, r.year, json.loads(r.reasons), r.opened_on,
                    r.county_leader, r.first_secretary, r.work_team, r.plan, r.accepted_on,
                    r.result.value if r.result else None, r.status.value, notes[r.id])
            for r, short, name in found]


def township_counts(session: Session, period: Period) -> dict[int, dict[str, float]]:
    """For the quarterly workbook: per township, 整顿中 at the period's end and 已转化 by then (that year)."""
    from .stats import township_index

    town = township_index(session)
    out: dict[int, dict[str, float]] = {}
    end = period.end
    for org_id, opened, accepted, result in session.execute(
            select(Rectification.org_id, Rectification.opened_on, Rectification.accepted_on, Rectification.result)):
        t = town.get(org_id)
        if t is None or opened > end:
            continue
        counts = out.setdefault(t, defaultdict(float))
        if result is AcceptanceResult.TRANSFORMED and accepted is not None and accepted <= end:
            if accepted.year == end.year:
                counts["已转化"] += 1
        else:
            counts["整顿中"] += 1
    return out
