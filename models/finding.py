"""数据核查: findings the records propose, accepted into the 三函 cycle or dismissed
(docs/findings.md)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Versioned, label_enum
from .org import Organization
from .supervision import Severity


class FindingStatus(StrEnum):
    PROPOSED = "待处理"
    ACCEPTED = "已采纳"
    DISMISSED = "已排除"
    #: a proposal the records no longer show (the case was settled before a clerk decided)
    RESOLVED = "已消除"


class Finding(Versioned, Base):
    __tablename__ = "finding"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: which check proposed it (models/services/findings.py CHECKS)
    check: Mapped[str] = mapped_column(String(30), nullable=False)
    #: the records that show it: the same key is never proposed again once decided
    key: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    month: Mapped[str] = mapped_column(String(7), nullable=False)
    as_of: Mapped[date] = mapped_column(Date, nullable=False)
    org_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), nullable=False)
    category: Mapped[str] = mapped_column(String(30), nullable=False)
    severity: Mapped[Severity] = mapped_column(label_enum(Severity), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False)
    #: the records, one per line
    evidence: Mapped[str] = mapped_column(Text, nullable=False, default="")
    status: Mapped[FindingStatus] = mapped_column(
        label_enum(FindingStatus), nullable=False, default=FindingStatus.PROPOSED
    )
    reason: Mapped[str | None] = mapped_column(String(400))
    problem_id: Mapped[int | None] = mapped_column(ForeignKey("problem.id"))
    decided_by: Mapped[str | None] = mapped_column(String(50))
    decided_on: Mapped[date | None] = mapped_column(Date)

    org: Mapped[Organization] = relationship()

    __table_args__ = (Index("ix_finding_month", "month"),)
