"""Small, readable test data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from models import idcard
from models.actor import Actor
from models.enums import OrgKind, Sector
from models.org import Organization
from models.services.orgs import create_org, ensure_county


@dataclass
class County:
    root: Organization
    east: Organization  # 东城镇党委
    west: Organization  # 西山乡党委
    village: Organization  # 东城镇红星村党支部
    community: Organization  # 东城镇幸福社区党支部
    school: Organization  # 西山乡中心小学党支部


def build_county(session, actor: Actor) -> County:
    root = ensure_county(session, actor, "中共某某县委员会", "某组")
    east = create_org(session, actor, name="中共某某县东城镇委员会", short_name="东城镇党委",
                      kind=OrgKind.COMMITTEE, sector=Sector.RURAL, parent_id=root.id)
    west = create_org(session, actor, name="中共某某县西山乡委员会", short_name="西山乡党委",
                      kind=OrgKind.COMMITTEE, sector=Sector.RURAL, parent_id=root.id)
    village = create_org(session, actor, name="中共东城镇红星村支部委员会", short_name="红星村党支部",
                         kind=OrgKind.BRANCH, sector=Sector.RURAL, parent_id=east.id,
                         term_start=date(2021, 5, 1), term_years=5)
    community = create_org(session, actor, name="中共东城镇幸福社区支部委员会", short_name="幸福社区党支部",
                           kind=OrgKind.BRANCH, sector=Sector.COMMUNITY, parent_id=east.id)
    school = create_org(session, actor, name="中共西山乡中心小学支部委员会", short_name="中心小学党支部",
                        kind=OrgKind.BRANCH, sector=Sector.SCHOOL, parent_id=west.id)
    return County(root, east, west, village, community, school)


def id_number(n: int, birth: date = date(1980, 5, 17), male: bool = True) -> str:
    return idcard.make("440524", birth, n, male)


def member_values(n: int = 1, org: str = "红星村党支部", **over: Any) -> dict[str, Any]:
    """Raw values of a valid member, as a form or a spreadsheet row would give them."""
    birth = date(1970 + n % 30, 1 + n % 12, 1 + n % 28)
    joined = date(birth.year + 25, 7, 1)
    values = {
        "name": f"张{'伟芳娜敏静丽强磊军洋'[n % 10]}{n}",
        "id_number": id_number(n, birth, male=n % 2 == 0),
        "ethnicity": "汉族",
        "education": "大学本科",
        "category": "农牧渔民",
        "org_id": org,
        "joined_on": joined,
        "full_on": date(joined.year + 1, 7, 1),
        "phone": f"138{n:08d}",
        "address": "东城镇红星村",
    }
    values.update(over)
    return values
