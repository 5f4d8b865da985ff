"""Reading the audit log (the viewer): filter by account, record, date range."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..audit import AuditEntry
from . import access
from .access import Permission

#: record type (AuditEntry.entity) → the name the viewer shows
ENTITY_LABELS: dict[str, str] = {
    "organization": "党组织",
    "member": "党员",
    "account": "账号",
    "household": "帮扶户",
    "letter": "函件",
    "month_task": "月度任务",
    "problem": "问题",
    "warning_consequence": "预警后果",
    "evaluation_scheme": "评价方案",
    "evaluation_round": "评价",
    "evaluation_sheet": "评价表",
    "evaluation_followup": "评价整改",
    "pairing": "结对",
    "pairing_activity": "帮扶活动",
    "pairing_assessment": "结对评价",
    "pairing_party": "结对方",
    "setting": "设置",
    "import_batch": "导入批次",
}


def _start(value: date | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, time.min)


def _end(value: date | datetime) -> datetime:
    """`until` includes the whole day when it is a date."""
    if isinstance(value, datetime):
        return value
    return datetime.combine(value + timedelta(days=1), time.min)


def audit_entries(
    session: Session,
    actor: Actor,
    account: str | None = None,
    entity: str | None = None,
    entity_id: int | None = None,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    limit: int = 1000,
    offset: int = 0,
) -> list[AuditEntry]:
    """Newest first. Needs VIEW_AUDIT (管理员 and 县级办事员)."""
    access.require(actor, Permission.VIEW_AUDIT)
    q = select(AuditEntry)
    if account:
        q = q.where(AuditEntry.account == account)
    if entity:
        q = q.where(AuditEntry.entity == entity)
    if entity_id is not None:
        q = q.where(AuditEntry.entity_id == entity_id)
    if since is not None:
        q = q.where(AuditEntry.at >= _start(since))
    if until is not None:
        if isinstance(until, datetime):
            q = q.where(AuditEntry.at <= until)
        else:
            q = q.where(AuditEntry.at < _end(until))
    q = q.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit).offset(offset)
    return list(session.scalars(q))


def audit_accounts(session: Session, actor: Actor) -> list[str]:
    """Every account name that appears in the log, for the viewer's filter."""
    access.require(actor, Permission.VIEW_AUDIT)
    return sorted(session.scalars(select(AuditEntry.account).distinct()))


def audit_entities(session: Session, actor: Actor) -> list[str]:
    access.require(actor, Permission.VIEW_AUDIT)
    return sorted(session.scalars(select(AuditEntry.entity).distinct()))


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity)


#: AuditEntry.action → the word the viewer shows
ACTION_LABELS: dict[str, str] = {
    "create": "新增",
    "update": "修改",
    "move": "移动",
    "dissolve": "撤销",
    "transfer": "组织关系转接",
    "end": "终止党籍",
    "disable": "停用",
    "password": "修改密码",
    "lock": "锁定",
    "open": "开启",
    "compute": "计算",
    "scope": "适用范围",
    "link": "关联",
    "issue": "签发",
    "status": "状态变更",
    "reply": "登记反馈",
    "finish": "办结",
    "void": "作废",
    "remove": "移除",
}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def field_labels(entity: str) -> dict[str, str]:
    if entity == "member":
        from .members import MEMBER_LABELS

        return {**MEMBER_LABELS, "ended_on": "终止日期", "end_reason": "终止原因", "end_note": "终止说明"}
    if entity == "organization":
        from .orgs import ORG_LABELS

        return {**ORG_LABELS, "status": "状态", "dissolved_on": "撤销日期", "path": "层级路径"}
    if entity == "account":
        return {"name": "账号", "role": "角色", "scope_org_id": "范围", "active": "启用",
                "locked_until": "锁定至"}
    return {}


def describe_changes(entry: AuditEntry, actor: Actor | None = None) -> list[tuple[str, str, str]]:
    """(field label, old, new) for each changed field, ID numbers as the actor may see them."""
    labels = {"id": "编号", "name_initials": "拼音首字母", "version": "版本"} | field_labels(entry.entity)

    def show(key: str, value: object) -> str:
        if value is None:
            return "（空）"
        if isinstance(value, bool):
            return "是" if value else "否"
        text = str(value)
        if key == "id_number" and actor is not None:
            text = access.shown_id(actor, text) or text
        return text

    return [
        (labels.get(key, key), show(key, old), show(key, new))
        for key, (old, new) in entry.changed.items()
    ]
