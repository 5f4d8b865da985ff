"""党员名册: the roster table, search as you type, filters, the member form and dialogs, 恢复党籍."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import prefs, worker
from desktop.context import AppContext
from desktop.import_dialog import open_import_wizard
from desktop.tablemodels import kept_selection
from forms import files
from forms.common import gate
from forms.flow import FlowLayout
from models.services.access import Permission, may
from models.services.members import R_ENDED, R_ID, R_NAME, R_TYPE

KEY = "members"
TITLE = "党员名册"

#: columns hidden until the clerk shows them
DEFAULT_HIDDEN = {"学历", "人员类别", "工作岗位", "党籍状态", "终止日期", "出生日期"}


def fit_placeholder(edit: QLineEdit) -> None:
    """Make `edit` at least wide enough to show its whole placeholder: Qt's size hint for a line
    edit is 17 "x" wide plus its frame, padding and margins; the placeholder replaces the x's."""
    frame = edit.sizeHint().width() - 17 * edit.fontMetrics().horizontalAdvance("x")  # polishes first
    edit.setMinimumWidth(frame + edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + 4)


class MembersPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        from desktop.rostermodel import RosterModel

        self.ctx = ctx
        self.open_dialogs: list[QWidget] = []
        self.model = RosterModel(self)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("搜索：姓名、拼音首字母（如 zw）、身份证号、电话"))
        self.search.setClearButtonEnabled(True)
        fit_placeholder(self.search)  # the flow row gives it its size hint: its whole placeholder
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.org_filter = QComboBox()
        self.org_filter.setObjectName("orgFilter")
        self.org_filter.setMinimumWidth(180)
        self.type_filter = QComboBox()
        for text, data in ((self.tr("全部党员"), None), (self.tr("正式党员"), True), (self.tr("预备党员"), False)):
            self.type_filter.addItem(text, data)
        self.status_filter = QComboBox()
        for text, data in ((self.tr("在册"), "current"), (self.tr("已终止"), "ended"), (self.tr("全部"), "all")):
            self.status_filter.addItem(text, data)
        self.lost = QCheckBox(self.tr("失联"))
        self.floating = QCheckBox(self.tr("流动"))
        for w in (self.org_filter, self.type_filter, self.status_filter):
            w.currentIndexChanged.connect(self.reload)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.restore_columns())
        for w in (self.lost, self.floating):
            w.toggled.connect(self.reload)

        self.view = QTableView()
        self.view.setObjectName("roster")
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.horizontalHeader().customContextMenuRequested.connect(self.column_menu)
        self.view.doubleClicked.connect(lambda _i: self.edit_member())
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.count = QLabel()
        self.count.setObjectName("count")

        filters = FlowLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.org_filter, 2)
        filters.addWidget(self.type_filter)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.lost)
        filters.addWidget(self.floating)
        actions = FlowLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("add", self.tr("新增党员"), self.add_member),
            ("edit", self.tr("编辑"), self.edit_member),
            ("transfer", self.tr("组织关系转接"), self.transfer_member),
            ("end", self.tr("终止党籍"), self.end_member),
            ("probation", self.tr("转正决定…"), self.probation_member),
            ("lost", self.tr("失联…"), self.lost_member),
            ("transfer_out", self.tr("转出县外…"), self.transfer_out_member),
            ("reinstate", self.tr("恢复党籍…"), self.reinstate_member),
            ("import", self.tr("导入…"), self.import_members),
            ("undo", self.tr("撤销上次导入"), self.undo_import),
            ("export", self.tr("导出所示…"), self.export_shown),
            ("columns", self.tr("列…"), lambda: self.column_menu(None)),
        ):
            b = QPushButton(text)
            b.setObjectName(key)
            b.clicked.connect(lambda _c=False, slot=slot: slot())
            actions.addWidget(b)
            self.buttons[key] = b
        actions.addStretch(1)
        actions.addWidget(self.count)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        lay = QVBoxLayout(self)
        lay.addLayout(filters)
        lay.addLayout(actions)
        lay.addWidget(self.view, 1)
        from desktop.rostermodel import set_roster_widths

        set_roster_widths(self.view)
        self.restore_columns()
        self.load_orgs()
        self.reload()

    # ------------------------------------------------------------------ data
    def load_orgs(self) -> None:
        from forms.org_form import active_orgs

        current = self.org_filter.currentData()
        self.org_filter.blockSignals(True)
        self.org_filter.clear()
        # a township clerk sees only their township: "全县" would tell them otherwise
        everything = self.tr("全县") if self.ctx.actor.scope_org_id is None else self.tr("本乡镇全部")
        self.org_filter.addItem(everything, None)
        for text, oid, _path in self.ctx.read(lambda s: active_orgs(s, self.ctx.actor)):
            self.org_filter.addItem(text, oid)  # pinyin order within a parent, indented
        idx = self.org_filter.findData(current)
        self.org_filter.setCurrentIndex(max(idx, 0))
        self.org_filter.blockSignals(False)

    def set_org(self, org_id: int | None) -> None:
        idx = self.org_filter.findData(org_id)
        self.org_filter.setCurrentIndex(max(idx, 0))

    def reload(self) -> None:
        """The roster under the filters: its index read now (ids and the texts searched), the
        rows shown read as they come into view (rostermodel.RosterModel)."""
        from models.services import members as msvc

        flags = frozenset(
            f for f, box in ((msvc.FLAG_LOST, self.lost), (msvc.FLAG_FLOATING, self.floating)) if box.isChecked()
        )
        where = msvc.RosterFilter(self.org_filter.currentData(), self.status_filter.currentData(),
                                  self.type_filter.currentData(), flags)
        actor = self.ctx.actor
        index = self.ctx.read(lambda s: msvc.roster_index(s, actor, where))
        with kept_selection(self.view, self._id_at):
            self.model.set_source(
                index, lambda ids: self.ctx.read(lambda s: msvc.roster_rows_of(s, actor, ids)),
                lambda column: self.ctx.read(lambda s: msvc.roster_column(s, actor, where, column)))
        self.update_count()
        self._enable()

    def _id_at(self, row: int) -> int | None:
        return self.model.member_id(row) if 0 <= row < self.model.rowCount() else None

    def apply_search(self) -> None:
        self.model.set_text(self.search.text())
        self.update_count()
        self._enable()

    def update_count(self) -> None:
        shown, total = self.model.rowCount(), len(self.model.index_.ids)
        text = self.tr("共{n}人").replace("{n}", str(total))
        if shown != total:
            text = self.tr("显示{shown}人 / 共{n}人").replace("{shown}", str(shown)).replace("{n}", str(total))
        self.count.setText(text)

    def selected_row(self) -> tuple | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def selected_id(self) -> int | None:
        row = self.selected_row()
        return None if row is None else row[R_ID]

    def _enable(self) -> None:
        """The buttons that change members follow the account and the selection (转接 and 终止 a
        current member, 恢复党籍 an ended one); a disabled one says why as its tip."""
        write = may(self.ctx.actor, Permission.EDIT_RECORDS)
        row = self.selected_row()
        ended = row is not None and row[R_ENDED] is not None
        current = self.tr("请先选择一名在册党员")
        state = {
            "add": (write, ""), "import": (write, ""), "undo": (write, ""),
            "transfer": (write and row is not None and not ended, current),
            "end": (write and row is not None and not ended, current),
            "probation": (write and row is not None and not ended and row[R_TYPE] == "预备党员",
                          self.tr("请先选择一名在册的预备党员")),
            "lost": (write and row is not None and not ended, current),
            "transfer_out": (write and row is not None and not ended, current),
            "reinstate": (write and ended, self.tr("请先选择一名党籍已终止的党员（状态选“已终止”）")),
        }
        for key, (enabled, why) in state.items():
            gate(self.buttons[key], self.ctx.actor, "member.edit", "" if enabled or not write else why)

    def select_member(self, member_id: int) -> None:
        row = self.model.row_of(member_id)
        if row >= 0:
            self.view.selectRow(row)

    # ------------------------------------------------------------------ columns
    def column_menu(self, pos) -> None:
        menu = QMenu(self)
        for col, (_key, label) in enumerate(self.model.columns):
            act = menu.addAction(label)
            act.setCheckable(True)
            act.setChecked(not self.view.isColumnHidden(col))
            act.toggled.connect(lambda on, col=col: self.set_column_shown(col, on))
        point = self.view.horizontalHeader().mapToGlobal(pos) if pos is not None else self.cursor().pos()
        menu.popup(point)
        self._menu = menu

    def set_column_shown(self, col: int, shown: bool) -> None:
        hidden = self._hidden_columns()
        label = self.model.columns[col][1]
        if shown:
            hidden.discard(label)
        else:
            hidden.add(label)
        prefs.put(prefs.MEMBERS_HIDDEN_COLUMNS, "|".join(sorted(hidden)) or "-")
        self.restore_columns()

    @staticmethod
    def _hidden_columns() -> set[str]:
        """The columns the clerk keeps hidden (the default set until they choose)."""
        value = prefs.get(prefs.MEMBERS_HIDDEN_COLUMNS)
        return set(DEFAULT_HIDDEN) if value is None else set(str(value).split("|")) - {"-"}

    def restore_columns(self) -> None:
        """The clerk's columns; 终止日期 also whenever ended members are listed (已终止, 全部)."""
        hidden = self._hidden_columns()
        ended_listed = self.status_filter.currentData() != "current"
        for col, (key, label) in enumerate(self.model.columns):
            self.view.setColumnHidden(col, label in hidden and not (ended_listed and key == R_ENDED))

    # ------------------------------------------------------------------ actions
    def _show(self, dialog: QDialog, refresh=None) -> QWidget:
        """Open a dialog without blocking (tests drive it), refresh the table when it is done."""
        self.open_dialogs = [d for d in self.open_dialogs if d.isVisible()] + [dialog]
        dialog.accepted.connect(refresh or self.reload)
        dialog.open()
        return dialog

    def add_member(self):
        from forms.member_form import MemberForm

        form = MemberForm(self.ctx.db, self.ctx.actor, None, org_id=self.org_filter.currentData(), parent=self)
        form.saved.connect(lambda mid: QTimer.singleShot(0, lambda: self.select_member(mid)))
        return self._show(form)

    def edit_member(self, member_id: int | None = None):
        from forms.member_form import MemberForm

        member_id = member_id or self.selected_id()
        if member_id is None:
            return None
        return self._show(MemberForm(self.ctx.db, self.ctx.actor, member_id, parent=self))

    def transfer_member(self, member_id: int | None = None):
        from forms.transfer_dialog import TransferDialog

        member_id = member_id or self.selected_id()
        if member_id is None:
            return None
        return self._show(TransferDialog(self.ctx.db, self.ctx.actor, member_id, parent=self))

    def end_member(self, member_id: int | None = None):
        from forms.transfer_dialog import EndDialog

        member_id = member_id or self.selected_id()
        if member_id is None:
            return None
        return self._show(EndDialog(self.ctx.db, self.ctx.actor, member_id, parent=self))

    def _member_action(self, name: str, member_id: int | None = None):
        """One of the lifecycle dialogs of forms/transfer_dialog.py for the selected member."""
        from forms import transfer_dialog

        member_id = member_id or self.selected_id()
        if member_id is None:
            return None
        return self._show(getattr(transfer_dialog, name)(self.ctx.db, self.ctx.actor, member_id, parent=self))

    def probation_member(self, member_id: int | None = None):
        return self._member_action("ProbationDialog", member_id)

    def lost_member(self, member_id: int | None = None):
        return self._member_action("LostDialog", member_id)

    def transfer_out_member(self, member_id: int | None = None):
        return self._member_action("TransferOutDialog", member_id)

    def reinstate_member(self, reason: str | None = None) -> bool:
        """恢复党籍 of the selected ended member (a mistaken 终止党籍, a 停止党籍 lifted): asks the
        reason (for the log) unless given, confirms; the member is back in their branch."""
        from forms import dialogs
        from models.services.members import reinstate_member

        row = self.selected_row()
        if row is None or row[R_ENDED] is None:
            return False
        member_id, name = row[R_ID], row[R_NAME]
        title = self.tr("恢复党籍")
        question = (self.tr("恢复{name}的党籍？该党员回到终止前所在的党支部，重新计入党员总数。")
                    .replace("{name}", name))
        if reason is None:  # asked in a form that keeps the reason when refused (docs/screen.md)
            from forms.letters import Ask

            dialog = self.ctx.ask(self, "member.edit", title,
                                  [Ask(self.tr("恢复{name}党籍的原因（记入日志）：").replace("{name}", name), "恢复原因")],
                                  lambda s, text: reinstate_member(s, self.ctx.actor, member_id, text),
                                  confirm=lambda _text: dialogs.confirm(self, title, question))
            if dialog is None or dialog.result() != QDialog.DialogCode.Accepted:
                return False
        else:
            if not dialogs.confirm(self, title, question):
                return False
            if not self.ctx.run("member.edit", lambda s: reinstate_member(s, self.ctx.actor, member_id, reason)):
                return False
        self.ctx.status(self.tr("已恢复{name}的党籍").replace("{name}", name))
        self.reload()
        self.select_member(member_id)
        return True

    def import_members(self):
        from reports.roster import MEMBER_IMPORTER

        wizard = open_import_wizard(self, MEMBER_IMPORTER, self.reload)
        self.open_dialogs = [d for d in self.open_dialogs if d.isVisible()] + [wizard]
        return wizard

    def undo_import(self) -> None:
        from forms import dialogs
        from models.services.importbatch import last_import_batch, undo_import

        found = dialogs.attempt(self, lambda: [self.ctx.read(lambda s: last_import_batch(s, self.ctx.actor))],
                                self.tr("未能撤销"))
        if found is None:
            return
        batch = found[0]
        if batch is None:
            dialogs.message(self, "info", self.tr("撤销导入"), self.tr("没有可撤销的导入"))
            return
        if not dialogs.confirm(self, self.tr("撤销导入"), self.tr("撤销导入“{src}”（{at}）？该批党员将标记为“撤销导入”终止。")
                               .replace("{src}", batch.source).replace("{at}", f"{batch.at:%Y-%m-%d %H:%M}")):
            return

        n = self.ctx.run("member.import", lambda s: undo_import(s, self.ctx.actor, batch.id))
        if n is not None:
            dialogs.message(self, "info", self.tr("撤销导入"), self.tr("已撤销{n}名党员").replace("{n}", str(n)))
            self.reload()

    def export_shown(self, path: str | None = None) -> worker.Task | None:
        """导出所示: the rows shown, in the background (25,000 rows take a few seconds) with
        progress and 取消; a cancelled export leaves no file. Ends with 打开文件 / 打开所在文件夹."""
        from forms import dialogs
        from reports.roster import export_members

        if path is None:
            path = files.save_path(self, self.tr("导出党员名册"), "党员名册.xlsx", "Excel (*.xlsx)")
            if not path:
                return None
        ids = self.model.member_ids()

        def work(session, actor, progress: worker.Progress) -> int:
            return export_members(session, actor, progress.output(path), member_ids=ids)

        def done(n: int) -> None:
            text = self.tr("已导出{n}人").replace("{n}", str(n))
            self.ctx.status(f"{text}：{path}")
            dialogs.exported(self, self.tr("导出完成"), text, path)

        self.export_task = worker.start(self.ctx, work, self, self.tr("正在导出党员名册…"), on_done=done)
        return self.export_task


def create_page(ctx: AppContext) -> QWidget:
    return MembersPage(ctx)
