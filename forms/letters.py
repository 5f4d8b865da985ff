"""Dialogs of the 三函 page: edit a draft, record a reply, preview and print a letter's PDF."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forms.choices import enum_text
from models.errors import DomainError
from models.services.orgsearch import OrgEntry

from . import dialogs
from .common import by_pinyin, from_qdate, to_qdate
from .org_picker import OrgPicker
from .screen import GuardedDialog, fit_to_screen


class SavingDialog(GuardedDialog):
    """A form whose 保存/确定 calls `save(values)` (when given), its result kept in `saved`.

    Refused (a DomainError), the reason is shown, the field it names (a ValidationError's first
    field, by its Chinese name in `field_widgets`) gets the focus, and the dialog stays open with
    everything typed (docs/screen.md)."""

    def __init__(self, parent: QWidget | None, save: Callable[[Any], Any] | None):
        super().__init__(parent)
        self.save, self.saved = save, None
        self.field_widgets: dict[str, QWidget] = {}

    def values(self) -> Any:  # pragma: no cover - every subclass has its own
        raise NotImplementedError

    def accept(self) -> None:
        if self.save is not None:
            try:
                self.saved = self.save(self.values())
            except DomainError as exc:
                dialogs.message(self, "warning", self.windowTitle(), str(exc))
                self.focus_field(exc)
                return
        super().accept()

    def focus_field(self, exc: DomainError) -> None:
        """Put the cursor in the field a refusal names (its first one)."""
        for error in getattr(exc, "errors", []):
            widget = self.field_widgets.get(error.field)
            if widget is not None and widget.isEnabled():
                widget.setFocus()
                return


@dataclass(frozen=True)
class Ask:
    """One answer a PromptDialog asks for: `label` shown, `field` the service's name for it (its
    ValidationError's field); `choices` a drop-down (typing allowed when `editable`), else a line
    (a box when `multiline`), holding `text` at first."""

    label: str
    field: str
    choices: tuple[str, ...] | None = None
    editable: bool = False
    multiline: bool = False
    text: str = ""


class PromptDialog(SavingDialog):
    """A few short answers asked in one form where QInputDialog would close on a refusal and lose
    them: `save(values())` on 确定 (the answers as typed, in order); refused, the text stays with the
    cursor in the field the refusal names (else the first). `confirm(values())` answered no keeps the
    dialog open with everything typed."""

    def __init__(self, parent: QWidget | None, title: str, asks: list[Ask], save: Callable[[Any], Any] | None,
                 confirm: Callable[[Any], bool] | None = None):
        super().__init__(parent, save)
        self.setWindowTitle(title)
        self.confirm = confirm
        form = QFormLayout(self)
        self.inputs: list[QLineEdit | QPlainTextEdit | QComboBox] = []
        for ask in asks:
            prompt = QLabel(ask.label)
            prompt.setWordWrap(True)
            form.addRow(prompt)
            box: QLineEdit | QPlainTextEdit | QComboBox
            if ask.choices is not None:
                box = QComboBox()
                box.addItems(list(ask.choices))
                box.setEditable(ask.editable)
                if ask.text:
                    box.setCurrentText(ask.text)
            elif ask.multiline:
                box = QPlainTextEdit(ask.text)
            else:
                box = QLineEdit(ask.text)
            box.setMinimumWidth(320)
            form.addRow(box)
            self.inputs.append(box)
            self.field_widgets[ask.field] = box
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def answers(self) -> list[str]:
        return [box.currentText() if isinstance(box, QComboBox)
                else box.toPlainText() if isinstance(box, QPlainTextEdit) else box.text() for box in self.inputs]

    def values(self) -> Any:
        return self.answers()

    def accept(self) -> None:
        if self.confirm is not None and not self.confirm(self.values()):
            return  # not now: everything typed stays
        super().accept()

    def focus_field(self, exc: DomainError) -> None:
        for error in getattr(exc, "errors", []):
            widget = self.field_widgets.get(error.field)
            if widget is not None:
                widget.setFocus()
                return
        self.inputs[0].setFocus()  # whatever else the refusal says, the first answer is what to change


class ReasonDialog(PromptDialog):
    """One line asked for (a reason recorded in the log): `save(text)` on 确定; refused, the text
    stays in its box with the cursor in it. `field` is the service's name for it."""

    def __init__(self, parent: QWidget | None, title: str, label: str, field: str,
                 save: Callable[[str], Any] | None, multiline: bool = False,
                 confirm: Callable[[str], bool] | None = None):
        super().__init__(parent, title, [Ask(label, field, multiline=multiline)], save, confirm)
        box = self.inputs[0]
        assert isinstance(box, QLineEdit | QPlainTextEdit)
        self.text: QLineEdit | QPlainTextEdit = box

    def values(self) -> str:
        return self.answers()[0]


@dataclass
class DraftValues:
    title: str
    body: str
    recipient_id: int
    copies: str
    item_ids: list[int]


class LetterEditDialog(SavingDialog):
    """Edit a draft: title, body, recipient, copies and which tasks or problems it lists."""

    def __init__(
        self,
        title: str,
        body: str,
        recipients: list[tuple[int, str]],
        recipient_id: int,
        copies: str,
        items: list[tuple[int, str, bool]],
        items_label: str,
        parent: QWidget | None = None,
        save: Callable[[DraftValues], Any] | None = None,
    ):
        super().__init__(parent, save)
        self.setWindowTitle(self.tr("编辑函件草稿"))
        self.resize(720, 620)
        form = QFormLayout()
        self.title_edit = QLineEdit(title)
        form.addRow(self.tr("标题"), self.title_edit)
        self.recipient = QComboBox()
        for oid, name in by_pinyin(recipients):
            self.recipient.addItem(name, oid)
        self.recipient.setCurrentIndex(max(0, self.recipient.findData(recipient_id)))
        form.addRow(self.tr("主送"), self.recipient)
        self.copies = QLineEdit(copies)
        self.copies.setPlaceholderText(self.tr("多个单位用“、”分隔"))
        self.title_edit.setToolTip(self.tr("函件标题；文号在签发时按机关代字和年度自动编号"))
        form.addRow(self.tr("抄送"), self.copies)
        self.body = QPlainTextEdit(body)
        self.body.setToolTip(self.tr("正文每行一段；反馈时限按设置中的天数自动计算"))
        form.addRow(self.tr("正文（每行一段）"), self.body)
        self.items = QListWidget()
        for iid, text, checked in items:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, iid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.items.addItem(item)
        form.addRow(items_label, self.items)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.field_widgets = {"标题": self.title_edit, "主送": self.recipient, "抄送": self.copies,
                              "正文": self.body}

    def values(self) -> DraftValues:
        ids = []
        for i in range(self.items.count()):
            item = self.items.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                ids.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return DraftValues(
            title=self.title_edit.text(),
            body=self.body.toPlainText(),
            recipient_id=int(self.recipient.currentData()),
            copies=self.copies.text(),
            item_ids=ids,
        )


class ReplyDialog(SavingDialog):
    """登记反馈: the date and the text of the reply."""

    def __init__(self, label: str, on: date, parent: QWidget | None = None,
                 save: Callable[[tuple[date, str]], Any] | None = None):
        super().__init__(parent, save)
        self.setWindowTitle(self.tr("登记反馈"))
        form = QFormLayout(self)
        form.addRow(QLabel(label))
        self.date = QDateEdit(to_qdate(on))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        form.addRow(self.tr("反馈日期"), self.date)
        self.text = QPlainTextEdit()
        form.addRow(self.tr("反馈内容"), self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.field_widgets = {"反馈日期": self.date, "反馈内容": self.text}

    def values(self) -> tuple[date, str]:
        return from_qdate(self.date.date()), self.text.toPlainText()


def print_pdf(path: Path, parent: QWidget | None = None) -> bool:
    """Print a PDF through the system's print dialog; False when cancelled or unreadable."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    doc = QPdfDocument()
    if doc.load(str(path)) != QPdfDocument.Error.None_:
        return False
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    painter = QPainter(printer)
    try:
        for page in range(doc.pageCount()):
            if page:
                printer.newPage()
            rect = painter.viewport()
            image = doc.render(page, QSize(rect.width(), rect.height()))
            painter.drawImage(QPointF(0, 0), image)
    finally:
        painter.end()
    return True


class PdfPreview(QDialog):
    """A letter's PDF inside the program, with 打印 and 用系统程序打开."""

    def __init__(self, path: Path, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(title)
        self.resize(760, 900)
        fit_to_screen(self)  # the page scales to the width left (FitToWidth); the buttons stay on screen
        self.document = QPdfDocument(self)
        self.document.load(str(path))
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        print_button = QPushButton(self.tr("打印…"))
        print_button.clicked.connect(lambda: print_pdf(self.path, self))
        open_button = QPushButton(self.tr("用系统程序打开"))
        open_button.clicked.connect(self.open_external)
        close_button = QPushButton(self.tr("关闭"))
        close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (print_button, open_button, close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def open_external(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))


class TemplateDialog(SavingDialog):
    """The wording of one kind of letter: first line the title, each further line a paragraph."""

    def __init__(self, kind_label: str, text: str, placeholders: list[str], parent: QWidget | None = None,
                 save: Callable[[str | None], Any] | None = None):
        super().__init__(parent, save)
        self.setWindowTitle(self.tr("函件模板：") + kind_label)
        self.resize(720, 480)
        self.reset = False
        layout = QVBoxLayout(self)
        help_text = self.tr("第一行为标题，其后每行一段正文。可用占位符：") + "、".join(
            "${" + p + "}" for p in placeholders)
        label = QLabel(help_text)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.text = QPlainTextEdit(text)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self._restore)
        layout.addWidget(buttons)
        self.field_widgets = {"模板": self.text}

    def _restore(self) -> None:
        self.reset = True
        self.accept()

    def value(self) -> str | None:
        """The new wording, or None to go back to the default."""
        return None if self.reset else self.text.toPlainText()

    def values(self) -> str | None:
        return self.value()


def _note(text: str) -> QLabel:
    """A line of explanation under a form: wrapped, so a long translation never widens the form."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class ProblemDialog(SavingDialog):
    """Record a problem found: organization, date, source, category, description, severity.

    With `current` (the values of a recorded problem) it edits them, 整改时限 included; a problem
    listed in an issued letter is no longer edited here (the page refuses before opening).
    `save(values)` is called on 保存; a DomainError it raises (the same problem recorded already) is
    shown and the dialog stays open, its result in `saved` otherwise."""

    def __init__(self, orgs: list[OrgEntry], categories: list[str], sources: list[str],
                 severities: list[str], found_on: date, parent: QWidget | None = None,
                 current: dict | None = None, save: Callable[[dict], Any] | None = None,
                 today: date | None = None):
        super().__init__(parent, save)
        self.editing = current is not None
        self.setWindowTitle(self.tr("修改问题") if self.editing else self.tr("登记督查发现问题"))
        self.resize(560, 420)
        form = QFormLayout(self)
        self.org = OrgPicker(orgs, keep_room=True)  # fields below stay put as the note appears
        form.addRow(self.tr("党组织"), self.org)
        today = today or date.today()
        self.found_on = QDateEdit(to_qdate(min(found_on, today)))  # a finding is never in the future
        if current is None:
            self.found_on.setMaximumDate(to_qdate(today))
        self.found_on.setCalendarPopup(True)
        self.found_on.setDisplayFormat("yyyy-MM-dd")
        form.addRow(self.tr("发现日期"), self.found_on)
        self.source = QComboBox()
        for text in sources:  # shown in the interface's language, kept as the stored label
            self.source.addItem(enum_text(text), text)
        form.addRow(self.tr("来源"), self.source)
        self.category = QComboBox()
        self.category.addItems(categories)
        form.addRow(self.tr("问题类别"), self.category)
        self.severity = QComboBox()
        for text in severities:
            self.severity.addItem(enum_text(text), text)
        form.addRow(self.tr("严重程度"), self.severity)
        self.description = QPlainTextEdit()
        form.addRow(self.tr("问题描述"), self.description)
        self.deadline = QDateEdit(to_qdate(found_on))
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        if self.editing:
            form.addRow(self.tr("整改时限"), self.deadline)
            form.addRow(_note(self.tr("列入已签发的督办函后，整改时限以督办函为准，问题只能通过整改流程办理。")))
            self._fill(current)
        else:
            self.deadline.hide()
            form.addRow(_note(self.tr("整改时限按设置自动计算（一般问题15天，严重问题7天），可在登记后修改；"
                                       "列入督办函后自签发之日起重新计算。")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.field_widgets = {"党组织": self.org, "发现日期": self.found_on, "来源": self.source,
                              "问题类别": self.category, "严重程度": self.severity,
                              "问题描述": self.description, "整改时限": self.deadline}

    def accept(self) -> None:
        """Only an organization the text names exactly once is taken; then `save`, if any."""
        problem = self.org.problem()
        if problem:
            dialogs.message(self, "warning", self.windowTitle(), problem)
            self.org.setFocus()
            return
        super().accept()

    def _fill(self, current: dict) -> None:
        self.org.set_org(current["org_id"])
        self.found_on.setDate(to_qdate(current["found_on"]))
        self.found_on.setEnabled(False)  # the month it belongs to stays
        self.source.setCurrentIndex(max(self.source.findData(current["source"]), 0))
        self.category.setCurrentText(current["category"])
        self.severity.setCurrentIndex(max(self.severity.findData(current["severity"]), 0))
        self.description.setPlainText(current["description"])
        self.deadline.setDate(to_qdate(current["deadline"]))

    def values(self) -> dict:
        out = {
            "org_id": self.org.org().id,
            "found_on": from_qdate(self.found_on.date()),
            "source": self.source.currentData(),
            "category": self.category.currentText(),
            "severity": self.severity.currentData(),
            "description": self.description.toPlainText(),
        }
        if self.editing:
            out["deadline"] = from_qdate(self.deadline.date())
        return out


def month_end(day: date) -> date:
    """The last day of `day`'s month."""
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


class TaskDialog(SavingDialog):
    """A month task (月度重点任务): the columns of a 提示函, and the townships it is for."""

    def __init__(self, month: date, townships: list[tuple[int, str]], parent: QWidget | None = None,
                 current: dict | None = None, save: Callable[[dict], Any] | None = None,
                 today: date | None = None):
        super().__init__(parent, save)
        self.setWindowTitle(self.tr("修改月度任务") if current else self.tr("新增月度任务"))
        self.resize(600, 560)
        form = QFormLayout(self)
        self.month = QDateEdit(to_qdate(month))
        self.month.setDisplayFormat("yyyy-MM")
        form.addRow(self.tr("月份"), self.month)
        self.title = QLineEdit()
        form.addRow(self.tr("工作任务"), self.title)
        self.content = QPlainTextEdit()
        form.addRow(self.tr("主要内容"), self.content)
        self.requirements = QPlainTextEdit()
        form.addRow(self.tr("有关要求"), self.requirements)
        self.has_due = QCheckBox(self.tr("有完成时限"))
        # 完成时限 by default: the month's last day, or today when that is past (docs/screen.md)
        self.due_on = QDateEdit(to_qdate(max(month_end(month), today or date.today())))
        self.due_on.setCalendarPopup(True)
        self.due_on.setDisplayFormat("yyyy-MM-dd")
        self.has_due.toggled.connect(self.due_on.setEnabled)
        self.has_due.setChecked(True)
        due = QHBoxLayout()
        due.addWidget(self.has_due)
        due.addWidget(self.due_on, 1)
        form.addRow(self.tr("完成时限"), due)
        self.archive = QLineEdit()
        form.addRow(self.tr("存档目录"), self.archive)
        self.scope = QListWidget()
        self.scope.setToolTip(self.tr("都不勾选：全部乡镇（街道）党委"))
        for oid, name in by_pinyin(townships):
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, oid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.scope.addItem(item)
        form.addRow(self.tr("适用范围（不选为全部）"), self.scope)
        if current:
            self.set_values(current)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.field_widgets = {"月份": self.month, "工作任务": self.title, "主要内容": self.content,
                              "有关要求": self.requirements, "完成时限": self.due_on, "存档目录": self.archive}

    def set_values(self, v: dict) -> None:
        y, m = (int(x) for x in v["month"].split("-"))
        self.month.setDate(to_qdate(date(y, m, 1)))
        self.title.setText(v.get("title") or "")
        self.content.setPlainText(v.get("content") or "")
        self.requirements.setPlainText(v.get("requirements") or "")
        self.has_due.setChecked(v.get("due_on") is not None)
        if v.get("due_on") is not None:
            self.due_on.setDate(to_qdate(v["due_on"]))
        self.archive.setText(v.get("archive") or "")
        chosen = set(v.get("scope_ids") or [])
        for i in range(self.scope.count()):
            item = self.scope.item(i)
            checked = int(item.data(Qt.ItemDataRole.UserRole)) in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def values(self) -> dict:
        q = self.month.date()
        scope = [int(self.scope.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.scope.count())
                 if self.scope.item(i).checkState() == Qt.CheckState.Checked]
        return {
            "month": f"{q.year():04d}-{q.month():02d}",
            "title": self.title.text().strip(),
            "content": self.content.toPlainText().strip() or None,
            "requirements": self.requirements.toPlainText().strip() or None,
            "due_on": from_qdate(self.due_on.date()) if self.has_due.isChecked() else None,
            "archive": self.archive.text().strip() or None,
            "scope_ids": scope,
        }


class CloseProblemDialog(SavingDialog):
    """验收销号: the rectification report, who verified it, and when; refused (no 验收人), the
    dialog stays open with the text and the cursor in the field named."""

    def __init__(self, label: str, report: str, on: date, parent: QWidget | None = None,
                 save: Callable[[tuple[str, str, date]], Any] | None = None):
        super().__init__(parent, save)
        self.setWindowTitle(self.tr("验收销号"))
        form = QFormLayout(self)
        form.addRow(QLabel(label))
        self.report = QPlainTextEdit(report)
        form.addRow(self.tr("整改情况"), self.report)
        self.verifier = QLineEdit()
        form.addRow(self.tr("验收人"), self.verifier)
        self.on = QDateEdit(to_qdate(on))
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        form.addRow(self.tr("销号日期"), self.on)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.field_widgets = {"整改情况": self.report, "验收人": self.verifier, "销号日期": self.on}

    def values(self) -> tuple[str, str, date]:
        return self.report.toPlainText(), self.verifier.text(), from_qdate(self.on.date())
