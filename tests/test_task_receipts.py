"""Task receipts (docs/task-receipts.md): a township reports on a month task with evidence files kept
in the database; files are checked by content and size; scope and duties; lights of unreported
tasks; the month's evidence as one zip. On SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import zipfile
from datetime import date

import pytest
from sqlalchemy import select

from models.actor import Actor
from models.audit import AuditEntry
from models.errors import DomainError, PermissionDenied
from models.services import supervision as sv
from models.task_receipt import ReceiptEvidence
from tests.receipt_files import big_file, exe_bytes, office_bytes, pdf_bytes, png_bytes, write
from tests.supervision_factories import task

TODAY = date(2026, 3, 20)


def east_clerk(county) -> Actor:
    return Actor("东城组织委员", "乡镇办事员", county.east.id)


def test_a_township_reports_with_two_files_kept_in_the_database(session, county, actor, tmp_path):
    t = task(session, actor)
    photo, minutes = png_bytes(), pdf_bytes()
    files = [sv.read_evidence(write(tmp_path, "会议照片.png", photo)),
             sv.read_evidence(write(tmp_path, "会议记录.pdf", minutes))]
    clerk = east_clerk(county)
    r = sv.report_task(session, clerk, t.id, county.east.id, "完成", date(2026, 3, 18), "已召开", files, today=TODAY)
    session.commit()
    assert (r.status.value, r.reported_on, r.reported_by, r.on_time) == ("完成", date(2026, 3, 18), "东城组织委员", True)
    assert [(e.name, e.kind, e.size) for e in r.files] == [("会议照片.png", "png", len(photo)),
                                                           ("会议记录.pdf", "pdf", len(minutes))]
    evidence, data = sv.evidence_content(session, actor, r.files[1].id)
    assert hashlib.sha256(data).hexdigest() == hashlib.sha256(minutes).hexdigest() == evidence.sha256
    # the audit row names the file by size and SHA-256, never the bytes
    row = session.scalar(select(AuditEntry).where(AuditEntry.entity == "receipt_evidence",
                                                  AuditEntry.entity_id == r.files[1].id))
    assert row.action == "attach" and row.changed["sha256"] == [None, evidence.sha256]
    assert "content" not in row.changed


def test_files_are_checked_by_content_and_size(tmp_path):
    with pytest.raises(DomainError) as exc:
        sv.read_evidence(write(tmp_path, "会议记录.pdf", exe_bytes()))  # a renamed .exe
    assert str(exc.value) == ("附件“会议记录.pdf”不是JPG或PNG图片、PDF、Word（.docx）或Excel（.xlsx）文件"
                              "（按文件内容判断，与扩展名无关），不能上传")
    with pytest.raises(DomainError) as exc:
        sv.read_evidence(big_file(tmp_path))
    assert str(exc.value) == "附件“扫描件.pdf”有25.0 MB，超过20.0 MB的上限，请压缩或拆分后再上传"
    with pytest.raises(DomainError, match="不是JPG"):
        sv.check_evidence("表.zip", office_bytes("other"))  # a zip that is no Office file
    assert sv.check_evidence("总结", office_bytes("word")).kind == "docx"
    assert sv.check_evidence("台账.xlsx", office_bytes("xl")).kind == "xlsx"
    assert sv.check_evidence("照片.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 20).kind == "jpg"
    with pytest.raises(DomainError, match="空文件"):
        sv.check_evidence("空.pdf", b"")


def test_a_township_account_reports_for_its_own_township_only(session, county, actor):
    t = task(session, actor)
    with pytest.raises(PermissionDenied, match="只能处理本乡镇的数据"):
        sv.report_task(session, east_clerk(county), t.id, county.west.id, "完成", today=TODAY)
    with pytest.raises(PermissionDenied, match="无权"):
        sv.report_task(session, Actor("领导", "只读"), t.id, county.east.id, "完成", today=TODAY)
    # a county account reports for any township (a paper receipt typed in)
    r = sv.report_task(session, Actor("县办", "县级办事员"), t.id, county.west.id, "部分完成", today=TODAY)
    assert r.org_id == county.west.id


def test_out_of_scope_future_and_withdrawn_are_refused(session, county, actor):
    t = task(session, actor, scope_ids=[county.east.id])
    with pytest.raises(DomainError, match="不在任务“召开支部党员大会”的适用范围内"):
        sv.report_task(session, actor, t.id, county.west.id, "完成", today=TODAY)
    with pytest.raises(DomainError, match="报送日期：2026年3月21日晚于今天"):
        sv.report_task(session, actor, t.id, county.east.id, "完成", date(2026, 3, 21), today=TODAY)
    with pytest.raises(DomainError, match="不是乡镇"):
        sv.report_task(session, actor, t.id, county.village.id, "完成", today=TODAY)
    sv.withdraw_task(session, actor, t.id)
    with pytest.raises(DomainError, match="已撤回"):
        sv.report_task(session, actor, t.id, county.east.id, "完成", today=TODAY)


def test_confirm_by_the_county_and_reporting_again(session, county, actor):
    t = task(session, actor)
    clerk = east_clerk(county)
    r = sv.report_task(session, clerk, t.id, county.east.id, "部分完成", files=[sv.check_evidence("a.png", png_bytes())],
                       today=TODAY)
    with pytest.raises(PermissionDenied):
        sv.confirm_receipt(session, clerk, r.id)
    sv.confirm_receipt(session, actor, r.id)
    assert r.confirmed_by == "测试员" and r.confirmed_at is not None
    with pytest.raises(DomainError, match="已由测试员确认"):
        sv.confirm_receipt(session, actor, r.id)
    # reported again: the same receipt, updated, its confirmation cleared; a second copy of a file refused
    again = sv.report_task(session, clerk, t.id, county.east.id, "完成", today=TODAY,
                           files=[sv.check_evidence("b.png", png_bytes((0, 0, 200)))])
    assert again.id == r.id and again.status.value == "完成" and again.confirmed_at is None
    assert [e.name for e in again.files] == ["a.png", "b.png"]
    with pytest.raises(DomainError, match="附件“c.png”与已上传的“a.png”内容相同"):
        sv.report_task(session, clerk, t.id, county.east.id, "完成", today=TODAY,
                       files=[sv.check_evidence("c.png", png_bytes())])


def test_a_file_added_by_mistake_is_withdrawn_not_deleted(session, county, actor):
    t = task(session, actor)
    clerk = east_clerk(county)
    r = sv.report_task(session, clerk, t.id, county.east.id, "完成", today=TODAY,
                       files=[sv.check_evidence("错的.png", png_bytes())])
    e = r.files[0]
    west = Actor("西山组织委员", "乡镇办事员", county.west.id)
    with pytest.raises(PermissionDenied):
        sv.withdraw_evidence(session, west, e.id, "不是本乡镇")
    sv.withdraw_evidence(session, clerk, e.id, "传错了文件")
    session.commit()
    assert r.files == [] and session.get(ReceiptEvidence, e.id).withdraw_reason == "传错了文件"
    # the file may be added again after its withdrawal
    sv.report_task(session, clerk, t.id, county.east.id, "完成", today=TODAY,
                   files=[sv.check_evidence("错的.png", png_bytes())])


def test_lights_of_unreported_tasks_and_the_findings_they_offer(session, county, actor):
    t = task(session, actor, due_on=date(2026, 3, 25))
    sv.report_task(session, actor, t.id, county.east.id, "完成", date(2026, 3, 19), today=TODAY)
    lines = sv.month_receipts(session, actor, "2026-03", date(2026, 3, 20))
    assert [(ln.township.short_name, ln.state, ln.light) for ln in lines] == [
        ("东城镇党委", "完成", None), ("西山乡党委", "未报送", "黄")]
    assert [ln.light for ln in sv.month_receipts(session, actor, "2026-03", date(2026, 3, 23))] == [None, "橙"]
    assert [ln.light for ln in sv.month_receipts(session, actor, "2026-03", date(2026, 3, 26))] == [None, "红"]
    assert sv.unreported_tasks(session, actor, date(2026, 3, 25)) == []  # due that day: not yet late
    late = sv.unreported_tasks(session, actor, date(2026, 3, 26))
    assert [(ln.township.short_name, ln.task.title) for ln in late] == [("西山乡党委", "召开支部党员大会")]
    # a township account sees its own township only
    assert sv.unreported_tasks(session, east_clerk(county), date(2026, 3, 26)) == []
    assert [ln.township.short_name for ln in sv.month_receipts(session, east_clerk(county), "2026-03")] == ["东城镇党委"]
    [west] = [c for c in sv.completion_by_township(session, actor, "2026-03", date(2026, 3, 26))
              if c.name == "西山乡党委"]
    assert (west.tasks, west.unreported, west.late) == (1, 1, 1)


def test_the_month_evidence_as_one_zip(session, county, actor, tmp_path):
    t = task(session, actor)
    photo, minutes = png_bytes(), pdf_bytes()
    sv.report_task(session, east_clerk(county), t.id, county.east.id, "完成", today=TODAY, files=[
        sv.check_evidence("照片.png", photo), sv.check_evidence("记录", minutes)])
    session.commit()
    path, count = sv.export_evidence_zip(session, actor, "2026-03", tmp_path / "材料.zip", TODAY)
    assert count == 2
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        assert "东城镇党委/召开支部党员大会/照片.png" in names
        assert "东城镇党委/召开支部党员大会/记录.pdf" in names  # the extension its content calls for
        assert hashlib.sha256(z.read("东城镇党委/召开支部党员大会/照片.png")).hexdigest() == \
            hashlib.sha256(photo).hexdigest()
        listing = z.read("回执清单.csv").decode("utf-8-sig")
    assert "西山乡党委,召开支部党员大会,2026-03-31,未报送" in listing
    # the township clerk's zip holds its own township only
    _p, own = sv.export_evidence_zip(session, Actor("西山组织委员", "乡镇办事员", county.west.id), "2026-03",
                                     tmp_path / "west.zip", TODAY)
    assert own == 0
    with zipfile.ZipFile(tmp_path / "west.zip") as z:
        assert "东城镇党委" not in z.read("回执清单.csv").decode("utf-8-sig")


def test_a_backup_holds_the_evidence(db, actor, tmp_path):
    """On either engine, a backup (a SQLite file) carries each file byte for byte."""
    from models.actor import SYSTEM
    from models.backup import backup
    from models.db import open_database
    from tests.factories import build_county

    minutes = pdf_bytes()
    with db.transaction() as s:
        county = build_county(s, actor)
        t = task(s, actor)
        sv.report_task(s, actor, t.id, county.east.id, "完成", today=TODAY,
                       files=[sv.check_evidence("会议记录.pdf", minutes)])
    copy = open_database(backup(db, tmp_path / "b.sqlite3", SYSTEM), migrate=False)
    with copy.session() as s:
        [e] = s.scalars(select(ReceiptEvidence)).all()
        _e, data = sv.evidence_content(s, actor, e.id)
    copy.dispose()
    assert hashlib.sha256(data).hexdigest() == hashlib.sha256(minutes).hexdigest() == e.sha256


def test_two_clerks_reporting_the_same_township_at_once(session, county, actor, monkeypatch):
    """The second receipt for the same township and task (read before the first was written) is
    refused by the database's unique key, and told as a sentence."""
    from models.errors import ConflictError
    from models.services.supervision import receipts

    t = task(session, actor)
    sv.report_task(session, actor, t.id, county.east.id, "完成", today=TODAY)
    session.commit()
    monkeypatch.setattr(receipts, "receipt_of", lambda *_a: None)  # as the second clerk read it
    with pytest.raises(ConflictError, match="刚由其他办事员报送，请刷新后再报送"):
        sv.report_task(session, actor, t.id, county.east.id, "部分完成", today=TODAY)
