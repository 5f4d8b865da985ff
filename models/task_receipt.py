"""Task receipts (任务回执): a township's report on one month task, with its evidence files.

The rules (who reports, what a file may be, the lights of an unreported task) are in
docs/task-receipts.md; the services in models/services/supervision/receipts.py.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Versioned, label_enum
from .org import Organization
from .supervision import MonthTask


class ReceiptStatus(StrEnum):
    DONE = "完成"
    PARTLY = "部分完成"
    NOT_DONE = "未完成"


class TaskReceipt(Versioned, Base):
    """One township's receipt for one month task (reported again: the same row, audited)."""

    __tablename__ = "task_receipt"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("month_task.id"), nullable=False)
    #: the township-level committee reporting
    org_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), nullable=False)
    status: Mapped[ReceiptStatus] = mapped_column(label_enum(ReceiptStatus), nullable=False)
    #: 报送日期: the day the township reports this state (on time when not after 完成时限)
    reported_on: Mapped[date] = mapped_column(Date, nullable=False)
    note: Mapped[str | None] = mapped_column(Text)
    reported_by: Mapped[str] = mapped_column(String(50), nullable=False)
    #: 确认: a county account checked the receipt (cleared when the township reports again)
    confirmed_by: Mapped[str | None] = mapped_column(String(50))
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)

    task: Mapped[MonthTask] = relationship()
    org: Mapped[Organization] = relationship()
    evidence: Mapped[list[ReceiptEvidence]] = relationship(
        back_populates="receipt", order_by="ReceiptEvidence.id")

    __table_args__ = (
        UniqueConstraint("task_id", "org_id", name="uq_task_receipt_task_id_org_id"),
        Index("ix_task_receipt_org_id", "org_id"),
    )

    @property
    def on_time(self) -> bool:
        """Reported by the task's 完成时限 (a task without one: always on time)."""
        return self.task.due_on is None or self.reported_on <= self.task.due_on

    @property
    def files(self) -> list[ReceiptEvidence]:
        """The evidence in force (not withdrawn)."""
        return [e for e in self.evidence if e.withdrawn_at is None]


class ReceiptEvidence(Versioned, Base):
    """An evidence file of a receipt, kept in the database (a backup holds it, every clerk of a
    shared server sees it). Never deleted: one added by mistake is withdrawn."""

    __tablename__ = "receipt_evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    receipt_id: Mapped[int] = mapped_column(ForeignKey("task_receipt.id"), nullable=False)
    #: the file's name as the clerk chose it
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    #: what the content is (jpg, png, pdf, docx, xlsx), from its bytes, not its name
    kind: Mapped[str] = mapped_column(String(10), nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    content: Mapped[bytes] = mapped_column(LargeBinary, nullable=False, deferred=True)
    added_by: Mapped[str] = mapped_column(String(50), nullable=False)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime)
    withdrawn_by: Mapped[str | None] = mapped_column(String(50))
    withdraw_reason: Mapped[str | None] = mapped_column(String(200))

    receipt: Mapped[TaskReceipt] = relationship(back_populates="evidence")

    __table_args__ = (Index("ix_receipt_evidence_receipt_id", "receipt_id"),)
