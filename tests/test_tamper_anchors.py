"""Issue 31 item 4: the audit head anchored outside the database (the clerk's anchor file, each
backup's sidecar, the printed reports); `audit verify` reports a rewritten or cut chain as
tampering on every run until an administrator acknowledges it (docs/tamper-evidence.md)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, select, text

from desktop import paths
from desktop.cli import main
from models.actor import Actor
from models.audit import SQLITE_TRIGGERS, AuditEntry, chain_hash
from models.db import open_database
from models.roles import Role
from tests.factories import build_county

CLERK = Actor("测试员", Role.ADMIN)


@pytest.fixture
def dbfile(sqlite_path):
    db = open_database(sqlite_path)
    with db.session() as s:
        build_county(s, CLERK)
        s.commit()
    db.dispose()
    assert main(["--db", str(sqlite_path), "check"]) == 0  # a start: the head is anchored
    return sqlite_path


def rewrite_chain(path, seq=3, delete_newest=0, keep_verified=False):
    """What a file holder can do with the program's own chain_hash: edit row `seq` (or delete the
    newest rows), recompute every hash after it, audit_head and the verified position."""
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        for name in SQLITE_TRIGGERS:
            conn.execute(text(f"DROP TRIGGER {name}"))
        if delete_newest:
            top = conn.scalar(text("SELECT MAX(seq) FROM audit_log"))
            conn.execute(text("DELETE FROM audit_log WHERE seq > :s"), {"s": top - delete_newest})
        else:
            conn.execute(text("UPDATE audit_log SET note = '改过了' WHERE seq = :s"), {"s": seq})
        prev, last = "0" * 64, 0
        for row in conn.execute(select(AuditEntry.__table__).order_by(AuditEntry.seq)).all():
            prev, last = chain_hash(prev, row.seq, row), row.seq
            conn.execute(text("UPDATE audit_log SET hash = :h WHERE id = :i"), {"h": prev, "i": row.id})
        conn.execute(text("UPDATE audit_head SET seq = :s, hash = :h"), {"s": last, "h": prev})
        if not keep_verified:
            conn.execute(text("UPDATE audit_head SET verified_seq = :s, verified_hash = :h"), {"s": last, "h": prev})
        for sql in SQLITE_TRIGGERS.values():
            conn.execute(text(sql))
    engine.dispose()


def verify(path, capsys, *extra):
    code = main(["--db", str(path), "audit", "verify", *extra])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_recomputed_chain_is_tampering_on_every_run_until_acknowledged(dbfile, capsys):
    assert verify(dbfile, capsys)[0] == 0
    rewrite_chain(dbfile)
    for _run in range(3):
        code, said = verify(dbfile, capsys)
        assert code == 1
        assert f"锚点文件“{paths.anchor_file()}”记录的第" in said and "审计日志被改写" in said
        assert "审计日志被篡改" in said
    assert main(["--db", str(dbfile), "audit", "acknowledge", "--reason", "经查系测试改动，已报告"]) == 0
    capsys.readouterr()
    code, said = verify(dbfile, capsys)
    assert code == 0, said
    db = open_database(dbfile)
    with db.session() as s:
        row = s.scalars(select(AuditEntry).where(AuditEntry.action == "acknowledge")).one()
    db.dispose()
    assert row.note == "经查系测试改动，已报告" and "审计日志被改写" in row.changes
    kept = json.loads(paths.anchor_file().read_text(encoding="utf-8"))
    assert kept["acknowledged"][0]["reason"] == "经查系测试改动，已报告"


def test_the_newest_rows_deleted_and_the_head_copied_is_tampering(dbfile, capsys):
    rewrite_chain(dbfile, delete_newest=13)
    code, said = verify(dbfile, capsys)
    assert code == 1 and "审计记录在数据库中已不存在" in said and "审计日志被删除或截断" in said


def test_a_start_never_moves_an_anchor_the_chain_does_not_hold(dbfile, capsys):
    before = json.loads(paths.anchor_file().read_text(encoding="utf-8"))
    rewrite_chain(dbfile)
    assert main(["--db", str(dbfile), "check"]) == 0
    assert "审计日志被改写" in capsys.readouterr().err  # warned at start
    assert json.loads(paths.anchor_file().read_text(encoding="utf-8")) == before


def test_without_the_anchor_file_the_verified_position_still_disagrees_every_time(dbfile, capsys):
    rewrite_chain(dbfile, keep_verified=True)
    paths.anchor_file().unlink()
    for _run in range(2):
        code, said = verify(dbfile, capsys)
        assert code == 1 and "数据库内的核验位置记录的第" in said


def test_a_backups_sidecar_and_a_printed_head_are_anchors_too(dbfile, tmp_path, capsys):
    assert main(["--db", str(dbfile), "backup"]) == 0
    capsys.readouterr()
    sidecars = list(paths.backup_dir().glob("*.anchor.json"))
    assert len(sidecars) == 1
    kept = json.loads(sidecars[0].read_text(encoding="utf-8"))
    printed = f"审计链头：第{kept['seq']}条 {kept['hash']}"
    paths.anchor_file().unlink()
    rewrite_chain(dbfile)
    code, said = verify(dbfile, capsys, "--anchor", printed)
    assert code == 1
    assert f"备份旁注文件“{sidecars[0]}”记录的第{kept['seq']}条审计记录校验值为" in said
    assert f"命令行给出的链头“{printed}”" in said


def test_acknowledge_needs_a_reason_and_an_administrator(dbfile, capsys):
    rewrite_chain(dbfile)
    assert main(["--db", str(dbfile), "audit", "acknowledge", "--reason", "  "]) == 1
    assert "确认审计日志的问题须写明原因" in capsys.readouterr().err
    assert verify(dbfile, capsys)[0] == 1


def test_help(capsys):
    for argv in (["audit", "verify", "--help"], ["audit", "acknowledge", "--help"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 0
    assert "--reason" in capsys.readouterr().out


def test_the_monthly_report_and_the_quarterly_workbook_print_the_head(dbfile, tmp_path, capsys):
    import subprocess

    from openpyxl import load_workbook

    pdf, book = tmp_path / "r.pdf", tmp_path / "q.xlsx"
    assert main(["--db", str(dbfile), "report", "monthly", "--month", "2026-10", "--out", str(pdf)]) == 0
    assert main(["--db", str(dbfile), "export", "quarterly", "--quarter", "2026Q3", "--out", str(book)]) == 0
    capsys.readouterr()
    db = open_database(dbfile)
    with db.engine.connect() as conn:
        seq, digest = conn.execute(text("SELECT seq, hash FROM audit_head")).one()
    db.dispose()
    line = f"审计链头：第{seq}条 {digest}"
    text_of_pdf = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert line.replace(" ", "") in text_of_pdf.replace(" ", "")
    first = load_workbook(book).worksheets[0]
    assert line in [c.value for row in first.iter_rows() for c in row]
    paths.anchor_file().unlink()
    rewrite_chain(dbfile)
    code, said = verify(dbfile, capsys, "--anchor", line)
    assert code == 1 and f"命令行给出的链头“{line}”记录的第{seq}条审计记录校验值为" in said


def test_a_restore_through_the_program_is_no_tampering(dbfile, tmp_path, capsys):
    first = tmp_path / "first.sqlite3"
    assert main(["--db", str(dbfile), "backup", "--out", str(first)]) == 0
    assert main(["--db", str(dbfile), "backup"]) == 0  # a later backup: its sidecar past the first
    assert main(["--db", str(dbfile), "restore", str(first)]) == 0
    capsys.readouterr()
    code, said = verify(dbfile, capsys)
    assert code == 0, said
    kept = json.loads(paths.anchor_file().read_text(encoding="utf-8"))
    assert any("从备份" in a["reason"] for a in kept["acknowledged"])
