"""报送完成情况: a township's receipt for a month task (docs/task-receipts.md).

Each file is checked when it is added (by content, at most 20 MB): a refused one is named with the
reason and left out; the receipt itself is written on 保存 (the dialog stays open when refused)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forms import dialogs, files
from forms.common import by_pinyin, from_qdate, to_qdate
from forms.letters import SavingDialog
from models.errors import DomainError
from models.services import supervision as sv


def _size(n: int) -> str:
    return f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / (1024 * 1024):.1f} MB"


class ReportDialog(SavingDialog):
    """Township, 完成情况, 报送日期, 情况说明 and evidence files for one task.

    `townships`: (id, name) the account may report for (a township account: its own, fixed);
    `save(values)` is called on 保存, a DomainError it raises is shown and the dialog stays open with
    what was typed, the field it names focused; Esc after typing (or adding files) asks first."""

    def __init__(self, task_title: str, townships: Sequence[tuple[int, str]], statuses: Sequence[str],
                 today: date, parent: QWidget | None = None, current: dict | None = None,
                 save: Callable[[dict], Any] | None = None):
        super().__init__(parent, save)
        self.files: list[sv.EvidenceFile] = []
        self.setWindowTitle(self.tr("报送完成情况"))
        self.resize(560, 480)
        form = QFormLayout(self)
        title = QLabel(task_title)
        title.setWordWrap(True)
        form.addRow(self.tr("工作任务"), title)
        self.township = QComboBox()
        for oid, name in by_pinyin(townships):
            self.township.addItem(name, oid)
        self.township.setEnabled(len(townships) > 1)
        if len(townships) == 1:
            self.township.setToolTip(self.tr("乡镇账号只报送本乡镇的完成情况"))
        form.addRow(self.tr("乡镇（街道）党委"), self.township)
        self.status = QComboBox()
        self.status.addItems(list(statuses))
        form.addRow(self.tr("完成情况"), self.status)
        self.reported_on = QDateEdit(to_qdate(today))
        self.reported_on.setCalendarPopup(True)
        self.reported_on.setDisplayFormat("yyyy-MM-dd")
        self.reported_on.setMaximumDate(to_qdate(today))
        form.addRow(self.tr("报送日期"), self.reported_on)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("完成情况、未完成的原因和下步打算"))
        form.addRow(self.tr("情况说明"), self.note)
        self.file_list = QListWidget()
        add = QPushButton(self.tr("添加文件…"))
        add.clicked.connect(lambda _c=False: self.choose_files())
        remove = QPushButton(self.tr("移除"))
        remove.clicked.connect(lambda _c=False: self.remove_selected())
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        box = QVBoxLayout()
        box.addWidget(self.file_list)
        box.addLayout(row)
        hint = QLabel(self.tr("照片、扫描件、文档：jpg、png、pdf、docx、xlsx，每个不超过20 MB"))
        hint.setWordWrap(True)
        box.addWidget(hint)
        form.addRow(self.tr("证明材料"), box)
        if current:
            self.set_values(current)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.field_widgets = {"乡镇": self.township, "完成情况": self.status, "报送日期": self.reported_on,
                              "情况说明": self.note}

    def has_changes(self) -> bool:
        return super().has_changes() or bool(self.files)

    def set_values(self, v: dict) -> None:
        i = self.township.findData(v.get("org_id"))
        if i >= 0:
            self.township.setCurrentIndex(i)
        if v.get("status"):
            self.status.setCurrentText(v["status"])
        if v.get("reported_on"):
            self.reported_on.setDate(to_qdate(v["reported_on"]))
        self.note.setPlainText(v.get("note") or "")

    def choose_files(self) -> None:
        paths, _f = QFileDialog.getOpenFileNames(
            self, self.tr("选择证明材料"), files.start_folder(),
            self.tr("证明材料 (*.jpg *.jpeg *.png *.pdf *.docx *.xlsx);;所有文件 (*)"))
        if paths:
            files.remember(paths[0])
            self.add_files(paths)

    def add_files(self, paths: Sequence[str]) -> list[str]:
        """Check and add files; the refused ones are named with their reason. Returns the reasons."""
        refused = []
        for path in paths:
            try:
                f = sv.read_evidence(path)
            except DomainError as exc:
                refused.append(str(exc))
                continue
            if any(x.sha256 == f.sha256 for x in self.files):
                refused.append(self.tr("附件“{0}”已经添加").format(f.name))
                continue
            self.files.append(f)
            item = QListWidgetItem(f"{f.name}（{_size(f.size)}）")
            item.setData(Qt.ItemDataRole.UserRole, f.sha256)
            self.file_list.addItem(item)
        if refused:
            dialogs.message(self, "warning", self.windowTitle(), "\n".join(refused))
        return refused

    def remove_selected(self) -> None:
        for item in self.file_list.selectedItems():
            digest = item.data(Qt.ItemDataRole.UserRole)
            self.files = [f for f in self.files if f.sha256 != digest]
            self.file_list.takeItem(self.file_list.row(item))

    def values(self) -> dict:
        return {
            "org_id": self.township.currentData(),
            "status": self.status.currentText(),
            "reported_on": from_qdate(self.reported_on.date()),
            "note": self.note.toPlainText().strip() or None,
            "files": list(self.files),
        }
