"""整顿台账 on the 党组织 page: open a 整顿 for an organization, record progress, 验收 — with the
service's date checks shown under the fields, the questions asked first, the 软弱涣散 flag in the
tree following, Enter/Esc, and a township clerk seeing only their township's records."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from models.actor import Actor


def org_id(db, short_name):
    from sqlalchemy import select

    from models.org import Organization

    with db.session() as s:
        return s.scalar(select(Organization.id).where(Organization.short_name == short_name))


def open_rect(db, actor, short_name, on="2026-03-01"):
    from models.services import rectification as rc

    with db.transaction() as s:
        return rc.open_rectification(s, actor, org_id(db, short_name), 2026, ["年度考核排名末位"], on,
                                     county_leader="王副县长", work_team="县委组织部驻村工作队").id


@pytest.fixture
def page(qtbot, ctx):
    from desktop.pages.orgs import OrgsPage

    errors: list[str] = []
    ctx.show_error = errors.append
    p = OrgsPage(ctx)
    p.errors = errors
    qtbot.addWidget(p)
    p.resize(1024, 640)
    p.show()
    qtbot.waitExposed(p)
    return p


def cells(register):
    m = register.model
    return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]


def test_open_progress_and_accept_through_the_register(page, qtbot, gui_db, confirmations, messages,
                                                       qtmodeltester, tmp_path):
    reg = page.register
    village = org_id(gui_db, "红星村党支部")
    page.select_org(village)
    page.tabs.setCurrentWidget(reg)
    assert page.tabs.tabText(1) == "整顿台账"
    assert reg.model.rowCount() == 0 and reg.count.text() == "共0条，整顿中0条"

    # 开始整顿: the organization comes from the tree; what the service refuses shows under the fields
    dialog = reg.open_new()
    assert dialog.org.edit.text().startswith("中共东城镇红星村支部委员会")
    dialog.reasons.check("书记职位空缺3个月以上")
    dialog.opened.setText("2026-02-30")
    assert dialog.save() is False
    assert dialog.fields["开始日期"].error.text() != ""
    assert dialog.fields["包联县级领导"].error.text() == "必填"
    assert dialog.fields["第一书记或驻村工作队"].error.text() == "至少填写一项"
    assert confirmations == []  # nothing asked about an entry the service refuses
    dialog.opened.setText("2026-03-01")
    dialog.leader.setText("王副县长")
    dialog.secretary.setText("李明（县农业农村局）")
    dialog.reasons.other.setText("村集体经济薄弱")
    dialog.plan.setPlainText("一、选优配强村党支部书记；二、规范三会一课")
    confirmations.answer = False  # the clerk thinks again: nothing is written
    assert dialog.save() is False
    assert confirmations[-1] == ("开始整顿", "将“红星村党支部”列为2026年软弱涣散党组织并开始整顿？")
    assert reg.model.rowCount() == 0
    confirmations.answer = True
    with qtbot.waitSignal(dialog.saved):
        assert dialog.save() is True
    qtmodeltester.check(reg.model)
    assert cells(reg) == [["红星村党支部", "2026", "书记职位空缺3个月以上、其他：村集体经济薄弱", "2026-03-01",
                           "王副县长", "李明（县农业农村局）", "—", "", "整顿中"]]
    assert reg.selected().org_name == "红星村党支部"
    assert "一、选优配强村党支部书记" in reg.details.toPlainText()
    page.show_in_tree(village)  # the organization's 软弱涣散 flag follows
    assert "软弱涣散" in page.details["flags"].text()
    page.tabs.setCurrentWidget(reg)

    # 记录进展: a date before the opening is refused under the field; Enter saves
    progress = reg.add_progress()
    progress.on.setText("2026-02-01")
    progress.text.setText("选举产生新任村党支部书记")
    assert progress.save() is False
    assert progress.fields["日期"].error.text() == "早于整顿开始日期2026-03-01"
    progress.on.setText("2026-05-10")
    progress.text.setFocus()
    with qtbot.waitSignal(progress.saved):
        QTest.keyClick(progress.text, Qt.Key.Key_Return)
    assert not progress.isVisible()
    assert cells(reg)[0][6] == "1条：2026-05-10 选举产生新任村党支部书记"
    assert "2026-05-10　选举产生新任村党支部书记（测试员）" in reg.details.toPlainText()

    # Esc cancels: nothing recorded
    progress = reg.add_progress()
    progress.text.setText("不该记下的话")
    QTest.keyClick(progress.text, Qt.Key.Key_Escape)
    assert not progress.isVisible()
    assert cells(reg)[0][6].startswith("1条")

    # 验收: 继续整顿 keeps it open; 转化 closes it and clears the flag (asked first)
    accept = reg.accept_selected()
    accept.on.setText("2026-06-20")
    accept.result.setCurrentIndex(accept.result.findData("继续整顿"))
    with qtbot.waitSignal(accept.saved):
        assert accept.save() is True
    assert confirmations[-1][1] == "“红星村党支部”的整顿验收为“继续整顿”：整顿继续，标记保留。确定？"
    assert cells(reg)[0][7:] == ["2026-06-20 继续整顿", "整顿中"]
    accept = reg.accept_selected()
    accept.on.setText("2026-01-05")
    accept.result.setCurrentIndex(accept.result.findData("转化"))
    assert accept.save() is False
    assert accept.fields["验收日期"].error.text() == "早于整顿开始日期2026-03-01"
    accept.on.setText("2026-09-25")
    with qtbot.waitSignal(accept.saved):
        assert accept.save() is True
    assert confirmations[-1][1] == "“红星村党支部”的整顿验收为“转化”：整顿结束，撤销软弱涣散标记。确定？"
    assert cells(reg)[0][7:] == ["2026-09-25 转化", "已转化"]
    assert reg.accept_selected() is None
    assert page.errors[-1] == "该整顿已于2026-09-25验收转化"
    page.show_in_tree(village)
    assert "软弱涣散" not in page.details["flags"].text()

    # the filter: 整顿中 hides the closed record, 已转化 shows it
    reg.which.setCurrentIndex(reg.which.findData("open"))
    assert reg.model.rowCount() == 0
    reg.which.setCurrentIndex(reg.which.findData("closed"))
    assert reg.model.rowCount() == 1
    page.tabs.setCurrentWidget(reg)
    reg.grab().save(str(tmp_path / "register.png"))


def test_a_township_clerk_sees_and_opens_only_their_township(qtbot, gui_db, actor, messages):
    from desktop.context import AppContext
    from desktop.pages.orgs import OrgsPage

    open_rect(gui_db, actor, "红星村党支部")
    west_rect = open_rect(gui_db, actor, "中心小学党支部")
    clerk = Actor("东城镇组织委员", "乡镇办事员", org_id(gui_db, "东城镇党委"))
    page = OrgsPage(AppContext(gui_db, clerk))
    qtbot.addWidget(page)
    assert [row[0] for row in cells(page.register)] == ["红星村党支部"]
    assert page.register.select(west_rect) is False
    dialog = page.register.open_new()  # the one picker offers the clerk's township only
    dialog.org.edit.setText("中心小学党支部")
    assert dialog.save() is False
    assert dialog.org.shows_problem() and "中心小学党支部" in dialog.org.note.text()  # said once, there
    assert [row[0] for row in cells(page.register)] == ["红星村党支部"]


def test_a_reader_may_look_but_not_change(qtbot, gui_db, actor, messages):
    from desktop.context import AppContext
    from desktop.pages.orgs import OrgsPage

    open_rect(gui_db, actor, "红星村党支部")
    page = OrgsPage(AppContext(gui_db, Actor("领导", "只读")))
    qtbot.addWidget(page)
    assert page.register.model.rowCount() == 1
    assert [page.register.buttons[k].isEnabled() for k in ("open", "progress", "accept", "org")] == [
        False, False, False, True]


def test_f5_shows_another_clerks_record_and_keeps_the_selection(qtbot, gui_db, sqlite_path, actor, messages):
    from desktop.app import MainWindow

    first = open_rect(gui_db, actor, "中心小学党支部")
    win = MainWindow(str(sqlite_path), None)
    qtbot.addWidget(win)
    win.show()
    assert win.open_database()
    page = win.navigate("orgs")
    page.show_rectification(first)
    open_rect(gui_db, actor, "红星村党支部")  # another clerk, elsewhere
    win.refresh_action.trigger()
    assert [row[0] for row in cells(page.register)] == ["红星村党支部", "中心小学党支部"]
    assert page.register.selected().id == first
