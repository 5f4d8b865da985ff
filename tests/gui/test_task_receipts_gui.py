"""三函督办 → 月度任务: 报送完成情况… and the 回执 view (docs/task-receipts.md), as a township clerk
and as the county clerk: the dialog, the files checked as they are added, the lights, 打开 and 确认."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from desktop.context import AppContext
from models.actor import Actor
from models.org import Organization
from tests.receipt_files import exe_bytes, pdf_bytes, png_bytes, write
from tests.supervision_factories import task


@pytest.fixture
def county_db(gui_db, actor):
    with gui_db.session() as s:
        task(s, actor, due_on=date(2026, 3, 25))
        s.commit()
        ids = {o.short_name: o.id for o in s.scalars(select(Organization))}
    gui_db.ids = ids
    return gui_db


def open_page(qtbot, db, actor):
    from desktop.pages.supervision import SupervisionPage

    errors: list[str] = []
    page = SupervisionPage(AppContext(db, actor, show_error=errors.append), today=date(2026, 3, 20))
    page.errors = errors
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.set_month("2026-03", date(2026, 3, 20))
    page.tabs.setCurrentIndex(1)
    page.task_view.selectRow(0)
    return page


def cells(model) -> list[list[str]]:
    return [list(r.cells) for r in model.rows]


def test_a_township_clerk_reports_with_files(qtbot, county_db, messages, monkeypatch, tmp_path):
    from forms.receipts import ReportDialog

    clerk = Actor("东城组织委员", "乡镇办事员", county_db.ids["东城镇党委"])
    page = open_page(qtbot, county_db, clerk)
    panel = page.receipts
    assert page.buttons["report_task"].isEnabled() and page.buttons["report_task"].toolTip() == ""
    assert not page.buttons["confirm_receipt"].isEnabled()
    assert page.buttons["confirm_receipt"].toolTip() == "乡镇账号没有“安排月度任务”的职责，由县委组织部办理"
    # its own township only, not yet reported, 5 days before the 完成时限: yellow
    assert cells(panel.receipts) == [["东城镇党委", "未报送", "", "2026-03-25（黄）", "", "", "", ""]]
    assert panel.caption.text() == "回执：“召开支部党员大会”，应报送1个乡镇，已报送0个，未报送1个"

    photo = write(tmp_path, "会议照片.png", png_bytes())
    minutes = write(tmp_path, "会议记录.pdf", pdf_bytes())
    exe = write(tmp_path, "总结.docx", exe_bytes())
    seen: dict = {}

    def fill(dialog: ReportDialog) -> int:
        seen["townships"] = [dialog.township.itemText(i) for i in range(dialog.township.count())]
        seen["fixed"] = not dialog.township.isEnabled()
        dialog.add_files([str(photo), str(exe), str(minutes)])
        dialog.status.setCurrentText("完成")
        dialog.note.setPlainText("3月18日召开党员大会")
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReportDialog, "exec", fill)
    assert panel.report() is not None
    assert seen == {"townships": ["东城镇党委"], "fixed": True}
    # the renamed .exe was refused with a sentence as it was added; the other two kept
    assert messages == [("warning", "报送完成情况", "附件“总结.docx”不是JPG或PNG图片、PDF、Word（.docx）或Excel（.xlsx）"
                                                 "文件（按文件内容判断，与扩展名无关），不能上传")]
    assert cells(panel.receipts) == [["东城镇党委", "完成", "2026-03-20", "2026-03-25", "东城组织委员", "待确认", "2",
                                      "3月18日召开党员大会"]]
    panel.receipt_view.selectRow(0)
    assert [r[0] for r in cells(panel.evidence)] == ["会议照片.png", "会议记录.pdf"]

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    panel.evidence_view.selectRow(1)
    path = panel.open_selected()
    assert opened == [str(path)] and path.name == "会议记录.pdf"
    assert hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(minutes.read_bytes()).digest()
    page.grab().save("/tmp/receipts.png")
    # a file added by mistake is withdrawn (kept on record): it leaves the list and the count
    panel.evidence_view.selectRow(0)
    assert panel.withdraw_selected("传错了文件")
    assert [r[0] for r in cells(panel.evidence)] == ["会议记录.pdf"] and cells(panel.receipts)[0][6] == "1"


def test_the_county_clerk_sees_every_township_and_confirms(qtbot, county_db, messages, monkeypatch, tmp_path):
    county = Actor("县委组织部", "县级办事员")
    page = open_page(qtbot, county_db, county)
    panel = page.receipts
    page.as_of.setDate(page.as_of.date().addDays(7))  # 2026-03-27: past the 完成时限
    assert [r[:4] for r in cells(panel.receipts)] == [["东城镇党委", "未报送", "", "2026-03-25（红）"],
                                                      ["西山乡党委", "未报送", "", "2026-03-25（红）"]]
    panel.receipt_view.selectRow(1)
    assert panel.report({"org_id": county_db.ids["西山乡党委"], "status": "部分完成", "reported_on": date(2026, 3, 19),
                         "note": "纸质回执录入", "files": []}) is not None
    panel.receipt_view.selectRow(1)
    assert panel.confirm_selected()
    assert cells(panel.receipts)[1][:6] == ["西山乡党委", "部分完成", "2026-03-19", "2026-03-25", "县委组织部",
                                            "已确认（县委组织部）"]
    # the month's evidence as a zip from the window
    out = panel.export_month(str(tmp_path / "材料.zip"))
    assert out is not None and out.exists() and page.errors == []
    page.grab().save("/tmp/receipts-county.png")


def test_a_refused_report_keeps_what_was_typed_and_esc_asks(qtbot, county_db, messages, monkeypatch, confirmations):
    from forms.receipts import ReportDialog

    clerk = Actor("东城组织委员", "乡镇办事员", county_db.ids["东城镇党委"])
    page = open_page(qtbot, county_db, clerk)
    seen: dict = {}

    def fill(dialog: ReportDialog) -> int:
        dialog.show()
        dialog.status.setCurrentText("完成")
        dialog.note.setPlainText("3月18日召开党员大会")
        dialog.accept()  # refused by the service
        seen["open"], seen["note"] = dialog.isVisible(), dialog.note.toPlainText()
        seen["focus"] = dialog.focusWidget() is dialog.note
        confirmations.answer = False
        dialog.reject()  # Esc after typing asks; no keeps the form
        seen["asked"], seen["kept"] = confirmations[-1][0], dialog.isVisible()
        confirmations.answer = True
        dialog.reject()
        return QDialog.DialogCode.Rejected

    from models.errors import FieldError, ValidationError
    from models.services import supervision as sv

    def refused(*_args, **_kwargs):
        raise ValidationError([FieldError("情况说明", "请写明完成的经过")])

    monkeypatch.setattr(sv, "report_task", refused)
    monkeypatch.setattr(ReportDialog, "exec", fill)
    assert page.receipts.report() is None
    assert messages[-1][2] == "情况说明：请写明完成的经过"
    assert seen == {"open": True, "note": "3月18日召开党员大会", "focus": True, "asked": "放弃输入", "kept": True}
