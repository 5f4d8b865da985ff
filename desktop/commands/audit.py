"""audit: the audit log as the 审计日志 page shows it, with names and Chinese field labels.

`audit` is a command group: with only options it lists; `audit verify` (desktop/commands/
auditverify.py) checks the hash chain.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from models.errors import ValidationError
from models.services import auditlog as al

from ..cli import Context, say

HEADERS = ("时间", "账号", "操作", "记录类型", "编号", "记录", "变更", "说明")


def audit_parser(sub) -> tuple[argparse.ArgumentParser, Any]:
    """The `audit` parser and its ACTION subparsers, made once whichever module asks first."""
    p = sub.choices.get("audit")
    if p is None:
        p = sub.add_parser("audit", help="审计日志：谁在何时改了什么（名称与中文字段名）；audit verify 检查日志完整")
    actions = next((a for a in p._actions if isinstance(a, argparse._SubParsersAction)), None)
    if actions is None:
        actions = p.add_subparsers(dest="audit_command", metavar="ACTION")
        actions.required = False
    return p, actions


def register(sub) -> None:
    p, actions = audit_parser(sub)
    p.add_argument("--since", help="起始日期 YYYY-MM-DD（含）")
    p.add_argument("--until", help="截止日期 YYYY-MM-DD（含）")
    p.add_argument("--user", dest="audit_user", metavar="NAME", help="只看此账号的操作")
    p.add_argument("--record", dest="audit_record", metavar="KIND", help="记录类型，如 问题、党组织、设置（或 problem）")
    p.add_argument("--id", dest="audit_id", type=int, metavar="N", help="记录编号")
    p.add_argument("--limit", type=int, default=1000, help="最多列出多少条（默认1000，最新的在前）")
    p.add_argument("--out", help="写入 FILE.xlsx 而不是屏幕")
    p.set_defaults(handler=audit_list)
    from .auditverify import add_verify_parser

    add_verify_parser(actions)


def audit_rows(ctx: Context) -> list[tuple[str, ...]]:
    args = ctx.args
    since, until = parse_day(args.since, "--since"), parse_day(args.until, "--until")
    with ctx.session() as (session, actor):
        entity = al.entity_for(args.audit_record) if args.audit_record else None
        entries = al.audit_entries(session, actor, account=args.audit_user, entity=entity,
                                   entity_id=args.audit_id, since=since, until=until, limit=args.limit)
        org_names = al.audit_org_names(session, entries)
        names = al.audit_record_names(session, entries)
        rows: list[tuple[str, ...]] = []
        for e in entries:
            changes = "；".join(f"{label}：{old} → {new}" for label, old, new in al.describe_changes(e, actor, org_names))
            rows.append((f"{e.at:%Y-%m-%d %H:%M:%S}", e.account, al.action_label(e.action), al.entity_label(e.entity),
                         "" if e.entity_id is None else str(e.entity_id), al.record_title(e, names), changes,
                         e.note or ""))
    return rows


def parse_day(text: str | None, option: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        from models.errors import FieldError

        raise ValidationError([FieldError(option, f"“{text}”不是日期，应写成 YYYY-MM-DD")]) from None


def audit_list(ctx: Context) -> int:
    rows = audit_rows(ctx)
    if ctx.args.out:
        from reports.xlsx import write_table

        out = write_table(ctx.args.out, "审计日志", HEADERS, rows, widths=(20, 12, 10, 10, 8, 24, 60, 30))
        ctx.out(say(f"已导出{len(rows)}条审计记录：{out}", f"{len(rows)} audit entries written to {out}"))
        return 0
    ctx.out("\t".join(HEADERS))
    for row in rows:
        ctx.out("\t".join(" ".join(cell.split()) for cell in row))  # one line per entry
    ctx.out(say(f"共{len(rows)}条", f"{len(rows)} entries"))
    return 0
