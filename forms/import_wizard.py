"""The import wizard (every import the window offers: 党员名册, 党组织, 月度任务, 督查问题, 积分记录,
结对, 结对活动): choose a workbook, see which column goes where
(and correct it), preview on a worker thread, import, save the report.

The mapping "your column → our field" is shown before anything is written, one drop-down per
column; a correction is remembered (in the desktop preference file the caller passes) for the
next file with the same headers. The work runs on the window's background runner in its own
session and never touches widgets.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from models.actor import Actor
from models.db import Database
from models.errors import DomainError
from reports import headers as hd
from reports.imports import Importer, ImportResult, ImportSource, read_source, run_import
from reports.roster import MEMBER_IMPORTER
from reports.xlsx import write_error_report

from . import dialogs, files
from .choices import phrase
from .common import date_text

#: the preview's first and last columns (and, for lupdate, every import's identifying columns that
#: preview_fields gives: the preview's headers are in the interface's language)
PREVIEW_HEADERS = [
    QT_TRANSLATE_NOOP("headers", "行号"), QT_TRANSLATE_NOOP("headers", "姓名"),
    QT_TRANSLATE_NOOP("headers", "公民身份号码"), QT_TRANSLATE_NOOP("headers", "所在党支部"),
    QT_TRANSLATE_NOOP("headers", "检查结果"),
]
PREVIEW_FIELDS = [
    QT_TRANSLATE_NOOP("headers", "组织名称"), QT_TRANSLATE_NOOP("headers", "组织类别"),
    QT_TRANSLATE_NOOP("headers", "简称"), QT_TRANSLATE_NOOP("headers", "结对类型"),
    QT_TRANSLATE_NOOP("headers", "牵头方"), QT_TRANSLATE_NOOP("headers", "被帮扶方"),
    QT_TRANSLATE_NOOP("headers", "结对名称或编号"), QT_TRANSLATE_NOOP("headers", "日期"),
    QT_TRANSLATE_NOOP("headers", "活动类型"), QT_TRANSLATE_NOOP("headers", "月份"),
    QT_TRANSLATE_NOOP("headers", "工作任务"), QT_TRANSLATE_NOOP("headers", "主要内容"),
    QT_TRANSLATE_NOOP("headers", "发现日期"), QT_TRANSLATE_NOOP("headers", "党组织"),
    QT_TRANSLATE_NOOP("headers", "来源"),
]
#: the wizard's title for each import kind it is opened with
TITLES = {
    "members": QT_TRANSLATE_NOOP("ImportWizard", "导入党员名册"),
    "tasks": QT_TRANSLATE_NOOP("ImportWizard", "导入月度任务"),
    "points": QT_TRANSLATE_NOOP("ImportWizard", "导入积分记录"),
    "pairings": QT_TRANSLATE_NOOP("ImportWizard", "导入结对"),
    "activities": QT_TRANSLATE_NOOP("ImportWizard", "导入结对活动"),
    "orgs": QT_TRANSLATE_NOOP("ImportWizard", "导入党组织"),
    "problems": QT_TRANSLATE_NOOP("ImportWizard", "导入督查问题"),
}


def preview_fields(importer: Importer) -> list[str]:
    """The three columns that tell the clerk which line of the file a preview row is."""
    fields = list(dict.fromkeys([*importer.required, *importer.headers]))
    return fields[:3]


def import_work(importer: Importer, path: str, dry_run: bool, keep_valid: bool = False,
                mapping: dict[str, str] | None = None, recall: Any = None,
                partial: list[ImportSource] | None = None):
    """The wizard's check (dry_run) or import, for the background runner (desktop.worker): read,
    place and check the file, returning (source, result, mapping used); one transaction, rolled
    back when the clerk cancels. `recall`: headers → remembered corrections (a plain function
    over a snapshot, safe on the worker thread). When the columns cannot be placed, what was
    placed goes into `partial`, so the clerk can correct it."""
    mapping = dict(mapping or {})

    def work(session: Any, actor: Actor, progress: Any) -> tuple[ImportSource, ImportResult, dict[str, str]]:
        nonlocal mapping
        try:
            try:
                source = read_source(importer, path, mapping)
            except DomainError:
                if mapping or recall is None:
                    raise
                source = None  # the remembered corrections may be what places the columns
            if not mapping and recall is not None:
                headers = source.headers if source is not None else _header_guess(path)
                remembered = recall(headers) if headers else {}
                if remembered:
                    mapping = remembered
                    source = read_source(importer, path, remembered)
            if source is None:
                source = read_source(importer, path, mapping)
        except DomainError as exc:
            placed = getattr(exc, "source", None)
            if partial is not None and placed is not None:
                partial.append(placed)
            raise
        # run_import records the import batch itself (for 撤销上次导入)
        result = run_import(session, actor, importer, path, keep_valid=keep_valid, dry_run=dry_run,
                            source=source)
        progress.check()
        return source, result, mapping

    return work


def _header_guess(path: str) -> list[str]:
    """The first sheet's texts of rows 1–10 that look like a header, for a remembered mapping."""
    from reports.sheetreader import read_workbook

    try:
        rows = read_workbook(path, first_only=True)[0].rows[:10]
    except DomainError:
        return []
    best = max(rows, key=lambda r: sum(1 for c in r if isinstance(c, str) and c.strip()), default=[])
    return [str(c).strip() for c in best if c is not None and str(c).strip()]


class MappingMemory:
    """Corrections of the mapping by the file's headers, in the desktop preference file
    (QSettings), or only for this session when there is none."""

    def __init__(self, prefs: QSettings | None, kind: str):
        self.prefs, self.kind = prefs, kind
        self._mem: dict[str, str] = {}

    def _key(self, headers: list[str]) -> str:
        sig = "|".join(hd.normalise(h) for h in headers)
        return f"import_mappings/{self.kind}/{hashlib.sha1(sig.encode()).hexdigest()[:16]}"

    def snapshot(self) -> Any:
        """A function headers → remembered corrections, safe to call on a worker thread."""
        if self.prefs is not None:
            self.prefs.beginGroup(f"import_mappings/{self.kind}")
            stored = {f"import_mappings/{self.kind}/{k}": str(self.prefs.value(k)) for k in self.prefs.childKeys()}
            self.prefs.endGroup()
        else:
            stored = dict(self._mem)

        def recall(headers: list[str]) -> dict[str, str]:
            raw = stored.get(self._key(headers))
            try:
                found = dict(json.loads(raw)) if raw else {}
            except (TypeError, ValueError):
                return {}
            return {h: f for h, f in found.items() if h in headers}

        return recall

    def remember(self, headers: list[str], overrides: dict[str, str]) -> None:
        key, text = self._key(headers), json.dumps(overrides, ensure_ascii=False)
        if self.prefs is not None:
            self.prefs.setValue(key, text)
            self.prefs.sync()
        else:
            self._mem[key] = text


NOT_IMPORTED = "（不导入）"
#: the open-file filter of every import: what the reading layer takes (reports/sheetreader.py)
SPREADSHEETS_TEXT = QT_TRANSLATE_NOOP("import", "表格 (*.xlsx *.xlsm *.xls *.et *.csv);;所有文件 (*)")


def spreadsheets() -> str:
    return QCoreApplication.translate("import", SPREADSHEETS_TEXT)


class MappingTable(QTableWidget):
    """列 | 文件中的表头 | 导入为 (a drop-down per column)."""

    changed = Signal(str, str)  # header, field ("" when not imported)

    def __init__(self, fields: list[str], parent: QWidget | None = None):
        super().__init__(0, 3, parent)
        self.fields = fields
        self.setHorizontalHeaderLabels([self.tr("列"), self.tr("文件中的表头"), self.tr("导入为")])
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch)):
            header.setSectionResizeMode(column, mode)
        self.combos: dict[str, QComboBox] = {}

    def show_source(self, source: ImportSource) -> None:
        self.blockSignals(True)
        self.combos = {}
        columns = source.layouts[0].columns if source.layouts else []
        self.setRowCount(len(columns))
        for i, col in enumerate(columns):
            for j, text in enumerate((col.letter, col.header)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.setItem(i, j, item)
            combo = QComboBox()
            combo.addItems([NOT_IMPORTED, *self.fields])
            combo.setCurrentText(col.field or NOT_IMPORTED)
            combo.setToolTip(col.how)
            combo.currentTextChanged.connect(
                lambda text, header=col.header: self.changed.emit(header, "" if text == NOT_IMPORTED else text))
            self.setCellWidget(i, 2, combo)
            self.combos[col.header] = combo
        self.blockSignals(False)

    def field_of(self, header: str) -> str:
        return self.combos[header].currentText()


Index = QModelIndex | QPersistentModelIndex


class PreviewModel(QAbstractTableModel):
    """行号, the file's identifying columns (preview_fields), 检查结果."""

    def __init__(self, parent: Any, fields: list[str]):
        super().__init__(parent)
        self.fields = fields
        self.headers = [PREVIEW_HEADERS[0], *self.fields, PREVIEW_HEADERS[-1]]
        self.rows: list[tuple[Any, ...]] = []
        self.bad: set[int] = set()

    def set_preview(self, records: list[tuple[int, dict[str, Any]]], result: ImportResult) -> None:
        reasons: dict[int, list[str]] = {}
        for e in result.errors:
            # the column as the preview's headers name it, the reason in the interface's language
            reasons.setdefault(e.row, []).append(QCoreApplication.translate("headers", e.column)
                                                 + QCoreApplication.translate("phrases", "：") + phrase(e.reason))
        fine = QCoreApplication.translate("PreviewModel", "无误")
        self.beginResetModel()
        self.rows = [
            (row, *(date_text(src.get(f)) for f in self.fields),
             QCoreApplication.translate("phrases", "；").join(reasons.get(row, [])) or fine)
            for row, src in records
        ]
        self.bad = set(reasons)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self.headers)

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
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            return QCoreApplication.translate("headers", self.headers[section])
        return None


class ImportWizard(QWizard):
    imported = Signal(int)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 runner: Callable[..., Any], prefs: QSettings | None = None,
                 importer: Importer = MEMBER_IMPORTER):
        """`runner`: the window's background runner (desktop.worker.start), handed down because
        forms sit below desktop; `prefs`: where corrected mappings are remembered."""
        super().__init__(parent)
        self.db, self.actor, self.importer, self.runner = db, actor, importer, runner
        self._partial: list[ImportSource] = []
        self.memory = MappingMemory(prefs, importer.kind)
        self.result: ImportResult | None = None  # type: ignore[assignment]  # hides QDialog.result(), unused
        self.source: ImportSource | None = None
        #: corrections of the automatic mapping: header in the file → field ("忽略": not imported)
        self.overrides: dict[str, str] = {}
        self.checks = 0
        self.worker: Any = None
        self.setWindowTitle(QCoreApplication.translate("ImportWizard", TITLES.get(importer.kind, TITLES["members"])))
        self._fit_screen()
        # page 1: file
        p1 = QWizardPage()
        p1.setTitle(self.tr("选择工作簿"))
        p1.setSubTitle(self.tr("Excel（.xlsx、.xls）、WPS（.et）或 CSV；表头可在标题行下方，常用列名会自动对应"))
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
        # page 2: the mapping, the preview and the choice
        p2 = QWizardPage()
        p2.setTitle(self.tr("列的对应关系和检查结果"))
        self.mapping_note = QLabel()
        self.mapping_note.setObjectName("mapping_note")
        self.mapping_note.setWordWrap(True)
        self.mapping = MappingTable(importer.fields)
        self.mapping.setObjectName("mapping")
        self.mapping.changed.connect(self._mapping_changed)
        self.preview = PreviewModel(self, preview_fields(importer))
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
        # the mapping (one line per column of the file, all in view) beside the rows as checked
        left, right = QWidget(), QWidget()
        ll, rl = QVBoxLayout(left), QVBoxLayout(right)
        ll.setContentsMargins(0, 0, 0, 0)
        rl.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.mapping_note)
        ll.addWidget(self.mapping, 1)
        rl.addWidget(self.summary)
        rl.addWidget(self.preview_view, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("mapping_split")
        split.setChildrenCollapsible(False)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([380, 700])
        l2 = QVBoxLayout(p2)
        l2.addWidget(split, 1)
        l2.addWidget(self.all_or_nothing)
        l2.addWidget(self.valid_only)
        bottom = QHBoxLayout()
        bottom.addWidget(self.save_report)
        bottom.addWidget(self.progress, 1)
        bottom.addStretch(0)
        bottom.addWidget(self.cancel_run)
        l2.addLayout(bottom)
        self.addPage(p1)
        self.addPage(p2)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("导入"))
        self.currentIdChanged.connect(self._page_changed)
        self.preview_page = p2

    def _fit_screen(self) -> None:
        """Large enough to see every column's mapping beside the rows, within the screen."""
        screen = QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else None
        width, height = 1100, 720
        if area is not None:
            width, height = min(width, area.width() - 40), min(height, area.height() - 40)
        self.resize(max(width, 640), max(height, 480))

    def browse(self) -> None:
        path = files.open_path(self, self.tr("选择工作簿"), spreadsheets())
        if path:
            self.path.setText(path)

    def _page_changed(self, page_id: int) -> None:
        if page_id == 1:
            self.overrides = {}
            self.source = None
            self.start(dry_run=True)

    def _mapping_changed(self, header: str, field: str) -> None:
        """A corrected drop-down: remembered for files with the same headers, then checked again."""
        self.overrides[header] = field or "忽略"
        if self.source is not None:
            self.memory.remember(self.source.headers, self.overrides)
        self.start(dry_run=True)

    def start(self, dry_run: bool) -> Any:
        self.progress.show()
        self.cancel_run.setVisible(not dry_run)
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.summary.setText(self.tr("正在检查…") if dry_run else self.tr("正在导入…"))
        self._partial.clear()
        work = import_work(self.importer, self.path.text().strip(), dry_run,
                           keep_valid=self.valid_only.isChecked(), mapping=self.overrides,
                           recall=self.memory.snapshot() if dry_run else None, partial=self._partial)
        self.worker = self.runner(
            SimpleNamespace(db=self.db, actor=self.actor), work, self, show_progress=False,
            on_done=self._preview_done if dry_run else self._import_done, on_failed=self._failed,
            on_cancelled=lambda: self._failed(self.tr("已取消，未写入任何数据")))
        return self.worker

    def cancel_worker(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def _preview_done(self, payload: tuple[ImportSource, ImportResult, dict[str, str]]) -> None:
        source, result, used = payload
        self.source, self.result, self.overrides = source, result, dict(used)
        self.checks += 1
        self.mapping.show_source(source)
        lay = source.layouts[0]
        unplaced = [c.header for c in lay.columns if c.field is None and c.how == "未对应"]
        note = self.tr("表头在第{0}行，数据从第{1}行起。").format(lay.header_row, lay.first_data_row)
        if unplaced:
            note += self.tr("未能对应的列：{0}（需要时请在右侧选择）").format("、".join(unplaced))
        self.mapping_note.setText(note)
        self.preview.set_preview(source.records, result)
        for column in range(len(self.preview.headers) - 1):  # whole ID numbers; the reasons take the rest
            self.preview_view.resizeColumnToContents(column)
            width = self.preview_view.columnWidth(column)
            self.preview_view.setColumnWidth(column, min(width, 180))  # a long branch name is elided
        self.progress.hide()
        self.summary.setText(phrase(result.summary()))
        self.save_report.setEnabled(bool(result.errors))
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)

    def _import_done(self, payload: tuple[ImportSource, ImportResult, dict[str, str]]) -> None:
        _source, result, _used = payload
        self.progress.hide()
        self.cancel_run.hide()
        summary = result.summary()
        self.summary.setText(phrase(summary))
        if result.written:
            self.imported.emit(result.imported)
            dialogs.message(self, "info", self.tr("导入完成"), summary)  # message translates it
            super().accept()
        else:
            dialogs.message(self, "warning", self.tr("未导入"), summary)
            self.button(QWizard.WizardButton.FinishButton).setEnabled(True)

    def _failed(self, text: str) -> None:
        partial = self._partial[0] if self._partial else None
        if partial is not None:  # columns missing: show what was placed, to be corrected
            self.source, self.result = partial, None
            self.checks += 1
            self.mapping.show_source(partial)
            layout = partial.layouts[0]
            placed = layout.field_columns()
            missing = [f for f in self.importer.required if f not in placed]
            unplaced = "、".join(f"{c.letter}列“{c.header}”" for c in layout.columns if c.how == "未对应")
            if missing:  # the command line's --map hint means nothing here: the drop-downs do it
                text = self.tr("第{0}行缺少列：{1}").format(layout.header_row, "、".join(missing))
                if unplaced:
                    text += self.tr("；未能对应的列：{0}").format(unplaced)
                text += self.tr("。请在“导入为”中为文件里相应的列选择字段。")
            self.mapping_note.setText(text)
            self.preview.set_preview([], ImportResult(self.importer.kind))
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
            path = files.save_path(self, self.tr("保存错误报告"), "错误报告.xlsx", "Excel (*.xlsx)")
            if not path:
                return None
        write_error_report(path, self.result.errors)
        return path
