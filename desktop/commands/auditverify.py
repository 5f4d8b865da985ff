"""`dangjian audit verify`: check the audit log's hash chain and its append-only triggers.

Added to the `audit` command group by desktop/commands/audit.py (see add_verify_parser).
"""

from __future__ import annotations

import argparse

from models.services.auditlog import verify_audit_log

from ..cli import Context, say


def verify(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        result = verify_audit_log(session, actor)
    for fault in result.faults:
        ctx.out(fault)
    if result.faults:
        ctx.err(say(f"审计日志完整性检查未通过：发现{len(result.faults)}处问题（共{result.rows}条记录）",
                    f"The audit log is broken: {len(result.faults)} problems ({result.rows} rows)"))
        return 1
    ctx.out(say(f"审计日志完整：共{result.rows}条记录，校验通过",
                f"The audit log is intact: {result.rows} rows verified"))
    return 0


def add_verify_parser(actions: argparse._SubParsersAction) -> None:
    """`verify` under the `audit` command group (desktop/commands/audit.py makes the group)."""
    p = actions.add_parser("verify", help="核验审计日志：找出被修改、删除或伪造的记录（有问题时退出码为1）")
    p.set_defaults(handler=verify)
