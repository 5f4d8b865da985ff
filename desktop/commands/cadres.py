"""cadres: the village cadre roster and 双议双评 (a round for chosen villages, its approval steps)."""

from __future__ import annotations

from datetime import date

from models.errors import NotFound
from models.evaluation import ApprovalOutcome
from models.services import access, cadres
from models.services import evaluation as ev
from models.services import points as pts
from models.services.orgs import find_org

from ..cli import EXIT_INPUT, EXIT_USAGE, Context, say


def register(sub) -> None:
    p = sub.add_parser("cadres", help="村干部名册与双议双评")
    csub = p.add_subparsers(dest="action", metavar="ACTION")
    csub.required = True

    q = csub.add_parser("add", help="登记任职（党员；非党员村干部给出 --name 和 --org）")
    q.add_argument("--id-number", required=True)
    q.add_argument("--name", help="非党员村干部的姓名（公民身份号码不是本县党员的）")
    q.add_argument("--post", required=True, choices=cadres.POSTS)
    q.add_argument("--start", required=True, help="任职日期")
    q.add_argument("--org", help="所在村（默认党员所在党支部；非党员村干部必填）")
    q.set_defaults(handler=do_add)

    q = csub.add_parser("list", help="在任村干部（--all：全部任职，含已离任）；第一列为任职编号")
    q.add_argument("--org", help="只列该党组织及其下级")
    q.add_argument("--all", action="store_true", help="含已离任的任职")
    q.set_defaults(handler=do_list)

    q = csub.add_parser("edit", help="更正一项任职的职务、任职日期或备注")
    q.add_argument("--id", type=int, required=True, help="任职编号（cadres list 第一列）")
    q.add_argument("--post", choices=cadres.POSTS)
    q.add_argument("--start", help="任职日期")
    q.add_argument("--note", help="备注（空字符串清除）")
    q.set_defaults(handler=do_edit)

    q = csub.add_parser("end", help="离任（任职记录保留）")
    q.add_argument("--id", type=int, required=True, help="任职编号（cadres list 第一列）")
    q.add_argument("--date", required=True, help="离任日期")
    q.set_defaults(handler=do_end)

    q = csub.add_parser("open", help="为所选村的村干部开启双议双评")
    q.add_argument("--scheme", default="双评")
    q.add_argument("--period", required=True)
    q.add_argument("--villages", required=True, help="村党组织名称，、或逗号分隔")
    q.set_defaults(handler=do_open)

    q = csub.add_parser("approve", help="记录村干部的商议或审议结果（一次会议可一次记录多名）")
    q.add_argument("--scheme", default="双评")
    q.add_argument("--period", required=True)
    q.add_argument("--org", help="评价范围（有多个时）")
    q.add_argument("--id-number", nargs="+", action="extend", default=[], metavar="ID_NUMBER",
                   help="村干部的公民身份号码，可给多个（空格、、或逗号分隔）")
    q.add_argument("--name", nargs="+", action="extend", default=[], metavar="NAME",
                   help="村干部姓名，可给多个（空格、、或逗号分隔；本轮中重名时请用 --id-number）")
    q.add_argument("--step", required=True, help="党员群众商议 或 乡镇党委审议")
    q.add_argument("--date", required=True)
    q.add_argument("--body", required=True, help="决定机关，如 红星村党员群众大会")
    q.add_argument("--outcome", required=True, choices=[o.value for o in ApprovalOutcome])
    q.add_argument("--matter", required=True, help="提交商议、审议的事项，如 2026年度工作目标和公开承诺")
    q.add_argument("--note")
    q.add_argument("--keep-valid", action="store_true",
                   help="记录可以记录的村干部，列出其余的（默认：有一名不能记录则都不记录）")
    q.set_defaults(handler=do_approve)


def do_add(ctx: Context) -> int:
    """A member's post by the ID number; a person who is not a member with --name and --org."""
    a = ctx.args
    with ctx.session() as (session, actor):
        org_id = find_org(session, a.org, actor).id if a.org else None
        if a.name:
            if org_id is None:
                ctx.err(say("非党员村干部须用 --org 指明所在村", "A non-member cadre needs --org"))
                return EXIT_USAGE
            cadres.add_person_post(session, actor, a.name, a.id_number, org_id, a.post, a.start)
            name = f"{a.name.strip()}（非党员）"
        else:
            try:
                member = pts.find_member(session, actor, a.id_number)
            except NotFound:
                ctx.err(say("找不到该公民身份号码的党员；非党员村干部请同时给出 --name 和 --org",
                            "No member with that ID number; for a non-member cadre give --name and --org"))
                return EXIT_INPUT
            cadres.add_post(session, actor, member.id, a.post, a.start, org_id)
            name = member.name
    ctx.out(say(f"已登记：{name}任{a.post}", f"Recorded: {name} as {a.post}"))
    return 0


def do_list(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        from models.services.orgs import subtree_ids

        org_ids = subtree_ids(session, find_org(session, ctx.args.org, actor)) if ctx.args.org else None
        rows = cadres.cadre_rows(session, actor, org_ids, None if ctx.args.all else date.today())
    ctx.out("编号\t党组织\t姓名\t职务\t任职日期\t离任日期\t公民身份号码\t政治面貌")
    for r in rows:
        ended = r.end_on.isoformat() if r.end_on else ""
        ctx.out(f"{r.id}\t{r.org_name}\t{r.name}\t{r.post}\t{r.start_on.isoformat()}\t{ended}\t"
                f"{r.id_number or ''}\t{'党员' if r.party_member else '非党员'}")
    return 0


def _post(session, actor, post_id: int):
    """The post as the account may see it (the same answer for one outside their township)."""
    found = next((r for r in cadres.cadre_rows(session, actor) if r.id == post_id), None)
    if found is None:
        raise NotFound(f"找不到任职记录（编号{post_id}）")
    return found


def do_edit(ctx: Context) -> int:
    a = ctx.args
    with ctx.session() as (session, actor):
        p = _post(session, actor, a.id)
        note = p.note if a.note is None else (a.note or None)
        cadres.update_post(session, actor, p.id, p.version, a.post or p.post, a.start or p.start_on, note)
    ctx.out(say(f"已更正：{p.name}的任职（编号{p.id}）", f"Corrected post {p.id} of {p.name}"))
    return 0


def do_end(ctx: Context) -> int:
    a = ctx.args
    with ctx.session() as (session, actor):
        p = _post(session, actor, a.id)
        cadres.end_post(session, actor, p.id, p.version, a.date)
    ctx.out(say(f"已登记离任：{p.name}（{p.post}），{a.date}", f"Left post: {p.name} ({p.post}), {a.date}"))
    return 0


def do_open(ctx: Context) -> int:
    names = [n.strip() for n in ctx.args.villages.replace("，", ",").replace("、", ",").split(",") if n.strip()]
    with ctx.session() as (session, actor):
        ids = [find_org(session, n, actor).id for n in names]
        rnd = cadres.open_cadre_round(session, actor, ev.find_scheme(session, ctx.args.scheme), ctx.args.period, ids)
        n = len(ev.sheet_rows(session, rnd.id))
        label = ev.round_label(rnd)
    ctx.out(say(f"已开启双议双评：{label}，{n}名村干部", f"Round opened: {label}, {n} cadres"))
    return 0


def _several(words: list[str]) -> list[str]:
    """Values given as separate words or "、"/comma-separated in one."""
    out = []
    for w in words:
        out += [p.strip() for p in w.replace("，", ",").replace("、", ",").split(",") if p.strip()]
    return out


def do_approve(ctx: Context) -> int:
    """One meeting's result for one cadre or several (--id-number and --name, each taking several):
    all recorded, or none when any is not found or refused."""
    a = ctx.args
    numbers, names = _several(a.id_number), _several(a.name)
    if not numbers and not names:
        ctx.err(say("请用 --id-number 或 --name 指定村干部（可给多个）",
                    "Name the cadres with --id-number or --name (several allowed)"))
        return EXIT_USAGE
    with ctx.session() as (session, actor):
        scope = find_org(session, a.org, actor) if a.org else None
        rnd = ev.find_round(session, actor, a.scheme, a.period, scope, access.Permission.EDIT_RECORDS)
        every = ev.sheet_rows(session, rnd.id)
        by_number = {r.id_number: r for r in every if r.id_number}
        visible = ev.round_sheets(session, actor, rnd.id)  # a name only among the account's own cadres
        chosen: dict[int, ev.SheetRow] = {}
        problems: list[str] = []
        for raw in numbers:
            number = raw.upper()
            row = by_number.get(number)
            if row is None:
                problems.append(say(f"该评价中没有公民身份号码为{number}的村干部", f"No cadre {number} in the round"))
            else:
                chosen.setdefault(row.sheet_id, row)
        for name in names:
            rows = [r for r in visible if r.subject_name == name]
            if not rows:
                problems.append(say(f"该评价中没有名为“{name}”的村干部", f"No cadre named {name} in the round"))
            elif len(rows) > 1:
                problems.append(say(f"该评价中有{len(rows)}名村干部名为“{name}”，请改用 --id-number",
                                    f"{len(rows)} cadres named {name} in the round: use --id-number"))
            else:
                chosen.setdefault(rows[0].sheet_id, rows[0])
        if problems and not a.keep_valid:
            for line in problems:
                ctx.err(line)
            if len(numbers) + len(names) > 1:
                ctx.err(say("未记录任何村干部的结果。", "Nothing was recorded."))
            return EXIT_INPUT
        rows = [r for r in every if r.sheet_id in chosen]  # in the round's order, as the grid lists them
        done = cadres.record_approvals(session, actor, [r.sheet_id for r in rows], a.step, a.date, a.body,
                                       a.outcome, a.note, a.matter, keep_valid=a.keep_valid) if rows else []
        written = {x.sheet_id for x in done}
        problems += list(getattr(done, "refused", []))
    for row in rows:
        if row.sheet_id in written:
            ctx.out(say(f"已记录{row.subject_name}的{a.step}：{a.outcome}",
                        f"Recorded {a.step} of {row.subject_name}: {a.outcome}"))
    if len(written) > 1:
        ctx.out(say(f"共{len(written)}名村干部", f"{len(written)} cadres"))
    if problems:  # --keep-valid: the others, one a line
        for line in problems:
            ctx.err(say(f"未记录：{line}", f"Not recorded: {line}"))
        return EXIT_INPUT
    return 0
