"""The wording of the three letters: templates (resources/letters/ or the administrator's),
their placeholders, and filling a letter's title and body."""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ... import rules
from ...actor import Actor
from ...audit import record
from ...errors import FieldError, ValidationError
from ...settings import get_setting, set_setting
from ...supervision import (
    Letter,
    LetterKind,
    WarningConsequence,
)
from .. import access
from .common import date_text, int_setting, month_text
from .listings import (
    letter_deadlines,
    planned_issue_date,
    supervision_letters_of,
    supervision_reference,
)

TEMPLATE_FILES = {
    LetterKind.REMINDER: "reminder.txt",
    LetterKind.SUPERVISION: "supervision.txt",
    LetterKind.WARNING: "warning.txt",
}


PLACEHOLDERS = ("county", "agency", "month", "township", "count", "deadline", "as_of", "year",
                "deduction", "interview_count", "supervision", "final_deadline", "consequence")


def template_key(kind: LetterKind) -> str:
    return f"letter_template_{kind.name.lower()}"


def default_template(kind: LetterKind) -> str:
    return resources.files("resources.letters").joinpath(TEMPLATE_FILES[kind]).read_text("utf-8")


def get_template(session: Session, kind: LetterKind) -> str:
    """The administrator's wording if set, else the default of resources/letters/."""
    try:
        text = get_setting(session, template_key(kind))
    except KeyError:
        text = ""
    return text if text.strip() else default_template(kind)


def set_template(session: Session, actor: Actor, kind: LetterKind, text: str | None) -> None:
    """Store the wording of a kind (None or empty: back to the default)."""
    access.require(actor, access.Permission.EDIT_TEMPLATES)
    text = (text or "").strip()
    if text:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if len(lines) < 2:
            raise ValidationError([FieldError("模板", "第一行为标题，其后至少一段正文")])
        try:
            string.Template(text).substitute({k: "x" for k in PLACEHOLDERS})
        except (KeyError, ValueError) as exc:
            raise ValidationError([FieldError("模板", f"无法识别的占位符：{exc}")]) from None
    old = get_template(session, kind)
    key = template_key(kind)
    set_setting(session, key, text + "\n" if text else "")  # empty: the default wording
    record(session, actor.name, "update", "setting", None, {key: [old, text or None]}, "三函模板")


def fill_template(template: str, values: dict[str, Any]) -> tuple[str, str]:
    """(title, body) from a template and its values."""
    filled = string.Template(template).safe_substitute({k: str(v) for k, v in values.items()})
    lines = [ln.strip() for ln in filled.splitlines() if ln.strip()]
    if not lines:
        return "", ""
    return lines[0], "\n".join(lines[1:])


@dataclass
class _Wording:
    county: str
    agency: str
    reply_days: int
    deduction: str
    interview_count: int
    warning_days: int


def _wording(session: Session) -> _Wording:
    return _Wording(
        county=get_setting(session, "county_name"),
        agency=get_setting(session, "agency_name"),
        reply_days=int_setting(session, "letter_reply_days"),
        deduction=get_setting(session, "warning_deduction"),
        interview_count=int_setting(session, "warning_interview_count"),
        warning_days=max(1, int_setting(session, "warning_deadline_days")),
    )


def letter_copies(session: Session, kind: LetterKind) -> str | None:
    """抄送 of a kind (letter_copies_reminder / _supervision / _warning), else letter_copies."""
    own = get_setting(session, f"letter_copies_{kind.name.lower()}").strip()
    return own or get_setting(session, "letter_copies").strip() or None


def reply_deadline(session: Session, letter: Letter, on: date | None = None,
                   w: _Wording | None = None) -> date:
    """The one date a letter's sentence asks for (“请于…前报送”) and its 反馈时限 (docs/letters.md):

    - 提示函: the issue date + letter_reply_days, but never before the latest 完成时限 it lists;
    - 督办函: the latest 整改时限 it lists (as letter_deadlines prints them);
    - 预警函: its final deadline, the issue date + warning_deadline_days.
    The issue date of a draft is the day it would be issued (planned_issue_date)."""
    w = w or _wording(session)
    start = planned_issue_date(letter, on)
    if letter.kind == LetterKind.WARNING:
        return rules.final_deadline(start, w.warning_days)
    if letter.kind == LetterKind.SUPERVISION:
        listed = letter_deadlines(session, letter, on).values()
        return max(listed) if listed else start + timedelta(days=w.reply_days)
    due = [t.due_on for t in letter.tasks if t.due_on is not None]
    return max([start + timedelta(days=w.reply_days), *due])


def warning_count(session: Session, letter: Letter) -> tuple[int, bool]:
    """(the n-th 预警函 of the year for its township, whether it brings 约谈) counting the township's
    other warnings of the year that were not voided, this one last."""
    year = planned_issue_date(letter).year
    before = session.scalar(
        select(func.count()).where(
            WarningConsequence.org_id == letter.recipient_id, WarningConsequence.year == year,
            WarningConsequence.voided.is_(False), WarningConsequence.letter_id != (letter.id or -1))
    ) or 0
    return before + 1, rules.interview_due(before, _wording(session).interview_count)


def consequence_sentence(session: Session, letter: Letter, w: _Wording | None = None) -> str:
    """What a 预警函 costs, as proposed: the deduction and 评先评优; at the count that calls for 约谈,
    that 约谈 now applies; before it, the general rule."""
    w = w or _wording(session)
    year = planned_issue_date(letter).year
    n, interview = warning_count(session, letter)
    text = (f"按照有关规定，将在{year}年度党建工作考核中扣减你单位{w.deduction}分，"
            "并取消你单位本年度评先评优资格。")
    if interview:
        return text + f"这是你单位{year}年收到的第{n}份工作预警函，按规定将由{w.agency}约谈你单位党委主要负责人。"
    return text + f"一年内收到工作预警函{w.interview_count}份的，将由{w.agency}约谈党委主要负责人。"


def render_letter_text(session: Session, letter: Letter, w: _Wording | None = None) -> None:
    """Fill the title and body from the kind's template (unless a clerk edited them)."""
    if letter.edited:
        return
    w = w or _wording(session)
    start = planned_issue_date(letter)
    deadline = reply_deadline(session, letter, None, w)
    count = len(letter.tasks) if letter.kind == LetterKind.REMINDER else len(letter.problems)
    values = {
        "county": w.county,
        "agency": w.agency,
        "month": month_text(letter.month),
        "township": letter.recipient.name if letter.recipient else "",
        "count": count,
        "deadline": date_text(deadline),
        "final_deadline": date_text(deadline),
        # 截至 the issue date (a draft: the day it would be issued), never later
        "as_of": date_text(start),
        "year": start.year,
        "deduction": w.deduction,
        "interview_count": w.interview_count,
        "supervision": "",
        "consequence": "",
    }
    if letter.kind == LetterKind.WARNING:
        followed = supervision_letters_of(session, [p.id for p in letter.problems])
        values["supervision"] = supervision_reference(followed.values()) or "工作督办函"
        values["consequence"] = consequence_sentence(session, letter, w)
    letter.title, letter.body = fill_template(get_template(session, letter.kind), values)
