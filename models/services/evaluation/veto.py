"""一票否决 (docs/findings.md, 星级与记录): while the setting `rating_veto` is on, a branch with an
open 软弱涣散 整顿 or an unrectified problem of an issued 督办函/预警函 in the rated period is
rated no higher than `rating_veto_cap` (★★★). The cap is applied wherever a level is computed
or set (entry, bulk import, 计算, 调整最终等次); the reason is shown beside the grid and in the
results workbook."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ...evaluation import EvaluationRound, SubjectKind
from ...rectification import Rectification, RectificationStatus
from ...settings import get_setting
from ...supervision import SENT_STATUSES, Letter, LetterKind, Problem, ProblemStatus, letter_problem
from .definitions import Definition, definition_of
from .periods import parse_period


def veto_on(session: Session) -> bool:
    return get_setting(session, "rating_veto").strip() == "1"


def veto_cap(session: Session, defn: Definition) -> str | None:
    """The highest level a vetoed branch may get (None: the setting names no level of the scheme)."""
    cap = get_setting(session, "rating_veto_cap").strip()
    return cap if cap in defn.levels else None


def veto_reasons(session: Session, rnd: EvaluationRound, org_ids: list[int] | None = None) -> dict[int, str]:
    """Per vetoed organization of an organization round, the reason (empty when the setting is off
    or the round rates members)."""
    defn = definition_of(rnd.scheme)
    if defn.subject is not SubjectKind.ORGANIZATION or not veto_on(session) or veto_cap(session, defn) is None:
        return {}
    start, end = parse_period(rnd.scheme.period_kind, rnd.period)
    reasons: dict[int, list[str]] = {}
    rq = select(Rectification).where(
        Rectification.opened_on <= end,
        or_(Rectification.status == RectificationStatus.OPEN, Rectification.accepted_on > end))
    if org_ids is not None:
        rq = rq.where(Rectification.org_id.in_(org_ids))
    for r in session.scalars(rq):
        reasons.setdefault(r.org_id, []).append(f"软弱涣散整顿未转化（{r.opened_on}开始）")
    pq = (select(Problem.org_id, Letter.number, Problem.description)
          .join(letter_problem, letter_problem.c.problem_id == Problem.id)
          .join(Letter, Letter.id == letter_problem.c.letter_id)
          .where(Letter.kind.in_([LetterKind.SUPERVISION, LetterKind.WARNING]), Letter.status.in_(SENT_STATUSES),
                 Letter.issued_on >= start, Letter.issued_on <= end, Problem.in_force,
                 or_(Problem.status != ProblemStatus.CLOSED, Problem.closed_on > end))
          .order_by(Letter.issued_on, Problem.id))
    if org_ids is not None:
        pq = pq.where(Problem.org_id.in_(org_ids))
    seen: set[tuple[int, str]] = set()
    for org_id, number, description in session.execute(pq):
        if (org_id, description) in seen:
            continue
        seen.add((org_id, description))
        reasons.setdefault(org_id, []).append(f"{number}督办问题未整改：{description}")
    return {org_id: "一票否决：" + "；".join(texts) for org_id, texts in reasons.items()}


def capped(defn: Definition, level: str | None, cap: str | None) -> str | None:
    """`level`, or `cap` when the level is above it (the scheme's levels run from the best)."""
    if level is None or cap is None or level not in defn.levels:
        return level
    return cap if defn.levels.index(level) < defn.levels.index(cap) else level


class Veto:
    """The cap of one round, read once: `level(org_id, level)` is the level as the rule allows."""

    def __init__(self, session: Session, rnd: EvaluationRound):
        self.defn = definition_of(rnd.scheme)
        self.reasons = veto_reasons(session, rnd)
        self.cap = veto_cap(session, self.defn) if self.reasons else None

    def level(self, org_id: int, level: str | None) -> str | None:
        return capped(self.defn, level, self.cap) if org_id in self.reasons else level

    def refuse(self, org_id: int, level: str) -> str | None:
        """Why `level` may not be given to the organization (a sentence), or None."""
        if org_id in self.reasons and self.level(org_id, level) != level:
            return f"{self.reasons[org_id]}，星级不能高于{self.cap}"
        return None


def veto_lines(session: Session, rnd: EvaluationRound, names: dict[int, str]) -> list[str]:
    """One line per vetoed branch of the round (`names`: org id → the name shown), for the warnings."""
    reasons = veto_reasons(session, rnd, list(names))
    if not reasons:
        return []
    cap = veto_cap(session, definition_of(rnd.scheme))
    return [f"{names[oid]}：星级不超过{cap}（{text}）" for oid, text in reasons.items() if oid in names]


def round_veto(session: Session, rnd: EvaluationRound) -> tuple[dict[int, str], str | None]:
    """(reasons per organization, the cap) of a round, for the grid that shows levels as typed."""
    veto = Veto(session, rnd)
    return veto.reasons, veto.cap
