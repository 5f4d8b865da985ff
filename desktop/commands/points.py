"""points: the 积分制 ledger of one member (show), one entry (add, correct), approving township entries.

`template points` and `import points FILE.xlsx` are the shared template/import commands
(reports/points_xlsx.py registers the kind)."""

from __future__ import annotations

from models.services import points as pts

from ..cli import Context, say


def register(sub) -> None:
    p = sub.add_parser("points", help="星级党员积分制：积分台账、登记、更正、审核")
    psub = p.add_subparsers(dest="action", metavar="ACTION")
    psub.required = True

    q = psub.add_parser("show", help="一名党员一年的积分记录，及各季度累计积分和星级")
    q.add_argument("--id-number", required=True, help="党员公民身份号码")
    q.add_argument("--year", required=True, type=int)
    q.set_defaults(handler=do_show)

    q = psub.add_parser("add", help="登记一条加分或扣分（县级账号即时生效，乡镇账号待县级审核）")
    q.add_argument("--id-number", required=True)
    q.add_argument("--date", required=True)
    q.add_argument("--item", required=True, help="积分项目，如 志愿服务加分")
    q.add_argument("--points", required=True, help="分值：加分如 +5，扣分如 -3")
    q.add_argument("--reason", required=True, help="事由")
    q.set_defaults(handler=do_add)

    q = psub.add_parser("correct", help="更正一条记录（原记录不变，另记一条更正）")
    q.add_argument("entry_id", type=int, metavar="ID")
    q.add_argument("--date", required=True)
    q.add_argument("--points", required=True)
    q.add_argument("--reason", required=True)
    q.set_defaults(handler=do_correct)

    q = psub.add_parser("approve", help="审核乡镇登记的积分记录（县级账号）")
    q.add_argument("entry_ids", type=int, nargs="+", metavar="ID")
    q.set_defaults(handler=do_approve)


def show_lines(year: pts.MemberYear) -> list[str]:
    lines = [f"{year.name}\t{year.id_number}\t{year.org_name}\t{year.year}年\t基础分{pts._fmt(year.base)}"]
    lines.append("编号\t日期\t积分项目\t分值\t事由\t登记人\t状态\t审核人")
    for e in year.entries:
        state = e.state + ("（已锁定）" if e.locked else "")
        reason = e.reason + (f"（更正第{e.corrects_id}号）" if e.corrects_id else "")
        lines.append(f"{e.id}\t{e.entry_date.isoformat()}\t{e.item}\t{pts.signed(e.points)}\t{reason}\t"
                     f"{e.recorded_by}\t{state}\t{e.approved_by or ''}")
    lines.append("季度\t本季度\t累计积分\t星级\t待审核")
    for q in year.quarters:
        lines.append(f"第{q.quarter}季度\t{pts.signed(q.added)}\t{pts._fmt(q.total)}\t{q.stars}\t{q.pending}"
                     + ("\t已锁定" if q.locked else ""))
    return lines


def do_show(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        member = pts.find_member(session, actor, ctx.args.id_number)
        year = pts.member_year(session, actor, member.id, ctx.args.year)
    for line in show_lines(year):
        ctx.out(line)
    return 0


def do_add(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        member = pts.find_member(session, actor, ctx.args.id_number)
        entry = pts.add_entry(session, actor, member.id, ctx.args.date, ctx.args.item, ctx.args.points,
                              ctx.args.reason)
        state = "已生效" if entry.approved_by else pts.PENDING
        eid = entry.id
    ctx.out(say(f"已登记第{eid}号积分记录（{state}）", f"Entry {eid} recorded ({state})"))
    return 0


def do_correct(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        entry = pts.correct_entry(session, actor, ctx.args.entry_id, ctx.args.date, ctx.args.points,
                                  ctx.args.reason)
        eid = entry.id
    ctx.out(say(f"已登记第{eid}号更正记录", f"Correction {eid} recorded"))
    return 0


def do_approve(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        n = pts.approve_entries(session, actor, ctx.args.entry_ids)
    ctx.out(say(f"已审核{n}条积分记录", f"Approved {n} entries"))
    return 0
