"""The quota and turnout rules applied to a round: the warnings beside the grid, the breaches that
block 已确定, and the exception a deciding body may record (reason and body)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy.orm import Session

from ...actor import Actor
from ...errors import DomainError, FieldError, ValidationError
from ...evaluation import EvaluationRound, RoundStatus, SubjectKind
from ...org import Organization
from .. import access
from ..common import apply_changes, check_version, get_or_fail
from .common import names_text
from .definitions import Definition, definition_of
from .meetings import Meeting, meetings_of
from .quotas import BranchTally, quota_warnings, tally, turnout_warnings
from .reading import SheetLevel, SheetRow, sheet_levels, sheet_rows


def round_warnings(session: Session, round_id: int, org_ids: list[int] | None = None) -> list[str]:
    """Quota (per branch and per round), meeting and 自评 warnings of a round."""
    from .self_assessment import self_required

    rnd = get_or_fail(session, EvaluationRound, round_id, "评价")
    defn = definition_of(rnd.scheme)
    rows = sheet_rows(session, round_id, org_ids)
    from .veto import veto_lines

    return warnings_for(defn, rows, whole_round=org_ids is None, meetings=meetings_of(session, round_id),
                        self_needed=self_required(session, defn)) + veto_lines(
        session, rnd, {r.org_id: r.org_name for r in rows})


def _branches(defn: Definition, rows: Sequence[SheetRow | SheetLevel],
              meetings: dict[int, Meeting] | None) -> list[BranchTally]:
    """Each branch's tally, in the order of its first sheet; the raters counted from a SheetRow's
    results (a SheetLevel has none: the blocking rules do not count them)."""
    by_branch: dict[int, list[SheetRow | SheetLevel]] = defaultdict(list)
    for r in rows:
        by_branch[r.org_id].append(r)
    return [tally(defn, sheets[0].org_name,
                  [(r.graded, r.final_level, r.raters if isinstance(r, SheetRow) else {}) for r in sheets],
                  (meetings or {}).get(oid))
            for oid, sheets in by_branch.items()]


def without_self(rows: list[SheetRow]) -> list[str]:
    """The graded members with no 个人自评 recorded as done: they get no grade (docs/evaluation-rules.md)."""
    return [r.subject_name for r in rows if r.graded and r.member_id is not None and r.self_done is not True]


def warnings_for(defn: Definition, rows: list[SheetRow], whole_round: bool = True,
                 meetings: dict[int, Meeting] | None = None, self_needed: bool = False) -> list[str]:
    out = []
    if defn.subject is SubjectKind.MEMBER:
        for t in _branches(defn, rows, meetings):
            out += quota_warnings(defn, t, "branch") + turnout_warnings(defn, t)
        missing = without_self(rows) if self_needed else []
        if missing:
            out.append(f"没有个人自评，不评定等次：{names_text(missing)}")
    if whole_round:
        t = tally(defn, "全部", [(r.graded, r.final_level, {}) for r in rows])
        out += quota_warnings(defn, t, "round")
    return out


def breaches_for(defn: Definition, rows: Sequence[SheetRow | SheetLevel],
                 meetings: dict[int, Meeting] | None = None) -> list[str]:
    """The rules that block 已确定 (unless set aside with a reason and a deciding body): a level over
    its limit in a branch (优秀 ≤ 1/3), the branch meeting not recorded, turnout 实到/应到 under the
    minimum (95%), public raters present under their share of the membership (20%)."""
    if defn.subject is not SubjectKind.MEMBER:
        return []
    out = []
    for t in _branches(defn, rows, meetings):
        out += quota_warnings(defn, t, "branch", limits_only=True) + turnout_warnings(defn, t)
    return out


def round_breaches(session: Session, round_id: int) -> list[str]:
    rnd = get_or_fail(session, EvaluationRound, round_id, "评价")
    defn = definition_of(rnd.scheme)
    if defn.subject is not SubjectKind.MEMBER:  # the rules count members (breaches_for)
        return []
    return breaches_for(defn, sheet_levels(session, round_id), meetings_of(session, round_id))


def override_rules(session: Session, actor: Actor, round_id: int, version: int | None,
                   reason: str | None, body: str | None) -> EvaluationRound:
    """Set the blocking rules aside for this round, with the reason and the deciding body (both
    required; shown in the results workbook); reason None withdraws the exception."""
    access.require(actor, access.Permission.LOCK_EVALUATIONS)
    rnd = get_or_fail(session, EvaluationRound, round_id, "评价")
    check_version(rnd, version, "评价")
    access.require_in_scope(session, actor, session.get_one(Organization, rnd.scope_org_id).path, "该评价范围")
    if rnd.status is RoundStatus.LOCKED:
        raise DomainError("评价结果已确定（锁定），不能再记录例外")
    if reason is None:
        apply_changes(session, actor, rnd, {"rule_override_reason": None, "rule_override_body": None},
                      "evaluation_round", note="撤销规则例外")
        return rnd
    errors = []
    if not reason.strip():
        errors.append(FieldError("例外理由", "必填"))
    if not (body or "").strip():
        errors.append(FieldError("决定机关", "必填"))
    if errors:
        raise ValidationError(errors)
    apply_changes(session, actor, rnd, {"rule_override_reason": reason.strip()[:200],
                                        "rule_override_body": (body or "").strip()[:100]},
                  "evaluation_round", note="记录规则例外：" + "；".join(round_breaches(session, round_id))[:150])
    return rnd
