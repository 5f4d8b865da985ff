"""The audit viewer page: filters, the table, old → new in the detail pane."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QAbstractItemModelTester

from desktop.context import AppContext
from models.actor import Actor
from models.services.members import create_member, update_member
from tests.factories import build_county, member_values


@pytest.fixture
def ctx(sqlite_db, actor):
    with sqlite_db.session() as s:
        build_county(s, actor)
        m = create_member(s, actor, member_values(1))
        update_member(s, Actor("县级甲", "县级办事员"), m.id, {"phone": "13900000000"})
        s.commit()
    errors: list[str] = []
    c = AppContext(sqlite_db, Actor("管理员", "管理员"), show_error=errors.append)
    c.errors = errors  # type: ignore[attr-defined]
    return c


def test_audit_page_filters_and_shows_old_to_new(qtbot, ctx):
    from desktop.pages import audit

    assert (audit.KEY, audit.TITLE) == ("audit", "审计日志")
    page = audit.create_page(ctx)
    qtbot.addWidget(page)
    QAbstractItemModelTester(page.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model = page.model
    assert model.rowCount() == 8  # 6 organizations, 1 member created, 1 member changed
    first = [model.index(0, c).data() for c in range(model.columnCount())]
    assert first[1:5] == ["县级甲", "修改", "党员", first[4]]
    assert "联系电话：13800000001 → 13900000000" in page.detail.toPlainText()

    page.account.setCurrentIndex(page.account.findData("测试员"))
    page.entity.setCurrentIndex(page.entity.findText("党员"))
    page.search.click()
    assert model.rowCount() == 1
    assert model.index(0, 2).data() == "新增"
    assert "姓名：（空） → 张芳1" in page.detail.toPlainText()

    page.entity.setCurrentIndex(0)
    tomorrow = QDate.currentDate().addDays(1)
    page.since.setDate(tomorrow)
    page.until.setDate(tomorrow)
    page.search.click()
    assert model.rowCount() == 0
    assert page.status.text() == "共0条"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "时间"
    assert ctx.errors == []


def test_township_clerk_is_refused_clearly(qtbot, sqlite_db):
    from desktop.pages import audit

    errors: list[str] = []
    c = AppContext(sqlite_db, Actor("东城", "乡镇办事员", 2), show_error=errors.append)
    page = audit.create_page(c)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0
    assert len(errors) == 1 and "无权查看审计日志" in errors[0]  # told once, not once per list
    assert date.today()  # the page still opens


def test_detail_pane_labels_every_record_and_names_organizations(qtbot, sqlite_db, actor):
    from desktop.pages import audit
    from models.services import supervision as sv
    from models.services.members import transfer_member
    from models.supervision import ProblemStatus
    from tests.supervision_factories import problem

    with sqlite_db.session() as s:
        c = build_county(s, actor)
        p = problem(s, actor, c.village)
        sv.move_problem(s, actor, p.id, ProblemStatus.IN_PROGRESS)
        m = create_member(s, actor, member_values(1))
        transfer_member(s, actor, m.id, c.community.id, date(2026, 1, 5))
        s.commit()
    ctx = AppContext(sqlite_db, Actor("管理员", "管理员"), show_error=lambda e: None)
    page = audit.create_page(ctx)
    qtbot.addWidget(page)

    page.entity.setCurrentIndex(page.entity.findText("问题"))
    page.search.click()
    assert page.model.index(0, 2).data() == "状态变更"
    assert "状态：待整改 → 整改中" in page.detail.toPlainText()
    page.table.selectRow(1)  # the problem as recorded: labelled fields, the branch by name
    text = page.detail.toPlainText()
    assert "问题描述：（空） → 三会一课记录不全" in text
    assert "党组织：（空） → 中共东城镇红星村支部委员会" in text
    assert "org_id" not in text and "description" not in text

    page.entity.setCurrentIndex(page.entity.findText("党员"))
    page.search.click()
    assert page.model.index(0, 2).data() == "组织关系转接"
    assert ("所在党支部：中共东城镇红星村支部委员会 → 中共东城镇幸福社区支部委员会"
            in page.detail.toPlainText())
