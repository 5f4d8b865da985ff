"""结对帮扶: the register with filters and totals, a pairing's parties and activities with quick
entry, the new-pairing dialog, and the per-township summary."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.import_dialog import open_import_wizard
from desktop.tablemodels import ListModel
from desktop.tables import fit_table
from forms.choices import enum_text
from forms.choices import shown as cell_text
from forms.common import by_pinyin, from_qdate, gate, to_qdate
from forms.flow import FlowLayout
from forms.pairing_form import PairingDialog, load_choices
from models.collation import sort_key
from models.errors import DomainError
from models.pairing import (
    ActivityKind,
    Pairing,
    PairingStatus,
    PairingType,
    PartySide,
    Rating,
)
from models.services import pairing as svc
from models.services.orgs import townships

from ..context import AppContext

KEY = "pairing"
TITLE = "结对帮扶"

SORT_ROLE = int(Qt.ItemDataRole.UserRole)


#: lupdate extracts translate("context", "literal") calls (a wrapper named tr is filed under no context)
translate = QCoreApplication.translate


def shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


DISPLAY = int(Qt.ItemDataRole.DisplayRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class RowsModel(ListModel):
    """Rows of plain values with fixed headers; ids kept beside the rows; sorted on the Python list.
    A cell's text is made once, when first asked for (fitting the columns asks for hundreds of
    cells several times over)."""

    rows: list[list[Any]]

    def __init__(self, headers: Sequence[str], parent: Any = None):
        super().__init__(list(headers), parent)
        self.ids: list[Any] = []
        self.texts: dict[tuple[int, int], str] = {}

    def set_rows(self, rows: list[list[Any]], ids: list[Any] | None = None) -> None:
        self.ids = ids if ids is not None else [None] * len(rows)
        self.texts = {}
        super().set_rows(rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if role not in (DISPLAY, SORT_ROLE, ALIGNMENT) or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self.rows):
            return None
        if role == DISPLAY:
            text = self.texts.get((row, column))
            if text is None:  # a label or a known sentence in the interface's language
                text = self.texts[row, column] = cell_text(shown(self.rows[row][column]))
            return text
        value = self.rows[row][column]
        if role == SORT_ROLE:
            return float(value) if isinstance(value, Decimal) else shown(value) if not isinstance(value, int) else value
        return RIGHT if isinstance(value, int | Decimal) else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.headers)):
            return
        self.layoutAboutToBeChanged.emit()

        def key(pair: tuple[list[Any], Any]) -> tuple:
            v = pair[0][column]
            return sort_key(v if isinstance(v, int | Decimal | None) else shown(v))

        pairs = sorted(zip(self.rows, self.ids, strict=True), key=key,
                       reverse=order == Qt.SortOrder.DescendingOrder)
        self.rows = [p[0] for p in pairs]
        self.ids = [p[1] for p in pairs]
        self.texts = {}
        self.layoutChanged.emit()


LIST_HEADERS = [
    QT_TRANSLATE_NOOP("headers", "编号"), QT_TRANSLATE_NOOP("headers", "结对名称"),
    QT_TRANSLATE_NOOP("headers", "结对类型"), QT_TRANSLATE_NOOP("headers", "状态"),
    QT_TRANSLATE_NOOP("headers", "开始日期"), QT_TRANSLATE_NOOP("headers", "结束日期"),
    QT_TRANSLATE_NOOP("headers", "牵头方"), QT_TRANSLATE_NOOP("headers", "被帮扶方"),
    QT_TRANSLATE_NOOP("headers", "涉及乡镇"), QT_TRANSLATE_NOOP("headers", "活动次数"),
    QT_TRANSLATE_NOOP("headers", "资金(元)"), QT_TRANSLATE_NOOP("headers", "项目数"),
    QT_TRANSLATE_NOOP("headers", "最近活动"),
]
PARTY_HEADERS = [
    QT_TRANSLATE_NOOP("headers", "方"), QT_TRANSLATE_NOOP("headers", "类别"),
    QT_TRANSLATE_NOOP("headers", "名称"),
]
ACTIVITY_HEADERS = [
    QT_TRANSLATE_NOOP("headers", "日期"), QT_TRANSLATE_NOOP("headers", "活动类型"),
    QT_TRANSLATE_NOOP("headers", "内容"), QT_TRANSLATE_NOOP("headers", "资金(元)"),
    QT_TRANSLATE_NOOP("headers", "项目"), QT_TRANSLATE_NOOP("headers", "受益人数"),
]
SUMMARY_HEADERS = [
    QT_TRANSLATE_NOOP("headers", "乡镇"), QT_TRANSLATE_NOOP("headers", "结对数"),
    QT_TRANSLATE_NOOP("headers", "活动次数"), QT_TRANSLATE_NOOP("headers", "资金(元)"),
    QT_TRANSLATE_NOOP("headers", "项目数"),
]


#: the register's columns left out, in this order, while the others do not fit (1024 wide): 结束日期,
#: 项目数, 结对类型 (shown in the pairing's detail and the exports)
OPTIONAL_LIST_COLUMNS = (5, 11, 2)


def table(model: QAbstractTableModel, name: str, optional: tuple[int, ...] = ()) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSortingEnabled(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.verticalHeader().setVisible(False)
    return fit_table(view, optional)  # columns fitted to the width: funds right-aligned and never cut


class PairingPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: PairingDialog | None = None
        self.current_id: int | None = None
        self.selecting = False

        # ---- filters
        self.type_filter = QComboBox()
        self.type_filter.addItem(translate("PairingPage", "全部类型"), None)
        for t in PairingType:
            self.type_filter.addItem(enum_text(t), t.value)
        self.status_filter = QComboBox()
        self.status_filter.addItem(translate("PairingPage", "全部状态"), None)
        for s in PairingStatus:
            self.status_filter.addItem(enum_text(s), s.value)
        self.township_filter = QComboBox()
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(translate("PairingPage", "编号或名称"))
        self.new_button = QPushButton(translate("PairingPage", "新建结对…"))
        self.edit_button = QPushButton(translate("PairingPage", "编辑结对…"))
        self.end_button = QPushButton(translate("PairingPage", "结束结对"))
        self.terminate_button = QPushButton(translate("PairingPage", "终止结对"))
        self.import_pairings_button = QPushButton(translate("PairingPage", "导入结对…"))
        self.import_activities_button = QPushButton(translate("PairingPage", "导入活动…"))
        filters = FlowLayout()
        for w in (QLabel(translate("PairingPage", "类型")), self.type_filter, QLabel(translate("PairingPage", "状态")), self.status_filter,
                  QLabel(translate("PairingPage", "乡镇")), self.township_filter, self.search_edit):
            filters.addWidget(w)
        filters.addStretch(1)
        for w in (self.new_button, self.edit_button, self.end_button, self.terminate_button,
                  self.import_pairings_button, self.import_activities_button):
            filters.addWidget(w)

        self.list_model = RowsModel(LIST_HEADERS, self)
        self.list_view = table(self.list_model, "pairing_list", OPTIONAL_LIST_COLUMNS)
        rows = self.list_view.verticalHeader()  # compact rows: ten and more at 1024×768
        rows.setMinimumSectionSize(1)
        rows.setDefaultSectionSize(self.list_view.fontMetrics().height() + 8)
        self.totals_label = QLabel()
        self.totals_label.setObjectName("pairing_totals")
        self.totals_label.setProperty("data", True)

        # ---- detail
        self.detail_label = QLabel(translate("PairingPage", "请在上方选择一个结对"))
        self.detail_label.setObjectName("pairing_detail")
        self.detail_label.setProperty("data", True)
        self.detail_label.setWordWrap(True)
        self.party_model = RowsModel(PARTY_HEADERS, self)
        self.party_view = table(self.party_model, "pairing_parties")
        self.activity_model = RowsModel(ACTIVITY_HEADERS, self)
        self.activity_view = table(self.activity_model, "pairing_activities")
        self.act_date = QDateEdit(to_qdate(date.today()))
        self.act_date.setCalendarPopup(True)
        self.act_date.setDisplayFormat("yyyy-MM-dd")
        self.act_kind = QComboBox()
        for k in ActivityKind:
            self.act_kind.addItem(enum_text(k), k.value)
        self.act_content = QLineEdit()
        self.act_content.setPlaceholderText(translate("PairingPage", "活动内容"))
        self.act_funds = QLineEdit()
        self.act_funds.setPlaceholderText(translate("PairingPage", "元，可不填"))
        self.act_project = QLineEdit()
        self.act_people = QSpinBox()
        self.act_people.setRange(0, 1_000_000)
        self.act_button = QPushButton(translate("PairingPage", "登记活动"))
        self.act_message = QLabel()
        self.act_message.setObjectName("activity_message")
        self.assess_year = QSpinBox()
        self.assess_year.setRange(2000, 2100)
        self.assess_year.setValue(date.today().year)
        self.assess_rating = QComboBox()
        for r in Rating:
            self.assess_rating.addItem(enum_text(r), r.value)
        self.assess_satisfaction = QLineEdit()
        self.assess_satisfaction.setPlaceholderText(translate("PairingPage", "群众满意度（%）"))
        self.assess_satisfaction.setToolTip(self.assess_satisfaction.placeholderText())  # the narrow field elides it
        self.assess_button = QPushButton(translate("PairingPage", "登记年度评价"))
        # two fixed rows, not a flowing line: the splitter gives the detail its minimum height,
        # which a wrapping line does not count (登记年度评价 was cut at 1024×768)
        assess = QGridLayout()
        assess.setContentsMargins(0, 0, 0, 0)
        for i, w in enumerate((self.assess_year, self.assess_rating, self.assess_satisfaction, self.assess_button)):
            assess.addWidget(w, i // 2, i % 2)
        quick = QGroupBox(translate("PairingPage", "快速登记活动"))
        # two fields a row: the detail stays low, so that the register above shows ten rows at 1024×768
        qf = QGridLayout(quick)
        qf.setContentsMargins(6, 4, 6, 4)
        qf.setVerticalSpacing(4)
        for i, (label, widget) in enumerate((
                (translate("PairingPage", "日期"), self.act_date), (translate("PairingPage", "活动类型"), self.act_kind),
                (translate("PairingPage", "资金(元)"), self.act_funds), (translate("PairingPage", "项目"), self.act_project),
                (translate("PairingPage", "受益人数"), self.act_people), (translate("PairingPage", "内容"), self.act_content))):
            qf.addWidget(QLabel(label), i // 2, (i % 2) * 2)
            qf.addWidget(widget, i // 2, (i % 2) * 2 + 1)
        qf.addWidget(self.act_message, 3, 0, 1, 3)
        qf.addWidget(self.act_button, 3, 3)
        detail = QWidget()
        dl = QHBoxLayout(detail)
        left = QVBoxLayout()
        left.addWidget(self.detail_label)
        left.addWidget(self.party_view)
        left.addLayout(assess)
        dl.addLayout(left, 2)
        dl.addWidget(self.activity_view, 3)
        dl.addWidget(quick, 2)

        register = QWidget()
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addLayout(filters)
        tl.addWidget(self.list_view)
        tl.addWidget(self.totals_label)
        # at 1024×768 the register shows ten rows and more (docs/screen.md, “Tables”): the splitter
        # gives it two thirds of the height
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(detail)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 1)
        split.setSizes([2000, 1])  # the detail as low as it goes
        rl = QVBoxLayout(register)
        rl.addWidget(split)

        # ---- summary tab
        self.year_spin = QSpinBox()
        self.year_spin.setRange(0, 2100)
        self.year_spin.setSpecialValueText(translate("PairingPage", "全部年度"))
        self.year_spin.setValue(date.today().year)
        self.summary_model = RowsModel(SUMMARY_HEADERS, self)
        self.summary_view = table(self.summary_model, "pairing_summary")
        self.summary_view.setSortingEnabled(False)
        note = QLabel(translate("PairingPage", "跨乡镇的结对在所涉每个乡镇各计一次；合计行每个结对只计一次。"))
        summary = QWidget()
        sl = QVBoxLayout(summary)
        yl = FlowLayout()
        yl.addWidget(QLabel(translate("PairingPage", "年度")))
        yl.addWidget(self.year_spin)
        yl.addStretch(1)
        sl.addLayout(yl)
        sl.addWidget(self.summary_view)
        sl.addWidget(note)

        self.tabs = QTabWidget()
        self.tabs.addTab(register, translate("PairingPage", "结对台账"))
        self.tabs.addTab(summary, translate("PairingPage", "乡镇汇总"))
        #: the summary tab is read when it is shown (not with the register at open or after a change)
        self.summary_tab = summary
        self.summary_stale = True
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

        self.township_filter.addItem(translate("PairingPage", "全部乡镇"), None)
        for combo in (self.type_filter, self.status_filter, self.township_filter):
            combo.currentIndexChanged.connect(self.refresh)
        self.search_edit.returnPressed.connect(self.refresh)
        self.list_view.selectionModel().selectionChanged.connect(self._selection_changed)
        for w, op in ((self.new_button, "pairing.edit"), (self.import_pairings_button, "pairing.edit"),
                      (self.import_activities_button, "pairing.activity")):
            gate(w, self.ctx.actor, op)
        self.new_button.clicked.connect(self.open_new_dialog)
        self.import_pairings_button.clicked.connect(lambda: self.import_pairings())
        self.import_activities_button.clicked.connect(lambda: self.import_activities())
        self.edit_button.clicked.connect(self.open_edit_dialog)
        self.assess_button.clicked.connect(self.add_assessment)
        self.end_button.clicked.connect(lambda: self.close_current(False))
        self.terminate_button.clicked.connect(lambda: self.close_current(True))
        self.act_button.clicked.connect(self.add_activity)
        self.year_spin.valueChanged.connect(self.refresh_summary)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.reload(with_townships=True)

    # ---- data

    def _fill_townships(self, rows: list[tuple[int, str]]) -> None:
        self.township_filter.blockSignals(True)
        for tid, name in by_pinyin(rows):
            self.township_filter.addItem(name, tid)
        self.township_filter.blockSignals(False)

    def import_pairings(self, path: str | None = None) -> Any:
        """导入结对: the import wizard on the pairings (with `path` the file is chosen and checked)."""
        from reports.pairing_xlsx import PAIRING_IMPORTER

        return open_import_wizard(self, PAIRING_IMPORTER, self.reload, path)

    def import_activities(self, path: str | None = None) -> Any:
        """导入活动: the import wizard on the pairings' activities."""
        from reports.pairing_xlsx import ACTIVITY_IMPORTER

        return open_import_wizard(self, ACTIVITY_IMPORTER, self.reload, path)

    def reload(self, with_townships: bool = False) -> None:
        """Shown again or F5: the register (and the summary when its tab is shown) as they are now,
        read together; at open (`with_townships`) the township filter's choices in the same read."""
        year = self.year_spin.value() or None
        self.summary_stale = not self._summary_shown()

        def read(session) -> tuple:
            towns: list[tuple[int, str]] = []
            if with_townships:
                try:
                    towns = [(t.id, t.short_name or t.name) for t in townships(session)]
                except DomainError:
                    pass
            summary = None if self.summary_stale else svc.township_summary(session, self.ctx.actor, year)
            return towns, self._read_list(session), summary

        towns, (rows, totals), summary = self.ctx.read(read)
        self._fill_townships(towns)
        self._show_list(rows, totals)
        if summary is not None:
            self._show_summary(summary)

    def _summary_shown(self) -> bool:
        return self.tabs.currentWidget() is self.summary_tab

    def _tab_changed(self, _index: int) -> None:
        if self.summary_stale and self._summary_shown():
            self.refresh_summary()

    def _read_list(self, session) -> tuple[list, Any]:
        rows = svc.list_pairings(
            session, self.ctx.actor, type=self.type_filter.currentData(),
            status=self.status_filter.currentData(),
            township_id=self.township_filter.currentData(),
            search=self.search_edit.text().strip() or None)
        return rows, svc.row_totals(rows)

    def refresh(self) -> None:
        self._show_list(*self.ctx.read(self._read_list))

    def _show_list(self, rows: list, totals: Any) -> None:
        self.list_model.set_rows(
            [[r.code, r.name, r.type, r.status, r.start_on, r.end_on, r.leads, r.assisted,
              r.townships, r.activities, r.funds, r.projects, r.last_on] for r in rows],
            [r.id for r in rows])
        self.totals_label.setText(translate("PairingPage", "合计：") + translate(
            "PairingPage", "共{pairings}个结对，活动{activities}次，资金{funds}元，项目{projects}个").format(
            pairings=totals.pairings, activities=totals.activities, funds=f"{totals.funds:,.2f}",
            projects=totals.projects))
        if self.current_id is not None and self.current_id in self.list_model.ids:
            self.select_pairing(self.current_id)
        else:
            self.show_detail(None)

    def refresh_summary(self) -> None:
        year = self.year_spin.value() or None
        self.summary_stale = False
        self._show_summary(self.ctx.read(lambda s: svc.township_summary(s, self.ctx.actor, year)))

    def _show_summary(self, rows: list) -> None:
        self.summary_model.set_rows(
            [[r.name, r.pairings, r.activities, r.funds, r.projects] for r in rows])

    def select_pairing(self, pairing_id: int) -> None:
        row = self.list_model.ids.index(pairing_id)
        self.selecting = True  # the detail read once, here, not also on the selection's change
        try:
            self.list_view.selectRow(row)
        finally:
            self.selecting = False
        self.show_detail(pairing_id)

    def _selection_changed(self, *_args: Any) -> None:
        if self.selecting:
            return
        rows = self.list_view.selectionModel().selectedRows()
        self.show_detail(self.list_model.ids[rows[0].row()] if rows else None)

    def show_detail(self, pairing_id: int | None) -> None:
        self.current_id = pairing_id
        pick = "" if pairing_id is not None else translate("PairingPage", "请先选择一个结对")
        for w, op in ((self.act_button, "pairing.activity"), (self.assess_button, "pairing.activity"),
                      (self.edit_button, "pairing.edit"), (self.end_button, "pairing.edit"),
                      (self.terminate_button, "pairing.edit")):
            gate(w, self.ctx.actor, op, pick)
        if pairing_id is None:
            self.detail_label.setText(translate("PairingPage", "请在上方选择一个结对"))
            self.party_model.set_rows([])
            self.activity_model.set_rows([])
            return

        def load(session):
            p = session.get(Pairing, pairing_id)
            current = p.current_parties
            parties = [[party.side.value,
                        translate("PairingPage", "党组织") if party.org_id else translate("PairingPage", "党员") if party.member_id
                        else translate("PairingPage", "户"),
                        label]
                       for party, label in zip(current, svc.party_labels(session, current), strict=True)]
            parties.sort(key=lambda r: r[0] != PartySide.LEAD.value)
            acts = [[a.held_on, a.kind.value, a.content, a.funds, a.project, a.people]
                    for a in svc.activities_of(session, self.ctx.actor, pairing_id)]
            text = (f"{p.code}　{p.name}\n{p.type.value}　{p.status.value}　"
                    f"{p.start_on.isoformat()} 至 {p.end_on.isoformat() if p.end_on else '不定期'}　"
                    f"复核日期 {p.review_on.isoformat() if p.review_on else ''}\n"
                    f"目标：{p.goals or ''}")
            marks = "；".join(
                f"{a.year}年{a.rating.value}"
                + (f"（满意度{a.satisfaction}%）" if a.satisfaction is not None else "")
                for a in svc.assessments_of(session, self.ctx.actor, pairing_id))
            if marks:
                text += f"\n年度评价：{marks}"
            return text, parties, acts

        text, parties, acts = self.ctx.read(load)
        self.detail_label.setText(text)
        self.party_model.set_rows(parties)
        self.activity_model.set_rows(acts)

    # ---- actions

    def open_new_dialog(self) -> PairingDialog:
        choices = self.ctx.read(lambda s: load_choices(s, self.ctx.actor))
        created: list[int] = []

        def save(values: dict[str, Any]) -> None:
            with self.ctx.session() as session:
                p = svc.create_pairing(session, self.ctx.actor, **values)
                created.append(p.id)

        def add_household(values: dict[str, Any]) -> tuple[int, str]:
            with self.ctx.session() as session:
                h = svc.create_household(session, self.ctx.actor, **values)
                return h.id, f"{h.head_name}（{h.category.value}）"

        self.dialog = PairingDialog(choices, save, parent=self, add_household=add_household)
        self.dialog.accepted.connect(lambda: self._after_create(created))
        self.dialog.open()
        return self.dialog

    def open_edit_dialog(self) -> PairingDialog | None:
        if self.current_id is None:
            return None
        pid = self.current_id

        def load(session):
            p = session.get(Pairing, pid)
            sides = svc.parties_of(session, pid)
            labels = {}
            current = p.current_parties
            for party, label in zip(current, svc.party_labels(session, current), strict=True):
                kind = "org" if party.org_id else "member" if party.member_id else "household"
                labels[svc.PartyRef(kind, party.org_id or party.member_id or party.household_id)] = label
            values = {"type": p.type, "name": p.name, "start_on": p.start_on, "end_on": p.end_on,
                      "goals": p.goals, "leads": sides[PartySide.LEAD],
                      "assisted": sides[PartySide.ASSISTED]}
            return load_choices(session, self.ctx.actor), values, labels, p.version

        choices, values, labels, version = self.ctx.read(load)

        def save(new: dict[str, Any]) -> None:
            with self.ctx.session() as session:
                svc.update_pairing(session, self.ctx.actor, pid, version,
                                   leads=new.pop("leads"), assisted=new.pop("assisted"),
                                   **{k: v for k, v in new.items() if k != "name" or v})

        self.dialog = PairingDialog(choices, save, parent=self)
        self.dialog.set_initial(values, labels)
        self.dialog.accepted.connect(lambda: self._after_create([pid]))
        self.dialog.open()
        return self.dialog

    def add_assessment(self) -> None:
        if self.current_id is None:
            return
        pid = self.current_id
        if not self.ctx.run("pairing.activity", lambda session: svc.add_assessment(
                session, self.ctx.actor, pid, self.assess_year.value(), self.assess_rating.currentData(),
                self.assess_satisfaction.text().strip() or None)):
            return
        self.assess_satisfaction.clear()
        self.show_detail(pid)

    def _after_create(self, created: list[int]) -> None:
        if created:
            self.current_id = created[-1]
        self.reload()

    def add_activity(self) -> None:
        if self.current_id is None:
            return
        pid = self.current_id

        def failed(text: str) -> None:
            self.act_message.setText(text)
            self.ctx.show_error(text)

        if not self.ctx.run("pairing.activity", lambda session: svc.add_activity(
                session, self.ctx.actor, pid, from_qdate(self.act_date.date()),
                self.act_kind.currentData(), self.act_content.text(),
                self.act_funds.text().strip() or None, self.act_project.text().strip() or None,
                self.act_people.value() or None), failed):
            return
        self.act_message.setText(translate("PairingPage", "已登记"))
        self.act_content.clear()
        self.act_funds.clear()
        self.reload()

    def close_current(self, terminate: bool) -> None:
        if self.current_id is None:
            return
        pid = self.current_id
        from forms import dialogs
        from models.pairing import Pairing

        name = self.ctx.read(lambda s: s.get_one(Pairing, pid).name)
        verb = translate("PairingPage", "终止") if terminate else translate("PairingPage", "结束")
        if not dialogs.confirm(self, verb + translate("PairingPage", "结对"),
                               translate("PairingPage", "{verb}结对“{name}”（{day}）？结束后不能再登记活动。")
                               .replace("{verb}", verb).replace("{name}", name)
                               .replace("{day}", date.today().isoformat())):
            return
        if not self.ctx.run("pairing.edit", lambda session: svc.close_pairing(
                session, self.ctx.actor, pid, date.today(), terminate=terminate)):
            return
        self.reload()


def create_page(ctx: AppContext) -> QWidget:
    return PairingPage(ctx)
