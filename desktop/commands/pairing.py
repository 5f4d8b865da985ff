"""pairing list / summary / check, and `export pairings` (the register workbook).

`import pairings FILE` and `import activities FILE` go through the generic import command
(reports/registry.py); `template pairings|activities` likewise.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from models.services import pairing as svc
from models.services.orgs import find_org
from reports.pairing_xlsx import export_assessments, export_pairings

from ..cli import Context, say


def register(sub) -> None:
    p = sub.add_parser("pairing", help="结对帮扶台账：列表、乡镇汇总、规则检查")
    ps = p.add_subparsers(dest="pairing_command", metavar="SUBCOMMAND")
    ps.required = True

    q = ps.add_parser("list", help="结对列表（含活动次数、资金、项目）")
    q.add_argument("--type", help="结对类型，如 城乡联建")
    q.add_argument("--status", help="进行中、已结束或已终止")
    q.add_argument("--township", help="只列涉及该乡镇（党委名称或简称）的结对")
    q.add_argument("--year", type=int, help="只计该年度的活动")
    q.set_defaults(handler=list_cmd)

    q = ps.add_parser("summary", help="按乡镇汇总：结对数、活动次数、资金、项目数")
    q.add_argument("--year", type=int, help="年度，如 2026")
    q.set_defaults(handler=summary_cmd)

    q = ps.add_parser("check", help="结对帮扶规则检查")
    q.add_argument("--as-of", help="检查日期 YYYY-MM-DD（默认今天）")
    q.set_defaults(handler=check_cmd)

    q = ps.add_parser("end", help="结束或终止结对（跨乡镇的结对由县级账号办理）")
    q.add_argument("pairing", help="结对编号或名称")
    q.add_argument("--date", type=date.fromisoformat, help="结束日期 YYYY-MM-DD（默认今天）")
    q.add_argument("--terminate", action="store_true", help="终止（未达目标提前结束），不写则为结束")
    q.add_argument("--reason", default="", help="原因（记入日志）")
    q.set_defaults(handler=end_cmd)

    q = ps.add_parser("assessment", help="结对帮扶年度评价导出（含上年等次；连续两年为差的结对提示调整）")
    q.add_argument("--year", type=int, required=True, help="年度，如 2026")
    q.add_argument("--out", required=True, help="输出工作簿 FILE.xlsx")
    q.set_defaults(handler=assessment_cmd)


def end_cmd(ctx: Context) -> int:
    a = ctx.args
    with ctx.session() as (session, actor):
        pairing = svc.find_pairing(session, a.pairing)
        svc.close_pairing(session, actor, pairing.id, a.date or date.today(), terminate=a.terminate,
                          reason=a.reason)
        line = f"{pairing.code}\t{pairing.name}\t{pairing.status.value}"
    ctx.out(line)
    return 0


def list_cmd(ctx: Context) -> int:
    a = ctx.args
    with ctx.session() as (session, actor):
        township = find_org(session, a.township, actor).id if a.township else None
        rows = svc.list_pairings(session, actor, type=a.type, status=a.status,
                                 township_id=township, year=a.year)
        totals = svc.totals(session, [r.id for r in rows], a.year)
    ctx.out("编号\t结对名称\t结对类型\t状态\t开始日期\t牵头方\t被帮扶方\t活动次数\t资金(元)\t项目数")
    for r in rows:
        ctx.out(f"{r.code}\t{r.name}\t{r.type}\t{r.status}\t{r.start_on.isoformat()}\t{r.leads}\t"
                f"{r.assisted}\t{r.activities}\t{r.funds:.2f}\t{r.projects}")
    ctx.out(totals.text())
    return 0


def summary_cmd(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        rows = svc.township_summary(session, actor, ctx.args.year)
    ctx.out("乡镇\t结对数\t活动次数\t资金(元)\t项目数")
    for r in rows:
        ctx.out(f"{r.name}\t{r.pairings}\t{r.activities}\t{r.funds:.2f}\t{r.projects}")
    ctx.out(say("（跨乡镇的结对在所涉每个乡镇各计一次，合计行每个结对只计一次）",
                "(a pairing spanning townships counts for each; the total counts it once)"))
    return 0


def check_cmd(ctx: Context) -> int:
    today = date.fromisoformat(ctx.args.as_of) if ctx.args.as_of else date.today()
    with ctx.session() as (session, actor):
        lines = svc.pairing_findings(session, actor, today)
    for line in lines:
        ctx.out(line)
    ctx.out(say(f"共{len(lines)}条提示", f"{len(lines)} findings"))
    return 0


def export_cmd(ctx: Context) -> int:
    out = Path(ctx.args.out)
    with ctx.session() as (session, actor):
        count = export_pairings(session, actor, out)
    ctx.out(say(f"已导出{count}个结对：{out}", f"Exported {count} pairings: {out}"))
    return 0


def assessment_cmd(ctx: Context) -> int:
    out = Path(ctx.args.out)
    with ctx.session() as (session, actor):
        count = export_assessments(session, actor, out, ctx.args.year)
        flagged = [r for r in svc.year_assessments(session, actor, ctx.args.year) if r.flag]
    for r in flagged:
        ctx.out(f"{r.code} {r.name}\t{r.previous}→{r.rating}\t{r.flag}")
    ctx.out(say(f"已导出{ctx.args.year}年度{count}个结对的评价：{out}",
                f"Exported the {ctx.args.year} assessments of {count} pairings: {out}"))
    return 0
