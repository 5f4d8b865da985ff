"""Two branches of the same short name in two townships are told apart wherever a list shows them:
the township in front of the name, only where the name repeats (models/services/orgs.shown_names)."""

from __future__ import annotations

from datetime import date

import pytest

from models.enums import OrgKind, Sector
from models.services.orgs import create_org, shown_names

EAST_TWO, WEST_TWO = "东城镇党委·团结村第二党支部", "西山乡党委·团结村第二党支部"


@pytest.fixture
def twins(session, actor, county):
    """团结村第二党支部 in 东城镇 and in 西山乡, both due for re-election within 90 days of 2026-04-01."""
    made = [create_org(session, actor, name=f"中共{town.short_name[:3]}团结村第二支部委员会", short_name="团结村第二党支部",
                       kind=OrgKind.BRANCH, sector=Sector.RURAL, parent_id=town.id, term_start=date(2021, 5, 1),
                       term_years=5)
            for town in (county.east, county.west)]
    session.commit()
    return made


def test_a_repeated_short_name_gets_its_township_and_no_other(session, county, twins):
    names = shown_names(session)
    assert [names[o.id] for o in twins] == [EAST_TWO, WEST_TWO]
    assert names[county.village.id] == "红星村党支部" and names[county.east.id] == "东城镇党委"
    assert shown_names(session, [twins[1].id]) == {twins[1].id: WEST_TWO}


def test_the_dashboard_roster_evaluation_and_pairing_lists_tell_them_apart(session, actor, county, twins):
    from models.services import dashboard
    from models.services import evaluation as ev
    from models.services.members import R_ORG, create_member, roster_rows
    from models.services.pairing import PartyRef, create_pairing, list_pairings
    from tests.factories import member_values

    board = dashboard.load(session, actor, date(2026, 4, 1))
    due = [row.cells[0] for row in board.lists["届期将满/应换届"]]
    assert EAST_TWO in due and WEST_TWO in due and "红星村党支部" in due

    from models.services import points as pts

    members = [create_member(session, actor, member_values(n, org=org.id)) for n, org in enumerate(twins, start=1)]
    session.commit()
    assert sorted(r[R_ORG] for r in roster_rows(session, actor)) == [EAST_TWO, WEST_TWO]
    ev.ensure_builtin_schemes(session, actor)
    for m in members:
        pts.add_entry(session, actor, m.id, "2025-02-10", "学习教育加分", "+15", "完成全年学习计划")
    session.commit()
    assert sorted(r.org_name for r in pts.entry_rows(session, actor, 2025)) == [EAST_TWO, WEST_TWO]

    rnd = ev.open_round(session, actor, ev.find_scheme(session, "民主评议党员"), "2025", county.root)
    session.commit()
    assert [name for _id, name, _n in ev.round_branches(session, actor, rnd.id)] == [EAST_TWO, WEST_TWO]
    assert [r.org_name for r in ev.sheet_rows(session, rnd.id)] == [EAST_TWO, WEST_TWO]

    create_pairing(session, actor, type="村居联建", name="两个团结村", start_on=date(2025, 1, 1),
                   leads=[PartyRef("org", twins[0].id)], assisted=[PartyRef("org", twins[1].id)])
    session.commit()
    [row] = list_pairings(session, actor)
    assert (row.leads, row.assisted) == (EAST_TWO, WEST_TWO)
