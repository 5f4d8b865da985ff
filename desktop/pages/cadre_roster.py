"""村干部名册 (a tab of the 星级评定与双评 page): the village cadres' posts in the clerk's scope —
held now, all of them, or those of a 双议双评 round with each cadre's 自评 and 商议/审议 — and
登记任职, 修改, 离任 through models.services.cadres with the clerk's account; in a round, 记录商议/审议
for the cadres selected (Ctrl/Shift-click: one meeting's result for all of them at once)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLabel, QVBoxLayout, QWidget

from desktop.context import AppContext
from desktop.registers import register_bar, register_view
from desktop.tablemodels import ListModel, header_text, kept_selection
from forms.choices import enum_text
from models.services import access, cadres

Index = QModelIndex | QPersistentModelIndex

HEADERS = [
    QT_TRANSLATE_NOOP("headers", "村"), QT_TRANSLATE_NOOP("headers", "姓名"),
    QT_TRANSLATE_NOOP("headers", "职务"), QT_TRANSLATE_NOOP("headers", "任职日期"),
    QT_TRANSLATE_NOOP("headers", "离任日期"), QT_TRANSLATE_NOOP("headers", "备注"),
]
#: the round's columns (the scheme names its approval steps; these are the built-in ones)
ROUND_HEADERS = [QT_TRANSLATE_NOOP("headers", "自评"), QT_TRANSLATE_NOOP("headers", "党员群众商议"),
                 QT_TRANSLATE_NOOP("headers", "乡镇党委审议")]
REFUSED = QColor("#ffd2d2")
ENDED = QColor("#808080")


class CadreModel(ListModel):
    rows: list[cadres.PostRow]

    def __init__(self, parent: Any = None):
        super().__init__(HEADERS, parent)
        self.roster: cadres.RoundRoster | None = None

    def load(self, rows: list[cadres.PostRow], roster: cadres.RoundRoster | None) -> None:
        self.beginResetModel()
        self.rows, self.roster = list(rows), roster
        extra = []
        if roster is not None:
            extra = (["自评"] if roster.self_assessment else []) + list(roster.steps)
        self.headers = HEADERS + extra
        self.endResetModel()

    def cells(self, r: cadres.PostRow) -> list[str]:
        name = r.name if r.party_member else r.name + self.tr("（非党员）")
        out = [r.org_name, name, r.post, r.start_on.isoformat(), r.end_on.isoformat() if r.end_on else "",
               r.note or ""]
        if self.roster is not None:
            state = self.roster.states.get(r.person_key)
            if self.roster.self_assessment:
                out.append(state.self_assessment if state else "—")
            out += [state.steps[s] if state else "—" for s in self.roster.steps]
        return out

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return enum_text(self.cells(r)[index.column()])
        if role == Qt.ItemDataRole.ForegroundRole and r.end_on is not None and r.end_on < date.today():
            return QBrush(ENDED)
        if role == Qt.ItemDataRole.BackgroundRole and index.column() >= len(HEADERS):
            if self.cells(r)[index.column()].startswith("不同意"):
                return QBrush(REFUSED)
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return header_text(self.headers[section]) if 0 <= section < len(self.headers) else None
        return super().headerData(section, orientation, role)

    def id_at(self, row: int) -> int | None:
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def row_of(self, post_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == post_id), -1)


class CadreRoster(QWidget):
    #: 在评价表中查看: (round id, village id, sheet id)
    show_sheet = Signal(int, int, int)
    #: 商议/审议 recorded here (the grid's 审议 column is read again)
    recorded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.open_dialogs: list[QWidget] = []
        self._followed: int | None = None
        self.which = QComboBox()
        self.which.setObjectName("cadreWhich")
        self.which.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.which.setMinimumContentsLength(24)
        self.which.currentIndexChanged.connect(lambda _i: self.reload())
        bar, self.buttons, self.count = register_bar(self.tr("显示"), self.which, (
            ("add", self.tr("登记任职…"), self.add_post),
            ("edit", self.tr("修改…"), self.edit_post),
            ("end", self.tr("离任…"), self.end_post),
            ("sheet", self.tr("在评价表中查看"), self.open_sheet),
            ("approve", self.tr("记录商议/审议…"), self.approval_dialog),
        ), dict.fromkeys(("add", "edit", "end", "approve"), "cadres.edit"), ctx.actor)
        self.model = CadreModel(self)
        self.view = register_view(self.model, "cadreView")
        # several cadres at once (Ctrl/Shift-click, Shift+arrows, Ctrl+A) for one meeting's 商议/审议
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.doubleClicked.connect(lambda _i: self.edit_post())
        self.view.selectionModel().selectionChanged.connect(lambda _s, _d: self._enable())
        self.note = QLabel(self.tr("登记在任村干部后，可在“开启评价…”中为所选村开启双议双评；"
                                   "选择一轮双议双评可查看每名村干部的自评与商议、审议情况。"))
        self.note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.note)
        # read when shown (the 星级评定与双评 page's tab: EvaluationPage._tab_changed), not at open

    # ------------------------------------------------------------ reading

    def reload_choices(self) -> None:
        """在任村干部, 含已离任, then each 双议双评 round the clerk may see (newest first)."""
        current = self.which.currentData()
        rounds = self.ctx.read(lambda s: cadres.cadre_rounds(s, self.ctx.actor))
        self.which.blockSignals(True)
        self.which.clear()
        self.which.addItem(self.tr("在任村干部"), "current")
        self.which.addItem(self.tr("全部任职（含已离任）"), "all")
        for rid, label in rounds:
            name, _sep, status = label.rpartition(" · ")  # the round, then its status (an enumeration)
            self.which.addItem(self.tr("双议双评：") + (f"{name} · {enum_text(status)}" if name else label), rid)
        i = self.which.findData(current) if current is not None else -1
        self.which.setCurrentIndex(max(i, 0))
        self.which.blockSignals(False)
        self.reload()

    def round_id(self) -> int | None:
        data = self.which.currentData()
        return data if isinstance(data, int) else None

    def reload(self) -> None:
        """Read the roster again; the selected post stays selected."""
        which, rid = self.which.currentData(), self.round_id()

        def read(session):
            if rid is not None:
                roster = cadres.round_roster(session, self.ctx.actor, rid)
                return (roster.rows if roster else []), roster
            on = date.today() if which == "current" else None
            return cadres.cadre_rows(session, self.ctx.actor, None, on), None

        with kept_selection(self.view, self.model.id_at):
            rows, roster = self.ctx.read(read)
            self.model.load(rows, roster)
        people = len({r.person_key for r in rows})
        self.count.setText(self.tr("%1人，%2项任职").replace("%1", str(people)).replace("%2", str(len(rows))))
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for col in range(header.count()):  # a step's text in full in its tool tip
            header.resizeSection(col, min(header.sectionSize(col), 200 if col >= len(HEADERS) else 260))
        self._enable()

    def refresh(self) -> None:
        """F5 or shown again: rounds opened meanwhile appear in the choice, the rows are read again."""
        self.reload_choices()

    def follow(self, round_id: int | None) -> None:
        """The page's round changed: show its cadres when it is a 双议双评 round (once per round,
        so that the clerk's own choice stays afterwards)."""
        if round_id is None or round_id == self._followed:
            return
        self._followed = round_id
        i = self.which.findData(round_id)
        if i >= 0:
            self.which.setCurrentIndex(i)

    def selected(self) -> cadres.PostRow | None:
        """The post the clerk is on: the current row when selected, else the first selected."""
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        current = self.view.currentIndex()
        if current.isValid() and current.row() in rows:
            return self.model.rows[current.row()]
        return self.model.rows[rows[0]] if rows else None

    def selected_rows(self) -> list[cadres.PostRow]:
        return [self.model.rows[i] for i in sorted(i.row() for i in self.view.selectionModel().selectedRows())]

    def select(self, post_id: int) -> bool:
        row = self.model.row_of(post_id)
        if row < 0:
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        return True

    def _enable(self) -> None:
        r = self.selected()
        one = len(self.view.selectionModel().selectedRows()) == 1  # 修改, 离任: one post at a time
        write = access.may(self.ctx.actor, access.Permission.EDIT_RECORDS)
        roster = self.model.roster
        self.buttons["edit"].setEnabled(write and one)
        self.buttons["end"].setEnabled(write and one and r is not None and r.end_on is None)
        self.buttons["sheet"].setEnabled(r is not None and roster is not None and r.person_key in roster.states)
        self.buttons["approve"].setVisible(roster is not None and bool(roster.steps))
        self.buttons["approve"].setEnabled(write and roster is not None and any(
            p.person_key in roster.states for p in self.selected_rows()))

    # ------------------------------------------------------------ actions

    def _show(self, dialog: Any) -> Any:
        self.open_dialogs = [d for d in self.open_dialogs if d.isVisible()] + [dialog]
        dialog.saved.connect(self._saved)
        dialog.open()
        return dialog

    def _saved(self, post_id: int) -> None:
        self.reload()
        if not self.select(post_id) and self.which.currentData() != "all":
            self.which.setCurrentIndex(self.which.findData("all"))  # e.g. a post that begins later
            self.select(post_id)

    def _need(self) -> cadres.PostRow | None:
        r = self.selected()
        if r is None:
            self.ctx.show_error(self.tr("请先选中一项任职"))
        return r

    def add_post(self) -> Any:
        from forms.cadre_form import PostDialog

        r = self.selected()
        return self._show(PostDialog(self.ctx.db, self.ctx.actor, None, r.org_id if r else None, parent=self))

    def edit_post(self) -> Any:
        from forms.cadre_form import PostDialog

        r = self._need()
        if r is None or not access.may(self.ctx.actor, access.Permission.EDIT_RECORDS):
            return None
        return self._show(PostDialog(self.ctx.db, self.ctx.actor, r.id, parent=self))

    def end_post(self) -> Any:
        from forms.cadre_form import EndPostDialog

        r = self._need()
        if r is None:
            return None
        if r.end_on is not None:
            self.ctx.show_error(self.tr("该任职已于%1离任").replace("%1", r.end_on.isoformat()))
            return None
        return self._show(EndPostDialog(self.ctx.db, self.ctx.actor, r.id, parent=self))

    def open_sheet(self) -> None:
        r = self._need()
        roster = self.model.roster
        state = roster.states.get(r.person_key) if r is not None and roster is not None else None
        if state is not None and roster is not None:
            self.show_sheet.emit(roster.round_id, state.org_id, state.sheet_id)

    def approval_dialog(self) -> Any:
        """记录商议/审议… for the selected cadres of the round shown (a cadre with two posts once;
        a post holder without a sheet in the round is named and left out)."""
        from forms.cadre_form import ApprovalDialog

        roster = self.model.roster
        if roster is None or not roster.steps:
            self.ctx.show_error(self.tr("请先在“显示”中选择一轮双议双评"))
            return None
        chosen = self.selected_rows()
        if not chosen:
            self.ctx.show_error(self.tr("请先选中要记录的村干部（可按住 Ctrl 或 Shift 选择多行）"))
            return None
        steps = list(roster.steps)
        seen: set[str] = set()
        people: list[tuple[cadres.PostRow, cadres.CadreState]] = []
        skipped: list[str] = []
        for p in chosen:
            if p.person_key in seen:
                continue
            seen.add(p.person_key)
            state = roster.states.get(p.person_key)
            if state is None:
                skipped.append(p.name)
            else:
                people.append((p, state))
        if not people:
            self.ctx.show_error(self.tr("所选人员不在本轮评价中：%1").replace("%1", "、".join(skipped)))
            return None
        names = [p.name for p, _s in people]
        targets = [(state.sheet_id, p.name if names.count(p.name) == 1 else f"{p.name}（{p.org_name}）")
                   for p, state in people]
        needed = [next((i for i, step in enumerate(steps) if state.steps.get(step) == "未记录"), len(steps) - 1)
                  for _p, state in people]
        dialog = ApprovalDialog(self.ctx.db, self.ctx.actor, targets, steps, steps[min(needed)], skipped,
                                parent=self)
        self.open_dialogs = [d for d in self.open_dialogs if d.isVisible()] + [dialog]
        dialog.saved.connect(self._approvals_saved)
        dialog.open()
        return dialog

    def _approvals_saved(self, count: int) -> None:
        self.reload()  # the same cadres stay selected: 审议 may follow 商议
        self.ctx.status(self.tr("已记录%1名村干部的商议/审议结果").replace("%1", str(count)))
        self.recorded.emit()
