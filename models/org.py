"""Party organizations: a tree from the county committee down to Party groups."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Versioned, label_enum
from .enums import LeaderPost, OrgKind, OrgStatus, Sector


class Organization(Versioned, Base):
    __tablename__ = "organization"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False, unique=True)
    short_name: Mapped[str | None] = mapped_column(String(50))
    kind: Mapped[OrgKind] = mapped_column(label_enum(OrgKind), nullable=False)
    sector: Mapped[Sector | None] = mapped_column(label_enum(Sector))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id"))
    #: materialized path of ids, "/1/5/23/": subtree queries are one LIKE
    path: Mapped[str] = mapped_column(String(400), nullable=False, default="/")
    secretary: Mapped[str | None] = mapped_column(String(50))
    contact_person: Mapped[str | None] = mapped_column(String(50))
    phone: Mapped[str | None] = mapped_column(String(30))
    founded_on: Mapped[date | None] = mapped_column(Date)
    term_start: Mapped[date | None] = mapped_column(Date)
    term_years: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[OrgStatus] = mapped_column(
        label_enum(OrgStatus), nullable=False, default=OrgStatus.ACTIVE
    )
    dissolved_on: Mapped[date | None] = mapped_column(Date)
    weak_year: Mapped[int | None] = mapped_column(Integer)
    weak_reason: Mapped[str | None] = mapped_column(String(200))
    model_level: Mapped[str | None] = mapped_column(String(20))
    model_year: Mapped[int | None] = mapped_column(Integer)
    #: 联合党支部: how many units (单位) it covers (at most `joint_branch_max_units`, 5)
    units: Mapped[int | None] = mapped_column(Integer)

    parent: Mapped[Organization | None] = relationship(remote_side=[id])

    __table_args__ = (
        Index("ix_organization_parent_id", "parent_id"),
        Index("ix_organization_path", "path"),
        Index("ix_organization_short_name", "short_name"),
    )

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    @property
    def term_end(self) -> date | None:
        if self.term_start is None or self.term_years is None:
            return None
        try:
            return self.term_start.replace(year=self.term_start.year + self.term_years)
        except ValueError:  # 29 February
            return self.term_start.replace(year=self.term_start.year + self.term_years, day=28)

    def __repr__(self) -> str:
        return f"<Organization {self.id} {self.name}>"


class OrgLeader(Versioned, Base):
    """One post of an organization's leadership (书记, 副书记, 委员) held from a date
    (docs/member-lifecycle.md, 班子): a member of the county or a named person."""

    __tablename__ = "org_leader"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), nullable=False)
    post: Mapped[LeaderPost] = mapped_column(label_enum(LeaderPost), nullable=False)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    name: Mapped[str] = mapped_column(String(50), nullable=False)
    start_on: Mapped[date] = mapped_column(Date, nullable=False)
    end_on: Mapped[date | None] = mapped_column(Date)
    #: how chosen: 选举, 任命, 选派 …
    chosen_by: Mapped[str | None] = mapped_column(String(30))
    note: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (Index("ix_org_leader_org_id", "org_id"),)
