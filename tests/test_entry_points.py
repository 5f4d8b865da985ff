"""Issue 31 items 6 and 8: every entry point ends in a sentence (the issue's 17 mistyped command
lines: exit 1 or 2, no traceback), internal errors exit 70, outputs match their format and never
land on an input or the database (compared by file identity), an empty --db file is refused
unless init is asked, stale .part files are removed at start (docs/tamper-evidence.md)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from desktop.cli import main

BIG = "9223372036854775808"  # 2**63


@pytest.fixture
def dbfile(sqlite_path):
    assert main(["--db", str(sqlite_path), "init", "--county", "中共某某县委员会"]) == 0
    return str(sqlite_path)


def _refused(capsys, argv, codes=(1, 2)):
    try:
        code = main(argv)
    except SystemExit as exc:  # a usage error, said by the parser
        code = exc.code
    err = capsys.readouterr().err
    assert code in codes, (argv, code, err)
    assert "Traceback" not in err and "内部错误" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) >= 1 and all("Error" not in line for line in lines), err
    return err


def _unreadable(path, monkeypatch):
    """chmod 000; as root (who reads anything) opening it is refused the same way."""
    path.chmod(0)
    if os.geteuid() == 0:
        import builtins
        import io

        real_open = io.open

        def refusing(file, *args, **kwargs):
            if os.fspath(file) == str(path):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", refusing)
        monkeypatch.setattr(io, "open", refusing)


def test_the_mistyped_command_lines_of_the_issue_end_in_a_sentence(dbfile, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "out"
    folder.mkdir()
    a_file = tmp_path / "a-file.txt"
    a_file.write_text("x")
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(b"PK\x03\x04 whatever")
    db = ["--db", dbfile]
    lines = [
        (["--db", "mysql://user@host/dangjian", "check"], "不支持的数据库类型“mysql”"),
        (["--db", "postgresql://::::", "check"], "无法识别的数据库地址"),
        ([*db, "member", "show", "--id", BIG], "编号须在1至2147483647之间"),
        ([*db, "letters", "pdf", "--id", BIG, "--out", str(folder)], "编号须在1至2147483647之间"),
        ([*db, "audit", "--id", BIG], "编号须在1至2147483647之间"),
        ([*db, "points", "approve", BIG], "编号须在1至2147483647之间"),
        ([*db, "problem", "withdraw", "--id", BIG, "--reason", "误录"], "编号须在1至2147483647之间"),
        ([*db, "cadres", "end", "--id", BIG, "--date", "2026-10-01"], "编号须在1至2147483647之间"),
        ([*db, "points", "show", "--id-number", "110105194912310021", "--year", "99999999999999999999"],
         "年度须在1900至2100之间"),
        ([*db, "pairing", "summary", "--year", "-5"], "年度须在1900至2100之间"),
        ([*db, "export", "orgs", "--out", str(folder)], "是文件夹"),
        ([*db, "letters", "pdf", "--month", "2026-10", "--out", str(a_file)], "a-file.txt"),
        ([*db, "points", "add", "--id-number", "110105194912310021", "--date", "2026-10-01", "--item", "志愿服务加分",
          "--points", "1e308", "--reason", "x"], "分值须在"),
        ([*db, "points", "add", "--id-number", "110105194912310021", "--date", "2026-10-01", "--item", "志愿服务加分",
          "--points", "inf", "--reason", "x"], "不是分值"),
        ([*db, "export", "orgs", "--out", str(tmp_path / "x.csv")], "扩展名与写出的格式不符"),
        ([*db, "report", "monthly", "--month", "2026-10", "--out", str(tmp_path / "r.xlsx")], "本命令写出 .pdf 文件"),
    ]
    for argv, said in lines:
        assert said in _refused(capsys, argv), argv
    _unreadable(locked, monkeypatch)
    err = _refused(capsys, [*db, "import", "members", str(locked)])
    assert f"无法读写“{locked}”：没有权限读写" in err
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "r.xlsx").exists()


def test_output_without_a_suffix_gets_it_and_says_so(dbfile, tmp_path, capsys):
    assert main(["--db", dbfile, "export", "orgs", "--out", str(tmp_path / "orgs")]) == 0
    assert f"输出文件名已补上扩展名：{tmp_path / 'orgs.xlsx'}" in capsys.readouterr().err
    assert (tmp_path / "orgs.xlsx").read_bytes()[:2] == b"PK"


def test_an_internal_error_exits_70_naming_the_log(dbfile, capsys, monkeypatch):
    from desktop.commands import setup

    def boom(ctx):
        raise RuntimeError("defect")

    monkeypatch.setattr(setup, "check", boom)
    assert main(["--db", dbfile, "check"]) == 70
    err = capsys.readouterr().err
    assert err.startswith("程序内部错误") and "dangjian.log" in err


def test_a_closed_pipe_ends_in_a_sentence(dbfile):
    """`dangjian audit | head`: the reader is gone before anything is written."""
    proc = subprocess.Popen([sys.executable, "-m", "desktop.cli", "--db", dbfile, "audit"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ.copy())
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait() == 1
    assert "Traceback" not in err and "BrokenPipeError" not in err
    assert "输出未写完：接收输出的程序已关闭" in err


@pytest.mark.postgres
def test_a_nul_in_a_name_on_postgresql_is_a_sentence(pg_db, capsys):
    url = pg_db.engine.url.render_as_string(hide_password=False)
    err = _refused(capsys, ["--db", url, "init", "--county", "中共某\x00县委员会"])
    assert "NUL" in err


# ---------------------------------------------------------------- where nothing is written


def test_a_hard_link_to_the_database_is_never_an_output(dbfile, tmp_path, capsys):
    link = tmp_path / "link.xlsx"
    os.link(dbfile, link)
    before = open(dbfile, "rb").read()
    assert main(["--db", dbfile, "export", "orgs", "--out", str(link)]) == 2
    assert f"输出文件“{link}”就是输入文件或数据库" in capsys.readouterr().err
    assert open(dbfile, "rb").read() == before


def test_an_empty_db_file_is_refused_unless_init(tmp_path, capsys):
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    assert main(["--db", str(empty), "check"]) == 2
    assert f"“{empty}”是空文件，不是数据库，未做任何改动" in capsys.readouterr().err
    assert empty.stat().st_size == 0
    assert main(["--db", str(empty), "account", "list"]) == 2
    assert empty.stat().st_size == 0
    assert main(["--db", str(empty), "init", "--county", "中共某某县委员会"]) == 0
    assert empty.stat().st_size > 0


def test_a_file_that_is_no_database_is_refused(tmp_path, capsys):
    text = tmp_path / "notes.sqlite3"
    text.write_text("hello " * 1000)
    assert main(["--db", str(text), "check"]) == 2
    assert "不是本程序的数据库" in capsys.readouterr().err
    assert text.read_text() == "hello " * 1000


def test_stale_part_files_of_any_name_are_removed_at_start(dbfile, tmp_path, capsys):
    from desktop import paths

    old = time.time() - 3600
    stale = [tmp_path / "report.pdf.part", paths.backup_dir() / "whatever.part",
             paths.data_dir() / "dangjian-20260101-000000.sqlite3.part"]
    fresh = tmp_path / "running.xlsx.part"
    for p in [*stale, fresh]:
        p.write_bytes(b"x" * 100)
    for p in stale:
        os.utime(p, (old, old))
    assert main(["--db", dbfile, "check"]) == 0
    assert [p.exists() for p in stale] == [False, False, False]
    assert fresh.exists()  # a copy still being written (touched within 10 minutes) stays
