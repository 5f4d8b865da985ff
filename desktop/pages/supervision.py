"""三函督办: the month at a glance (tasks, problems with lights, letters by status) and the letters.

Every button opens one session, calls the same service function the CLI calls, and reloads.
"""

from __future__ import annotations

import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.import_dialog import open_import_wizard
from desktop.pages.findings_tab import FindingsTab
from desktop.tablemodels import LIGHT_COLOURS, ListModel, kept_selection
from desktop.tables import fit_table
from forms import dialogs
from forms.choices import enum_text
from forms.common import add_buttons, from_qdate, gate, to_qdate
from forms.flow import FlowLayout
from forms.letters import (
    Ask,
    CloseProblemDialog,
    LetterEditDialog,
    PdfPreview,
    ProblemDialog,
    ReplyDialog,
    SavingDialog,
    TaskDialog,
    TemplateDialog,
    print_pdf,
)
from models.enums import OrgStatus
from models.errors import DomainError
from models.services import supervision as sv
from models.services.orgs import township_id_of_path, townships
from models.supervision import (
    Letter,
    LetterKind,
    LetterStatus,
    Problem,
    ProblemSource,
    ProblemStatus,
    Severity,
)

KEY = "supervision"
TITLE = "三函督办"

STATUS_ORDER = {s: i for i, s in enumerate(LetterStatus)}
#: the kinds of letter, marked for lupdate (the draft summary names them)
KIND_NAMES = [QT_TRANSLATE_NOOP("LetterKind", "提示函"), QT_TRANSLATE_NOOP("LetterKind", "督办函"),
              QT_TRANSLATE_NOOP("LetterKind", "预警函")]
KIND_ORDER = {k: i for i, k in enumerate(LetterKind)}
Index = QModelIndex | QPersistentModelIndex


#: button → the operation it runs (buttons not named only read)
BUTTON_OPERATIONS = {
    "draft": "letters.draft", "edit": "letters.edit", "issue": "letters.issue", "void": "letters.void",
    "reply": "letters.reply", "finish": "letters.finish", "templates": "letters.templates",
    "add_problem": "problem.add", "edit_problem": "problem.edit", "advance": "problem.advance",
    "close": "problem.close", "withdraw_problem": "problem.withdraw", "restore_problem": "problem.restore",
    "import_problems": "problem.import",
    "add_task": "task.add", "edit_task": "task.edit", "withdraw_task": "task.withdraw",
    "restore_task": "task.restore", "import_tasks": "task.import",
    "report_task": "task.report", "withdraw_evidence": "task.report", "confirm_receipt": "task.confirm",
    "decide": "accountability.decide", "assessment": "report.county",
}


@dataclass
class Row:
    id: int
    cells: list[str]
    colours: dict[int, QColor] = field(default_factory=dict)
    #: a cell's tooltip when it says more than the cell (else the cell's text)
    tips: dict[int, str] = field(default_factory=dict)


class RowsModel(ListModel):
    """Rows of text with an id each, and optional cell colours (the lights)."""

    rows: list[Row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return enum_text(row.tips.get(index.column(), row.cells[index.column()]))
        if role == Qt.ItemDataRole.DisplayRole:
            return enum_text(row.cells[index.column()])
        if role == Qt.ItemDataRole.BackgroundRole:
            return row.colours.get(index.column())
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def id_at(self, row: int) -> int | None:
        return self.rows[row].id if 0 <= row < len(self.rows) else None


TASK_HEADERS = [
    QT_TRANSLATE_NOOP("headers", "工作任务"), QT_TRANSLATE_NOOP("headers", "主要内容"),
    QT_TRANSLATE_NOOP("headers", "有关要求"), QT_TRANSLATE_NOOP("headers", "完成时限"),
    QT_TRANSLATE_NOOP("headers", "存档目录"), QT_TRANSLATE_NOOP("headers", "适用范围"),
]
PROBLEM_HEADERS = [
    QT_TRANSLATE_NOOP("headers", "发现日期"), QT_TRANSLATE_NOOP("headers", "党组织"),
    QT_TRANSLATE_NOOP("headers", "所属乡镇"), QT_TRANSLATE_NOOP("headers", "问题类别"),
    QT_TRANSLATE_NOOP("headers", "严重程度"), QT_TRANSLATE_NOOP("headers", "问题描述"),
    QT_TRANSLATE_NOOP("headers", "整改时限"), QT_TRANSLATE_NOOP("headers", "状态"),
    QT_TRANSLATE_NOOP("headers", "督办"),
]
LETTER_HEADERS = [
    QT_TRANSLATE_NOOP("headers", "状态"), QT_TRANSLATE_NOOP("headers", "类别"),
    QT_TRANSLATE_NOOP("headers", "文号"), QT_TRANSLATE_NOOP("headers", "主送"),
    QT_TRANSLATE_NOOP("headers", "标题"), QT_TRANSLATE_NOOP("headers", "事项"),
    QT_TRANSLATE_NOOP("headers", "签发日期"), QT_TRANSLATE_NOOP("headers", "反馈时限"),
    QT_TRANSLATE_NOOP("headers", "反馈日期"),
]

CASE_HEADERS = [
    QT_TRANSLATE_NOOP("headers", "编号"), QT_TRANSLATE_NOOP("headers", "乡镇（单位）"),
    QT_TRANSLATE_NOOP("headers", "预警函"), QT_TRANSLATE_NOOP("headers", "最后整改期限"),
    QT_TRANSLATE_NOOP("headers", "年内次数"), QT_TRANSLATE_NOOP("headers", "建议措施"),
    QT_TRANSLATE_NOOP("headers", "决定"), QT_TRANSLATE_NOOP("headers", "未整改问题（督办函）"),
]


class DecideDialog(SavingDialog):
    """决定 a 问责查办 case: the measure taken (the proposed one offered), the date, a note.
    `save(values())` on 确定; refused, the dialog stays open as typed, the field named focused."""

    def __init__(self, label: str, proposed: str, on: date, parent: QWidget | None = None,
                 save: Any = None):
        from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLineEdit, QPlainTextEdit

        super().__init__(parent, save)
        self.setWindowTitle(self.tr("决定问责查办"))
        self.measure = QLineEdit(proposed)
        self.on = QDateEdit(to_qdate(on))
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.on.setCalendarPopup(True)
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(70)
        form = QFormLayout(self)
        form.addRow(QLabel(label))
        form.addRow(self.tr("问责措施"), self.measure)
        form.addRow(self.tr("决定日期"), self.on)
        form.addRow(self.tr("备注"), self.note)
        form.addRow(QLabel(self.tr("决定后不能更改。")))
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        form.addRow(box)
        self.field_widgets = {"措施": self.measure, "决定日期": self.on, "备注": self.note}

    def values(self) -> tuple[str, date, str]:
        return self.measure.text().strip(), from_qdate(self.on.date()), self.note.toPlainText().strip()


#: the background of a withdrawn task's or problem's row (shown only when asked)
WITHDRAWN_COLOUR = QColor("#e6e6e6")


def _mark_withdrawn(row: Row, col: int, mark: str, tip: str) -> None:
    """A withdrawn task's or problem's row: marked in its title cell (with `tip`), greyed."""
    row.cells[col] = mark + row.cells[col]
    row.tips[col] = tip
    row.colours = dict.fromkeys(range(len(row.cells)), WITHDRAWN_COLOUR)


def _d(d: date | None) -> str:
    return d.isoformat() if d else ""


def _table(model: RowsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return fit_table(view)  # columns fitted to 1024 wide, long text elided with its tooltip


class SupervisionPage(QWidget):
    def __init__(self, ctx: AppContext, today: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or date.today()
        self._pdf_dir = tempfile.TemporaryDirectory(prefix="dangjian-letters-")
        self.preview: PdfPreview | None = None

        self.month = QDateEdit(QDate(self.today.year, self.today.month, 1))
        self.month.setDisplayFormat("yyyy-MM")
        self.month.dateChanged.connect(lambda _d: self.clear_filter())
        self.as_of = QDateEdit(to_qdate(self.today))
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.setCalendarPopup(True)
        self.as_of.dateChanged.connect(lambda _d: self.reload())
        top = FlowLayout()
        top.addWidget(QLabel(self.tr("月份")))
        top.addWidget(self.month)
        top.addWidget(QLabel(self.tr("截至")))
        top.addWidget(self.as_of)
        # records opened from elsewhere (the dashboard): a filter shown here until cleared
        self.problem_filter: list[int] | None = None
        self.letter_filter: list[int] | None = None
        self.filter_label = QLabel()
        self.filter_label.setObjectName("filterLabel")
        self.filter_label.setStyleSheet("color: #b35900;")
        self.clear_button = QPushButton(self.tr("清除筛选"))
        self.clear_button.clicked.connect(lambda _c=False: self.clear_filter())
        top.addWidget(self.filter_label)
        top.addWidget(self.clear_button)
        self.filter_label.hide()
        self.clear_button.hide()
        top.addStretch(1)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setProperty("data", True)  # quotes the month and the letters' statuses

        self.tasks = RowsModel(TASK_HEADERS, self)
        self.problems = RowsModel(PROBLEM_HEADERS, self)
        self.letters = RowsModel(LETTER_HEADERS, self)
        self.task_view = _table(self.tasks)
        self.problem_view = _table(self.problems)
        self.letter_view = _table(self.letters)
        self.letter_view.doubleClicked.connect(lambda _i: self.preview_selected())

        letters_tab = QWidget()
        buttons = FlowLayout()
        self.buttons = add_buttons(buttons, (
            ("draft", self.tr("起草本月函件"), self.draft),
            ("edit", self.tr("编辑草稿…"), self.edit_selected),
            ("issue", self.tr("签发选中的草稿"), self.issue_selected),
            ("void", self.tr("作废…"), self.void_selected),
            ("reply", self.tr("登记反馈…"), self.reply_selected),
            ("finish", self.tr("办结"), self.finish_selected),
            ("preview", self.tr("预览PDF"), self.preview_selected),
            ("print", self.tr("打印…"), self.print_selected),
            ("templates", self.tr("函件模板…"), self.edit_template),
            ("export_pdfs", self.tr("导出本月函件PDF…"), self.export_month_pdfs),
        ))
        buttons.addStretch(1)
        lt = QVBoxLayout(letters_tab)
        lt.addLayout(buttons)
        lt.addWidget(self.letter_view)

        problems_tab = QWidget()
        pbuttons = FlowLayout()
        problem_buttons = add_buttons(pbuttons, (
            ("add_problem", self.tr("登记问题…"), self.add_problem),
            ("edit_problem", self.tr("修改问题…"), self.edit_problem),
            ("advance", self.tr("推进整改"), self.advance_selected),
            ("close", self.tr("验收销号…"), self.close_selected),
            ("withdraw_problem", self.tr("撤销问题…"), self.withdraw_problem),
            ("restore_problem", self.tr("恢复问题…"), self.restore_problem),
            ("import_problems", self.tr("导入问题…"), self.import_problems),
        ))
        self.buttons.update(problem_buttons)
        # withdrawn problems stay on record: shown on request (greyed), so a withdrawal can be undone
        self.show_withdrawn_problems = QCheckBox(self.tr("显示已撤销的问题"))
        self.show_withdrawn_problems.toggled.connect(lambda _on: self.reload())
        pbuttons.addWidget(self.show_withdrawn_problems)
        pbuttons.addStretch(1)
        pt = QVBoxLayout(problems_tab)
        pt.addLayout(pbuttons)
        pt.addWidget(self.problem_view)

        tasks_tab = QWidget()
        # the selected task's receipts (docs/task-receipts.md)
        from .task_receipts import ReceiptsPanel

        self.receipts = ReceiptsPanel(self)
        tbuttons = FlowLayout()
        task_buttons = add_buttons(tbuttons, (
            ("add_task", self.tr("新增任务…"), self.add_task),
            ("edit_task", self.tr("修改任务…"), self.edit_task),
            ("withdraw_task", self.tr("撤回任务…"), self.withdraw_task),
            ("restore_task", self.tr("恢复任务…"), self.restore_task),
            ("import_tasks", self.tr("导入任务…"), self.import_tasks),
            ("report_task", self.tr("报送完成情况…"), self.receipts.report),
        ))
        self.buttons.update(task_buttons | self.receipts.buttons)
        # withdrawn tasks stay on record: shown on request (greyed), so a withdrawal can be undone
        self.show_withdrawn = QCheckBox(self.tr("显示已撤回的任务"))
        self.show_withdrawn.toggled.connect(lambda _on: self.reload())
        tbuttons.addWidget(self.show_withdrawn)
        tbuttons.addStretch(1)
        tt = QVBoxLayout(tasks_tab)
        tt.addLayout(tbuttons)
        task_split = QSplitter(Qt.Orientation.Vertical)
        task_split.addWidget(self.task_view)
        task_split.addWidget(self.receipts)
        task_split.setStretchFactor(0, 2)
        task_split.setStretchFactor(1, 3)
        tt.addWidget(task_split)
        self.task_view.selectionModel().selectionChanged.connect(lambda *_a: self.receipts.reload())

        # 问责查办: 预警函 whose final deadline passed with problems still open (docs/accountability.md)
        self.cases = RowsModel(CASE_HEADERS, self)
        self.case_view = _table(self.cases)
        self.case_view.doubleClicked.connect(lambda _i: self.decide_selected())
        cases_tab = QWidget()
        cbuttons = FlowLayout()
        self.buttons.update(add_buttons(cbuttons, (
            ("decide", self.tr("决定…"), self.decide_selected),
            ("assessment", self.tr("导出年度考核…"), self.export_assessment),
        )))
        cbuttons.addStretch(1)
        ct = QVBoxLayout(cases_tab)
        ct.addLayout(cbuttons)
        ct.addWidget(self.case_view)
        self._explain_disabled()

        self.tabs = QTabWidget()
        self.tabs.addTab(letters_tab, self.tr("函件"))
        self.tabs.addTab(tasks_tab, self.tr("月度任务"))
        self.tabs.addTab(problems_tab, self.tr("问题与红黄灯"))
        self.tabs.addTab(cases_tab, self.tr("问责查办"))
        self.findings_tab = FindingsTab(ctx, self.month_key, self.as_of_date, self.reload)
        self.tabs.addTab(self.findings_tab, self.tr("数据核查"))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self.reload()

    def _explain_disabled(self) -> None:
        """Each button runs one declared operation: enabled when the account has its duty, else
        disabled with the reason as its tip (models/operations.py)."""
        for key, button in self.buttons.items():
            if key in BUTTON_OPERATIONS:
                gate(button, self.ctx.actor, BUTTON_OPERATIONS[key])

    # ------------------------------------------------------------ state

    def month_key(self) -> str:
        d = self.month.date()
        return f"{d.year():04d}-{d.month():02d}"

    def set_month(self, month: str, as_of: date | None = None) -> None:
        y, m = (int(x) for x in month.split("-"))
        self.month.blockSignals(True)
        self.month.setDate(QDate(y, m, 1))
        self.month.blockSignals(False)
        if as_of is not None:
            self.as_of.blockSignals(True)
            self.as_of.setDate(to_qdate(as_of))
            self.as_of.blockSignals(False)
        self.reload()

    def as_of_date(self) -> date:
        return from_qdate(self.as_of.date())

    def reload(self) -> None:
        """Read the month again; the rows selected before stay selected (by id)."""
        month, as_of = self.month_key(), self.as_of_date()
        views = [(v, m) for v, m in ((getattr(self, "letter_view", None), self.letters),
                                      (getattr(self, "task_view", None), self.tasks),
                                      (getattr(self, "problem_view", None), self.problems),
                                      (getattr(self, "case_view", None), getattr(self, "cases", None)))
                 if v is not None]
        with ExitStack() as keep:
            for view, model in views:
                keep.enter_context(kept_selection(view, model.id_at))
            self.ctx.read(lambda s: self._load(s, month, as_of))
        if hasattr(self, "receipts"):
            self.receipts.reload()
        if hasattr(self, "findings_tab"):
            self.findings_tab.reload()

    @staticmethod
    def _selected_ids(view: QTableView, model: RowsModel) -> list[int]:
        rows = sorted({i.row() for i in view.selectionModel().selectedRows()})
        return [i for i in (model.id_at(r) for r in rows) if i is not None]

    def _load(self, session, month: str, as_of: date) -> None:
        yellow, orange = sv.light_days(session)
        towns = townships(session, include_dissolved=True)
        town_names = {t.id: t.short_name or t.name for t in towns}

        def ticked(name: str) -> bool:  # the check boxes are made after the first reload
            box = getattr(self, name, None)
            return box is not None and box.isChecked()

        tasks = sv.month_tasks(session, month, include_withdrawn=ticked("show_withdrawn"))
        task_rows = []
        for t in tasks:
            row = Row(t.id, [t.title, t.content or "", t.requirements or "", _d(t.due_on), t.archive or "",
                             self.tr("全部") if t.all_townships else "、".join(o.short_name or o.name for o in t.scope)])
            if t.withdrawn:
                _mark_withdrawn(row, 0, self.tr("（已撤回）"),
                                self.tr("已撤回：不再写入提示函；选中后点“恢复任务…”可撤销撤回"))
            task_rows.append(row)
        if self.problem_filter is not None:
            found = sv.problems_by_ids(session, self.ctx.actor, self.problem_filter)
        else:
            found = sv.problems_found(session, self.ctx.actor, month,
                                      include_withdrawn=ticked("show_withdrawn_problems"))
        every_supervised = sv.supervised_problem_ids(session)
        supervised = every_supervised & {p.id for p in found}
        waiting = sv.waiting_below_threshold(session, self.ctx.actor, month, [p.id for p in found],
                                             supervised=every_supervised,
                                             active_townships=[t for t in towns if t.status == OrgStatus.ACTIVE])
        problem_rows, withdrawn_rows, overdue = [], [], 0
        for p in found:
            row = Row(p.id, [_d(p.found_on), p.org.short_name or p.org.name,
                             town_names.get(township_id_of_path(p.org.path), ""), p.category, p.severity.value,
                             p.description, _d(p.deadline), p.status.value, ""])
            if not p.in_force:
                row.cells[7] = self.tr("已撤销")
                _mark_withdrawn(row, 5, self.tr("（已撤销）"),
                                self.tr("已撤销：不计入督办函、红黄灯和统计；选中后点“恢复问题…”可恢复"))
                withdrawn_rows.append(row)
                continue
            lamp = sv.light(p.deadline, p.closed, as_of, yellow, orange)
            overdue += lamp == sv.Light.RED
            why = waiting.get(p.id)
            if lamp:
                row.cells[6] += f"（{enum_text(lamp)}）"
                row.colours[6] = LIGHT_COLOURS[lamp]
            row.cells[8] = (self.tr("已督办") if p.id in supervised
                            else self.tr("待累计（未达督办函起点）") if why else "")
            if why:
                row.tips[8] = self.tr(
                    "{township}本月未督办的问题：一般{ordinary}个、严重{serious}个；督办函起点：一般{min_ordinary}个"
                    "或严重{min_serious}个。未达起点的问题暂不发督办函，下月继续累计。").format(
                    township=why.township, ordinary=why.ordinary, serious=why.serious,
                    min_ordinary=why.min_ordinary, min_serious=why.min_serious)
            problem_rows.append(row)
        chosen = (sv.letters_of(session, self.ctx.actor, ids=self.letter_filter) if self.letter_filter is not None
                  else sv.letters_of(session, self.ctx.actor, month=month))
        letters = sorted(chosen,
                         key=lambda x: (STATUS_ORDER[x.status], KIND_ORDER[x.kind], x.seq or 0, x.id))
        letter_rows = []
        for x in letters:
            count = (self.tr("{0}项任务").format(len(x.tasks)) if x.kind == LetterKind.REMINDER
                     else self.tr("{0}个问题").format(len(x.problems)))
            row = Row(x.id, [x.status.value, x.kind.value, x.number or self.tr("草稿{0}").format(x.id), x.recipient.name,
                             x.title, count, _d(x.issued_on), _d(x.reply_deadline), _d(x.reply_on)])
            if x.status == LetterStatus.ISSUED:
                lamp = sv.light(x.reply_deadline, False, as_of, yellow, orange)
                if lamp:
                    row.colours[7] = LIGHT_COLOURS[lamp]
            letter_rows.append(row)
        by_status: dict[str, int] = {}
        for x in letters:
            by_status[x.status.value] = by_status.get(x.status.value, 0) + 1
        closed = sum(1 for r in problem_rows if r.cells[7] == ProblemStatus.CLOSED.value)
        self.tasks.set_rows(task_rows)
        active_tasks = sum(not t.withdrawn for t in tasks)
        self.problems.set_rows(problem_rows + withdrawn_rows)
        self.letters.set_rows(letter_rows)
        if getattr(self, "cases", None) is not None:
            self.cases.set_rows(self._case_rows(session, as_of))
        status_text = self.tr("，").join(self.tr("{0}{1}份").format(enum_text(k), v)
                                        for k, v in by_status.items()) or self.tr("无")
        year, month_no = (int(x) for x in month.split("-"))
        self.summary.setText(self.tr("{month}：重点任务{tasks}项；发现问题{problems}个，已销号{closed}个，逾期{overdue}个；函件：{letters}").format(
            month=self.tr("{0}年{1}月").format(year, month_no), tasks=active_tasks, problems=len(problem_rows), closed=closed,
            overdue=overdue, letters=status_text))

    def _case_rows(self, session, as_of: date) -> list[Row]:
        rows = []
        for c in sv.accountability_cases(session, self.ctx.actor, as_of):
            problems = "；".join(f"{desc}（{number}）" if number else desc for _i, desc, number, _c in c.problems)
            row = Row(c.id, [str(c.id), c.township, c.letter_number, _d(c.final_deadline),
                             self.tr("第{0}次").format(c.ordinal), c.proposed,
                             c.state if c.decided else self.tr("待决定"), problems])
            if c.note:
                row.tips[6] = c.note
            if not c.decided:
                row.colours[3] = LIGHT_COLOURS[sv.Light.RED]
            rows.append(row)
        return rows

    # ------------------------------------------------------------ 问责查办

    def select_case(self, case_id: int) -> None:
        for r, row in enumerate(self.cases.rows):
            if row.id == case_id:
                self.case_view.selectRow(r)
                return

    def show_case(self, case_id: int) -> None:
        """Opened from the dashboard: the 问责查办 tab with the case selected."""
        self.tabs.setCurrentIndex(self.tabs.count() - 1)
        self.reload()
        self.select_case(case_id)

    def decide_selected(self, measure: str | None = None, on: date | None = None, note: str | None = None) -> bool:
        """决定…: the measure (the proposed one offered), date and note; recorded once, audited."""
        ids = self._selected_ids(self.case_view, self.cases)
        if len(ids) != 1:
            self.ctx.show_error(self.tr("请先选中一起问责查办"))
            return False
        case_id = ids[0]
        row = next(r for r in self.cases.rows if r.id == case_id)
        if measure is None:
            dialog = DecideDialog(f"{row.cells[1]} {row.cells[2]}：{row.cells[7]}", row.cells[5],
                                  self.as_of_date(), self, save=lambda v: self._commit(
                                      "accountability.decide", lambda s: sv.decide_case(
                                          s, self.ctx.actor, case_id, v[0], v[1], v[2])))
            self.decide_dialog = dialog
            return dialog.exec() == QDialog.DialogCode.Accepted
        when = on or self.as_of_date()
        return self._act("accountability.decide", lambda s: sv.decide_case(s, self.ctx.actor, case_id, measure, when, note)) is not None

    def export_assessment(self, year: int | None = None, path: str | Path | None = None) -> Any:
        """导出年度考核…: the yearly 三函 assessment workbook (reports/assessment_xlsx.py)."""
        from desktop import exports

        return exports.export_assessment(self.ctx, self, year, path, self.as_of_date())

    # ------------------------------------------------------------ opened from elsewhere

    def show_records(self, problem_id: int | None = None, letter_id: int | None = None,
                     problem_ids: list[int] | None = None, letter_ids: list[int] | None = None,
                     caption: str = "") -> None:
        """Show the records behind a dashboard row or bar.

        problem_id / letter_id: its month, the right tab, the row selected. problem_ids / letter_ids:
        only those (a filter named by caption, until 清除筛选 or another month).
        """
        self.problem_filter = self.letter_filter = None
        if problem_id is not None or letter_id is not None:
            if problem_id is not None:
                found_on = self.ctx.read(lambda s: s.get(Problem, problem_id).found_on)
                month = f"{found_on.year:04d}-{found_on.month:02d}"
            else:
                month = self.ctx.read(lambda s: sv.get_letter(s, self.ctx.actor, letter_id).month)
            self._show_filter("")
            self.set_month(month)
            if problem_id is not None:
                self.tabs.setCurrentIndex(2)
                self.select_problem(problem_id)
            else:
                self.tabs.setCurrentIndex(0)
                self.select_letter(letter_id)
            return
        self.problem_filter, self.letter_filter = problem_ids, letter_ids
        self._show_filter(caption or self.tr("筛选"))
        self.reload()
        self.tabs.setCurrentIndex(2 if problem_ids is not None else 0)

    def _show_filter(self, caption: str) -> None:
        self.filter_label.setText(self.tr("仅显示：") + caption if caption else "")
        self.filter_label.setVisible(bool(caption))
        self.clear_button.setVisible(bool(caption))

    def clear_filter(self) -> None:
        self.problem_filter = self.letter_filter = None
        self._show_filter("")
        self.reload()

    def export_month_pdfs(self, folder: str | Path | None = None) -> Any:
        """Every sent letter of the month as PDF, in the background (desktop.worker)."""
        from desktop import exports

        self.export_task = exports.export_letters(self.ctx, self, self.month_key(), folder)
        return self.export_task

    def selected_letter_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.letter_view.selectionModel().selectedRows()})
        return [i for i in (self.letters.id_at(r) for r in rows) if i is not None]

    def select_letter(self, letter_id: int) -> None:
        for r, row in enumerate(self.letters.rows):
            if row.id == letter_id:
                self.letter_view.selectRow(r)
                return

    def _act(self, operation: str, fn) -> Any:
        """One user action through the window's runner (AppContext.run): refused with the reason
        without the duty, one transaction, expected trouble as a message (None returned), reload."""
        result = self.ctx.run(operation, fn)
        if result is not None:
            self.reload()
        return result

    def _commit(self, operation: str, fn) -> Any:
        """The same for a dialog that keeps the typing (AppContext.commit): a DomainError (a refusal
        included) goes to the dialog, which shows it on its field and stays open."""
        result = self.ctx.commit(operation, fn)
        self.reload()
        return result

    def _ask(self, operation: str, title: str, label: str, field: str, save, multiline: bool = False,
             confirm=None) -> bool:
        """A reason or a report asked in a form (AppContext.ask) whose 确定 runs `save(session, text)`
        and reloads: refused, the text stays; an account without the duty is told before typing."""
        self.reason_dialog = self.ctx.ask(self, operation, title, [Ask(label, field, multiline=multiline)], save, confirm,
                                          done=lambda _result: self.reload())
        return self.reason_dialog is not None and self.reason_dialog.result() == QDialog.DialogCode.Accepted

    def _one(self) -> int | None:
        ids = self.selected_letter_ids()
        if len(ids) != 1:
            self.ctx.show_error(self.tr("请先选中一份函件"))
            return None
        return ids[0]

    # ------------------------------------------------------------ actions

    def draft(self) -> list[int] | None:
        """起草本月函件, ending with one line in the status bar: how many of each kind were drafted
        or extended, or that nothing was due."""
        month, as_of = self.month_key(), self.as_of_date()
        drafted = self._act("letters.draft", lambda s: [(x.id, x.kind) for x in sv.draft_letters(s, self.ctx.actor, month, as_of)])
        if drafted is None:
            return None
        if drafted:
            kinds = "、".join(f"{QCoreApplication.translate('LetterKind', k.value)}{n}" for k in LetterKind
                             if (n := sum(1 for _id, kind in drafted if kind == k)))
            self.ctx.status(self.tr("已起草或补充{n}份函件草稿（{kinds}），请核对后签发")
                            .replace("{n}", str(len(drafted))).replace("{kinds}", kinds))
        else:
            self.ctx.status(self.tr("本月没有需要起草的函件：应列入的任务和问题都已列入函件"))
        return [letter_id for letter_id, _kind in drafted]

    def issue_selected(self, on: date | None = None, reason: str | None = None) -> list[str] | None:
        """签发: asks first, then says which numbers were given; the letters stay selected. The
        issue date is today; an earlier one (a past month's letters) asks for the reason."""
        ids = self.selected_letter_ids()
        if not ids:
            self.ctx.show_error(self.tr("请先选中要签发的草稿"))
            return None
        on = on or self.today
        def read(session) -> tuple[list[str], str | None]:
            from reports.letters import missing_characters_warning

            letters = sv.letters_of(session, self.ctx.actor, ids=ids)
            return [sv.letter_label(x) for x in letters], missing_characters_warning(session, letters)

        labels, missing = self.ctx.read(read)
        question = (self.tr("签发以下{n}份函件，签发日期{date}？").replace("{n}", str(len(ids)))
                    .replace("{date}", sv.date_text(on)) + "\n" + "、".join(labels) + "\n"
                    + self.tr("签发后自动编号，不能再修改；督办函所列问题的整改时限自签发之日起计算。"))
        if missing:  # told before issuing: a character no installed font has would print blank
            question += "\n\n" + missing
        def issue(s, why: str | None) -> list[str]:
            return [x.number for x in sv.issue_letters(s, self.ctx.actor, ids, on, why, today=self.today)]

        if on < self.today and reason is None:  # 补签: the reason asked in a form that keeps it when refused
            if not self._ask("letters.issue", self.tr("补签"), self.tr("签发日期早于今天，补签原因："), "补签原因", issue,
                             confirm=lambda _text: dialogs.confirm(self, self.tr("签发"), question)):
                return None
            numbers = self.reason_dialog.saved
        else:
            if not dialogs.confirm(self, self.tr("签发"), question):
                return None
            numbers = self._act("letters.issue", lambda s: issue(s, reason))
        if numbers:
            text = self.tr("已签发{n}份函件，文号：").replace("{n}", str(len(numbers))) + "、".join(numbers)
            dialogs.message(self, "info", self.tr("签发"), text)
            self.ctx.status(text)
        return numbers

    def void_selected(self, reason: str | None = None) -> bool:
        letter_id = self._one()
        if letter_id is None:
            return False
        if reason is None:  # asked in a form that keeps the reason when refused
            return self._ask("letters.void", self.tr("作废"), self.tr("作废原因："), "作废原因",
                             lambda s, text: sv.void_letter(s, self.ctx.actor, letter_id, text))
        return self._act("letters.void", lambda s: sv.void_letter(s, self.ctx.actor, letter_id, reason)) is not None

    def reply_selected(self, on: date | None = None, text: str | None = None) -> bool:
        letter_id = self._one()
        if letter_id is None:
            return False
        if text is None:  # the dialog records on 确定 and stays open when refused
            label = self.ctx.read(lambda s: sv.letter_label(sv.get_letter(s, self.ctx.actor, letter_id)))
            dialog = ReplyDialog(label, self.as_of_date(), self, save=lambda v: self._commit("letters.reply",
                lambda s: sv.record_reply(s, self.ctx.actor, letter_id, *v)))
            return dialog.exec() == QDialog.DialogCode.Accepted
        return self._act("letters.reply", lambda s: sv.record_reply(s, self.ctx.actor, letter_id, on, text)) is not None

    def finish_selected(self) -> bool:
        letter_id = self._one()
        if letter_id is None:
            return False
        label = self.ctx.read(lambda s: sv.letter_label(sv.get_letter(s, self.ctx.actor, letter_id)))
        if not dialogs.confirm(self, self.tr("办结"), self.tr("办结后该函件不能再修改或登记反馈：%1。确定办结？")
                               .replace("%1", label)):
            return False
        return self._act("letters.finish", lambda s: sv.finish_letter(s, self.ctx.actor, letter_id)) is not None

    def edit_dialog(self, letter_id: int, save=None) -> tuple[LetterEditDialog, int]:
        def build(session) -> tuple[LetterEditDialog, int]:
            letter: Letter = sv.get_letter(session, self.ctx.actor, letter_id)
            recipients = [(t.id, t.name) for t in townships(session)]
            if letter.kind == LetterKind.REMINDER:
                listed = {t.id for t in letter.tasks}
                pool = {t.id: t for t in sv.month_tasks(session, letter.month)} | {t.id: t for t in letter.tasks}
                items = [(t.id, t.title, t.id in listed) for t in pool.values()]
                label = self.tr("列出的任务")
            else:
                listed = {p.id for p in letter.problems}
                pool = {p.id: p for p in sv.problems_found(session, self.ctx.actor, letter.month)
                        if township_id_of_path(p.org.path) == letter.recipient_id}
                pool |= {p.id: p for p in letter.problems}
                # a 督办函 shows the 整改时限 it would give if issued on the page's date
                given = (sv.letter_deadlines(session, letter, on=self.as_of_date())
                         if letter.kind == LetterKind.SUPERVISION else {})
                items = [(p.id, f"{p.found_on} {p.org.short_name or p.org.name}：{p.description}"
                          + (f"（整改时限{_d(given[p.id])}）" if p.id in given else ""), p.id in listed)
                         for p in sorted(pool.values(), key=lambda p: (p.found_on, p.id))]
                label = self.tr("列出的问题")
            dialog = LetterEditDialog(letter.title, letter.body, recipients, letter.recipient_id,
                                      letter.copies or "", items, label, self,
                                      save=save and (lambda v: save(v, letter.version)))
            return dialog, letter.version

        return self.ctx.read(build)

    def edit_selected(self) -> bool:
        letter_id = self._one()
        if letter_id is None:
            return False
        dialog, _version = self.edit_dialog(
            letter_id, save=lambda v, version: self._commit("letters.edit", self._draft_saver(letter_id, v, version)))
        return dialog.exec() == QDialog.DialogCode.Accepted

    def save_draft(self, letter_id: int, dialog: LetterEditDialog, version: int | None = None) -> bool:
        return self._act("letters.edit", self._draft_saver(letter_id, dialog.values(), version)) is not None

    def _draft_saver(self, letter_id: int, v, version: int | None):
        def save(session):
            letter = sv.get_letter(session, self.ctx.actor, letter_id)
            items = {"task_ids": v.item_ids} if letter.kind == LetterKind.REMINDER else {"problem_ids": v.item_ids}
            return sv.update_draft(session, self.ctx.actor, letter_id, version, title=v.title, body=v.body,
                                   recipient_id=v.recipient_id, copies=v.copies, **items)

        return save

    def pdf_of(self, letter_id: int) -> Path | None:
        from reports.letters import export_letter_pdfs

        out = Path(self._pdf_dir.name)

        def make(session) -> Path:
            letter = sv.get_letter(session, self.ctx.actor, letter_id)
            return export_letter_pdfs(session, self.ctx.actor, [letter], out)[0]

        try:
            return self.ctx.read(make)
        except (DomainError, OSError, ImportError) as exc:
            self.ctx.show_error(self.tr("无法生成PDF：") + str(exc))
            return None

    def preview_selected(self) -> PdfPreview | None:
        letter_id = self._one()
        if letter_id is None:
            return None
        path = self.pdf_of(letter_id)
        if path is None:
            return None
        self.preview = PdfPreview(path, path.stem, self)
        self.preview.show()
        return self.preview

    # ------------------------------------------------------------ problems

    def selected_problem_id(self) -> int | None:
        rows = sorted({i.row() for i in self.problem_view.selectionModel().selectedRows()})
        if len(rows) != 1:
            self.ctx.show_error(self.tr("请先选中一个问题"))
            return None
        return self.problems.id_at(rows[0])

    def select_problem(self, problem_id: int) -> None:
        for r, row in enumerate(self.problems.rows):
            if row.id == problem_id:
                self.problem_view.selectRow(r)
                self.problem_view.scrollTo(self.problems.index(r, 0))  # a new row is shown, not only chosen
                return

    def problem_dialog(self, current: dict | None = None, save=None) -> ProblemDialog:
        """The problem form; with `save` (see new_problem_dialog) it records on 保存 and stays open
        when the service refuses."""
        def build(session) -> ProblemDialog:
            from models.services.orgsearch import org_entries

            orgs = org_entries(session, self.ctx.actor, include_root=False)
            return ProblemDialog(orgs, sv.categories(session), [x.value for x in ProblemSource],
                                 [x.value for x in Severity], self.as_of_date(), self, current, save,
                                 today=self.today)

        return self.ctx.read(build)

    def new_problem_dialog(self) -> ProblemDialog:
        """登记问题: the form records the problem on 保存 (its id in `saved`); refused (the same
        problem recorded already), the reason is shown and the form stays open."""
        def save(values: dict) -> int:
            problem_id = self._commit("problem.add", self._create_problem(values))
            self.select_problem(problem_id)  # the saved row shown and selected
            return problem_id

        return self.problem_dialog(save=save)

    def _create_problem(self, values: dict):
        values = dict(values, source=ProblemSource(values["source"]), severity=Severity(values["severity"]))
        return lambda s: sv.create_problem(s, self.ctx.actor, **values).id

    def add_problem(self, values: dict | None = None) -> int | None:
        if values is None:
            dialog = self.new_problem_dialog()
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.saved
        return self._act("problem.add", self._create_problem(values))

    def problem_values(self, problem_id: int) -> dict | None:
        """The editable fields of a problem, or None (with the reason shown) once it is listed in
        an issued letter: then only the rectification workflow changes it."""
        def read(session) -> tuple[dict, Letter | None]:
            p = session.get(Problem, problem_id)
            return ({"org_id": p.org_id, "found_on": p.found_on, "source": p.source.value,
                     "category": p.category, "severity": p.severity.value, "description": p.description,
                     "deadline": p.deadline, "version": p.version, "closed": p.closed},
                    sv.issued_letter_listing(session, problem_id))

        current, sent = self.ctx.read(read)
        if current["closed"]:
            self.ctx.show_error(self.tr("问题已销号，不能再修改"))
            return None
        if sent is not None:
            self.ctx.show_error(self.tr("该问题已列入已签发的{letter}，不能再修改，只能通过整改流程（推进整改、验收销号）办理")
                                .replace("{letter}", f"{sent.kind.value}{sent.number}"))
            return None
        return current

    def edit_problem(self, values: dict | None = None) -> bool:
        """修改问题: organization, category, description, severity, deadline (and source)."""
        pid = self.selected_problem_id()
        if pid is None:
            return False
        current = self.problem_values(pid)
        if current is None:
            return False
        if values is None:
            dialog = self.problem_dialog(
                current, save=lambda v: self._commit("problem.edit", self._update_problem(pid, current["version"], v)))
            return dialog.exec() == QDialog.DialogCode.Accepted
        return self._act("problem.edit", self._update_problem(pid, current["version"], values)) is not None

    def _update_problem(self, pid: int, version: int, values: dict):
        changes = {k: values[k] for k in ("org_id", "source", "category", "severity", "description", "deadline")
                   if k in values}
        if "source" in changes:
            changes["source"] = ProblemSource(changes["source"])
        if "severity" in changes:
            changes["severity"] = Severity(changes["severity"])
        return lambda s: sv.update_problem(s, self.ctx.actor, pid, version, **changes)

    def advance_selected(self, report: str | None = None) -> bool:
        """待整改 → 整改中; 整改中 → 待验收 (asks for the rectification report, kept when refused)."""
        pid = self.selected_problem_id()
        if pid is None:
            return False
        status = self.ctx.read(lambda s: s.get(Problem, pid).status)
        if status == ProblemStatus.OPEN:
            if not dialogs.confirm(self, self.tr("推进整改"), self.tr("将该问题标记为“整改中”？")):
                return False
            return self._act("problem.advance", lambda s: sv.move_problem(s, self.ctx.actor, pid, ProblemStatus.IN_PROGRESS)) is not None
        if status == ProblemStatus.IN_PROGRESS:
            if report is None:  # the typed report is kept when refused
                return self._ask("problem.advance", self.tr("提交验收"), self.tr("整改情况："), "整改情况",
                                 lambda s, text: sv.move_problem(s, self.ctx.actor, pid, ProblemStatus.AWAITING,
                                                                 report=text), multiline=True)
            return self._act("problem.advance", lambda s: sv.move_problem(s, self.ctx.actor, pid, ProblemStatus.AWAITING,
                                                       report=report)) is not None
        self.ctx.show_error(self.tr("该问题请用“验收销号”办理") if status == ProblemStatus.AWAITING
                            else self.tr("该问题已销号"))
        return False

    def close_selected(self, report: str | None = None, verifier: str | None = None,
                       on: date | None = None) -> bool:
        pid = self.selected_problem_id()
        if pid is None:
            return False
        if report is None:
            return self.close_dialog(pid).exec() == QDialog.DialogCode.Accepted
        return self._act("problem.close", lambda s: sv.close_problem(s, self.ctx.actor, pid, report, verifier or "", on)) is not None

    def close_dialog(self, pid: int) -> CloseProblemDialog:
        """验收销号's form: it closes the problem on 确定; refused (no 验收人, a date before the
        finding), the reason is shown and the form stays open with what was typed."""
        problem = self.ctx.read(lambda s: s.get(Problem, pid))
        return CloseProblemDialog(problem.description, problem.report or "", min(self.as_of_date(), self.today), self,
                                  save=lambda v: self._commit(
                                      "problem.close", lambda s: sv.close_problem(s, self.ctx.actor, pid, v[0], v[1], v[2])))

    def withdraw_problem(self, reason: str | None = None) -> bool:
        """撤销: a problem recorded by mistake is kept (audited) but leaves the drafts, the lights and
        the statistics; only until a letter listing it has gone out."""
        return self._step(self.selected_problem_id, self._problem_label, sv.withdraw_problem, reason,
                          self.tr("撤销问题"), self.tr("撤销“{t}”的原因（如登记错了党组织、重复登记、月份有误）："),
                          self.tr("已撤销“{t}”；勾选“显示已撤销的问题”可查看或恢复"),
                          self.tr("撤销问题“{t}”？撤销后它不再列入督办函，也不计入红黄灯和统计（可恢复）。"),
                          check=sv.withdrawable)

    def restore_problem(self, reason: str | None = None) -> bool:
        """恢复: undo 撤销 (the next drafting lists the problem again if it is not supervised)."""
        return self._step(self.selected_problem_id, self._problem_label, sv.restore_problem, reason,
                          self.tr("恢复问题"), self.tr("恢复“{t}”的原因（记入日志，可不填）："),
                          self.tr("已恢复“{t}”：重新计入督办函、红黄灯和统计"))

    @staticmethod
    def _problem_label(session, problem_id: int) -> str:
        p = session.get(Problem, problem_id)
        return f"{p.org.short_name or p.org.name}：{p.description}"

    # ------------------------------------------------------------ month tasks

    def selected_task_id(self) -> int | None:
        ids = self._selected_ids(self.task_view, self.tasks)
        if len(ids) != 1:
            self.ctx.show_error(self.tr("请先选中一项月度任务"))
            return None
        return ids[0]

    def select_task(self, task_id: int) -> None:
        for r, row in enumerate(self.tasks.rows):
            if row.id == task_id:
                self.task_view.selectRow(r)
                self.task_view.scrollTo(self.tasks.index(r, 0))
                return

    def task_dialog(self, current: dict | None = None, save=None) -> TaskDialog:
        y, m = (int(x) for x in self.month_key().split("-"))
        towns = self.ctx.read(lambda s: [(t.id, t.short_name or t.name) for t in townships(s)])
        return TaskDialog(date(y, m, 1), towns, self, current, save, today=self.today)

    def new_task_dialog(self) -> TaskDialog:
        """新增任务: the form records the task on 保存 (its id in `saved`); refused (the same task
        in that month already), the reason is shown and the form stays open."""
        def save(values: dict) -> int:
            task_id = self._commit("task.add", self._create_task(values))
            self.select_task(task_id)
            return task_id

        return self.task_dialog(save=save)

    @staticmethod
    def _task_scope(values: dict) -> tuple[dict, list[int] | None]:
        values = dict(values)
        return values, values.pop("scope_ids", None)

    def _create_task(self, values: dict):
        values, scope = self._task_scope(values)
        return lambda s: sv.create_task(s, self.ctx.actor, scope_ids=scope or None, **values).id

    def add_task(self, values: dict | None = None) -> int | None:
        """新增任务 for the month shown (every township unless some are chosen)."""
        if values is None:
            dialog = self.new_task_dialog()
            return dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None
        task_id = self._act("task.add", self._create_task(values))
        if task_id is not None:
            self.select_task(task_id)
        return task_id

    def task_values(self, task_id: int) -> dict:
        def read(session) -> dict:
            t = sv.month_task(session, task_id)
            return {"month": t.month, "title": t.title, "content": t.content, "requirements": t.requirements,
                    "due_on": t.due_on, "archive": t.archive,
                    "scope_ids": [] if t.all_townships else [o.id for o in t.scope], "version": t.version}

        return self.ctx.read(read)

    def edit_task(self, values: dict | None = None) -> bool:
        task_id = self.selected_task_id()
        if task_id is None:
            return False
        current = self.task_values(task_id)
        version = current.pop("version")
        if values is None:
            dialog = self.task_dialog(current, save=lambda v: self._commit("task.edit", self._update_task(task_id, version, v)))
            return dialog.exec() == QDialog.DialogCode.Accepted
        return self._act("task.edit", self._update_task(task_id, version, values)) is not None

    def _update_task(self, task_id: int, version: int, values: dict):
        values, scope = self._task_scope(values)
        changes = {k: v for k, v in values.items() if k in sv.TASK_LABELS}
        return lambda s: sv.update_task(s, self.ctx.actor, task_id, version, scope_ids=scope, **changes)

    def withdraw_task(self, reason: str | None = None) -> bool:
        """撤回: the task is kept (audited) but no longer drafted into 提示函."""
        return self._step(self.selected_task_id, self._task_title, sv.withdraw_task, reason, self.tr("撤回任务"),
                          self.tr("撤回“{t}”的原因："), self.tr("已撤回“{t}”；勾选“显示已撤回的任务”可查看或恢复"))

    def restore_task(self, reason: str | None = None) -> bool:
        """恢复: undo a withdrawal (the task is drafted into 提示函 again)."""
        return self._step(self.selected_task_id, self._task_title, sv.restore_task, reason, self.tr("恢复任务"),
                          self.tr("恢复“{t}”的原因（记入日志，可不填）："),
                          self.tr("已恢复“{t}”：起草本月提示函时将再次列入"))

    @staticmethod
    def _task_title(session, task_id: int) -> str:
        return sv.month_task(session, task_id).title

    def _step(self, selected, name, step, reason: str | None, title: str, question: str, done: str,
              confirm: str | None = None, check=None) -> bool:
        """Withdraw or restore the selected record (selected() its id, name(session, id) its name),
        asking the reason (for the log) unless given, then `confirm` (a question naming it) if any;
        `check(session, actor, id)` says first why it cannot be done, before any question."""
        record_id = selected()
        if record_id is None:
            return False
        if check is not None:
            try:
                self.ctx.read(lambda s: check(s, self.ctx.actor, record_id))
            except DomainError as exc:
                self.ctx.show_error(str(exc))
                return False
        operation = {sv.withdraw_task: "task.withdraw", sv.restore_task: "task.restore",
                     sv.withdraw_problem: "problem.withdraw", sv.restore_problem: "problem.restore"}[step]
        if reason is None:  # asked in a form that keeps the reason when refused (docs/screen.md)
            label = self.ctx.read(lambda s: name(s, record_id))
            if not self._ask(operation, title, question.replace("{t}", label), "原因",
                             lambda s, text: name(s, step(s, self.ctx.actor, record_id, text).id),
                             confirm=(lambda _text: dialogs.confirm(self, title, confirm.replace("{t}", label)))
                             if confirm else None):
                return False
            label = self.reason_dialog.saved
        else:
            label = self._act(operation, lambda s: name(s, step(s, self.ctx.actor, record_id, reason).id))
        if label is None:
            return False
        self.ctx.status(done.replace("{t}", label))
        return True

    def import_tasks(self, path: str | Path | None = None) -> Any:
        """导入任务: the import wizard on the tasks (the clerk's own layout placed and shown before
        anything is written); with `path` the file is already chosen and being checked."""
        from reports.supervision_import import TASK_IMPORTER

        return open_import_wizard(self, TASK_IMPORTER, self.reload, path)

    def import_problems(self, path: str | Path | None = None) -> Any:
        """导入问题: the import wizard on the problems found (e.g. an inspection team's list)."""
        from reports.supervision_import import PROBLEM_IMPORTER

        return open_import_wizard(self, PROBLEM_IMPORTER, self.reload, path)

    def edit_template(self, kind: LetterKind | None = None) -> bool:
        """An administrator edits the wording of a kind of letter (drafts made later use it)."""
        if kind is None:
            labels = {enum_text(k): k for k in LetterKind}
            label, ok = QInputDialog.getItem(self, self.tr("函件模板"), self.tr("函件类别："), list(labels), 0, False)
            if not ok:
                return False
            kind = labels[label]
        text = self.ctx.read(lambda s: sv.get_template(s, kind))
        dialog = TemplateDialog(kind.value, text, list(sv.PLACEHOLDERS), self, save=lambda value: self._commit("letters.templates",
            lambda s: sv.set_template(s, self.ctx.actor, kind, value)))
        return dialog.exec() == QDialog.DialogCode.Accepted

    def print_selected(self) -> bool:
        letter_id = self._one()
        if letter_id is None:
            return False
        path = self.pdf_of(letter_id)
        return path is not None and print_pdf(path, self)


def create_page(ctx: AppContext) -> QWidget:
    return SupervisionPage(ctx)
