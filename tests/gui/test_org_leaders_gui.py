"""党组织 page: the leadership register of the organization shown (班子成员), 登记任职 and 登记离任."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from models.org import Organization


def test_register_and_end_a_secretary(qtbot, ctx, gui_db, actor, messages):
    from desktop.pages.orgs import OrgsPage

    with gui_db.session() as s:
        village = s.scalar(select(Organization).where(Organization.short_name == "红星村党支部"))
    page = OrgsPage(ctx)
    qtbot.addWidget(page)
    page.select_org(village.id)
    start = (date.today() - timedelta(days=400)).isoformat()
    assert page.add_leader("书记", "赵书记", start, "选举")
    page.select_org(village.id)
    qtbot.waitUntil(lambda: page.details["leaders"].text() == f"书记 赵书记（{start}起，选举）")
    assert page.details["secretary"].text() == "赵书记"  # the organization's 书记 follows the register
    assert not page.add_leader("书记", "钱某", start)  # one 书记 at a time
    with gui_db.session() as s:
        from models.services.leaders import leaders

        [sec] = leaders(s, actor, village.id)
    left = (date.today() - timedelta(days=100)).isoformat()
    assert page.end_leader(sec.id, left)
    page.select_org(village.id)
    qtbot.waitUntil(lambda: page.details["leaders"].text() == "")
    assert f"书记职位自{left}空缺，已超过3个月" in page.details["warnings"].text()
