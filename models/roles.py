"""Roles and duties: plain enumerations that table modules and services both import.

A role is granted duties (docs/roles-and-duties.md has the table). The rules that use them (who may
do what, township scope, ID masking) live in models/services/access.py, which re-exports these names.
The supervised never close, withdraw, downgrade or re-date their own findings: those duties are the
county's; a township reports its progress, its replies and the evidence of its tasks.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "管理员"
    COUNTY_CLERK = "县级办事员"
    TOWNSHIP_CLERK = "乡镇办事员"
    READ_ONLY = "只读"


class Permission(StrEnum):
    """A duty: what an account may do. The value completes “无权…” in a refusal."""

    #: organizations, members, cadres, points entries, evaluation sheets, 自评 (inside the scope)
    EDIT_RECORDS = "维护党组织和党员信息"
    #: rectification progress of a finding or a 整顿, replies to letters, month-task receipts
    REPORT_PROGRESS = "报送整改进展、反馈和任务完成情况"
    #: record a finding (督查问题) or open a 整顿
    RECORD_FINDINGS = "登记督查问题"
    #: withdraw, restore, move or correct a finding (severity, deadline, description)
    CHANGE_FINDINGS = "撤销或修改督查问题"
    #: 验收销号 of a finding, 验收 of a 整顿
    ACCEPT_RECTIFICATION = "验收销号"
    #: the month's tasks (提示函 content)
    MANAGE_TASKS = "安排月度任务"
    #: draft, edit, issue, void and finish letters
    ISSUE_LETTERS = "签发三函"
    #: decide 问责查办 cases
    DECIDE_ACCOUNTABILITY = "决定问责"
    #: pairings whose parties are all inside the account's township
    MANAGE_PAIRINGS = "管理结对"
    #: pairings whose parties span several townships
    MANAGE_CROSS_PAIRINGS = "管理跨乡镇结对"
    #: open evaluation rounds, 审核, record 商议/审议
    RUN_EVALUATIONS = "组织评价"
    LOCK_EVALUATIONS = "锁定评价结果"
    MANAGE_ACCOUNTS = "管理账号"
    BACKUP_RESTORE = "备份和恢复数据库"
    SEE_ID_NUMBERS = "查看完整身份证号"
    #: the shared settings (deadline days, thresholds, categories …): the administrator's
    MANAGE_SETTINGS = "修改系统设置"
    #: letter templates and evaluation schemes
    EDIT_TEMPLATES = "维护函件模板和评价方案"
    VIEW_AUDIT = "查看审计日志"


#: what a township account may do, inside its township only
TOWNSHIP_DUTIES = frozenset({
    Permission.EDIT_RECORDS, Permission.REPORT_PROGRESS, Permission.MANAGE_PAIRINGS,
    Permission.RUN_EVALUATIONS,
})

GRANTS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.COUNTY_CLERK: frozenset(Permission) - {
        Permission.MANAGE_ACCOUNTS, Permission.BACKUP_RESTORE, Permission.MANAGE_SETTINGS},
    Role.TOWNSHIP_CLERK: TOWNSHIP_DUTIES,
    Role.READ_ONLY: frozenset(),
}
