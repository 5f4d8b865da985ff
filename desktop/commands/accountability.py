"""accountability list / decide: 问责查办 cases, a 预警函's problems still open after its final
deadline (docs/accountability.md)."""

from __future__ import annotations

from datetime import date

from models.services import supervision as sv

from ..cli import Context, say
from .letters import _date


def register(sub) -> None:
    p = sub.add_parser("accountability", help="问责查办：预警函最后整改期限后仍未整改的问题")
    asub = p.add_subparsers(dest="accountability_command", metavar="ACTION")
    asub.required = True

    q = asub.add_parser("list", help="列出问责查办（乡镇、问题、文号、建议措施、决定）")
    q.add_argument("--as-of", type=_date, help="以此日期判断（默认今天）")
    q.add_argument("--year", type=int, help="只列该年度的问责查办")
    q.set_defaults(handler=do_list)

    q = asub.add_parser("decide", help="记录县委组织部对一起问责查办的决定（决定后不能更改）")
    q.add_argument("--id", type=int, required=True, dest="case_id", metavar="N",
                   help="问责查办编号（accountability list 的第一列）")
    q.add_argument("--measure", required=True, help="采取的问责措施")
    q.add_argument("--date", type=_date, required=True, help="决定日期")
    q.add_argument("--note", help="备注")
    q.set_defaults(handler=do_decide)


def case_line(c: sv.Case) -> str:
    problems = "；".join(f"{desc}（{number}）" if number else desc for _i, desc, number, _c in c.problems)
    return (f"{c.id}\t{c.township}\t{c.letter_number}\t{c.final_deadline.isoformat()}\t"
            f"第{c.ordinal}次\t{c.proposed}\t{c.state}\t{problems}")


def do_list(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        cases = sv.accountability_cases(session, actor, ctx.args.as_of or date.today(), ctx.args.year)
    ctx.out(say("编号\t乡镇（单位）\t预警函\t最后整改期限\t年内次数\t建议措施\t决定\t未整改问题（督办函）",
                "id\ttownship\twarning\tfinal deadline\tcount\tproposed\tdecision\tproblems"))
    for c in cases:
        ctx.out(case_line(c))
    if not cases:
        ctx.out(say("没有问责查办", "No cases"))
    return 0


def do_decide(ctx: Context) -> int:
    a = ctx.args
    with ctx.session() as (session, actor):
        row = sv.decide_case(session, actor, a.case_id, a.measure, a.date, a.note)
        text = f"问责查办{a.case_id}已决定：{row.measure}（{row.decided_on.isoformat()}，{row.decided_by}）"
    ctx.out(say(text, f"Case {a.case_id} decided: {a.measure}"))
    return 0
