"""党组织: the tree with flags and warnings, details, create/edit/move/dissolve, the members."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.import_dialog import open_import_wizard
from forms.choices import enum_text, shown
from forms.common import gate
from forms.flow import FlowLayout
from models import values

KEY = "orgs"
TITLE = "党组织"


def icons() -> dict[str, QIcon]:
    from desktop.app import icon

    return {k: icon(k) for k in ("org", "weak", "warning", "term", "model")}


class OrgsPage(QWidget):
    find: QLineEdit  # type: ignore[assignment]  # hides QWidget.find(), unused

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        from desktop.rostermodel import RosterModel
        from desktop.tablemodels import OrgTreeModel

        self.ctx = ctx
        self.open_dialogs: list[QWidget] = []
        self.tree_model = OrgTreeModel(icons(), self)
        self.tree = QTreeView()
        self.tree.setObjectName("orgTree")
        self.tree.setModel(self.tree_model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.header().setStretchLastSection(True)
        self.find = QLineEdit()
        self.find.setObjectName("orgFind")
        self.find.setPlaceholderText(self.tr("查找党组织：名称、简称或拼音首字母，回车找下一个"))
        self.find.setClearButtonEnabled(True)
        self.find.textChanged.connect(lambda _t: self.find_next(restart=True))
        self.find.returnPressed.connect(self.find_next)
        self.find_note = QLabel()
        self.find_note.setObjectName("orgFindNote")
        self._found: list[int] = []
        self._found_at = -1
        self.show_dissolved = QCheckBox(self.tr("显示已撤销"))
        self.show_dissolved.toggled.connect(lambda _on: self.reload_tree())

        # details
        self.details: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (("name", QT_TRANSLATE_NOOP("OrgsPage", "名称：")), ("kind", QT_TRANSLATE_NOOP("OrgsPage", "类别：")),
                           ("sector", QT_TRANSLATE_NOOP("OrgsPage", "单位属性：")), ("secretary", QT_TRANSLATE_NOOP("OrgsPage", "书记：")),
                           ("phone", QT_TRANSLATE_NOOP("OrgsPage", "联系电话：")), ("term_end", QT_TRANSLATE_NOOP("OrgsPage", "届满日期：")),
                           ("members", QT_TRANSLATE_NOOP("OrgsPage", "党员（正式）：")), ("flags", QT_TRANSLATE_NOOP("OrgsPage", "标记：")),
                           ("leaders", QT_TRANSLATE_NOOP("OrgsPage", "班子成员：")),
                           ("warnings", QT_TRANSLATE_NOOP("OrgsPage", "结构提示："))):
            value = QLabel()
            value.setObjectName(f"detail_{key}")
            value.setProperty("data", True)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.details[key] = value
            form.addRow(QCoreApplication.translate("OrgsPage", label), value)
        self.details["warnings"].setStyleSheet("color: #b35900;")
        buttons = FlowLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("new", self.tr("新建下级"), self.new_org),
            ("edit", self.tr("编辑"), self.edit_org),
            ("move", self.tr("移动…"), self.move_org),
            ("dissolve", self.tr("撤销…"), self.dissolve_org),
            ("add_leader", self.tr("登记任职…"), self.add_leader),
            ("end_leader", self.tr("登记离任…"), self.end_leader),
            ("roster", self.tr("在名册中查看"), self.open_in_roster),
            ("import", self.tr("导入…"), self.import_orgs),
        ):
            b = QPushButton(text)
            b.setObjectName(key)
            b.clicked.connect(lambda _c=False, slot=slot: slot())
            buttons.addWidget(b)
            self.buttons[key] = b
        buttons.addStretch(1)

        self.members_model = RosterModel(self)
        self.members = QTableView()
        self.members.setObjectName("orgMembers")
        self.members.setModel(self.members_model)
        self.members.setSortingEnabled(True)
        self.members.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the roster's order until a header is clicked
        self.members.verticalHeader().hide()
        self.members.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.members.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.members.horizontalHeader().setStretchLastSection(True)
        from models.services import members as msvc

        shown = {msvc.R_NAME, msvc.R_GENDER, msvc.R_ORG, msvc.R_TYPE, msvc.R_PHONE, msvc.R_JOINED}
        for col, (key, _label) in enumerate(self.members_model.columns):
            self.members.setColumnHidden(col, key not in shown)
        from desktop.rostermodel import set_roster_widths

        set_roster_widths(self.members)
        self.members_label = QLabel(self.tr("本组织及下级的党员"))

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.addLayout(form)
        rl.addLayout(buttons)
        rl.addWidget(self.members_label)
        rl.addWidget(self.members, 1)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.find)
        ll.addWidget(self.find_note)
        ll.addWidget(self.tree, 1)
        ll.addWidget(self.show_dissolved)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([480, 720])
        from .rectification_register import RectificationRegister

        self.register = RectificationRegister(ctx)
        self.register.org_hint = self.current_id
        self.register.show_org.connect(self.show_in_tree)
        self.register.changed.connect(lambda: self.reload_tree())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("orgTabs")
        self.tabs.addTab(split, self.tr("组织"))
        self.tabs.addTab(self.register, self.tr("整顿台账"))
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.reload_tree()

    def import_orgs(self, path: str | None = None) -> Any:
        """导入 the organization list (a new county's first step) through the import wizard."""
        from reports.roster import ORG_IMPORTER

        return open_import_wizard(self, ORG_IMPORTER, self.reload, path)

    # ------------------------------------------------------------------ data
    def reload(self, select: int | None = None) -> None:
        """Shown again, F5, or a record saved: the tree and the 整顿台账 read again."""
        self.reload_tree(select)
        self.register.reload()

    def reload_tree(self, select: int | None = None) -> None:
        from models.services.orgs import tree_rows

        keep = select if select is not None else self.current_id()
        dissolved = self.show_dissolved.isChecked()
        rows = self.ctx.read(lambda s: tree_rows(s, self.ctx.actor, include_dissolved=dissolved))
        self.tree_model.set_rows(rows)
        self.tree.expandToDepth(1)
        for c in range(1, 4):
            self.tree.resizeColumnToContents(c)
        self.tree.setColumnWidth(0, max(self.tree.columnWidth(0), 260))
        if keep is None and self.tree_model.roots:  # a township clerk starts at their township
            scope = self.ctx.actor.scope_org_id
            keep = scope if scope in self.tree_model.by_id else self.tree_model.roots[0].oid
        if keep is not None:
            self.select_org(keep)

    def find_next(self, restart: bool = False) -> int | None:
        """Select the next organization matching the search box (by name, short name or pinyin
        initials), opening the tree down to it; says how many match."""
        from models.services.orgsearch import org_entries, search

        text = self.find.text().strip()
        if restart:
            self._found, self._found_at = [], -1
            if text:
                entries = self.ctx.read(lambda s: org_entries(s, self.ctx.actor))
                self._found = [e.id for e in search(entries, text)
                               if self.tree_model.index_of(e.id).isValid()]
        if not text:
            self.find_note.setText("")
            return None
        if not self._found:
            self.find_note.setText(self.tr("没有相符的党组织"))
            return None
        self._found_at = (self._found_at + 1) % len(self._found)
        oid = self._found[self._found_at]
        self.select_org(oid)
        self.find_note.setText(self.tr("第%1个，共%2个相符").replace("%1", str(self._found_at + 1))
                               .replace("%2", str(len(self._found))))
        return oid

    def show_in_tree(self, oid: int) -> None:
        self.tabs.setCurrentIndex(0)
        self.select_org(oid)

    def show_rectification(self, rect_id: int) -> bool:
        """The 整顿台账 tab with the record selected (the dashboard's 软弱涣散整顿 list lands here)."""
        self.tabs.setCurrentWidget(self.register)
        return self.register.select(rect_id)

    def select_org(self, oid: int) -> None:
        idx = self.tree_model.index_of(oid)
        if idx.isValid():
            self.tree.setCurrentIndex(idx)
            self.tree.scrollTo(idx)

    def current_id(self) -> int | None:
        idx = self.tree.currentIndex() if hasattr(self, "tree") else QModelIndex()
        return idx.internalPointer().oid if idx.isValid() else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        node = current.internalPointer()
        info = node.info
        self.details["name"].setText(info["name"])
        self.details["kind"].setText(enum_text(info["kind"]) + (self.tr("（已撤销）") if node.dissolved else ""))
        self.details["sector"].setText(enum_text(info["sector"]))
        self.details["secretary"].setText(info["secretary"])
        self.details["phone"].setText(info["phone"])
        self.details["term_end"].setText(info["term_end"].isoformat() if info["term_end"] else "")
        self.details["members"].setText(f"{info['members']}（{info['full']}）")
        self.details["flags"].setText(self.tr("、").join(shown(f) for f in node.flags))
        self.details["warnings"].setText("\n".join(shown(w) for w in node.warnings))
        self._explain_buttons(info["in_scope"])
        self.show_leaders(node.oid if info["in_scope"] else None)
        # after the tree has painted: the county's subtree is every member
        QTimer.singleShot(0, lambda oid=node.oid: self.load_members(oid) if self.current_id() == oid else None)

    def _explain_buttons(self, in_scope: bool) -> None:
        """The changing buttons for the organization shown: disabled, with the reason as the tip,
        for a read-only account, and for a township clerk outside their township."""
        outside = "" if in_scope else self.tr("乡镇账号只能处理本乡镇的党组织")
        for key, reason in (("new", outside), ("edit", outside), ("move", outside), ("dissolve", outside),
                            ("import", ""), ("add_leader", outside), ("end_leader", outside)):
            gate(self.buttons[key], self.ctx.actor, "org.edit" if "leader" not in key else "org.leaders", reason)

    def load_members(self, oid: int) -> None:
        """The members of the organization's subtree, read as the roster page reads them (the
        county's 60,000 when the county is chosen): the index now, the rows shown as they come."""
        from models.services import members as msvc

        actor, where = self.ctx.actor, msvc.RosterFilter(org_id=oid)
        index = self.ctx.read(lambda s: msvc.roster_index(s, actor, where))
        self.members_model.set_source(
            index, lambda ids: self.ctx.read(lambda s: msvc.roster_rows_of(s, actor, ids)),
            lambda column: self.ctx.read(lambda s: msvc.roster_column(s, actor, where, column)))
        self.members_label.setText(self.tr("本组织及下级的党员：{n}人").replace("{n}", str(len(index.ids))))

    # ------------------------------------------------------------------ the leadership register
    def show_leaders(self, oid: int | None) -> None:
        """The people in office (班子名册, docs/member-lifecycle.md), one line each (none shown for
        an organization above a township clerk's township)."""
        from models.services import leaders as ls

        if oid is None:
            self.details["leaders"].setText("")
            return
        rows = self.ctx.read(lambda s: ls.leaders(s, self.ctx.actor, oid, include_ended=False))
        self.details["leaders"].setText("\n".join(
            f"{p.post.value} {p.name}（{p.start_on}起{'，' + p.chosen_by if p.chosen_by else ''}）" for p in rows))

    def add_leader(self, post: str | None = None, name: str | None = None, start: str | None = None,
                   chosen_by: str = "") -> bool:
        """登记任职: the post, the name (a member of the branch is linked by name), the start date and
        how chosen, asked in one form that keeps them when refused (docs/screen.md)."""
        from forms.letters import Ask
        from models.enums import LeaderPost
        from models.services import leaders as ls

        oid = self.current_id()
        if oid is None:
            return False
        posts = {enum_text(p): p.value for p in LeaderPost}
        ways = {enum_text(w): w for w in ls.CHOSEN_BY}

        def save(s, answers: list[str]) -> int:
            shown_post, who, day, way = answers
            member = ls.member_named(s, oid, who)
            return ls.add_leader(s, self.ctx.actor, oid, posts.get(shown_post, shown_post),
                                 values.required_date(day, "任职日期"), who or "", member, ways.get(way, way)).id

        if post is None:
            dialog = self.ctx.ask(self, "org.leaders", self.tr("登记任职"), [
                Ask(self.tr("职务："), "职务", tuple(posts)),
                Ask(self.tr("姓名："), "姓名"),
                Ask(self.tr("任职日期（如 2026-03-01）："), "任职日期"),
                Ask(self.tr("产生方式："), "产生方式", tuple(ways), editable=True),  # typed: kept as typed
            ], save, done=lambda _id: self.reload(select=oid))
            return dialog is not None and dialog.result() == QDialog.DialogCode.Accepted
        done = self.ctx.run("org.leaders", lambda s: save(s, [post, name or "", start or "", chosen_by]))
        if done is None:
            return False
        self.reload(select=oid)
        return True

    def end_leader(self, leader_id: int | None = None, on: str | None = None) -> bool:
        """登记离任 of one of the people in office: who and when, asked in one form that keeps them
        when refused."""
        from forms.letters import Ask
        from models.services import leaders as ls

        oid = self.current_id()
        if oid is None:
            return False
        if leader_id is None:
            rows = self.ctx.read(lambda s: [(p.id, f"{enum_text(p.post)} {p.name}")
                                            for p in ls.leaders(s, self.ctx.actor, oid, include_ended=False)])
            if not rows:
                self.ctx.show_error(self.tr("该组织的班子名册没有在任人员"))
                return False
            ids = {t: i for i, t in rows}
            dialog = self.ctx.ask(self, "org.leaders", self.tr("登记离任"), [
                Ask(self.tr("离任人员："), "班子成员", tuple(ids)),
                Ask(self.tr("离任日期（如 2026-03-01）："), "离任日期"),
            ], lambda s, answers: ls.end_leader(s, self.ctx.actor, ids[answers[0]], values.required_date(answers[1], "离任日期")).id,
                done=lambda _id: self.reload(select=oid))
            return dialog is not None and dialog.result() == QDialog.DialogCode.Accepted
        chosen = leader_id
        if self.ctx.run("org.leaders", lambda s: ls.end_leader(s, self.ctx.actor, chosen, values.required_date(on, "离任日期")).id) is None:
            return False
        self.reload(select=oid)
        return True

    # ------------------------------------------------------------------ actions
    def _show(self, dialog: Any) -> QWidget:  # a form with a `saved` signal
        self.open_dialogs = [d for d in self.open_dialogs if d.isVisible()] + [dialog]
        dialog.saved.connect(lambda oid: self.reload(select=oid))
        dialog.open()
        return dialog

    def new_org(self):
        from forms.org_form import OrgForm

        return self._show(OrgForm(self.ctx.db, self.ctx.actor, None, parent_id=self.current_id(), parent=self))

    def edit_org(self):
        from forms.org_form import OrgForm

        oid = self.current_id()
        return None if oid is None else self._show(OrgForm(self.ctx.db, self.ctx.actor, oid, parent=self))

    def move_org(self):
        from forms.org_form import MoveDialog

        oid = self.current_id()
        return None if oid is None else self._show(MoveDialog(self.ctx.db, self.ctx.actor, oid, parent=self))

    def dissolve_org(self):
        from forms.org_form import DissolveDialog

        oid = self.current_id()
        return None if oid is None else self._show(DissolveDialog(self.ctx.db, self.ctx.actor, oid, parent=self))

    def open_in_roster(self) -> None:
        self.ctx.navigate("members", org_id=self.current_id())


def create_page(ctx: AppContext) -> QWidget:
    return OrgsPage(ctx)
