"""Organization forms: create/edit, move under a new parent, dissolve."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from models import values
from models.actor import Actor
from models.db import Database
from models.enums import OrgKind, Sector
from models.errors import DomainError, ValidationError
from models.org import Organization
from models.services import orgs as svc

from . import dialogs
from .common import EnterMovesOn, FieldBox, combo, data_label, org_tree
from .screen import GuardedDialog

LABELS = {
    **svc.ORG_LABELS,
    "contact_person": "联系人",
    "weak_year": "软弱涣散年度",
    "weak_reason": "软弱涣散原因",
    "model_level": "示范点级别",
    "model_year": "示范点年度",
    "units": "联合单位数",
}
LABEL_TO_ATTR = {v: k for k, v in LABELS.items()}

#: the field labels (LABELS), marked for lupdate (translated where shown)
FIELD_LABELS = [
    QT_TRANSLATE_NOOP("OrgForm", "组织名称："), QT_TRANSLATE_NOOP("OrgForm", "简称："),
    QT_TRANSLATE_NOOP("OrgForm", "组织类别："), QT_TRANSLATE_NOOP("OrgForm", "单位属性："),
    QT_TRANSLATE_NOOP("OrgForm", "上级党组织："), QT_TRANSLATE_NOOP("OrgForm", "书记："),
    QT_TRANSLATE_NOOP("OrgForm", "联系电话："), QT_TRANSLATE_NOOP("OrgForm", "成立日期："),
    QT_TRANSLATE_NOOP("OrgForm", "本届届期开始："), QT_TRANSLATE_NOOP("OrgForm", "届期(年)："),
    QT_TRANSLATE_NOOP("OrgForm", "联系人："), QT_TRANSLATE_NOOP("OrgForm", "软弱涣散年度："),
    QT_TRANSLATE_NOOP("OrgForm", "软弱涣散原因："), QT_TRANSLATE_NOOP("OrgForm", "示范点级别："),
    QT_TRANSLATE_NOOP("OrgForm", "示范点年度："), QT_TRANSLATE_NOOP("OrgForm", "联合单位数："),
]
PARSERS = {
    "founded_on": values.parse_date, "term_start": values.parse_date,
    "term_years": values.parse_int, "weak_year": values.parse_int, "model_year": values.parse_int,
    "units": values.parse_int,
}


def active_orgs(session, actor) -> list[tuple[str, int, str]]:
    """(shown text, id, path) of the active organizations the account may choose, as every
    organization drop-down lists them (`forms.common.org_tree`: pinyin order within a parent,
    indented by level)."""
    every = svc.org_choices(session, actor)
    paths = {c.id: c.path for c in every}
    return [(text, oid, paths[oid]) for oid, text in org_tree([(c.id, c.label, c.parent_id) for c in every])]


class OrgForm(GuardedDialog):
    saved = Signal(int)

    def __init__(self, db: Database, actor: Actor, org_id: int | None = None,
                 parent_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor, self.org_id = db, actor, org_id
        self.version: int | None = None
        self.setWindowTitle(self.tr("新建党组织") if org_id is None else self.tr("编辑党组织"))
        current: dict[str, Any] = {}
        with db.session() as s:
            self._parents = active_orgs(s, actor)
            if org_id is not None:
                org = s.get(Organization, org_id)
                self.version = org.version
                current = {k: getattr(org, k) for k in LABELS}
        enter = EnterMovesOn(self)
        editors: dict[str, QWidget] = {
            "name": QLineEdit(), "short_name": QLineEdit(),
            "kind": combo([(k.value, k.value) for k in OrgKind]),
            "sector": combo([("", None)] + [(s.value, s.value) for s in Sector]),
            "parent_id": combo([(t, oid) for t, oid, _p in self._parents]),
            "secretary": QLineEdit(), "contact_person": QLineEdit(), "phone": QLineEdit(),
            "founded_on": QLineEdit(), "term_start": QLineEdit(), "term_years": QLineEdit(),
            "weak_year": QLineEdit(), "weak_reason": QLineEdit(),
            "model_level": combo([("", None), ("县级", "县级"), ("市级", "市级"), ("省级", "省级")]),
            "model_year": QLineEdit(),
            "units": QLineEdit(),
        }
        editors["units"].setToolTip(self.tr("联合党支部覆盖的单位数（不超过5个）"))
        editors["term_years"].setToolTip(self.tr("届期(年)：村、社区党组织5年，其他党组织3年；不填按类别自动取"))
        form = QFormLayout()
        self.fields: dict[str, FieldBox] = {}
        for attr, editor in editors.items():
            editor.setObjectName(attr)
            editor.installEventFilter(enter)
            self.fields[attr] = FieldBox(editor)
            form.addRow(QCoreApplication.translate("OrgForm", LABELS[attr] + "："), self.fields[attr])
        if org_id is None:
            self.fields["kind"].set_value(OrgKind.BRANCH.value)
            if parent_id is not None:
                self.fields["parent_id"].set_value(parent_id)
        else:
            for attr, value in current.items():
                self.fields[attr].set_value(value.value if hasattr(value, "value") else value)
            self.fields["parent_id"].editor.setEnabled(False)
            self.fields["parent_id"].editor.setToolTip(self.tr("更换上级请用“移动”"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self).activated.connect(self.save)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)

    def collect(self) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        out: dict[str, Any] = {}
        errors = []
        for attr, box in self.fields.items():
            raw = box.value()
            try:
                if attr in PARSERS:
                    out[attr] = PARSERS[attr](raw)
                elif attr == "kind":
                    out[attr] = OrgKind(raw)
                elif attr == "sector":
                    out[attr] = Sector(raw) if raw else None
                elif attr == "parent_id":
                    out[attr] = raw if isinstance(raw, int) else None
                else:
                    out[attr] = values.text(raw)
            except ValueError as exc:
                errors.append((attr, str(exc)))
        return out, errors

    def save(self) -> bool:
        for box in self.fields.values():
            box.set_error("")
        data, errors = self.collect()
        if errors:
            for attr, reason in errors:
                self.fields[attr].set_error(reason)
            return False
        try:
            with self.db.transaction() as s:
                if self.org_id is None:
                    org = svc.create_org(s, self.actor, **data)
                else:
                    data.pop("parent_id")
                    org = svc.update_org(s, self.actor, self.org_id,
                                         expected_version=self.version, **data)
                oid = org.id
        except ValidationError as exc:
            for e in exc.errors:
                attr = LABEL_TO_ATTR.get(e.field)
                if attr:
                    self.fields[attr].set_error(e.reason)
                else:
                    dialogs.message(self, "warning", self.tr("未能保存"), str(e))
            return False
        except DomainError as exc:
            dialogs.message(self, "warning", self.tr("未能保存"), str(exc))
            return False
        self.org_id = oid
        self.saved.emit(oid)
        self.accept()
        return True


class MoveDialog(GuardedDialog):
    saved = Signal(int)

    def __init__(self, db: Database, actor: Actor, org_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor, self.org_id = db, actor, org_id
        self.setWindowTitle(self.tr("移动党组织"))
        with db.session() as s:
            org = s.get(Organization, org_id)
            name, path = org.name, org.path
            choices = [(t, oid) for t, oid, p in active_orgs(s, actor) if not p.startswith(path)]
        self.target = combo(choices)
        self.target.setObjectName("target")
        form = QFormLayout(self)
        form.addRow(self.tr("党组织："), data_label(name))
        form.addRow(self.tr("新的上级："), self.target)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> bool:
        target = self.target.currentData()
        try:
            with self.db.transaction() as s:
                svc.move_org(s, self.actor, self.org_id, target)
        except DomainError as exc:
            dialogs.message(self, "warning", self.tr("未能移动"), str(exc))
            return False
        self.saved.emit(self.org_id)
        self.accept()
        return True


class DissolveDialog(GuardedDialog):
    saved = Signal(int)

    def __init__(self, db: Database, actor: Actor, org_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor, self.org_id = db, actor, org_id
        self.setWindowTitle(self.tr("撤销党组织"))
        with db.session() as s:
            name = s.get(Organization, org_id).name
        self.on = FieldBox(QLineEdit(date.today().isoformat()))
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        form = QFormLayout(self)
        form.addRow(self.tr("党组织："), data_label(name))
        form.addRow(self.tr("撤销日期："), self.on)
        form.addRow(self.tr("撤销原因："), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> bool:
        on = self.on.required_date()
        if on is None:
            return False
        try:
            with self.db.transaction() as s:
                svc.dissolve_org(s, self.actor, self.org_id, on, self.reason.text().strip())
        except DomainError as exc:
            dialogs.message(self, "warning", self.tr("未能撤销"), str(exc))
            return False
        self.saved.emit(self.org_id)
        self.accept()
        return True
