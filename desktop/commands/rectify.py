"""rectify: the 软弱涣散 整顿 register (open, progress notes, 验收, list)."""

from __future__ import annotations

from models.rectification import CRITERIA, AcceptanceResult
from models.services import rectification as rc
from models.services.orgs import find_org

from ..cli import Context, say


def register(sub) -> None:
    p = sub.add_parser("rectify", help="软弱涣散党组织整顿：开始整顿、记录进展、验收、列表")
    rsub = p.add_subparsers(dest="action", metavar="ACTION")
    rsub.required = True

    q = rsub.add_parser("open", help="列为软弱涣散并开始整顿")
    q.add_argument("--org", required=True)
    q.add_argument("--year", required=True, type=int)
    q.add_argument("--reasons", required=True, help=("、分隔：" + "、".join(CRITERIA)).replace("%", "%%"))
    q.add_argument("--date", required=True, help="开始日期")
    q.add_argument("--leader", required=True, help="包联县级领导")
    q.add_argument("--first-secretary")
    q.add_argument("--work-team", help="驻村工作队")
    q.add_argument("--plan", help="整顿方案")
    q.set_defaults(handler=do_open)

    q = rsub.add_parser("note", help="记录整顿进展")
    q.add_argument("rect_id", type=int, metavar="ID")
    q.add_argument("--date", required=True)
    q.add_argument("--text", required=True)
    q.set_defaults(handler=do_note)

    q = rsub.add_parser("accept", help="验收：转化 或 继续整顿")
    q.add_argument("rect_id", type=int, metavar="ID")
    q.add_argument("--date", required=True)
    q.add_argument("--result", required=True, choices=[r.value for r in AcceptanceResult])
    q.set_defaults(handler=do_accept)

    q = rsub.add_parser("screen", help="软弱涣散筛查：按数据列出可能的软弱涣散党组织及依据（用 rectify open 列为整顿）")
    q.add_argument("--year", required=True, type=int, help="星级评定的年度")
    q.add_argument("--as-of", help="截至日期（默认今天）")
    q.set_defaults(handler=do_screen)

    q = rsub.add_parser("list", help="整顿台账")
    q.add_argument("--open", action="store_true", help="只列整顿中的")
    q.set_defaults(handler=do_list)


def do_open(ctx: Context) -> int:
    a = ctx.args
    with ctx.session() as (session, actor):
        org = find_org(session, a.org, actor)
        rect = rc.open_rectification(session, actor, org.id, a.year, a.reasons, a.date, a.leader,
                                     a.first_secretary, a.work_team, a.plan)
        rid, name = rect.id, org.short_name or org.name
    ctx.out(say(f"已开始整顿：{name}（编号{rid}）", f"Rectification {rid} opened: {name}"))
    return 0


def do_note(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        rc.add_progress(session, actor, ctx.args.rect_id, ctx.args.date, ctx.args.text)
    ctx.out(say("已记录整顿进展", "Progress recorded"))
    return 0


def do_accept(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        rc.accept(session, actor, ctx.args.rect_id, None, ctx.args.date, ctx.args.result)
    ctx.out(say(f"已验收：{ctx.args.result}", f"Accepted: {ctx.args.result}"))
    return 0


def do_list(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        rows = rc.rectification_rows(session, actor, open_only=ctx.args.open)
    ctx.out("编号\t党组织\t年度\t原因\t包联县级领导\t第一书记/工作队\t开始日期\t状态\t验收")
    for r in rows:
        accepted = f"{r.accepted_on.isoformat()} {r.result}" if r.accepted_on else ""
        ctx.out(f"{r.id}\t{r.org_name}\t{r.year}\t{'、'.join(r.reasons)}\t{r.county_leader or ''}\t"
                f"{r.first_secretary or r.work_team or ''}\t{r.opened_on.isoformat()}\t{r.status}\t{accepted}")
    return 0


def do_screen(ctx: Context) -> int:
    from models import values
    from models.errors import FieldError, ValidationError
    from models.services.screening import screen

    try:
        as_of = values.parse_date(ctx.args.as_of) if ctx.args.as_of else None
    except ValueError as exc:
        raise ValidationError([FieldError("截至日期", str(exc))]) from None
    with ctx.session() as (session, actor):
        found = screen(session, actor, ctx.args.year, as_of)
    ctx.out("党组织\t乡镇\t整顿原因\t依据")
    for c in found:
        ctx.out("\t".join([c.name, c.township, "、".join(c.reasons), "；".join(c.evidence)]))
    ctx.out(say(f"共{len(found)}个（rectify open --org 名称 --reasons 原因 … 列为整顿）",
                f"{len(found)} candidates (rectify open --org NAME --reasons … opens a rectification)"))
    return 0
