"""The `dangjian` command line (contract.md): the same service functions the GUI calls."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from models.actor import Actor
from models.db import (
    Database,
    DatabaseOpenError,
    busy_timeout_ms,
    is_locked_error,
    locked_message,
    open_database,
)
from models.errors import DomainError, PermissionDenied

from . import __version__, paths
from .logsetup import setup_logging

log = logging.getLogger(__name__)

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_DENIED = 0, 1, 2, 3

#: every command group; each module has register(subparsers)
COMMAND_MODULES = [
    "desktop.commands.setup",
    "desktop.commands.roster",
    "desktop.commands.pairing",
    "desktop.commands.accounts",
    "desktop.commands.letters",
    "desktop.commands.evaluate",
    "desktop.commands.points",
    "desktop.commands.rectify",
    "desktop.commands.cadres",
    "desktop.commands.demo",
    "desktop.commands.reports",
    "desktop.commands.settings",
    "desktop.commands.audit",
    "desktop.commands.gui",
]


def english() -> bool:
    lang = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    return lang.lower().startswith("en")


def say(zh: str, en: str) -> str:
    """The sentence in the user's language (Chinese unless LANG=en*)."""
    return en if english() else zh


class InputErrors(Exception):
    """The command finished but the input had errors: exit code 1 (already reported)."""


@dataclass
class Context:
    args: argparse.Namespace
    _db: Database | None = field(default=None, repr=False)

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = open_database(self.args.db or paths.default_database())
        return self._db

    def actor(self, session: Session) -> Actor:
        from models.services import access, accounts

        password = os.environ.get("DANGJIAN_PASSWORD")
        if password is None and accounts.needs_password(session, self.args.user):
            password = self.prompt_password(say("密码：", "Password: "))
        return access.login(session, self.args.user, password)

    def prompt_password(self, label: str, env: str = "DANGJIAN_PASSWORD") -> str:
        """A password from a prompt when a person is at the terminal, else a clear refusal."""
        if not sys.stdin.isatty():
            raise PermissionDenied(say(f"请用环境变量 {env} 提供密码", f"Give the password in {env}"))
        import getpass

        return getpass.getpass(label)

    @contextmanager
    def session(self) -> Iterator[tuple[Session, Actor]]:
        """One session for the command: committed when the command returns, rolled back on error."""
        with self.db.session() as session:
            actor = self.actor(session)
            try:
                yield session, actor
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def out(self, line: str) -> None:
        print(line, flush=True)

    def err(self, line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()


Handler = Callable[[Context], int | None]


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one sentence, exit 2
        self.exit(EXIT_USAGE, say(f"用法错误：{message}\n", f"usage error: {message}\n"))


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="dangjian", description="党建督查台账 Dangjian Desk")
    parser.add_argument("--db", help="SQLite 文件路径或 SQLAlchemy URL（默认 DANGJIAN_DB 或用户数据目录）")
    parser.add_argument("--user", help="操作账号（密码取自 DANGJIAN_PASSWORD 或提示输入）")
    parser.add_argument("--version", action="version", version=f"dangjian {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def newest_backup_hint() -> str:
    """" 最近的备份：FILE，可用 dangjian restore FILE 恢复" when a backup exists."""
    from models.backup import newest_backup

    newest = newest_backup(paths.backup_dir())
    if newest is None:
        return ""
    return say(f"\n最近的备份：{newest}，可用 dangjian restore \"{newest}\" 恢复。",
               f"\nNewest backup: {newest}; restore it with dangjian restore \"{newest}\".")


def main(argv: list[str] | None = None) -> int:
    setup_logging()
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = Context(args)
    try:
        code = args.handler(ctx)
        return EXIT_OK if code is None else code
    except InputErrors:
        return EXIT_INPUT
    except DatabaseOpenError as exc:
        ctx.err(str(exc) + newest_backup_hint())
        return EXIT_USAGE
    except PermissionDenied as exc:
        ctx.err(str(exc))
        return EXIT_DENIED
    except DomainError as exc:
        ctx.err(str(exc))
        return EXIT_INPUT
    except KeyboardInterrupt:
        ctx.err(say("已取消。", "Cancelled."))
        return 130
    except OperationalError as exc:
        if not is_locked_error(exc):
            log.exception("command %s failed", args.command)
            ctx.err(say(f"数据库错误：{exc.orig}（详情见日志 {paths.log_file()}）",
                        f"Database error: {exc.orig} (details in the log {paths.log_file()})"))
            return EXIT_INPUT
        ctx.err(say(locked_message(busy_timeout_ms() / 1000),
                    "The database file is locked by another program; close it and try again."))
        return EXIT_USAGE
    except Exception as exc:  # unexpected: one sentence here, the traceback in the log
        log.exception("command %s failed", args.command)
        ctx.err(say(f"程序内部错误：{exc}（详情见日志 {paths.log_file()}）",
                    f"Internal error: {exc} (details in the log {paths.log_file()})"))
        return EXIT_INPUT
    finally:
        ctx.close()


if __name__ == "__main__":
    # run the module `desktop.cli`, not this `__main__` copy, so that the exception classes the
    # command modules raise are the ones main() catches
    from desktop.cli import main as cli_main

    sys.exit(cli_main())
