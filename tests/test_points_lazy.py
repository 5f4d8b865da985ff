"""积分台账 at any size: the page reads the year's entry ids and then only the rows it shows
(desktop/pages/points.EntryModel); the clerk sees every entry as the ledger has it, in its
order, with the waiting ones counted, and a member's running total per quarter is right."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.context import AppContext
from desktop.pages import points as page_module
from models.actor import Actor
from models.services import evaluation as ev
from models.services import points as pts
from tests.evaluation_helpers import add_members
from tests.factories import build_county

ADMIN = Actor("测试员", "管理员")

#: each member's year: (date, item, points); the township clerk records the second one (it waits)
YEAR = [(date(2025, 2, 10), "学习教育加分", "+3"), (date(2025, 5, 6), "先锋作用加分", "+2"),
        (date(2025, 8, 1), "志愿服务加分", "+1"), (date(2025, 11, 3), "组织生活扣分", "-2")]


@pytest.fixture
def ledger(sqlite_db, monkeypatch):
    monkeypatch.setattr(page_module, "BLOCK", 3)  # rows read three at a time
    with sqlite_db.session() as s:
        county = build_county(s, ADMIN)
        ev.ensure_builtin_schemes(s, ADMIN)
        s.commit()
        members = add_members(s, ADMIN, 4) + add_members(s, ADMIN, 3, org="幸福社区党支部", start=20)
        clerk = Actor("东城镇", "乡镇办事员", county.east.id)
        for m in members:
            for k, (on, item, points) in enumerate(YEAR):
                pts.add_entry(s, clerk if k == 1 else ADMIN, m.id, on, item, points, f"{m.name}第{k + 1}条")
        s.commit()
        return [m.id for m in members]


def make_page(qtbot, db, actor=ADMIN):
    page = page_module.create_page(AppContext(db, actor))
    qtbot.addWidget(page)
    page.resize(1100, 300)
    page.show()
    page.year.setValue(2025)
    return page


def texts(page) -> list[list[str]]:
    m = page.model
    return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]


def test_every_entry_shown_as_the_ledger_has_it(qtbot, sqlite_db, ledger, qtmodeltester):
    page = make_page(qtbot, sqlite_db)
    qtmodeltester.check(page.model)
    with sqlite_db.session() as s:
        rows = pts.entry_rows(s, ADMIN, 2025)
    assert len(rows) == 28 and page.summary.text() == "28条记录，待审核7条"
    assert [e.id for e in page.model.rows] == [e.id for e in rows]
    assert list(page.model.rows) == rows
    assert texts(page)[-1][2:7] == [rows[-1].member_name, rows[-1].id_number, "2025-11-03", "组织生活扣分", "-2"]
    assert [t[9] for t in texts(page)] == [e.state for e in rows]
    page.pending_only.setChecked(True)
    assert page.summary.text() == "7条记录，待审核7条"
    assert {t[5] for t in texts(page)} == {"先锋作用加分"} and {t[9] for t in texts(page)} == {"待审核"}


def test_running_totals_per_quarter_and_approval_deep_in_the_ledger(qtbot, sqlite_db, ledger):
    page = make_page(qtbot, sqlite_db)
    last = page.model.rowCount() - 1  # the last member's 组织生活扣分, far from the rows read first
    page.view.selectRow(last)
    assert page.model.rows[last].member_id == ledger[-1]
    quarters = [page.quarters.item(i).text() for i in range(page.quarters.count())]
    assert quarters == ["第1季度：本季度+3，累计63分 ★", "第2季度：本季度+0，累计63分 ★，待审核1条",
                        "第3季度：本季度+1，累计64分 ★", "第4季度：本季度-2，累计62分 ★"]
    waiting = last - 2  # the same member's 先锋作用加分, recorded by the township
    assert page.model.index(waiting, 9).data() == "待审核"
    page.view.selectRow(waiting)
    assert page.approve_selected() == 1
    assert page.model.index(waiting, 9).data() == "已生效" and page.summary.text() == "28条记录，待审核6条"
    page.view.selectRow(last)
    assert page.quarters.item(3).text() == "第4季度：本季度-2，累计64分 ★"
    with sqlite_db.session() as s:
        assert pts.member_year(s, ADMIN, ledger[-1], 2025).total == 64
