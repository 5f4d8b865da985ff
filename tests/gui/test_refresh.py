"""Another clerk's change appears when a page is shown again or on F5, and the clerk keeps their
place (the selected record stays selected)."""

from __future__ import annotations

from tests.factories import member_values


def test_f5_and_coming_back_show_another_clerks_change_and_keep_the_selection(
        qtbot, gui_db, sqlite_path, actor, messages):
    from desktop.app import MainWindow
    from models.services.members import create_member

    with gui_db.session() as s:
        for n in (1, 2, 3):
            create_member(s, actor, member_values(n))
        s.commit()
    win = MainWindow(str(sqlite_path), None)
    qtbot.addWidget(win)
    win.show()
    assert win.open_database()
    page = win.navigate("members")
    assert page.model.rowCount() == 3
    chosen = page.model.member_id(1)
    page.view.selectRow(1)

    with gui_db.session() as s:  # another clerk, elsewhere
        create_member(s, actor, member_values(4, name="阿明"))  # sorts first by pinyin
        s.commit()
    assert win.refresh_action.shortcut().toString() == "F5"
    win.refresh_action.trigger()
    assert page.model.rowCount() == 4
    assert [page.model.member_id(i.row()) for i in page.view.selectionModel().selectedRows()] == [chosen]

    with gui_db.session() as s:
        create_member(s, actor, member_values(5))
        s.commit()
    win.navigate("orgs")
    win.navigate("members")  # shown again
    assert page.model.rowCount() == 5
    assert [page.model.member_id(i.row()) for i in page.view.selectionModel().selectedRows()] == [chosen]
