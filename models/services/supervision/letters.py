"""A letter's life after drafting: editing a draft, 作废, 登记反馈, 办结, and reading letters."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, contains_eager, selectinload

from ...actor import Actor
from ...audit import AuditEntry, record
from ...errors import DomainError, FieldError, ValidationError
from ...lengths import check_text
from ...org import Organization
from ...supervision import (
    SENT_STATUSES,
    Letter,
    LetterKind,
    LetterStatus,
    MonthTask,
    Problem,
    ProblemStatus,
    WarningConsequence,
)
from .. import access
from ..common import apply_changes, check_version, get_or_fail
from ..orgs import county_root
from .common import LETTER, PROBLEM, _require_county_writer, date_text, require_issuer
from .deadlines import supervised_deadline
from .listings import supervision_letters_of
from .templates import render_letter_text


def _letter_for_write(session: Session, actor: Actor, letter_id: int, expected: int | None,
                      permission: access.Permission = access.Permission.ISSUE_LETTERS) -> Letter:
    """The letter, once the account may change it: county accounts with the duty; a reply
    (REPORT_PROGRESS) may also be recorded by the township the letter is addressed to."""
    if permission == access.Permission.REPORT_PROGRESS:
        access.require(actor, permission)
    else:
        _require_county_writer(actor, permission)
    letter = get_or_fail(session, Letter, letter_id, "函件")
    access.require_in_scope(session, actor, letter.recipient.path, "该函件")
    check_version(letter, expected, f"函件“{letter_label(letter)}”")
    return letter


def letter_label(letter: Letter) -> str:
    return letter.number or f"{letter.kind.value}草稿{letter.id}"


def update_draft(
    session: Session, actor: Actor, letter_id: int, expected_version: int | None = None, **changes: Any
) -> Letter:
    """Change a draft: wording, recipient, copies, which tasks or problems it lists (the keywords
    of change_draft), once the account may."""
    letter = _letter_for_write(session, actor, letter_id, expected_version)
    return change_draft(session, actor, letter, **changes)


def change_draft(
    session: Session,
    actor: Actor,
    letter: Letter,
    *,
    title: str | None = None,
    body: str | None = None,
    recipient_id: int | None = None,
    copies: str | None = None,
    task_ids: Iterable[int] | None = None,
    problem_ids: Iterable[int] | None = None,
) -> Letter:
    """Change a draft (update_draft once the account may; also what a problem's own change does to
    the drafts listing it, whoever changed the problem: see problems._leave_drafts)."""
    if letter.status != LetterStatus.DRAFT:
        raise DomainError(
            f"函件“{letter_label(letter)}”{letter.status.value}，不能修改（只能登记反馈、办结或作废）"
        )
    changes: dict[str, Any] = {}
    if title is not None:
        if not title.strip():
            raise ValidationError([FieldError("标题", "必填")])
        changes["title"] = title.strip()
    if body is not None:
        changes["body"] = "\n".join(p.strip() for p in body.splitlines() if p.strip())
    if copies is not None:
        changes["copies"] = "、".join(c.strip() for c in copies.replace("，", "、").split("、") if c.strip()) or None
    if recipient_id is not None and recipient_id != letter.recipient_id:
        org = get_or_fail(session, Organization, recipient_id, "主送单位")
        if org.parent_id != county_root(session).id:
            raise ValidationError([FieldError("主送", f"“{org.name}”不是乡镇（街道）党委")])
        changes["recipient_id"] = recipient_id
    links: dict[str, list[Any]] = {}
    if task_ids is not None:
        tasks = [get_or_fail(session, MonthTask, i, "月度任务") for i in task_ids]
        links["tasks"] = [[t.id for t in letter.tasks], [t.id for t in tasks]]
        letter.tasks = tasks
    if problem_ids is not None:
        problems = [get_or_fail(session, Problem, i, "问题") for i in problem_ids]
        withdrawn = [p for p in problems if not p.in_force]
        if withdrawn:
            raise DomainError(f"问题“{withdrawn[0].description}”（编号{withdrawn[0].id}）已撤销，不能列入函件")
        links["problems"] = [[p.id for p in letter.problems], [p.id for p in problems]]
        letter.problems = sorted(problems, key=lambda p: (p.found_on, p.id))
    text_edited = ("title" in changes and changes["title"] != letter.title) or (
        "body" in changes and changes["body"] != letter.body
    )
    if text_edited:
        changes["edited"] = True
    elif links and not letter.edited:
        if "recipient_id" in changes:
            letter.recipient = session.get(Organization, changes["recipient_id"])
        old_title, old_body = letter.title, letter.body
        render_letter_text(session, letter)
        changes["title"], changes["body"] = letter.title, letter.body
        letter.title, letter.body = old_title, old_body
    changed = apply_changes(session, actor, letter, changes, LETTER)
    if links:
        record(session, actor.name, "link", LETTER, letter.id, links)
        if not changed:  # the lists changed, the letter's own fields did not: still a new version
            letter.updated_at = datetime.now().replace(microsecond=0)
    session.flush()
    return letter


def void_letter(
    session: Session, actor: Actor, letter_id: int, reason: str, expected_version: int | None = None
) -> Letter:
    """作废 with a reason; a number once taken stays taken."""
    letter = _letter_for_write(session, actor, letter_id, expected_version,
                               access.Permission.ISSUE_LETTERS)
    if letter.status == LetterStatus.VOID:
        raise DomainError(f"函件“{letter_label(letter)}”已作废")
    if not (reason or "").strip():
        raise ValidationError([FieldError("作废原因", "必填")])
    check_text(Letter, "void_reason", reason.strip(), "作废原因")
    gave: list[Problem] = []  # the problems whose deadline this 督办函 gave (it listed them first)
    if letter.kind == LetterKind.SUPERVISION and letter.status in SENT_STATUSES:
        first = supervision_letters_of(session, [p.id for p in letter.problems])
        gave = [p for p in letter.problems if p.id in first and first[p.id].id == letter.id]
    apply_changes(session, actor, letter, {"status": LetterStatus.VOID, "void_reason": reason.strip()},
                  LETTER, "void", reason.strip())
    if gave:
        _take_back_deadlines(session, actor, letter, gave)
    c = session.scalar(select(WarningConsequence).where(WarningConsequence.letter_id == letter.id))
    if c is not None and not c.voided:
        c.voided = True
        record(session, actor.name, "void", "warning_consequence", c.id, {"voided": [False, True]})
    return letter


def own_deadlines(session: Session, problem_ids: Iterable[int]) -> dict[int, date]:
    """problem id → its own 整改时限: the one it was recorded with or last edited to (the newest
    create or edit in the audit log naming it), not one a 督办函 gave (those rows are “deadline”)."""
    rows = session.execute(
        select(AuditEntry.entity_id, AuditEntry.changes)
        .where(AuditEntry.entity == PROBLEM, AuditEntry.entity_id.in_(list(problem_ids)),
               AuditEntry.action.in_(("create", "update")))
        .order_by(AuditEntry.id)
    ).all()
    out = {}
    for pid, changes in rows:
        deadline = json.loads(changes).get("deadline")
        if deadline and deadline[1]:
            out[pid] = date.fromisoformat(deadline[1])
    return out


def _take_back_deadlines(session: Session, actor: Actor, letter: Letter, problems: list[Problem]) -> None:
    """A voided 督办函 no longer gives its problems their deadlines: each gets back its own (see
    own_deadlines), or, when another issued 督办函 lists it, the one that letter gives from its own.
    已销号 problems keep their history. Audited, one row per problem changed."""
    own = own_deadlines(session, [p.id for p in problems])
    others = supervision_letters_of(session, [p.id for p in problems])  # the voided letter is not among them
    for p in problems:
        if p.status == ProblemStatus.CLOSED or p.id not in own:
            continue
        other = others.get(p.id)
        if other is not None:
            new = supervised_deadline(session, p, other.issued_on, own[p.id])
            note = f"{letter.number}作废，整改时限按{other.number}（{date_text(other.issued_on)}签发）计算"
        else:
            new = own[p.id]
            note = f"{letter.number}作废，整改时限恢复为该函签发前的{date_text(new)}"
        if new != p.deadline:
            apply_changes(session, actor, p, {"deadline": new}, PROBLEM, "deadline", note)


def record_reply(
    session: Session, actor: Actor, letter_id: int, on: date, text: str,
    expected_version: int | None = None,
) -> Letter:
    """登记反馈: the reply's date and text; the letter becomes 已反馈 (the county, or the township
    the letter is addressed to)."""
    letter = _letter_for_write(session, actor, letter_id, expected_version, access.Permission.REPORT_PROGRESS)
    if letter.status not in (LetterStatus.ISSUED, LetterStatus.REPLIED):
        raise DomainError(f"函件“{letter_label(letter)}”{letter.status.value}，不能登记反馈")
    errors = []
    if not (text or "").strip():
        errors.append(FieldError("反馈内容", "必填"))
    if on is None:
        errors.append(FieldError("反馈日期", "必填"))
    elif on < letter.issued_on:
        errors.append(FieldError("反馈日期", f"早于签发日期{date_text(letter.issued_on)}"))
    if errors:
        raise ValidationError(errors)
    apply_changes(session, actor, letter,
                  {"status": LetterStatus.REPLIED, "reply_on": on, "reply_text": text.strip()},
                  LETTER, "reply")
    return letter


def finish_letter(session: Session, actor: Actor, letter_id: int, expected_version: int | None = None) -> Letter:
    """办结."""
    letter = _letter_for_write(session, actor, letter_id, expected_version)
    if letter.status not in (LetterStatus.ISSUED, LetterStatus.REPLIED):
        raise DomainError(f"函件“{letter_label(letter)}”{letter.status.value}，不能办结")
    apply_changes(session, actor, letter, {"status": LetterStatus.DONE}, LETTER, "finish")
    return letter


def letters_of(
    session: Session, actor: Actor, month: str | None = None, ids: Iterable[int] | None = None,
    statuses: Iterable[LetterStatus] | None = None,
) -> list[Letter]:
    """Letters, in month, kind and number order; only those sent to the actor's township."""
    access.require_read(actor)
    # the recipient, tasks and problems with the letters (a list shows them all), not per letter
    q = (select(Letter).join(Organization, Organization.id == Letter.recipient_id)
         .options(contains_eager(Letter.recipient), selectinload(Letter.tasks), selectinload(Letter.problems)))
    q = access.limit(session, actor, q, Organization.path)
    if month is not None:
        q = q.where(Letter.month == month)
    if ids is not None:
        q = q.where(Letter.id.in_(list(ids)))
    if statuses is not None:
        q = q.where(Letter.status.in_(list(statuses)))
    kind_order = {k: i for i, k in enumerate(LetterKind)}
    out = list(session.scalars(q.order_by(Letter.id)))
    return sorted(out, key=lambda x: (x.month, kind_order[x.kind], x.seq or 0, x.recipient_id, x.id))


def drafts_to_issue(
    session: Session, actor: Actor, month: str | None = None, ids: Iterable[int] | None = None
) -> list[Letter]:
    """The drafts `letters issue` would number: refused first for an account that may not issue,
    whatever there is; named ids that are not drafts are an error."""
    require_issuer(actor)
    if ids is not None:
        ids = list(ids)
        found = letters_of(session, actor, ids=ids, statuses=[LetterStatus.DRAFT])
        missing = set(ids) - {x.id for x in found}
        if missing:
            raise DomainError(f"找不到函件（编号{'、'.join(map(str, sorted(missing)))}）")
        return found
    return letters_of(session, actor, month=month, statuses=[LetterStatus.DRAFT])


def get_letter(session: Session, actor: Actor, letter_id: int) -> Letter:
    access.require_read(actor)
    letter = get_or_fail(session, Letter, letter_id, "函件")
    access.require_in_scope(session, actor, letter.recipient.path, "该函件")
    return letter
