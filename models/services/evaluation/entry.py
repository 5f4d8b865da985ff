"""What a clerk enters on sheets: points, scores and votes checked and cleaned, one sheet at a time
(the grid) or many at once (an imported workbook), and a final level other than the computed one."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from sqlalchemy import CursorResult, bindparam, select, update
from sqlalchemy.orm import Session

from ...actor import Actor
from ...audit import AuditEntry, audit_row, diff
from ...errors import ConflictError, DomainError, FieldError, NotFound, ValidationError
from ...evaluation import EvaluationRound, EvaluationSheet, RoundStatus
from ...org import Organization
from .. import access
from ..common import apply_changes, check_version, get_or_fail, insert_rows
from .approvals import require_approvals
from .common import count_problem, dump_json, load_json, names_text, require_draft
from .computing import is_ledger
from .definitions import Definition, definition_of
from .scoring import entry_errors, sheet_result
from .self_assessment import self_missing, self_required
from .veto import Veto


def _refuse_ledger_entry(rnd: EvaluationRound) -> None:
    if is_ledger(rnd):
        raise DomainError("星级党员的积分来自积分台账：请在积分台账登记加分、扣分（或导入积分记录），"
                          "再重新计算本季度的累计积分")


def clean_entry(defn: Definition, items: dict[str, Any], raters: dict[str, Any]) -> tuple[dict, dict]:
    """Normalized JSON-ready entry (Decimals as strings, blanks dropped), or ValidationError."""
    out_items: dict[str, Any] = {}
    errors = []
    known_items = {i.name for i in defn.items}
    for key, value in items.items():
        if key not in known_items:
            errors.append(FieldError(key, "不是该方案的评价项目"))
        elif value is not None and value != "":
            try:
                out_items[key] = str(Decimal(str(value)))
            except InvalidOperation:
                errors.append(FieldError(key, f"“{value}”不是数字"))
    out_raters: dict[str, Any] = {}
    for name, result in raters.items():
        if name not in {g.name for g in defn.raters}:
            errors.append(FieldError(name, "不是该方案的评价主体"))
            continue
        group = defn.group(name)
        clean: dict[str, Any] = {}
        if result.get("score") not in (None, ""):
            try:
                clean["score"] = str(Decimal(str(result["score"])))
            except InvalidOperation:
                errors.append(FieldError(f"{name}(分)", f"“{result['score']}”不是数字"))
        votes = {g: n for g, n in (result.get("votes") or {}).items() if n not in (None, "")}
        for g, n in list(votes.items()):
            reason = count_problem(n, "票数")
            if reason:
                errors.append(FieldError(f"{name}-{g}", reason))
                del votes[g]
            else:
                votes[g] = int(n)
        bad = [g for g in votes if g not in group.grades]
        if bad:
            errors.append(FieldError(name, f"没有“{'、'.join(bad)}”这一档"))
        if votes:
            clean["votes"] = votes
        if result.get("raters") not in (None, ""):
            reason = count_problem(result["raters"], "参评人数")
            if reason:
                errors.append(FieldError(f"{name}-参评人数", reason))
            else:
                clean["raters"] = int(result["raters"])
        if clean:
            out_raters[name] = clean
    errors += entry_errors(defn, out_items, out_raters)
    if errors:
        raise ValidationError(errors)
    return out_items, out_raters


def enter_scores(session: Session, actor: Actor, sheet_id: int, version: int | None,
                 items: dict[str, Any] | None = None, raters: dict[str, Any] | None = None) -> EvaluationSheet:
    """Replace a sheet's entered points / votes (only the parts given) and recompute it; audited."""
    access.require(actor, access.Permission.EDIT_RECORDS)
    sheet = get_or_fail(session, EvaluationSheet, sheet_id, "评价表")
    org = session.get(Organization, sheet.org_id)
    access.require_in_scope(session, actor, org.path, org.name)
    check_version(sheet, version, "评价表")
    rnd = session.get(EvaluationRound, sheet.round_id)
    require_draft(rnd)
    _refuse_ledger_entry(rnd)
    defn = definition_of(rnd.scheme)
    require_approvals(session, defn, [sheet.id])
    new_items = load_json(sheet.item_scores) if items is None else items
    new_raters = load_json(sheet.rater_results) if raters is None else raters
    clean_items, clean_raters = clean_entry(defn, new_items, new_raters)
    total, level = sheet_result(defn, clean_items, clean_raters, sheet.graded,
                                self_missing(session, defn, sheet.member_id, sheet.self_done))
    changes: dict[str, Any] = {"item_scores": dump_json(clean_items), "rater_results": dump_json(clean_raters),
                               "total": total, "computed_level": level}
    if sheet.override_reason is None:
        changes["final_level"] = Veto(session, rnd).level(sheet.org_id, level)
    apply_changes(session, actor, sheet, changes, "evaluation_sheet")
    return sheet


def enter_many(session: Session, actor: Actor, entries: dict[int, tuple[dict, dict]], note: str) -> int:
    """Bulk entry (an imported workbook, already checked with clean_entry): written with one audit
    row per changed sheet, in a few statements."""
    access.require(actor, access.Permission.EDIT_RECORDS)
    if not entries:
        return 0
    S = EvaluationSheet
    session.flush()
    cols = (S.id, S.round_id, S.org_id, S.graded, S.item_scores, S.rater_results, S.total, S.computed_level,
            S.final_level, S.override_reason, S.version, S.member_id, S.self_done)
    ids = list(entries)
    sheets = {}
    for i in range(0, len(ids), 5000):
        for row in session.execute(select(*cols).where(S.id.in_(ids[i:i + 5000]))):
            sheets[row.id] = row
    prefix = access.scope_path(session, actor)
    if prefix is not None:
        org_ids = {row.org_id for row in sheets.values()}
        outside = session.scalars(select(Organization.name).where(
            Organization.id.in_(org_ids), ~Organization.path.startswith(prefix))).all()
        if outside:
            access.require_in_scope(session, actor, "/-/", f"“{outside[0]}”")
    rounds: dict[int, Definition] = {}
    required: dict[int, bool] = {}
    vetoes: dict[int, Veto] = {}
    now = datetime.now().replace(microsecond=0)
    params, audits = [], []
    for sid, (items, raters) in entries.items():
        sheet = sheets.get(sid)
        if sheet is None:
            raise NotFound(f"找不到评价表（编号{sid}）")
        if sheet.round_id not in rounds:
            rnd = session.get(EvaluationRound, sheet.round_id)
            require_draft(rnd)
            _refuse_ledger_entry(rnd)
            rounds[sheet.round_id] = definition_of(rnd.scheme)
            required[sheet.round_id] = self_required(session, rounds[sheet.round_id])
            vetoes[sheet.round_id] = Veto(session, rnd)
        defn = rounds[sheet.round_id]
        waiting = self_missing(session, defn, sheet.member_id, sheet.self_done, required[sheet.round_id])
        total, level = sheet_result(defn, items, raters, sheet.graded, waiting)
        new = {"item_scores": dump_json(items), "rater_results": dump_json(raters), "total": total,
               "computed_level": level,
               "final_level": vetoes[sheet.round_id].level(
                   sheet.org_id, level if sheet.override_reason is None else sheet.final_level)}
        old = sheet._mapping
        changed = diff({k: (Decimal(old[k]) if k == "total" and old[k] is not None else old[k]) for k in new}, new)
        if not changed:
            continue
        params.append(dict(new, b_id=sid, b_read=sheet.version, version=sheet.version + 1, updated_at=now))
        audits.append(audit_row(actor.name, "update", "evaluation_sheet", sid, changed, note, now))
    for rid, defn in rounds.items():
        require_approvals(session, defn, [p["b_id"] for p in params if sheets[p["b_id"]].round_id == rid])
    if params:
        table = S.__table__
        done = session.execute(  # WHERE version = the version read: a sheet changed meanwhile is caught
            update(table).where(table.c.id == bindparam("b_id"), table.c.version == bindparam("b_read")).values(
                {k: bindparam(k) for k in ("item_scores", "rater_results", "total", "computed_level",
                                           "final_level", "version", "updated_at")}),
            params)
        dialect = session.get_bind().dialect
        done = cast(CursorResult, done)  # an UPDATE's result
        if dialect.supports_sane_multi_rowcount and done.rowcount not in (-1, len(params)):
            raise ConflictError(f"有{len(params) - done.rowcount}张评价表已被其他办事员修改，请重新导入："
                                f"{names_text(_changed_meanwhile(session, params))}")
        insert_rows(session, AuditEntry, audits)  # one executemany, sealed once
        session.expire_all()
    return len(params)


def _changed_meanwhile(session: Session, params: list[dict[str, Any]]) -> list[str]:
    """Who the sheets are that another clerk changed while a workbook was imported (their version
    is not the one this import wrote)."""
    from ...member import Member

    wrote = {p["b_id"]: p["version"] for p in params}
    S = EvaluationSheet
    rows = session.execute(select(S.id, S.version, Member.name, S.person_name, Organization.name)
                           .outerjoin(Member, Member.id == S.member_id)
                           .join(Organization, Organization.id == S.org_id)
                           .where(S.id.in_(list(wrote)[:5000])))
    return [mname or pname or oname for sid, version, mname, pname, oname in rows if version != wrote[sid]]


def _subject_name(session: Session, sheet: EvaluationSheet) -> str:
    from ...member import Member

    if sheet.member_id is not None:
        return session.get(Member, sheet.member_id).name
    return sheet.person_name or session.get(Organization, sheet.org_id).name


def override_level(session: Session, actor: Actor, sheet_id: int, version: int | None,
                   level: str | None, reason: str | None, body: str | None) -> EvaluationSheet:
    """A final level other than the computed one, with the reason and the deciding body;
    level None goes back to the computed level."""
    access.require(actor, access.Permission.EDIT_RECORDS)
    sheet = get_or_fail(session, EvaluationSheet, sheet_id, "评价表")
    check_version(sheet, version, "评价表")
    rnd = session.get(EvaluationRound, sheet.round_id)
    if rnd.status is RoundStatus.LOCKED:
        raise DomainError("评价结果已确定（锁定），不能调整等次；如需更正请先重新开启")
    org = session.get(Organization, sheet.org_id)
    access.require_in_scope(session, actor, org.path, org.name)
    defn = definition_of(rnd.scheme)
    if level is None:
        apply_changes(session, actor, sheet, {"final_level": sheet.computed_level, "override_reason": None,
                                              "override_body": None}, "evaluation_sheet", note="恢复计算等次")
        return sheet
    errors = []
    if level not in defn.levels:
        errors.append(FieldError("最终等次", f"应为{'、'.join(defn.levels)}之一"))
    if not sheet.graded:
        errors.append(FieldError("最终等次", "预备党员参加评议但不评定等次"))
    elif self_missing(session, defn, sheet.member_id, sheet.self_done):
        errors.append(FieldError("最终等次", f"“{_subject_name(session, sheet)}”没有个人自评，不评定等次"
                                           "（请先记录自评）"))
    if not (reason or "").strip():
        errors.append(FieldError("调整理由", "最终等次与计算等次不同时必填"))
    if not (body or "").strip():
        errors.append(FieldError("决定机关", "最终等次与计算等次不同时必填"))
    if not errors:
        refused = Veto(session, rnd).refuse(sheet.org_id, level)
        if refused:
            errors.append(FieldError("最终等次", refused))
    if errors:
        raise ValidationError(errors)
    apply_changes(session, actor, sheet, {"final_level": level, "override_reason": reason.strip(),
                                          "override_body": body.strip()}, "evaluation_sheet",
                  note="调整最终等次")
    return sheet
