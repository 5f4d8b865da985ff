"""`dangjian audit verify`: check the audit log's hash chain and its append-only triggers.

Registered after the other command modules: when a module already made the `audit` command (the
listing), `verify` is added to it as an optional first word and the listing stays as it was.
"""

from __future__ import annotations

import argparse

from models.services.auditlog import verify_audit_log

from ..cli import EXIT_USAGE, Context, say


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


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub._name_parser_map.get("audit")
    if parser is None:
        parser = sub.add_parser("audit", help="审计日志（verify：核验完整性）")
    listing = parser.get_default("handler")
    parser.add_argument("audit_action", nargs="?", choices=["verify"], metavar="verify",
                        help="核验审计日志：找出被修改、删除或伪造的记录（有问题时退出码为1）")

    def dispatch(ctx: Context) -> int | None:
        if ctx.args.audit_action == "verify":
            return verify(ctx)
        if listing is not None:
            return listing(ctx)
        ctx.err(say("用法：dangjian audit verify", "usage: dangjian audit verify"))
        return EXIT_USAGE

    parser.set_defaults(handler=dispatch)
