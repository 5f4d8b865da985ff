"""A year of the 三函 cycle for the demo county: tasks, problems, letters, replies and closures.

At county scale about 194 problems in 7 categories, about 45 supervision letters and about
180 problems rectified, as in 绥德's year (docs/letters.md). Everything goes through the services, so
the letter rules hold: each 督办函 gives its problems their time from its issue date, and a 预警函
follows only problems whose time ran out.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..actor import SYSTEM, Actor
from ..org import Organization
from ..periods import months_back
from ..services import supervision as sv
from ..services.orgs import township_id_of_path, townships
from ..supervision import LetterKind, LetterStatus, ProblemSource, ProblemStatus, Severity

TASKS = [
    ("召开支部党员大会", "传达学习上级会议精神，通报支部工作", "党员参会率不低于80%，会议记录完整规范", "组织生活/党员大会"),
    ("开展主题党日活动", "围绕“不忘初心”开展集中学习和志愿服务", "活动有方案、有记录、有影像资料", "组织生活/主题党日"),
    ("落实“三会一课”制度", "按时召开支委会、党小组会，书记讲党课", "党课讲稿、签到表、记录本齐全", "组织生活/三会一课"),
    ("收缴党费", "按标准收缴本季度党费并公示", "足额按时收缴，公示不少于7天", "党员管理/党费收缴"),
    ("排查流动党员", "摸清外出流动党员去向和联系方式", "建立台账，逐人联系到位", "党员管理/流动党员"),
    ("发展党员工作", "做好入党积极分子培养考察", "严格执行发展党员“十个关口”", "党员管理/发展党员"),
    ("村级活动场所排查", "检查活动场所标识、制度上墙和使用情况", "发现问题立即整改，建立台账", "阵地建设/活动场所"),
    ("党务公开", "更新党务公开栏内容", "每季度至少更新一次，留存照片", "制度落实/党务公开"),
    ("组织生活会和民主评议党员", "开展批评与自我批评，评议党员", "会前谈心谈话全覆盖，评议结果报备", "组织生活/民主评议"),
    ("软弱涣散党组织整顿", "对照整顿方案推进整改", "每月报送整顿进展", "组织建设/整顿提升"),
    ("“亮身份、践承诺”活动", "党员佩戴党徽、公开承诺并践诺", "承诺事项上墙，按月评议", "作用发挥/承诺践诺"),
    ("廉政警示教育", "组织观看警示教育片，开展廉政谈话", "班子成员全员参加，形成心得体会", "党风廉政/警示教育"),
]

PROBLEMS = {
    "组织建设": ["支部委员会缺额未及时补选", "支部换届超期未进行", "党小组设置不合理，部分党小组长空缺",
              "软弱涣散党组织整顿措施不具体"],
    "党员管理": ["流动党员底数不清，联系方式缺失", "党费未按标准足额收缴", "发展党员程序不规范，缺少公示材料",
              "党员档案材料不全"],
    "组织生活": ["三会一课记录不全，缺少支委会记录", "主题党日活动流于形式，无活动记录",
              "组织生活会未开展批评与自我批评", "书记未按要求讲党课"],
    "阵地建设": ["活动场所被挪作他用", "党员活动室制度未上墙", "远程教育设备长期闲置", "党务公开栏内容陈旧"],
    "制度落实": ["“四议两公开”执行不到位", "党务公开不及时", "村干部坐班制度落实不到位", "会议记录签字不全"],
    "作用发挥": ["党员承诺事项未兑现", "为民服务代办点无人值守", "党员志愿服务活动开展少", "示范岗作用不明显"],
    "党风廉政": ["村级财务公开不及时", "惠民资金公示不规范", "廉政谈话未开展", "“三资”管理台账不清"],
}

VERIFIERS = ["李明", "王芳", "张国强", "刘洋", "陈静"]
REPLIES = ["已召开专题会议研究部署，逐条明确责任人和整改时限，整改工作正在推进。",
           "收到督办函后立即组织整改，相关问题已整改到位，整改资料已归档。",
           "已按要求落实各项任务，工作资料已按存档目录整理归档。"]
REPORTS = ["已整改到位，相关资料已补齐并归档", "已召开专题会议，问题已整改完毕", "已建立台账，逐项销号",
           "已完成整改，经镇党委复核合格"]


#: how a clerk found the demo's problems (数据核查 ones come from the checks, not the demo)
FOUND_BY = [ProblemSource.INSPECTION, ProblemSource.UNANNOUNCED, ProblemSource.PUBLIC, ProblemSource.SELF_CHECK]


def _issue_drafts(session: Session, actor: Actor, month: str, on: date) -> list:
    drafts = sv.letters_of(session, SYSTEM, month=month, statuses=[LetterStatus.DRAFT])
    if not drafts:
        return []
    return sv.issue_letters(session, actor, [x.id for x in drafts], on, reason="演示数据：往月函件",
                            today=max(on, date.today()))


def add_demo(session: Session, actor: Actor, rng: random.Random, scale: str, today: date) -> dict[str, int]:
    """A year of tasks, problems, letters, replies and closures up to `today`; returns counts."""
    towns = townships(session)
    if not towns:
        return {}
    town_ids = {t.id for t in towns}
    branches: dict[int, list[int]] = {t.id: [] for t in towns}
    for oid, path in session.execute(select(Organization.id, Organization.path)):
        tid = township_id_of_path(path)
        if tid in town_ids and oid != tid:
            branches[tid].append(oid)
    county = scale == "county"
    per_month = 16 if county else 4
    cats = sv.categories(session)
    planned_close: dict[int, date | None] = {}
    counts = {"tasks": 0, "problems": 0}
    letters_done: set[int] = set()
    seen: set[tuple] = set()  # sv.same_problem: the service refuses the same problem twice

    for month in months_back(today, 12)[::-1]:
        first, nxt = sv.month_bounds(month)
        if first > today:
            break
        end = min(nxt - timedelta(days=1), today)
        # month tasks: 3 to 5, one of them sometimes for a few townships only
        for title, content, req, archive in rng.sample(TASKS, rng.randint(3, 5)):
            scope = None
            if rng.random() < 0.2:
                scope = [t.id for t in rng.sample(towns, max(1, len(towns) // 3))]
            sv.create_task(session, actor, scope_ids=scope, month=month, title=title, content=content,
                           requirements=req, due_on=nxt - timedelta(days=1), archive=archive)
            counts["tasks"] += 1
        # 月初: reminders, and warnings for what is overdue
        sv.draft_letters(session, actor, month, as_of=first)
        _issue_drafts(session, actor, month, first)
        # 月中: problems found in a few townships
        n = max(1, round(rng.gauss(per_month, per_month * 0.15)))
        chosen = rng.sample(towns, min(len(towns), rng.randint(3, 5) if county else 2))
        days = (end - first).days + 1
        for _ in range(n):
            town = rng.choice(chosen)
            org_id = rng.choice(branches[town.id] or [town.id])
            cat = rng.choice(cats)
            found = first + timedelta(days=rng.randrange(days))
            serious = rng.random() < 0.1
            source = rng.choices(FOUND_BY, weights=[6, 2, 1, 1])[0]
            description = rng.choice(PROBLEMS.get(cat, ["工作落实不到位"]))
            while sv.same_problem(org_id, found, description) in seen and found > first:
                found -= timedelta(days=1)
            if sv.same_problem(org_id, found, description) in seen:
                continue
            seen.add(sv.same_problem(org_id, found, description))
            p = sv.create_problem(
                session, actor, org_id=org_id, found_on=found, source=source, category=cat,
                description=description, severity=Severity.SERIOUS if serious else Severity.ORDINARY,
            )
            counts["problems"] += 1
            # about 96% are rectified, most before the deadline the month-end 督办函 will give
            # (the later of its own and the letter's issue date + 15 days, 7 when 严重)
            if rng.random() < 0.96:
                late = rng.random() < 0.05
                span = (sv.supervised_deadline(session, p, end) - p.found_on).days
                planned_close[p.id] = p.found_on + timedelta(
                    days=rng.randint(span + 3, span + 25) if late else rng.randint(2, span))
            else:
                planned_close[p.id] = None
        # 月末: what was rectified by now is recorded first, then the letters: 督办函 for the
        # month's problems, 预警函 for supervised problems whose letter's time ran out
        _progress(session, actor, rng, end, planned_close, letters_done)
        sv.draft_letters(session, actor, month, as_of=end)
        _issue_drafts(session, actor, month, end)
        # replies, closures and 办结 up to the end of the month
        _progress(session, actor, rng, end, planned_close, letters_done)
    # what is still open shows the other workflow states
    from ..supervision import Problem

    for p in session.scalars(select(Problem).where(Problem.status == ProblemStatus.OPEN).order_by(Problem.id)):
        if rng.random() < 0.5:
            sv.move_problem(session, actor, p.id, ProblemStatus.IN_PROGRESS)
            if rng.random() < 0.4:
                sv.move_problem(session, actor, p.id, ProblemStatus.AWAITING, report=rng.choice(REPORTS))
    counts["letters"] = len(sv.letters_of(session, SYSTEM))
    counts["rectified"] = session.scalar(
        select(func.count()).where(Problem.status == ProblemStatus.CLOSED))
    return counts


def _progress(session: Session, actor: Actor, rng: random.Random, until: date,
              planned_close: dict[int, date | None], letters_done: set[int]) -> None:
    from ..supervision import Problem

    for pid, on in list(planned_close.items()):
        if on is None or on > until:
            continue
        p = session.get(Problem, pid)
        if p.status != ProblemStatus.CLOSED:
            sv.close_problem(session, actor, pid, rng.choice(REPORTS), rng.choice(VERIFIERS), on)
        del planned_close[pid]
    for letter in sv.letters_of(session, SYSTEM, statuses=[LetterStatus.ISSUED, LetterStatus.REPLIED]):
        if letter.id in letters_done:
            continue
        if letter.status == LetterStatus.ISSUED:
            reply_on = letter.issued_on + timedelta(days=rng.randint(3, 14))
            if reply_on <= until and rng.random() < 0.9:
                sv.record_reply(session, actor, letter.id, reply_on, rng.choice(REPLIES))
        if letter.status == LetterStatus.REPLIED:
            done = (letter.kind == LetterKind.REMINDER and letter.reply_deadline <= until) or (
                letter.kind != LetterKind.REMINDER and letter.problems
                and all(p.status == ProblemStatus.CLOSED for p in letter.problems))
            if done:
                sv.finish_letter(session, actor, letter.id)
                letters_done.add(letter.id)
