"""整顿台账 forms: open a 软弱涣散 整顿 for an organization, record progress, 验收."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from models.actor import Actor
from models.db import Database
from models.org import Organization
from models.rectification import CRITERIA, AcceptanceResult, Rectification
from models.services import rectification as rc
from models.services.orgsearch import org_entries

from .org_picker import OrgPicker
from .service_dialog import ServiceDialog


class ReasonsBox(QWidget):
    """The 软弱涣散 criteria to tick, and 其他 in the clerk's own words."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("reasons")
        for text in CRITERIA[:-1]:
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * len(CRITERIA[:-1]) + 6)
        self.other = QLineEdit()
        self.other.setObjectName("otherReason")
        self.other.setPlaceholderText(self.tr("其他情形（写明）"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.list)
        lay.addWidget(self.other)
        self.setFocusProxy(self.list)

    def tab_parts(self) -> list[QWidget]:
        return [self.list, self.other]

    def check(self, text: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).text() == text:
                self.list.item(i).setCheckState(Qt.CheckState.Checked)

    def reasons(self) -> list[str]:
        out = [self.list.item(i).text() for i in range(self.list.count())
               if self.list.item(i).checkState() == Qt.CheckState.Checked]
        other = self.other.text().strip()
        if other:
            out.append(other if other.startswith("其他") else f"其他：{other}")
        return out


def _rect_summary(session: Session, rect_id: int) -> tuple[Rectification, str]:
    rect = session.get(Rectification, rect_id)
    org = session.get(Organization, rect.org_id)
    return rect, org.short_name or org.name


class OpenRectificationDialog(ServiceDialog):
    """开始整顿: organization, year, reasons, date, 包联县级领导, 第一书记 or 驻村工作队, plan."""

    def __init__(self, db: Database, actor: Actor, org_id: int | None = None, today: date | None = None,
                 parent: QWidget | None = None):
        super().__init__(db, actor, "", parent)
        self.setWindowTitle(self.tr("开始整顿"))
        self.setMinimumWidth(520)
        today = today or date.today()
        with db.session() as s:
            entries = org_entries(s, actor, include_root=False)
        self.org = OrgPicker(entries, current=org_id)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.reasons = ReasonsBox()
        self.opened = QLineEdit(today.isoformat())
        self.leader = QLineEdit()
        self.leader.setPlaceholderText(self.tr("如 王副县长"))
        self.secretary = QLineEdit()
        self.secretary.setPlaceholderText(self.tr("姓名（派出单位）"))
        self.team = QLineEdit()
        self.plan = QPlainTextEdit()
        self.plan.setTabChangesFocus(True)
        self.plan.setFixedHeight(64)
        self.add_field("党组织", self.tr("党组织"), self.org)
        self.add_field("整顿年度", self.tr("整顿年度"), self.year)
        self.add_field("整顿原因", self.tr("整顿原因"), self.reasons)
        self.add_field("开始日期", self.tr("开始日期"), self.opened)
        self.add_field("包联县级领导", self.tr("包联县级领导"), self.leader)
        self.add_field("第一书记或驻村工作队", self.tr("第一书记"), self.secretary)
        self.add_field("驻村工作队", self.tr("驻村工作队"), self.team)
        self.add_field("整顿方案", self.tr("整顿方案"), self.plan)
        self.org.setFocus()

    def check(self) -> bool:
        problem = self.org.problem()
        if problem:
            self.fields["党组织"].set_error(problem)
            self.org.setFocus()
            return False
        return True

    def question(self) -> str:
        return (self.tr("将“%1”列为%2年软弱涣散党组织并开始整顿？")
                .replace("%1", self.org.org().short_name or self.org.org().name).replace("%2", str(self.year.value())))

    def call(self, session: Session) -> int:
        return rc.open_rectification(
            session, self.actor, self.org.org_id(), self.year.value(), self.reasons.reasons(), self.opened.text(),
            self.leader.text(), self.secretary.text(), self.team.text(), self.plan.toPlainText()).id


class ProgressDialog(ServiceDialog):
    """记录进展: the date and what was done."""

    def __init__(self, db: Database, actor: Actor, rect_id: int, today: date | None = None,
                 parent: QWidget | None = None):
        super().__init__(db, actor, "", parent)
        self.setWindowTitle(self.tr("记录整顿进展"))
        self.setMinimumWidth(480)
        self.rect_id = rect_id
        with db.session() as s:
            rect, name = _rect_summary(s, rect_id)
            self.add_text(self.tr("整顿"), self.tr("%1（%2起）").replace("%1", name)
                          .replace("%2", rect.opened_on.isoformat()))
        self.on = QLineEdit((today or date.today()).isoformat())
        self.text = QLineEdit()
        self.text.setObjectName("progressText")
        self.text.setPlaceholderText(self.tr("如 选举产生新任村党支部书记"))
        self.add_field("日期", self.tr("日期"), self.on)
        self.add_field("进展情况", self.tr("进展情况"), self.text)
        self.text.setFocus()

    def call(self, session: Session) -> int:
        rc.add_progress(session, self.actor, self.rect_id, self.on.text(), self.text.text())
        return self.rect_id


class AcceptDialog(ServiceDialog):
    """验收: 转化 closes the 整顿 and clears the 软弱涣散 flag; 继续整顿 keeps both (asks first)."""

    result: QComboBox  # type: ignore[assignment]  # hides QDialog.result(), unused

    def __init__(self, db: Database, actor: Actor, rect_id: int, today: date | None = None,
                 parent: QWidget | None = None):
        super().__init__(db, actor, "", parent)
        self.setWindowTitle(self.tr("整顿验收"))
        self.setMinimumWidth(440)
        self.rect_id = rect_id
        with db.session() as s:
            rect, self.name = _rect_summary(s, rect_id)
            self.version = rect.version
            self.add_text(self.tr("整顿"), self.tr("%1（%2起）").replace("%1", self.name)
                          .replace("%2", rect.opened_on.isoformat()))
        self.on = QLineEdit((today or date.today()).isoformat())
        self.result = QComboBox()
        self.result.setObjectName("acceptResult")
        for r in AcceptanceResult:
            self.result.addItem(r.value, r.value)
        self.add_field("验收日期", self.tr("验收日期"), self.on)
        self.add_field("验收结果", self.tr("验收结果"), self.result)
        self.add_text("", self.tr("转化：整顿结束，撤销软弱涣散标记；继续整顿：整顿继续，标记保留。"))
        self.on.setFocus()
        self.on.selectAll()

    def question(self) -> str:
        if self.result.currentData() == AcceptanceResult.TRANSFORMED.value:
            return (self.tr("“%1”的整顿验收为“转化”：整顿结束，撤销软弱涣散标记。确定？")
                    .replace("%1", self.name))
        return self.tr("“%1”的整顿验收为“继续整顿”：整顿继续，标记保留。确定？").replace("%1", self.name)

    def call(self, session: Session) -> int:
        rc.accept(session, self.actor, self.rect_id, self.version, self.on.text(), self.result.currentData())
        return self.rect_id
