"""Members for evaluation tests."""

from __future__ import annotations

from datetime import date

from models.services.members import create_member
from tests.factories import member_values


def add_members(session, actor, n, org="红星村党支部", start=1, probationary=0):
    """n members of `org`; the first `probationary` of them joined in 2025 and are not yet full."""
    out = []
    for i in range(start, start + n):
        values = member_values(i, org=org)
        if i - start < probationary:
            values["joined_on"] = date(2025, 3, 1)
            values["full_on"] = date(2026, 3, 1)
        out.append(create_member(session, actor, values))
    session.commit()
    return out
