"""The 评价 tab of 设置: a form for a scheme's items, bands, rater weights and quotas.

What the form does not show (description, rules, vote grades ...) is kept from the stored
definition. 检查 runs models/scheme_check.py; 保存方案 goes through evaluation.update_scheme,
which checks again and refuses a scheme with locked results.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from forms import dialogs

#: table name → (headers, definition keys of the columns)
TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "items": ((QT_TRANSLATE_NOOP("SchemeForm", "评价项目"), QT_TRANSLATE_NOOP("SchemeForm", "类型（score/add/deduct）"), QT_TRANSLATE_NOOP("SchemeForm", "最高分")), ("name", "kind", "max")),
    "raters": ((QT_TRANSLATE_NOOP("SchemeForm", "评价主体"), QT_TRANSLATE_NOOP("SchemeForm", "方式（score/votes）"), QT_TRANSLATE_NOOP("SchemeForm", "权重")), ("name", "mode", "weight")),
    "bands": ((QT_TRANSLATE_NOOP("SchemeForm", "等次"), QT_TRANSLATE_NOOP("SchemeForm", "下限（最后一档留空）")), ("level", "min")),
    "quotas": ((QT_TRANSLATE_NOOP("SchemeForm", "等次"), QT_TRANSLATE_NOOP("SchemeForm", "最低比例"), QT_TRANSLATE_NOOP("SchemeForm", "最高比例")), ("level", "min_share", "max_share")),
}
TITLES = {"items": QT_TRANSLATE_NOOP("SchemeForm", "评价项目"), "raters": QT_TRANSLATE_NOOP("SchemeForm", "评价主体与权重"), "bands": QT_TRANSLATE_NOOP("SchemeForm", "分档（从高到低）"), "quotas": QT_TRANSLATE_NOOP("SchemeForm", "名额比例")}


class SchemeForm(QWidget):
    def __init__(self, ctx: Any, editable: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.editable = editable
        self.definition: dict[str, Any] = {}
        self.scheme_id: int | None = None
        self.version: int | None = None
        self.scheme = QComboBox()
        self.scheme.setObjectName("scheme")
        self.total = QLineEdit()
        self.total.setObjectName("schemeTotal")
        self.total.setPlaceholderText("100")
        self.base = QLineEdit()
        self.base.setObjectName("schemeBase")
        self.total.setReadOnly(not editable)  # read-only: the scheme is shown, never typed over
        self.base.setReadOnly(not editable)
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("评价方案")))
        head.addWidget(self.scheme, 1)
        head.addWidget(QLabel(self.tr("满分")))
        head.addWidget(self.total)
        head.addWidget(QLabel(self.tr("基础分")))
        head.addWidget(self.base)
        self.tables: dict[str, QTableWidget] = {}
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        grid = QHBoxLayout()
        col: QVBoxLayout | None = None
        for n, name in enumerate(TABLES):
            if n % 2 == 0:
                col = QVBoxLayout()
                grid.addLayout(col)
            assert col is not None
            col.addWidget(self._table_box(name))
        lay.addLayout(grid, 1)
        self.result = QLabel()
        self.result.setObjectName("schemeResult")
        self.result.setWordWrap(True)
        check = QPushButton(self.tr("检查"))
        check.setObjectName("schemeCheck")
        check.clicked.connect(self.check)
        self.save_button = QPushButton(self.tr("保存方案"))
        self.save_button.setObjectName("schemeSave")
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(editable)
        buttons = QHBoxLayout()
        buttons.addWidget(self.result, 1)
        buttons.addWidget(check)
        buttons.addWidget(self.save_button)
        lay.addLayout(buttons)
        self.load_names()
        self.scheme.currentIndexChanged.connect(lambda _i: self.load())
        self.load()

    def _table_box(self, name: str) -> QGroupBox:
        headers, _keys = TABLES[name]
        table = QTableWidget(0, len(headers))
        table.setObjectName(f"scheme_{name}")
        table.setHorizontalHeaderLabels([QCoreApplication.translate("SchemeForm", h) for h in headers])
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setVisible(False)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        if not self.editable:
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tables[name] = table
        add = QPushButton(self.tr("添加一行"))
        add.clicked.connect(lambda: table.insertRow(table.rowCount()))
        remove = QPushButton(self.tr("删除选中行"))
        remove.clicked.connect(lambda: table.removeRow(table.currentRow()))
        add.setEnabled(self.editable)
        remove.setEnabled(self.editable)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        box = QGroupBox(QCoreApplication.translate("SchemeForm", TITLES[name]))
        inner = QVBoxLayout(box)
        inner.addWidget(table)
        inner.addLayout(row)
        return box

    def load_names(self) -> None:
        from models.services import evaluation as ev

        names = self.ctx.read(lambda s: [(x.id, x.name) for x in ev.list_schemes(s)])
        self.scheme.blockSignals(True)
        self.scheme.clear()
        for i, name in names:
            self.scheme.addItem(name, i)
        self.scheme.blockSignals(False)

    def load(self) -> None:
        from models.evaluation import EvaluationScheme

        scheme_id = self.scheme.currentData()
        if scheme_id is None:
            return

        def read(s) -> tuple[str, int]:
            x = s.get(EvaluationScheme, scheme_id)
            return x.definition, x.version

        text, self.version = self.ctx.read(read)
        self.scheme_id = scheme_id
        self.definition = json.loads(text)
        self.total.setText(str(self.definition.get("total") or ""))
        self.base.setText(str(self.definition.get("base") or ""))
        for name, table in self.tables.items():
            keys = TABLES[name][1]
            rows = self.definition.get(name) or []
            table.setRowCount(len(rows))
            for r, raw in enumerate(rows):
                for c, key in enumerate(keys):
                    value = raw.get(key)
                    table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
        self.result.clear()

    def data(self) -> dict[str, Any]:
        """The definition with the form's items, raters, bands and quotas."""
        data = json.loads(json.dumps(self.definition))
        for key, edit in (("total", self.total), ("base", self.base)):
            text = edit.text().strip()
            if text:
                data[key] = text
            else:
                data.pop(key, None)
        for name, table in self.tables.items():
            keys = TABLES[name][1]
            old = {str(x.get(keys[0])): x for x in self.definition.get(name) or []}
            rows = []
            for r in range(table.rowCount()):
                cells = [(table.item(r, c).text().strip() if table.item(r, c) else "") for c in range(len(keys))]
                if not any(cells):
                    continue
                raw = dict(old.get(cells[0], {}))  # keep what the form does not show (grades, per ...)
                for key, cell in zip(keys, cells, strict=True):
                    if cell:
                        raw[key] = cell
                    elif key in ("min", "min_share", "max_share", "max"):
                        raw[key] = None
                rows.append({k: v for k, v in raw.items() if v is not None or k == "min"})
            data[name] = rows
        return data

    def check(self) -> bool:
        from models.scheme_check import scheme_faults

        faults = scheme_faults(self.data())
        if faults:
            self.result.setText("；".join(str(f) for f in faults))
            return False
        self.result.setText(self.tr("方案检查通过"))
        return True

    def save(self) -> bool:
        if not self.editable or self.scheme_id is None:
            return False
        from models.services import evaluation as ev

        data = self.data()

        def write() -> int:
            with self.ctx.session() as s:
                scheme = ev.update_scheme(s, self.ctx.actor, self.scheme_id, self.version, data)
                return scheme.version

        version = dialogs.attempt(self, write, self.tr("未能保存评价方案"))
        if version is None:
            self.check()
            return False
        self.version = version
        self.definition = data
        self.result.setText(self.tr("已保存评价方案"))
        return True
