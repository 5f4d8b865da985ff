"""The new-pairing dialog: type, dates, goals, and parties chosen from the organization tree,
the members and the households."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from forms.choices import enum_text
from models.actor import Actor
from models.errors import DomainError
from models.pairing import HouseholdCategory, PairingType
from models.services.members import member_choices
from models.services.orgs import org_choices
from models.services.orgsearch import matches, search_keys
from models.services.pairing import PartyRef
from models.services.pairing import households as pairing_households

from .common import from_qdate, org_text, org_tree, to_qdate
from .screen import GuardedDialog

ID_ROLE = Qt.ItemDataRole.UserRole


#: lupdate extracts translate("context", "literal") calls (a wrapper named tr is filed under no context)
translate = QCoreApplication.translate


@dataclass
class PartyChoices:
    """What the dialog offers: (id, label, parent id) organizations, members, households."""

    orgs: list[tuple[int, str, int | None]]
    members: list[tuple[int, str]]
    households: list[tuple[int, str]]


def load_choices(session: Session, actor: Actor, member_limit: int = 5000) -> PartyChoices:
    every = org_choices(session, actor)
    parents = {c.id: c.parent_id for c in every}
    # pinyin order within a parent (forms.common.org_tree); the tree indents by itself
    orgs = [(oid, org_text(text), parents[oid]) for oid, text in org_tree([(c.id, c.label, c.parent_id) for c in every])]
    org_names = {oid: label for oid, label, _ in orgs}
    members = [(mid, f"{name}（{org_names.get(oid, '')}）")
               for mid, name, oid in member_choices(session, actor, member_limit)]
    households = [(h.id, f"{h.head_name}（{h.category.value}，{org_names.get(h.org_id, '')}）")
                  for h in pairing_households(session, actor)]
    return PartyChoices(orgs, members, households)


class PairingDialog(GuardedDialog):
    """`save(values)` is called on OK; a DomainError it raises is shown and the dialog stays open."""

    def __init__(self, choices: PartyChoices, save: Callable[[dict[str, Any]], None],
                 today: date | None = None, parent: QWidget | None = None,
                 add_household: Callable[[dict[str, Any]], tuple[int, str]] | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate("PairingDialog", "新建结对"))
        self.save = save
        self.add_household_fn = add_household
        today = today or date.today()

        self.type_combo = QComboBox()
        for t in PairingType:
            self.type_combo.addItem(enum_text(t), t)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(translate("PairingDialog", "不填则由结对方名称生成"))
        self.type_combo.setToolTip(translate("PairingDialog", "城乡联建：一个城市（机关、社区）党组织联系2至4个村"))
        self.start_edit = QDateEdit(to_qdate(today))
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("yyyy-MM-dd")
        self.end_edit = QDateEdit(to_qdate(today.replace(year=today.year + 3) if not (
            today.month == 2 and today.day == 29) else today.replace(year=today.year + 3, day=28)))
        self.end_edit.setCalendarPopup(True)
        self.end_edit.setDisplayFormat("yyyy-MM-dd")
        self.no_end = QCheckBox(translate("PairingDialog", "不定期"))
        self.no_end.toggled.connect(lambda on: self.end_edit.setEnabled(not on))
        self.goals_edit = QPlainTextEdit()
        self.goals_edit.setFixedHeight(60)
        form = QFormLayout()
        form.addRow(translate("PairingDialog", "结对类型"), self.type_combo)
        form.addRow(translate("PairingDialog", "结对名称"), self.name_edit)
        form.addRow(translate("PairingDialog", "开始日期"), self.start_edit)
        end_row = QHBoxLayout()
        end_row.addWidget(self.end_edit)
        end_row.addWidget(self.no_end)
        form.addRow(translate("PairingDialog", "结束日期"), end_row)
        form.addRow(translate("PairingDialog", "目标"), self.goals_edit)

        # sources
        self.org_tree = QTreeWidget()
        self.org_tree.setHeaderHidden(True)
        self.org_tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        items: dict[int, QTreeWidgetItem] = {}
        for oid, label, parent_id in choices.orgs:
            item = QTreeWidgetItem([label])
            item.setData(0, ID_ROLE, PartyRef("org", oid))
            parent_item = items.get(parent_id) if parent_id is not None else None
            if parent_item is None:
                self.org_tree.addTopLevelItem(item)
            else:
                parent_item.addChild(item)
            items[oid] = item
        self.org_tree.expandAll()
        self.org_search = QLineEdit()
        self.org_search.setObjectName("pairingOrgSearch")
        self.org_search.setPlaceholderText(translate("PairingDialog", "输入名称或拼音首字母筛选"))
        self.org_search.textChanged.connect(self._filter_orgs)
        org_box = QWidget()
        ov = QVBoxLayout(org_box)
        ov.setContentsMargins(0, 0, 0, 0)
        ov.addWidget(self.org_search)
        ov.addWidget(self.org_tree)
        self.member_search = QLineEdit()
        self.member_search.setPlaceholderText(translate("PairingDialog", "输入姓名筛选"))
        self.member_list = self._list(choices.members, "member")
        self.member_search.textChanged.connect(self._filter_members)
        member_box = QWidget()
        mv = QVBoxLayout(member_box)
        mv.setContentsMargins(0, 0, 0, 0)
        mv.addWidget(self.member_search)
        mv.addWidget(self.member_list)
        self.household_list = self._list(choices.households, "household")
        # register a household on the spot: head's name, category, village, address, phone
        self.hh_name = QLineEdit()
        self.hh_name.setPlaceholderText(translate("PairingDialog", "户主姓名"))
        self.hh_category = QComboBox()
        for c in HouseholdCategory:
            self.hh_category.addItem(enum_text(c), c.value)
        self.hh_org = QComboBox()
        for oid, text in org_tree(choices.orgs):
            self.hh_org.addItem(text, oid)
        self.hh_address = QLineEdit()
        self.hh_address.setPlaceholderText(translate("PairingDialog", "住址"))
        self.hh_phone = QLineEdit()
        self.hh_phone.setPlaceholderText(translate("PairingDialog", "联系电话"))
        self.hh_button = QPushButton(translate("PairingDialog", "登记此户"))
        self.hh_button.clicked.connect(self.register_household)
        self.hh_button.setEnabled(add_household is not None)
        household_box = QWidget()
        hv = QVBoxLayout(household_box)
        hv.setContentsMargins(0, 0, 0, 0)
        hv.addWidget(self.household_list)
        hf = QFormLayout()
        hf.addRow(translate("PairingDialog", "户主"), self.hh_name)
        hf.addRow(translate("PairingDialog", "类别"), self.hh_category)
        hf.addRow(translate("PairingDialog", "所属党组织"), self.hh_org)
        hf.addRow(translate("PairingDialog", "住址"), self.hh_address)
        hf.addRow(translate("PairingDialog", "电话"), self.hh_phone)
        hf.addRow(self.hh_button)
        hv.addLayout(hf)
        self.sources = QTabWidget()
        self.sources.addTab(org_box, translate("PairingDialog", "党组织"))
        self.sources.addTab(member_box, translate("PairingDialog", "党员"))
        self.sources.addTab(household_box, translate("PairingDialog", "户"))

        # chosen
        self.lead_list = QListWidget()
        self.assisted_list = QListWidget()
        for lst in (self.lead_list, self.assisted_list):
            lst.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.add_lead_button = QPushButton(translate("PairingDialog", "加入牵头方 →"))
        self.add_assisted_button = QPushButton(translate("PairingDialog", "加入被帮扶方 →"))
        self.remove_button = QPushButton(translate("PairingDialog", "移除所选"))
        self.add_lead_button.clicked.connect(lambda: self.add_selected(self.lead_list))
        self.add_assisted_button.clicked.connect(lambda: self.add_selected(self.assisted_list))
        self.remove_button.clicked.connect(self.remove_selected)
        grid = QGridLayout()
        grid.addWidget(QLabel(translate("PairingDialog", "选择结对方")), 0, 0)
        grid.addWidget(self.sources, 1, 0, 4, 1)
        grid.addWidget(self.add_lead_button, 1, 1)
        grid.addWidget(self.add_assisted_button, 3, 1)
        grid.addWidget(QLabel(translate("PairingDialog", "牵头方")), 0, 2)
        grid.addWidget(self.lead_list, 1, 2, 2, 1)
        grid.addWidget(QLabel(translate("PairingDialog", "被帮扶方")), 3, 2)
        grid.addWidget(self.assisted_list, 4, 2)
        grid.addWidget(self.remove_button, 5, 2)

        self.error_label = QLabel()
        self.error_label.setObjectName("pairing_form_error")
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(grid)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(820, 640)

    def set_initial(self, values: dict[str, Any], labels: dict[PartyRef, str]) -> None:
        """Fill the dialog to edit an existing pairing."""
        self.setWindowTitle(translate("PairingDialog", "编辑结对"))
        self.type_combo.setCurrentIndex(max(self.type_combo.findData(PairingType(values["type"])), 0))
        self.name_edit.setText(values.get("name") or "")
        self.start_edit.setDate(to_qdate(values["start_on"]))
        if values.get("end_on"):
            self.end_edit.setDate(to_qdate(values["end_on"]))
        self.no_end.setChecked(values.get("end_on") is None)
        self.goals_edit.setPlainText(values.get("goals") or "")
        for key, lst in (("leads", self.lead_list), ("assisted", self.assisted_list)):
            lst.clear()
            for ref in values.get(key, []):
                item = QListWidgetItem(labels.get(ref, "?"))
                item.setData(ID_ROLE, ref)
                lst.addItem(item)

    def register_household(self) -> None:
        if self.add_household_fn is None:
            return
        values = {
            "head_name": self.hh_name.text().strip(),
            "category": self.hh_category.currentData(),
            "org_id": self.hh_org.currentData(),
            "address": self.hh_address.text().strip() or None,
            "phone": self.hh_phone.text().strip() or None,
        }
        try:
            hid, label = self.add_household_fn(values)
        except DomainError as exc:
            self.error_label.setText(str(exc))
            return
        item = QListWidgetItem(label)
        item.setData(ID_ROLE, PartyRef("household", hid))
        self.household_list.addItem(item)
        self.household_list.clearSelection()
        item.setSelected(True)
        self.hh_name.clear()
        self.error_label.clear()

    def _list(self, rows: list[tuple[int, str]], kind: str) -> QListWidget:
        lst = QListWidget()
        lst.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for rid, label in rows:
            item = QListWidgetItem(label)
            item.setData(ID_ROLE, PartyRef(kind, rid))
            lst.addItem(item)
        return lst

    def _filter_orgs(self, text: str) -> None:
        """Show the organizations whose name or pinyin initials contain the text, with the
        organizations above them (so the township stays visible)."""
        def visit(item: QTreeWidgetItem) -> bool:
            hit = matches(text, search_keys(item.text(0)))
            below = [visit(item.child(k)) for k in range(item.childCount())]
            shown = hit or any(below)
            item.setHidden(not shown)
            return shown

        for k in range(self.org_tree.topLevelItemCount()):
            visit(self.org_tree.topLevelItem(k))

    def _filter_members(self, text: str) -> None:
        text = text.strip()
        for i in range(self.member_list.count()):
            item = self.member_list.item(i)
            item.setHidden(bool(text) and text not in item.text())

    def _selected_sources(self) -> list[tuple[str, PartyRef]]:
        current = self.sources.currentIndex()
        if current == 0:
            return [(i.text(0), i.data(0, ID_ROLE)) for i in self.org_tree.selectedItems()]
        lst = self.member_list if current == 1 else self.household_list
        return [(i.text(), i.data(ID_ROLE)) for i in lst.selectedItems()]

    def add_selected(self, target: QListWidget) -> None:
        chosen = {ref for _, ref in self.parties(self.lead_list)} | {
            ref for _, ref in self.parties(self.assisted_list)}
        for label, ref in self._selected_sources():
            if ref in chosen:
                continue
            item = QListWidgetItem(label)
            item.setData(ID_ROLE, ref)
            target.addItem(item)

    def remove_selected(self) -> None:
        for lst in (self.lead_list, self.assisted_list):
            for item in lst.selectedItems():
                lst.takeItem(lst.row(item))

    @staticmethod
    def parties(lst: QListWidget) -> list[tuple[str, PartyRef]]:
        return [(lst.item(i).text(), lst.item(i).data(ID_ROLE)) for i in range(lst.count())]

    def values(self) -> dict[str, Any]:
        return {
            "type": self.type_combo.currentData(),
            "name": self.name_edit.text().strip() or None,
            "start_on": from_qdate(self.start_edit.date()),
            "end_on": None if self.no_end.isChecked() else from_qdate(self.end_edit.date()),
            "goals": self.goals_edit.toPlainText().strip() or None,
            "leads": [ref for _, ref in self.parties(self.lead_list)],
            "assisted": [ref for _, ref in self.parties(self.assisted_list)],
        }

    def try_save(self) -> None:
        try:
            self.save(self.values())
        except DomainError as exc:
            self.error_label.setText(str(exc))
            return
        self.accept()
