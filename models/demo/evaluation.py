"""Demo evaluations: last year's locked 星级党支部 round and 民主评议党员 round (with 个人自评), a year
of 积分制 entries (last year's Q4 公示 locked, this year's entries so far, some waiting for
approval), a 双议双评 round for one township's village cadres, and a few 软弱涣散 整顿.

`add_demo(session, actor, rng, scale, today)` works on the organizations and members the demo
already built (scale is accepted for the shared demo signature; the size follows the roster).
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy.orm import Session

from ..actor import Actor
from ..enums import OrgStatus
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
    for row in _sheets(session, rnd.id):
        quality = rng.choice([0.55, 0.7, 0.8, 0.85, 0.85, 0.9, 0.9, 0.95, 0.95, 1.0])
        items = {}
        for item in defn.items:
            share = min(1.0, max(0.3, rng.gauss(quality, 0.06)))
            items[item.name] = str((item.max * Decimal(str(round(share, 2)))).quantize(Decimal("0.5")))
        entries[row.sheet_id] = (items, {})
    ev.enter_many(session, actor, entries, "演示数据")
    _finish(session, actor, rnd.id, posting, today)
    counts["星级党支部"] = len(entries)

    democratic = ev.find_scheme(session, "民主评议党员")
    rnd = ev.open_round(session, actor, democratic, year, root)
    by_branch: dict[int, list[_Sheet]] = defaultdict(list)
    for row in _sheets(session, rnd.id):
        by_branch[row.org_id].append(row)
    entries = {}
    meetings: dict[int, dict[str, Any]] = {}
    for oid, members in by_branch.items():
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
        # the branch meeting: 应到 the full members; one away (请假) in a large branch
        expected = max(1, len(graded))
        away = 1 if voters < n and expected >= 20 else 0
        meetings[oid] = {"held_on": date(today.year, 1, 8), "expected": expected, "present": expected - away,
                         "absent_note": "1人外出务工请假" if away else None, "public_invited": public + 1,
                         "public_present": public}
    # the parts below draw from their own generator (seeded from the shared one's state without
    # drawing from it), so the pairing and supervision demo after this one stay as they were
    rng = random.Random(repr(rng.getstate()[1][:4]))
    _self_assessments(session, rng, rnd.id)  # before the votes: a grade waits for the 自评
    ev.record_meetings(session, actor, rnd.id, meetings)
    ev.enter_many(session, actor, entries, "演示数据")
    _within_quota(session, actor, rnd.id)
    _finish(session, actor, rnd.id, posting, today)
    counts["民主评议党员"] = len(entries)
    counts["积分记录"] = _points(session, actor, rng, today)
    points_round = ev.open_round(session, actor, ev.find_scheme(session, "星级党员"), f"{year}Q4", root)
    _finish(session, actor, points_round.id, posting, today)
    counts["双议双评村干部"] = _cadres(session, actor, rng, today)
    counts["软弱涣散整顿"] = _rectifications(session, actor, rng, today)
    return counts


SELF_SUMMARIES = ("按时参加组织生活，带头参与村级公益事业；理论学习还不够系统",
                  "认真履行党员义务，积极参加志愿服务；发挥作用还不够充分",
                  "遵守党的纪律，按时交纳党费；联系群众还需加强")


def _self_assessments(session: Session, rng: random.Random, round_id: int) -> None:
    """个人自评 recorded for every member (a few 未完成: away working), in a few statements."""
    from sqlalchemy import bindparam, select, update

    from ..evaluation import EvaluationSheet as S

    ids = list(session.scalars(select(S.id).where(S.round_id == round_id)))
    params: list[dict[str, Any]] = [{"b_id": sid, "done": rng.random() > 0.02,
               "summary": None} for sid in ids]
    for p in params:
        p["summary"] = rng.choice(SELF_SUMMARIES) if p["done"] else "外出务工，未能参加自评"
    table = S.__table__
    session.execute(update(table).where(table.c.id == bindparam("b_id"))
                    .values(self_done=bindparam("done"), self_summary=bindparam("summary")), params)
    session.expire_all()


def _points(session: Session, actor: Actor, rng: random.Random, today: date) -> int:
    """A year of 积分制 entries for about one member in ten (last year and this year so far),
    inside the caps; this year's latest township entries wait for approval. Bulk insert with
    one audit row each."""
    from sqlalchemy import select

    from ..audit import AuditEntry, audit_row
    from ..evaluation import PointsEntry
    from ..member import Member
    from ..services.common import insert_rows

    members = session.execute(select(Member.id, Member.joined_on).where(Member.ended_on.is_(None))
                              .order_by(Member.id)).all()
    chosen = [m for m in members if rng.random() < 0.1]
    adds = [("学习教育加分", "参加专题学习并完成心得", 2, 4), ("先锋作用加分", "带头参与产业发展", 2, 5),
            ("志愿服务加分", "参加志愿服务活动", 1, 3)]
    deducts = [("组织生活扣分", "无故缺席支部党员大会", 1, 3), ("党费交纳扣分", "未按时交纳党费", 1, 2)]
    now = datetime.now().replace(microsecond=0)
    rows = []
    for mid, joined in chosen:
        for year in (today.year - 1, today.year):
            last = date(year, 12, 31) if year < today.year else today - timedelta(days=1)
            for q in range(1, 5):
                start = date(year, 3 * q - 2, 1)
                if start > last:
                    break
                for item, reason, lo, hi in rng.sample(adds, rng.randint(0, 2)) + (
                        [rng.choice(deducts)] if rng.random() < 0.15 else []):
                    on = min(last, start + timedelta(days=rng.randint(0, 88)))
                    if on < joined:
                        continue
                    points = rng.randint(lo, hi) * (-1 if item.endswith("扣分") else 1)
                    pending = year == today.year and (today - on).days < 20 and rng.random() < 0.5
                    rows.append({"member_id": mid, "year": year, "entry_date": on, "item": item,
                                 "points": Decimal(points), "reason": reason,
                                 "recorded_by": "乡镇办事员" if pending else actor.name,
                                 "approved_by": None if pending else actor.name,
                                 "approved_at": None if pending else now, "version": 1,
                                 "created_at": now, "updated_at": now})
    insert_rows(session, PointsEntry, rows)
    ids = session.scalars(select(PointsEntry.id).order_by(PointsEntry.id)).all()
    insert_rows(session, AuditEntry, [audit_row(actor.name, "create", "points_entry", i, {}, "演示数据", now)
                                      for i in ids])
    return len(rows)


def _cadres(session: Session, actor: Actor, rng: random.Random, today: date) -> int:
    """Village cadres of every rural branch (书记 / 主任 / 委员), and last year's 双议双评 for one
    township's villages: both approvals recorded, both evaluations entered, left as a draft."""
    from sqlalchemy import select

    from ..audit import AuditEntry, audit_row
    from ..enums import OrgKind, Sector
    from ..evaluation import ApprovalOutcome, CadrePost, EvaluationApproval
    from ..member import Member
    from ..org import Organization
    from ..services import cadres
    from ..services.common import insert_rows
    from ..services.orgs import townships

    villages = session.execute(select(Organization.id, Organization.path).where(
        Organization.sector == Sector.RURAL, Organization.kind == OrgKind.BRANCH,
        Organization.status == OrgStatus.ACTIVE).order_by(Organization.path)).all()
    members: dict[int, list[int]] = defaultdict(list)
    for mid, oid in session.execute(select(Member.id, Member.org_id).where(
            Member.ended_on.is_(None), Member.org_id.in_([v.id for v in villages])).order_by(Member.id)):
        members[oid].append(mid)
    now = datetime.now().replace(microsecond=0)
    posts = []
    for v in villages:
        pool = members.get(v.id, [])
        if len(pool) < 3:
            continue
        start = date(today.year - rng.randint(1, 4), 5, 1)
        for mid, post in zip(rng.sample(pool, 3), ("村党支部书记", "村委会主任", "村党支部委员"), strict=True):
            posts.append({"member_id": mid, "org_id": v.id, "post": post, "start_on": start, "version": 1,
                          "created_at": now, "updated_at": now})
    insert_rows(session, CadrePost, posts)
    town = next((t for t in townships(session)), None)
    chosen = [v.id for v in villages if town is not None and v.path.startswith(town.path)
              and len(members.get(v.id, [])) >= 3]
    if not chosen:
        return 0
    year = today.year - 1
    rnd = cadres.open_cadre_round(session, actor, ev.find_scheme(session, "双评"), str(year), chosen)
    entries: dict[int, Any] = {}
    approvals = []
    rows = ev.sheet_rows(session, rnd.id)
    for row in rows:  # both steps 同意, in bulk (services/cadres.record_approval does one at a time)
        approvals += [{"sheet_id": row.sheet_id, "step": "党员群众商议", "decided_on": date(today.year, 1, 6),
                       "body": f"{row.org_name}党员群众大会", "outcome": ApprovalOutcome.AGREED, "note": None,
                       "matter": f"{year + 1}年度工作目标和承诺事项", "version": 1, "created_at": now, "updated_at": now},
                      {"sheet_id": row.sheet_id, "step": "乡镇党委审议", "decided_on": date(today.year, 1, 9),
                       "body": f"{town.short_name or town.name}会议", "outcome": ApprovalOutcome.AGREED,
                       "note": None, "matter": f"{year + 1}年度工作目标和承诺事项", "version": 1, "created_at": now, "updated_at": now}]
    insert_rows(session, EvaluationApproval, approvals)
    insert_rows(session, AuditEntry, [audit_row(actor.name, "create", "evaluation_approval", None,
                                                {"sheet_id": [None, a["sheet_id"]], "step": [None, a["step"]]},
                                                "演示数据", now) for a in approvals])
    for row in rows:
        voters = rng.randint(30, 60)
        entries[row.sheet_id] = ({}, {"乡镇党委考评": {"score": str(rng.randint(70, 98))},
                                      "党员群众测评": {"votes": _split_dual(rng, voters)}})
    ev.enter_many(session, actor, entries, "演示数据")
    ev.compute_round(session, actor, rnd.id)
    return len(entries)


def _split_dual(rng: random.Random, total: int) -> dict[str, int]:
    return dict(Counter(rng.choices(["满意", "基本满意", "不满意"], weights=[0.75, 0.2, 0.05], k=total)))


def _rectifications(session: Session, actor: Actor, rng: random.Random, today: date) -> int:
    """A 整顿 for each organization the demo flagged 软弱涣散 (a few); last year's are 转化."""
    from sqlalchemy import select

    from ..enums import OrgKind, Sector
    from ..org import Organization
    from ..rectification import CRITERIA
    from ..services import rectification as rc

    flagged = [tuple(r) for r in session.execute(select(Organization.id, Organization.weak_year).where(
        Organization.weak_year.is_not(None)).order_by(Organization.id))]
    if len(flagged) < 3:  # a small county: a few villages listed this year, so the register is not empty
        others = list(session.scalars(select(Organization.id).where(
            Organization.sector == Sector.RURAL, Organization.kind == OrgKind.BRANCH,
            Organization.weak_year.is_(None), Organization.status == OrgStatus.ACTIVE).order_by(Organization.id)))
        flagged += [(oid, today.year) for oid in rng.sample(others, min(len(others), 3 - len(flagged)))]
    leaders = ("王建国", "李文华", "张志刚", "刘海燕")
    n = 0
    for oid, year in flagged[:8]:
        opened = date(year, 3, 1) if year < today.year else min(today, date(year, 3, 1))
        rect = rc.open_rectification(
            session, actor, oid, year, rng.sample(CRITERIA[:-1], rng.randint(1, 2)), opened,
            county_leader=f"{rng.choice(leaders)}（县级领导）",
            first_secretary=f"{rng.choice('赵钱孙李周吴郑王')}{rng.choice('明华军伟')}（县直单位选派）",
            work_team="县委组织部驻村工作队" if rng.random() < 0.5 else None,
            plan="一、选优配强班子；二、规范三会一课；三、发展村集体经济；四、每季度向包联领导报告进展")
        if opened < today:
            rc.add_progress(session, actor, rect.id, min(today, opened + timedelta(days=60)),
                            "调整充实村党支部班子，恢复三会一课")
        if year < today.year:
            rc.accept(session, actor, rect.id, None, date(year, 12, 20), "转化")
        n += 1
    return n


GRADES = ["优秀", "合格", "基本合格", "不合格"]


def _split(rng: random.Random, total: int, shares: list[float]) -> dict[str, int]:
    return dict(Counter(rng.choices(GRADES, weights=shares, k=total)))


def _within_quota(session: Session, actor: Actor, round_id: int) -> None:
    """As a branch meeting would: 优秀 beyond a third of the graded members become 合格 (recorded)."""
    ev.compute_round(session, actor, round_id)
    by_branch: dict[int, list[_Sheet]] = defaultdict(list)
    for row in _sheets(session, round_id):
        by_branch[row.org_id].append(row)
    beyond: list[int] = []
    for rows in by_branch.values():
        allowed = sum(r.graded for r in rows) // 3
        excellent = sorted((r for r in rows if r.final_level == "优秀"), key=lambda r: r.total, reverse=True)
        beyond += [r.sheet_id for r in excellent[allowed:]]
    if not beyond:
        return
    over = set(beyond)
    branches = [oid for oid, rows in by_branch.items() if any(r.sheet_id in over for r in rows)]
    shown = {r.sheet_id: r for r in ev.sheet_rows(session, round_id, branches)}  # their names and versions
    for sid in beyond:
        r = shown[sid]
        ev.override_level(session, actor, r.sheet_id, r.version, "合格",
                          "优秀超过参评党员三分之一，按得票排序确定", f"{r.org_name}党员大会")


class _Sheet(NamedTuple):
    sheet_id: int
    org_id: int
    graded: bool
    final_level: str | None
    total: Decimal | None


def _sheets(session: Session, round_id: int) -> list[_Sheet]:
    """The round's sheets in the order of `sheet_rows` (branch by branch), only what the demo
    decides by (sheet_rows reads every name and entry of a county round)."""
    from sqlalchemy import select

    from ..evaluation import EvaluationSheet as S
    from ..org import Organization

    session.flush()
    return [_Sheet(*r) for r in session.execute(
        select(S.id, S.org_id, S.graded, S.final_level, S.total).join(Organization, Organization.id == S.org_id)
        .where(S.round_id == round_id).order_by(Organization.path, S.id))]


def _finish(session: Session, actor: Actor, round_id: int, posting: date, today: date) -> None:
    ev.compute_round(session, actor, round_id)
    ev.set_status(session, actor, round_id, None, RoundStatus.REVIEWED)
    ev.set_status(session, actor, round_id, None, RoundStatus.POSTED, posting)
    ev.lock_round(session, actor, round_id, today=today)
