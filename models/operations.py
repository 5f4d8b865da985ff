"""Every action a clerk can take, declared once with its duty (docs/roles-and-duties.md).

A button, a menu item and a subcommand name the operation they run; the window enables the
button and explains a disabled one from here, the command line's runner and the generated role
test read the same table. The services check the duty again inside (the declaration is for the
front ends, never the only wall).
"""

from __future__ import annotations

from dataclasses import dataclass

from .actor import Actor
from .roles import GRANTS, Permission, Role


@dataclass(frozen=True)
class Operation:
    name: str
    #: the duty it needs; None: reading (every account, inside its scope)
    duty: Permission | None
    #: county accounts only (a township account is refused even with the duty)
    county_only: bool = False


P = Permission
_DECLARED = [
    # 三函: letters
    Operation("letters.draft", P.ISSUE_LETTERS, county_only=True),
    Operation("letters.edit", P.ISSUE_LETTERS, county_only=True),
    Operation("letters.issue", P.ISSUE_LETTERS, county_only=True),
    Operation("letters.void", P.ISSUE_LETTERS, county_only=True),
    Operation("letters.finish", P.ISSUE_LETTERS, county_only=True),
    Operation("letters.reply", P.REPORT_PROGRESS),
    Operation("letters.templates", P.EDIT_TEMPLATES, county_only=True),
    Operation("letters.pdf", None),
    Operation("accountability.decide", P.DECIDE_ACCOUNTABILITY, county_only=True),
    # 三函: month tasks
    Operation("task.add", P.MANAGE_TASKS, county_only=True),
    Operation("task.edit", P.MANAGE_TASKS, county_only=True),
    Operation("task.withdraw", P.MANAGE_TASKS, county_only=True),
    Operation("task.restore", P.MANAGE_TASKS, county_only=True),
    Operation("task.import", P.MANAGE_TASKS, county_only=True),
    # 三函: task receipts (a township for its own township; docs/task-receipts.md)
    Operation("task.report", P.REPORT_PROGRESS),
    Operation("task.confirm", P.MANAGE_TASKS, county_only=True),
    # 三函: findings
    Operation("problem.add", P.RECORD_FINDINGS),
    Operation("problem.import", P.RECORD_FINDINGS),
    Operation("problem.edit", P.CHANGE_FINDINGS),
    Operation("problem.withdraw", P.CHANGE_FINDINGS),
    Operation("problem.restore", P.CHANGE_FINDINGS),
    Operation("problem.advance", P.REPORT_PROGRESS),
    Operation("problem.close", P.ACCEPT_RECTIFICATION),
    # 数据核查: the checks offered as findings (docs/findings.md)
    Operation("findings.run", P.RECORD_FINDINGS, county_only=True),
    Operation("findings.accept", P.RECORD_FINDINGS, county_only=True),
    Operation("findings.dismiss", P.RECORD_FINDINGS, county_only=True),
    # 整顿 (软弱涣散)
    Operation("rectify.open", P.RECORD_FINDINGS),
    Operation("rectify.progress", P.REPORT_PROGRESS),
    Operation("rectify.accept", P.ACCEPT_RECTIFICATION),
    # records
    Operation("org.edit", P.EDIT_RECORDS),
    Operation("member.edit", P.EDIT_RECORDS),
    Operation("member.import", P.EDIT_RECORDS),
    Operation("member.lifecycle", P.EDIT_RECORDS),
    Operation("org.leaders", P.EDIT_RECORDS),
    Operation("cadres.edit", P.EDIT_RECORDS),
    Operation("points.edit", P.EDIT_RECORDS),
    Operation("points.approve", P.LOCK_EVALUATIONS, county_only=True),
    # evaluations
    Operation("evaluate.open", P.RUN_EVALUATIONS),
    Operation("evaluate.fill", P.EDIT_RECORDS),
    Operation("evaluate.lock", P.LOCK_EVALUATIONS),
    Operation("evaluate.schemes", P.EDIT_TEMPLATES),
    # pairings
    Operation("pairing.edit", P.MANAGE_PAIRINGS),
    Operation("pairing.activity", P.EDIT_RECORDS),
    Operation("pairing.cross", P.MANAGE_CROSS_PAIRINGS, county_only=True),
    # the office
    Operation("backup", P.BACKUP_RESTORE),
    Operation("restore", P.BACKUP_RESTORE),
    Operation("settings.set", P.MANAGE_SETTINGS),
    Operation("account.manage", P.MANAGE_ACCOUNTS),
    Operation("audit.view", P.VIEW_AUDIT),
    Operation("audit.acknowledge", P.BACKUP_RESTORE),  # docs/tamper-evidence.md
    Operation("report.county", None, county_only=True),
]
OPERATIONS: dict[str, Operation] = {op.name: op for op in _DECLARED}


def _role(actor: Actor) -> Role | None:
    try:
        return Role(actor.role)
    except ValueError:
        return None


#: the sentences of a refusal, by reason ({duty}: the missing duty's name); the window translates
#: them (forms/common.py refusal_text), the command line prints them as they are
REFUSALS = {
    "role": "账号的角色无效，不能操作",
    "readonly": "只读账号只能查看和打印，不能{duty}",
    "township": "乡镇账号没有“{duty}”的职责，由县委组织部办理",
    "account": "此账号没有“{duty}”的权限",
    "county": "乡镇账号只能处理本乡镇的数据，此项由县委组织部办理",
}


def refusal_reason(actor: Actor, name: str) -> tuple[str, Permission | None] | None:
    """(reason key of REFUSALS, the missing duty) when this account may not run the operation."""
    op = OPERATIONS[name]
    role = _role(actor)
    if role is None:
        return "role", None
    if op.duty is not None and op.duty not in GRANTS[role]:
        key = {Role.READ_ONLY: "readonly", Role.TOWNSHIP_CLERK: "township"}.get(role, "account")
        return key, op.duty
    if op.county_only and actor.scope_org_id is not None:
        return "county", None
    return None


def refusal(actor: Actor, name: str) -> str | None:
    """Why this account may not run the operation (one sentence naming the missing duty), or None."""
    reason = refusal_reason(actor, name)
    if reason is None:
        return None
    key, duty = reason
    return REFUSALS[key].replace("{duty}", duty.value if duty else "")


def allowed(actor: Actor, name: str) -> bool:
    return refusal(actor, name) is None
