"""工作台: key numbers, the lists that need action (with lights), four charts, the exports.

Clicking a bar or a list row opens the records behind it on their page (ctx.navigate, then the
page's small hook: SupervisionPage.show_records, MembersPage.set_org/select_member,
OrgsPage.show_in_tree/show_rectification, EvaluationPage.select_round).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import exports
from desktop.charts import BarChart
from desktop.context import AppContext
from desktop.tablemodels import LIGHT_COLOURS, ListModel
from desktop.tables import fit_table
from forms.choices import enum_text, shown
from forms.common import add_buttons
from forms.flow import FlowLayout
from models.services import dashboard as dsvc

KEY = "dashboard"
TITLE = "工作台"

Index = QModelIndex | QPersistentModelIndex
#: tiles: (number key, shown as, format); money and the rate get their own format
#: (caption and format are translated where shown, context "DashboardPage")
TILES = (
    ("党组织", QT_TRANSLATE_NOOP("DashboardPage", "党组织"), QT_TRANSLATE_NOOP("DashboardPage", "{:.0f}个")),
    ("党员", QT_TRANSLATE_NOOP("DashboardPage", "党员"), QT_TRANSLATE_NOOP("DashboardPage", "{:.0f}名")),
    ("预备党员", QT_TRANSLATE_NOOP("DashboardPage", "预备党员"), QT_TRANSLATE_NOOP("DashboardPage", "{:.0f}名")),
    ("今年发现问题", QT_TRANSLATE_NOOP("DashboardPage", "今年发现问题"), QT_TRANSLATE_NOOP("DashboardPage", "{:.0f}个")),
    ("未销号问题", QT_TRANSLATE_NOOP("DashboardPage", "未销号问题"), QT_TRANSLATE_NOOP("DashboardPage", "{:.0f}个")),
    ("逾期问题", QT_TRANSLATE_NOOP("DashboardPage", "逾期未整改"), QT_TRANSLATE_NOOP("DashboardPage", "{:.0f}个")),
    ("待反馈函件", QT_TRANSLATE_NOOP("DashboardPage", "待反馈函件"), QT_TRANSLATE_NOOP("DashboardPage", "{:.0f}份")),
    ("今年整改率", QT_TRANSLATE_NOOP("DashboardPage", "今年整改率"), "{:.1f}%"),
    ("今年逾期整改", QT_TRANSLATE_NOOP("DashboardPage", "今年逾期整改"), QT_TRANSLATE_NOOP("DashboardPage", "{:.0f}个")),
    ("未决问责", QT_TRANSLATE_NOOP("DashboardPage", "未决问责查办"), QT_TRANSLATE_NOOP("DashboardPage", "{:.0f}起")),
    ("进行中结对", QT_TRANSLATE_NOOP("DashboardPage", "进行中结对"), QT_TRANSLATE_NOOP("DashboardPage", "{:.0f}对")),
    ("今年结对资金(元)", QT_TRANSLATE_NOOP("DashboardPage", "今年结对资金"), QT_TRANSLATE_NOOP("DashboardPage", "{:,.0f}元")),
)
STAR_WORDS = {"★★★★★": QT_TRANSLATE_NOOP("DashboardPage", "五星"), "★★★★": QT_TRANSLATE_NOOP("DashboardPage", "四星"),
              "★★★": QT_TRANSLATE_NOOP("DashboardPage", "三星"), "★★": QT_TRANSLATE_NOOP("DashboardPage", "二星"),
              "★": QT_TRANSLATE_NOOP("DashboardPage", "一星")}
#: tiles drawn in red when not zero
ALERT_TILES = {"逾期问题", "未决问责"}


class ActionModel(ListModel):
    """A list that needs action: plain cells, the light on the deadline column."""

    rows: list[dsvc.ActionRow]

    def __init__(self, headers: list[str], light_column: int, parent: Any = None):
        super().__init__(headers, parent)
        self.light_column = light_column

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = shown(row.cells[index.column()])
            if index.column() == self.light_column and row.light and role == Qt.ItemDataRole.DisplayRole:
                return f"{text}（{enum_text(row.light)}）"
            return text
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == self.light_column and row.light:
            return LIGHT_COLOURS[row.light]
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


#: the short tab title of each list
TAB_TITLES = {"7日内到期问题": QT_TRANSLATE_NOOP("DashboardPage", "7日内到期"), "逾期问题": QT_TRANSLATE_NOOP("DashboardPage", "逾期问题"),
              "待反馈函件": QT_TRANSLATE_NOOP("DashboardPage", "待反馈函件"),
              "问责查办": QT_TRANSLATE_NOOP("DashboardPage", "问责查办"),
              "不合格限期改正": QT_TRANSLATE_NOOP("DashboardPage", "不合格改正"), "届期将满/应换届": QT_TRANSLATE_NOOP("DashboardPage", "换届提醒"),
              "软弱涣散整顿": QT_TRANSLATE_NOOP("DashboardPage", "软弱涣散整顿")}
#: the 问责查办 list's headers (dsvc.LIST_HEADERS) not named by another table, for lupdate
CASE_HEADERS = [QT_TRANSLATE_NOOP("headers", "未整改问题")]
#: the lists' full names (dsvc.LIST_KEYS, the tabs' tool tips) and the charts' legends, for lupdate
LIST_NAMES = [QT_TRANSLATE_NOOP("DashboardPage", "7日内到期问题"), QT_TRANSLATE_NOOP("DashboardPage", "不合格限期改正"),
              QT_TRANSLATE_NOOP("DashboardPage", "届期将满/应换届"),
              QT_TRANSLATE_NOOP("DashboardPage", "软弱涣散整顿"), QT_TRANSLATE_NOOP("DashboardPage", "发现"), QT_TRANSLATE_NOOP("DashboardPage", "销号")]


def translated(text: str) -> str:
    return QCoreApplication.translate("DashboardPage", text)
#: the column carrying the light in each list
LIGHT_COLUMN = {"7日内到期问题": 3, "逾期问题": 3, "问责查办": 2, "待反馈函件": 3, "不合格限期改正": 2, "届期将满/应换届": 2,
                "软弱涣散整顿": 4}


class Tile(QFrame):
    def __init__(self, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tile")
        self.value = QLabel("—")
        self.value.setObjectName("tileValue")
        self.caption = QLabel(caption)
        self.caption.setObjectName("tileCaption")
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 6, 10, 6)
        box.setSpacing(0)
        box.addWidget(self.value)
        box.addWidget(self.caption)


STYLE = """
QFrame#tile { background: white; border: 1px solid #dcdcdc; border-left: 4px solid #c0392b; border-radius: 3px; }
QLabel#tileValue { font-size: 16pt; font-weight: bold; color: #2c3e50; }
QLabel#tileValue[alert="true"] { color: #c0392b; }
QLabel#tileCaption { color: #666666; font-size: 9.5pt; }
QLabel#dashTitle { font-size: 14pt; font-weight: bold; color: #2c3e50; }
QFrame#chartBox { background: white; border: 1px solid #dcdcdc; border-radius: 3px; }
QTabBar::tab { padding: 4px 7px; }
"""


class DashboardPage(QWidget):
    def __init__(self, ctx: AppContext, today: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.fixed_today = today
        self.data: dsvc.Dashboard | None = None
        self.tasks: list[Any] = []
        self._shown_once = False
        self.setStyleSheet(STYLE)

        self.heading = QLabel(self.tr("工作台"))
        self.heading.setObjectName("dashTitle")
        self.as_of = QLabel()
        self.as_of.setStyleSheet("color: #666666;")
        top = FlowLayout()
        top.addWidget(self.heading)
        top.addWidget(self.as_of)
        top.addStretch(1)
        self.buttons = add_buttons(top, (
            ("quarterly", self.tr("导出季度报表…"), self.export_quarterly),
            ("monthly", self.tr("导出月度通报…"), self.export_monthly),
            ("letters", self.tr("导出本月函件PDF…"), self.export_letters),
            ("refresh", self.tr("刷新"), self.refresh),
        ))
        why = exports.county_only(ctx.actor)
        for key in ("quarterly", "monthly"):
            self.buttons[key].setEnabled(why is None)
            self.buttons[key].setToolTip(why or "")

        tiles = QGridLayout()
        tiles.setHorizontalSpacing(8)
        tiles.setVerticalSpacing(8)
        self.tiles: dict[str, Tile] = {}
        for k, (key, caption, _fmt) in enumerate(TILES):
            tile = Tile(translated(caption))
            tiles.addWidget(tile, k // 5, k % 5)
            self.tiles[key] = tile
        for c in range(5):
            tiles.setColumnStretch(c, 1)

        self.lists = QTabWidget()
        self.models: dict[str, ActionModel] = {}
        #: each list's table, built when its tab is first shown (docs/startup.md): view(name)
        self.views: dict[str, QTableView] = {}
        self._tabs: dict[str, QVBoxLayout] = {}  # each tab's layout, for its table
        for name in dsvc.LIST_KEYS:
            self.models[name] = ActionModel(list(dsvc.LIST_HEADERS[name]), LIGHT_COLUMN[name], self)
            holder = QWidget()
            self._tabs[name] = QVBoxLayout(holder)
            self._tabs[name].setContentsMargins(0, 0, 0, 0)
            self.lists.addTab(holder, translated(TAB_TITLES[name]))
            self.lists.setTabToolTip(self.lists.count() - 1, translated(name))
        self.lists.currentChanged.connect(lambda k: self.view(dsvc.LIST_KEYS[k]) if k >= 0 else None)
        hint = QLabel(self.tr("双击一行或点击图中的柱子，查看对应的记录"))
        hint.setStyleSheet("color: #888888; font-size: 9pt;")
        left = QVBoxLayout()
        left.addWidget(self.lists, 1)
        left.addWidget(hint)

        self.charts: dict[str, BarChart] = {}
        grid = QGridLayout()
        grid.setSpacing(8)
        for k, name in enumerate(("stars", "categories", "months", "letters")):
            chart = BarChart()
            chart.barClicked.connect(lambda i, s, n=name: self.open_bar(n, i, s))
            box = QFrame()
            box.setObjectName("chartBox")
            inner = QVBoxLayout(box)
            inner.setContentsMargins(2, 2, 2, 2)
            inner.addWidget(chart)
            grid.addWidget(box, k // 2, k % 2)
            self.charts[name] = chart

        middle = QHBoxLayout()
        middle.addLayout(left, 1)
        middle.addLayout(grid, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(top)
        layout.addLayout(tiles)
        layout.addLayout(middle, 1)
        self.refresh()

    # ------------------------------------------------------------ loading

    def today(self) -> date:
        return self.fixed_today or date.today()

    def refresh(self) -> None:
        today = self.today()
        self.data = self.ctx.read(lambda s: dsvc.load(s, self.ctx.actor, today))
        d = self.data
        self.as_of.setText(self.tr("截至 {y}年{m}月{d}日").format(y=d.today.year, m=d.today.month, d=d.today.day))
        for key, _caption, fmt in TILES:
            value = d.numbers.get(key, 0)
            label = self.tiles[key].value
            label.setText(translated(fmt).format(value))
            alert = key in ALERT_TILES and value > 0
            if bool(label.property("alert")) != alert:
                label.setProperty("alert", alert)
                if label.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):  # on screen: styled again
                    label.style().unpolish(label)
                    label.style().polish(label)
        for k, name in enumerate(dsvc.LIST_KEYS):
            rows = d.lists[name]
            self.models[name].set_rows(rows)
            self.lists.setTabText(k, self.tr("{0}（{1}）").format(translated(TAB_TITLES[name]), len(rows)))
        if not self._shown_once:  # at first, the first list that has something in it
            self._shown_once = True
            for k, name in enumerate(dsvc.LIST_KEYS):
                if d.lists[name]:
                    self.lists.setCurrentIndex(k)
                    break
            self.view(dsvc.LIST_KEYS[self.lists.currentIndex()])
        titles = {"stars": self.tr("星级党支部分布"), "categories": self.tr("今年问题类别"),
                  "months": self.tr("今年问题发现与销号（按月）"), "letters": self.tr("今年函件类别")}
        for name, chart in self.charts.items():
            series = d.charts[name]
            chart.title = titles[name]
            labels = [lab.replace("月", "") if name == "months" else enum_text(translated(STAR_WORDS.get(lab, lab)))
                      for lab in series.labels]
            chart.set_data(labels, series.values, series.values2,
                           legend=[translated(x) for x in series.legend if x])

    def view(self, name: str) -> QTableView:
        """The table of the list `name`, built on its tab the first time it is asked for (the
        tab shown): only the tab on screen is built with the page."""
        view = self.views.get(name)
        if view is None:
            view = QTableView()
            view.setModel(self.models[name])
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setAlternatingRowColors(True)
            view.verticalHeader().setVisible(False)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            fit_table(view)
            view.activated.connect(lambda index: self.open_row(name, index.row()))
            view.doubleClicked.connect(lambda index: self.open_row(name, index.row()))
            self._tabs[name].addWidget(view)
            view.show()  # now, on a tab on screen (a layout would show it from the event loop)
            self.views[name] = view
        return view

    def reload(self) -> None:
        """Shown again or F5: fresh numbers."""
        self.refresh()

    # ------------------------------------------------------------ following to the records

    def _page(self, key: str) -> Any:
        self.ctx.navigate(key)
        return self.ctx.page(key)

    def open_row(self, name: str, row: int) -> Any:
        """Open the record behind a row of an action list; returns the page shown."""
        rows = self.models[name].rows
        if not 0 <= row < len(rows):
            return None
        r = rows[row]
        if name in ("7日内到期问题", "逾期问题"):
            page = self._page("supervision")
            if page is not None:
                page.show_records(problem_id=r.id)
        elif name == "待反馈函件":
            page = self._page("supervision")
            if page is not None:
                page.show_records(letter_id=r.id)
        elif name == "问责查办":
            page = self._page("supervision")
            if page is not None and hasattr(page, "show_case"):
                page.show_case(r.id)
        elif name == "不合格限期改正":
            page = self._page("members")
            if page is not None:
                page.set_org(r.org_id)
                page.select_member(r.id)
        elif name == "软弱涣散整顿":  # the record in the 整顿台账 of the 党组织 page
            page = self._page("orgs")
            if page is not None:
                page.show_rectification(r.id)
        else:
            page = self._page("orgs")
            if page is not None:
                page.show_in_tree(r.id)
        return page

    def open_bar(self, name: str, index: int, series: int = 0) -> Any:
        """Open the records behind a bar; returns the page shown."""
        today = self.today()
        actor = self.ctx.actor
        chart = self.data.charts[name] if self.data else None
        if chart is None or not 0 <= index < len(chart.labels):
            return None
        label = chart.labels[index]
        if name == "stars":
            rounds = self.ctx.read(lambda s: dsvc.star_round_ids(s, today))
            page = self._page("evaluation")
            if page is not None and rounds:
                page.select_round(rounds[0])
            return page
        if name == "letters":
            ids = self.ctx.read(lambda s: dsvc.letter_ids(s, actor, today.year, label))
            caption = f"{today.year}年{label}"
            page = self._page("supervision")
            if page is not None:
                page.show_records(letter_ids=ids, caption=caption)
            return page
        if name == "categories":
            ids = self.ctx.read(lambda s: dsvc.problem_ids(s, actor, today.year, category=label))
            caption = f"{today.year}年“{label}”类问题"
        else:
            month_no = index + 1
            if series == 0:
                ids = self.ctx.read(lambda s: dsvc.problem_ids(s, actor, today.year, found_month=month_no))
                caption = f"{today.year}年{month_no}月发现的问题"
            else:
                ids = self.ctx.read(lambda s: dsvc.problem_ids(s, actor, today.year, closed_month=month_no))
                caption = f"{today.year}年{month_no}月销号的问题"
        page = self._page("supervision")
        if page is not None:
            page.show_records(problem_ids=ids, caption=caption)
        return page

    # ------------------------------------------------------------ exports (in the background)

    def _keep(self, task: Any) -> Any:
        if task is not None:
            self.tasks.append(task)
        return task

    def export_quarterly(self, quarter: str | None = None, path: Any = None) -> Any:
        return self._keep(exports.export_quarterly(self.ctx, self, quarter, path, self.today()))

    def export_monthly(self, month: str | None = None, path: Any = None) -> Any:
        return self._keep(exports.export_monthly(self.ctx, self, month, path, self.today()))

    def export_letters(self, month: str | None = None, folder: Any = None) -> Any:
        return self._keep(exports.export_letters(self.ctx, self, month, folder, self.today()))


def create_page(ctx: AppContext) -> QWidget:
    return DashboardPage(ctx)
