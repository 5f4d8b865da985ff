"""Party members: the 16 national roster items, membership end and placement history."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Versioned, label_enum
from .enums import Education, EndReason, Gender, MemberCategory, PartyStatus
from .org import Organization


class Member(Versioned, Base):
    __tablename__ = "member"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(50), nullable=False)
    #: pinyin initials of the name ("zw" for 张伟), for search as you type
    name_initials: Mapped[str] = mapped_column(String(50), nullable=False, default="")
    gender: Mapped[Gender] = mapped_column(label_enum(Gender), nullable=False)
    ethnicity: Mapped[str] = mapped_column(String(20), nullable=False, default="汉族")
    id_number: Mapped[str] = mapped_column(String(18), nullable=False)
    birth_date: Mapped[date] = mapped_column(Date, nullable=False)
    education: Mapped[Education | None] = mapped_column(label_enum(Education))
    category: Mapped[MemberCategory | None] = mapped_column(label_enum(MemberCategory))
    org_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), nullable=False)
    joined_on: Mapped[date] = mapped_column(Date, nullable=False)
    full_on: Mapped[date | None] = mapped_column(Date)
    #: 正式 with the 转正 date unknown (a roster without 转正 information; full_on then holds the
    #: normal date, one year after joining: docs/member-lifecycle.md)
    full_on_unknown: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False,
                                                  server_default=text("false"))
    #: 延长预备期: the new end of the probation (at most one more year)
    probation_end: Mapped[date | None] = mapped_column(Date)
    position: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(30))
    address: Mapped[str | None] = mapped_column(String(200))
    party_status: Mapped[PartyStatus] = mapped_column(
        label_enum(PartyStatus), nullable=False, default=PartyStatus.NORMAL
    )
    lost_contact: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    #: year-month as "2024-03"
    lost_since: Mapped[str | None] = mapped_column(String(7))
    #: the day contact was lost, when known (the 6-month decision point counts from it)
    lost_on: Mapped[date | None] = mapped_column(Date)
    floating: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    floating_to: Mapped[str | None] = mapped_column(String(100))
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[EndReason | None] = mapped_column(label_enum(EndReason))
    end_note: Mapped[str | None] = mapped_column(String(200))

    org: Mapped[Organization] = relationship()

    __table_args__ = (
        Index("ix_member_org_id", "org_id"),
        Index("ix_member_name", "name"),
        # an ID number is unique among current members; ended records keep theirs. PostgreSQL's
        # same partial index is the migration's (0001): postgresql_where here would load
        # SQLAlchemy's PostgreSQL dialect at every start (docs/startup.md), and nothing reads it
        # from the model (alembic's check does not compare an index's condition)
        Index(
            "uq_member_current_id_number",
            "id_number",
            unique=True,
            sqlite_where=text("ended_on IS NULL"),
        ),
    )

    @property
    def is_full(self) -> bool:
        """正式党员 once the 转正 date has passed; 预备党员 before."""
        return self.full_on is not None and self.full_on <= date.today()

    @property
    def is_current(self) -> bool:
        return self.ended_on is None


class MemberEventKind(StrEnum):
    """What the member's lifecycle register records (docs/member-lifecycle.md)."""

    FULL = "转正"
    EXTENDED = "延长预备期"
    CANCELLED = "取消预备党员资格"
    LOST = "失去联系"
    CONTACT_ATTEMPT = "联系尝试"
    CONTACT_REGAINED = "恢复联系"
    TRANSFER_OUT = "组织关系转出"
    TRANSFER_IN = "组织关系转入"
    SUSPENDED = "停止党籍"


class MemberEvent(Versioned, Base):
    """One step of a member's lifecycle: a 转正 decision, a contact attempt, a transfer out of or
    into the county (with its 介绍信 and 回执), a 停止党籍 procedure."""

    __tablename__ = "member_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), nullable=False)
    kind: Mapped[MemberEventKind] = mapped_column(label_enum(MemberEventKind), nullable=False)
    happened_on: Mapped[date] = mapped_column(Date, nullable=False)
    #: 转出: where to; 转入: where from
    place: Mapped[str | None] = mapped_column(String(100))
    #: 介绍信 number
    letter_no: Mapped[str | None] = mapped_column(String(50))
    #: the day the 回执 came back
    receipt_on: Mapped[date | None] = mapped_column(Date)
    #: 延长预备期: the new end
    new_end: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (Index("ix_member_event_member_id", "member_id"),)


class Placement(Base):
    """Where a member belonged and when: the history of transfers (转出/转入)."""

    __tablename__ = "placement"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), nullable=False)
    org_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), nullable=False)
    start_on: Mapped[date] = mapped_column(Date, nullable=False)
    end_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(200))

    org: Mapped[Organization] = relationship()

    __table_args__ = (Index("ix_placement_member_id", "member_id"),)
