"""Reading the audit log (the viewer): filter by account, record, date range."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import anchors
from ..actor import Actor
from ..audit import AuditEntry, AuditHead, move_verified, record, trigger_faults, verify_chain
from ..errors import DomainError, FieldError, ValidationError
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
    "task_receipt": "任务回执",
    "receipt_evidence": "回执附件",
    "problem": "问题",
    "warning_consequence": "预警后果",
    "accountability_case": "问责查办",
    "evaluation_scheme": "评价方案",
    "evaluation_round": "评价",
    "evaluation_sheet": "评价表",
    "evaluation_followup": "评价整改",
    "evaluation_approval": "商议审议",
    "evaluation_meeting": "支部党员大会",
    "points_entry": "积分记录",
    "cadre_post": "村干部任职",
    "rectification": "软弱涣散整顿",
    "rectification_note": "整顿进展",
    "pairing": "结对",
    "pairing_activity": "帮扶活动",
    "pairing_assessment": "结对评价",
    "pairing_party": "结对方",
    "setting": "设置",
    "import_batch": "导入批次",
    "member_event": "党员经历",
    "org_leader": "班子成员",
    "finding": "数据核查",
    "database": "数据库",
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
    "reinstate": "恢复党籍",
    "disable": "停用",
    "enable": "启用",
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
    "backup": "备份",
    "restore": "恢复",
    "withdraw": "撤回",
    "deadline": "设定整改时限",
    "approve": "审核",
    "reopen": "重新开启",
    "redraft": "重新起草",
    "adjust": "督办后调整",
    "acknowledge": "确认篡改告警",
    "attach": "上传附件",
    "confirm": "确认",
    "probation": "转正决定",
    "lost": "失联登记",
    "contact": "恢复联系",
    "receipt": "回执",
    "accept": "采纳",
    "dismiss": "排除",
}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


#: fields of the other audited records (the names the pages use where they show the field)
FIELD_LABELS: dict[str, dict[str, str]] = {
    "problem": {
        "org_id": "党组织", "found_on": "发现日期", "source": "发现途径", "category": "问题类别",
        "description": "问题描述", "severity": "严重程度", "deadline": "整改时限", "status": "状态",
        "report": "整改情况", "verified_by": "验收人", "closed_on": "销号日期", "withdrawn_on": "撤销日期",
    },
    "letter": {
        "kind": "函件类别", "month": "月份", "as_of": "统计截至", "year": "年度", "seq": "序号",
        "number": "文号", "recipient_id": "主送", "copies": "抄送", "title": "标题", "body": "正文",
        "edited": "已手工修改", "status": "状态", "issued_on": "签发日期",
        "reply_deadline": "反馈期限", "reply_on": "反馈日期", "reply_text": "反馈内容",
        "void_reason": "作废原因", "tasks": "关联任务", "problems": "关联问题",
    },
    "month_task": {
        "month": "月份", "title": "任务名称", "content": "任务内容", "requirements": "工作要求",
        "due_on": "完成时限", "archive": "归档资料", "all_townships": "全部乡镇",
        "withdrawn": "已撤回", "scope": "适用范围",
    },
    "task_receipt": {
        "task_id": "工作任务", "org_id": "乡镇（街道）党委", "status": "完成情况", "reported_on": "报送日期",
        "note": "情况说明", "reported_by": "报送人", "confirmed_by": "确认人", "confirmed_at": "确认时间",
    },
    "receipt_evidence": {
        "receipt_id": "任务回执", "name": "文件名", "kind": "文件类型", "size": "大小（字节）",
        "sha256": "SHA-256", "added_by": "上传人", "withdrawn_at": "撤回时间", "withdrawn_by": "撤回人",
        "withdraw_reason": "撤回原因",
    },
    "warning_consequence": {
        "letter_id": "函件", "org_id": "党组织", "year": "年度", "deduction": "扣分",
        "loses_honours": "取消评优资格", "interview": "约谈", "voided": "已作废",
    },
    "accountability_case": {
        "letter_id": "预警函", "org_id": "乡镇", "year": "年度", "ordinal": "年内次数",
        "final_deadline": "最后整改期限", "problem_ids": "未整改问题", "proposed": "建议措施",
        "measure": "问责措施", "decided_on": "决定日期", "decided_by": "决定人", "note": "备注",
    },
    "evaluation_scheme": {
        "name": "方案名称", "subject": "评价对象", "period_kind": "评价周期", "definition": "评价内容",
        "builtin": "内置方案", "copy_of": "复制自", "note": "备注",
    },
    "evaluation_round": {
        "scheme_id": "评价方案", "period": "评价期间", "scope_org_id": "范围", "status": "状态",
        "posting_start": "公示开始", "posting_days": "公示天数", "locked_at": "锁定时间",
        "locked_by": "锁定人", "sheets": "评价表数", "rule_override_reason": "规则例外理由",
        "rule_override_body": "例外决定机关", "cadre_orgs": "村干部所在村",
    },
    "evaluation_sheet": {
        "round_id": "评价", "member_id": "党员", "org_id": "党组织", "graded": "参与评定",
        "item_scores": "各项得分", "rater_results": "评议结果", "total": "总分",
        "computed_level": "计算等次", "final_level": "最终等次", "override_reason": "调整理由",
        "override_body": "调整决定机构", "self_done": "个人自评", "self_summary": "自评摘要",
        "person_name": "姓名（非党员）", "person_id_number": "公民身份号码（非党员）",
    },
    "evaluation_meeting": {
        "round_id": "评价", "org_id": "党支部", "held_on": "会议日期", "expected": "应到", "present": "实到",
        "absent_note": "请假人员及原因", "public_invited": "邀请群众", "public_present": "到会群众",
    },
    "evaluation_approval": {
        "sheet_id": "评价表", "step": "环节", "decided_on": "日期", "body": "决定机关", "outcome": "结果",
        "note": "说明", "matter": "商议事项",
    },
    "points_entry": {
        "member_id": "党员", "year": "年度", "entry_date": "日期", "item": "积分项目", "points": "分值",
        "reason": "事由", "recorded_by": "登记人", "approved_by": "审核人", "approved_at": "审核时间",
        "corrects_id": "更正记录", "source": "来源",
    },
    "member_event": {"member_id": "党员", "kind": "事项", "happened_on": "日期", "place": "转往/转自",
                     "letter_no": "介绍信编号", "receipt_on": "回执日期", "new_end": "预备期延至", "note": "说明"},
    "org_leader": {"org_id": "党组织", "post": "职务", "member_id": "党员", "name": "姓名", "start_on": "任职日期",
                   "end_on": "离任日期", "chosen_by": "产生方式", "note": "备注"},
    "finding": {"check": "核查项", "key": "记录", "month": "月份", "as_of": "核查日期", "org_id": "党组织",
                "category": "问题类别", "severity": "严重程度", "description": "问题描述", "evidence": "依据",
                "status": "状态", "reason": "排除原因", "problem_id": "问题", "decided_by": "处理人",
                "decided_on": "处理日期"},
    "cadre_post": {"member_id": "党员", "org_id": "所在村", "post": "职务", "start_on": "任职日期",
                   "end_on": "离任日期", "note": "备注", "person_name": "姓名（非党员）",
                   "person_id_number": "公民身份号码（非党员）"},
    "rectification": {
        "org_id": "党组织", "year": "整顿年度", "reasons": "整顿原因", "opened_on": "开始日期",
        "county_leader": "包联县级领导", "first_secretary": "第一书记", "work_team": "驻村工作队",
        "plan": "整顿方案", "accepted_on": "验收日期", "result": "验收结果", "status": "状态",
    },
    "rectification_note": {"rectification_id": "整顿", "noted_on": "日期", "text": "进展情况",
                           "recorded_by": "记录人"},
    "evaluation_followup": {
        "sheet_id": "评价表", "member_id": "党员", "started_on": "开始日期", "deadline": "整改期限",
        "outcome": "整改结果", "outcome_on": "结果日期", "note": "备注",
    },
    "pairing": {
        "code": "结对编号", "name": "结对名称", "type": "结对类型", "start_on": "开始日期",
        "end_on": "结束日期", "goals": "结对目标", "status": "状态", "review_on": "复核日期",
        "closed_on": "终止日期", "close_reason": "终止原因",
    },
    "pairing_party": {
        "pairing_id": "结对", "side": "结对方", "org_id": "党组织", "member_id": "党员",
        "household_id": "帮扶户", "removed_at": "移除时间",
    },
    "household": {
        "head_name": "户主姓名", "address": "住址", "phone": "联系电话", "category": "帮扶类别",
        "org_id": "所属党组织", "note": "备注",
    },
    "pairing_activity": {
        "pairing_id": "结对", "held_on": "活动日期", "kind": "活动类型", "content": "活动内容",
        "funds": "资金(元)", "project": "项目", "people": "参加人数",
    },
    "pairing_assessment": {
        "pairing_id": "结对", "year": "年度", "rating": "评价等次", "satisfaction": "满意度",
        "note": "备注",
    },
    "import_batch": {
        "kind": "导入类别", "source": "来源文件", "account": "账号", "at": "导入时间",
        "record_ids": "导入记录", "undone_at": "撤销时间",
    },
    "setting": {"key": "设置项", "value": "值"},
    "database": {"file": "文件"},
}

#: fields holding an organization's id: the viewer shows the organization's name
ORG_ID_FIELDS = frozenset({"org_id", "recipient_id", "parent_id", "scope_org_id"})


def audit_org_names(session: Session, entries: list[AuditEntry]) -> dict[int, str]:
    """Names of the organizations the entries' changes refer to by id (org_id, recipient_id ...)."""
    from ..org import Organization

    ids = {v for e in entries for k, pair in (e.changed or {}).items() if k in ORG_ID_FIELDS
           for v in pair if isinstance(v, int) and not isinstance(v, bool)}
    if not ids:
        return {}
    rows = session.execute(select(Organization.id, Organization.name).where(Organization.id.in_(ids)))
    return {i: name for i, name in rows}


#: record types whose audit rows the command line names by a column of the record
RECORD_NAME_COLUMNS: dict[str, tuple[str, str]] = {
    "organization": ("models.org:Organization", "name"),
    "member": ("models.member:Member", "name"),
    "account": ("models.account:Account", "name"),
    "letter": ("models.supervision:Letter", "number"),
    "evaluation_scheme": ("models.evaluation:EvaluationScheme", "name"),
    "pairing": ("models.pairing:Pairing", "name"),
    "problem": ("models.supervision:Problem", "description"),
    "month_task": ("models.supervision:MonthTask", "title"),
    "receipt_evidence": ("models.task_receipt:ReceiptEvidence", "name"),
}


def entity_for(text: str) -> str:
    """A record type given as its code (problem) or its Chinese name (问题)."""
    text = text.strip()
    if text in ENTITY_LABELS:
        return text
    for code, label in ENTITY_LABELS.items():
        if label == text:
            return code
    from ..errors import NotFound

    raise NotFound(f"没有记录类型“{text}”；可用：{'、'.join(ENTITY_LABELS.values())}")


def audit_record_names(session: Session, entries: list[AuditEntry]) -> dict[tuple[str, int], str]:
    """(record type, id) → the record's name (organization, member, account, letter number ...)."""
    import importlib

    wanted: dict[str, set[int]] = {}
    for e in entries:
        if e.entity in RECORD_NAME_COLUMNS and e.entity_id is not None:
            wanted.setdefault(e.entity, set()).add(e.entity_id)
    names: dict[tuple[str, int], str] = {}
    for entity, ids in wanted.items():
        module, cls = RECORD_NAME_COLUMNS[entity][0].split(":")
        model = getattr(importlib.import_module(module), cls)
        col = getattr(model, RECORD_NAME_COLUMNS[entity][1])
        for chunk in range(0, len(ids), 500):
            part = sorted(ids)[chunk:chunk + 500]
            for i, name in session.execute(select(model.id, col).where(model.id.in_(part))):
                if name:
                    text = " ".join(str(name).split())
                    names[(entity, i)] = text if len(text) <= 30 else text[:29] + "…"
    return names


def record_title(entry: AuditEntry, names: dict[tuple[str, int], str]) -> str:
    """What the entry is about, by name: “中心小学党支部”, “某组督〔2026〕1号”, a setting's label."""
    if entry.entity == "setting":
        from ..setting_specs import label_of

        return "、".join(label_of(k) for k in entry.changed)
    if entry.entity_id is None:
        return ""
    return names.get((entry.entity, entry.entity_id), f"{entity_label(entry.entity)}{entry.entity_id}")


def field_labels(entity: str) -> dict[str, str]:
    if entity == "setting":
        from ..setting_specs import DECLARED

        return {**FIELD_LABELS["setting"], **{k: s.label for k, s in DECLARED.items()}}
    if entity == "member":
        from .members import MEMBER_LABELS

        return {**MEMBER_LABELS, "ended_on": "终止日期", "end_reason": "终止原因", "end_note": "终止说明",
                "full_on_unknown": "转正日期不详", "probation_end": "预备期延至", "lost_on": "失去联系日"}
    if entity == "organization":
        from .orgs import ORG_LABELS

        return {**ORG_LABELS, "status": "状态", "dissolved_on": "撤销日期", "path": "层级路径",
                "contact_person": "联系人", "weak_year": "软弱涣散年度", "weak_reason": "软弱涣散原因",
                "model_level": "示范点级别", "model_year": "示范点年度", "units": "联合单位数"}
    if entity == "account":
        return {"name": "账号", "role": "角色", "scope_org_id": "范围", "active": "启用",
                "locked_until": "锁定至", "must_change_password": "须修改密码",
                "failed_logins": "密码错误次数"}
    return FIELD_LABELS.get(entity, {})


def describe_changes(entry: AuditEntry, actor: Actor,
                     org_names: dict[int, str] | None = None) -> list[tuple[str, str, str]]:
    """(field label, old, new) for each changed field, ID numbers as the actor may see them and
    organization ids as names (from ``org_names``, see :func:`audit_org_names`)."""
    labels = {"id": "编号", "name_initials": "拼音首字母", "version": "版本"} | field_labels(entry.entity)

    def show(key: str, value: object) -> str:
        if value is None:
            return "（空）"
        if isinstance(value, bool):
            return "是" if value else "否"
        if key in ORG_ID_FIELDS and org_names and isinstance(value, int) and value in org_names:
            return org_names[value]
        if key in ("id_number", "person_id_number", "phone"):  # a non-member cadre's number is masked alike
            return str(access.shown_value(actor, "phone" if key == "phone" else "id_number", str(value)))
        if key == "birth_date":
            return str(access.shown_value(actor, key, date.fromisoformat(str(value))))
        return str(value)

    return [
        (labels.get(key, key), show(key, old), show(key, new))
        for key, (old, new) in entry.changed.items() if key not in INTERNAL_FIELDS
    ]


@dataclass(frozen=True)
class VerifyResult:
    """What `audit verify` found: every fault (empty when the log is intact) and the rows checked."""

    faults: list[str]
    rows: int


def verify_audit_log(session: Session, actor: Actor, move: bool = True) -> VerifyResult:
    """Check the whole audit log's hash chain, its append-only triggers and the verified position
    the database keeps. Needs VIEW_AUDIT.

    Every edited, deleted or forged row is named (number, time, account, record). The verified
    position is evidence: it moves to the newest row only when all holds (and `move`: the caller
    found no anchor kept elsewhere disagreeing, models/anchors.py), never over a fault.
    """
    access.require(actor, Permission.VIEW_AUDIT)
    conn = session.connection()
    faults = trigger_faults(conn)
    found, seq, last = verify_chain(conn)
    faults += [f.message for f in found]
    head = session.get(AuditHead, 1)
    if head is not None and head.verified_seq:
        problem = anchors.mismatch(conn, anchors.Anchor(head.verified_seq, head.verified_hash or "",
                                                        "数据库内的核验位置"))
        if problem:
            faults.append(problem)
    rows = conn.scalar(select(func.count()).select_from(AuditEntry)) or 0
    if not faults and seq and move:
        move_verified(conn, seq, last)
    return VerifyResult(faults, rows)


def acknowledge_tampering(session: Session, actor: Actor, reason: str, faults: list[str]) -> None:
    """An administrator has looked at the faults `audit verify` reports and says why they stand:
    written in the audit log with the reason; the verified position moves to the head, so that
    from now on only new faults are reported (docs/tamper-evidence.md). Needs BACKUP_RESTORE."""
    access.require(actor, Permission.BACKUP_RESTORE)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError([FieldError("原因", "确认审计日志的问题须写明原因")])
    if not faults:
        raise DomainError("审计日志没有待确认的问题")
    conn = session.connection()
    record(session, actor.name, "acknowledge", "audit_log", None,
           {"faults": [None, faults[:50]]}, reason[:400])
    session.flush()
    now = anchors.head(conn)
    if now is not None:
        move_verified(conn, now[0], now[1], forward=False)


#: bookkeeping a clerk never needs to read in a history (the record's version, search keys)
INTERNAL_FIELDS = frozenset({"version", "name_initials", "path"})
