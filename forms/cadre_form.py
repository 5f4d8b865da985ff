"""村干部名册 forms: register a post (village, member, post, start), correct it, end it (离任); record a
双议双评 step (商议 or 审议) for one cadre or for several decided at one meeting."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLabel, QLineEdit, QWidget
from sqlalchemy.orm import Session

from models.actor import Actor
from models.db import Database
from models.evaluation import ApprovalOutcome, CadrePost
from models.member import Member
from models.org import Organization
from models.services import cadres
from models.services import members as msvc
from models.services.orgsearch import org_entries

from .common import from_qdate, to_qdate
from .org_picker import OrgPicker
from .service_dialog import ServiceDialog


def _holder(session: Session, p: CadrePost) -> str:
    """Who holds the post: the member's name, or a non-member cadre's (marked 非党员)."""
    if p.member_id is not None:
        return session.get(Member, p.member_id).name
    return f"{p.person_name}（非党员）"


def post_choices() -> QComboBox:
    box = QComboBox()
    box.addItems(list(cadres.POSTS))
    return box


class PostDialog(ServiceDialog):
    """登记任职 (post_id None: village, member, post, date, note) or 修改任职 (post, date, note)."""

    def __init__(self, db: Database, actor: Actor, post_id: int | None = None, org_id: int | None = None,
                 today: date | None = None, parent: QWidget | None = None):
        super().__init__(db, actor, "", parent)
        self.post_id = post_id
        self.version: int | None = None
        self.setWindowTitle(self.tr("登记任职") if post_id is None else self.tr("修改任职"))
        self.setMinimumWidth(460)
        self.post = post_choices()
        self.start = QLineEdit((today or date.today()).isoformat())
        self.start.setPlaceholderText(self.tr("如 2026-03-05"))
        self.note = QLineEdit()
        if post_id is None:
            with db.session() as s:
                entries = org_entries(s, actor, holding_members=True, include_root=False)
            self.village = OrgPicker(entries)
            self.member = QComboBox()
            self.member.setObjectName("cadreMember")
            #: a cadre who is not a Party member (村委会 members often are not): name and ID number
            self.outsider = QCheckBox(self.tr("非党员（如村委会成员）"))
            self.outsider.setObjectName("cadreOutsider")
            self.person_name = QLineEdit()
            self.person_id = QLineEdit()
            self.add_field("党组织", self.tr("所在村"), self.village)
            self.add_field("非党员", self.tr("政治面貌"), self.outsider)
            self.add_field("党员", self.tr("党员"), self.member)
            self.add_field("姓名", self.tr("姓名"), self.person_name)
            self.add_field("公民身份号码", self.tr("公民身份号码"), self.person_id)
            self.outsider.toggled.connect(self._outsider_changed)
            self._outsider_changed(False)
            self.village.changed.connect(self._load_members)
            if org_id is not None:
                self.village.set_org(org_id)
        else:
            with db.session() as s:
                p = s.get(CadrePost, post_id)
                org = s.get(Organization, p.org_id)
                self.version = p.version
                self.add_text(self.tr("所在村"), org.short_name or org.name)
                self.add_text(self.tr("姓名"), _holder(s, p))
                self.post.setCurrentText(p.post)
                self.start.setText(p.start_on.isoformat())
                self.note.setText(p.note or "")
        self.add_field("职务", self.tr("职务"), self.post)
        self.add_field("任职日期", self.tr("任职日期"), self.start)
        self.add_field("备注", self.tr("备注"), self.note)
        (self.village if post_id is None else self.post).setFocus()

    def _outsider_changed(self, outsider: bool) -> None:
        self.fields["党员"].setVisible(not outsider)
        self.fields["姓名"].setVisible(outsider)
        self.fields["公民身份号码"].setVisible(outsider)

    def _load_members(self) -> None:
        """The members of the village chosen (its branch and below), by pinyin."""
        oid = self.village.org_id()
        current = self.member.currentData()
        self.member.clear()
        if oid is None:
            return
        with self.db.session() as s:
            rows = msvc.roster_rows(s, self.actor, org_id=oid)
        rows.sort(key=lambda r: (r[msvc.R_INITIALS] or "", r[msvc.R_ID]))
        names = [r[msvc.R_NAME] for r in rows]
        for r in rows:
            label = r[msvc.R_NAME]
            if names.count(label) > 1:  # two of a name: the last digits of the ID number tell them apart
                label += self.tr("（尾号%1）").replace("%1", r[msvc.R_ID_NUMBER][-4:])
            self.member.addItem(label, r[msvc.R_ID])
        i = self.member.findData(current)
        self.member.setCurrentIndex(max(i, 0))

    def check(self) -> bool:
        if self.post_id is not None:
            return True
        problem = self.village.problem()
        if problem:
            self.fields["党组织"].set_error(problem)
            self.village.setFocus()
            return False
        if not self.outsider.isChecked() and self.member.currentData() is None:
            self.fields["党员"].set_error(self.tr("该党组织没有党员可选"))
            return False
        return True

    def call(self, session: Session) -> int:
        if self.post_id is None and self.outsider.isChecked():
            p = cadres.add_person_post(session, self.actor, self.person_name.text(), self.person_id.text(),
                                       self.village.org_id(), self.post.currentText(), self.start.text(),
                                       self.note.text())
        elif self.post_id is None:
            p = cadres.add_post(session, self.actor, self.member.currentData(), self.post.currentText(),
                                self.start.text(), self.village.org_id(), self.note.text())
        else:
            p = cadres.update_post(session, self.actor, self.post_id, self.version, self.post.currentText(),
                                   self.start.text(), self.note.text())
        return p.id


class EndPostDialog(ServiceDialog):
    """离任: the date the post ended (asks first: it cannot be taken back)."""

    def __init__(self, db: Database, actor: Actor, post_id: int, today: date | None = None,
                 parent: QWidget | None = None):
        super().__init__(db, actor, "", parent)
        self.setWindowTitle(self.tr("离任"))
        self.setMinimumWidth(420)
        self.post_id = post_id
        with db.session() as s:
            p = s.get(CadrePost, post_id)
            org = s.get(Organization, p.org_id)
            self.version = p.version
            self.name, self.village, self.post = _holder(s, p), org.short_name or org.name, p.post
            start = p.start_on
        self.add_text(self.tr("任职"), f"{self.name}　{self.village}{self.post}（{start.isoformat()}起）")
        self.end = QLineEdit((today or date.today()).isoformat())
        self.add_field("离任日期", self.tr("离任日期"), self.end)
        self.end.setFocus()
        self.end.selectAll()

    def question(self) -> str:
        return (self.tr("“%1”于%2离任%3？离任后不能撤回。").replace("%1", self.name)
                .replace("%2", self.end.text().strip()).replace("%3", self.village + self.post))

    def call(self, session: Session) -> int:
        return cadres.end_post(session, self.actor, self.post_id, self.version, self.end.text()).id


def names_text(names: list[str], limit: int = 30) -> str:
    """Names "、"-joined; past `limit`, the first ones and how many in all."""
    if len(names) <= limit:
        return "、".join(names)
    return QCoreApplication.translate("ApprovalDialog", "%1等%2名").replace(
        "%1", "、".join(names[:limit])).replace("%2", str(len(names)))


class ApprovalDialog(ServiceDialog):
    """记录商议/审议: one meeting's result (step, date, 同意/不同意, deciding body, note) for one cadre or
    for several at once. The cadres it applies to are named at the top; for several the clerk is
    asked before anything is written, and nothing is written when any one is refused (the service's
    message names that cadre). A cadre that differs is recorded afterwards on their own."""

    def __init__(self, db: Database, actor: Actor, targets: list[tuple[int, str]], steps: list[str],
                 step: str | None = None, skipped: list[str] | None = None, today: date | None = None,
                 parent: QWidget | None = None):
        super().__init__(db, actor, "", parent)
        self.setWindowTitle(self.tr("记录商议/审议"))
        self.setMinimumWidth(480)
        #: (sheet id, name shown) of the cadres the result is recorded for
        self.targets = list(targets)
        self.skipped = list(skipped or [])
        self.summary = QLabel()
        self.summary.setObjectName("approvalSummary")
        self.summary.setProperty("data", True)  # names of people: data, not chrome
        self.summary.setWordWrap(True)
        self.form.addRow(self.summary)
        self.step = QComboBox()
        self.step.addItems(steps)
        if step in steps:
            self.step.setCurrentText(step)
        #: the day it was decided (a meeting is often recorded days later); today by default
        self.on = QDateEdit(to_qdate(today or date.today()))
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.outcome = QComboBox()
        self.outcome.addItems([o.value for o in ApprovalOutcome])
        self.body = QLineEdit()
        self.body.setPlaceholderText(self.tr("如 红星村党员群众大会、东城镇党委会"))
        #: what was put to the meeting (the year's targets, the 承诺 …): recorded with each approval
        self.matter = QLineEdit()
        self.matter.setPlaceholderText(self.tr("如 2026年度工作目标和公开承诺"))
        self.note = QLineEdit()
        self.add_field("环节", self.tr("环节"), self.step)
        self.add_field("日期", self.tr("日期"), self.on)
        self.add_field("结果", self.tr("结果"), self.outcome)
        self.add_field("决定机关", self.tr("决定机关"), self.body)
        self.add_field("商议事项", self.tr("商议事项"), self.matter)
        self.add_field("说明", self.tr("说明"), self.note)
        self.step.currentIndexChanged.connect(self._show_summary)
        self._show_summary()
        self.body.setFocus()

    def names(self) -> str:
        return names_text([name for _sid, name in self.targets])

    def _show_summary(self, *_args: object) -> None:
        step = self.step.currentText()
        if len(self.targets) == 1:
            text = self.tr("将为“%1”记录%2结果。").replace("%1", self.targets[0][1]).replace("%2", step)
        else:
            text = (self.tr("将为以下 %1 名村干部记录%2结果：%3").replace("%1", str(len(self.targets)))
                    .replace("%2", step).replace("%3", self.names()))
        if self.skipped:
            text += "\n" + self.tr("不在本轮评价中，不记录：%1").replace("%1", names_text(self.skipped))
        self.summary.setText(text)

    def check(self) -> bool:
        if not self.targets:
            self.summary.setText(self.tr("没有可记录的村干部：请先选中本轮评价中的村干部"))
            return False
        return True

    def question(self) -> str | None:
        """Several cadres: asked once more, with the result, before anything is written."""
        if len(self.targets) < 2:
            return None
        matter = self.matter.text().strip()
        result = "，".join(p for p in (self.outcome.currentText(), from_qdate(self.on.date()).isoformat(),
                                      self.body.text().strip(), f"事项：{matter}" if matter else "") if p)
        return (self.tr("将为以下 %1 名村干部记录%2结果（%3）：%4。确定记录？")
                .replace("%1", str(len(self.targets))).replace("%2", self.step.currentText())
                .replace("%3", result).replace("%4", self.names()))

    def call(self, session: Session) -> int:
        done = cadres.record_approvals(session, self.actor, [sid for sid, _name in self.targets],
                                       self.step.currentText(), from_qdate(self.on.date()), self.body.text(),
                                       self.outcome.currentText(), self.note.text(), self.matter.text())
        return len(done)
