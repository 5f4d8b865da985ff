"""Tables at 1024 wide (desktop/tables.py, docs/screen.md): columns sized to their content within
the width, long text elided with the whole text as its tooltip, numbers right-aligned and never cut."""

from __future__ import annotations

from PySide6.QtCore import Qt


def make_view(qtbot, rows, width=900):
    from PySide6.QtWidgets import QTableView

    from desktop.tablemodels import ListModel
    from desktop.tables import fit_table

    class Model(ListModel):
        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole and index.isValid():
                return self.rows[index.row()][index.column()]
            return None

    model = Model(["党组织", "标题", "状态", "金额（元）", "事由"])
    view = QTableView()
    view.setModel(model)
    qtbot.addWidget(view)
    view.resize(width, 300)
    view.show()
    fit_table(view)
    model.set_rows(rows)
    return view, model


def test_long_text_is_elided_with_a_tooltip_and_numbers_fit(qtbot):
    from PySide6.QtWidgets import QStyleOptionViewItem

    title = "关于东城镇红星村党支部" + "落实三会一课制度、规范党员发展程序、加强阵地建设" * 3 + "的督办函"
    view, model = make_view(qtbot, [
        ["东城镇红星村党支部", title, "已签发", "13,447,966", "短"],
        ["西山乡中心小学党支部", "提示函", "草稿", "+5", "长" * 80],
    ])
    widths = [view.columnWidth(c) for c in range(model.columnCount())]
    assert sum(widths) <= view.viewport().width()  # no horizontal scrolling
    metrics = view.fontMetrics()
    assert widths[3] >= metrics.horizontalAdvance("13,447,966") + 6  # the number is whole
    assert view.itemDelegate().tooltip(view, model.index(0, 3)) == ""  # (not elided)
    delegate = view.itemDelegate()
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, model.index(0, 3))
    assert option.displayAlignment & Qt.AlignmentFlag.AlignRight
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, model.index(0, 0))
    assert not option.displayAlignment & Qt.AlignmentFlag.AlignRight
    assert delegate.tooltip(view, model.index(0, 1)) == title  # elided: the whole text as its tip
    assert delegate.tooltip(view, model.index(1, 4)) == "长" * 80
    assert delegate.tooltip(view, model.index(0, 2)) == ""  # fits: no tip
    assert widths[0] >= metrics.horizontalAdvance("西山乡中心小学党支部")  # short text never squeezed


def test_room_left_goes_to_the_widest_text_column(qtbot):
    view, model = make_view(qtbot, [["红星村党支部", "关于红星村的督办函", "草稿", "12", "无"]], width=1000)
    widths = [view.columnWidth(c) for c in range(model.columnCount())]
    assert view.viewport().width() - 2 <= sum(widths) <= view.viewport().width()
    assert max(widths) == widths[1]  # 标题 takes the room; nothing stands beside empty space


def test_a_narrow_view_shrinks_text_not_numbers_and_ids_are_text(qtbot):
    from desktop.tables import is_number

    assert is_number("13,447,966") and is_number("+5") and is_number("-1") and is_number("92.5")
    assert not is_number("620922196408190793") and not is_number("13912345678") and not is_number("第3次")
    view, model = make_view(qtbot, [["长胜村第一党支部" * 2, "关于长胜村第一党支部的督办函" * 3, "已签发", "13,447,966",
                                     "参加志愿服务活动，带头清理村内环境卫生" * 2]], width=520)
    widths = [view.columnWidth(c) for c in range(model.columnCount())]
    assert sum(widths) <= view.viewport().width()
    assert widths[3] >= view.fontMetrics().horizontalAdvance("13,447,966") + 6


def test_organization_drop_downs_are_in_pinyin_order(qtbot):
    from datetime import date

    from forms.letters import LetterEditDialog, TaskDialog
    from forms.receipts import ReportDialog

    towns = [(1, "西山乡党委"), (2, "东城镇党委"), (3, "北关镇党委"), (4, "城关镇党委")]
    expected = ["北关镇党委", "城关镇党委", "东城镇党委", "西山乡党委"]
    task = TaskDialog(date(2026, 3, 1), towns, today=date(2026, 3, 20))
    qtbot.addWidget(task)
    assert [task.scope.item(i).text() for i in range(task.scope.count())] == expected
    letter = LetterEditDialog("标题", "正文", towns, 2, "", [], "列出的问题")
    qtbot.addWidget(letter)
    assert [letter.recipient.itemText(i) for i in range(letter.recipient.count())] == expected
    assert letter.recipient.currentData() == 2  # the chosen recipient stays chosen
    report = ReportDialog("任务", towns, ["已完成", "未完成"], date(2026, 3, 20))
    qtbot.addWidget(report)
    assert [report.township.itemText(i) for i in range(report.township.count())] == expected


def test_a_table_on_a_tab_not_shown_is_fitted_when_its_tab_is_shown(qtbot):
    """Its rows arrive while another tab is in front (the 工作台's lists): it is measured when
    shown, and a new set of rows while it is in front is measured again."""
    from PySide6.QtWidgets import QTableView, QTabWidget

    from desktop.tablemodels import ListModel
    from desktop.tables import fit_table

    class Model(ListModel):
        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole and index.isValid():
                return self.rows[index.row()][index.column()]
            return None

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    views = []
    for name in ("甲", "乙"):
        model = Model(["党组织", "金额（元）"])
        view = QTableView()
        view.setModel(model)
        fit_table(view)
        tabs.addTab(view, name)
        views.append(view)
    tabs.resize(700, 300)
    tabs.show()
    qtbot.waitExposed(tabs)
    hidden = views[1]
    hidden.model().set_rows([["西山乡中心小学党支部", "13,447,966"]])
    tabs.setCurrentIndex(1)
    qtbot.waitUntil(hidden.isVisible)
    metrics = hidden.fontMetrics()
    assert hidden.columnWidth(1) >= metrics.horizontalAdvance("13,447,966") + 6
    assert hidden.columnWidth(0) >= metrics.horizontalAdvance("西山乡中心小学党支部")
    hidden.model().set_rows([["党支部", "1,234,567,890,123"]])
    assert hidden.columnWidth(1) >= metrics.horizontalAdvance("1,234,567,890,123") + 6


def test_a_date_with_its_light_is_kept_whole():
    from desktop.tables import WHOLE

    assert WHOLE.fullmatch("2026-03-25（黄）") and WHOLE.fullmatch("2026-03-25") and WHOLE.fullmatch("2026-03")
    assert not WHOLE.fullmatch("2026-03-25 召开支部党员大会")


def _counting_model(rows, headers, extra=None):
    """A list model answering the display role from `rows` (and `extra`: role → value for every
    cell of column 0), counting the calls to data() per role."""
    from collections import Counter

    from desktop.tablemodels import ListModel

    class Model(ListModel):
        calls: Counter = Counter()

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            self.calls[role] += 1
            if not index.isValid():
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return self.rows[index.row()][index.column()]
            if extra and index.column() == 0:
                return extra.get(role)
            return None

    model = Model(headers)
    model.set_rows(rows)
    return model


def test_columns_are_measured_as_the_delegate_measures_them(qtbot, qapp):
    """The one-pass measuring (text advance, overhang, the style's margins) gives each column the
    width Qt's own resizeColumnToContents gives it through the delegate, and the widest cell its
    size hint, with the program's look: CJK and Latin text, trailing spaces, glyphs overhanging
    their advance, numbers, dates with their light, values not text, line breaks, right-to-left
    text, an icon on every row."""
    from PySide6.QtWidgets import QApplication, QStyle, QTableView

    from desktop.app import apply_look
    from desktop.tables import _measure, is_number

    sheet, font = qapp.styleSheet(), qapp.font()
    apply_look(qapp)
    try:
        icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        texts = [["东城镇红星村党支部", "xxx", "13,447,966", "2026-03-25（黄）", 42, "标题 ", "٣٣ ئۇيغۇر"],
                 ["ff", "Wolf", "+5", "2026-03", 3.5, "第一行\n第二行", "a\tb"],
                 ["", None, "-1", "2026-03-31（红）", None, "  ", "—…“”"]]
        model = _counting_model(texts, ["图标", "名称", "金额（元）", "日期", "数", "标题", "其他"],
                                extra={Qt.ItemDataRole.DecorationRole: icon})
        view = QTableView()
        view.setModel(model)
        qtbot.addWidget(view)
        view.resize(900, 300)
        view.show()
        columns = list(range(model.columnCount()))
        header = view.horizontalHeader()
        measured = _measure(view, columns, {c: header.sectionSizeHint(c) for c in columns})
        for c in columns:
            view.resizeColumnToContents(c)
            cells = max(view.sizeHintForIndex(model.index(r, c)).width() for r in range(3)) + 1
            numeric = all(is_number(str(t[c])) for t in texts if t[c] not in (None, "")) or c == 3
            assert measured[c] == (view.columnWidth(c), numeric, cells if numeric else 0), (c, measured[c])
    finally:
        qapp.setStyleSheet(sheet)
        qapp.setFont(font)


def test_a_fitting_asks_the_model_once_a_cell(qtbot):
    """Fitting a table asks the model for each sampled cell's text once (and a few roles a column),
    not for every role the delegate reads, twice for a column of numbers."""
    from PySide6.QtWidgets import QTableView

    from desktop.tables import SAMPLE, fit_table

    rows = [[f"第{n}党支部", f"{n * 1000:,}", f"2026-03-{n % 28 + 1:02d}", "说明" * (n % 7)] for n in range(300)]
    model = _counting_model(rows, ["党组织", "金额（元）", "日期", "说明"])
    view = QTableView()
    view.setModel(model)
    qtbot.addWidget(view)
    view.resize(800, 300)
    model.calls.clear()
    fit_table(view)  # measured now (not shown: nothing painted)
    display = model.calls.pop(Qt.ItemDataRole.DisplayRole)
    assert display <= SAMPLE * 4, display
    assert sum(model.calls.values()) <= 4 * 4, model.calls  # a column's first row: its own font, icon…
