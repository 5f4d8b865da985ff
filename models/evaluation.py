"""Evaluations: schemes (评价方案) as data, rounds, one sheet per subject, 不合格 follow-ups."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    Boolean,
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
from .org import Organization


class SubjectKind(StrEnum):
    MEMBER = "党员"
    ORGANIZATION = "党组织"


class PeriodKind(StrEnum):
    YEAR = "年度"
    HALF = "半年"
    QUARTER = "季度"
    MONTH = "月度"


class RoundStatus(StrEnum):
    DRAFT = "草稿"
    REVIEWED = "已审核"
    POSTED = "公示中"
    LOCKED = "已确定"


class FollowUpOutcome(StrEnum):
    CORRECTED = "改正"
    PERSUADED_TO_LEAVE = "劝退"
    REMOVED = "除名"


class EvaluationScheme(Versioned, Base):
    __tablename__ = "evaluation_scheme"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(50), nullable=False, unique=True)
    subject: Mapped[SubjectKind] = mapped_column(label_enum(SubjectKind), nullable=False)
    period_kind: Mapped[PeriodKind] = mapped_column(label_enum(PeriodKind), nullable=False)
    #: JSON: items, base, rater groups and weights, bands, quotas, rules
    #: (see services/evaluation/definitions.py)
    definition: Mapped[str] = mapped_column(Text, nullable=False)
    builtin: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    copy_of: Mapped[int | None] = mapped_column(ForeignKey("evaluation_scheme.id"))
    note: Mapped[str | None] = mapped_column(String(200))


class EvaluationRound(Versioned, Base):
    __tablename__ = "evaluation_round"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scheme_id: Mapped[int] = mapped_column(ForeignKey("evaluation_scheme.id"), nullable=False)
    #: "2026", "2026H1", "2026Q3" or "2026-10"
    period: Mapped[str] = mapped_column(String(10), nullable=False)
    scope_org_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), nullable=False)
    status: Mapped[RoundStatus] = mapped_column(
        label_enum(RoundStatus), nullable=False, default=RoundStatus.DRAFT
    )
    posting_start: Mapped[date | None] = mapped_column(Date)
    posting_days: Mapped[int] = mapped_column(Integer, nullable=False, default=5)
    locked_at: Mapped[datetime | None] = mapped_column(DateTime)
    locked_by: Mapped[str | None] = mapped_column(String(50))
    #: the blocking rules (优秀 quota, turnout, public raters) set aside: reason and deciding body
    rule_override_reason: Mapped[str | None] = mapped_column(String(200))
    rule_override_body: Mapped[str | None] = mapped_column(String(100))
    #: 双议双评: the villages (organization ids, JSON list) whose cadres the round covers
    cadre_orgs: Mapped[str | None] = mapped_column(Text)

    scheme: Mapped[EvaluationScheme] = relationship()
    #: the organization the round covers (a list of rounds loads it with them: round_label)
    scope_org: Mapped[Organization] = relationship(viewonly=True)

    __table_args__ = (
        UniqueConstraint("scheme_id", "period", "scope_org_id", name="uq_evaluation_round_scope"),
    )


class EvaluationSheet(Versioned, Base):
    """One subject's evaluation in a round: what was entered, what was computed, what was decided."""

    __tablename__ = "evaluation_sheet"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("evaluation_round.id"), nullable=False)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    #: the organization evaluated, or the member's branch when the round was opened
    org_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), nullable=False)
    #: False for probationary members: they take part but get no grade
    graded: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    #: JSON {item: points}
    item_scores: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    #: JSON {group: {"score": "88.5"} or {"votes": {grade: n}}, optional "raters": n}
    rater_results: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    total: Mapped[Decimal | None] = mapped_column(Numeric(9, 4))
    computed_level: Mapped[str | None] = mapped_column(String(20))
    final_level: Mapped[str | None] = mapped_column(String(20))
    override_reason: Mapped[str | None] = mapped_column(String(200))
    override_body: Mapped[str | None] = mapped_column(String(100))
    #: 个人自评 (民主评议): None not recorded, False not done, True done; the summary
    self_done: Mapped[bool | None] = mapped_column(Boolean)
    self_summary: Mapped[str | None] = mapped_column(String(500))
    #: 双议双评 of a cadre who is not a Party member (member_id None): the person's name and ID number
    person_name: Mapped[str | None] = mapped_column(String(50))
    person_id_number: Mapped[str | None] = mapped_column(String(18))

    __table_args__ = (
        Index("ix_evaluation_sheet_round_id", "round_id", "org_id"),
        Index("ix_evaluation_sheet_member_id", "member_id"),
        Index("ix_evaluation_sheet_org_id", "org_id"),
    )


class EvaluationMeeting(Versioned, Base):
    """民主评议: a branch's meeting (支部党员大会) in a round, as recorded: date, 应到 and 实到 full
    members (with the reasons of those absent), public raters invited and present. The turnout and
    public-rater rules read these figures (docs/evaluation-rules.md)."""

    __tablename__ = "evaluation_meeting"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("evaluation_round.id"), nullable=False)
    org_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), nullable=False)
    held_on: Mapped[date] = mapped_column(Date, nullable=False)
    #: 应到 and 实到: full members (正式党员) expected and present
    expected: Mapped[int] = mapped_column(Integer, nullable=False)
    present: Mapped[int] = mapped_column(Integer, nullable=False)
    #: who was absent and why (请假人员及原因)
    absent_note: Mapped[str | None] = mapped_column(String(500))
    public_invited: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    public_present: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    __table_args__ = (UniqueConstraint("round_id", "org_id", name="uq_evaluation_meeting_branch"),)


class EvaluationFollowUp(Versioned, Base):
    """限期改正 for a member graded 不合格: one year, then 改正, 劝退 or 除名."""

    __tablename__ = "evaluation_followup"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("evaluation_sheet.id"), nullable=False, unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), nullable=False)
    started_on: Mapped[date] = mapped_column(Date, nullable=False)
    deadline: Mapped[date] = mapped_column(Date, nullable=False)
    outcome: Mapped[FollowUpOutcome | None] = mapped_column(label_enum(FollowUpOutcome))
    outcome_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (Index("ix_evaluation_followup_member_id", "member_id"),)


class ApprovalOutcome(StrEnum):
    AGREED = "同意"
    DISAGREED = "不同意"


class EvaluationApproval(Versioned, Base):
    """An approval step before a sheet's evaluations (双议双评: 党员群众商议, 乡镇党委审议)."""

    __tablename__ = "evaluation_approval"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("evaluation_sheet.id"), nullable=False)
    step: Mapped[str] = mapped_column(String(30), nullable=False)
    decided_on: Mapped[date] = mapped_column(Date, nullable=False)
    body: Mapped[str] = mapped_column(String(100), nullable=False)
    outcome: Mapped[ApprovalOutcome] = mapped_column(label_enum(ApprovalOutcome), nullable=False)
    note: Mapped[str | None] = mapped_column(String(200))
    #: what was put to the meeting (the year's targets, the 承诺 …)
    matter: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (UniqueConstraint("sheet_id", "step", name="uq_evaluation_approval_step"),)


class CadrePost(Versioned, Base):
    """A post among the village cadres (村党支部书记, 村委会主任, 委员, …) with dates: held by a member,
    or by a person who is not a Party member (name and ID number; 村委会 members often are not)."""

    __tablename__ = "cadre_post"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    person_name: Mapped[str | None] = mapped_column(String(50))
    person_id_number: Mapped[str | None] = mapped_column(String(18))
    #: the village (its branch) the post belongs to
    org_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), nullable=False)
    post: Mapped[str] = mapped_column(String(30), nullable=False)
    start_on: Mapped[date] = mapped_column(Date, nullable=False)
    end_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (
        Index("ix_cadre_post_member_id", "member_id"),
        Index("ix_cadre_post_org_id", "org_id"),
        Index("ix_cadre_post_person_id_number", "person_id_number"),
    )


class PointsEntry(Versioned, Base):
    """One event of the 积分制 ledger: + or − points on one item, with who recorded and approved it."""

    __tablename__ = "points_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    entry_date: Mapped[date] = mapped_column(Date, nullable=False)
    item: Mapped[str] = mapped_column(String(50), nullable=False)
    points: Mapped[Decimal] = mapped_column(Numeric(6, 2), nullable=False)
    reason: Mapped[str] = mapped_column(String(200), nullable=False)
    recorded_by: Mapped[str] = mapped_column(String(50), nullable=False)
    approved_by: Mapped[str | None] = mapped_column(String(50))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: a correction points at the entry it corrects (entries of a locked quarter stay as they are)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("points_entry.id"))
    source: Mapped[str | None] = mapped_column(String(100))

    __table_args__ = (Index("ix_points_entry_member_year", "member_id", "year"),)
