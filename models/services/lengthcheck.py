"""`check`: stored texts longer than their columns allow (written by old versions into SQLite)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..lengths import Overlong, overlong_values
from ..member import Member
from ..org import Organization
from . import access


def overlong_findings(session: Session, actor: Any) -> list[str]:
    """`check` lines for stored over-long values: 数据错误, the record, the field, length and limit.

    A township clerk sees those of members and organizations in their township only.
    """
    found = overlong_values(session.connection())
    prefix = access.scope_path(session, actor)
    if prefix is not None:
        paths = dict(session.execute(select(Organization.id, Organization.path)).all())
        member_org = dict(session.execute(select(Member.id, Member.org_id)).all())

        def visible(o: Overlong) -> bool:
            if o.table == "organization":
                return paths.get(o.record_id, "").startswith(prefix)
            if o.table == "member":
                return paths.get(member_org.get(o.record_id), "").startswith(prefix)
            return False

        found = [o for o in found if visible(o)]
    return [f"数据错误\t{o.record}\t“{o.field}”长{o.length}个字，超过上限{o.limit}个字（请改短）"
            for o in found]
