"""The 三函 supervision cycle: month tasks, problems found, letters and their consequences."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Versioned, label_enum
from .org import Organization


class ProblemSource(StrEnum):
    INSPECTION = "督查"
    UNANNOUNCED = "暗访"
    PUBLIC = "群众反映"
    SELF_CHECK = "自查"
    #: a finding the records proposed and a county clerk accepted (docs/findings.md)
    DATA_CHECK = "数据核查"


class Severity(StrEnum):
    ORDINARY = "一般"
    SERIOUS = "严重"


class ProblemStatus(StrEnum):
    OPEN = "待整改"
    IN_PROGRESS = "整改中"
    AWAITING = "待验收"
    CLOSED = "已销号"


class LetterKind(StrEnum):
    REMINDER = "提示函"
    SUPERVISION = "督办函"
    WARNING = "预警函"


#: the character of a kind in a letter number: 某组提〔2026〕3号
KIND_CHAR = {LetterKind.REMINDER: "提", LetterKind.SUPERVISION: "督", LetterKind.WARNING: "警"}


class LetterStatus(StrEnum):
    DRAFT = "草稿"
    ISSUED = "已签发"
    REPLIED = "已反馈"
    DONE = "已办结"
    VOID = "已作废"


#: statuses of a letter that has gone out (numbered, not voided)
SENT_STATUSES = (LetterStatus.ISSUED, LetterStatus.REPLIED, LetterStatus.DONE)

task_scope = Table(
    "task_scope",
    Base.metadata,
    Column("task_id", ForeignKey("month_task.id"), primary_key=True),
    Column("org_id", ForeignKey("organization.id"), primary_key=True),
)

letter_task = Table(
    "letter_task",
    Base.metadata,
    Column("letter_id", ForeignKey("letter.id"), primary_key=True),
    Column("task_id", ForeignKey("month_task.id"), primary_key=True),
)

letter_problem = Table(
    "letter_problem",
    Base.metadata,
    Column("letter_id", ForeignKey("letter.id"), primary_key=True),
    Column("problem_id", ForeignKey("problem.id"), primary_key=True),
    Index("ix_letter_problem_problem_id", "problem_id"),
)


class MonthTask(Versioned, Base):
    """月度重点任务: a row of a reminder letter."""

    __tablename__ = "month_task"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[str] = mapped_column(String(7), nullable=False)  # "2026-03"
    title: Mapped[str] = mapped_column(String(200), nullable=False)  # 工作任务
    content: Mapped[str | None] = mapped_column(Text)  # 主要内容
    requirements: Mapped[str | None] = mapped_column(Text)  # 有关要求
    due_on: Mapped[date | None] = mapped_column(Date)  # 完成时限
    archive: Mapped[str | None] = mapped_column(String(200))  # 存档目录
    #: True: every township-level committee; False: the organizations of `scope`
    all_townships: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    withdrawn: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    scope: Mapped[list[Organization]] = relationship(secondary=task_scope, order_by=Organization.id)

    __table_args__ = (Index("ix_month_task_month", "month"),)


class Problem(Versioned, Base):
    """督查发现问题, with its rectification."""

    __tablename__ = "problem"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), nullable=False)
    found_on: Mapped[date] = mapped_column(Date, nullable=False)
    source: Mapped[ProblemSource] = mapped_column(label_enum(ProblemSource), nullable=False)
    category: Mapped[str] = mapped_column(String(30), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False)
    severity: Mapped[Severity] = mapped_column(
        label_enum(Severity), nullable=False, default=Severity.ORDINARY
    )
    deadline: Mapped[date] = mapped_column(Date, nullable=False)  # 整改时限
    status: Mapped[ProblemStatus] = mapped_column(
        label_enum(ProblemStatus), nullable=False, default=ProblemStatus.OPEN
    )
    report: Mapped[str | None] = mapped_column(Text)  # 整改情况
    verified_by: Mapped[str | None] = mapped_column(String(50))
    closed_on: Mapped[date | None] = mapped_column(Date)  # 销号日期
    #: 撤销 (recorded by mistake): kept on record, left out of letters, lights and statistics
    withdrawn_on: Mapped[date | None] = mapped_column(Date)

    org: Mapped[Organization] = relationship()

    __table_args__ = (
        Index("ix_problem_found_on", "found_on"),
        Index("ix_problem_org_id", "org_id"),
    )

    @property
    def closed(self) -> bool:
        return self.status == ProblemStatus.CLOSED

    @hybrid_property
    def in_force(self) -> bool:
        """Not withdrawn: what every reader of problems counts (in SQL: `where(Problem.in_force)`)."""
        return self.withdrawn_on is None

    @in_force.inplace.expression
    @classmethod
    def _in_force_expression(cls):
        return cls.withdrawn_on.is_(None)


class Letter(Versioned, Base):
    """One 提示函, 督办函 or 预警函, from draft to 办结 (or 作废)."""

    __tablename__ = "letter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[LetterKind] = mapped_column(label_enum(LetterKind), nullable=False)
    month: Mapped[str] = mapped_column(String(7), nullable=False)
    #: the day the rules were applied (预警函: overdue at this date)
    as_of: Mapped[date | None] = mapped_column(Date)
    year: Mapped[int | None] = mapped_column(Integer)
    seq: Mapped[int | None] = mapped_column(Integer)
    number: Mapped[str | None] = mapped_column(String(50), unique=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), nullable=False)
    #: 抄送, separated by 、
    copies: Mapped[str | None] = mapped_column(String(400))
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    #: paragraphs separated by newlines
    body: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: a clerk changed the title or body: they are no longer filled from the template
    edited: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    status: Mapped[LetterStatus] = mapped_column(
        label_enum(LetterStatus), nullable=False, default=LetterStatus.DRAFT
    )
    issued_on: Mapped[date | None] = mapped_column(Date)
    reply_deadline: Mapped[date | None] = mapped_column(Date)
    reply_on: Mapped[date | None] = mapped_column(Date)
    reply_text: Mapped[str | None] = mapped_column(Text)
    void_reason: Mapped[str | None] = mapped_column(String(400))

    recipient: Mapped[Organization] = relationship()
    tasks: Mapped[list[MonthTask]] = relationship(secondary=letter_task, order_by=MonthTask.id)
    problems: Mapped[list[Problem]] = relationship(
        secondary=letter_problem, order_by=(Problem.found_on, Problem.id)
    )

    __table_args__ = (
        UniqueConstraint("kind", "year", "seq", name="uq_letter_kind_year_seq"),
        Index("ix_letter_month", "month"),
        Index("ix_letter_recipient_id", "recipient_id"),
    )

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.splitlines() if p.strip()]

    @property
    def copy_list(self) -> list[str]:
        return [c.strip() for c in (self.copies or "").split("、") if c.strip()]


class LetterSequence(Base):
    """The next number of a kind in a year; rows are locked while a number is taken."""

    __tablename__ = "letter_sequence"

    kind: Mapped[LetterKind] = mapped_column(label_enum(LetterKind), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    next: Mapped[int] = mapped_column(Integer, nullable=False, default=1)


class WarningConsequence(Base):
    """The ledger of what a warning letter costs its recipient."""

    __tablename__ = "warning_consequence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letter.id"), nullable=False, unique=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    deduction: Mapped[Decimal] = mapped_column(Numeric(6, 2), nullable=False)
    #: loses 评先评优 for the year
    loses_honours: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    #: 约谈: the second (or later) warning of the year
    interview: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    #: the letter was voided: the consequence no longer counts
    voided: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    created_at: Mapped[datetime] = mapped_column(
        DateTime, nullable=False, server_default=func.current_timestamp()
    )

    letter: Mapped[Letter] = relationship()
    org: Mapped[Organization] = relationship()

    __table_args__ = (Index("ix_warning_consequence_org_id_year", "org_id", "year"),)


class AccountabilityCase(Base):
    """问责查办: a 预警函 whose final deadline passed with listed problems still open, as the county
    decided it (docs/accountability.md). The open cases are computed from the letters and problems
    (models/services/supervision/accountability.py); a row is written when a county account decides
    one, freezing what was proposed; it is audited and never changed or deleted."""

    __tablename__ = "accountability_case"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: the 预警函 whose final deadline passed
    letter_id: Mapped[int] = mapped_column(ForeignKey("letter.id"), nullable=False, unique=True)
    #: the township
    org_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    #: the township's n-th case of the year (it chose the proposed measure)
    ordinal: Mapped[int] = mapped_column(Integer, nullable=False)
    final_deadline: Mapped[date] = mapped_column(Date, nullable=False)
    #: ids of the problems still open after the final deadline, separated by ","
    problem_ids: Mapped[str] = mapped_column(String(400), nullable=False)
    proposed: Mapped[str] = mapped_column(String(100), nullable=False)
    #: the measure taken
    measure: Mapped[str] = mapped_column(String(200), nullable=False)
    decided_on: Mapped[date] = mapped_column(Date, nullable=False)
    decided_by: Mapped[str] = mapped_column(String(50), nullable=False)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(
        DateTime, nullable=False, server_default=func.current_timestamp()
    )

    letter: Mapped[Letter] = relationship()
    org: Mapped[Organization] = relationship()

    __table_args__ = (Index("ix_accountability_case_org_id_year", "org_id", "year"),)
