"""evaluate: open a round, export the fill-in sheets, import them back, results, status, lock."""

from __future__ import annotations

from pathlib import Path

from models import values
from models.evaluation import RoundStatus
from models.services import access
from models.services import evaluation as ev
from models.services.orgs import county_root, find_org, subtree_ids
from reports import evaluation_xlsx as xlsx

from ..cli import EXIT_INPUT, Context, say


def register(sub) -> None:
    p = sub.add_parser("evaluate", help="星级评定与民主评议：开启、导出评价表、导入、结果、锁定")
    esub = p.add_subparsers(dest="action", metavar="ACTION")
    esub.required = True

    def round_args(q, org_help="评价范围（党组织名称，默认全县）") -> None:
        q.add_argument("--scheme", required=True, help="评价方案，如 民主评议党员")
        q.add_argument("--period", required=True, help="周期：2026、2026H1、2026Q3 或 2026-10")
        q.add_argument("--org", help=org_help)

    q = esub.add_parser("open", help="开启评价：为范围内每个对象生成评价表")
    round_args(q)
    q.set_defaults(handler=do_open)

    q = esub.add_parser("export", help="导出评价表（供党支部书记填写）")
    round_args(q)
    q.add_argument("--branch", help="只导出该党组织及其下级的评价表")
    q.add_argument("--out", required=True)
    q.add_argument("--full-id", action="store_true", help="显示完整身份证号（默认打码）")
    q.set_defaults(handler=do_export)

    q = esub.add_parser("import", help="导入填好的评价表（任一行有错则不写入，除非 --keep-valid）")
    q.add_argument("file", metavar="FILE")
    q.add_argument("--dry-run", action="store_true")
    q.add_argument("--keep-valid", action="store_true")
    q.add_argument("--report", help="把错误写入此工作簿")
    q.set_defaults(handler=do_import)

    q = esub.add_parser("compute", help="重新计算全部总分和等次")
    round_args(q)
    q.set_defaults(handler=do_compute)

    q = esub.add_parser("results", help="导出评价结果工作簿")
    round_args(q)
    q.add_argument("--out", required=True)
    q.set_defaults(handler=do_results)

    q = esub.add_parser("review", help="审核（草稿 → 已审核）")
    round_args(q)
    q.set_defaults(handler=do_review)

    q = esub.add_parser("post", help="公示（已审核 → 公示中）")
    round_args(q)
    q.add_argument("--start", help="公示开始日期（默认今天）")
    q.set_defaults(handler=do_post)

    q = esub.add_parser("lock", help="公示期满后确定并锁定结果")
    round_args(q)
    q.set_defaults(handler=do_lock)

    q = esub.add_parser("reopen", help="重新开启已确定的评价（须写明理由）")
    round_args(q)
    q.add_argument("--reason", required=True)
    q.set_defaults(handler=do_reopen)


def _round(ctx: Context, session):
    scope = find_org(session, ctx.args.org) if ctx.args.org else None
    return ev.find_round(session, ctx.args.scheme, ctx.args.period, scope)


def do_open(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        scheme = ev.find_scheme(session, ctx.args.scheme)
        scope = find_org(session, ctx.args.org) if ctx.args.org else county_root(session)
        rnd = ev.open_round(session, actor, scheme, ctx.args.period, scope)
        n = len(ev.round_branches(session, rnd.id))
        sheets = sum(c for _i, _n, c in ev.round_branches(session, rnd.id))
        label = ev.round_label(session, rnd)
    ctx.out(say(f"已开启评价：{label}，{n}个党组织，{sheets}张评价表",
                f"Round opened: {label}, {n} organizations, {sheets} sheets"))
    return 0


def do_export(ctx: Context) -> int:
    out = Path(ctx.args.out)
    with ctx.session() as (session, actor):
        if ctx.args.full_id:
            access.require(actor, access.Permission.SEE_ID_NUMBERS)
        rnd = _round(ctx, session)
        org_ids = subtree_ids(session, find_org(session, ctx.args.branch)) if ctx.args.branch else None
        count = xlsx.export_fill_sheets(session, rnd.id, out, org_ids, mask=not ctx.args.full_id)
    ctx.out(say(f"已导出{count}张评价表：{out}", f"Exported {count} sheets: {out}"))
    return 0


def do_import(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        result = xlsx.import_fill_sheets(session, actor, ctx.args.file, keep_valid=ctx.args.keep_valid,
                                         dry_run=ctx.args.dry_run, report=ctx.args.report)
    for error in result.errors:
        ctx.err(str(error))
    if ctx.args.report and result.errors:
        ctx.err(say(f"错误报告：{ctx.args.report}", f"Error report: {ctx.args.report}"))
    ctx.out(result.summary())
    # a return code, not InputErrors: under `python -m desktop.cli` that class is __main__'s own
    return EXIT_INPUT if result.errors else 0


def do_compute(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        rnd = _round(ctx, session)
        n = ev.compute_round(session, actor, rnd.id)
        warnings = ev.round_warnings(session, rnd.id)
    ctx.out(say(f"已计算：{n}张评价表有变化", f"Computed: {n} sheets changed"))
    for w in warnings:
        ctx.out(f"提示\t{w}")
    return 0


def do_results(ctx: Context) -> int:
    out = Path(ctx.args.out)
    with ctx.session() as (session, _actor):
        rnd = _round(ctx, session)
        count = xlsx.export_results(session, rnd.id, out)
        warnings = ev.round_warnings(session, rnd.id)
    for w in warnings:
        ctx.out(f"提示\t{w}")
    ctx.out(say(f"已导出{count}条评价结果：{out}", f"Exported {count} results: {out}"))
    return 0


def _set(ctx: Context, status: RoundStatus, start=None) -> int:
    with ctx.session() as (session, actor):
        rnd = _round(ctx, session)
        ev.set_status(session, actor, rnd.id, None, status, start)
        label = ev.round_label(session, rnd)
        end = ev.posting_end(rnd)
    extra = f"，公示至{end.isoformat()}" if status is RoundStatus.POSTED and end else ""
    ctx.out(say(f"{label}：{status.value}{extra}", f"{label}: {status.value}{extra}"))
    return 0


def do_review(ctx: Context) -> int:
    return _set(ctx, RoundStatus.REVIEWED)


def do_post(ctx: Context) -> int:
    try:
        start = values.parse_date(ctx.args.start) if ctx.args.start else None
    except ValueError as exc:
        ctx.err(f"--start：{exc}")
        return 2
    return _set(ctx, RoundStatus.POSTED, start)


def do_lock(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        rnd = _round(ctx, session)
        ev.lock_round(session, actor, rnd.id)
        label = ev.round_label(session, rnd)
        opened = len(ev.followups(session))
    ctx.out(say(f"{label}：已确定并锁定（未结的限期改正共{opened}人）",
                f"{label}: locked ({opened} open follow-ups)"))
    return 0


def do_reopen(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        rnd = _round(ctx, session)
        ev.reopen_round(session, actor, rnd.id, ctx.args.reason)
        label = ev.round_label(session, rnd)
    ctx.out(say(f"{label}：已重新开启（草稿）", f"{label}: reopened (draft)"))
    return 0
