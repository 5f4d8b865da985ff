"""Settings shared by all clerks, stored in the database (county name, agency code, rules)."""

from __future__ import annotations

from sqlalchemy import String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from .base import Base

#: every shared setting, declared once with its default
DEFAULTS: dict[str, str] = {
    "county_name": "中共某某县委员会",
    "agency_name": "中共某某县委组织部",
    "agency_code": "某组",
    #: an organization in more than this many active pairings is reported by the checks
    "pairing_max_per_org": "3",
    # the 三函 supervision cycle (models/services/supervision/)
    "problem_categories": "组织建设、党员管理、组织生活、阵地建设、制度落实、作用发挥、党风廉政",
    "problem_deadline_days": "15",
    "problem_deadline_days_serious": "7",
    #: a 督办函 gives at least this many days from its issue date (severe problems: the second)
    "supervision_deadline_days": "15",
    "supervision_deadline_days_serious": "7",
    #: a township gets a 督办函 when the month's unsupervised problems reach either threshold
    "supervision_min_ordinary": "1",
    "supervision_min_serious": "1",
    "letter_reply_days": "15",
    "letter_copies": "",
    "warning_deduction": "2",
    "warning_interview_count": "2",
    "light_yellow_days": "7",
    "light_orange_days": "3",
    # the member lifecycle and the checks offered as findings (docs/findings.md)
    "probation_months": "12",
    "lost_contact_months": "6",
    "secretary_vacant_months": "3",
    "branch_min_full_members": "3",
    "branch_committee_members": "7",
    "joint_branch_max_units": "5",
    "pairing_silent_days": "90",
    "rectification_plan_months": "12",
    "evaluation_finish_days": "90",
    #: 一票否决: an open 软弱涣散 整顿 or an unrectified 督办/预警 problem caps a branch's 星级
    "rating_veto": "1",
    "rating_veto_cap": "★★★",
}


class Setting(Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


def get_setting(session: Session, key: str) -> str:
    value = session.scalar(select(Setting.value).where(Setting.key == key))
    if value is not None:
        return value
    if key not in DEFAULTS:
        raise KeyError(key)
    return DEFAULTS[key]


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
