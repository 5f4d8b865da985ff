"""The roster page at any size reads only the rows it shows (rostermodel.RosterModel), and a clerk
sees what the page showed when it held every row: the same members in the same order for every
sort and search, the same cells, the same selection kept across a reload."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import update

from models.actor import Actor
from models.collation import sort_key
from models.member import Member
from models.roles import Role
from models.services import members as msvc
from tests.factories import member_values

SEARCHES = ["", "z", "zw", "zwe", "张", "张伟", "138", "13800000", "4405", "x", "无此人"]


@pytest.fixture
def many(gui_db, actor, monkeypatch):
    """40 members (names repeated, some lost or floating); the page reads 4 rows at a time."""
    from desktop import rostermodel

    monkeypatch.setattr(rostermodel, "ROSTER_BLOCK", 4)
    with gui_db.session() as s:
        ids = []
        for n in range(1, 41):
            org = ("红星村党支部", "幸福社区党支部", "中心小学党支部")[n % 3]
            same = {"name": f"张伟{n % 3}"} if n % 4 == 0 else {}
            ids.append(msvc.create_member(s, actor, member_values(n, org=org, **same)).id)
        s.flush()
        s.execute(update(Member).where(Member.id.in_(ids[:5])).values(lost_contact=True))
        s.execute(update(Member).where(Member.id.in_(ids[30:])).values(floating=True, position="村医"))
        s.commit()
    return gui_db


def shown(page) -> list[int]:
    return [page.model.member_id(r) for r in range(page.model.rowCount())]


def cells(page) -> list[list[str]]:
    m = page.model
    return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]


def as_before(rows: list[tuple], key: int | None, descending: bool, text: str) -> list[tuple]:
    """What the page showed when it held every row: the rows (by member id) searched, then
    sorted by the column's cells (pinyin for text, empty last), equal cells by member id."""
    found = msvc.filter_roster(rows, text)
    if key is None:
        return found
    return sorted(found, key=lambda r: sort_key(r[key]), reverse=descending)


@pytest.mark.parametrize("role", [Role.ADMIN, Role.TOWNSHIP_CLERK])
def test_every_sort_and_search_shows_the_members_and_cells_it_did(qtbot, many, role, county_ids):
    from desktop.context import AppContext
    from desktop.pages.members import MembersPage

    who = Actor("看名册", role, county_ids["east"] if role == Role.TOWNSHIP_CLERK else None)
    page = MembersPage(AppContext(many, who))
    qtbot.addWidget(page)
    with many.session() as s:
        rows = msvc.roster_rows(s, who)
    assert rows and shown(page) == [r[msvc.R_ID] for r in rows]  # opened: by member id
    assert page.count.text() == f"共{len(rows)}人"
    for col, (key, _label) in [(-1, (None, ""))] + list(enumerate(page.model.columns)):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            page.search.setText("")
            page.apply_search()
            page.view.sortByColumn(col, order)
            for text in SEARCHES:
                page.search.setText(text)
                page.apply_search()
                expected = as_before(rows, key, order == Qt.SortOrder.DescendingOrder, text)
                assert shown(page) == [r[msvc.R_ID] for r in expected], (key, order, text)
    # the cells: every column of every row, as the rows show them
    page.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    page.search.setText("")
    page.apply_search()
    expected = [["" if r[k] is None else (r[k].isoformat() if isinstance(r[k], date) else str(r[k]))
                 for k, _l in page.model.columns] for r in rows]
    assert cells(page) == expected
    assert [tuple(r) for r in page.model.rows] == rows


@pytest.fixture
def county_ids(gui_db):
    from models.org import Organization

    with gui_db.session() as s:
        return {"east": s.query(Organization.id).filter(Organization.short_name == "东城镇党委").scalar()}


def test_the_selection_survives_a_search_and_a_reload(qtbot, many, ctx, qtmodeltester):
    from desktop.pages.members import MembersPage

    page = MembersPage(ctx)
    qtbot.addWidget(page)
    qtmodeltester.check(page.model)
    page.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # 姓名, pinyin
    target = page.model.member_id(page.model.rowCount() - 3)
    page.select_member(target)
    assert page.selected_id() == target
    name = page.selected_row()[msvc.R_NAME]
    page.search.setText(name)
    page.apply_search()
    page.select_member(target)
    assert page.selected_id() == target and page.selected_row()[msvc.R_NAME] == name
    assert page.count.text().startswith("显示")
    page.floating.setChecked(True)  # a reload the member is not in
    page.floating.setChecked(False)
    page.select_member(target)
    page.reload()  # a reload the member is in: still selected
    assert page.selected_id() == target
    assert page.model.row_of(target) == [i.row() for i in page.view.selectionModel().selectedRows()][0]
    qtmodeltester.check(page.model)


def test_a_member_gone_from_the_account_since_the_roster_was_read_shows_its_name(qtbot, many, county_ids):
    """A township clerk's roster read; the member then moved to another township by someone
    else: scrolling to it shows the name the clerk saw, no error, until the roster is read again."""
    from desktop.context import AppContext
    from desktop.pages.members import MembersPage

    who = Actor("东城镇", Role.TOWNSHIP_CLERK, county_ids["east"])
    page = MembersPage(AppContext(many, who))
    qtbot.addWidget(page)
    last = page.model.rowCount() - 1
    mid, name = page.model.member_id(last), page.model.index_.names[-1]
    with many.session() as s:
        from models.org import Organization

        school = s.query(Organization.id).filter(Organization.short_name == "中心小学党支部").scalar()  # 西山乡
        s.execute(update(Member).where(Member.id == mid).values(org_id=school))
        s.commit()
    assert page.model.index(last, 0).data() == name
    page.reload()
    assert mid not in page.model.member_ids()
