"""双议双评: the approval steps (党员群众商议, 乡镇党委审议) a cadre's sheet needs, all 同意, before
its evaluations can be entered."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import DomainError
from ...evaluation import ApprovalOutcome, EvaluationApproval, EvaluationSheet
from ...member import Member
from .definitions import Definition


def approval_gaps(session: Session, defn: Definition, sheet_ids: list[int]) -> dict[int, str]:
    """Sheets whose approval steps (双议双评: 党员群众商议, 乡镇党委审议) are not all 同意: sheet id →
    what is missing ("尚未乡镇党委审议", "党员群众商议不同意")."""
    if not defn.approvals or not sheet_ids:
        return {}
    got: dict[int, dict[str, ApprovalOutcome]] = defaultdict(dict)
    for i in range(0, len(sheet_ids), 5000):
        for sid, step, outcome in session.execute(
                select(EvaluationApproval.sheet_id, EvaluationApproval.step, EvaluationApproval.outcome)
                .where(EvaluationApproval.sheet_id.in_(sheet_ids[i:i + 5000]))):
            got[sid][step] = outcome
    out = {}
    for sid in sheet_ids:
        steps = got.get(sid, {})
        refused = [s for s in defn.approvals if steps.get(s) is ApprovalOutcome.DISAGREED]
        missing = [s for s in defn.approvals if s not in steps]
        if refused:
            out[sid] = f"{'、'.join(refused)}不同意"
        elif missing:
            out[sid] = f"尚未{'、'.join(missing)}"
    return out


def require_approvals(session: Session, defn: Definition, sheet_ids: list[int]) -> None:
    """Refuse entry while any of these sheets lacks an approval step or was refused one."""
    gaps = approval_gaps(session, defn, sheet_ids)
    if gaps:
        from .common import names_text

        by_gap: dict[str, list[str]] = defaultdict(list)
        for sid, gap in gaps.items():
            sheet = session.get_one(EvaluationSheet, sid)
            who = session.get_one(Member, sheet.member_id).name if sheet.member_id else sheet.person_name or f"评价表{sid}"
            by_gap[gap].append(who)
        parts = [f"{names_text(names)}{gap}" for gap, names in by_gap.items()]
        raise DomainError(f"{'；'.join(parts)}：{'、'.join(defn.approvals)}均同意后才能录入评价")
