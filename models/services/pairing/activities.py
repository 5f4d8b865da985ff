"""Activities (帮扶活动) and yearly assessments of a pairing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...actor import Actor
from ...errors import FieldError, ValidationError
from ...pairing import (
    ActivityKind,
    Pairing,
    PairingActivity,
    PairingAssessment,
    Rating,
)
from .. import access
from ..common import created, created_all, get_or_fail
from .pairings import _scope_of


def clean_activity(held_on: Any, kind: Any, content: Any, funds: Any, project: Any,
                   people: Any) -> tuple[dict[str, Any], list[FieldError]]:
    """Check the fields of an activity as typed: (values, errors)."""
    from ... import values

    out: dict[str, Any] = {}
    errors = []

    def put(attr: str, header: str, fn: Any, raw: Any) -> None:
        try:
            out[attr] = fn(raw)
        except ValueError as exc:
            errors.append(FieldError(header, str(exc)))

    put("held_on", "日期", values.parse_date, held_on)
    put("kind", "活动类型", lambda v: values.parse_enum(ActivityKind, v), kind)
    put("content", "内容", values.text, content)
    put("funds", "资金(元)", values.parse_decimal, funds)
    put("project", "项目", values.text, project)
    put("people", "受益人数", lambda v: values.parse_count(values.parse_int(v), "受益人数"), people)
    if "held_on" in out and out["held_on"] is None:
        errors.append(FieldError("日期", "必填"))
    elif problem := values.past_date_error(out.get("held_on")):
        errors.append(FieldError("日期", problem))
    if "kind" in out and out["kind"] is None:
        errors.append(FieldError("活动类型", "必填"))
    if "content" in out and not out["content"]:
        errors.append(FieldError("内容", "必填"))
    if out.get("funds") is None and "funds" in out:
        out["funds"] = Decimal("0.00")
    if out.get("funds") is not None and out["funds"] < 0:
        errors.append(FieldError("资金(元)", "不能为负数"))
    if out.get("funds") is not None and abs(out["funds"]) >= Decimal("1e12"):
        errors.append(FieldError("资金(元)", "金额过大"))
    if out.get("people") is not None and out["people"] < 0:
        errors.append(FieldError("受益人数", "不能为负数"))
    return out, errors


def add_activity(
    session: Session, actor: Actor, pairing_id: int, held_on: Any, kind: Any, content: Any,
    funds: Any = None, project: Any = None, people: Any = None, note: str | None = None,
) -> PairingActivity:
    """Log one activity of a pairing (the quick entry of the pairing's page)."""
    item = {"held_on": held_on, "kind": kind, "content": content, "funds": funds, "project": project,
            "people": people}
    return add_activities(session, actor, pairing_id, [item], note)[0]


def add_activities(session: Session, actor: Actor, pairing_id: int, items: list[dict[str, Any]],
                   note: str | None = None) -> list[PairingActivity]:
    """Log activities of one pairing (each a dict of add_activity's arguments): checked together
    with one query for the same activity already logged, written with one flush, one audit row
    each. Nothing is written when any is refused."""
    access.require(actor, access.Permission.EDIT_RECORDS)
    pairing = get_or_fail(session, Pairing, pairing_id, "结对")
    _scope_of(session, actor, pairing)
    from ...values import same_text

    seen = {(held, same_text(content)) for held, content in session.execute(
        select(PairingActivity.held_on, PairingActivity.content).where(PairingActivity.pairing_id == pairing.id))}
    errors: list[FieldError] = []
    cleaned = []
    for item in items:
        vals, item_errors = clean_activity(item.get("held_on"), item.get("kind"), item.get("content"),
                                           item.get("funds"), item.get("project"), item.get("people"))
        if vals.get("held_on") is not None and vals["held_on"] < pairing.start_on:
            item_errors.append(FieldError("日期", f"早于结对开始日期{pairing.start_on.isoformat()}"))
        if not item_errors:  # the same activity: one pairing, one day, the same content
            key = (vals["held_on"], same_text(vals["content"]))
            if key in seen:
                item_errors.append(FieldError("内容", "该结对同一天已登记过相同内容的活动"))
            seen.add(key)
        errors += item_errors
        cleaned.append(vals)
    if errors:
        raise ValidationError(errors)
    activities = [PairingActivity(pairing_id=pairing.id, **vals) for vals in cleaned]
    created_all(session, actor, activities, "pairing_activity", note)
    return activities


def add_assessment(
    session: Session, actor: Actor, pairing_id: int, year: int, rating: Rating | str,
    satisfaction: Decimal | float | str | None = None, note: str | None = None,
) -> PairingAssessment:
    """The yearly assessment: one per pairing and year."""
    access.require(actor, access.Permission.EDIT_RECORDS)
    pairing = get_or_fail(session, Pairing, pairing_id, "结对")
    _scope_of(session, actor, pairing)
    errors = []
    try:
        rating = Rating(rating)
    except ValueError:
        errors.append(FieldError("评价等次", f"“{rating}”不在可选项中（优秀、良好、一般、差）"))
    pct = None
    if satisfaction is not None and satisfaction != "":
        from ... import values

        try:
            pct = values.parse_decimal(satisfaction)
        except ValueError as exc:
            errors.append(FieldError("群众满意度", str(exc)))
        if pct is not None and not Decimal(0) <= pct <= Decimal(100):
            errors.append(FieldError("群众满意度", "应在0至100之间"))
    if session.scalar(select(PairingAssessment.id).where(
            PairingAssessment.pairing_id == pairing.id, PairingAssessment.year == year)):
        errors.append(FieldError("年度", f"{year}年已有评价"))
    if errors:
        raise ValidationError(errors)
    row = PairingAssessment(pairing_id=pairing.id, year=year, rating=rating, satisfaction=pct,
                            note=note)
    created(session, actor, row, "pairing_assessment")
    return row


def _readable(session: Session, actor: Actor, pairing_id: int) -> None:
    """A pairing's details are read by county accounts, and by the clerk of a township it involves."""
    access.require_read(actor)
    pairing = get_or_fail(session, Pairing, pairing_id, "结对")
    _scope_of(session, actor, pairing)


def activities_of(session: Session, actor: Actor, pairing_id: int) -> list[PairingActivity]:
    _readable(session, actor, pairing_id)
    return list(session.scalars(
        select(PairingActivity).where(PairingActivity.pairing_id == pairing_id)
        .order_by(PairingActivity.held_on.desc(), PairingActivity.id.desc())
    ))


def assessments_of(session: Session, actor: Actor, pairing_id: int) -> list[PairingAssessment]:
    _readable(session, actor, pairing_id)
    return list(session.scalars(
        select(PairingAssessment).where(PairingAssessment.pairing_id == pairing_id)
        .order_by(PairingAssessment.year)
    ))
