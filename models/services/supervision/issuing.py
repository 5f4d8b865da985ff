"""签发: numbering drafts, giving 督办函 problems their deadlines, recording a 预警函's
consequences (扣分, 取消评优, 约谈)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ... import rules, values
from ...actor import Actor
from ...errors import DomainError, FieldError, NotFound, ValidationError
from ...settings import get_setting
from ...supervision import (
    Letter,
    LetterKind,
    LetterStatus,
    WarningConsequence,
)
from .. import access
from ..common import apply_changes, created
from .common import LETTER, PROBLEM, _require_county_writer, date_text
from .deadlines import supervised_deadline
from .letters import letter_label
from .listings import supervision_letters_of
from .numbering import _take_number, format_number, lock_for_issuing
from .templates import _Wording, _wording, render_letter_text, reply_deadline


def issue_letters(
    session: Session, actor: Actor, letter_ids: Iterable[int], on: date | None = None,
    reason: str | None = None, today: date | None = None,
) -> list[Letter]:
    """Number and issue drafts (in id order); 预警函 record their consequences. The issue date is
    today by default; a later one is refused, an earlier one (entering a past month's letters) needs
    a reason, recorded on each letter's audit row (docs/letters.md, “签发日期”)."""
    _require_county_writer(actor, access.Permission.ISSUE_LETTERS)
    today = today or values.today()
    on = on or today
    reason = (reason or "").strip() or None
    if on > today:
        raise DomainError(f"签发日期{date_text(on)}晚于今天（{date_text(today)}），不能预先签发")
    if on < today and reason is None:
        raise ValidationError([FieldError("补签原因", f"签发日期{date_text(on)}早于今天，补签往日的函件须写明原因")])
    lock_for_issuing(session)
    ids = sorted(set(letter_ids))
    q = select(Letter).where(Letter.id.in_(ids)).order_by(Letter.id)
    if session.get_bind().dialect.name == "postgresql":
        q = q.with_for_update()
    letters = list(session.scalars(q.execution_options(populate_existing=True)))
    missing = set(ids) - {x.id for x in letters}
    if missing:
        raise NotFound(f"找不到函件（编号{'、'.join(map(str, sorted(missing)))}）")
    for letter in letters:
        if letter.status != LetterStatus.DRAFT:
            raise DomainError(f"函件“{letter_label(letter)}”{letter.status.value}，不能再签发")
        if letter.kind == LetterKind.REMINDER and not letter.tasks:
            raise DomainError(f"{letter.kind.value}草稿{letter.id}没有列出任何任务，不能签发")
        if letter.kind != LetterKind.REMINDER and not letter.problems:
            raise DomainError(f"{letter.kind.value}草稿{letter.id}没有列出任何问题，不能签发")
        if letter.kind == LetterKind.WARNING:
            _check_warning_date(session, letter, on)
        _check_issue_date(session, letter, on)
    code = get_setting(session, "agency_code")
    w = _wording(session)
    for letter in letters:
        seq = _take_number(session, letter.kind, on.year)
        number = format_number(code, letter.kind, on.year, seq)
        if letter.kind == LetterKind.SUPERVISION:
            _give_deadlines(session, actor, letter, number, on)
        old_title, old_body = letter.title, letter.body
        letter.issued_on = on
        due = reply_deadline(session, letter, on, w)  # the sentence's date, from the same computation
        letter.reply_deadline = due
        render_letter_text(session, letter, w)
        title, body = letter.title, letter.body
        letter.title, letter.body, letter.issued_on, letter.reply_deadline = old_title, old_body, None, None
        apply_changes(
            session, actor, letter,
            {"status": LetterStatus.ISSUED, "number": number, "year": on.year, "seq": seq,
             "issued_on": on, "reply_deadline": due,
             "title": title, "body": body},
            LETTER, "issue", reason and f"补签：{reason}",
        )
        if letter.kind == LetterKind.WARNING:
            _record_consequence(session, actor, letter, w)
    return letters


def _give_deadlines(session: Session, actor: Actor, letter: Letter, number: str, on: date) -> None:
    """The problems a 督办函 lists for the first time get their time from the letter (audited)."""
    already = supervision_letters_of(session, [p.id for p in letter.problems])
    for p in letter.problems:
        if p.id in already:
            continue
        new = supervised_deadline(session, p, on)
        if new != p.deadline:
            apply_changes(session, actor, p, {"deadline": new}, PROBLEM, "deadline",
                          f"{number}于{date_text(on)}签发，整改时限自签发之日起计算")


def _check_issue_date(session: Session, letter: Letter, on: date) -> None:
    """A letter is never dated before what it speaks of, nor before the last number of its kind
    (numbers follow dates), nor before the 截至 date it was drafted with."""
    name = f"{letter.kind.value}草稿{letter.id}"
    for p in letter.problems:
        if on < p.found_on:
            raise DomainError(f"{name}所列问题“{p.description}”发现于{date_text(p.found_on)}，签发日期不能早于该日")
    if letter.as_of is not None and on < letter.as_of:
        raise DomainError(f"{name}按截至{date_text(letter.as_of)}起草，签发日期不能早于该日")
    last = session.scalar(
        select(func.max(Letter.issued_on)).where(
            Letter.kind == letter.kind, Letter.year == on.year, Letter.number.is_not(None),
            Letter.id != letter.id,
        )
    )
    if last is not None and on < last:
        raise DomainError(f"本年已签发的{letter.kind.value}最晚签发于{date_text(last)}，文号按签发日期排列，"
                          f"{name}的签发日期不能早于该日")


def _check_warning_date(session: Session, letter: Letter, on: date) -> None:
    """A 预警函 goes out only after the time its 督办函 gave has run out, for every problem."""
    followed = supervision_letters_of(session, [p.id for p in letter.problems])
    for p in letter.problems:
        sup = followed.get(p.id)
        if sup is None or sup.issued_on > on:
            raise DomainError(f"{letter.kind.value}草稿{letter.id}所列问题“{p.description}”在"
                              f"{date_text(on)}前没有经已签发的督办函督办，不能预警")
        if p.deadline >= on:
            raise DomainError(f"{letter.kind.value}草稿{letter.id}所列问题“{p.description}”的整改时限为"
                              f"{date_text(p.deadline)}（{sup.number}），签发日期应晚于该日")


def _record_consequence(session: Session, actor: Actor, letter: Letter, w: _Wording) -> WarningConsequence:
    year = letter.issued_on.year
    before = session.scalar(
        select(func.count()).where(
            WarningConsequence.org_id == letter.recipient_id,
            WarningConsequence.year == year,
            WarningConsequence.voided.is_(False),
        )
    )
    c = WarningConsequence(
        letter_id=letter.id, org_id=letter.recipient_id, year=year,
        deduction=Decimal(w.deduction), loses_honours=True,
        interview=rules.interview_due(before, w.interview_count),
    )
    created(session, actor, c, "warning_consequence")
    return c


def consequences(session: Session, year: int | None = None) -> list[WarningConsequence]:
    q = select(WarningConsequence).where(WarningConsequence.voided.is_(False))
    if year is not None:
        q = q.where(WarningConsequence.year == year)
    return list(session.scalars(q.order_by(WarningConsequence.id)))
