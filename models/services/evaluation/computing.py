"""Totals and levels of a whole round recomputed in bulk, and the 积分制 ledger that gives the
星级党员 quarters their points (services/points.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from ...actor import Actor
from ...audit import record
from ...evaluation import EvaluationRound, EvaluationSheet, PeriodKind
from ...org import Organization
from .. import access
from ..common import get_or_fail
from .common import dump_json, load_json, require_draft
from .definitions import definition_of
from .periods import parse_period
from .scoring import sheet_result
from .self_assessment import self_missing, self_required
from .veto import Veto


def is_ledger(rnd: EvaluationRound) -> bool:
    """星级党员 quarters take their points from the 积分制 ledger (services/points.py)."""
    return rnd.scheme.name == "星级党员" and rnd.scheme.period_kind is PeriodKind.QUARTER


def _ledger_items(session: Session, rnd: EvaluationRound, member_ids: list[int]) -> dict[int, dict[str, str]]:
    from ..points import running_items

    start, end = parse_period(rnd.scheme.period_kind, rnd.period)
    return running_items(session, [m for m in member_ids if m is not None], start.year, end)


def compute_round(session: Session, actor: Actor, round_id: int) -> int:
    """Recompute every sheet's total and level from what was entered (bulk); returns how many changed."""
    access.require(actor, access.Permission.EDIT_RECORDS)
    rnd = get_or_fail(session, EvaluationRound, round_id, "评价")
    access.require_in_scope(session, actor, session.get(Organization, rnd.scope_org_id).path, "该评价范围")
    require_draft(rnd)
    defn = definition_of(rnd.scheme)
    session.flush()
    rows = session.execute(
        select(EvaluationSheet.id, EvaluationSheet.item_scores, EvaluationSheet.rater_results,
               EvaluationSheet.graded, EvaluationSheet.total, EvaluationSheet.computed_level,
               EvaluationSheet.final_level, EvaluationSheet.override_reason, EvaluationSheet.member_id,
               EvaluationSheet.self_done, EvaluationSheet.org_id)
        .where(EvaluationSheet.round_id == round_id)
    ).all()
    params = []
    from_ledger = _ledger_items(session, rnd, [r.member_id for r in rows]) if is_ledger(rnd) else None
    item_params = []
    cache: dict[tuple[str, str, bool, bool], tuple[Decimal | None, str | None]] = {}
    required = self_required(session, defn)
    veto = Veto(session, rnd)  # 一票否决 caps the final level (veto.py)
    for sid, items, raters, graded, total, level, final, reason, mid, self_done, org_id in rows:
        if from_ledger is not None:
            ledger_text = dump_json(from_ledger.get(mid, {}))
            if ledger_text != items:
                item_params.append({"b_id": sid, "item_scores": ledger_text})
                items = ledger_text
        waiting = self_missing(session, defn, mid, self_done, required)
        key = (items, raters, graded, waiting)
        if key not in cache:
            cache[key] = sheet_result(defn, load_json(items), load_json(raters), graded, waiting)
        new_total, new_level = cache[key]
        new_final = veto.level(org_id, final if reason is not None else new_level)
        if (new_total != (None if total is None else Decimal(total)) or new_level != level
                or new_final != final):
            params.append({"b_id": sid, "total": new_total, "computed_level": new_level,
                           "final_level": new_final})
    if item_params:
        table = EvaluationSheet.__table__
        session.execute(update(table).where(table.c.id == bindparam("b_id"))
                        .values(item_scores=bindparam("item_scores")), item_params)
    if params:
        _set_results(session, params)
        session.expire_all()
    elif item_params:
        session.expire_all()
    record(session, actor.name, "compute", "evaluation_round", round_id, {"sheets": [None, len(params)]},
           f"计算结果：{len(rows)}张评价表，{len(params)}张有变化")
    return len(params)


def _set_results(session: Session, params: list[dict[str, Any]]) -> None:
    """total / computed_level / final_level of many sheets: UPDATE … FROM (VALUES …) in chunks of
    5,000 rows (SQLite ≥ 3.33 and PostgreSQL); far fewer round trips than one UPDATE per row."""
    conn = session.connection()
    sqlite = conn.dialect.name == "sqlite"
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    row_sql = f"({mark}, {mark}, {mark}, {mark})"
    for i in range(0, len(params), 5000):
        chunk = params[i:i + 5000]
        args: list[Any] = []
        for p in chunk:
            total = p["total"]
            args += [p["b_id"], (None if total is None else str(total)) if sqlite else total,
                     p["computed_level"], p["final_level"]]
        first = (f"(CAST({mark} AS INTEGER), CAST({mark} AS NUMERIC(9, 4)), CAST({mark} AS VARCHAR(20)), "
                 f"CAST({mark} AS VARCHAR(20)))")
        values_sql = ", ".join([first] + [row_sql] * (len(chunk) - 1))
        conn.exec_driver_sql(
            "UPDATE evaluation_sheet SET total = v.column2, computed_level = v.column3, "
            "final_level = v.column4, version = evaluation_sheet.version + 1, "
            f"updated_at = CURRENT_TIMESTAMP FROM (VALUES {values_sql}) AS v "
            "WHERE evaluation_sheet.id = v.column1",
            tuple(args),
        )
