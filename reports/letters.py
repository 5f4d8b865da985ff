"""A letter as the PDF renderer sees it (reports/letter_pdf.LetterDoc), and PDF files by number."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from models.actor import Actor
from models.services import access
from models.services.supervision import date_text
from models.settings import get_setting
from models.supervision import Letter, LetterKind, LetterStatus

REMINDER_HEADERS = ["工作任务", "主要内容", "有关要求", "完成时限", "存档目录"]
#: a 督办函's attachment (docs/letters.md)
PROBLEM_HEADERS = ["序号", "党组织", "发现日期", "来源", "严重程度", "问题描述", "整改时限"]
#: a 预警函's attachment: which 督办函 each problem came from
WARNING_HEADERS = ["序号", "党组织", "问题描述", "督办函", "整改时限"]
#: the attachment (附件) a letter's table is printed as, per kind
APPENDIX_TITLES = {
    LetterKind.REMINDER: "重点工作任务清单",
    LetterKind.SUPERVISION: "督办问题清单",
    LetterKind.WARNING: "逾期未整改问题清单",
}


def _pdf():
    """The renderer module (imported late: reportlab is loaded only when a PDF is made)."""
    from . import letter_pdf

    return letter_pdf


def table_rows(letter: Letter) -> tuple[list[str], list[list[str]]]:
    """(headers, rows) of the tasks or problems a letter lists (the renderer sizes the columns)."""
    if letter.kind == LetterKind.REMINDER:
        rows = [
            [t.title, t.content or "", t.requirements or "",
             date_text(t.due_on) if t.due_on else "", t.archive or ""]
            for t in letter.tasks
        ]
        return REMINDER_HEADERS, rows
    # a draft 督办函 prints the deadlines it would give (models.services.supervision.letter_deadlines)
    from sqlalchemy.orm import object_session

    from models.services.supervision import letter_deadlines, supervision_letters_of

    session = object_session(letter)
    deadlines = letter_deadlines(session, letter) if session is not None else {}
    if letter.kind == LetterKind.WARNING:
        followed = supervision_letters_of(session, [p.id for p in letter.problems]) if session else {}
        return WARNING_HEADERS, [
            [str(i), p.org.short_name or p.org.name, p.description,
             followed[p.id].number or "" if p.id in followed else "",
             date_text(deadlines.get(p.id, p.deadline))]
            for i, p in enumerate(letter.problems, start=1)]
    rows = [
        [str(i), p.org.short_name or p.org.name, date_text(p.found_on), p.source.value, p.severity.value,
         p.description, date_text(deadlines.get(p.id, p.deadline))]
        for i, p in enumerate(letter.problems, start=1)
    ]
    return PROBLEM_HEADERS, rows


def contact_line(session: Session) -> str:
    """（联系人：…，联系电话：…）under every letter's body, from the settings letter_contact and
    letter_phone (left blank to be filled in by hand when not set)."""
    person = get_setting(session, "letter_contact").strip() or "　" * 4
    phone = get_setting(session, "letter_phone").strip() or "　" * 6
    return f"（联系人：{person}，联系电话：{phone}）"


def letter_doc(session: Session, letter: Letter) -> Any:
    """The LetterDoc of a letter: a draft has no number (the renderer shows 草稿). The tasks or
    problems it lists are its attachment (附件1, named in the 附件说明 under the body, printed on
    a page of its own after the signature: GB/T 9704 §7.3.4 and §8)."""
    pdf = _pdf()
    agency = get_setting(session, "agency_name")
    headers, rows = table_rows(letter)
    appendices, attachments = [], []
    if rows:
        name = APPENDIX_TITLES.get(letter.kind, "清单")
        appendices.append(pdf.Appendix(title=name, table=pdf.LetterTable(headers=headers, rows=rows)))
        attachments.append(name)
    # the list is an attachment (附件1); letters drafted with the old wording say 下表
    paragraphs = [p.replace("详见下表", "详见附件").replace("下表所列", "附件所列") for p in letter.paragraphs]
    paragraphs.append(contact_line(session))
    if letter.status == LetterStatus.VOID:
        paragraphs.append(f"（本函已作废：{letter.void_reason or ''}）")
    return pdf.LetterDoc(
        agency_name=agency,
        number=letter.number or "",
        title=letter.title,
        recipient=letter.recipient.name,
        paragraphs=paragraphs,
        table=None,
        attachments=attachments,
        signature=agency,
        date=letter.issued_on or letter.as_of or date.today(),
        copies=letter.copy_list,
        author=agency,
        appendices=appendices,
    )


def missing_characters(session: Session, letters: Sequence[Letter]) -> dict[Letter, list[str]]:
    """Letters with characters no installed font can draw (they would print blank), each with
    those characters: the clerk is told before issuing or printing."""
    pdf = _pdf()
    out = {}
    for letter in letters:
        chars = pdf.letter_missing_characters(letter_doc(session, letter))
        if chars:
            out[letter] = chars
    return out


def missing_characters_warning(session: Session, letters: Sequence[Letter]) -> str | None:
    """One warning naming each letter and the characters it would print blank (None if none)."""
    found = missing_characters(session, letters)
    if not found:
        return None
    parts = [f"{letter.number or f'草稿{letter.id}'}（{letter.recipient.name}）：{'、'.join(chars)}"
             for letter, chars in found.items()]
    return ("以下函件含有本机字体都无法显示的字符，打印后将是空白，请改用常用字或安装含该字的字体："
            + "；".join(parts))


def file_name(letter: Letter) -> str:
    """某组督〔2026〕12号.pdf; a draft: 草稿-<id>.pdf."""
    if not letter.number:
        return f"草稿-{letter.id}.pdf"
    return re.sub(r'[\\/:*?"<>|]', "_", letter.number) + ".pdf"


def export_letter_pdfs(
    session: Session, actor: Actor, letters: Sequence[Letter], out_dir: str | Path,
    combined: str | Path | None = None, before_each: Callable[[int, Letter], None] | None = None,
) -> list[Path]:
    """One PDF per letter in out_dir, named by its number; optionally all of them in one file
    (last in the list). `before_each(k, letter)` is called before each letter (progress, cancel).

    Refused (nothing written) when any letter is outside the actor's township."""
    access.require_read(actor)
    for letter in letters:
        access.require_in_scope(session, actor, letter.recipient.path, f"函件{letter.id}")
    pdf = _pdf()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    docs, paths = [], []
    for k, letter in enumerate(letters):
        if before_each is not None:
            before_each(k, letter)
        doc = letter_doc(session, letter)
        docs.append(doc)
        paths.append(Path(pdf.render_letter(doc, out / file_name(letter))))
    if combined is not None and docs:
        paths.append(Path(pdf.render_letters(docs, Path(combined))))
    return paths
