"""A member's lifecycle (docs/member-lifecycle.md): the 转正 decision at the end of the 预备期,
失联 with its contact attempts and the 6-month decision point, 组织关系转出 out of the county and
转入 into it (介绍信, 回执), 停止党籍 by its procedure. Each step is a MemberEvent (audited as
`member_event`); a step that changes the member (转正, 失联, the end of membership) changes it
through the member's own audited update."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..enums import EndReason
from ..errors import DomainError, FieldError, ValidationError
from ..lengths import check_text
from ..member import Member, MemberEvent, MemberEventKind
from ..org import Organization
from ..rules import add_months, add_years
from ..settings import get_setting
from . import access
from .access import Permission
from .common import apply_changes, check_version, created
from .members import ENTITY, _member_in_scope, create_member, end_membership

EVENT = "member_event"

#: the 转正 decisions a branch takes at the end of the 预备期
DECISIONS = (MemberEventKind.FULL, MemberEventKind.EXTENDED, MemberEventKind.CANCELLED)

EVENT_LABELS = {
    "member_id": "党员", "kind": "事项", "happened_on": "日期", "place": "转往/转自",
    "letter_no": "介绍信编号", "receipt_on": "回执日期", "new_end": "预备期延至", "note": "说明",
}


def setting_int(session: Session, key: str) -> int:
    return int(get_setting(session, key))


# ---------------------------------------------------------------- reading


def probation_due(session: Session, member: Member, months: int | None = None) -> date | None:
    """The day the 预备期 ends (None for a 正式党员): 延长预备期's new end, else joining +
    `probation_months` (12; `months` when the caller has read it)."""
    if member.full_on is not None:
        return None
    if member.probation_end is not None:
        return member.probation_end
    return add_months(member.joined_on, months or setting_int(session, "probation_months"))


def lost_day(member: Member) -> date | None:
    """The day contact was lost: lost_on, else the first day of the 失去联系日期 month."""
    if not member.lost_contact:
        return None
    if member.lost_on is not None:
        return member.lost_on
    if member.lost_since:
        year, month = member.lost_since.split("-")
        return date(int(year), int(month), 1)
    return None


def lost_decision_day(session: Session, member: Member) -> date | None:
    """The 6-month decision point (setting `lost_contact_months`): after it the branch decides."""
    day = lost_day(member)
    return None if day is None else add_months(day, setting_int(session, "lost_contact_months"))


@dataclass(frozen=True)
class DueRow:
    member_id: int
    name: str
    branch: str
    joined_on: date
    due_on: date
    state: str  # 逾期 / 到期 / 未到期


def _current_in_scope(session: Session, actor: Actor, org_id: int | None, *where: Any) -> list[Member]:
    access.require_read(actor)
    q = (select(Member).join(Organization, Organization.id == Member.org_id)
         .where(Member.ended_on.is_(None), *where))
    q = access.limit(session, actor, q, Organization.path)
    if org_id is not None:
        org = session.get(Organization, org_id)
        if org is not None:
            q = q.where(Organization.path.startswith(org.path))
    return list(session.scalars(q.order_by(Organization.path, Member.id)))


def probation_rows(session: Session, actor: Actor, as_of: date, org_id: int | None = None,
                   within_days: int = 30) -> list[DueRow]:
    """预备党员 whose 转正 is due within `within_days` or overdue at `as_of`, by branch."""
    out = []
    months = setting_int(session, "probation_months")
    for m in _current_in_scope(session, actor, org_id, Member.full_on.is_(None)):
        due = probation_due(session, m, months)
        if due is None or (due - as_of).days > within_days:
            continue
        state = "逾期" if due < as_of else "到期"
        out.append(DueRow(m.id, m.name, m.org.short_name or m.org.name, m.joined_on, due, state))
    return sorted(out, key=lambda r: (r.branch, r.due_on, r.member_id))


def lost_rows(session: Session, actor: Actor, as_of: date, org_id: int | None = None) -> list[DueRow]:
    """失联党员 with the day contact was lost (joined_on column) and the decision point (due_on):
    逾期 past it, 未到期 before."""
    out = []
    for m in _current_in_scope(session, actor, org_id, Member.lost_contact.is_(True)):
        day, due = lost_day(m), lost_decision_day(session, m)
        if day is None or due is None:
            continue
        out.append(DueRow(m.id, m.name, m.org.short_name or m.org.name, day, due,
                          "逾期" if due < as_of else "未到期"))
    return sorted(out, key=lambda r: (r.branch, r.due_on, r.member_id))


def lifecycle_findings(session: Session, actor: Actor, today: date) -> list[str]:
    """`check`'s lines: 转正 overdue and 失联 past the decision point, in the actor's scope."""
    lines = [f"转正逾期\t{r.branch}\t预备党员{r.name}预备期已于{r.due_on}届满，未作出转正决定"
             for r in probation_rows(session, actor, today) if r.state == "逾期"]
    lines += [f"失联待处理\t{r.branch}\t{r.name}自{r.joined_on}失去联系，应于{r.due_on}前作出处理决定"
              for r in lost_rows(session, actor, today) if r.state == "逾期"]
    return lines


def events(session: Session, actor: Actor, member_id: int) -> list[MemberEvent]:
    access.require_read(actor)
    _member_in_scope(session, actor, member_id)
    return list(session.scalars(select(MemberEvent).where(MemberEvent.member_id == member_id)
                                .order_by(MemberEvent.happened_on, MemberEvent.id)))


def event_text(e: MemberEvent) -> str:
    """One line a clerk reads: 组织关系转出 2026-03-01 转往某省某县，介绍信 12号，回执 2026-03-20."""
    parts = [f"{e.kind.value} {e.happened_on}"]
    if e.place:
        parts.append(("转自" if e.kind == MemberEventKind.TRANSFER_IN else "转往") + e.place)
    if e.letter_no:
        parts.append(f"介绍信{e.letter_no}")
    if e.kind in (MemberEventKind.TRANSFER_OUT, MemberEventKind.TRANSFER_IN):
        parts.append(f"回执{e.receipt_on}" if e.receipt_on else "回执未收到")
    if e.new_end:
        parts.append(f"预备期延至{e.new_end}")
    if e.note:
        parts.append(e.note)
    return "，".join(parts)


def event_rows(session: Session, actor: Actor, member_id: int) -> list[tuple[str, str, str]]:
    """(日期, 事项, 内容) of a member's lifecycle, oldest first."""
    return [(str(e.happened_on), e.kind.value, event_text(e)) for e in events(session, actor, member_id)]


# ---------------------------------------------------------------- writing


def _member_for_write(session: Session, actor: Actor, member_id: int, expected: int | None) -> Member:
    access.require(actor, Permission.EDIT_RECORDS)
    member = _member_in_scope(session, actor, member_id)
    check_version(member, expected, f"党员“{member.name}”的记录", ENTITY)
    if member.ended_on is not None:
        raise DomainError(f"“{member.name}”的党籍已于{member.ended_on}终止")
    return member


def _event(session: Session, actor: Actor, member: Member, kind: MemberEventKind, on: date,
           **fields: Any) -> MemberEvent:
    note = (fields.pop("note", None) or "").strip() or None
    errors = []
    for attr, label in (("place", "转往/转自"), ("letter_no", "介绍信编号")):
        if fields.get(attr):
            fields[attr] = fields[attr].strip()
            try:
                check_text(MemberEvent, attr, fields[attr], label)
            except ValidationError as exc:
                errors += exc.errors
    if note:
        try:
            check_text(MemberEvent, "note", note, "说明")
        except ValidationError as exc:
            errors += exc.errors
    if errors:
        raise ValidationError(errors)
    if on > date.today():
        raise ValidationError([FieldError("日期", "不能晚于今天")])
    event = MemberEvent(member_id=member.id, kind=kind, happened_on=on, note=note, **fields)
    created(session, actor, event, EVENT, f"{member.name}：{kind.value}")
    return event


def decide_probation(session: Session, actor: Actor, member_id: int, decision: MemberEventKind,
                     on: date, new_end: date | None = None, note: str = "",
                     expected_version: int | None = None) -> Member:
    """The branch's decision at the end of the 预备期: 转正 (from `on`), 延长预备期 (once, to
    `new_end`, at most 2 years after joining) or 取消预备党员资格 (the membership ends)."""
    member = _member_for_write(session, actor, member_id, expected_version)
    try:
        decision = MemberEventKind(decision)
    except ValueError:
        decision = None
    if decision not in DECISIONS:
        raise ValidationError([FieldError("决定", f"应为{'、'.join(d.value for d in DECISIONS)}之一")])
    if member.full_on is not None:
        raise DomainError(f"“{member.name}”已于{member.full_on}转为正式党员")
    if on < member.joined_on:
        raise ValidationError([FieldError("日期", "早于加入党组织日期")])
    latest = add_years(member.joined_on, 2)
    if decision == MemberEventKind.FULL:
        if on < add_months(member.joined_on, 12):
            raise ValidationError([FieldError("转正日期", "预备期为1年，不能早于入党满1年")])
        if on > latest:
            raise ValidationError([FieldError("转正日期", "应在入党后2年以内")])
        _event(session, actor, member, decision, on, note=note)
        apply_changes(session, actor, member, {"full_on": on, "full_on_unknown": False}, ENTITY,
                      "probation", decision.value)
    elif decision == MemberEventKind.EXTENDED:
        if member.probation_end is not None:
            raise DomainError(f"“{member.name}”的预备期已延长至{member.probation_end}，只能延长一次")
        if new_end is None:
            raise ValidationError([FieldError("预备期延至", "必填")])
        if new_end <= add_months(member.joined_on, 12) or new_end > latest:
            raise ValidationError([FieldError("预备期延至", f"应在入党满1年后、{latest}以前（最多延长1年）")])
        _event(session, actor, member, decision, on, new_end=new_end, note=note)
        apply_changes(session, actor, member, {"probation_end": new_end}, ENTITY, "probation", decision.value)
    else:
        _event(session, actor, member, decision, on, note=note)
        end_membership(session, actor, member.id, on, EndReason.PROBATION_CANCELLED, note, lifecycle=True)
    return member


def mark_lost(session: Session, actor: Actor, member_id: int, on: date, note: str = "",
              expected_version: int | None = None) -> Member:
    """失联: contact lost since `on`; the branch decides 6 months later (lost_decision_day)."""
    member = _member_for_write(session, actor, member_id, expected_version)
    if on < member.joined_on:
        raise ValidationError([FieldError("失去联系日期", "早于加入党组织日期")])
    _event(session, actor, member, MemberEventKind.LOST, on, note=note)
    apply_changes(session, actor, member, {"lost_contact": True, "lost_since": on.strftime("%Y-%m"),
                                           "lost_on": on}, ENTITY, "lost", note or None)
    return member


def record_contact(session: Session, actor: Actor, member_id: int, on: date, note: str,
                   regained: bool = False, expected_version: int | None = None) -> Member:
    """A contact attempt for a 失联党员 (what was tried); `regained`: contact is back, the flag goes."""
    member = _member_for_write(session, actor, member_id, expected_version)
    if not member.lost_contact:
        raise DomainError(f"“{member.name}”没有登记为失联党员")
    if not (note or "").strip():
        raise ValidationError([FieldError("说明", "请写明联系的方式和结果")])
    lost = lost_day(member)
    if lost is not None and on < lost:
        raise ValidationError([FieldError("日期", f"早于失去联系日期{lost}")])
    kind = MemberEventKind.CONTACT_REGAINED if regained else MemberEventKind.CONTACT_ATTEMPT
    _event(session, actor, member, kind, on, note=note)
    if regained:
        apply_changes(session, actor, member, {"lost_contact": False, "lost_since": None, "lost_on": None},
                      ENTITY, "contact", note)
    return member


def transfer_out(session: Session, actor: Actor, member_id: int, place: str, letter_no: str, on: date,
                 receipt_on: date | None = None, note: str = "",
                 expected_version: int | None = None) -> Member:
    """组织关系转出 out of the county: the membership in the county ends (reason 转出) with the
    介绍信 number; the 回执 may come later (record_receipt)."""
    member = _member_for_write(session, actor, member_id, expected_version)
    errors = []
    if not (place or "").strip():
        errors.append(FieldError("转往", "必填（接收的党组织或地区）"))
    if not (letter_no or "").strip():
        errors.append(FieldError("介绍信编号", "必填"))
    if receipt_on is not None and receipt_on < on:
        errors.append(FieldError("回执日期", "早于转出日期"))
    if errors:
        raise ValidationError(errors)
    _event(session, actor, member, MemberEventKind.TRANSFER_OUT, on, place=place, letter_no=letter_no,
           receipt_on=receipt_on, note=note)
    end_membership(session, actor, member.id, on, EndReason.TRANSFERRED_OUT,
                   f"转往{place.strip()}，介绍信{letter_no.strip()}", lifecycle=True)
    return member


def record_receipt(session: Session, actor: Actor, member_id: int, on: date) -> MemberEvent:
    """The 回执 of the member's latest transfer (out or in) came back on `on`."""
    access.require(actor, Permission.EDIT_RECORDS)
    member = _member_in_scope(session, actor, member_id)
    event = session.scalar(
        select(MemberEvent).where(MemberEvent.member_id == member.id, MemberEvent.kind.in_(
            [MemberEventKind.TRANSFER_OUT, MemberEventKind.TRANSFER_IN]))
        .order_by(MemberEvent.happened_on.desc(), MemberEvent.id.desc()).limit(1))
    if event is None:
        raise DomainError(f"“{member.name}”没有组织关系转出或转入的记录")
    if on < event.happened_on:
        raise ValidationError([FieldError("回执日期", f"早于{event.kind.value}日期{event.happened_on}")])
    apply_changes(session, actor, event, {"receipt_on": on}, EVENT, "receipt", member.name)
    return event


def transfer_in(session: Session, actor: Actor, raw: Mapping[str, Any], place: str, letter_no: str, on: date,
                receipt_on: date | None = None, note: str = "") -> Member:
    """组织关系转入 from outside the county: a new member of the branch from `on`, with the
    介绍信 it came with."""
    errors = []
    if not (place or "").strip():
        errors.append(FieldError("转自", "必填（原党组织或地区）"))
    if not (letter_no or "").strip():
        errors.append(FieldError("介绍信编号", "必填"))
    if errors:
        raise ValidationError(errors)
    member = create_member(session, actor, raw, on=on)
    if on < member.joined_on:
        raise ValidationError([FieldError("转入日期", "早于加入党组织日期")])
    _event(session, actor, member, MemberEventKind.TRANSFER_IN, on, place=place, letter_no=letter_no,
           receipt_on=receipt_on, note=note)
    return member


def suspend(session: Session, actor: Actor, member_id: int, on: date, note: str = "",
            expected_version: int | None = None) -> Member:
    """停止党籍 by its procedure (a 失联党员 after the decision point, or as the rules say): the
    membership ends from the procedure's date, reason 停止党籍; 恢复党籍 undoes it."""
    member = _member_for_write(session, actor, member_id, expected_version)
    _event(session, actor, member, MemberEventKind.SUSPENDED, on, note=note)
    end_membership(session, actor, member.id, on, EndReason.SUSPENDED, note)
    return member
