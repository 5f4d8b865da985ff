"""Reading a round's sheets: the rows of the grid and the workbooks, the branches, the masked view
an account may see, and the signature the window compares to refresh."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...actor import Actor
from ...evaluation import EvaluationApproval, EvaluationMeeting, EvaluationRound, EvaluationSheet
from ...member import Member
from ...org import Organization
from .. import access
from ..common import get_or_fail, kept_while_reading
from ..orgs import shown_names
from .common import load_json


@dataclass
class SheetRow:
    sheet_id: int
    version: int
    member_id: int | None
    org_id: int
    org_name: str
    subject_name: str
    id_number: str | None
    graded: bool
    items: dict[str, Any]
    raters: dict[str, Any]
    total: Decimal | None
    computed_level: str | None
    final_level: str | None
    override_reason: str | None
    override_body: str | None
    self_done: bool | None = None
    self_summary: str | None = None
    #: a member or person sheet's one key across the cadre roster ("m<member id>" or "p<ID number>")
    person_key: str | None = None


def sheet_rows(session: Session, round_id: int, org_ids: list[int] | None = None) -> list[SheetRow]:
    """The round's sheets with names, branch by branch (plain columns: fast for a county round)."""
    S = EvaluationSheet
    rnd = get_or_fail(session, EvaluationRound, round_id, "评价")
    session.flush()
    q = (select(S.id, S.version, S.member_id, S.org_id, Organization.short_name, Organization.name,
                Member.name, Member.id_number, S.graded, S.item_scores, S.rater_results, S.total,
                S.computed_level, S.final_level, S.override_reason, S.override_body, S.self_done,
                S.self_summary, S.person_name, S.person_id_number)
         .join(Organization, Organization.id == S.org_id)
         .outerjoin(Member, Member.id == S.member_id)
         .where(S.round_id == rnd.id)
         .order_by(Organization.path, S.id))
    if org_ids is not None:
        q = q.where(S.org_id.in_(org_ids))
    out = []
    names = _shown_names(session)  # the branch with its township where its name repeats
    for (sid, version, mid, oid, short, full, mname, idn, graded, items, raters, total, level, final,
         reason, body, self_done, self_summary, pname, pnumber) in session.execute(q):
        # a 双议双评 cadre who is not a Party member: the person's own name and ID number
        key = f"m{mid}" if mid is not None else f"p{pnumber}" if pnumber else None
        out.append(SheetRow(sid, version, mid, oid, names.get(oid, short or full), mname or pname or full, idn or pnumber, graded,
                            load_json(items), load_json(raters), None if total is None else Decimal(total),
                            level, final, reason, body, self_done, self_summary, key))
    return out


def _shown_names(session: Session) -> dict[int, str]:
    """shown_names of every organization, read once per reading session (the page's branches and
    its sheets both ask)."""
    return kept_while_reading(session, "evaluation_shown_names", lambda: shown_names(session))


class SheetLevel(NamedTuple):
    """What the quota and meeting rules count of a sheet (`sheet_levels`): no names, no entries."""

    sheet_id: int
    org_id: int
    org_name: str
    graded: bool
    final_level: str | None


def sheet_levels(session: Session, round_id: int) -> list[SheetLevel]:
    """The round's sheets in the order of `sheet_rows`, with only their branch (named as there),
    whether graded and the final level: the rules that block 已确定 read no more."""
    S = EvaluationSheet
    session.flush()
    names = shown_names(session)
    q = (select(S.id, S.org_id, Organization.short_name, Organization.name, S.graded, S.final_level)
         .join(Organization, Organization.id == S.org_id)
         .where(S.round_id == round_id)
         .order_by(Organization.path, S.id))
    return [SheetLevel(sid, oid, names.get(oid, short or full), graded, final)
            for sid, oid, short, full, graded, final in session.execute(q)]


def round_signature(session: Session, round_id: int | None) -> tuple[Any, ...]:
    """What changes when any clerk changes a round or opens another: the rounds (id, version),
    the round's sheet versions, its 商议/审议 records and its branch meetings (count and sum each). The window compares
    it to refresh."""
    # one statement (the page polls it): each part a count and a sum of versions (no record is
    # deleted and every change raises a version, so a change always moves one of them)
    def both(q):
        return (q.with_only_columns(func.count()).scalar_subquery(),
                q.with_only_columns(func.coalesce(func.sum(q.selected_columns[0]), 0)).scalar_subquery())

    parts = [*both(select(EvaluationRound.version)), select(func.max(EvaluationRound.id)).scalar_subquery()]
    if round_id is not None:
        parts += [*both(select(EvaluationSheet.version).where(EvaluationSheet.round_id == round_id)),
                  *both(select(EvaluationApproval.version)
                        .join(EvaluationSheet, EvaluationSheet.id == EvaluationApproval.sheet_id)
                        .where(EvaluationSheet.round_id == round_id)),
                  *both(select(EvaluationMeeting.version).where(EvaluationMeeting.round_id == round_id))]
    return tuple(session.execute(select(*parts)).one())


def round_branches(session: Session, actor: Actor, round_id: int) -> list[tuple[int, str, int]]:
    """(org id, name, sheets) of the branches with sheets in the round, in the actor's township."""
    access.require_read(actor)
    q = (select(Organization.id, func.coalesce(Organization.short_name, Organization.name), func.count())
         .join(EvaluationSheet, EvaluationSheet.org_id == Organization.id)
         .where(EvaluationSheet.round_id == round_id))
    q = (access.limit(session, actor, q, Organization.path)
         .group_by(Organization.id, Organization.short_name, Organization.name, Organization.path)
         .order_by(Organization.path))
    rows = [tuple(r) for r in session.execute(q)]
    names = _shown_names(session)  # with the township where a name repeats
    return [(oid, names.get(oid, name), n) for oid, name, n in rows]


def round_sheets(session: Session, actor: Actor, round_id: int,
                 org_ids: list[int] | None = None) -> list[SheetRow]:
    """The round's sheets as the actor may see them: its township only, ID numbers masked
    unless it may see them (the evaluation page)."""
    import dataclasses

    access.require_read(actor)
    visible = access.visible_org_ids(session, actor)
    if visible is not None:
        org_ids = visible if org_ids is None else [i for i in org_ids if i in set(visible)]
    rows = sheet_rows(session, round_id, org_ids)
    if access.masks_id_numbers(actor):
        rows = [dataclasses.replace(r, id_number=access.shown_id(actor, r.id_number)) for r in rows]
    return rows
