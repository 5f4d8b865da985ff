"""软弱涣散 整顿: an organization's rectification with its leaders, plan, progress and 验收."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Versioned, label_enum


class RectificationStatus(StrEnum):
    OPEN = "整顿中"
    TRANSFORMED = "已转化"


class AcceptanceResult(StrEnum):
    TRANSFORMED = "转化"
    CONTINUE = "继续整顿"


#: the 软弱涣散 criteria seen in practice (docs/records.md), offered as reasons
CRITERIA = (
    "书记职位空缺3个月以上",
    "组织生活和民主评议党员未开展",
    "2年以上未发展党员（村）",
    "年度考核排名末位",
    "群众满意度低于60%",
    "其他",
)


class Rectification(Versioned, Base):
    __tablename__ = "rectification"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    #: JSON list of reasons (from CRITERIA; 其他 with its own words)
    reasons: Mapped[str] = mapped_column(Text, nullable=False)
    opened_on: Mapped[date] = mapped_column(Date, nullable=False)
    county_leader: Mapped[str | None] = mapped_column(String(50))
    first_secretary: Mapped[str | None] = mapped_column(String(50))
    work_team: Mapped[str | None] = mapped_column(String(200))
    plan: Mapped[str | None] = mapped_column(Text)
    accepted_on: Mapped[date | None] = mapped_column(Date)
    result: Mapped[AcceptanceResult | None] = mapped_column(label_enum(AcceptanceResult))
    status: Mapped[RectificationStatus] = mapped_column(
        label_enum(RectificationStatus), nullable=False, default=RectificationStatus.OPEN
    )

    __table_args__ = (Index("ix_rectification_org_id", "org_id"),)


class RectificationNote(Base):
    """A progress note (进展) of a 整顿."""

    __tablename__ = "rectification_note"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rectification_id: Mapped[int] = mapped_column(ForeignKey("rectification.id"), nullable=False)
    noted_on: Mapped[date] = mapped_column(Date, nullable=False)
    text: Mapped[str] = mapped_column(String(500), nullable=False)
    recorded_by: Mapped[str] = mapped_column(String(50), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, server_default=func.current_timestamp())

    __table_args__ = (Index("ix_rectification_note_rectification_id", "rectification_id"),)
