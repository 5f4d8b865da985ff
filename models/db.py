"""Open a database target (a SQLite path or an SQLAlchemy URL) and bring it to the newest schema."""

from __future__ import annotations

import ast
import logging
import os
import select
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DatabaseError,
    DBAPIError,
    DisconnectionError,
    OperationalError,
)
from sqlalchemy.orm import Session, sessionmaker

from . import lengths as _lengths  # noqa: F401 - every ORM write checks text lengths (before_flush)
from .errors import DomainError

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_BUSY_MS = 10_000
#: environment variable overriding SQLITE_BUSY_MS (how long a locked SQLite file is waited for)
BUSY_ENV = "DANGJIAN_SQLITE_BUSY_MS"


def busy_timeout_ms() -> int:
    """How long to wait for a SQLite file another program holds locked, in milliseconds."""
    try:
        return max(0, int(os.environ.get(BUSY_ENV, SQLITE_BUSY_MS)))
    except ValueError:
        return SQLITE_BUSY_MS


def locked_message(seconds: float) -> str:
    return (
        f"数据库文件正被其他程序占用（已等待{seconds:g}秒仍未释放）。"
        "请关闭正在使用该文件的程序（或等待其完成）后重试。"
    )


def is_locked_error(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", exc)).lower()
    return "database is locked" in text or "database table is locked" in text


T = TypeVar("T")


class ReadOnlySession(DomainError):
    """A change flushed in a session opened for reading."""


@event.listens_for(Session, "before_flush")
def _refuse_changes_in_reads(session: Session, _context: Any, _instances: Any) -> None:
    if session.info.get("read_only") and (
        session.new or session.deleted or any(session.is_modified(o) for o in session.dirty)
    ):
        raise ReadOnlySession("程序错误：只读的查询中试图修改数据（未保存）")


class DatabaseOpenError(DomainError):
    """The target cannot be opened: missing server, damaged or foreign file."""


def to_url(target: str | os.PathLike[str]) -> str:
    """A plain path becomes a SQLite URL; an URL stays as it is."""
    text = os.fspath(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _pragmas(busy_ms: int):
    def _sqlite_pragmas(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return _sqlite_pragmas


#: the database engines this program runs on (docs/tamper-evidence.md, "Entry points")
ENGINES = ("sqlite", "postgresql")


def parse_target(url: str):
    """The SQLAlchemy URL of a target, or DatabaseOpenError with one sentence: a malformed URL
    (``postgresql://::::``), an engine this program does not run on (``mysql://…``), a driver
    that is not installed."""
    shown = make_url_safe(url)
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise DatabaseOpenError(f"无法识别的数据库地址：{shown}（格式如 postgresql+psycopg://主机/库名，"
                                "或 SQLite 文件路径）") from exc
    if parsed.get_backend_name() not in ENGINES:
        raise DatabaseOpenError(f"不支持的数据库类型“{parsed.get_backend_name()}”（{shown}）：本程序只支持 "
                                "SQLite 文件和 PostgreSQL（postgresql+psycopg://…）")
    try:
        parsed.get_dialect()
    except Exception as exc:  # the dialect or its DBAPI driver cannot be loaded
        raise DatabaseOpenError(f"数据库驱动“{parsed.get_driver_name()}”不可用（{shown}）：请用 "
                                "postgresql+psycopg://…") from exc
    return parsed


def make_url_safe(url: str) -> str:
    """The target as it may be shown: without a password."""
    import re

    return re.sub(r"(://[^/:@]*:)[^/@]*@", r"\1***@", url)


def make_engine(url: str) -> Engine:
    parsed = parse_target(url)
    try:
        if parsed.get_backend_name() == "sqlite":
            busy_ms = busy_timeout_ms()
            engine = create_engine(url, connect_args={"timeout": busy_ms / 1000})
            event.listen(engine, "connect", _pragmas(busy_ms))
            return engine
        # no pool_pre_ping (a round trip per checkout): a dead connection is found without one at
        # checkout, and a read that still meets one is retried once (docs/network.md)
        engine = create_engine(url, use_native_hstore=False)  # no hstore: no look-up at first connect
        event.listen(engine, "checkout", _drop_dead_connection)
        return engine
    except (ArgumentError, ImportError, ValueError, TypeError) as exc:
        raise DatabaseOpenError(f"无法识别的数据库地址：{make_url_safe(url)}（{exc}）") from exc


def _drop_dead_connection(dbapi_connection, _record, _proxy) -> None:
    """At checkout, without a round trip: a pooled connection the server closed (restarted,
    pg_terminate_backend, an idle timeout, a network device dropping it) has the server's goodbye
    or the end of the stream waiting to be read, while an idle live one has nothing. Such a
    connection is replaced by a new one (the pool reconnects on DisconnectionError)."""
    if getattr(dbapi_connection, "closed", False):
        raise DisconnectionError("the connection was closed")
    pgconn = getattr(dbapi_connection, "pgconn", None)
    if pgconn is None:  # not psycopg 3: nothing to look at without a round trip
        return
    try:
        readable, _w, _x = select.select([pgconn.socket], [], [], 0)
    except Exception as exc:  # no socket any more
        raise DisconnectionError(f"the connection's socket is gone: {exc}") from exc
    if readable:
        raise DisconnectionError("the server closed the connection while it was in the pool")


class ConnectionLost(DomainError):
    """The server's connection dropped in the middle of a change: not retried (docs/network.md)."""


CONNECTION_LOST = ("与数据库服务器的连接在操作中断开，本次修改没有保存确认，程序不会自动重做。"
                   "请检查网络，刷新页面确认数据后再操作。")


def is_disconnect(exc: BaseException) -> bool:
    """A DBAPI error that SQLAlchemy recognized as a dropped connection (it then invalidated it)."""
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


if TYPE_CHECKING:
    from alembic.config import Config


def alembic_config(engine: Engine | None = None) -> Config:
    """The alembic configuration, built in code with the package's script location."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


@cache
def _revision_graph() -> dict[str, tuple[str, ...]]:
    """Each migration's revision and the revisions it follows, read from the version files'
    `revision = ...` and `down_revision = ...` lines without loading alembic (an existing,
    current database opens without it: docs/startup.md). tests/test_startup.py checks it against
    alembic's own script directory."""
    graph: dict[str, tuple[str, ...]] = {}
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        found: dict[str, object] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            name, eq, value = line.partition("=")
            if eq and name.strip() in ("revision", "down_revision") and not line.startswith(" "):
                found[name.strip()] = ast.literal_eval(value.split("#")[0].strip())
        revision, down = found.get("revision"), found.get("down_revision")
        if isinstance(revision, str):
            graph[revision] = (down,) if isinstance(down, str) else tuple(down or ()) if isinstance(down, tuple | list) else ()
    return graph


def head_revisions() -> set[str]:
    graph = _revision_graph()
    return set(graph) - {down for downs in graph.values() for down in downs}


def read_connection(engine: Engine) -> Connection:
    """A connection for reading only: outside a transaction on PostgreSQL, so that reading costs
    no BEGIN and ROLLBACK round trips (docs/network.md)."""
    conn = engine.connect()
    if engine.dialect.name == "postgresql":
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
    return conn


def current_revisions(engine: Engine) -> set[str]:
    """The revisions the database is at: one query when it has alembic's table, alembic's own
    reading otherwise (an empty file, a file that is not a database)."""
    try:
        with read_connection(engine) as conn:
            return {row[0] for row in conn.exec_driver_sql("SELECT version_num FROM alembic_version")}
    except DatabaseError:
        pass
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def sqlite_path(engine: Engine) -> Path | None:
    if engine.url.get_backend_name() != "sqlite" or not engine.url.database:
        return None
    if engine.url.database == ":memory:":
        return None
    return Path(engine.url.database)


def backup_aside(path: Path) -> Path:
    """A timestamped copy beside the file, made before an upgrade.

    Through SQLite's online backup, not a file copy: in WAL mode the newest changes may still be
    in the -wal file, which a copy of the main file alone would miss. Written under a ``.part``
    name and renamed only when complete; nothing is left behind when the copy fails.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    copy = path.with_name(f"{path.stem}.before-upgrade-{stamp}{path.suffix}")
    part = copy.with_name(copy.name + ".part")
    try:
        source, target = sqlite3.connect(path), sqlite3.connect(part)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        os.replace(part, copy)
    finally:
        part.unlink(missing_ok=True)
    log.info("copied %s to %s before upgrading", path, copy)
    return copy


def inspect_sqlite_file(path: Path) -> None:
    """Refuse a file that is not this program's database (or is newer) without changing a byte:
    it is opened read-only, before the engine switches it to WAL."""
    if not path.is_file() or path.stat().st_size == 0:
        return
    try:
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=busy_timeout_ms() / 1000)
    except sqlite3.Error as exc:
        raise DatabaseOpenError(f"无法打开数据库文件“{path}”：{exc}") from exc
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        revisions = set()
        if "alembic_version" in tables:
            revisions = {r[0] for r in con.execute("SELECT version_num FROM alembic_version")}
    except sqlite3.DatabaseError as exc:
        if is_locked_error(exc):
            raise DatabaseOpenError(locked_message(busy_timeout_ms() / 1000)) from exc
        raise DatabaseOpenError(f"“{path}”不是本程序的数据库，或文件已损坏：{exc}") from exc
    finally:
        con.close()
    unknown = revisions - _all_revisions()
    if unknown:
        raise DatabaseOpenError(
            f"数据库版本（{', '.join(sorted(unknown))}）比本程序新，请升级程序后再打开。"
        )
    if not revisions and {t for t in tables if not t.startswith("sqlite_")} - {"alembic_version"}:
        raise DatabaseOpenError(f"“{path}”中已有其他程序的数据表，不能用作本程序的数据库。")


def upgrade(engine: Engine) -> bool:
    """Bring the schema to the newest revision; True when anything ran."""
    try:
        current = current_revisions(engine)
    except DatabaseError as exc:
        if is_locked_error(exc):
            raise DatabaseOpenError(locked_message(busy_timeout_ms() / 1000)) from exc
        raise DatabaseOpenError(
            f"“{engine.url.database}”不是本程序的数据库，或文件已损坏：{exc.orig}"
        ) from exc
    heads = head_revisions()
    if current == heads:
        return False
    unknown = current - _all_revisions()
    if unknown:
        raise DatabaseOpenError(
            f"数据库版本（{', '.join(sorted(unknown))}）比本程序新，请升级程序后再打开。"
        )
    path = sqlite_path(engine)
    if current and path is not None and path.exists():
        backup_aside(path)
    if not current and _has_foreign_tables(engine):
        raise DatabaseOpenError(
            f"“{engine.url.database}”中已有其他程序的数据表，不能用作本程序的数据库。"
        )
    from alembic import command

    with engine.begin() as conn:
        cfg = alembic_config(engine)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")
    return True


def _all_revisions() -> set[str]:
    return set(_revision_graph())


def _has_foreign_tables(engine: Engine) -> bool:
    names = set(inspect(engine).get_table_names())
    return bool(names - {"alembic_version"})


@dataclass
class Database:
    engine: Engine
    sessions: sessionmaker[Session]
    #: what the check at open found wrong (the audit log's chain and triggers), for the user
    warnings: list[str] = field(default_factory=list)
    #: a SQLite file made by this opening
    created: Path | None = None
    _autocommit: Engine | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.url.get_backend_name() == "sqlite"

    def session(self) -> Session:
        return self.sessions()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One session for one user action: committed when the block ends, rolled back on any error.

        The only place that commits: the window (desktop/context.py), the forms, the workers and
        the command line all open their sessions here. A connection that drops in the middle is
        not retried: ConnectionLost says so (docs/network.md).
        """
        with self.sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException as exc:
                session.rollback()
                if is_disconnect(exc):
                    log.warning("connection lost during a change: %s", getattr(exc, "orig", exc))
                    raise ConnectionLost(CONNECTION_LOST) from exc
                raise

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading only (a page's load, a look-up). On PostgreSQL it runs outside a
        transaction — no BEGIN and ROLLBACK round trips, each statement sees the data committed when
        it starts; on SQLite reads take no lock until they read. It never writes: a flush of a
        change is refused (ReadOnlySession)."""
        session = self.sessions(bind=self._read_bind)
        session.info["read_only"] = True
        with session:
            yield session

    def read(self, fn: Callable[[Session], T]) -> T:
        """`fn` in a reading session; when the connection drops under it (the server restarted, the
        network cut an idle connection), once more on a new connection (docs/network.md)."""
        for attempt in (1, 2):
            try:
                with self.reading() as session:
                    return fn(session)
            except DBAPIError as exc:
                if attempt == 2 or not is_disconnect(exc):
                    raise
                log.warning("connection lost during a read, reading again: %s", getattr(exc, "orig", exc))
        raise AssertionError("unreachable")

    @property
    def _read_bind(self) -> Engine:
        if self.is_sqlite:
            return self.engine
        if self._autocommit is None:
            self._autocommit = self.engine.execution_options(isolation_level="AUTOCOMMIT")
        return self._autocommit

    def dispose(self) -> None:
        self.engine.dispose()


def sqlite_url_path(target: str | os.PathLike[str]) -> Path | None:
    """The file of a SQLite target (a path or a sqlite:/// URL), None for a server or memory."""
    try:
        parsed = make_url(to_url(target))
    except (ArgumentError, ValueError):
        return None
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def missing_message(path: Path) -> str | None:
    """Why a SQLite path cannot be opened without creating it (None when the file exists)."""
    if not path.parent.is_dir():
        return f"数据库所在的文件夹不存在：{path.parent}（数据库路径：{path}）。请检查 --db 路径，或运行 dangjian init 新建数据库"
    if not path.exists():
        return f"数据库文件不存在：{path}。请先运行 dangjian init"
    return None


def open_database(target: str | os.PathLike[str], migrate: bool = True,
                  create: bool = True) -> Database:
    """Open a target and (by default) migrate it to the newest schema.

    A SQLite file that does not exist is made (with its folder) only when ``create``; otherwise
    that is an error naming the path. A file that is not ours, or newer, is refused unchanged.
    """
    url = to_url(target)
    engine = make_engine(url)
    path = sqlite_path(engine)
    created = None
    if path is not None:
        if path.exists() and path.is_dir():
            raise DatabaseOpenError(f"“{path}”是文件夹，不是数据库文件。")
        problem = missing_message(path)
        if problem and not create:
            engine.dispose()
            raise DatabaseOpenError(problem)
        if not path.exists():
            created = path
        if not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            inspect_sqlite_file(path)
        except DatabaseOpenError:
            engine.dispose()
            raise
    try:
        with engine.connect():
            pass
        if migrate:
            upgrade(engine)
    except OperationalError as exc:
        engine.dispose()
        if is_locked_error(exc):
            raise DatabaseOpenError(locked_message(busy_timeout_ms() / 1000)) from exc
        raise DatabaseOpenError(
            f"无法打开数据库 {engine.url.render_as_string()}：{exc.orig}"
        ) from exc
    except DatabaseOpenError:
        engine.dispose()
        raise
    except DatabaseError as exc:
        engine.dispose()
        raise DatabaseOpenError(
            f"“{engine.url.database}”不是本程序的数据库，或文件已损坏（{exc.orig}）"
        ) from exc
    warnings: list[str] = []
    if migrate:
        from .audit import check_at_open

        try:
            warnings = check_at_open(engine)
        except DatabaseError as exc:  # unreadable log: say so, the program still opens
            log.exception("audit check at open failed")
            warnings = [f"审计日志无法检查：{getattr(exc, 'orig', exc)}"]
    return Database(engine, sessionmaker(engine, expire_on_commit=False), warnings, created)
