"""Anchors of the audit chain kept outside the database (docs/tamper-evidence.md).

Whoever holds the database file can rewrite the audit log and recompute every hash and
``audit_head`` with the program's own ``chain_hash``: the chain alone then still verifies. What
they cannot rewrite with it is a copy of the head (sequence and hash) taken earlier and kept
elsewhere: an *anchor*. A row whose hash differs from an anchor's, or an anchor past the head,
means the log was rewritten or cut short.

Anchors are kept
- in the anchor file of each clerk's data folder (desktop/paths.py ``anchor_file``), one per
  database, moved forward at every start and backup only while the chain still holds it;
- beside each backup as ``BACKUP.anchor.json`` (written by models/backup.py);
- on every monthly report (the footer line) and quarterly workbook (a line on its first sheet),
  to be given back to ``audit verify --anchor SEQ:HASH``.

A mismatch is reported on every verification until an administrator acknowledges it with a
reason (audited); the acknowledgement is kept in the anchor file, never by changing an anchor
that is evidence.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import URL

SIDECAR = ".anchor.json"
#: the shortest hash prefix an anchor given by hand may carry (a report prints the full hash)
MIN_PREFIX = 16
_ANCHOR = re.compile(r"^第?(\d{1,10})条?\s*[:\s]\s*([0-9a-fA-F]{16,64})$")


@dataclass(frozen=True)
class Anchor:
    """A head of the chain as seen at some moment, and where that copy was found."""

    seq: int
    hash: str
    source: str
    at: str | None = None

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.source, self.seq, self.hash.lower())


def database_key(url: URL) -> str:
    """The database an anchor belongs to: a SQLite file by its full path, a server database by
    host, port and name (every clerk's login reaches the same one)."""
    if url.get_backend_name() == "sqlite":
        return str(Path(url.database or "").resolve())
    return f"{url.get_backend_name()}://{url.host or 'localhost'}:{url.port or 5432}/{url.database}"


def head(conn: Connection) -> tuple[int, str] | None:
    row = conn.execute(text("SELECT seq, hash FROM audit_head WHERE id = 1")).first()
    return (int(row[0]), str(row[1])) if row is not None else None


def printed(conn: Connection) -> str:
    """The line a report prints: 审计链头：第N条 HASH (what `audit verify --anchor` takes back)."""
    now = head(conn)
    seq, digest = now if now is not None else (0, "0" * 64)
    return f"审计链头：第{seq}条 {digest}"


def parse_anchor(value: str, source: str) -> Anchor:
    """``SEQ:HASH`` (or 审计链头：第SEQ条 HASH, as a report prints it) → Anchor; ValueError otherwise."""
    plain = value.replace("审计链头", "").replace("：", ":").strip().lstrip(":").strip()
    m = _ANCHOR.match(plain)
    if m is None:
        raise ValueError(f"“{value}”不是审计链头（格式：序号:校验值，校验值至少{MIN_PREFIX}位十六进制）")
    return Anchor(int(m.group(1)), m.group(2).lower(), source)


def mismatch(conn: Connection, anchor: Anchor) -> str | None:
    """Why the database's chain does not hold `anchor` (None when it does)."""
    if anchor.seq <= 0:
        return None
    if conn.dialect.name == "postgresql" and conn.execute(
            text("SELECT to_regproc('dangjian_audit_hash_at')")).scalar() is not None:
        # every login checks the anchor, but only some may read the log (docs/server-rights.md)
        found = conn.execute(text("SELECT dangjian_audit_hash_at(:s)"), {"s": anchor.seq}).scalar()
        row = None if found is None else (found,)
    else:
        row = conn.execute(text("SELECT hash FROM audit_log WHERE seq = :s"), {"s": anchor.seq}).first()
    now = head(conn)
    if row is None:
        last = f"（链头现为第{now[0]}条）" if now is not None else ""
        return (f"{anchor.source}记录的第{anchor.seq}条审计记录在数据库中已不存在{last}："
                "审计日志被删除或截断")
    if not str(row[0] or "").lower().startswith(anchor.hash.lower()):
        return (f"{anchor.source}记录的第{anchor.seq}条审计记录校验值为 {anchor.hash[:16]}…，"
                f"数据库中为 {str(row[0])[:16]}…：审计日志被改写")
    return None


# ---------------------------------------------------------------- the anchor file


def read_file(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"databases": {}, "acknowledged": []}
    except (OSError, ValueError):
        # an unreadable anchor file is itself a finding: keep it, start no new one over it
        raise AnchorFileError(f"审计锚点文件“{path}”无法读取或已损坏") from None
    data.setdefault("databases", {})
    data.setdefault("acknowledged", [])
    return data


class AnchorFileError(Exception):
    """The anchor file exists but cannot be read (never overwritten then)."""


def write_file(path: Path, data: dict[str, Any]) -> None:
    """Written whole under a .part name and renamed: complete or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    try:
        part.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


def file_anchor(path: Path, key: str) -> Anchor | None:
    entry = read_file(path)["databases"].get(key)
    if not entry:
        return None
    return Anchor(int(entry["seq"]), str(entry["hash"]), f"锚点文件“{path}”", entry.get("at"))


def remember(engine: Engine, path: Path) -> str | None:
    """Move this database's anchor in the anchor file to the head, when the chain still holds the
    anchor kept so far; otherwise keep it (it is the evidence) and return the warning."""
    key = database_key(engine.url)
    try:
        data = read_file(path)
    except AnchorFileError as exc:
        return str(exc)
    from .db import read_connection

    with read_connection(engine) as conn:
        now = head(conn)
        kept = data["databases"].get(key)
        if kept:
            problem = mismatch(conn, Anchor(int(kept["seq"]), str(kept["hash"]), f"锚点文件“{path}”"))
            if problem and not _acknowledged(data, key, kept):
                return problem + "。请管理员运行 dangjian audit verify 查看"
        conn.rollback()
    if now is None or (kept and int(kept["seq"]) == now[0] and kept["hash"] == now[1]):
        return None
    data["databases"][key] = {"seq": now[0], "hash": now[1], "at": _stamp()}
    try:
        write_file(path, data)
    except OSError:
        return None  # a read-only data folder: the anchor is kept next time
    return None


def _acknowledged(data: dict[str, Any], key: str, entry: dict[str, Any]) -> bool:
    return any(a.get("database") == key and int(a.get("seq", -1)) == int(entry["seq"])
               and str(a.get("hash", "")).lower() == str(entry["hash"]).lower()
               for a in data["acknowledged"])


def _stamp() -> str:
    return datetime.now().replace(microsecond=0).isoformat(" ")


# ---------------------------------------------------------------- backups' sidecars


def sidecar_of(backup: Path) -> Path:
    return backup.with_name(backup.name + SIDECAR)


def write_sidecar(backup: Path, seq: int, digest: str, database: str) -> Path:
    """The head the backup holds, beside it (the database it came from named)."""
    out = sidecar_of(backup)
    part = out.with_name(out.name + ".part")
    try:
        part.write_text(json.dumps({"database": database, "seq": seq, "hash": digest, "at": _stamp(),
                                    "backup": backup.name}, ensure_ascii=False), encoding="utf-8")
        os.replace(part, out)
    finally:
        part.unlink(missing_ok=True)
    return out


def sidecar_anchors(folders: list[Path], key: str) -> list[Anchor]:
    """The anchors of the backups of database `key` found in `folders`."""
    found = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for p in sorted(folder.glob(f"*{SIDECAR}")):
            try:
                data = json.loads(p.read_text(encoding="utf-8"))
                if data.get("database") != key:
                    continue
                found.append(Anchor(int(data["seq"]), str(data["hash"]), f"备份旁注文件“{p}”", data.get("at")))
            except (OSError, ValueError, KeyError, TypeError):
                found.append(Anchor(-1, "", f"备份旁注文件“{p}”"))  # unreadable: said by check
    return found


# ---------------------------------------------------------------- verification


@dataclass(frozen=True)
class AnchorCheck:
    checked: list[Anchor]
    #: (anchor, sentence) of every anchor the chain does not hold and nobody acknowledged
    faults: list[tuple[Anchor, str]]


def check(conn: Connection, anchors: list[Anchor], path: Path | None, key: str) -> AnchorCheck:
    """Every anchor against the chain; mismatches acknowledged in the anchor file are left out."""
    acknowledged: list[dict[str, Any]] = []
    if path is not None:
        try:
            acknowledged = read_file(path)["acknowledged"]
        except AnchorFileError as exc:
            return AnchorCheck(anchors, [(Anchor(-1, "", str(path)), str(exc))])
    done = {(a.get("database"), a.get("source"), int(a.get("seq", -1)), str(a.get("hash", "")).lower())
            for a in acknowledged}
    faults = []
    for anchor in anchors:
        if anchor.seq < 0:
            problem = f"{anchor.source}无法读取"
        else:
            problem = mismatch(conn, anchor)
        if problem and (key, anchor.source, anchor.seq, anchor.hash.lower()) not in done:
            faults.append((anchor, problem))
    return AnchorCheck(anchors, faults)


def acknowledge(path: Path, key: str, faults: list[tuple[Anchor, str]], reason: str, by: str,
                new_head: tuple[int, str] | None) -> None:
    """Keep the acknowledged mismatches in the anchor file (with the reason and the account) and
    anchor this database at its present head from now on."""
    data = read_file(path)
    for anchor, problem in faults:
        data["acknowledged"].append({
            "database": key, "source": anchor.source, "seq": anchor.seq, "hash": anchor.hash,
            "problem": problem, "reason": reason, "by": by, "at": _stamp(),
        })
    if new_head is not None:
        data["databases"][key] = {"seq": new_head[0], "hash": new_head[1], "at": _stamp()}
    write_file(path, data)


def after_restore(engine: Engine, path: Path, folders: list[Path], file: Path, by: str) -> None:
    """A restore replaced the chain on purpose (audited in the restored database): this database
    is anchored at its new head, and the backups' anchors it no longer holds are acknowledged
    with the restore as the reason."""
    key = database_key(engine.url)
    with engine.connect() as conn:
        found = check(conn, sidecar_anchors(folders, key), path, key)
        now = head(conn)
    acknowledge(path, key, found.faults, f"从备份 {file} 恢复", by, now)
