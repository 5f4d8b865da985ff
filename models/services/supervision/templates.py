"""The wording of the three letters: templates (resources/letters/ or the administrator's),
their placeholders, and filling a letter's title and body."""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from typing import Any

from sqlalchemy.orm import Session

from ...actor import Actor
from ...audit import record
from ...errors import FieldError, ValidationError
from ...settings import get_setting, set_setting
from ...supervision import (
    Letter,
    LetterKind,
)
from .. import access
from .common import date_text, int_setting, month_text
from .listings import supervision_letters_of, supervision_reference

TEMPLATE_FILES = {
    LetterKind.REMINDER: "reminder.txt",
    LetterKind.SUPERVISION: "supervision.txt",
    LetterKind.WARNING: "warning.txt",
}


PLACEHOLDERS = ("county", "agency", "month", "township", "count", "deadline", "as_of", "year",
                "deduction", "interview_count", "supervision")


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


def _wording(session: Session) -> _Wording:
    return _Wording(
        county=get_setting(session, "county_name"),
        agency=get_setting(session, "agency_name"),
        reply_days=int_setting(session, "letter_reply_days"),
        deduction=get_setting(session, "warning_deduction"),
        interview_count=int_setting(session, "warning_interview_count"),
    )


def render_letter_text(session: Session, letter: Letter, w: _Wording | None = None) -> None:
    """Fill the title and body from the kind's template (unless a clerk edited them)."""
    if letter.edited:
        return
    w = w or _wording(session)
    start = letter.issued_on or letter.as_of or date.today()
    deadline = letter.reply_deadline or start + timedelta(days=w.reply_days)
    count = len(letter.tasks) if letter.kind == LetterKind.REMINDER else len(letter.problems)
    values = {
        "county": w.county,
        "agency": w.agency,
        "month": month_text(letter.month),
        "township": letter.recipient.name if letter.recipient else "",
        "count": count,
        "deadline": date_text(deadline),
        "as_of": date_text(letter.as_of or start),
        "year": (letter.issued_on or start).year,
        "deduction": w.deduction,
        "interview_count": w.interview_count,
        "supervision": "",
    }
    if letter.kind == LetterKind.WARNING:
        followed = supervision_letters_of(session, [p.id for p in letter.problems])
        values["supervision"] = supervision_reference(followed.values()) or "工作督办函"
    letter.title, letter.body = fill_template(get_template(session, letter.kind), values)
