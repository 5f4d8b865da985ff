"""党组织 page: the leadership register of the organization shown (班子成员), 登记任职 and 登记离任."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from models.org import Organization


def _village_shown(qtbot, ctx, gui_db):
    """The 党组织 page showing 红星村党支部; the page and the village's id."""
    from desktop.pages.orgs import OrgsPage

    with gui_db.session() as s:
        village = s.scalar(select(Organization).where(Organization.short_name == "红星村党支部"))
    page = OrgsPage(ctx)
    qtbot.addWidget(page)
    page.select_org(village.id)
    return page, village


def test_register_and_end_a_secretary(qtbot, ctx, gui_db, actor, messages):
    page, village = _village_shown(qtbot, ctx, gui_db)
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


def test_the_leader_forms_keep_the_typing_when_refused(qtbot, ctx, gui_db, actor, messages, confirmations, monkeypatch):
    """登记任职 and 登记离任 ask in one form each (not four questions that close on a refusal): a
    refused 确定 keeps everything typed with the cursor in the field the refusal names; Esc after
    typing asks and 'no' keeps it; a good 确定 records (docs/screen.md)."""
    from models.services.leaders import leaders
    from tests.prompts import script

    page, village = _village_shown(qtbot, ctx, gui_db)
    start = (date.today() - timedelta(days=400)).isoformat()
    late = (date.today() + timedelta(days=3)).isoformat()
    seen = script(monkeypatch, confirmations, ["书记", "赵书记", late, "选举"], ["书记", "赵书记", start, "选举"])
    assert page.add_leader()
    assert seen["shown"] == ["任职日期：不能晚于今天"] and seen["open"] and seen["focus"] == 2
    assert seen["kept"] == seen["still"] == ["书记", "赵书记", late, "选举"]
    assert seen["asked"] == ["放弃输入"] and seen["stayed"] and seen["closed"]
    with gui_db.session() as s:
        [sec] = leaders(s, actor, village.id)
        assert (sec.name, sec.start_on.isoformat(), sec.chosen_by) == ("赵书记", start, "选举")

    seen = script(monkeypatch, confirmations, ["书记 赵书记", "2000-01-01"], ["书记 赵书记", start])
    page.select_org(village.id)
    assert page.end_leader()
    assert seen["shown"][0].startswith("离任日期：早于任职日期") and seen["open"] and seen["focus"] == 1
    assert seen["kept"] == seen["still"] == ["书记 赵书记", "2000-01-01"] and seen["asked"] == ["放弃输入"]
    with gui_db.session() as s:
        assert leaders(s, actor, village.id, include_ended=False) == []
