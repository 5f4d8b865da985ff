"""At 1024×768 (the main window resized to it, offscreen): the 工作台's action lists and the 结对台账
need no sideways scrolling, and the 结对台账 shows at least ten rows (docs/screen.md, “Tables”)."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture
def busy_db(gui_db, actor):
    """Fifteen pairings with long names and funds in the millions; problems with long descriptions
    and terms due, so that every action list has wide rows."""
    from sqlalchemy import select

    from models.org import Organization
    from models.services.pairing import PartyRef, add_activity, create_pairing

    with gui_db.session() as s:
        orgs = {o.short_name: o for o in s.scalars(select(Organization))}
        for n in range(15):
            p = create_pairing(s, actor, type="村居联建", name=f"幸福社区党支部与红星村党支部第{n + 1}轮村居联建共建共享示范项目",
                               start_on=date(2025, 1, 1), leads=[PartyRef("org", orgs["幸福社区党支部"].id)],
                               assisted=[PartyRef("org", orgs["红星村党支部"].id)])
            add_activity(s, actor, p.id, date(2025, 3, 1), "资金帮扶", "修建村内道路和文化广场" * 3, "13447966.50")
        from models.services import evaluation as ev
        from models.services import points as pts
        from models.services.members import create_member
        from tests.factories import member_values

        ev.ensure_builtin_schemes(s, actor)
        member = create_member(s, actor, member_values(7))
        for day in range(1, 11):
            pts.add_entry(s, actor, member.id, date(date.today().year, 1, day), "志愿服务加分", "+1",
                          "参加志愿服务活动，带头清理村内环境卫生" * 2)
        s.commit()
    return gui_db


def test_the_dashboard_and_the_pairing_register_fit_1024_by_768(qtbot, looked, busy_db, sqlite_path, messages):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop.app import MainWindow
    from desktop.tables import WHOLE, is_number

    win = MainWindow(str(sqlite_path), None)
    qtbot.addWidget(win)
    win.resize(1024, 768 - 26)  # the screen less openbox's title bar (the window maximized)
    win.show()
    assert win.open_database()
    app = QApplication.instance()

    board = win.navigate("dashboard")
    app.processEvents()
    for k, name in enumerate(board.models):
        board.lists.setCurrentIndex(k)
        app.processEvents()
        view = board.views[name]  # built when its tab is shown
        assert not view.horizontalScrollBar().isVisible(), name
        widths = sum(view.columnWidth(c) for c in range(view.model().columnCount()))
        assert widths <= view.viewport().width(), (name, widths, view.viewport().width())
        for row in range(view.model().rowCount()):  # dates and numbers whole
            for c in range(view.model().columnCount()):
                text = str(view.model().index(row, c).data() or "")
                if is_number(text) or WHOLE.fullmatch(text):
                    assert view.columnWidth(c) >= view.fontMetrics().horizontalAdvance(text) + 6, (name, text)

    page = win.navigate("pairing")
    app.processEvents()
    view = page.list_view
    assert page.list_model.rowCount() == 15
    assert not view.horizontalScrollBar().isVisible()
    assert sum(view.columnWidth(c) for c in range(page.list_model.columnCount())) <= view.viewport().width()
    shown = view.viewport().height() // view.rowHeight(0)
    assert shown >= 10, shown
    # the detail below keeps its buttons whole (登记年度评价 was cut at the page's bottom edge)
    from PySide6.QtCore import QRect

    for button in (page.assess_button, page.act_button):
        top_left = button.mapTo(page, button.rect().topLeft())
        assert page.rect().contains(QRect(top_left, button.size())), (button.text(), top_left, page.size())
        clip = button.visibleRegion().boundingRect()
        assert clip.size() == button.size(), (button.text(), clip, button.size())
    header = [page.list_model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.list_model.columnCount())]
    funds, name = header.index("资金(元)"), header.index("结对名称")
    text = page.list_model.index(0, funds).data()
    assert text == "13,447,966.50"
    assert view.columnWidth(funds) >= view.fontMetrics().horizontalAdvance(text) + 6  # never cut
    whole = page.list_model.index(0, name).data()  # elided, the whole name as its tip
    assert view.itemDelegate().tooltip(view, page.list_model.index(0, name)) == whole
    # 结束日期, 项目数 (and 结对类型 if need be) are left out at 1024 and come back on a wider screen
    assert view.isColumnHidden(header.index("结束日期")) and view.isColumnHidden(header.index("项目数"))
    win.resize(1900, 1000)
    app.processEvents()
    assert not view.isColumnHidden(header.index("结束日期")) and not view.isColumnHidden(header.index("项目数"))
    assert not view.horizontalScrollBar().isVisible()

    win.resize(1024, 768 - 26)
    points = win.navigate("points")
    app.processEvents()
    assert points.model.rowCount() == 10
    assert not points.view.horizontalScrollBar().isVisible()
    assert sum(points.view.columnWidth(c) for c in range(points.model.columnCount())
               if not points.view.isColumnHidden(c)) <= points.view.viewport().width()
