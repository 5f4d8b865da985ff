"""审计日志: every change, filtered by account, record type and date; the selected entry's old → new."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.tablemodels import header_text
from forms.choices import enum_text
from forms.flow import FlowLayout
from models.audit import AuditEntry
from models.errors import DomainError
from models.services.auditlog import (
    action_label,
    audit_accounts,
    audit_entities,
    audit_entries,
    audit_org_names,
    describe_changes,
    entity_label,
)

KEY = "audit"
TITLE = "审计日志"

ROW_LIMIT = 2000


class AuditModel(QAbstractTableModel):
    """Rows of the audit log: 时间, 账号, 操作, 记录类型, 编号, 说明."""

    HEADERS = (
        QT_TRANSLATE_NOOP("headers", "时间"), QT_TRANSLATE_NOOP("headers", "账号"),
        QT_TRANSLATE_NOOP("headers", "操作"), QT_TRANSLATE_NOOP("headers", "记录类型"),
        QT_TRANSLATE_NOOP("headers", "编号"), QT_TRANSLATE_NOOP("headers", "说明"),
    )

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._rows: list[AuditEntry] = []

    def set_entries(self, entries: list[AuditEntry]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> AuditEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.HEADERS):
                return header_text(self.HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        e = self.entry(index.row())
        if e is None:
            return None
        col = index.column()
        if col == 0:
            return e.at.strftime("%Y-%m-%d %H:%M:%S")
        if col == 1:
            return e.account
        if col == 2:
            return enum_text(action_label(e.action))
        if col == 3:
            return enum_text(entity_label(e.entity))
        if col == 4:
            return "" if e.entity_id is None else str(e.entity_id)
        if col == 5:
            return e.note or ""
        return None


class AuditPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.org_names: dict[int, str] = {}  # organization id → name, for the detail pane
        self.account = QComboBox()
        self.account.setObjectName("auditAccount")
        self.entity = QComboBox()
        self.entity.setObjectName("auditEntity")
        today = date.today()
        self.since = QDateEdit(QDate(today.year, today.month, today.day).addDays(-30))
        self.since.setObjectName("auditSince")
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.until = QDateEdit(QDate(today.year, today.month, today.day))
        self.until.setObjectName("auditUntil")
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")
        self.search = QPushButton(self.tr("查询"))
        self.search.setObjectName("auditSearch")
        self.search.clicked.connect(self.reload)

        filters = FlowLayout()
        for label, widget in ((self.tr("账号"), self.account), (self.tr("记录类型"), self.entity),
                              (self.tr("从"), self.since), (self.tr("到"), self.until)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.search)
        filters.addStretch(1)

        self.model = AuditModel(self)
        self.table = QTableView()
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.show_detail(cur.row()))

        self.detail = QPlainTextEdit()
        self.detail.setObjectName("auditDetail")
        self.detail.setReadOnly(True)
        self.status = QLabel()
        self.status.setObjectName("auditStatus")

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)

        self.load_filters()
        self.reload()

    def load_filters(self) -> None:
        try:
            accounts, entities = self.ctx.read(
                lambda s: (audit_accounts(s, self.ctx.actor), audit_entities(s, self.ctx.actor))
            )
        except DomainError as exc:
            self._refused(exc)
            accounts, entities = [], []
        self.account.clear()
        self.account.addItem(self.tr("全部"), None)
        for name in accounts:
            self.account.addItem(name, name)
        self.entity.clear()
        self.entity.addItem(self.tr("全部"), None)
        for key in entities:
            self.entity.addItem(enum_text(entity_label(key)), key)

    def reload(self) -> None:
        since = cast(date, self.since.date().toPython())  # (PySide6's stub says object)
        until = cast(date, self.until.date().toPython())
        account = self.account.currentData()
        entity = self.entity.currentData()

        def load(s) -> tuple[list[AuditEntry], dict[int, str]]:
            found = audit_entries(s, self.ctx.actor, account=account, entity=entity, since=since,
                                  until=until, limit=ROW_LIMIT)
            return found, audit_org_names(s, found)

        try:
            entries, self.org_names = self.ctx.read(load)
        except DomainError as exc:
            self._refused(exc)
            entries, self.org_names = [], {}
        self.model.set_entries(entries)
        self.detail.clear()
        more = self.tr("（只显示最近{0}条，请缩小范围）").format(ROW_LIMIT) if len(entries) >= ROW_LIMIT else ""
        self.status.setText(self.tr("共{0}条").format(len(entries)) + more)
        if entries:
            self.table.selectRow(0)

    def _refused(self, exc: DomainError) -> None:
        """A refusal is told once (the filters and the list would each be refused)."""
        if not getattr(self, "_told", False):
            self._told = True
            self.ctx.show_error(str(exc))

    def show_detail(self, row: int) -> None:
        e = self.model.entry(row)
        if e is None:
            self.detail.clear()
            return
        head = (f"{e.at:%Y-%m-%d %H:%M:%S}  {e.account}  {enum_text(action_label(e.action))}  "
                f"{enum_text(entity_label(e.entity))} {'' if e.entity_id is None else e.entity_id}")
        lines = [head.rstrip()]
        if e.note:
            lines.append(self.tr("说明：") + e.note)
        for label, old, new in describe_changes(e, self.ctx.actor, self.org_names):
            # the field as the pages' headers name it, in the interface's language; the values as recorded
            lines.append(header_text(label) + self.tr("：") + f"{old} → {new}")
        self.detail.setPlainText("\n".join(lines))


def create_page(ctx: AppContext) -> QWidget:
    return AuditPage(ctx)
