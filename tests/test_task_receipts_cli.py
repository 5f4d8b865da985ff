"""`task report` and `task receipts` (docs/task-receipts.md) through desktop.cli.main: two files
round-trip through the exported zip byte for byte; a 25 MB file and a renamed .exe are refused with
a sentence (exit 1, nothing written); a township account cannot report for another township (exit 3)."""

from __future__ import annotations

import hashlib
import zipfile
from datetime import date

import pytest
from sqlalchemy import func, select

import desktop.cli as cli
from models.actor import Actor
from models.db import open_database
from models.task_receipt import ReceiptEvidence, TaskReceipt
from tests.factories import build_county
from tests.receipt_files import big_file, exe_bytes, pdf_bytes, png_bytes, write
from tests.supervision_factories import task

ADMIN = Actor("测试员", "管理员")


@pytest.fixture
def world(sqlite_path):
    db = open_database(sqlite_path)
    with db.transaction() as s:
        county = build_county(s, ADMIN)
        t = task(s, ADMIN, due_on=date(2026, 3, 31))
        ids = {"task": t.id, "east": county.east.id, "west": county.west.id}
    db.dispose()
    return sqlite_path, ids


def run(path, actor: Actor, monkeypatch, *argv) -> int:
    monkeypatch.setattr(cli.Context, "actor", lambda self, session: actor)
    return cli.main(["--db", str(path), *argv])


def counts(path) -> tuple[int, int]:
    db = open_database(path)
    with db.session() as s:
        n = (s.scalar(select(func.count()).select_from(TaskReceipt)),
             s.scalar(select(func.count()).select_from(ReceiptEvidence)))
    db.dispose()
    return n


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_two_attachments_round_trip_through_the_zip(world, tmp_path, monkeypatch, capsys):
    path, ids = world
    clerk = Actor("东城组织委员", "乡镇办事员", ids["east"])
    photo, minutes = write(tmp_path, "会议照片.png", png_bytes()), write(tmp_path, "会议记录.pdf", pdf_bytes())
    code = run(path, clerk, monkeypatch, "task", "report", "--task", str(ids["task"]), "--org", "东城镇党委",
               "--status", "完成", "--date", "2026-03-28", "--note", "3月28日召开", "--attach", str(photo), str(minutes))
    out = capsys.readouterr().out
    assert code == 0, out
    assert "已报送：东城镇党委“召开支部党员大会”完成（2026-03-28），附件2个" in out
    assert f"会议记录.pdf\t{minutes.stat().st_size}\t{sha(minutes.read_bytes())}" in out

    zip_path = tmp_path / "2026-03材料.zip"
    assert run(path, ADMIN, monkeypatch, "task", "receipts", "--month", "2026-03", "--as-of", "2026-04-02",
               "--out", str(zip_path)) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[1:9] == ["东城镇党委", "召开支部党员大会", "2026-03-31", "完成", "2026-03-28", "",
                                        "待确认", "2"]
    assert lines[1].split("\t")[1:7] == ["西山乡党委", "召开支部党员大会", "2026-03-31", "未报送", "", "红"]
    assert "证明材料2个文件已导出到" in lines[-1]
    with zipfile.ZipFile(zip_path) as z:
        for original in (photo, minutes):
            inside = z.read(f"东城镇党委/召开支部党员大会/{original.name}")
            assert sha(inside) == sha(original.read_bytes())


def test_a_25_mb_file_and_a_renamed_exe_are_refused(world, tmp_path, monkeypatch, capsys):
    path, ids = world
    base = ("task", "report", "--task", str(ids["task"]), "--org", "东城镇党委", "--status", "完成", "--attach")
    big = big_file(tmp_path)
    assert run(path, ADMIN, monkeypatch, *base, str(write(tmp_path, "照片.png", png_bytes())), str(big)) == 1
    assert capsys.readouterr().err.strip() == "附件“扫描件.pdf”有25.0 MB，超过20.0 MB的上限，请压缩或拆分后再上传"
    exe = write(tmp_path, "会议记录.docx", exe_bytes())
    assert run(path, ADMIN, monkeypatch, *base, str(exe)) == 1
    assert capsys.readouterr().err.strip() == ("附件“会议记录.docx”不是JPG或PNG图片、PDF、Word（.docx）或Excel（.xlsx）"
                                               "文件（按文件内容判断，与扩展名无关），不能上传")
    assert counts(path) == (0, 0)  # nothing written


def test_a_township_account_cannot_report_for_another_township(world, monkeypatch, capsys):
    path, ids = world
    clerk = Actor("东城组织委员", "乡镇办事员", ids["east"])
    code = run(path, clerk, monkeypatch, "task", "report", "--task", str(ids["task"]), "--org", "西山乡党委",
               "--status", "完成")
    assert code == 3
    assert capsys.readouterr().err.strip() == "账号“东城组织委员”只能处理本乡镇的数据，“西山乡党委”不在其范围内"
    assert run(path, Actor("领导", "只读"), monkeypatch, "task", "report", "--task", str(ids["task"]),
               "--org", "东城镇党委", "--status", "完成") == 3
    assert counts(path) == (0, 0)
    # the township account's list shows its own township only
    assert run(path, clerk, monkeypatch, "task", "receipts", "--month", "2026-03") == 0
    out = capsys.readouterr().out
    assert "东城镇党委" in out and "西山乡党委" not in out


@pytest.mark.parametrize("action", ["report", "receipts"])
def test_help(action, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["task", action, "--help"])
    assert exc.value.code == 0
    assert ("--attach" if action == "report" else "--out") in capsys.readouterr().out


def test_check_lists_tasks_not_reported_by_their_deadline(world, monkeypatch, capsys):
    path, ids = world
    assert run(path, ADMIN, monkeypatch, "task", "report", "--task", str(ids["task"]), "--org", "西山乡党委",
               "--status", "完成", "--date", "2026-03-30") == 0
    capsys.readouterr()
    clerk = Actor("东城组织委员", "乡镇办事员", ids["east"])
    assert run(path, clerk, monkeypatch, "check") == 0
    lines = [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("逾期未报送任务")]
    assert lines == ["逾期未报送任务\t中共某某县东城镇委员会\t召开支部党员大会（完成时限2026年3月31日）"]
