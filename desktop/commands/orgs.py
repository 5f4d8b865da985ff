"""org leaders: each organization's 书记, 副书记 and 委员 with their dates (the 班子名册,
docs/member-lifecycle.md)."""

from __future__ import annotations

from models import values
from models.enums import LeaderPost
from models.services import leaders as ls
from models.services.orgs import find_org

from ..cli import EXIT_USAGE, Context, say

HEADER = "编号\t职务\t姓名\t党员编号\t任职日期\t离任日期\t产生方式\t备注"


def register(sub) -> None:
    p = sub.add_parser("org", help="党组织：班子成员（书记、副书记、委员）")
    osub = p.add_subparsers(dest="org_command", metavar="ACTION")
    osub.required = True
    q = osub.add_parser("leaders", help="班子名册：列出（--org）、登记任职（add）、登记离任（end）")
    q.add_argument("--org", help="党组织（全称或唯一简称）")
    q.add_argument("--all", action="store_true", help="含已离任的")
    q.set_defaults(handler=do_list)
    lsub = q.add_subparsers(dest="leaders_command", metavar="ACTION")

    a = lsub.add_parser("add", help="登记任职：党员（--member-id）或姓名（--name）")
    a.add_argument("--org", dest="add_org", required=True, help="党组织（全称或唯一简称）")
    a.add_argument("--post", required=True, choices=[p.value for p in LeaderPost])
    a.add_argument("--name", default="", help="姓名（不是本县党员时）")
    a.add_argument("--member-id", type=int, help="党员编号（member search 第一列）")
    a.add_argument("--start", required=True, help="任职日期")
    a.add_argument("--chosen-by", default="", help="产生方式：" + "、".join(ls.CHOSEN_BY))
    a.add_argument("--note", default="", help="备注")
    a.set_defaults(handler=do_add)

    e = lsub.add_parser("end", help="登记离任（记录保留）")
    e.add_argument("--id", type=int, required=True, help="班子成员编号（org leaders 第一列）")
    e.add_argument("--date", required=True, help="离任日期")
    e.add_argument("--note", default="", help="说明")
    e.set_defaults(handler=do_end)


def do_list(ctx: Context) -> int:
    if not ctx.args.org:
        ctx.err(say("请给出 --org（党组织），或 add / end", "Give --org, or add / end"))
        return EXIT_USAGE
    with ctx.session() as (session, actor):
        org = find_org(session, ctx.args.org, actor)
        rows = ls.leaders(session, actor, org.id, include_ended=ctx.args.all)
        lines = ["\t".join([str(p.id), p.post.value, p.name, str(p.member_id or ""), str(p.start_on),
                            str(p.end_on or ""), p.chosen_by or "", p.note or ""]) for p in rows]
        name = org.short_name or org.name
    ctx.out(name)
    ctx.out(HEADER)
    for line in lines:
        ctx.out(line)
    ctx.out(say(f"共{len(lines)}人", f"{len(lines)} leaders"))
    return 0


def do_add(ctx: Context) -> int:
    a = ctx.args
    with ctx.session() as (session, actor):
        org = find_org(session, a.add_org, actor)
        leader = ls.add_leader(session, actor, org.id, a.post, values.required_date(a.start, "任职日期"), a.name, a.member_id,
                               a.chosen_by, a.note)
        text = f"{org.short_name or org.name}{leader.post.value}{leader.name}（编号{leader.id}，{leader.start_on}起）"
    ctx.out(say(f"已登记任职：{text}", f"Leader added: {text}"))
    return 0


def do_end(ctx: Context) -> int:
    a = ctx.args
    with ctx.session() as (session, actor):
        leader = ls.end_leader(session, actor, a.id, values.required_date(a.date, "离任日期"), a.note)
        text = f"{leader.post.value}{leader.name}，{leader.end_on}离任"
    ctx.out(say(f"已登记离任：{text}", f"Leader ended: {text}"))
    return 0
