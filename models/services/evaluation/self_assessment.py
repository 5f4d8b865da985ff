"""民主评议党员's 个人自评: each member's self-assessment (done or not, with its summary) and the
count shown beside the grid."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ...actor import Actor
from ...errors import DomainError, FieldError, ValidationError
from ...evaluation import EvaluationRound, EvaluationSheet
from ...org import Organization
from ...settings import get_setting
from .. import access
from ..common import apply_changes, check_version, get_or_fail
from .common import load_json, require_draft
from .definitions import Definition, definition_of
from .reading import SheetRow
from .scoring import sheet_result


def self_required(session: Session, defn: Definition) -> bool:
    """Whether a member needs a 个人自评 (done) before a grade: the scheme has the step and the
    setting evaluation_self_before_grading is on (the default); docs/evaluation-rules.md."""
    return defn.self_assessment and get_setting(session, "evaluation_self_before_grading").strip() != "0"


def self_missing(session: Session, defn: Definition, member_id: int | None, self_done: bool | None,
                 required: bool | None = None) -> bool:
    """This sheet's grade waits for its 个人自评."""
    if required is None:
        required = self_required(session, defn)
    return required and member_id is not None and self_done is not True


def self_assessment_note(defn: Definition, rows: list[SheetRow]) -> str:
    """"自评：已完成N人，未完成N人，未记录N人" for a scheme with 个人自评, else ""."""
    if not defn.self_assessment:
        return ""
    done = sum(1 for r in rows if r.self_done)
    not_done = sum(1 for r in rows if r.self_done is False)
    return f"个人自评：已完成{done}人，未完成{not_done}人，未记录{len(rows) - done - not_done}人"


def record_self_assessment(session: Session, actor: Actor, sheet_id: int, version: int | None,
                           done: bool, summary: str | None = None) -> EvaluationSheet:
    """个人自评 of one member: done or not done, with the summary (required when done)."""
    access.require(actor, access.Permission.EDIT_RECORDS)
    sheet = get_or_fail(session, EvaluationSheet, sheet_id, "评价表")
    check_version(sheet, version, "评价表")
    rnd = session.get(EvaluationRound, sheet.round_id)
    org = session.get(Organization, sheet.org_id)
    access.require_in_scope(session, actor, org.path, org.name)
    require_draft(rnd)
    if sheet.member_id is None or not definition_of(rnd.scheme).self_assessment:
        raise DomainError(f"“{rnd.scheme.name}”没有个人自评环节")
    summary = (summary or "").strip() or None
    if done and summary is None:
        raise ValidationError([FieldError("自评摘要", "已完成自评时必填")])
    if summary and len(summary) > 500:
        raise ValidationError([FieldError("自评摘要", "不超过500字")])
    defn = definition_of(rnd.scheme)
    changes = {"self_done": bool(done), "self_summary": summary}
    total, level = sheet_result(defn, load_json(sheet.item_scores), load_json(sheet.rater_results), sheet.graded,
                                self_missing(session, defn, sheet.member_id, bool(done)))
    changes.update(total=total, computed_level=level)
    if sheet.override_reason is None:
        changes["final_level"] = level
    apply_changes(session, actor, sheet, changes, "evaluation_sheet", note="个人自评")
    return sheet
