"""Test data for the paired-assistance register: more villages and an urban branch."""

from __future__ import annotations

from dataclasses import dataclass

from models.enums import OrgKind, Sector
from models.org import Organization
from models.services.orgs import create_org
from tests.factories import County, build_county


@dataclass
class PairingCounty:
    county: County
    urban: Organization  # 县人民医院党支部 (under 东城镇 for the tests)
    villages: list[Organization]  # 红星村 + 5 more, east and west
    enterprise: Organization


def build_pairing_county(session, actor) -> PairingCounty:
    county = build_county(session, actor)
    urban = create_org(session, actor, name="中共某某县人民医院支部委员会", short_name="县医院党支部",
                       kind=OrgKind.BRANCH, sector=Sector.INSTITUTION, parent_id=county.east.id)
    enterprise = create_org(session, actor, name="中共某某食品有限公司支部委员会", short_name="食品公司党支部",
                            kind=OrgKind.BRANCH, sector=Sector.PRIVATE_ENTERPRISE,
                            parent_id=county.west.id)
    villages = [county.village]
    for i, (name, parent) in enumerate(
        [("青山", county.east), ("白石", county.east), ("柳溪", county.west), ("桃园", county.west),
         ("石桥", county.west)], start=1,
    ):
        villages.append(create_org(
            session, actor, name=f"中共{name}村支部委员会{i}", short_name=f"{name}村党支部",
            kind=OrgKind.BRANCH, sector=Sector.RURAL, parent_id=parent.id))
    return PairingCounty(county, urban, villages, enterprise)
