"""account add/list/disable/enable/password, backup, restore."""

from __future__ import annotations

import os
from pathlib import Path

from models.actor import SYSTEM, Actor
from models.backup import backup, backup_name, prune_backups, restore
from models.db import DatabaseOpenError, open_database, to_url
from models.roles import Role
from models.services import access, accounts
from models.services.access import Permission
from models.services.orgs import find_org

from .. import anchoring, paths
from ..cli import Context, say


def register(sub) -> None:
    p = sub.add_parser("account", help="账号：添加、列出、停用、启用、设置密码")
    acc = p.add_subparsers(dest="account_command", metavar="ACTION")
    acc.required = True
    a = acc.add_parser("add", help="添加账号（初始密码取自 DANGJIAN_NEW_PASSWORD，可不设）")
    a.add_argument("name")
    a.add_argument("--role", required=True, help="管理员、县级办事员、乡镇办事员 或 只读")
    a.add_argument("--scope", help="乡镇办事员所属的乡镇级党组织")
    a.set_defaults(handler=account_add)
    a = acc.add_parser("list", help="列出账号")
    a.set_defaults(handler=account_list)
    a = acc.add_parser("disable", help="停用账号（不删除）")
    a.add_argument("name")
    a.set_defaults(handler=account_disable)
    a = acc.add_parser("enable", help="重新启用已停用的账号（PostgreSQL 上同时恢复其数据库登录）")
    a.add_argument("name")
    a.set_defaults(handler=account_enable)
    a = acc.add_parser("password", help="设置密码（新密码取自 DANGJIAN_NEW_PASSWORD 或提示输入）")
    a.add_argument("name")
    a.set_defaults(handler=account_password)

    p = sub.add_parser("backup", help="备份数据库（程序运行时也可进行）")
    p.add_argument("--out", help="备份文件（默认：用户数据目录下 backups/，保留最近30份）")
    p.set_defaults(handler=do_backup)

    p = sub.add_parser("restore", help="检查备份文件后恢复")
    p.add_argument("file")
    p.set_defaults(handler=do_restore)


def account_add(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        scope = None
        if ctx.args.scope:
            scope = find_org(session, ctx.args.scope, actor).id
        password = os.environ.get("DANGJIAN_NEW_PASSWORD") or None
        add = accounts.add_account if ctx.db.is_sqlite else accounts.add_server_account
        account = add(session, actor, ctx.args.name, ctx.args.role, scope, password)
        name, role = account.name, account.role.value
    ctx.out(say(f"已添加账号“{name}”（{role}）", f"Account '{name}' added ({role})"))
    if ctx.db.is_sqlite and role == Role.TOWNSHIP_CLERK.value:
        ctx.err(say(accounts.SQLITE_TOWNSHIP_NOTE,
                    "Note: a SQLite file cannot limit a township account: whoever can copy the file "
                    "reads all of it. Township accounts belong on the shared PostgreSQL server"))
    return 0


def account_list(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        rows = accounts.list_accounts(session, actor)
    ctx.out("账号\t角色\t范围\t状态\t密码")
    for r in rows:
        state = "正常" if r.active else "已停用"
        if r.locked_until is not None:
            state += f"（锁定至{r.locked_until:%Y-%m-%d %H:%M}）"
        password = "已设置" if r.has_password else "未设置"
        if not ctx.db.is_sqlite:  # the server checks the login's password (docs/server-rights.md)
            password = "数据库登录"
        ctx.out(f"{r.name}\t{r.role}\t{r.scope or '全县'}\t{state}\t{password}")
    return 0


def account_disable(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        if ctx.db.is_sqlite:
            accounts.disable_account(session, actor, ctx.args.name)
        else:  # the login is refused the connection itself
            accounts.disable_server_account(session, actor, ctx.args.name)
    ctx.out(say(f"已停用账号“{ctx.args.name}”", f"Account '{ctx.args.name}' disabled"))
    return 0


def account_enable(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        if ctx.db.is_sqlite:
            accounts.enable_account(session, actor, ctx.args.name)
        else:  # the login may connect again
            accounts.enable_server_account(session, actor, ctx.args.name)
    ctx.out(say(f"已启用账号“{ctx.args.name}”", f"Account '{ctx.args.name}' enabled"))
    return 0


def account_password(ctx: Context) -> int:
    # an account whose password an administrator set may log in for this only (its own password)
    ctx.changing_password = ctx.args.user is not None and ctx.args.name.strip() == ctx.args.user.strip()
    with ctx.session() as (session, actor):
        new = os.environ.get("DANGJIAN_NEW_PASSWORD")
        if new is None:
            new = ctx.prompt_password(say("新密码：", "New password: "), "DANGJIAN_NEW_PASSWORD")
            again = ctx.prompt_password(say("再次输入新密码：", "Repeat: "), "DANGJIAN_NEW_PASSWORD")
            if new != again:
                ctx.err(say("两次输入的密码不一致，未修改", "The passwords differ; nothing changed"))
                return 1
        if ctx.db.is_sqlite:
            accounts.set_password(session, actor, ctx.args.name, new,
                                  old_password=os.environ.get("DANGJIAN_PASSWORD"))
        else:  # the connection proved the old password
            accounts.set_server_password(session, actor, ctx.args.name, new)
    ctx.out(say(f"已设置账号“{ctx.args.name}”的密码", f"Password set for '{ctx.args.name}'"))
    return 0


def do_backup(ctx: Context) -> int:
    with ctx.session() as (_session, actor):
        pass
    if ctx.args.out:
        out = backup(ctx.db, ctx.args.out, actor)
    else:
        folder = paths.backup_dir()
        out = backup(ctx.db, folder / backup_name(), actor)
        prune_backups(folder)
    anchoring.remember(ctx.db)  # the head after the backup's own audit row (docs/tamper-evidence.md)
    ctx.out(say(f"已备份到：{out}", f"Backed up to: {out}"))
    return 0


def _check_may_restore(ctx: Context, target: str) -> Actor | None:
    """An openable database: only an account with the duty may overwrite it (returned)."""
    url = to_url(target)
    if "://" in target or not url.startswith("sqlite"):
        return None  # a server target must be empty: restore() refuses anything else
    path = Path(url.split("///", 1)[1])
    if not path.exists():
        return None
    try:
        db = open_database(path, migrate=False)
    except DatabaseOpenError:
        return None  # damaged: that is what a restore is for
    try:
        with db.session() as session:
            actor = ctx.actor(session)  # the first administrator where no account exists yet
            access.require(actor, Permission.BACKUP_RESTORE)
            return actor
    except Exception as exc:
        from models.errors import PermissionDenied

        if isinstance(exc, PermissionDenied):
            raise
        return None  # unreadable tables: damaged
    finally:
        db.dispose()


def do_restore(ctx: Context) -> int:
    target = ctx.args.db or paths.default_database()
    actor = _check_may_restore(ctx, target)
    if actor is None:  # a damaged or empty target: no account can log in; the name given is all we know
        actor = Actor(ctx.args.user, Role.ADMIN) if ctx.args.user else SYSTEM
    result = restore(target, ctx.args.file, actor)
    problem = anchoring.after_restore(target, ctx.args.file, actor.name)  # docs/tamper-evidence.md
    if problem:
        ctx.err(say(f"警告：{problem}", f"Warning: {problem}"))
    for warning in result.warnings:
        ctx.err(say(f"警告：{warning}", f"Warning: {warning}"))
    total = sum(result.rows.values())
    ctx.out(say(f"已从“{ctx.args.file}”恢复{total}行数据", f"Restored {total} rows from {ctx.args.file}"))
    if result.aside is not None:
        ctx.out(say(f"原数据库文件已另存为：{result.aside}", f"The old file was kept as {result.aside}"))
    return 0
