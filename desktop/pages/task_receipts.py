"""回执: the receipts of the month task selected on the 三函督办 page's 月度任务 tab, per township,
with their lights and evidence files (open, withdraw, confirm). docs/task-receipts.md.

Built by desktop/pages/supervision.py under the task table; every button calls the same service
the `task report` / `task receipts` commands call."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QLabel, QSplitter, QVBoxLayout, QWidget

from desktop.tablemodels import LIGHT_COLOURS, kept_selection
from forms import files
from forms.common import add_buttons
from forms.flow import FlowLayout
from forms.receipts import ReportDialog
from models.errors import DomainError
from models.services import access
from models.services import supervision as sv
from models.services.orgs import townships
from models.task_receipt import ReceiptStatus

from .supervision import Row, RowsModel, _d, _table

RECEIPT_HEADERS = [
    QT_TRANSLATE_NOOP("headers", "乡镇（街道）"), QT_TRANSLATE_NOOP("headers", "完成情况"),
    QT_TRANSLATE_NOOP("headers", "报送日期"), QT_TRANSLATE_NOOP("headers", "完成时限"),
    QT_TRANSLATE_NOOP("headers", "报送人"), QT_TRANSLATE_NOOP("headers", "确认"),
    QT_TRANSLATE_NOOP("headers", "附件"), QT_TRANSLATE_NOOP("headers", "情况说明"),
]
EVIDENCE_HEADERS = [
    QT_TRANSLATE_NOOP("headers", "文件名"), QT_TRANSLATE_NOOP("headers", "类型"),
    QT_TRANSLATE_NOOP("headers", "大小"), QT_TRANSLATE_NOOP("headers", "上传人"),
    QT_TRANSLATE_NOOP("headers", "上传时间"), QT_TRANSLATE_NOOP("headers", "SHA-256"),
]


def _size(n: int) -> str:
    return f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / (1024 * 1024):.1f} MB"


class ReceiptsPanel(QWidget):
    """The selected task's receipts (a row per township in its scope the account sees) and the
    selected receipt's files. `page` is the SupervisionPage (month, as-of date, selected task)."""

    def __init__(self, page: Any):
        super().__init__(page)
        self.page, self.ctx = page, page.ctx
        self._files_dir = tempfile.TemporaryDirectory(prefix="dangjian-evidence-")
        self.caption = QLabel()
        self.caption.setProperty("data", True)
        self.receipts = RowsModel(RECEIPT_HEADERS, self)
        self.evidence = RowsModel(EVIDENCE_HEADERS, self)
        self.receipt_view = _table(self.receipts)
        self.evidence_view = _table(self.evidence)
        self.receipt_view.selectionModel().selectionChanged.connect(lambda *_a: self.load_files())
        self.evidence_view.doubleClicked.connect(lambda _i: self.open_selected())
        row = FlowLayout()
        self.buttons = add_buttons(row, (
            ("open_evidence", self.tr("打开"), self.open_selected),
            ("withdraw_evidence", self.tr("撤回附件…"), self.withdraw_selected),
            ("confirm_receipt", self.tr("确认"), self.confirm_selected),
            ("export_evidence", self.tr("导出本月证明材料…"), self.export_month),
        ))
        row.addStretch(1)
        self.receipt_ids: dict[int, int | None] = {}  # township id → receipt id
        split = QSplitter()
        split.addWidget(self.receipt_view)
        split.addWidget(self.evidence_view)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addLayout(row)
        layout.addWidget(split, 1)

    # ------------------------------------------------------------ reading

    def task_id(self) -> int | None:
        ids = self.page._selected_ids(self.page.task_view, self.page.tasks)
        return ids[0] if len(ids) == 1 else None

    def reload(self) -> None:
        task_id = self.task_id()
        month, as_of = self.page.month_key(), self.page.as_of_date()
        with kept_selection(self.receipt_view, self.receipts.id_at):
            lines = (self.ctx.read(lambda s: self._rows(s, month, as_of, task_id)) if task_id is not None else None)
            self.receipts.set_rows(lines or [])
        self.receipt_view.resizeColumnsToContents()
        if task_id is None:
            self.caption.setText(self.tr("回执：选中一项月度任务，查看各乡镇报送的完成情况和证明材料"))
        self.load_files()

    def _rows(self, session, month: str, as_of, task_id: int) -> list[Row]:
        lines = sv.month_receipts(session, self.ctx.actor, month, as_of, task_id)
        task = sv.month_task(session, task_id)
        reported = sum(x.receipt is not None for x in lines)
        self.caption.setText(self.tr("回执：“{title}”，应报送{n}个乡镇，已报送{done}个，未报送{left}个").format(
            title=task.title, n=len(lines), done=reported, left=len(lines) - reported))
        self.receipt_ids = {}
        rows = []
        for x in lines:
            r = x.receipt
            self.receipt_ids[x.township.id] = r.id if r else None
            due = _d(x.task.due_on)
            row = Row(x.township.id, [
                x.township.short_name or x.township.name, x.state, _d(r.reported_on) if r else "",
                due, r.reported_by if r else "",
                (self.tr("已确认（{0}）").format(r.confirmed_by) if r.confirmed_at else self.tr("待确认")) if r else "",
                str(len(r.files)) if r else "", (r.note or "") if r else ""])
            if x.light:
                row.cells[3] = f"{due}（{x.light}）"
                row.colours[1] = row.colours[3] = LIGHT_COLOURS[x.light]
                if x.light == sv.Light.RED:
                    row.tips[3] = self.tr("已过完成时限仍未报送：未按时完成重点任务")
            elif r is not None and not r.on_time:
                row.cells[2] += self.tr("（逾期报送）")
            rows.append(row)
        return rows

    def selected_township(self) -> int | None:
        rows = sorted({i.row() for i in self.receipt_view.selectionModel().selectedRows()})
        return self.receipts.id_at(rows[0]) if len(rows) == 1 else None

    def selected_receipt(self) -> int | None:
        town = self.selected_township()
        return self.receipt_ids.get(town) if town is not None else None

    def load_files(self) -> None:
        receipt_id = self.selected_receipt()

        def read(session) -> list[Row]:
            r = sv.get_receipt(session, self.ctx.actor, receipt_id)
            return [Row(e.id, [e.name, e.kind, _size(e.size), e.added_by,
                               e.created_at.strftime("%Y-%m-%d %H:%M") if e.created_at else "", e.sha256])
                    for e in r.files]

        with kept_selection(self.evidence_view, self.evidence.id_at):
            self.evidence.set_rows(self.ctx.read(read) if receipt_id is not None else [])
        self.evidence_view.resizeColumnsToContents()

    def selected_evidence(self) -> int | None:
        rows = sorted({i.row() for i in self.evidence_view.selectionModel().selectedRows()})
        return self.evidence.id_at(rows[0]) if len(rows) == 1 else None

    # ------------------------------------------------------------ actions

    def report(self, values: dict | None = None) -> int | None:
        """报送完成情况… for the selected task: the township selected below (a township account: its
        own, fixed), its receipt's values filled in when it has reported before."""
        task_id = self.page.selected_task_id()
        if task_id is None:
            return None

        def build(session) -> tuple[str, list[tuple[int, str]], dict | None]:
            task = sv.month_task(session, task_id)
            towns = [(t.id, t.short_name or t.name) for t in sv.task_townships(task, townships(session))
                     if access.in_scope(session, self.ctx.actor, t.path)]
            chosen = self.selected_township()
            r = sv.receipt_of(session, task_id, chosen) if chosen is not None else None
            current = ({"org_id": chosen} if chosen is not None else {}) | (
                {"status": r.status.value, "reported_on": r.reported_on, "note": r.note} if r else {})
            return task.title, towns, current

        def save(v: dict) -> int:
            return self.page._commit("task.report", lambda s: sv.report_task(
                s, self.ctx.actor, task_id, v["org_id"], v["status"], v["reported_on"], v["note"],
                v.get("files", [])).id)

        if values is not None:
            try:
                return save(values)
            except DomainError as exc:
                self.ctx.show_error(str(exc))
                return None
        title, towns, current = self.ctx.read(build)
        if not towns:
            self.ctx.show_error(self.tr("这项任务不在本账号的乡镇范围内"))
            return None
        self.dialog = ReportDialog(title, towns, [s.value for s in ReceiptStatus], self.page.today, self,
                                   current, save)
        return self.dialog.saved if self.dialog.exec() == QDialog.DialogCode.Accepted else None

    def open_selected(self) -> Path | None:
        """打开: a temporary copy, named with the extension its content calls for, in the system viewer."""
        evidence_id = self.selected_evidence()
        if evidence_id is None:
            self.ctx.show_error(self.tr("请先选中一个附件"))
            return None

        def read(session) -> tuple[str, bytes]:
            e, data = sv.evidence_content(session, self.ctx.actor, evidence_id)
            return sv.shown_name(e), data

        name, data = self.ctx.read(read)
        folder = Path(self._files_dir.name) / str(evidence_id)
        folder.mkdir(exist_ok=True)
        path = folder / name
        path.write_bytes(data)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def withdraw_selected(self, reason: str | None = None) -> bool:
        evidence_id = self.selected_evidence()
        if evidence_id is None:
            self.ctx.show_error(self.tr("请先选中一个附件"))
            return False
        if reason is None:  # asked in a form that keeps the reason when refused (docs/screen.md)
            from forms.letters import ReasonDialog

            self.reason_dialog = ReasonDialog(
                self, self.tr("撤回附件"), self.tr("撤回的原因（如传错了文件；文件仍保留在记录中）："), "原因",
                lambda text: self.page._commit("task.report", lambda s: sv.withdraw_evidence(
                    s, self.ctx.actor, evidence_id, text)))
            return self.reason_dialog.exec() == QDialog.DialogCode.Accepted
        return self.page._act("task.report", lambda s: sv.withdraw_evidence(s, self.ctx.actor, evidence_id, reason)) is not None

    def confirm_selected(self) -> bool:
        receipt_id = self.selected_receipt()
        if receipt_id is None:
            self.ctx.show_error(self.tr("请先选中一个已报送的乡镇"))
            return False
        return self.page._act("task.confirm", lambda s: sv.confirm_receipt(s, self.ctx.actor, receipt_id)) is not None

    def export_month(self, path: str | None = None) -> Path | None:
        """The month's evidence as one zip (township/task/file, with 回执清单.csv)."""
        month, as_of = self.page.month_key(), self.page.as_of_date()
        if path is None:
            path = files.save_path(self, self.tr("导出本月证明材料"), f"证明材料-{month}.zip", "zip (*.zip)")
            if not path:
                return None
        try:
            out, count = self.ctx.read(lambda s: sv.export_evidence_zip(s, self.ctx.actor, month, path, as_of))
        except (DomainError, OSError) as exc:
            self.ctx.show_error(str(exc))
            return None
        self.ctx.status(self.tr("证明材料{0}个文件已导出到 {1}").format(count, out))
        return out
