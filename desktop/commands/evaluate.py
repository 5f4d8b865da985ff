"""evaluate: open a round, export the fill-in sheets, import them back, results, status, lock."""

from __future__ import annotations

import json
from pathlib import Path

from models import values
from models.errors import NotFound
from models.evaluation import EvaluationFollowUp, FollowUpOutcome, RoundStatus
from models.services import access
from models.services import evaluation as ev
from models.services.orgs import county_root, find_org, subtree_ids
from reports import evaluation_xlsx as xlsx

from ..cli import EXIT_INPUT, Context, say
from .roster import report_import


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


    q = esub.add_parser("override-rules", help="优秀名额、参评率或群众比例不符时，记录例外理由和决定机关后方可确定")
    round_args(q)
    q.add_argument("--reason", required=True)
    q.add_argument("--body", required=True, help="决定机关，如 东城镇党委会议")
    q.set_defaults(handler=do_override_rules)

    q = esub.add_parser("meeting", help="记录党支部的民主评议党员大会：日期、应到、实到（请假原因）、邀请和到会群众")
    round_args(q)
    q.add_argument("--branch", required=True, help="党支部名称")
    q.add_argument("--date", required=True, help="会议日期")
    q.add_argument("--expected", required=True, help="应到正式党员人数")
    q.add_argument("--present", required=True, help="实到正式党员人数")
    q.add_argument("--absent-note", help="请假人员及原因（实到少于应到时必填）")
    q.add_argument("--public-invited", default="0", help="邀请群众人数")
    q.add_argument("--public-present", default="0", help="到会群众人数")
    q.set_defaults(handler=do_meeting)

    q = esub.add_parser("self", help="记录党员的个人自评（民主评议）")
    round_args(q)
    q.add_argument("--id-number", required=True)
    q.add_argument("--not-done", action="store_true", help="未完成自评（默认已完成）")
    q.add_argument("--summary", help="自评摘要（已完成时必填）")
    q.set_defaults(handler=do_self)

    q = esub.add_parser("schemes", help="列出评价方案")
    q.set_defaults(handler=do_schemes)

    q = esub.add_parser("scheme-copy", help="复制评价方案（内置方案不直接修改，复制后修改副本）")
    q.add_argument("source", metavar="NAME")
    q.add_argument("new_name", metavar="NEW_NAME")
    q.set_defaults(handler=do_scheme_copy)

    q = esub.add_parser("scheme-show", help="输出方案定义（JSON）")
    q.add_argument("name", metavar="NAME")
    q.add_argument("--out", help="写入此文件（默认输出到屏幕）")
    q.set_defaults(handler=do_scheme_show)

    q = esub.add_parser("scheme-edit", help="用 JSON 文件替换方案定义（已有确定结果的方案不能修改）")
    q.add_argument("name", metavar="NAME")
    q.add_argument("file", metavar="FILE.json")
    q.set_defaults(handler=do_scheme_edit)

    q = esub.add_parser("history", help="党员或党组织历年等次及升降")
    who = q.add_mutually_exclusive_group(required=True)
    who.add_argument("--id-number", help="党员公民身份号码")
    who.add_argument("--org", help="党组织名称")
    q.set_defaults(handler=do_history)

    q = esub.add_parser("followups", help="评议不合格党员的限期改正")
    q.add_argument("--all", action="store_true", help="包括已处理的")
    q.set_defaults(handler=do_followups)

    q = esub.add_parser("resolve", help="记录限期改正的结果：改正、劝退或除名")
    q.add_argument("followup_id", type=int, metavar="ID")
    q.add_argument("--outcome", required=True, choices=[o.value for o in FollowUpOutcome])
    q.add_argument("--date", required=True)
    q.add_argument("--note", help="理由（限期届满前作出结果时必填）；除名、劝退同时终止党籍")
    q.set_defaults(handler=do_resolve)


def _round(ctx: Context, session, actor, need: access.Permission | None = None):
    scope = find_org(session, ctx.args.org, actor) if ctx.args.org else None
    return ev.find_round(session, actor, ctx.args.scheme, ctx.args.period, scope, need)


def do_open(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        scheme = ev.find_scheme(session, ctx.args.scheme)
        scope = find_org(session, ctx.args.org, actor) if ctx.args.org else county_root(session)
        rnd = ev.open_round(session, actor, scheme, ctx.args.period, scope)
        n = len(ev.round_branches(session, actor, rnd.id))
        sheets = sum(c for _i, _n, c in ev.round_branches(session, actor, rnd.id))
        label = ev.round_label(rnd)
    ctx.out(say(f"已开启评价：{label}，{n}个党组织，{sheets}张评价表",
                f"Round opened: {label}, {n} organizations, {sheets} sheets"))
    return 0


def do_export(ctx: Context) -> int:
    out = Path(ctx.args.out)
    with ctx.session() as (session, actor):
        if ctx.args.full_id:
            access.require(actor, access.Permission.SEE_ID_NUMBERS)
        rnd = _round(ctx, session, actor)
        org_ids = subtree_ids(session, find_org(session, ctx.args.branch, actor)) if ctx.args.branch else None
        count = xlsx.export_fill_sheets(session, actor, rnd.id, out, org_ids, mask=not ctx.args.full_id)
    ctx.out(say(f"已导出{count}张评价表：{out}", f"Exported {count} sheets: {out}"))
    return 0


def do_import(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        result = xlsx.import_fill_sheets(session, actor, ctx.args.file, keep_valid=ctx.args.keep_valid,
                                         dry_run=ctx.args.dry_run, report=ctx.args.report)
    return report_import(ctx, result)


def do_compute(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        rnd = _round(ctx, session, actor, access.Permission.RUN_EVALUATIONS)
        n = ev.compute_round(session, actor, rnd.id)
        warnings = ev.round_warnings(session, rnd.id)
    ctx.out(say(f"已计算：{n}张评价表有变化", f"Computed: {n} sheets changed"))
    for w in warnings:
        ctx.out(f"提示\t{w}")
    return 0


def do_results(ctx: Context) -> int:
    out = Path(ctx.args.out)
    with ctx.session() as (session, actor):
        rnd = _round(ctx, session, actor)
        count = xlsx.export_results(session, actor, rnd.id, out)
        warnings = ev.round_warnings(session, rnd.id)
    for w in warnings:
        ctx.out(f"提示\t{w}")
    ctx.out(say(f"已导出{count}条评价结果：{out}", f"Exported {count} results: {out}"))
    return 0


def _set(ctx: Context, status: RoundStatus, start=None) -> int:
    with ctx.session() as (session, actor):
        rnd = _round(ctx, session, actor, access.Permission.RUN_EVALUATIONS)
        ev.set_status(session, actor, rnd.id, None, status, start)
        label = ev.round_label(rnd)
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
        rnd = _round(ctx, session, actor, access.Permission.LOCK_EVALUATIONS)
        ev.lock_round(session, actor, rnd.id)
        label = ev.round_label(rnd)
        opened = len(ev.followups(session, actor))
    ctx.out(say(f"{label}：已确定并锁定（未结的限期改正共{opened}人）",
                f"{label}: locked ({opened} open follow-ups)"))
    return 0


def do_reopen(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        rnd = _round(ctx, session, actor, access.Permission.LOCK_EVALUATIONS)
        ev.reopen_round(session, actor, rnd.id, ctx.args.reason)
        label = ev.round_label(rnd)
    ctx.out(say(f"{label}：已重新开启（草稿）", f"{label}: reopened (draft)"))
    return 0


def do_schemes(ctx: Context) -> int:
    with ctx.session() as (session, _actor):
        for scheme in ev.list_schemes(session):
            defn = ev.definition_of(scheme)
            kind = "内置" if scheme.builtin else "自定义"
            ctx.out(f"{scheme.name}\t{scheme.subject.value}\t{scheme.period_kind.value}\t{kind}\t"
                    f"{' / '.join(defn.levels)}")
    return 0


def do_scheme_copy(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        source = ev.find_scheme(session, ctx.args.source)
        copy = ev.copy_scheme(session, actor, source.id, ctx.args.new_name)
        name = copy.name
    ctx.out(say(f"已复制为“{name}”", f"Copied as '{name}'"))
    return 0


def do_scheme_show(ctx: Context) -> int:
    with ctx.session() as (session, _actor):
        text = ev.find_scheme(session, ctx.args.name).definition
    if ctx.args.out:
        Path(ctx.args.out).write_text(text, encoding="utf-8")
        ctx.out(say(f"已写入：{ctx.args.out}", f"Written: {ctx.args.out}"))
    else:
        ctx.out(text)
    return 0


def do_scheme_edit(ctx: Context) -> int:
    try:
        data = json.loads(Path(ctx.args.file).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        ctx.err(say(f"无法读取“{ctx.args.file}”：{exc}", f"Cannot read '{ctx.args.file}': {exc}"))
        return EXIT_INPUT
    with ctx.session() as (session, actor):
        scheme = ev.find_scheme(session, ctx.args.name)
        ev.update_scheme(session, actor, scheme.id, scheme.version, data)
        name = scheme.name
    ctx.out(say(f"已修改评价方案“{name}”", f"Scheme '{name}' updated"))
    return 0


def do_history(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        if ctx.args.org:
            org = find_org(session, ctx.args.org, actor)
            entries, who = ev.org_history(session, actor, org.id), org.name
        else:
            try:
                member = ev.member_by_id_number(session, actor, ctx.args.id_number)
            except NotFound:
                ctx.err(say("找不到该身份证号的党员", "No member with that ID number"))
                return EXIT_INPUT
            entries, who = ev.member_history(session, actor, member.id), member.name
    ctx.out(f"{who}")
    for e in entries:
        ctx.out(f"{e.scheme}\t{e.period}\t{ev.display_score(e.total)}\t{e.level or ''}\t{e.change}")
    if not entries:
        ctx.out(say("（没有已确定的评价结果）", "(no locked results)"))
    return 0


def do_followups(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        rows = ev.followups(session, actor, open_only=not ctx.args.all)
    for f in rows:
        outcome = f"{f.outcome.value} {f.outcome_on or ''}" if f.outcome else "未处理"
        ctx.out(f"{f.id}\t{f.org_name}\t{f.member_name}\t限期改正至{f.deadline.isoformat()}\t{outcome}")
    ctx.out(say(f"共{len(rows)}条", f"{len(rows)} follow-ups"))
    return 0


def do_resolve(ctx: Context) -> int:
    try:
        on = values.parse_date(ctx.args.date)
    except ValueError as exc:
        ctx.err(f"--date：{exc}")
        return 2
    if on is None:
        ctx.err("--date：必填")
        return 2
    with ctx.session() as (session, actor):
        f = session.get(EvaluationFollowUp, ctx.args.followup_id)
        if f is None:
            ctx.err(say(f"找不到限期改正记录{ctx.args.followup_id}", f"No follow-up {ctx.args.followup_id}"))
            return EXIT_INPUT
        ev.resolve_followup(session, actor, f.id, f.version, FollowUpOutcome(ctx.args.outcome), on,
                            ctx.args.note)
    ctx.out(say(f"已记录：{ctx.args.outcome}（{on.isoformat()}）", f"Recorded: {ctx.args.outcome}"))
    return 0


def do_override_rules(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        rnd = _round(ctx, session, actor, access.Permission.LOCK_EVALUATIONS)
        breaches = ev.round_breaches(session, rnd.id)
        ev.override_rules(session, actor, rnd.id, None, ctx.args.reason, ctx.args.body)
        label = ev.round_label(rnd)
    for line in breaches:
        ctx.out(f"例外\t{line}")
    ctx.out(say(f"{label}：已记录规则例外（{ctx.args.body}）", f"{label}: exception recorded"))
    return 0


def do_meeting(ctx: Context) -> int:
    a = ctx.args
    with ctx.session() as (session, actor):
        rnd = _round(ctx, session, actor, access.Permission.EDIT_RECORDS)
        branch = find_org(session, a.branch, actor)
        ev.record_meeting(session, actor, rnd.id, branch.id, {
            "held_on": a.date, "expected": a.expected, "present": a.present, "absent_note": a.absent_note,
            "public_invited": a.public_invited, "public_present": a.public_present})
        meeting = ev.meetings_of(session, rnd.id)[branch.id]
        name = branch.short_name or branch.name
    ctx.out(say(f"已记录{name}支部党员大会：{meeting.turnout_text()}", f"Meeting of {name} recorded"))
    return 0


def do_self(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        rnd = _round(ctx, session, actor)
        number = ctx.args.id_number.strip().upper()
        row = next((r for r in ev.sheet_rows(session, rnd.id) if r.id_number == number), None)
        if row is None:
            ctx.err(say(f"该评价中没有公民身份号码为{number}的党员", f"No sheet for {number}"))
            return EXIT_INPUT
        ev.record_self_assessment(session, actor, row.sheet_id, row.version, not ctx.args.not_done,
                                  ctx.args.summary)
    ctx.out(say(f"已记录{row.subject_name}的个人自评", f"Self-assessment of {row.subject_name} recorded"))
    return 0
