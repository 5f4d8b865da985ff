"""Test data for the 三函 cycle: a third township, tasks and problems."""

from __future__ import annotations

from datetime import date

from models.enums import OrgKind, Sector
from models.org import Organization
from models.services import supervision as sv
from models.services.orgs import create_org
from models.supervision import ProblemSource, Severity
from tests.factories import County


def add_north(session, actor, county: County) -> tuple[Organization, Organization]:
    """A third township (北关街道党工委) with a community branch."""
    north = create_org(session, actor, name="中共某某县北关街道工作委员会", short_name="北关街道党工委",
                       kind=OrgKind.WORK_COMMITTEE, sector=Sector.COMMUNITY, parent_id=county.root.id)
    branch = create_org(session, actor, name="中共北关街道南门社区支部委员会", short_name="南门社区党支部",
                        kind=OrgKind.BRANCH, sector=Sector.COMMUNITY, parent_id=north.id)
    return north, branch


def task(session, actor, month="2026-03", title="召开支部党员大会", scope_ids=None, **over):
    values = dict(month=month, title=title, content="学习传达县委全会精神",
                  requirements="会议记录完整，党员参会率不低于80%", due_on=date(2026, 3, 31),
                  archive="组织生活/党员大会")
    values.update(over)
    return sv.create_task(session, actor, scope_ids=scope_ids, **values)


def problem(session, actor, org, found_on=date(2026, 3, 10), category="组织生活",
            description="三会一课记录不全", severity=Severity.ORDINARY, **over):
    values = dict(org_id=org.id, found_on=found_on, source=ProblemSource.INSPECTION,
                  category=category, description=description, severity=severity)
    values.update(over)
    return sv.create_problem(session, actor, **values)
