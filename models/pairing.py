"""Paired assistance (结对帮扶, 联建共建): pairings, their parties, households, activities, assessments."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Versioned, label_enum


class PairingType(StrEnum):
    URBAN_RURAL = "城乡联建"
    VILLAGE_ENTERPRISE = "村企联建"
    DEPARTMENT_VILLAGE = "部门包村"
    VILLAGE_COMMUNITY = "村居联建"
    COMMUNITY_UNIT = "社区共建"
    MEMBER_ONE = "党员结对帮扶(一对一)"
    MEMBER_MANY = "党员结对帮扶(一对多)"


#: pairings led by a member (the other types are led by organizations)
MEMBER_TYPES = frozenset({PairingType.MEMBER_ONE, PairingType.MEMBER_MANY})


class PairingStatus(StrEnum):
    ACTIVE = "进行中"
    ENDED = "已结束"
    TERMINATED = "已终止"


class PartySide(StrEnum):
    LEAD = "牵头方"
    ASSISTED = "被帮扶方"


class HouseholdCategory(StrEnum):
    POOR = "困难群众"
    POOR_MEMBER = "困难党员"
    ELDERLY_LEFT_BEHIND = "留守老人"
    CHILD_LEFT_BEHIND = "留守儿童"
    DISABLED = "残疾人"
    OTHER = "其他"


class ActivityKind(StrEnum):
    PARTY_BUILDING = "党建帮扶"
    KNOWLEDGE = "智力帮扶"
    PROJECT = "项目帮扶"
    FUNDS = "资金帮扶"
    VISIT = "走访慰问"


class Rating(StrEnum):
    EXCELLENT = "优秀"
    GOOD = "良好"
    FAIR = "一般"
    POOR = "差"


class Household(Versioned, Base):
    """A household helped by a member: the head's name, where it lives, why it is helped."""

    __tablename__ = "household"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    head_name: Mapped[str] = mapped_column(String(50), nullable=False)
    address: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(30))
    category: Mapped[HouseholdCategory] = mapped_column(
        label_enum(HouseholdCategory), nullable=False, default=HouseholdCategory.POOR
    )
    #: the village (or community) branch the household belongs to
    org_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), nullable=False)
    note: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (
        Index("ix_household_org_id", "org_id"),
        Index("ix_household_head_name", "head_name"),
    )


class Pairing(Versioned, Base):
    __tablename__ = "pairing"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: JD<start year>-<sequence>, e.g. JD2026-001
    code: Mapped[str] = mapped_column(String(20), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    type: Mapped[PairingType] = mapped_column(label_enum(PairingType), nullable=False)
    start_on: Mapped[date] = mapped_column(Date, nullable=False)
    end_on: Mapped[date | None] = mapped_column(Date)
    goals: Mapped[str | None] = mapped_column(Text)
    status: Mapped[PairingStatus] = mapped_column(
        label_enum(PairingStatus), nullable=False, default=PairingStatus.ACTIVE
    )
    #: the 3-year review
    review_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    close_reason: Mapped[str | None] = mapped_column(String(200))

    parties: Mapped[list[PairingParty]] = relationship(
        back_populates="pairing", order_by="PairingParty.id"
    )

    __table_args__ = (Index("ix_pairing_status", "status"),)

    @property
    def current_parties(self) -> list[PairingParty]:
        return [p for p in self.parties if p.removed_at is None]


class PairingParty(Base):
    """One party of a pairing: exactly one of an organization, a member or a household."""

    __tablename__ = "pairing_party"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pairing_id: Mapped[int] = mapped_column(ForeignKey("pairing.id"), nullable=False)
    side: Mapped[PartySide] = mapped_column(label_enum(PartySide), nullable=False)
    org_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"))
    #: a party taken off the pairing keeps its row (nothing is hard-deleted)
    removed_at: Mapped[datetime | None] = mapped_column(DateTime)

    pairing: Mapped[Pairing] = relationship(back_populates="parties")

    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN org_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN member_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN household_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_party",
        ),
        Index("ix_pairing_party_pairing_id", "pairing_id"),
        Index("ix_pairing_party_org_id", "org_id"),
        Index("ix_pairing_party_member_id", "member_id"),
        Index("ix_pairing_party_household_id", "household_id"),
    )


class PairingActivity(Base):
    __tablename__ = "pairing_activity"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pairing_id: Mapped[int] = mapped_column(ForeignKey("pairing.id"), nullable=False)
    held_on: Mapped[date] = mapped_column(Date, nullable=False)
    kind: Mapped[ActivityKind] = mapped_column(label_enum(ActivityKind), nullable=False)
    content: Mapped[str] = mapped_column(Text, nullable=False)
    #: yuan, exact
    funds: Mapped[Decimal] = mapped_column(Numeric(14, 2), nullable=False, default=Decimal("0"))
    project: Mapped[str | None] = mapped_column(String(200))
    people: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        Index("ix_pairing_activity_pairing_id", "pairing_id"),
        Index("ix_pairing_activity_held_on", "held_on"),
    )


class PairingAssessment(Base):
    """The yearly assessment of a pairing: a rating and the public's satisfaction (percent)."""

    __tablename__ = "pairing_assessment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pairing_id: Mapped[int] = mapped_column(ForeignKey("pairing.id"), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    rating: Mapped[Rating] = mapped_column(label_enum(Rating), nullable=False)
    satisfaction: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    note: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (UniqueConstraint("pairing_id", "year", name="uq_pairing_assessment_year"),)
