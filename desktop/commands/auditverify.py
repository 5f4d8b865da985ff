"""`dangjian audit verify` / `audit acknowledge`: check the audit log's hash chain, its append-only
triggers and every anchor of the chain kept outside the database (models/anchors.py,
docs/tamper-evidence.md); an administrator acknowledges what was found, with a reason.

Added to the `audit` command group by desktop/commands/audit.py (see add_verify_parser).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy.orm import Session

from models import anchors
from models.db import sqlite_url_path
from models.roles import Permission
from models.services import access
from models.services.auditlog import acknowledge_tampering, verify_audit_log

from .. import paths
from ..cli import Context, InputErrors, UsageError, say


def _folders(ctx: Context) -> list[Path]:
    """Where backups' sidecars are looked for: the backup folder, the database's folder."""
    folders = [paths.backup_dir()]
    db = sqlite_url_path(ctx.target)
    if db is not None:
        folders.append(db.parent)
    return folders


def _given(ctx: Context) -> list[anchors.Anchor]:
    found = []
    for value in getattr(ctx.args, "anchor", None) or []:
        try:
            found.append(anchors.parse_anchor(value, f"命令行给出的链头“{value}”"))
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    return found


def anchor_faults(ctx: Context, session: Session) -> anchors.AnchorCheck:
    """Every anchor found (the anchor file, the backups' sidecars, --anchor) against the chain."""
    key = anchors.database_key(session.get_bind().engine.url)
    kept = []
    try:
        mine = anchors.file_anchor(paths.anchor_file(), key)
    except anchors.AnchorFileError as exc:
        return anchors.AnchorCheck([], [(anchors.Anchor(-1, "", str(paths.anchor_file())), str(exc))])
    if mine is not None:
        kept.append(mine)
    kept += anchors.sidecar_anchors(_folders(ctx), key) + _given(ctx)
    return anchors.check(session.connection(), kept, paths.anchor_file(), key)


def verify(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        access.require(actor, Permission.VIEW_AUDIT)  # before any anchor is read
        found = anchor_faults(ctx, session)
        result = verify_audit_log(session, actor, move=not found.faults)
    faults = [problem for _anchor, problem in found.faults] + result.faults
    for fault in faults:
        ctx.out(fault)
    if found.faults:
        ctx.err(say(f"审计日志被篡改：{len(found.faults)}处保存在数据库之外的链头与日志不符"
                    f"（共核对{len(found.checked)}处）。管理员查明后可用 dangjian audit acknowledge --reason 原因 确认",
                    f"The audit log was tampered with: {len(found.faults)} anchors kept outside the database "
                    f"disagree ({len(found.checked)} checked); an administrator may acknowledge with "
                    "audit acknowledge --reason"))
        return 1
    if result.faults:
        ctx.err(say(f"审计日志完整性检查未通过：发现{len(result.faults)}处问题（共{result.rows}条记录）",
                    f"The audit log is broken: {len(result.faults)} problems ({result.rows} rows)"))
        return 1
    ctx.out(say(f"审计日志完整：共{result.rows}条记录，校验通过，{len(found.checked)}处链头一致",
                f"The audit log is intact: {result.rows} rows verified, {len(found.checked)} anchors agree"))
    return 0


def acknowledge(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        access.require(actor, Permission.BACKUP_RESTORE)  # an administrator's (docs/tamper-evidence.md)
        found = anchor_faults(ctx, session)
        result = verify_audit_log(session, actor, move=False)
        faults = [problem for _anchor, problem in found.faults] + result.faults
        acknowledge_tampering(session, actor, ctx.args.reason, faults)
        head = anchors.head(session.connection())
        key = anchors.database_key(session.get_bind().engine.url)
    try:
        anchors.acknowledge(paths.anchor_file(), key, found.faults, ctx.args.reason.strip(), actor.name, head)
    except anchors.AnchorFileError as exc:
        ctx.err(str(exc))
        raise InputErrors from None
    ctx.out(say(f"已确认{len(faults)}处审计日志问题（原因已记入审计日志）；此后只报告新的问题",
                f"{len(faults)} audit log problems acknowledged (the reason is in the audit log)"))
    return 0


def add_verify_parser(actions: argparse._SubParsersAction) -> None:
    """`verify` and `acknowledge` under the `audit` command group (desktop/commands/audit.py)."""
    p = actions.add_parser("verify", help="核验审计日志：找出被修改、删除或伪造的记录，并与保存在数据库之外的链头核对"
                                          "（有问题时退出码为1）")
    p.add_argument("--anchor", action="append", metavar="SEQ:HASH",
                   help="再核对一处链头（如月度通报页脚、季度报表首页所印的“审计链头：第N条 校验值”），可重复")
    p.set_defaults(handler=verify)
    p = actions.add_parser("acknowledge", help="管理员确认 audit verify 报告的问题（写明原因，记入审计日志）")
    p.add_argument("--reason", required=True, help="原因：查明的经过与处理")
    p.add_argument("--anchor", action="append", metavar="SEQ:HASH", help="同 audit verify --anchor")
    p.set_defaults(handler=acknowledge)
