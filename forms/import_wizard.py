"""党员名册 import wizard: choose a workbook, preview on a worker thread, import, save the report.

The worker threads open their own database session and never touch widgets: they hand plain
results back through signals.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from models.actor import Actor
from models.db import Database
from reports.imports import ImportResult, run_import
from reports.roster import MEMBER_IMPORTER
from reports.xlsx import check_header, read_sheet, rows_as_dicts, write_error_report

from . import dialogs

PREVIEW_HEADERS = ["行号", "姓名", "公民身份号码", "所在党支部", "检查结果"]


def import_work(path: str, dry_run: bool, keep_valid: bool = False):
    """The wizard's check (dry_run: returns (records, result)) or import, for the background runner
    (desktop.worker): one transaction, rolled back when the clerk cancels."""

    def work(session: Any, actor: Actor, progress: Any) -> tuple[list[tuple[int, dict[str, Any]]], ImportResult]:
        records: list[tuple[int, dict[str, Any]]] = []
        if dry_run:
            header, rows = read_sheet(path)
            index = check_header(header, MEMBER_IMPORTER.headers, MEMBER_IMPORTER.required, Path(path))
            records = list(rows_as_dicts(index, rows))
        # run_import records the import batch itself (for 撤销上次导入)
        result = run_import(session, actor, MEMBER_IMPORTER, path, keep_valid=keep_valid, dry_run=dry_run)
        progress.check()
        return records, result

    return work


Index = QModelIndex | QPersistentModelIndex


class PreviewModel(QAbstractTableModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.rows: list[tuple[int, str, str, str, str]] = []
        self.bad: set[int] = set()

    def set_preview(self, records: list[tuple[int, dict[str, Any]]], result: ImportResult) -> None:
        reasons: dict[int, list[str]] = {}
        for e in result.errors:
            reasons.setdefault(e.row, []).append(f"{e.column}：{e.reason}")
        self.beginResetModel()
        self.rows = [
            (row, str(src.get("姓名") or ""), str(src.get("公民身份号码") or ""),
             str(src.get("所在党支部") or ""), "；".join(reasons.get(row, [])) or "无误")
            for row, src in records
        ]
        self.bad = set(reasons)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(PREVIEW_HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return str(row[index.column()])
        if row[0] in self.bad:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor("#fde2e1"))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#a93226"))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(PREVIEW_HEADERS):
            return PREVIEW_HEADERS[section]
        return None


class ImportWizard(QWizard):
    imported = Signal(int)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 runner: Callable[..., Any]):
        """`runner`: the window's background runner (desktop.worker.start), handed down because
        forms sit below desktop."""
        super().__init__(parent)
        self.db, self.actor, self.runner = db, actor, runner
        self.result: ImportResult | None = None
        self.worker: Any = None
        self.setWindowTitle(self.tr("导入党员名册"))
        self.resize(820, 560)
        # page 1: file
        p1 = QWizardPage()
        p1.setTitle(self.tr("选择工作簿"))
        p1.setSubTitle(self.tr("第一行为表头，列与导入模板一致（dangjian template members）"))
        self.path = QLineEdit()
        self.path.setObjectName("path")
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        l1 = QVBoxLayout(p1)
        l1.addLayout(row)
        p1.registerField("path*", self.path)
        # page 2: preview and choice
        p2 = QWizardPage()
        p2.setTitle(self.tr("检查结果"))
        self.preview = PreviewModel(self)
        self.preview_view = QTableView()
        self.preview_view.setModel(self.preview)
        self.preview_view.verticalHeader().hide()
        self.preview_view.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.all_or_nothing = QRadioButton(self.tr("全部无误才导入（有错误则不导入）"))
        self.valid_only = QRadioButton(self.tr("只导入无误的行，跳过有错误的行"))
        self.all_or_nothing.setChecked(True)
        self.save_report = QPushButton(self.tr("保存错误报告…"))
        self.save_report.clicked.connect(lambda: self.write_report())
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.cancel_run = QPushButton(self.tr("取消导入"))
        self.cancel_run.hide()
        self.cancel_run.clicked.connect(self.cancel_worker)
        l2 = QVBoxLayout(p2)
        l2.addWidget(self.summary)
        l2.addWidget(self.preview_view, 1)
        l2.addWidget(self.all_or_nothing)
        l2.addWidget(self.valid_only)
        bottom = QHBoxLayout()
        bottom.addWidget(self.save_report)
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.cancel_run)
        l2.addLayout(bottom)
        self.addPage(p1)
        self.addPage(p2)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("导入"))
        self.currentIdChanged.connect(self._page_changed)
        self.preview_page = p2

    def browse(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, self.tr("选择工作簿"), "", "Excel (*.xlsx *.xls)")
        if path:
            self.path.setText(path)

    def _page_changed(self, page_id: int) -> None:
        if page_id == 1:
            self.start(dry_run=True)

    def start(self, dry_run: bool) -> Any:

        self.progress.show()
        self.cancel_run.setVisible(not dry_run)
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.summary.setText(self.tr("正在检查…") if dry_run else self.tr("正在导入…"))
        work = import_work(self.path.text().strip(), dry_run, keep_valid=self.valid_only.isChecked())
        self.worker = self.runner(
            SimpleNamespace(db=self.db, actor=self.actor), work, self, show_progress=False,
            on_done=self._preview_done if dry_run else self._import_done, on_failed=self._failed,
            on_cancelled=lambda: self._failed(self.tr("已取消，未写入任何数据")))
        return self.worker

    def cancel_worker(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def _preview_done(self, payload: tuple[list, ImportResult]) -> None:
        records, result = payload
        self.result = result
        self.preview.set_preview(records, result)
        self.progress.hide()
        self.summary.setText(result.summary())
        self.save_report.setEnabled(bool(result.errors))
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)

    def _import_done(self, payload: tuple[list, ImportResult]) -> None:
        _records, result = payload
        self.progress.hide()
        self.cancel_run.hide()
        self.summary.setText(result.summary())
        if result.written:
            self.imported.emit(result.imported)
            dialogs.message(self, "info", self.tr("导入完成"), result.summary())
            super().accept()
        else:
            dialogs.message(self, "warning", self.tr("未导入"), result.summary())
            self.button(QWizard.WizardButton.FinishButton).setEnabled(True)

    def _failed(self, text: str) -> None:
        self.progress.hide()
        self.cancel_run.hide()
        self.summary.setText(text)
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        dialogs.message(self, "warning", self.tr("导入"), text)

    def accept(self) -> None:  # the 导入 button: run on the worker, close when done
        self.start(dry_run=False)

    def write_report(self, path: str | None = None) -> str | None:
        if self.result is None or not self.result.errors:
            return None
        if path is None:
            path, _f = QFileDialog.getSaveFileName(self, self.tr("保存错误报告"), "错误报告.xlsx", "Excel (*.xlsx)")
            if not path:
                return None
        write_error_report(path, self.result.errors)
        return path
