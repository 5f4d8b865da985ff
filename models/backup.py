"""Backups and checked restores, on SQLite and PostgreSQL (no Qt here).

- SQLite: `backup` uses the sqlite3 online backup API, so the copy is consistent while other
  connections (the program, another clerk) keep working.
- PostgreSQL: `backup` writes a portable SQLite file with every row (the schema made by the
  migrations, rows copied table by table in foreign-key order); `restore` loads such a file
  into an EMPTY PostgreSQL database and resets the id sequences. An office can move between
  the two engines this way.
- `restore` checks the whole file first (integrity check with the NOT NULL and CHECK
  constraints, the foundation tables, a known schema version not newer than this program and its
  columns, every foreign key, the enumerated values, the audit chain from its first row) and
  refuses with the first fault named; only then replaces anything, and the restored rows and the
  restore's audit row arrive in one transaction (docs/tamper-evidence.md). A SQLite target is
  copied aside first ("NAME.before-restore-STAMP.sqlite3").

The audit-log triggers only refuse UPDATE/DELETE, so copying rows (INSERT) passes them; the
rows keep their place and hash in the chain (models/audit.py). A backup is written in the audit
log of the database it was taken from, a restore in the restored database (which file, by whom),
and a restore puts back the audit log's triggers when they were missing.

Files: every copy is written under a ``.part`` name and renamed only when complete; a failed copy
leaves nothing behind, and ``.part`` files a crash left are removed at the next backup.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Table, create_engine, func, insert, inspect, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from . import anchors
from .actor import SYSTEM, Actor
from .audit import GENESIS, record, repair_triggers, verify_chain
from .db import Database, _all_revisions, head_revisions, open_database, to_url
from .errors import DomainError
from .lengths import refuse_overlong
from .partfiles import PART, remove_stale_parts
from .roles import Permission
from .schema import metadata
from .services import access

KEEP_BACKUPS = 30
PREFIX = "dangjian-"
SUFFIX = ".sqlite3"
REQUIRED_TABLES = frozenset({"alembic_version", "organization", "member", "audit_log", "setting"})
BATCH = 2000


class BackupError(DomainError):
    """A backup cannot be made, or a file cannot be restored (nothing was replaced)."""


def backup_name(now: datetime | None = None) -> str:
    return f"{PREFIX}{(now or datetime.now()):%Y%m%d-%H%M%S}{SUFFIX}"


def require_backup_duty(actor: Actor) -> None:
    """Backup and restore are the administrator's (a backup holds every full ID number and the
    password hashes): docs/roles-and-duties.md."""
    access.require(actor, Permission.BACKUP_RESTORE)


def backup(db: Database, out_path: str | os.PathLike[str], actor: Actor) -> Path:
    """A consistent copy of the whole database as a SQLite file at `out_path`, written in the
    database's audit log (by `actor`, who needs the duty; the automatic backup acts as 系统)."""
    require_backup_duty(actor)
    out = Path(out_path).expanduser().resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_parts(out.parent)
    part = out.with_name(out.name + PART)
    part.unlink(missing_ok=True)
    try:
        if db.is_sqlite:
            raw = db.engine.raw_connection()
            try:
                dest = sqlite3.connect(part)
                try:
                    raw.driver_connection.backup(dest)
                finally:
                    dest.close()
            finally:
                raw.close()
        else:
            _database_to_sqlite(db, part)
        _make_portable(part)
        check_file(part, whole=False)
        seq, digest = _file_head(part)
        os.replace(part, out)
    finally:
        part.unlink(missing_ok=True)
    anchors.write_sidecar(out, seq, digest, anchors.database_key(db.engine.url))
    try:
        with db.session() as session:
            record(session, actor.name, "backup", "database", None,
                   {"file": [None, str(out)]}, f"备份到 {out}")
            session.commit()
    except Exception:
        out.unlink(missing_ok=True)  # a backup nobody can see in the log is not made
        raise
    return out


def _file_head(path: Path) -> tuple[int, str]:
    """The audit chain's head a (backup) file holds: what its sidecar anchors."""
    con = sqlite3.connect(path)
    try:
        row = con.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
    except sqlite3.Error:
        row = None
    finally:
        con.close()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS)


def copy_file(source: Path, target: Path) -> Path:
    """`source` copied to `target` through ``target.part``: complete or not at all."""
    part = target.with_name(target.name + PART)
    try:
        shutil.copy2(source, part)
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
    return target


def _make_portable(path: Path) -> None:
    """One self-contained file: no WAL beside it."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()


def _self_fk_columns(table: Table) -> list[str]:
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]


def _copy_rows(src: Connection, dst: Connection, tables: Iterable[Table]) -> dict[str, int]:
    """Every row of every table, parents first; self-references set after the inserts."""
    counts = {}
    for table in tables:
        self_fks = _self_fk_columns(table)
        pk = list(table.primary_key.columns)
        later: list[dict] = []
        n = 0
        result = src.execution_options(yield_per=BATCH).execute(select(table).order_by(*pk))
        for chunk in result.mappings().partitions(BATCH):
            rows = [dict(r) for r in chunk]
            if self_fks:
                for r in rows:
                    refs = {c: r[c] for c in self_fks if r[c] is not None}
                    if refs:
                        later.append({**{f"_pk_{c.name}": r[c.name] for c in pk}, **refs})
                        for c in refs:
                            r[c] = None
            dst.execute(insert(table).execution_options(audit_copy=True), rows)  # as they were
            n += len(rows)
        for ref in later:
            where = [c == ref[f"_pk_{c.name}"] for c in pk]
            dst.execute(
                update(table).where(*where).values({c: ref[c] for c in self_fks if c in ref})
            )
        counts[table.name] = n
    return counts


def _database_to_sqlite(db: Database, path: Path) -> None:
    target = open_database(path)  # the schema, by the migrations (same revision as db)
    try:
        with db.engine.connect() as src, target.engine.begin() as dst:
            _copy_rows(src, dst, metadata.sorted_tables)
    finally:
        target.dispose()
    for extra in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        extra.unlink(missing_ok=True)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    revisions: frozenset[str]
    tables: frozenset[str]
    #: the newest link of the backup's audit chain (seq, hash); (0, GENESIS) for an older schema
    head: tuple[int, str] = (0, GENESIS)


def check_file(path: str | os.PathLike[str], whole: bool = True) -> BackupInfo:
    """Refuse a damaged, foreign, too new or inconsistent file, naming the first fault; nothing is
    changed (the file is opened read-only). Checked in this order (docs/tamper-evidence.md): the
    file's integrity (pages, indexes, NOT NULL and CHECK constraints), the tables, the schema
    revision, then (`whole`, what a restore asks) the revision's columns, the foreign keys, the
    enumerated values and the audit chain. A backup copies whatever is there, faults included
    (they are evidence); only a restore refuses them."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"找不到备份文件“{path}”")
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(f"无法打开备份文件“{path}”（{exc}）") from exc
    try:
        result = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
        if result != ["ok"]:
            detail = "；".join(str(r) for r in result[:3])
            raise BackupError(f"备份文件“{path}”已损坏（完整性检查：{detail}），未做任何恢复")
        tables = frozenset(
            r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        )
        missing = REQUIRED_TABLES - tables
        if missing:
            raise BackupError(
                f"“{path}”不是本程序的备份（缺少数据表：{'、'.join(sorted(missing))}），未做任何恢复"
            )
        revisions = frozenset(r[0] for r in con.execute("SELECT version_num FROM alembic_version"))
        if not revisions:
            raise BackupError(f"“{path}”没有数据库版本记录，不是本程序的备份，未做任何恢复")
        unknown = revisions - _all_revisions()
        if unknown:
            raise BackupError(
                f"备份文件的数据库版本（{'、'.join(sorted(unknown))}）比本程序新，请升级程序后再恢复"
            )
        fault = whole and _consistency_fault(con, revisions == frozenset(head_revisions()))
        if fault:
            raise BackupError(f"备份文件“{path}”未通过检查：{fault}，未做任何恢复")
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"“{path}”不是有效的备份文件（{exc}），未做任何恢复") from exc
    finally:
        con.close()
    head = _chain_fault_or_head(path) if whole else (0, GENESIS)
    if isinstance(head, str):
        raise BackupError(f"备份文件“{path}”未通过检查：{head}，未做任何恢复")
    return BackupInfo(path, revisions, tables, head)


def _consistency_fault(con: sqlite3.Connection, newest: bool) -> str | None:
    """The first fault of the schema revision, the foreign keys and the enumerated values."""
    if newest:  # a file at this program's revision has every table and column of its schema
        for table in metadata.sorted_tables:
            have = {r[1] for r in con.execute(f'PRAGMA table_info("{table.name}")')}
            if not have:
                return f"缺少数据表 {table.name}（与数据库版本不符）"
            lacking = [c.name for c in table.columns if c.name not in have]
            if lacking:
                return f"数据表 {table.name} 缺少字段 {'、'.join(lacking)}（与数据库版本不符）"
    for table, rowid, parent, _fk in con.execute("PRAGMA foreign_key_check").fetchall()[:1]:
        column = _fk_column(con, table, _fk)
        row = con.execute(f'SELECT "{column}" FROM "{table}" WHERE rowid = ?', (rowid,)).fetchone()
        value = row[0] if row else None
        return (f"数据表 {table} 第{rowid}行的 {column}（{value}）指向不存在的 {parent} 记录"
                "（外键不成立）")
    if newest:
        for table in metadata.sorted_tables:
            for column in table.columns:
                allowed = getattr(column.type, "enums", None)
                if not allowed:
                    continue
                marks = ", ".join("?" * len(allowed))
                bad = con.execute(
                    f'SELECT rowid, "{column.name}" FROM "{table.name}" WHERE "{column.name}" IS NOT NULL '
                    f'AND "{column.name}" NOT IN ({marks}) LIMIT 1', list(allowed)).fetchone()
                if bad:
                    return f"数据表 {table.name} 第{bad[0]}行的 {column.name} 值“{bad[1]}”不是有效取值"
    return None


def _fk_column(con: sqlite3.Connection, table: str, fk_id: int) -> str:
    for row in con.execute(f'PRAGMA foreign_key_list("{table}")'):
        if row[0] == fk_id:
            return str(row[3])
    return "?"


def _chain_fault_or_head(path: Path) -> str | tuple[int, str]:
    """The backup's audit chain verified from its first row: the first fault as a sentence, or
    the head (seq, hash) it reaches. A file older than the chain (revision 0008) has none."""
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro", uri=True))
    try:
        with engine.connect() as conn:
            columns = {c["name"] for c in inspect(conn).get_columns("audit_log")}
            if not {"seq", "hash"} <= columns or not inspect(conn).has_table("audit_head"):
                return (0, GENESIS)
            faults, seq, last = verify_chain(conn)
            if faults:
                return f"审计日志{faults[0].message}"
            return (seq, last)
    except DBAPIError as exc:
        return f"审计日志无法读取（{exc.orig}）"
    finally:
        engine.dispose()


@dataclass(frozen=True)
class RestoreResult:
    target: str
    #: the replaced SQLite file, copied aside (None for PostgreSQL or a new file)
    aside: Path | None
    rows: dict[str, int]
    #: what was wrong in the restored database (the audit log's triggers put back, chain faults)
    warnings: list[str] = field(default_factory=list)


def restore(target: str | os.PathLike[str], file: str | os.PathLike[str], actor: Actor) -> RestoreResult:
    """Replace the target's data with a checked backup file (see the module docstring). `actor`
    needs the duty; 系统 acts only where no account can log in (a database that cannot be opened,
    an empty target). The whole file is checked before anything is replaced, and the restored
    data and its audit row arrive in one transaction."""
    require_backup_duty(actor)
    file = Path(file).expanduser().resolve()
    check_file(file)
    url = to_url(target)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _restore_sqlite(Path(parsed.database), file, actor)
    return _restore_server(url, file, actor)


def _restore_note(file: Path, aside: Path | None) -> str:
    return f"从 {file} 恢复" + (f"（原数据库另存为 {aside}）" if aside else "")


def _record_restore(conn: Connection, actor: Actor, file: Path, aside: Path | None) -> None:
    """The restore's audit row, in `conn`'s transaction (the one that holds the restored rows)."""
    with Session(bind=conn) as session:
        record(session, actor.name, "restore", "database", None,
               {"file": [None, str(file)]}, _restore_note(file, aside))
        session.flush()


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def _same_file(a: Path, b: Path) -> bool:
    """One file by identity (device and inode: a hard link or another spelling of the path)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _restore_sqlite(path: Path, file: Path, actor: Actor) -> RestoreResult:
    """The backup is prepared beside the target (``NAME.part``: brought to the newest schema, the
    triggers checked, the restore's audit row written) and then copied over the target in one
    SQLite transaction: a restore killed at any moment leaves the old database, or the new one
    with its audit row."""
    if _same_file(path, file):
        raise BackupError("备份文件就是当前数据库文件，无需恢复")
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_parts(path.parent)
    aside = None
    if path.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = path.with_name(f"{path.stem}.before-restore-{stamp}{path.suffix}")
    work = path.with_name(path.name + PART)
    try:
        shutil.copyfile(file, work)
        db = open_database(work)  # brings an older backup to the newest schema
        try:
            with db.engine.begin() as conn:
                repaired = repair_triggers(conn)
                _record_restore(conn, actor, file, aside)
            warnings = [w for w in db.warnings if not w.startswith("审计日志保护触发器")] + repaired
            rows = _row_counts(db)
        finally:
            db.dispose()
        _make_portable(work)
        if aside is not None:
            _copy_aside(path, aside)
        _replace_target(work, path)
    finally:
        for p in [work, *_sidecars(work)]:
            p.unlink(missing_ok=True)
    return RestoreResult(str(path), aside, rows, warnings)


def _copy_aside(path: Path, aside: Path) -> None:
    wal = _sidecars(path)[0]
    if wal.exists():
        copy_file(wal, aside.with_name(aside.name + "-wal"))
    try:
        copy_file(path, aside)
    except BaseException:
        aside.with_name(aside.name + "-wal").unlink(missing_ok=True)
        raise


def _replace_target(source: Path, path: Path) -> None:
    """`source`'s pages copied over `path` by SQLite's backup API in one step (one transaction of
    the target: another program's connection waits, a crash leaves the old or the new data)."""
    src = sqlite3.connect(source)
    try:
        try:
            dest = sqlite3.connect(path, timeout=10)
            try:
                src.backup(dest)
                ok = dest.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            finally:
                dest.close()
        except sqlite3.DatabaseError:
            ok = False
        if not ok:  # the old file was too damaged to be written over page by page
            for p in [path, *_sidecars(path)]:
                p.unlink(missing_ok=True)
            dest = sqlite3.connect(path)
            try:
                src.backup(dest)
            finally:
                dest.close()
    finally:
        src.close()


def _row_counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {
            t.name: conn.scalar(select(func.count()).select_from(t)) or 0
            for t in metadata.sorted_tables
        }


def _restore_server(url: str, file: Path, actor: Actor) -> RestoreResult:
    target = open_database(url)
    try:
        filled = {name: n for name, n in _row_counts(target).items() if n}
        if filled:
            names = "、".join(f"{k}（{v}行）" for k, v in sorted(filled.items()))
            raise BackupError(f"目标数据库不是空的：{names}。只能恢复到空数据库，未做任何恢复")
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "restore.sqlite3"
            shutil.copyfile(file, copy)
            source = open_database(copy)  # an older backup is brought to the newest schema
            try:
                refuse_overlong(source.engine)  # PostgreSQL would refuse them: name them first
                with source.engine.connect() as src, target.engine.begin() as dst:
                    rows = _copy_rows(src, dst, metadata.sorted_tables)
                    reset_sequences(dst)
                    repaired = repair_triggers(dst)
                    _record_restore(dst, actor, file, None)
            finally:
                source.dispose()
        return RestoreResult(target.url, None, rows, repaired)
    finally:
        target.dispose()


def reset_sequences(conn: Connection) -> None:
    """PostgreSQL: every serial id sequence continues after the largest id."""
    if conn.dialect.name != "postgresql":
        return
    for table in metadata.sorted_tables:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not pk[0].autoincrement or pk[0].type.python_type is not int:
            continue
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'), "
                f"COALESCE((SELECT MAX({pk[0].name}) FROM {table.name}), 1), "
                f"(SELECT MAX({pk[0].name}) FROM {table.name}) IS NOT NULL)"
            )
        )


def _backups(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{PREFIX}*{SUFFIX}"))


def prune_backups(folder: str | os.PathLike[str], keep: int = KEEP_BACKUPS) -> list[Path]:
    """Delete all but the newest `keep` backups in `folder`; returns the deleted files."""
    old = _backups(Path(folder))[:-keep] if keep > 0 else _backups(Path(folder))
    for p in old:
        p.unlink(missing_ok=True)
        anchors.sidecar_of(p).unlink(missing_ok=True)
    return old


def newest_backup(folder: str | os.PathLike[str]) -> Path | None:
    """The most recent backup in `folder`, for "restore the newest backup?"."""
    found = _backups(Path(folder))
    return found[-1] if found else None


def daily_backup(
    db: Database, folder: str | os.PathLike[str], now: datetime | None = None
) -> Path | None:
    """The GUI's automatic backup: one per day (none when today's exists), keeping the last 30."""
    now = now or datetime.now()
    folder = Path(folder)
    if any(p.name.startswith(f"{PREFIX}{now:%Y%m%d}-") for p in _backups(folder)):
        return None
    made = backup(db, folder / backup_name(now), SYSTEM)
    prune_backups(folder)
    return made
