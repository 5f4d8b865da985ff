"""Demo evaluations: last year's locked 星级党支部 round and 民主评议党员 round, with results.

`add_demo(session, actor, rng, scale, today)` works on the organizations and members the demo
already built (scale is accepted for the shared demo signature; the size follows the roster).
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from ..actor import Actor
from ..evaluation import RoundStatus
from ..services import evaluation as ev
from ..services.orgs import county_root


def add_demo(session: Session, actor: Actor, rng: random.Random, scale: float, today: date) -> dict[str, int]:
    ev.ensure_builtin_schemes(session, actor)
    root = county_root(session)
    year = str(today.year - 1)
    posting = min(date(today.year, 3, 1), today - timedelta(days=10))
    counts: dict[str, int] = {}

    stars = ev.find_scheme(session, "星级党支部")
    rnd = ev.open_round(session, actor, stars, year, root)
    defn = ev.definition_of(stars)
    entries: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}
    for row in ev.sheet_rows(session, rnd.id):
        quality = rng.choice([0.55, 0.7, 0.8, 0.85, 0.85, 0.9, 0.9, 0.95, 0.95, 1.0])
        items = {}
        for item in defn.items:
            share = min(1.0, max(0.3, rng.gauss(quality, 0.06)))
            items[item.name] = str((item.max * ev.Decimal(str(round(share, 2)))).quantize(ev.Decimal("0.5")))
        entries[row.sheet_id] = (items, {})
    ev.enter_many(session, actor, entries, "演示数据")
    _finish(session, actor, rnd.id, posting, today)
    counts["星级党支部"] = len(entries)

    democratic = ev.find_scheme(session, "民主评议党员")
    rnd = ev.open_round(session, actor, democratic, year, root)
    rows = ev.sheet_rows(session, rnd.id)
    by_branch: dict[int, list[ev.SheetRow]] = defaultdict(list)
    for row in rows:
        by_branch[row.org_id].append(row)
    entries = {}
    for members in by_branch.values():
        n = len(members)
        graded = [r for r in members if r.graded]
        excellent = set(r.sheet_id for r in rng.sample(graded, rng.randint(0, len(graded) // 3)))
        public = max(1, math.ceil(n * rng.choice([0.2, 0.25, 0.3])))
        voters = max(1, n - (1 if n > 20 and rng.random() < 0.5 else 0))
        for r in members:
            if r.sheet_id in excellent:
                mv = _split(rng, voters, [0.8, 0.2, 0.0, 0.0])
                pv = _split(rng, public, [0.8, 0.2, 0.0, 0.0])
            elif rng.random() < 0.004:
                mv = _split(rng, voters, [0.0, 0.1, 0.3, 0.6])
                pv = _split(rng, public, [0.0, 0.1, 0.3, 0.6])
            else:
                mv = _split(rng, voters, [0.1, 0.85, 0.05, 0.0])
                pv = _split(rng, public, [0.1, 0.85, 0.05, 0.0])
            entries[r.sheet_id] = ({}, {"党员互评": {"votes": mv}, "群众评议": {"votes": pv}})
    ev.enter_many(session, actor, entries, "演示数据")
    _within_quota(session, actor, rnd.id)
    _finish(session, actor, rnd.id, posting, today)
    counts["民主评议党员"] = len(entries)
    return counts


GRADES = ["优秀", "合格", "基本合格", "不合格"]


def _split(rng: random.Random, total: int, shares: list[float]) -> dict[str, int]:
    return dict(Counter(rng.choices(GRADES, weights=shares, k=total)))


def _within_quota(session: Session, actor: Actor, round_id: int) -> None:
    """As a branch meeting would: 优秀 beyond a third of the graded members become 合格 (recorded)."""
    ev.compute_round(session, actor, round_id)
    by_branch: dict[int, list[ev.SheetRow]] = defaultdict(list)
    for row in ev.sheet_rows(session, round_id):
        by_branch[row.org_id].append(row)
    for rows in by_branch.values():
        allowed = sum(r.graded for r in rows) // 3
        excellent = sorted((r for r in rows if r.final_level == "优秀"), key=lambda r: r.total, reverse=True)
        for r in excellent[allowed:]:
            ev.override_level(session, actor, r.sheet_id, r.version, "合格",
                              "优秀超过参评党员三分之一，按得票排序确定", f"{r.org_name}党员大会")


def _finish(session: Session, actor: Actor, round_id: int, posting: date, today: date) -> None:
    ev.compute_round(session, actor, round_id)
    ev.set_status(session, actor, round_id, None, RoundStatus.REVIEWED)
    ev.set_status(session, actor, round_id, None, RoundStatus.POSTED, posting)
    ev.lock_round(session, actor, round_id, today=today)
