"""Task receipts (任务回执): each township reports on each month task, with evidence files.

The rules are written for maintainers in docs/task-receipts.md:
- a township account reports for its own township only, a county account for any township in the
  task's scope (duty REPORT_PROGRESS); a county account confirms a receipt (MANAGE_TASKS);
- evidence is jpg, png, pdf, docx or xlsx by its CONTENT (magic bytes; docx/xlsx are zip containers
  with word/ or xl/ parts), at most 20 MB, kept in the database with its size and SHA-256;
- nothing is deleted: a file added by mistake is withdrawn, a receipt reported again is updated
  (audited, its confirmation cleared);
- an unreported task shows a light like a problem (黄/橙/红 by its 完成时限); past it, it is offered
  by `unreported_tasks` (未按时完成重点任务).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, undefer

from ... import rules
from ...actor import Actor
from ...audit import record
from ...errors import ConflictError, DomainError, FieldError, NotFound, ValidationError
from ...org import Organization
from ...supervision import MonthTask
from ...task_receipt import ReceiptEvidence, ReceiptStatus, TaskReceipt
from .. import access
from ..common import apply_changes, check_version, created, get_or_fail
from ..orgs import county_root, townships
from .common import _require_county_writer, date_text
from .deadlines import light_days
from .tasks import month_tasks, task_townships

RECEIPT, EVIDENCE = "task_receipt", "receipt_evidence"

#: the largest evidence file (20 MB)
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
#: what an evidence file may be, by content
EVIDENCE_KINDS = ("jpg", "png", "pdf", "docx", "xlsx")
ACCEPTED_TEXT = "JPG或PNG图片、PDF、Word（.docx）或Excel（.xlsx）文件"


# ---------------------------------------------------------------- evidence files


@dataclass(frozen=True)
class EvidenceFile:
    """A file checked and ready to keep: its name, what it is, its bytes and their SHA-256."""

    name: str
    kind: str
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def content_kind(data: bytes) -> str | None:
    """jpg, png, pdf, docx or xlsx from the first bytes (and a zip's parts), or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = z.namelist()
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        if "[Content_Types].xml" not in names:
            return None
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
    return None


def check_evidence(name: str, data: bytes) -> EvidenceFile:
    """The file as kept, or a DomainError saying in one sentence why it is refused."""
    name = Path(name.replace("\\", "/")).name.strip() or "附件"
    if len(data) > MAX_EVIDENCE_BYTES:
        raise DomainError(f"附件“{name}”有{_megabytes(len(data))}，超过{_megabytes(MAX_EVIDENCE_BYTES)}的上限，"
                          "请压缩或拆分后再上传")
    if not data:
        raise DomainError(f"附件“{name}”是空文件，请选择要上传的文件")
    kind = content_kind(data)
    if kind is None:
        raise DomainError(f"附件“{name}”不是{ACCEPTED_TEXT}（按文件内容判断，与扩展名无关），不能上传")
    return EvidenceFile(name, kind, data)


def read_evidence(path: str | os.PathLike[str]) -> EvidenceFile:
    """A file from disk, checked: its size before it is read (a 2 GB file is never loaded)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_EVIDENCE_BYTES:
            raise DomainError(f"附件“{path.name}”有{_megabytes(size)}，超过{_megabytes(MAX_EVIDENCE_BYTES)}"
                              "的上限，请压缩或拆分后再上传")
        data = path.read_bytes()
    except FileNotFoundError:
        raise DomainError(f"找不到附件“{path}”") from None
    except IsADirectoryError:
        raise DomainError(f"附件“{path}”是文件夹，请选择文件") from None
    except PermissionError:
        raise DomainError(f"没有权限读取附件“{path}”") from None
    return check_evidence(path.name, data)


def shown_name(evidence: ReceiptEvidence) -> str:
    """The file's name with the extension its content calls for (a viewer opens it by that)."""
    stem, ext = os.path.splitext(evidence.name)
    wanted = "." + evidence.kind
    if ext.lower() == wanted or (evidence.kind == "jpg" and ext.lower() == ".jpeg"):
        return evidence.name
    return evidence.name + wanted


# ---------------------------------------------------------------- reporting


def _township(session: Session, org_id: int) -> Organization:
    org = get_or_fail(session, Organization, org_id, "党组织")
    if org.parent_id != county_root(session).id:
        raise ValidationError([FieldError("乡镇（街道）党委", f"“{org.name}”不是乡镇（街道）党委")])
    return org


def _check_reporter(session: Session, actor: Actor, org: Organization) -> None:
    access.require(actor, access.Permission.REPORT_PROGRESS)
    access.require_in_scope(session, actor, org.path, f"“{org.short_name or org.name}”")


def receipt_of(session: Session, task_id: int, org_id: int) -> TaskReceipt | None:
    return session.scalar(select(TaskReceipt).where(TaskReceipt.task_id == task_id,
                                                    TaskReceipt.org_id == org_id))


def report_task(
    session: Session,
    actor: Actor,
    task_id: int,
    org_id: int,
    status: ReceiptStatus | str,
    reported_on: date | None = None,
    note: str | None = None,
    files: Sequence[EvidenceFile] = (),
    expected_version: int | None = None,
    today: date | None = None,
) -> TaskReceipt:
    """报送完成情况: a township's receipt for a task (created, or updated when reported again: its
    confirmation is cleared), with evidence files added. All written, or nothing."""
    task = get_or_fail(session, MonthTask, task_id, "月度任务")
    org = _township(session, org_id)
    _check_reporter(session, actor, org)
    errors = []
    try:
        status = ReceiptStatus(status)
    except ValueError:
        errors.append(FieldError("完成情况", f"“{status}”不是{'、'.join(s.value for s in ReceiptStatus)}之一"))
    today = today or date.today()
    reported_on = reported_on or today
    if reported_on > today:
        errors.append(FieldError("报送日期", f"{date_text(reported_on)}晚于今天"))
    if errors:
        raise ValidationError(errors)
    if task.withdrawn:
        raise DomainError(f"月度任务“{task.title}”已撤回，不再报送完成情况")
    if org.id not in {t.id for t in task_townships(task, townships(session))}:
        raise DomainError(f"“{org.short_name or org.name}”不在任务“{task.title}”的适用范围内")
    note = (note or "").strip() or None
    receipt = receipt_of(session, task.id, org.id)
    if receipt is None:
        receipt = TaskReceipt(task_id=task.id, org_id=org.id, status=status, reported_on=reported_on,
                              note=note, reported_by=actor.name)
        try:
            created(session, actor, receipt, RECEIPT)
        except IntegrityError:  # another clerk's receipt for the same township and task came first
            session.rollback()
            raise ConflictError(f"“{org.short_name or org.name}”对任务“{task.title}”的完成情况刚由其他办事员报送，"
                                "请刷新后再报送") from None
    else:
        check_version(receipt, expected_version, f"“{org.short_name or org.name}”对任务“{task.title}”的回执",
                      RECEIPT)
        apply_changes(session, actor, receipt, {
            "status": status, "reported_on": reported_on, "note": note, "reported_by": actor.name,
            "confirmed_by": None, "confirmed_at": None}, RECEIPT)
    add_evidence(session, actor, receipt, files)
    return receipt


def add_evidence(session: Session, actor: Actor, receipt: TaskReceipt,
                 files: Iterable[EvidenceFile]) -> list[ReceiptEvidence]:
    """Keep checked files with a receipt; a file whose content the receipt already holds is refused."""
    _check_reporter(session, actor, receipt.org)
    held = {e.sha256: e.name for e in receipt.files}
    added = []
    for f in files:
        if f.sha256 in held:
            raise DomainError(f"附件“{f.name}”与已上传的“{held[f.sha256]}”内容相同，不重复保存")
        evidence = ReceiptEvidence(receipt=receipt, name=f.name, kind=f.kind, size=f.size, sha256=f.sha256,
                                   content=f.content, added_by=actor.name,
                                   created_at=datetime.now().replace(microsecond=0))  # local time, as shown
        session.add(evidence)
        session.flush()
        # the audit row names the file by its size and SHA-256; the bytes stay out of the log
        record(session, actor.name, "attach", EVIDENCE, evidence.id, {
            "receipt_id": [None, receipt.id], "name": [None, f.name], "kind": [None, f.kind],
            "size": [None, f.size], "sha256": [None, f.sha256]})
        held[f.sha256] = f.name
        added.append(evidence)
    return added


def withdraw_evidence(session: Session, actor: Actor, evidence_id: int, reason: str = "",
                      expected_version: int | None = None) -> ReceiptEvidence:
    """撤回附件: a file added by mistake stays on record, marked withdrawn (left out of the export)."""
    evidence = get_or_fail(session, ReceiptEvidence, evidence_id, "附件")
    _check_reporter(session, actor, evidence.receipt.org)
    if evidence.withdrawn_at is not None:
        raise DomainError(f"附件“{evidence.name}”已撤回")
    check_version(evidence, expected_version, f"附件“{evidence.name}”", EVIDENCE)
    apply_changes(session, actor, evidence, {
        "withdrawn_at": datetime.now().replace(microsecond=0), "withdrawn_by": actor.name,
        "withdraw_reason": (reason or "").strip() or None}, EVIDENCE, "withdraw", reason or None)
    return evidence


def confirm_receipt(session: Session, actor: Actor, receipt_id: int,
                    expected_version: int | None = None) -> TaskReceipt:
    """确认: a county account has checked the receipt and its evidence."""
    _require_county_writer(actor, access.Permission.MANAGE_TASKS)
    receipt = get_or_fail(session, TaskReceipt, receipt_id, "任务回执")
    label = f"“{receipt.org.short_name or receipt.org.name}”对任务“{receipt.task.title}”的回执"
    check_version(receipt, expected_version, label, RECEIPT)
    if receipt.confirmed_at is not None:
        raise DomainError(f"{label}已由{receipt.confirmed_by}确认")
    apply_changes(session, actor, receipt, {"confirmed_by": actor.name,
                                            "confirmed_at": datetime.now().replace(microsecond=0)},
                  RECEIPT, "confirm")
    return receipt


def get_receipt(session: Session, actor: Actor, receipt_id: int) -> TaskReceipt:
    access.require_read(actor)
    receipt = get_or_fail(session, TaskReceipt, receipt_id, "任务回执")
    if not access.in_scope(session, actor, receipt.org.path):
        raise NotFound(f"找不到任务回执（编号{receipt_id}）")
    return receipt


def evidence_content(session: Session, actor: Actor, evidence_id: int) -> tuple[ReceiptEvidence, bytes]:
    """A file and its bytes, for an account that may see its township."""
    access.require_read(actor)
    evidence = session.scalar(select(ReceiptEvidence).options(undefer(ReceiptEvidence.content))
                              .where(ReceiptEvidence.id == evidence_id))
    if evidence is None or not access.in_scope(session, actor, evidence.receipt.org.path):
        raise NotFound(f"找不到附件（编号{evidence_id}）")
    return evidence, evidence.content


# ---------------------------------------------------------------- reading: the month, the lights


@dataclass
class ReceiptLine:
    """One township × one task of the month: its receipt (or none yet) and its light."""

    task: MonthTask
    township: Organization
    receipt: TaskReceipt | None
    #: 黄/橙/红 while unreported (by the task's 完成时限), else None
    light: str | None

    @property
    def state(self) -> str:
        return self.receipt.status.value if self.receipt else "未报送"

    @property
    def late(self) -> bool:
        """Reported after the 完成时限, or not reported and past it (the light is red)."""
        return (self.receipt is not None and not self.receipt.on_time) or self.light == rules.Light.RED


def _lines(session: Session, actor: Actor, tasks: Iterable[MonthTask], as_of: date) -> list[ReceiptLine]:
    access.require_read(actor)
    tasks = list(tasks)
    towns = [t for t in townships(session) if access.in_scope(session, actor, t.path)]
    if not tasks or not towns:
        return []
    held = {(r.task_id, r.org_id): r for r in session.scalars(
        select(TaskReceipt).where(TaskReceipt.task_id.in_([t.id for t in tasks])))}
    yellow, orange = light_days(session)
    order = {t.id: i for i, t in enumerate(towns)}
    lines = []
    for task in tasks:
        for town in sorted(task_townships(task, towns), key=lambda t: order.get(t.id, 0)):
            if town.id not in order:
                continue
            receipt = held.get((task.id, town.id))
            lamp = rules.light(task.due_on, receipt is not None, as_of, yellow, orange)
            lines.append(ReceiptLine(task, town, receipt, lamp))
    return lines


def month_receipts(session: Session, actor: Actor, month: str, as_of: date | None = None,
                   task_id: int | None = None) -> list[ReceiptLine]:
    """The month's tasks (not withdrawn) × the townships in their scope the account may see, in
    task then township order; `task_id`: one task's lines only."""
    tasks = [t for t in month_tasks(session, month) if task_id is None or t.id == task_id]
    return _lines(session, actor, tasks, as_of or date.today())


def unreported_tasks(session: Session, actor: Actor, as_of: date) -> list[ReceiptLine]:
    """Tasks not reported by a township in their scope though their 完成时限 is before `as_of`
    (未按时完成重点任务): what the findings can propose, one line per township × task."""
    tasks = session.scalars(select(MonthTask).where(MonthTask.withdrawn.is_(False),
                                                    MonthTask.due_on.is_not(None), MonthTask.due_on < as_of)
                            .order_by(MonthTask.due_on, MonthTask.id))
    return [line for line in _lines(session, actor, tasks, as_of) if line.receipt is None]


@dataclass(frozen=True)
class TownshipCompletion:
    """A township's month in numbers: the monthly report's task-completion table."""

    name: str
    tasks: int
    done: int
    partly: int
    not_done: int
    unreported: int
    #: reported after the 完成时限, or still unreported past it
    late: int


def completion_by_township(session: Session, actor: Actor, month: str, as_of: date) -> list[TownshipCompletion]:
    per: dict[int, list[ReceiptLine]] = {}
    names: dict[int, str] = {}
    for line in month_receipts(session, actor, month, as_of):
        per.setdefault(line.township.id, []).append(line)
        names[line.township.id] = line.township.short_name or line.township.name
    out = []
    for town_id, lines in per.items():
        states = [ln.state for ln in lines]
        out.append(TownshipCompletion(
            names[town_id], len(lines), states.count(ReceiptStatus.DONE.value),
            states.count(ReceiptStatus.PARTLY.value), states.count(ReceiptStatus.NOT_DONE.value),
            states.count("未报送"), sum(ln.late for ln in lines)))
    return out


# ---------------------------------------------------------------- the month's evidence as one zip

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def _safe(part: str) -> str:
    return _UNSAFE.sub("_", part).strip(" .") or "_"


def export_evidence_zip(session: Session, actor: Actor, month: str, out: str | os.PathLike[str],
                        as_of: date | None = None) -> tuple[Path, int]:
    """The month's evidence in force as one zip laid out 乡镇/任务/文件, with 回执清单.csv (one line
    per township × task and file: status, date, note, name, size, SHA-256). Returns (path, files)."""
    import csv

    lines = month_receipts(session, actor, month, as_of)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    listing = io.StringIO()
    writer = csv.writer(listing)
    writer.writerow(["乡镇（街道）", "工作任务", "完成时限", "完成情况", "报送日期", "情况说明", "确认人",
                     "文件", "大小（字节）", "SHA-256"])
    count = 0
    part = out.with_name(out.name + ".part")
    with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as z:
        for line in lines:
            r = line.receipt
            head = [line.township.short_name or line.township.name, line.task.title,
                    line.task.due_on.isoformat() if line.task.due_on else "", line.state,
                    r.reported_on.isoformat() if r else "", (r.note or "") if r else "",
                    (r.confirmed_by or "") if r else ""]
            files = r.files if r else []
            if not files:
                writer.writerow(head + ["", "", ""])
            used: set[str] = set()
            folder = f"{_safe(head[0])}/{_safe(line.task.title)}"
            for e in files:
                _e, data = evidence_content(session, actor, e.id)
                name = _safe(shown_name(e))
                stem, ext = os.path.splitext(name)
                n = 2
                while name in used:
                    name, n = f"{stem}（{n}）{ext}", n + 1
                used.add(name)
                z.writestr(f"{folder}/{name}", data)
                writer.writerow(head + [f"{folder}/{name}", e.size, e.sha256])
                count += 1
        z.writestr("回执清单.csv", "\ufeff" + listing.getvalue())
    os.replace(part, out)
    return out, count

