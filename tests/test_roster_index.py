"""The roster page reads an index (ids and the texts searched) and then only the rows it shows:
what it finds, the rows it reads by id and a column read for sorting are those of the whole roster
as roster_rows reads it, for every filter and for an account that sees masked numbers."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import update

from models.actor import Actor
from models.member import Member
from models.roles import Role
from models.services import members as msvc
from tests.factories import member_values

SEARCHES = ["", "z", "zw", "张", "张伟1", "伟", "138", "1380000001", "4405", "0001", "x", "Z W", "无此人"]


@pytest.fixture
def roster(session, actor, county):
    """30 members in two townships; some ended, lost or floating; names repeated."""
    ids = []
    for n in range(1, 31):
        org = ("红星村党支部", "幸福社区党支部", "中心小学党支部")[n % 3]
        same = {"name": f"张伟{n % 4}"} if n % 5 == 0 else {}  # names that several members have
        ids.append(msvc.create_member(session, actor, member_values(n, org=org, **same)).id)
    session.flush()
    session.execute(update(Member).where(Member.id.in_(ids[:3])).values(ended_on=date(2025, 1, 1)))
    session.execute(update(Member).where(Member.id.in_(ids[3:6])).values(lost_contact=True))
    session.execute(update(Member).where(Member.id.in_(ids[5:9])).values(floating=True))
    session.commit()
    return county


def accounts(county) -> list[Actor]:
    return [Actor("管理员", Role.ADMIN), Actor("东城镇", Role.TOWNSHIP_CLERK, county.east.id),
            Actor("只读", Role.READ_ONLY)]


FILTERS = [msvc.RosterFilter(), msvc.RosterFilter(status="all"), msvc.RosterFilter(status="ended"),
           msvc.RosterFilter(full=False), msvc.RosterFilter(flags=frozenset({msvc.FLAG_LOST})),
           msvc.RosterFilter(flags=frozenset({msvc.FLAG_FLOATING}), status="all")]


def test_the_index_holds_what_the_rows_hold(session, roster):
    for who in accounts(roster):
        for where in FILTERS + [msvc.RosterFilter(org_id=roster.community.id, status="all")]:
            rows = msvc.roster_rows(session, who, where.org_id, where.status, full=where.full, flags=where.flags)
            index = msvc.roster_index(session, who, where)
            assert index.ids == [r[msvc.R_ID] for r in rows]
            assert index.names == [r[msvc.R_NAME] for r in rows]
            assert index.numbers == [r[msvc.R_ID_NUMBER] for r in rows]  # masked where the rows are
            assert index.phones == [r[msvc.R_PHONE] for r in rows]
            # the rows read by id are the same tuples
            assert msvc.roster_rows_of(session, who, index.ids[::-1]) == {r[msvc.R_ID]: r for r in rows}
            # a column read alone (for sorting) holds the rows' values
            for key, _label in msvc.ROSTER_COLUMNS:
                assert msvc.roster_column(session, who, where, key) == {r[msvc.R_ID]: r[key] for r in rows}
            # the search over the index finds what the search over the rows found, in the order given
            every = list(range(len(index.ids)))[::-1]
            for text in SEARCHES:
                found = msvc.search_index(index, every, text)
                assert [index.ids[p] for p in found] == [r[msvc.R_ID] for r in msvc.filter_roster(rows[::-1], text)]
    clerk = accounts(roster)[1]
    assert all("*" in n for n in msvc.roster_index(session, clerk).numbers)


def test_rows_of_members_outside_the_account_are_not_read(session, roster):
    admin, clerk = accounts(roster)[:2]
    everyone = msvc.roster_index(session, admin, msvc.RosterFilter(status="all")).ids
    mine = msvc.roster_index(session, clerk, msvc.RosterFilter(status="all")).ids
    assert 0 < len(mine) < len(everyone)
    assert set(msvc.roster_rows_of(session, clerk, everyone)) == set(mine)
