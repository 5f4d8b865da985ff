"""The `dangjian` command line (docs/commands.md): the same service functions the GUI calls."""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from . import __version__

TYPE_CHECKING = False
if TYPE_CHECKING:  # the command line loads SQLAlchemy, the models and the command's module only
    # when a command runs, and `--version` and `--help` not even logging, typing, dataclasses or
    # platformdirs (docs/startup.md)
    import logging
    from typing import NoReturn

    from sqlalchemy.orm import Session

    from models.actor import Actor
    from models.db import Database


def _log() -> logging.Logger:
    import logging

    return logging.getLogger(__name__)

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_DENIED, EXIT_INTERNAL = 0, 1, 2, 3, 70

#: every top-level command: the module whose register(subparsers) adds it, and the line
#: `dangjian --help` shows for it. Only the module of the command given is imported
#: (docs/startup.md); tests/test_startup.py checks these lines against the modules' own.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("desktop.commands.setup", "创建或升级数据库"),
    "check": ("desktop.commands.setup", "规则检查：组织结构、逾期事项、届期、数据错误"),
    "template": ("desktop.commands.roster", "生成空白导入模板"),
    "import": ("desktop.commands.roster", "导入数据（任一行有错则不写入，除非 --keep-valid）"),
    "export": ("desktop.commands.roster", "导出数据"),
    "member": ("desktop.commands.members", "党员名册：查找、查看、新增、修改、转接、终止和恢复党籍、历史"),
    "pairing": ("desktop.commands.pairing", "结对帮扶台账：列表、乡镇汇总、规则检查"),
    "account": ("desktop.commands.accounts", "账号：添加、列出、停用、启用、设置密码"),
    "backup": ("desktop.commands.accounts", "备份数据库（程序运行时也可进行）"),
    "restore": ("desktop.commands.accounts", "检查备份文件后恢复"),
    "letters": ("desktop.commands.letters", "三函：起草、签发、生成PDF、登记反馈"),
    "problem": ("desktop.commands.letters", "督查发现问题：列表、整改流程、销号"),
    "task": ("desktop.commands.letters", "月度重点任务（提示函的内容）：列表、新增、修改、撤回、恢复，报送完成情况和回执"),
    "accountability": ("desktop.commands.accountability", "问责查办：预警函最后整改期限后仍未整改的问题"),
    "evaluate": ("desktop.commands.evaluate", "星级评定与民主评议：开启、导出评价表、导入、结果、锁定"),
    "points": ("desktop.commands.points", "星级党员积分制：积分台账、登记、更正、审核"),
    "rectify": ("desktop.commands.rectify", "软弱涣散党组织整顿：开始整顿、记录进展、验收、列表"),
    "findings": ("desktop.commands.findings", "数据核查：按月运行核查，列出待处理的核查问题；采纳或排除"),
    "org": ("desktop.commands.orgs", "党组织：班子成员（书记、副书记、委员）"),
    "cadres": ("desktop.commands.cadres", "村干部名册与双议双评"),
    "demo": ("desktop.commands.demo", "在空数据库中生成演示县的数据"),
    "report": ("desktop.commands.reports", "月度督查通报（monthly）、年度党建考核三函部分（assessment）"),
    "settings": ("desktop.commands.settings", "共享设置：问题类别、整改天数、督办函门槛、反馈天数、抄送等（仅管理员可修改）"),
    "audit": ("desktop.commands.audit", "审计日志：谁在何时改了什么（名称与中文字段名）；audit verify 检查日志完整"),
    "gui": ("desktop.commands.gui", "打开桌面窗口"),
}

#: every command group; each module has register(subparsers)
COMMAND_MODULES = list(dict.fromkeys(module for module, _help in COMMANDS.values()))

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


class Context:
    """What a command's handler gets: its arguments, the database (opened when first used), the
    account acting and the output."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._db: Database | None = None
        #: the command only changes the acting account's own password (allowed while it must)
        self.changing_password = False

    @property
    def target(self) -> str:
        from . import paths

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
            from .anchoring import remember

            anchored = remember(self._db)
            for warning in warnings + ([anchored] if anchored else []):
                self.err(say(f"警告：{warning}", f"Warning: {warning}"))
            end_start_up()
        return self._db

    def open(self, target: str) -> Database:
        """Open the target; on PostgreSQL `--user NAME` is the database login, its password from
        DANGJIAN_PASSWORD or a prompt (the URL carries none). Without `--user` the URL's own role
        connects: the schema owner, acting as the administrator (docs/server-rights.md)."""
        from models.db import open_database
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
            from models.errors import PermissionDenied

            raise PermissionDenied(say(f"请用环境变量 {env} 提供密码", f"Give the password in {env}"))
        import getpass

        return getpass.getpass(label)

    @contextmanager
    def session(self) -> Iterator[tuple[Session, Actor]]:
        """One session for the command: committed when the command returns, rolled back on error.
        An account without the duty of the command's operation is refused here, before anything
        runs (the services check again inside)."""
        with self.db.transaction() as session:
            actor = self.actor(session)
            self.require_operation(actor)
            yield session, actor

    def require_operation(self, actor: Actor) -> None:
        from models import operations

        from .commands import COMMAND_OPERATIONS

        name = COMMAND_OPERATIONS.get(getattr(self.args, "command_path", ""))
        why = operations.refusal(actor, name) if name else None
        if why:
            from models.errors import PermissionDenied

            raise PermissionDenied(why)

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
    def error(self, message: str) -> NoReturn:  # one sentence, exit 2
        message = redact_usage(message, _parsing)
        self.exit(EXIT_USAGE, say(f"用法错误：{message}\n", f"usage error: {message}\n"))


#: the ranges of the whole numbers the commands take (docs/tamper-evidence.md, "Entry points"):
#: years, record ids (the id columns are 32-bit on PostgreSQL), and the others
YEARS = (1900, 2100)
IDS = (1, 2**31 - 1)
COUNTS = (0, 2**31 - 1)


def ranged_int(dest: str) -> Callable[[str], int]:
    """The argparse type of an integer option: a whole number within its range, else a usage
    error naming the range (never an OverflowError deep in a query)."""
    if "year" in dest:
        low, high, what = *YEARS, say("年度", "the year")
    elif dest in ("seed", "limit"):
        low, high, what = *COUNTS, say("数值", "the number")
    else:
        low, high, what = *IDS, say("编号", "the id")

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(
                say(f"“{text}”不是整数", f"'{text}' is not a whole number")) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(say(f"{what}须在{low}至{high}之间（现为{text}）",
                                                 f"{what} must be between {low} and {high} (not {text})"))
        return value

    parse.__name__ = "int"
    return parse


def points_value(text: str) -> str:
    """`--points`: a finite value within the ledger's range, at most two decimals (the service
    reads the same text again)."""
    from models.services.points import parse_points

    try:
        parse_points(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def _checked_types(parser: argparse.ArgumentParser) -> None:
    """Every integer option of every command gets its range; every --points its check."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in set(action.choices.values()):
                _checked_types(sub)
        elif action.type is int:
            action.type = ranged_int(action.dest)
        elif action.dest == "points" and action.type is None:
            action.type = points_value


def build_parser(command: str | None = "") -> argparse.ArgumentParser:
    """The parser of the command line. By default every command's whole tree (the tests and the
    command reference walk it); `command` names the one command whose module is loaded, the others
    listed by name and help line only (COMMANDS), so that parsing stays cheap: None loads none
    (`dangjian --help`)."""
    parser = Parser(prog="dangjian", description="党建督查台账 Dangjian Desk")
    parser.add_argument("--db", help="SQLite 文件路径或 SQLAlchemy URL（默认 DANGJIAN_DB 或用户数据目录）")
    parser.add_argument("--user", help="操作账号（密码取自 DANGJIAN_PASSWORD 或提示输入）")
    parser.add_argument("--version", action="version", version=f"dangjian {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    sub.required = True
    if command == "":
        modules = COMMAND_MODULES
    else:
        modules = [COMMANDS[command][0]] if command in COMMANDS else []
    registered: set[str] = set()
    for name, (module, help_line) in COMMANDS.items():  # in this order, loaded or not
        if module not in modules:
            sub.add_parser(name, help=help_line)
        elif module not in registered:
            registered.add(module)
            importlib.import_module(module).register(sub)
    _checked_types(parser)
    for path, leaf in command_parsers(parser):
        leaf.set_defaults(command_path=path)
    return parser


#: the global options that take a value (the word after them is not the command)
_GLOBAL_VALUED = ("--db", "--user")


def command_word(argv: list[str]) -> str | None:
    """The command named in argv (the first word that is neither a global option nor its value),
    or None (`dangjian --help`, `dangjian --version`)."""
    words = iter(argv)
    for word in words:
        if word == "--":
            return next(words, None)
        if word.startswith("-"):
            if "=" not in word and len(word) > 2 and any(o.startswith(word) for o in _GLOBAL_VALUED):
                next(words, None)
            continue
        return word
    return None


def command_parsers(parser: argparse.ArgumentParser, path: str = "") -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Every (sub)command that runs something, as ("problem close", its parser): a parser with a
    handler, and every parser below it."""
    if path and parser.get_default("handler") is not None:
        yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from command_parsers(child, f"{path} {name}".strip())


def check_target(target: str, command: str | None) -> None:
    """A SQLite path whose folder (or file) does not exist: only the commands that make a database
    may go on; the others stop with exit 2 naming the path, and nothing is created."""
    from pathlib import Path

    from models.db import DatabaseOpenError, missing_message, sqlite_url_path

    path = sqlite_url_path(target)
    if path is None:
        return
    if not path.parent.is_dir() and command not in CREATES_FOLDER:
        raise DatabaseOpenError(missing_message(Path(path)) or str(path))
    if not path.exists() and command not in CREATES_FILE:
        raise DatabaseOpenError(missing_message(Path(path)) or str(path))
    if path.is_file() and path.stat().st_size == 0 and command not in ("init", "restore"):
        raise DatabaseOpenError(say(
            f"“{path}”是空文件，不是数据库，未做任何改动。要在此新建数据库，请运行 dangjian --db \"{path}\" init",
            f"{path} is an empty file, not a database; nothing was changed. Run init to make one there."))


def _paths_of(args: argparse.Namespace, names: tuple[str, ...]) -> list[str]:
    found = []
    for name in names:
        value = getattr(args, name, None)
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list | tuple):
            found += [v for v in value if isinstance(v, str)]
    return found


def _same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """One file by identity (os.stat device and inode): a hard link, a symbolic link or another
    spelling of the path is the same file; a file that does not exist yet is none."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def output_over_input(args: argparse.Namespace) -> str | None:
    """The message when an output file of the command is one of its inputs or the database
    (compared by file identity, docs/tamper-evidence.md "Where nothing is written")."""
    from pathlib import Path

    from models.db import sqlite_url_path

    from . import paths

    inputs = list(_paths_of(args, INPUT_OPTIONS))
    db = sqlite_url_path(args.db or paths.default_database())
    if db is not None:
        inputs += [str(db), str(db) + "-wal", str(db) + "-shm"]
    for out in _paths_of(args, _output_options(args)):
        target = Path(out).expanduser()
        if any(_same_file(target, p) or target.resolve() == Path(p).expanduser().resolve()
               for p in inputs):
            return say(f"输出文件“{out}”就是输入文件或数据库，不能覆盖；请换一个输出文件名",
                       f"The output file {out} is one of the inputs or the database; choose another name")
    return None


def _output_options(args: argparse.Namespace) -> tuple[str, ...]:
    """The options naming files this command writes (`--report` of a rectification is a text)."""
    if args.command in ("import", "evaluate"):
        return OUTPUT_OPTIONS
    return tuple(o for o in OUTPUT_OPTIONS if o != "report")


def output_suffix(args: argparse.Namespace, option: str) -> str | None:
    """The suffix of the format a command writes to `option` ("/": a folder; None: any name)."""
    command, action = args.command, getattr(args, "action", None)
    if command == "letters" and option == "out":
        return "/"
    if command == "report" and getattr(args, "kind", None) == "assessment":
        return ".xlsx"
    if option == "combined" or command == "report":
        return ".pdf"
    if command == "evaluate" and action == "scheme-show":
        return ".json"
    if command in ("template", "export", "import", "evaluate", "audit"):
        return ".xlsx"
    return None


#: suffixes of formats: a name ending in one of them names its format
KNOWN_SUFFIXES = frozenset({".xlsx", ".xls", ".xlsm", ".et", ".csv", ".pdf", ".json", ".zip", ".docx",
                            ".doc", ".txt", ".sqlite3", ".db", ".png", ".jpg", ".html"})


def fix_output_suffixes(args: argparse.Namespace) -> list[str]:
    """An output name must end in the suffix of the format written: a name without a known suffix
    gets it (said), one with another format's suffix is refused (UsageError)."""
    from pathlib import Path

    said = []
    for option in _output_options(args):
        value = getattr(args, option, None)
        want = output_suffix(args, option)
        if not isinstance(value, str) or want is None:
            continue
        if want == "/":
            if Path(value).expanduser().exists() and not Path(value).expanduser().is_dir():
                raise UsageError(say(f"“{value}”是文件，不是文件夹：请给出写入PDF的文件夹",
                                     f"{value} is a file, not a folder: give the folder to write to"))
            continue
        if Path(value).expanduser().is_dir():
            raise UsageError(say(f"“{value}”是文件夹：请给出要写入的文件名（如 {Path(value) / ('输出' + want)}）",
                                 f"{value} is a folder: give the name of the file to write"))
        have = Path(value).suffix.lower()
        if have == want:
            continue
        if have in KNOWN_SUFFIXES:
            raise UsageError(say(
                f"输出文件“{value}”的扩展名与写出的格式不符：本命令写出 {want} 文件，请改用“{Path(value).with_suffix(want)}”",
                f"The output {value} does not match the format written ({want}); use {Path(value).with_suffix(want)}"))
        fixed = value + want
        setattr(args, option, fixed)
        said.append(say(f"输出文件名已补上扩展名：{fixed}", f"Output file name completed: {fixed}"))
    return said


class UsageError(Exception):
    """The command line asks for something that cannot be done as given: exit 2, one sentence."""


def os_error_message(exc: OSError) -> str:
    """One sentence for a file the system refuses (which file, why)."""
    import errno

    name = exc.filename or ""
    reasons = {
        errno.EACCES: say("没有权限读写", "no permission"),
        errno.EPERM: say("没有权限读写", "no permission"),
        errno.EISDIR: say("这是文件夹，需要的是文件", "it is a folder, a file is needed"),
        errno.ENOTDIR: say("这不是文件夹（或路径中有一段是文件）", "it is not a folder"),
        errno.ENOENT: say("文件或文件夹不存在", "no such file or folder"),
        errno.EEXIST: say("已存在同名文件，需要的是文件夹", "a file of that name exists"),
        errno.ENOSPC: say("磁盘已满", "the disk is full"),
        errno.EROFS: say("只读的磁盘或文件夹", "read-only"),
        errno.ENAMETOOLONG: say("文件名太长", "the name is too long"),
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or type(exc).__name__)
    if name:
        return say(f"无法读写“{name}”：{reason}", f"Cannot use {name}: {reason}")
    return say(f"文件操作失败：{reason}", f"A file operation failed: {reason}")


def newest_backup_hint() -> str:
    """" 最近的备份：FILE，可用 dangjian restore FILE 恢复" when a backup exists."""
    from models.backup import newest_backup

    from . import paths

    newest = newest_backup(paths.backup_dir())
    if newest is None:
        return ""
    return say(f"\n最近的备份：{newest}，可用 dangjian restore \"{newest}\" 恢复。",
               f"\nNewest backup: {newest}; restore it with dangjian restore \"{newest}\".")


#: how start-up paused the garbage collector: None (not paused), else whether to freeze what
#: start-up made when it ends (the process's own run, not a test calling main in process)
_gc_paused: list[bool] = []


def end_start_up() -> None:
    """Start-up is over (the database is open, or the window takes over): collections resume.

    main() pauses the garbage collector while the parser, the command's module, SQLAlchemy and the
    models load: they make many long-lived objects and no garbage, and the passes over them were a
    sixth of a command's fixed start-up (docs/startup.md). In the process's own run what start-up
    made is frozen out of later collections (gc.freeze)."""
    if _gc_paused:
        if _gc_paused.pop():
            gc.freeze()
        gc.enable()


def pause_gc(freeze: bool) -> None:
    """Pause the garbage collector until end_start_up() (nothing when it is paused already);
    `freeze`: what start-up made is then frozen out of later collections (a process's own run)."""
    if gc.isenabled() and not _gc_paused:
        gc.disable()
        _gc_paused.append(freeze)


def main(argv: list[str] | None = None) -> int:
    process = argv is None
    pause_gc(process)
    try:
        return _main(argv)
    finally:
        end_start_up()
        if process:  # the process ends now: its last collection need not walk every object made
            gc.freeze()


def _main(argv: list[str] | None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    _parsing[:] = words
    args = build_parser(command_word(words)).parse_args(words)
    if getattr(args, "handler", None) is None:  # the command was not where command_word looked
        args = build_parser().parse_args(words)
    from sqlalchemy.exc import DataError, OperationalError

    from models.db import DatabaseOpenError, busy_timeout_ms, is_locked_error, locked_message
    from models.errors import DomainError, PermissionDenied, ValidationError, public_message, redact

    from . import paths
    from .logsetup import setup_logging

    setup_logging()
    log = _log()
    ctx = Context(args)
    try:
        clash = output_over_input(args)
        if clash:
            ctx.err(clash)
            return EXIT_USAGE
        for line in fix_output_suffixes(args):
            ctx.err(line)
        for gone in paths.remove_unfinished_copies(args.db):
            log.info("removed the unfinished copy %s", gone)
        if args.command == "restore":  # restore opens the target itself
            check_target(ctx.target, args.command)
        code = args.handler(ctx)
        return EXIT_OK if code is None else code
    except InputErrors:
        return EXIT_INPUT
    except DatabaseOpenError as exc:
        ctx.err(str(exc) + newest_backup_hint())
        return EXIT_USAGE
    except UsageError as exc:
        ctx.err(str(exc))
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
    except BrokenPipeError:  # `| head` stopped reading: say so where it can still be read
        _silence_stdout()
        ctx.err(say("输出未写完：接收输出的程序已关闭（如 | head）。",
                    "Output cut short: the program reading it has closed (e.g. | head)."))
        return EXIT_INPUT
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
    except DataError as exc:  # a value the database cannot hold (NUL in a text on PostgreSQL …)
        log.warning("command %s: value refused by the database: %s", args.command, exc.orig)
        nul = "NUL" in str(exc.orig) or "0x00" in str(exc.orig)
        why = say("含有不可保存的控制字符（NUL）", "contains a NUL character") if nul else \
            say("超出数据库能保存的范围或格式", "is out of the range or form the database holds")
        ctx.err(say(f"输入的值{why}，未写入任何内容。", f"A value given {why}; nothing was written."))
        return EXIT_INPUT
    except OSError as exc:  # a file the system refuses: no permission, a folder for a file …
        ctx.err(os_error_message(exc))
        return EXIT_USAGE
    except OverflowError:
        ctx.err(say("输入的数值超出范围，未写入任何内容。", "A number given is out of range; nothing was written."))
        return EXIT_INPUT
    except Exception as exc:  # unexpected: one sentence here, the traceback in the log
        log.exception("command %s failed", args.command)
        shown = public_message(exc)  # never SQL, parameters or ID numbers
        ctx.err(say(f"程序内部错误：{shown}（详情见日志 {paths.log_file()}）",
                    f"Internal error: {shown} (details in the log {paths.log_file()})"))
        return EXIT_INTERNAL
    finally:
        try:
            ctx.close()
        except Exception:  # closing must not turn a sentence into a traceback
            log.exception("closing the database failed")


def _silence_stdout() -> None:
    """After a broken pipe: the rest of the output goes nowhere (no second error at exit)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":
    # run the module `desktop.cli`, not this `__main__` copy, so that the exception classes the
    # command modules raise are the ones main() catches
    from desktop.cli import main as cli_main

    sys.exit(cli_main())
