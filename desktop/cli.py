"""The `dangjian` command line (contract.md): the same service functions the GUI calls."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import re
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
from models.errors import DomainError, PermissionDenied, ValidationError, public_message, redact

from . import __version__, paths
from .logsetup import setup_logging

log = logging.getLogger(__name__)

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_DENIED = 0, 1, 2, 3

#: every command group; each module has register(subparsers)
COMMAND_MODULES = [
    "desktop.commands.setup",
    "desktop.commands.roster",
    "desktop.commands.members",
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

#: commands that make the database when its folder does not exist (they say where)
CREATES_FOLDER = frozenset({"init", "gui"})
#: commands that make a new database file in an existing folder (demo fills an empty one,
#: restore writes the backup there)
CREATES_FILE = CREATES_FOLDER | {"demo", "restore"}
#: options naming files a command writes / reads (an output must never be one of the inputs)
OUTPUT_OPTIONS = ("out", "report", "combined")
INPUT_OPTIONS = ("file", "files", "path", "paths", "inputs", "workbooks")


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
    #: the command only changes the acting account's own password (allowed while it must)
    changing_password: bool = False

    @property
    def target(self) -> str:
        return self.args.db or paths.default_database()

    @property
    def db(self) -> Database:
        if self._db is None:
            check_target(self.target, self.args.command)
            self._db = self.open(self.target)
            if self._db.created is not None:
                self.err(say(f"已新建数据库：{self._db.created}", f"New database created: {self._db.created}"))
            warnings = self._db.warnings
            if self.args.command == "init":  # init puts the audit log's triggers back
                from models.audit import repair_triggers

                with self._db.engine.begin() as conn:
                    repaired = repair_triggers(conn)
                if repaired:
                    warnings = [w for w in warnings if not w.startswith("审计日志保护触发器")] + repaired
            for warning in warnings:
                self.err(say(f"警告：{warning}", f"Warning: {warning}"))
        return self._db

    def open(self, target: str) -> Database:
        """Open the target; on PostgreSQL `--user NAME` is the database login, its password from
        DANGJIAN_PASSWORD or a prompt (the URL carries none). Without `--user` the URL's own role
        connects: the schema owner, acting as the administrator (docs/server-rights.md)."""
        from models.services import accounts

        user = (self.args.user or "").strip()
        if not user or not accounts.is_server_target(target):
            return open_database(target)
        password = os.environ.get("DANGJIAN_PASSWORD")
        if password is None:
            password = self.prompt_password(say("密码：", "Password: "))
        return accounts.open_as_login(target, user, password)

    def actor(self, session: Session) -> Actor:
        from models.services import access, accounts

        if session.get_bind().dialect.name == "postgresql":
            return accounts.server_login(session, changing_password=self.changing_password)
        password = os.environ.get("DANGJIAN_PASSWORD")
        if password is None and accounts.needs_password(session, self.args.user):
            password = self.prompt_password(say("密码：", "Password: "))
        return access.login(session, self.args.user, password,
                            changing_password=self.changing_password)

    def prompt_password(self, label: str, env: str = "DANGJIAN_PASSWORD") -> str:
        """A password from a prompt when a person is at the terminal, else a clear refusal."""
        if not sys.stdin.isatty():
            raise PermissionDenied(say(f"请用环境变量 {env} 提供密码", f"Give the password in {env}"))
        import getpass

        return getpass.getpass(label)

    @contextmanager
    def session(self) -> Iterator[tuple[Session, Actor]]:
        """One session for the command: committed when the command returns, rolled back on error."""
        with self.db.transaction() as session:
            yield session, self.actor(session)

    def out(self, line: str) -> None:
        print(line, flush=True)

    def err(self, line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()


Handler = Callable[[Context], int | None]


_UNRECOGNIZED = re.compile(r"(unrecognized arguments: |未能识别的参数：)(.*)$")
_SECRET_OPTION = re.compile(r"(--?[\w-]*(?:pass|pwd|secret|token|密码)[\w-]*)(?:[= ]\S+)?", re.IGNORECASE)


#: the arguments being parsed (main sets it), so that a usage error can hide secrets among them
_parsing: list[str] = []


def _secret_words(argv: list[str]) -> set[str]:
    """Words of argv given to an option that looks like a password option (--password X, --pwd=X)."""
    secrets = set()
    for i, word in enumerate(argv):
        name, eq, value = word.partition("=")
        if name.startswith("-") and _SECRET_OPTION.fullmatch(name):
            if eq:
                secrets.add(value)
            elif i + 1 < len(argv):
                secrets.add(argv[i + 1])
    return {w for w in secrets if w}


def redact_usage(message: str, argv: list[str] | None = None) -> str:
    """A usage error without what may be a password typed on the command line.

    Unrecognized arguments are named by their option names only (a value, or a word that is not
    an option, is shown as ***); a value given to an option whose name looks like a password
    option is never shown, wherever the message quotes it (e.g. as an invalid command).
    """
    for secret in sorted(_secret_words(argv or []), key=len, reverse=True):
        message = message.replace(secret, "***")
    m = _UNRECOGNIZED.search(message)
    if m:
        shown = [w.split("=", 1)[0] if w.startswith("-") else "***" for w in m.group(2).split()]
        message = message[: m.start(2)] + " ".join(shown)
    return _SECRET_OPTION.sub(lambda mm: f"{mm.group(1)} ***" if mm.group(0) != mm.group(1) else mm.group(0),
                              message)


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one sentence, exit 2
        message = redact_usage(message, _parsing)
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


def check_target(target: str, command: str | None) -> None:
    """A SQLite path whose folder (or file) does not exist: only the commands that make a database
    may go on; the others stop with exit 2 naming the path, and nothing is created."""
    from pathlib import Path

    from models.db import missing_message, sqlite_url_path

    path = sqlite_url_path(target)
    if path is None:
        return
    if not path.parent.is_dir() and command not in CREATES_FOLDER:
        raise DatabaseOpenError(missing_message(Path(path)) or str(path))
    if not path.exists() and command not in CREATES_FILE:
        raise DatabaseOpenError(missing_message(Path(path)) or str(path))


def _paths_of(args: argparse.Namespace, names: tuple[str, ...]) -> list[str]:
    found = []
    for name in names:
        value = getattr(args, name, None)
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list | tuple):
            found += [v for v in value if isinstance(v, str)]
    return found


def output_over_input(args: argparse.Namespace) -> str | None:
    """The message when an output file of the command is one of its inputs (or the database)."""
    from pathlib import Path

    from models.db import sqlite_url_path

    def key(text: str) -> Path:
        return Path(text).expanduser().resolve()

    inputs = {key(p): p for p in _paths_of(args, INPUT_OPTIONS)}
    db = sqlite_url_path(args.db or paths.default_database())
    if db is not None:
        inputs[db.resolve()] = str(db)
    for out in _paths_of(args, OUTPUT_OPTIONS):
        if key(out) in inputs:
            return say(f"输出文件“{out}”就是输入文件，不能覆盖输入；请换一个输出文件名",
                       f"The output file {out} is one of the inputs; choose another name")
    return None


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
    _parsing[:] = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    ctx = Context(args)
    clash = output_over_input(args)
    if clash:
        ctx.err(clash)
        return EXIT_USAGE
    try:
        if args.command == "restore":  # restore opens the target itself
            check_target(ctx.target, args.command)
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
    except ValidationError as exc:  # refused input: one line per field (字段：原因)
        for error in exc.errors:
            ctx.err(str(error))
        return EXIT_INPUT
    except DomainError as exc:
        ctx.err(str(exc))
        return EXIT_INPUT
    except KeyboardInterrupt:
        ctx.err(say("已取消。", "Cancelled."))
        return 130
    except OperationalError as exc:
        if not is_locked_error(exc):
            log.exception("command %s failed", args.command)
            orig = redact(str(exc.orig)).strip().splitlines()[:1]
            ctx.err(say(f"数据库错误：{''.join(orig)}（详情见日志 {paths.log_file()}）",
                        f"Database error: {''.join(orig)} (details in the log {paths.log_file()})"))
            return EXIT_INPUT
        ctx.err(say(locked_message(busy_timeout_ms() / 1000),
                    "The database file is locked by another program; close it and try again."))
        return EXIT_USAGE
    except Exception as exc:  # unexpected: one sentence here, the traceback in the log
        log.exception("command %s failed", args.command)
        shown = public_message(exc)  # never SQL, parameters or ID numbers
        ctx.err(say(f"程序内部错误：{shown}（详情见日志 {paths.log_file()}）",
                    f"Internal error: {shown} (details in the log {paths.log_file()})"))
        return EXIT_INPUT
    finally:
        ctx.close()


if __name__ == "__main__":
    # run the module `desktop.cli`, not this `__main__` copy, so that the exception classes the
    # command modules raise are the ones main() catches
    from desktop.cli import main as cli_main

    sys.exit(cli_main())
