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


def prepare_democratic(session, actor, rnd, public=2, present=None, absent_note=None, commit=True):
    """What a 民主评议 round needs before its grades count: every member's 个人自评 recorded (done)
    and each branch's meeting (all full members present unless `present`, `public` raters)."""
    from models.services import evaluation as ev

    rows = ev.sheet_rows(session, rnd.id)
    for r in rows:
        ev.record_self_assessment(session, actor, r.sheet_id, None, True, "按时参加组织生活，带头参与公益事业")
    branches: dict[int, int] = {}
    for r in rows:
        branches[r.org_id] = branches.get(r.org_id, 0) + (1 if r.graded else 0)
    for oid, full in branches.items():
        ev.record_meeting(session, actor, rnd.id, oid, {
            "held_on": "2026-01-08", "expected": max(full, 1), "present": max(full, 1) if present is None else present,
            "absent_note": absent_note, "public_invited": public, "public_present": public})
    if commit:
        session.commit()
