"""Settings shared by all clerks, stored in the database (county name, agency code, rules)."""

from __future__ import annotations

from sqlalchemy import String, Text, event, select
from sqlalchemy.orm import Mapped, Session, SessionTransaction, mapped_column

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
    #: a 预警函's final deadline: its issue date + this many days (docs/accountability.md)
    "warning_deadline_days": "7",
    #: the measure proposed for a township's 1st, 2nd, 3rd (and later) 问责查办 case of the year
    "accountability_measures": "约谈乡镇党委书记、通报批评、组织处理建议",
    #: points a 问责查办 case costs in the yearly assessment (年度党建考核, 三函部分)
    "accountability_deduction": "3",
    "assessment_base": "100",
    #: 抄送 per letter kind (empty: letter_copies)
    "letter_copies_reminder": "",
    "letter_copies_supervision": "",
    "letter_copies_warning": "",
    #: the 联系人 / 联系电话 line of every letter (docs/letters.md)
    "letter_contact": "",
    "letter_phone": "",
    #: the 报/送/发 block of the monthly report
    "report_to": "县委主要领导、县委分管领导",
    "report_send": "县委办公室",
    "report_issue": "各乡镇（街道）党（工）委",
    "light_yellow_days": "7",
    "light_orange_days": "3",
    #: 民主评议: 1 = a member without 个人自评 gets no grade (docs/evaluation-rules.md); 0 = not required
    "evaluation_self_before_grading": "1",
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
    """A setting's value (its default when none is stored). Every setting is read in one statement
    the first time one is asked for in a transaction and kept for the rest of it (`session.info`):
    the next transaction, a clerk's next action, reads them again, so a setting another clerk
    changed meanwhile is seen; `set_setting` drops the kept values."""
    stored = session.info.get(_KEPT)
    if stored is None:
        stored = session.info[_KEPT] = {k: v for k, v in session.execute(select(Setting.key, Setting.value))}
    value = stored.get(key)
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
    session.info.pop(_KEPT, None)


#: where a session keeps the settings read in its transaction
_KEPT = "settings"


@event.listens_for(Session, "after_transaction_end")
def _forget_settings(session: Session, transaction: SessionTransaction) -> None:
    """A transaction (or a savepoint) ended: the settings are read again in the next one (a flush's
    inner transaction is neither)."""
    if transaction.parent is None or transaction.nested:
        session.info.pop(_KEPT, None)
