"""民主评议: each branch's meeting (支部党员大会) in a round — date, 应到 and 实到 full members with the
reasons of those absent, public raters invited and present. The turnout rule (实到/应到 ≥ 95%) and the
public-rater rule (到会群众 ≥ 20% of the membership) read these figures (docs/evaluation-rules.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import lengths, values
from ...actor import Actor
from ...audit import AuditEntry, audit_row, plain
from ...errors import FieldError, NotFound, ValidationError
from ...evaluation import EvaluationMeeting, EvaluationRound
from ...org import Organization
from .. import access
from ..common import apply_changes, created, get_or_fail, insert_rows, snapshot
from .common import require_draft


@dataclass(frozen=True)
class Meeting:
    """A branch meeting as the rules and the windows read it."""

    org_id: int
    held_on: date
    expected: int
    present: int
    absent_note: str | None
    public_invited: int
    public_present: int
    version: int = 1

    def turnout_text(self) -> str:
        return (f"{self.held_on.isoformat()} 应到{self.expected}人，实到{self.present}人，"
                f"参评率{percent(self.present, self.expected)}%，到会群众{self.public_present}人"
                f"（邀请{self.public_invited}人）")


def percent(part: int, whole: int) -> str:
    """part/whole as a percentage with one decimal, half up (docs/evaluation-rules.md)."""
    from decimal import ROUND_HALF_UP, Decimal

    if not whole:
        return "0.0"
    return f"{(Decimal(part) * 100 / whole).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):.1f}"


#: the fields of a meeting: key → label (the grid's dialog and the fill-in workbook use these labels)
FIELDS = {"held_on": "会议日期", "expected": "应到（正式党员）", "present": "实到", "absent_note": "请假人员及原因",
          "public_invited": "邀请群众", "public_present": "到会群众"}


def meeting_values(raw: dict[str, Any]) -> dict[str, Any]:
    """A meeting's fields as entered ({key: value}), checked: every problem named by its label."""
    errors: list[FieldError] = []
    out: dict[str, Any] = {}
    try:
        out["held_on"] = values.parse_date(raw.get("held_on"))
        if out["held_on"] is None:
            errors.append(FieldError(FIELDS["held_on"], "必填"))
    except ValueError as exc:
        errors.append(FieldError(FIELDS["held_on"], str(exc)))
    for key in ("expected", "present", "public_invited", "public_present"):
        value = raw.get(key)
        if values.is_blank(value):
            if key in ("expected", "present"):
                errors.append(FieldError(FIELDS[key], "必填"))
            out[key] = 0
            continue
        try:
            out[key] = values.parse_count(value, FIELDS[key])
        except ValueError as exc:
            errors.append(FieldError(FIELDS[key], str(exc)))
    out["absent_note"] = values.text(raw.get("absent_note"))
    if not errors:
        if out["expected"] < 1:
            errors.append(FieldError(FIELDS["expected"], "至少1人"))
        if out["present"] > out["expected"]:
            errors.append(FieldError(FIELDS["present"], f"{out['present']}人多于应到{out['expected']}人"))
        elif out["present"] < out["expected"] and not out["absent_note"]:
            errors.append(FieldError(FIELDS["absent_note"],
                                     f"实到少于应到（缺{out['expected'] - out['present']}人）时必填"))
        if out["public_present"] > out["public_invited"]:
            errors.append(FieldError(FIELDS["public_present"],
                                     f"{out['public_present']}人多于邀请的{out['public_invited']}人"))
    errors += lengths.field_errors(EvaluationMeeting, {"absent_note": out["absent_note"]},
                                   {"absent_note": FIELDS["absent_note"]})
    if errors:
        raise ValidationError(errors)
    return out


def record_meeting(session: Session, actor: Actor, round_id: int, org_id: int, raw: dict[str, Any]
                   ) -> EvaluationMeeting:
    """Record (or correct) a branch's meeting in a round while the round is a draft; audited."""
    access.require(actor, access.Permission.EDIT_RECORDS)
    rnd = get_or_fail(session, EvaluationRound, round_id, "评价")
    org = get_or_fail(session, Organization, org_id, "党组织")
    access.require_in_scope(session, actor, org.path, f"“{org.name}”")
    require_draft(rnd)
    fields = meeting_values(raw)
    row = session.scalar(select(EvaluationMeeting).where(EvaluationMeeting.round_id == round_id,
                                                         EvaluationMeeting.org_id == org_id))
    if row is None:
        row = EvaluationMeeting(round_id=round_id, org_id=org_id, **fields)
        created(session, actor, row, "evaluation_meeting",
                f"{org.short_name or org.name}支部党员大会：应到{fields['expected']}人，实到{fields['present']}人")
    else:
        apply_changes(session, actor, row, fields, "evaluation_meeting", note="支部党员大会")
    return row


def record_meetings(session: Session, actor: Actor, round_id: int, raws: dict[int, dict[str, Any]]
                    ) -> list[EvaluationMeeting]:
    """`record_meeting` for many branches at once ({org id: raw}): checked in that order (the first
    refusal raised, nothing written), the new meetings written with one flush, one audit row each
    as record_meeting writes it."""
    access.require(actor, access.Permission.EDIT_RECORDS)
    rnd = get_or_fail(session, EvaluationRound, round_id, "评价")
    orgs = {o.id: o for o in session.scalars(select(Organization).where(Organization.id.in_(list(raws))))}
    existing = {m.org_id: m for m in session.scalars(select(EvaluationMeeting).where(
        EvaluationMeeting.round_id == round_id, EvaluationMeeting.org_id.in_(list(raws))))}
    checked = []
    for org_id, raw in raws.items():
        org = orgs.get(org_id)
        if org is None:
            raise NotFound(f"找不到党组织（编号{org_id}）")
        access.require_in_scope(session, actor, org.path, f"“{org.name}”")
        require_draft(rnd)
        checked.append((org, meeting_values(raw)))
    out, new = [], []
    for org, fields in checked:
        row = existing.get(org.id)
        if row is None:
            row = EvaluationMeeting(round_id=round_id, org_id=org.id, **fields)
            new.append((row, f"{org.short_name or org.name}支部党员大会：应到{fields['expected']}人，"
                             f"实到{fields['present']}人"))
        out.append(row)
    session.add_all([row for row, _note in new])
    session.flush()
    now = datetime.now().replace(microsecond=0)
    # the audit rows audit_created writes, in one sealed executemany (not one flushed insert each)
    insert_rows(session, AuditEntry, [
        audit_row(actor.name, "create", "evaluation_meeting", row.id,
                  {k: [None, plain(v)] for k, v in snapshot(row).items() if v is not None}, note, now)
        for row, note in new])
    for (org, fields), row in zip(checked, out, strict=True):
        if org.id in existing:
            apply_changes(session, actor, row, fields, "evaluation_meeting", note="支部党员大会")
    return out


def meetings_of(session: Session, round_id: int) -> dict[int, Meeting]:
    """org id → the branch's meeting recorded in the round."""
    M = EvaluationMeeting
    return {m.org_id: Meeting(m.org_id, m.held_on, m.expected, m.present, m.absent_note, m.public_invited,
                              m.public_present, m.version)
            for m in session.scalars(select(M).where(M.round_id == round_id))}
