"""整顿台账 (a tab of the 党组织 page): the 软弱涣散 整顿 register, open ones first, with the
selected record's reasons, plan, progress and 验收; open a 整顿, record progress, 验收 — each
through models.services.rectification with the clerk's account."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.registers import register_bar, register_view
from desktop.tablemodels import ListModel, kept_selection
from forms.choices import shown
from models.rectification import RectificationStatus
from models.services import rectification as rc

Index = QModelIndex | QPersistentModelIndex

HEADERS = [
    QT_TRANSLATE_NOOP("headers", "党组织"), QT_TRANSLATE_NOOP("headers", "整顿年度"),
    QT_TRANSLATE_NOOP("headers", "整顿原因"), QT_TRANSLATE_NOOP("headers", "开始日期"),
    QT_TRANSLATE_NOOP("headers", "包联县级领导"), QT_TRANSLATE_NOOP("headers", "第一书记/工作队"),
    QT_TRANSLATE_NOOP("headers", "进展"), QT_TRANSLATE_NOOP("headers", "验收"),
    QT_TRANSLATE_NOOP("headers", "状态"),
]
OPEN_COLOUR = QColor("#fff3e0")


class RectificationModel(ListModel):
    rows: list[rc.RectRow]

    def __init__(self, parent: Any = None):
        super().__init__(HEADERS, parent)

    @staticmethod
    def cells(r: rc.RectRow) -> list[str]:
        progress = f"{len(r.notes)}条：{r.notes[-1][0].isoformat()} {r.notes[-1][1]}" if r.notes else "—"
        accepted = f"{r.accepted_on.isoformat()} {r.result}" if r.accepted_on else ""
        return [r.org_name, str(r.year), "、".join(r.reasons), r.opened_on.isoformat(), r.county_leader or "",
                r.first_secretary or r.work_team or "", progress, accepted, r.status]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return shown(self.cells(r)[index.column()])
        if role == Qt.ItemDataRole.BackgroundRole and r.status == RectificationStatus.OPEN.value:
            return QBrush(OPEN_COLOUR)
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None

    def id_at(self, row: int) -> int | None:
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def row_of(self, rect_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == rect_id), -1)


class RectificationRegister(QWidget):
    #: the clerk asked to see the organization in the tree
    show_org = Signal(int)
    #: a record was saved (the page reloads the tree: the 软弱涣散 flag follows the 整顿)
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        #: the organization the 开始整顿 form starts with (the page's current organization)
        self.org_hint: Any = lambda: None
        self.open_dialogs: list[QWidget] = []
        self.which = QComboBox()
        self.which.setObjectName("rectWhich")
        self.which.addItem(self.tr("全部"), "all")
        self.which.addItem(self.tr("整顿中"), "open")
        self.which.addItem(self.tr("已转化"), "closed")
        self.which.currentIndexChanged.connect(lambda _i: self.reload())
        bar, self.buttons, self.count = register_bar(self.tr("显示"), self.which, (
            ("open", self.tr("开始整顿…"), self.open_new),
            ("screen", self.tr("数据筛查…"), self.screen_candidates),
            ("progress", self.tr("记录进展…"), self.add_progress),
            ("accept", self.tr("验收…"), self.accept_selected),
            ("org", self.tr("在组织树中查看"), self.show_in_tree),
        ), {"open": "rectify.open", "screen": "rectify.open", "progress": "rectify.progress", "accept": "rectify.accept"}, ctx.actor)

        self.model = RectificationModel(self)
        self.view = register_view(self.model, "rectView")
        self.view.doubleClicked.connect(lambda _i: self.add_progress())
        self.details = QTextBrowser()
        self.details.setObjectName("rectDetails")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(split, 1)
        self.view.selectionModel().selectionChanged.connect(lambda _s, _d: self.show_details())
        self.reload()

    # ------------------------------------------------------------ reading

    def reload(self) -> None:
        """Read the register again; the selected record stays selected."""
        which = self.which.currentData()
        with kept_selection(self.view, self.model.id_at):
            rows = self.ctx.read(lambda s: rc.rectification_rows(s, self.ctx.actor, open_only=which == "open"))
            if which == "closed":
                rows = [r for r in rows if r.status != RectificationStatus.OPEN.value]
            self.model.set_rows(rows)
        opened = sum(r.status == RectificationStatus.OPEN.value for r in rows)
        self.count.setText(self.tr("共%1条，整顿中%2条").replace("%1", str(len(rows))).replace("%2", str(opened)))
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for col in range(header.count()):
            header.resizeSection(col, min(header.sectionSize(col), 220))
        self.show_details()

    def selected(self) -> rc.RectRow | None:
        idx = self.view.currentIndex()
        if not idx.isValid() or not self.view.selectionModel().isRowSelected(idx.row(), QModelIndex()):
            return None
        return self.model.rows[idx.row()]

    def select(self, rect_id: int) -> bool:
        """Select a record (the dashboard's 软弱涣散整顿 list lands here); every record is shown if
        the filter hides it."""
        row = self.model.row_of(rect_id)
        if row < 0 and self.which.currentData() != "all":
            self.which.setCurrentIndex(0)
            row = self.model.row_of(rect_id)
        if row < 0:
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        self.view.setFocus()
        return True

    def show_details(self) -> None:
        r = self.selected()
        if r is None:
            self.details.setPlainText(self.tr("选中一条整顿记录，在此查看原因、方案、进展和验收。"))
            return
        lines = [f"{r.org_name}　{r.year}年　{r.status}",
                 self.tr("整顿原因：") + "、".join(r.reasons),
                 self.tr("开始日期：") + r.opened_on.isoformat(),
                 self.tr("包联县级领导：") + (r.county_leader or ""),
                 self.tr("第一书记：") + (r.first_secretary or "—") + "　" + self.tr("驻村工作队：") + (r.work_team or "—"),
                 self.tr("整顿方案：") + (r.plan or "—"),
                 self.tr("进展：") + ("" if r.notes else "—")]
        lines += [f"　{day.isoformat()}　{text}（{who}）" for day, text, who in r.notes]
        lines.append(self.tr("验收：") + (f"{r.accepted_on.isoformat()} {r.result}" if r.accepted_on else self.tr("未验收")))
        self.details.setPlainText("\n".join(lines))

    # ------------------------------------------------------------ actions

    def _need(self) -> rc.RectRow | None:
        r = self.selected()
        if r is None:
            self.ctx.show_error(self.tr("请先选中一条整顿记录"))
        return r

    def _show(self, dialog: Any) -> Any:
        self.open_dialogs = [d for d in self.open_dialogs if d.isVisible()] + [dialog]
        dialog.saved.connect(lambda rid: self._saved(rid))
        dialog.open()
        return dialog

    def _saved(self, rect_id: int) -> None:
        self.reload()
        self.select(rect_id)
        self.changed.emit()

    def open_new(self) -> Any:
        from forms.rectification_form import OpenRectificationDialog

        return self._show(OpenRectificationDialog(self.ctx.db, self.ctx.actor, self.org_hint(), parent=self))

    def screen_candidates(self, year: int | None = None, choice: int | None = None) -> Any:
        """软弱涣散筛查 (models/services/screening.py): the branches the data points at, one chosen
        opens 开始整顿 with its organization and reasons filled in."""
        from datetime import date

        from PySide6.QtWidgets import QInputDialog

        from models.services.screening import screen

        year = year or date.today().year - 1
        found = self.ctx.read(lambda s: screen(s, self.ctx.actor, year))
        if not found:
            self.ctx.show_error(self.tr("按%1年的数据没有筛查出软弱涣散党组织").replace("%1", str(year)))
            return None
        if choice is None:
            texts = [f"{c.name}（{c.township}）：{'、'.join(c.reasons)}——{'；'.join(c.evidence)}" for c in found]
            text, ok = QInputDialog.getItem(self, self.tr("软弱涣散筛查"),
                                            self.tr("按%1年数据筛查出的党组织，选一个列为整顿：").replace("%1", str(year)),
                                            texts, 0, False)
            if not ok:
                return None
            choice = texts.index(text)
        return self.open_candidate(found[choice])

    def open_candidate(self, candidate: Any) -> Any:
        from forms.rectification_form import OpenRectificationDialog

        dialog = OpenRectificationDialog(self.ctx.db, self.ctx.actor, candidate.org_id, parent=self)
        for reason in candidate.reasons:
            dialog.reasons.check(reason)
        return self._show(dialog)

    def add_progress(self) -> Any:
        from forms.rectification_form import ProgressDialog

        r = self._need()
        if r is None:
            return None
        if r.status != RectificationStatus.OPEN.value:
            self.ctx.show_error(self.tr("该整顿已验收转化，不能再记录进展"))
            return None
        return self._show(ProgressDialog(self.ctx.db, self.ctx.actor, r.id, parent=self))

    def accept_selected(self) -> Any:
        from forms.rectification_form import AcceptDialog

        r = self._need()
        if r is None:
            return None
        if r.status != RectificationStatus.OPEN.value:
            self.ctx.show_error(self.tr("该整顿已于%1验收转化").replace("%1", str(r.accepted_on)))
            return None
        return self._show(AcceptDialog(self.ctx.db, self.ctx.actor, r.id, parent=self))

    def show_in_tree(self) -> None:
        r = self._need()
        if r is not None:
            self.show_org.emit(r.org_id)
