"""findings: the checks the records allow, offered as findings (docs/findings.md)."""

from __future__ import annotations

from models import values
from models.errors import FieldError, ValidationError
from models.finding import Finding
from models.services import findings as fs

from ..cli import EXIT_USAGE, Context, say

HEADER = "编号\t核查项\t乡镇\t党组织\t问题类别\t严重程度\t问题描述\t依据"


def register(sub) -> None:
    p = sub.add_parser("findings", help="数据核查：按月运行核查，列出待处理的核查问题；采纳或排除")
    p.add_argument("--month", help="月份，如 2026-03（运行核查）")
    p.add_argument("--as-of", help="核查日期（默认该月最后一天，本月为今天）")
    p.set_defaults(handler=do_run)
    fsub = p.add_subparsers(dest="findings_command", metavar="ACTION")

    q = fsub.add_parser("accept", help="采纳：登记为来源“数据核查”的问题，进入三函督办")
    q.add_argument("--id", type=int, required=True, help="核查问题编号（findings 第一列）")
    q.set_defaults(handler=do_accept)

    q = fsub.add_parser("dismiss", help="排除（写明原因）：相同记录不再提出")
    q.add_argument("--id", type=int, required=True, help="核查问题编号")
    q.add_argument("--reason", required=True, help="排除原因（记入日志）")
    q.set_defaults(handler=do_dismiss)


def line(session, f: Finding) -> str:
    return "\t".join([str(f.id), fs.check_label(f.check), fs.township_name(session, f.org),
                      f.org.short_name or f.org.name, f.category, f.severity.value, f.description,
                      f.evidence.replace("\n", "；")])


def do_run(ctx: Context) -> int:
    a = ctx.args
    if not a.month:
        ctx.err(say("请给出 --month（如 2026-03），或 accept / dismiss", "Give --month (e.g. 2026-03), or accept / dismiss"))
        return EXIT_USAGE
    as_of = None
    if a.as_of:
        try:
            as_of = values.parse_date(a.as_of)
        except ValueError as exc:
            raise ValidationError([FieldError("核查日期", str(exc))]) from None
    with ctx.session() as (session, actor):
        found = fs.propose(session, actor, a.month, as_of)
        lines = [line(session, f) for f in found]
    ctx.out(HEADER)
    for text in lines:
        ctx.out(text)
    ctx.out(say(f"待处理{len(lines)}条（findings accept --id N 采纳，findings dismiss --id N --reason … 排除）",
                f"{len(lines)} waiting (findings accept --id N, findings dismiss --id N --reason …)"))
    return 0


def do_accept(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        problem = fs.accept(session, actor, ctx.args.id)
        text = f"{problem.org.short_name or problem.org.name}：{problem.description}（问题编号{problem.id}，整改时限{problem.deadline}）"
    ctx.out(say(f"已采纳，登记为问题：{text}", f"Accepted as a problem: {text}"))
    return 0


def do_dismiss(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        f = fs.dismiss(session, actor, ctx.args.id, ctx.args.reason)
        text = f"{f.org.short_name or f.org.name}：{f.description}"
    ctx.out(say(f"已排除：{text}", f"Dismissed: {text}"))
    return 0
