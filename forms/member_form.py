"""The member form: the 16 roster items, checked as you type; a history tab."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models import idcard
from models.actor import Actor
from models.db import Database
from models.enums import (
    ETHNIC_GROUPS,
    Education,
    Gender,
    MemberCategory,
    PartyStatus,
)
from models.errors import ConflictError, DomainError, ValidationError
from models.services import lifecycle as lc
from models.services import members as svc
from models.services.orgsearch import org_entries

from . import dialogs
from .common import EnterMovesOn, FieldBox, combo
from .org_picker import OrgPicker
from .screen import GuardedDialog

LABEL_TO_ATTR = {label: attr for attr, label in svc.MEMBER_LABELS.items()}

#: the field labels (svc.MEMBER_LABELS), marked for lupdate (translated where shown)
FIELD_LABELS = [
    QT_TRANSLATE_NOOP("MemberForm", "姓名："), QT_TRANSLATE_NOOP("MemberForm", "性别："),
    QT_TRANSLATE_NOOP("MemberForm", "民族："), QT_TRANSLATE_NOOP("MemberForm", "公民身份号码："),
    QT_TRANSLATE_NOOP("MemberForm", "出生日期："), QT_TRANSLATE_NOOP("MemberForm", "学历："),
    QT_TRANSLATE_NOOP("MemberForm", "人员类别："), QT_TRANSLATE_NOOP("MemberForm", "所在党支部："),
    QT_TRANSLATE_NOOP("MemberForm", "加入党组织日期："), QT_TRANSLATE_NOOP("MemberForm", "转为正式党员日期："),
    QT_TRANSLATE_NOOP("MemberForm", "工作岗位："), QT_TRANSLATE_NOOP("MemberForm", "联系电话："),
    QT_TRANSLATE_NOOP("MemberForm", "家庭住址："), QT_TRANSLATE_NOOP("MemberForm", "党籍状态："),
    QT_TRANSLATE_NOOP("MemberForm", "是否失联："), QT_TRANSLATE_NOOP("MemberForm", "失去联系日期："),
    QT_TRANSLATE_NOOP("MemberForm", "是否流动党员："), QT_TRANSLATE_NOOP("MemberForm", "外出流向："),
]


def enum_items(enum_cls: Any, blank: bool = True) -> list[tuple[str, Any]]:
    items = [("", None)] if blank else []
    return items + [(e.value, e.value) for e in enum_cls]


class MemberForm(GuardedDialog):
    """Create (member_id None) or edit one member. Emits saved(member_id)."""

    saved = Signal(int)

    def __init__(
        self, db: Database, actor: Actor, member_id: int | None = None,
        org_id: int | None = None, parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.db, self.actor, self.member_id = db, actor, member_id
        self.version: int | None = None
        self.touched: set[str] = set()
        self.setWindowTitle(self.tr("新增党员") if member_id is None else self.tr("编辑党员"))
        self.resize(620, 720)
        with db.session() as s:
            self._orgs = org_entries(s, actor, holding_members=True)
            self._resolve = svc.holding_org_resolver(s)
            member = svc.get_member(s, member_id, actor) if member_id is not None else None
            #: the ID number and phone a login on the server reads masked only: kept unless changed
            self._kept: dict[str, Any] = {}
            self._kept_birth = None
            if member is not None:
                self.version = member.version
                current = {k: getattr(member, k) for k in svc.MEMBER_LABELS}
                self._ended = member.ended_on is not None
                self._kept = svc.hidden_values(s, member)
                self._kept_birth = member.birth_date
            else:
                current = {}
                self._ended = False
        self.fields: dict[str, FieldBox] = {}
        self._build()
        if member_id is None:
            if org_id is not None:
                self.fields["org_id"].set_value(org_id)
        else:
            for attr, value in current.items():
                self.fields[attr].set_value(value.value if hasattr(value, "value") else value)
            self.fields["org_id"].editor.setEnabled(False)
            self.fields["org_id"].editor.setToolTip(self.tr("更换党支部请用“组织关系转接”"))
            self.touched = set(svc.MEMBER_LABELS)
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self.validate)
        self._hook_changes()
        if member_id is not None:
            self.validate()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        tabs = QTabWidget()
        self.tabs = tabs
        page = QWidget()
        form = QFormLayout(page)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setVerticalSpacing(6)
        enter = EnterMovesOn(self)
        self._enter = enter

        def line(placeholder: str = "") -> QLineEdit:
            e = QLineEdit()
            e.setPlaceholderText(placeholder)
            return e

        editors: dict[str, QWidget] = {
            "name": line(),
            "id_number": line(self.tr("18位，末位可为X")),
            "gender": combo(enum_items(Gender)),
            "birth_date": line(self.tr("由身份证号自动填写")),
            "ethnicity": combo([(g, g) for g in ETHNIC_GROUPS], editable=True),
            "education": combo(enum_items(Education)),
            "category": combo(enum_items(MemberCategory)),
            "org_id": OrgPicker(self._orgs),
            "joined_on": line("2020-07-01"),
            "full_on": line(self.tr("预备党员不填")),
            "position": line(),
            "phone": line(),
            "address": line(),
            "party_status": combo(enum_items(PartyStatus, blank=False)),
            "lost_contact": QCheckBox(self.tr("失去联系")),
            "lost_since": line("2024-03"),
            "floating": QCheckBox(self.tr("流动党员")),
            "floating_to": line(),
        }
        tips = {
            "id_number": self.tr("公民身份号码：18位，末位为校验码（可为X）；填好后自动填写性别和出生日期"),
            "full_on": self.tr("转为正式党员日期：入党满1年预备期，一般在入党后1至2年之间；预备党员不填"),
            "lost_since": self.tr("失去联系的起始年月，如 2024-03（只填年月）"),
            "floating_to": self.tr("外出流向：流动党员外出所在地，如 广东省深圳市"),
        }
        for attr, tip in tips.items():
            editors[attr].setToolTip(tip)
        for attr, editor in editors.items():
            editor.setObjectName(attr)
            editor.installEventFilter(enter)
            box = FieldBox(editor)
            self.fields[attr] = box
            form.addRow(QLabel(QCoreApplication.translate("MemberForm", svc.MEMBER_LABELS[attr] + "：")), box)
        # the lifecycle as it stands (docs/member-lifecycle.md): 转正 due or unknown, 失联 decision point
        self.lifecycle = QLabel(self._lifecycle_text())
        self.lifecycle.setObjectName("lifecycle")
        self.lifecycle.setProperty("data", True)
        self.lifecycle.setWordWrap(True)
        self.lifecycle.setStyleSheet("color: #b35900;")
        form.addRow(self.lifecycle)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        tabs.addTab(scroll, self.tr("基本信息"))
        self.history = QWidget()
        tabs.addTab(self.history, self.tr("历史"))
        tabs.setTabEnabled(1, self.member_id is not None)
        tabs.currentChanged.connect(self._tab_changed)

        self.summary = QLabel()
        self.summary.setObjectName("formSummary")
        self.summary.setStyleSheet("color: #c0392b;")
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存 (Ctrl+S)"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.button(QDialogButtonBox.StandardButton.Save).setAutoDefault(False)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        if self._ended:
            buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            self.summary.setText(self.tr("党籍已终止，记录只能查看"))
        lay = QVBoxLayout(self)
        lay.addWidget(tabs)
        lay.addWidget(self.summary)
        lay.addWidget(buttons)
        QShortcut(QKeySequence("Ctrl+S"), self).activated.connect(self.save)

    def _lifecycle_text(self) -> str:
        """One line: 转正日期不详, the end of the 预备期 (延长 or not), the 失联 decision point."""
        if self.member_id is None:
            return ""
        with self.db.session() as s:
            m = svc.get_member(s, self.member_id, self.actor)
            parts = []
            if m.full_on_unknown:
                parts.append(self.tr("转正日期不详（名册未载转正信息）"))
            due = lc.probation_due(s, m)
            if due is not None and m.ended_on is None:
                parts.append(self.tr("预备期至%1").replace("%1", str(due))
                             + (self.tr("（已延长）") if m.probation_end else ""))
            decide = lc.lost_decision_day(s, m)
            if decide is not None and m.ended_on is None:
                parts.append(self.tr("失联：应于%1前作出处理决定").replace("%1", str(decide)))
        return "；".join(parts)

    def _hook_changes(self) -> None:
        for attr, box in self.fields.items():
            e = box.editor

            def touched(*_a: Any, attr: str = attr) -> None:
                self.touched.add(attr)
                self._timer.start()

            if isinstance(e, QLineEdit):
                e.textEdited.connect(touched)
                if attr == "id_number":
                    e.textChanged.connect(self._id_changed)
            elif isinstance(e, QCheckBox):
                e.toggled.connect(touched)
            elif isinstance(e, OrgPicker):
                e.edit.textEdited.connect(touched)
            elif isinstance(e, QComboBox):
                e.currentIndexChanged.connect(touched)
                if e.isEditable():
                    e.editTextChanged.connect(touched)

    # ------------------------------------------------------------------ behaviour
    def raw(self) -> dict[str, Any]:
        return {attr: box.value() for attr, box in self.fields.items()}

    def _id_changed(self, text: str) -> None:
        if idcard.is_valid(text):
            number = idcard.normalize(text)
            self.fields["gender"].set_value("男" if idcard.is_male(number) else "女")
            self.fields["birth_date"].set_value(idcard.birth_date_of(number).isoformat())

    def validate(self, show_all: bool = False) -> list:
        clean, errors = svc.clean_member(self.raw(), self._resolve, kept=self._kept,
                                         kept_birth=self._kept_birth)
        by_attr: dict[str, list[str]] = {}
        for e in errors:
            attr = LABEL_TO_ATTR.get(e.field)
            if attr is not None:
                by_attr.setdefault(attr, []).append(e.reason)
        for attr, box in self.fields.items():
            shown = show_all or attr in self.touched
            box.set_error("；".join(by_attr.get(attr, [])) if shown else "")
        if show_all and errors:
            self.summary.setText(self.tr("有{n}处需要改正").replace("{n}", str(len(errors))))
        elif not self._ended:
            self.summary.setText("")
        return errors

    def show_field_errors(self, errors: list) -> None:
        by_attr: dict[str, list[str]] = {}
        other = []
        for e in errors:
            attr = LABEL_TO_ATTR.get(e.field)
            if attr is None:
                other.append(str(e))
            else:
                by_attr.setdefault(attr, []).append(e.reason)
        for attr, box in self.fields.items():
            box.set_error("；".join(by_attr.get(attr, [])))
        self.summary.setText("；".join(other) or self.tr("有{n}处需要改正").replace("{n}", str(len(errors))))

    def save(self) -> bool:
        if self._ended:
            return False
        if self.validate(show_all=True):
            self._focus_first_error()
            return False
        raw = self.raw()
        try:
            with self.db.transaction() as s:
                if self.member_id is None:
                    member = svc.create_member(s, self.actor, raw)
                else:
                    raw.pop("org_id")
                    member = svc.update_member(
                        s, self.actor, self.member_id, raw, expected_version=self.version
                    )
                mid, self.version = member.id, member.version
        except ValidationError as exc:
            self.show_field_errors(exc.errors)
            self._focus_first_error()
            return False
        except ConflictError as exc:
            dialogs.message(self, "warning", self.tr("记录已被他人修改"), self.conflict_text(str(exc)))
            return False
        except DomainError as exc:
            dialogs.message(self, "warning", self.tr("未能保存"), str(exc))
            return False
        self.member_id = mid
        self.saved.emit(mid)
        self.accept()
        return True

    def conflict_text(self, head: str) -> str:
        with self.db.transaction() as s:
            changes = svc.changes_since(s, self.member_id, self.version or 0)
        lines = [head, "", self.tr("其他办事员的修改：")]
        for account, at, label, old, new in changes:
            lines.append(f"{account} {at}  {label}：{old or '（空）'} → {new or '（空）'}")
        lines.append("")
        lines.append(self.tr("您的修改未保存。请关闭后重新打开该党员，再录入您的修改。"))
        return "\n".join(lines)

    def _focus_first_error(self) -> None:
        for box in self.fields.values():
            if box.error.isVisibleTo(self) or (isinstance(box.editor, OrgPicker) and box.editor.shows_problem()):
                box.editor.setFocus()
                return

    # ------------------------------------------------------------------ history
    def _tab_changed(self, index: int) -> None:
        if index == 1 and self.history.layout() is None:
            self.load_history()

    def load_history(self) -> None:
        with self.db.transaction() as s:
            places, audit = svc.member_history_rows(s, self.actor, self.member_id)
            events = lc.event_rows(s, self.actor, self.member_id)
        lay = QVBoxLayout(self.history)
        lay.addWidget(QLabel(self.tr("组织关系")))
        self.places_table = table(
            [self.tr("转入日期"), self.tr("转出日期"), self.tr("党组织"), self.tr("说明")],
            places,
        )
        lay.addWidget(self.places_table, 1)
        if events:  # 转正, 失联, transfers out of or into the county (docs/member-lifecycle.md)
            lay.addWidget(QLabel(self.tr("党员经历")))
            self.events_table = table([self.tr("日期"), self.tr("事项"), self.tr("内容")], events)
            lay.addWidget(self.events_table, 1)
        lay.addWidget(QLabel(self.tr("修改记录")))
        self.audit_table = table(
            [self.tr("时间"), self.tr("账号"), self.tr("操作"), self.tr("内容"), self.tr("备注")], audit
        )
        lay.addWidget(self.audit_table, 2)


def table(headers: list[str], rows: list[tuple[Any, ...]]) -> QTableWidget:
    t = QTableWidget(len(rows), len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.verticalHeader().hide()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(str(value))
            item.setToolTip(str(value))
            t.setItem(r, c, item)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t

