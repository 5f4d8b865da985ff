"""letters draft / issue / pdf / list / void / reply / finish, problem list / edit / status / close /
withdraw / restore, and task list / add / edit / withdraw / restore (the month tasks of the 提示函)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from models import values
from models.errors import DomainError
from models.services import supervision as sv
from models.supervision import Letter, LetterKind, LetterStatus, ProblemStatus, Severity

from ..cli import Context, say
from .receipts import register as receipt_actions


def _date(text: str) -> date:
    try:
        d = values.parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if d is None:
        raise argparse.ArgumentTypeError("日期不能为空")
    return d


def _month(text: str) -> str:
    try:
        m = values.parse_month(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if m is None:
        raise argparse.ArgumentTypeError("月份不能为空")
    return m


def register(sub) -> None:
    p = sub.add_parser("letters", help="三函：起草、签发、生成PDF、登记反馈")
    lsub = p.add_subparsers(dest="letters_command", metavar="ACTION")
    lsub.required = True

    q = lsub.add_parser("draft", help="按规则起草本月的提示函、督办函、预警函")
    q.add_argument("--month", required=True, type=_month, help="YYYY-MM")
    q.add_argument("--as-of", type=_date, help="预警函以此日期判断逾期（默认今天；往月为该月最后一天）")
    q.set_defaults(handler=draft)

    q = lsub.add_parser("issue", help="编号并签发草稿")
    g = q.add_mutually_exclusive_group(required=True)
    g.add_argument("--month", type=_month, help="签发该月的全部草稿")
    g.add_argument("--id", type=int, nargs="+", dest="ids", metavar="N")
    q.add_argument("--date", type=_date, help="签发日期（默认今天；不能晚于今天，早于今天须写 --reason）")
    q.add_argument("--reason", help="补签往日函件的原因（签发日期早于今天时必填，记入审计日志）")
    q.set_defaults(handler=issue)

    q = lsub.add_parser("pdf", help="每函一个PDF（以文号命名），可另合成一个文件")
    g = q.add_mutually_exclusive_group(required=True)
    g.add_argument("--month", type=_month, help="该月的全部未作废函件")
    g.add_argument("--id", type=int, nargs="+", dest="ids", metavar="N")
    q.add_argument("--out", required=True, help="输出文件夹")
    q.add_argument("--combined", help="合并为一个PDF文件")
    q.set_defaults(handler=pdf)

    q = lsub.add_parser("list", help="列出函件")
    q.add_argument("--month", type=_month)
    q.set_defaults(handler=list_letters)

    q = lsub.add_parser("void", help="作废（文号不再使用）")
    q.add_argument("--id", type=int, required=True)
    q.add_argument("--reason", required=True)
    q.set_defaults(handler=void)

    q = lsub.add_parser("reply", help="登记反馈")
    q.add_argument("--id", type=int, required=True)
    q.add_argument("--date", type=_date, required=True)
    q.add_argument("--text", required=True)
    q.set_defaults(handler=reply)

    q = lsub.add_parser("finish", help="办结")
    q.add_argument("--id", type=int, required=True)
    q.set_defaults(handler=finish)

    p = sub.add_parser("problem", help="督查发现问题：列表、整改流程、销号")
    psub = p.add_subparsers(dest="problem_command", metavar="ACTION")
    psub.required = True
    q = psub.add_parser("list", help="列出问题（含红黄灯）")
    q.add_argument("--month", type=_month, help="发现月份")
    q.add_argument("--overdue", action="store_true", help="只列逾期未销号的问题")
    q.add_argument("--as-of", type=_date, help="判断逾期的日期（默认今天）")
    q.add_argument("--withdrawn", action="store_true", help="也列出已撤销的问题（标明“已撤销”）")
    q.set_defaults(handler=list_problems)
    for action, help_text in (("withdraw", "撤销误录的问题（列入已签发的函件前；记录保留，可恢复）"),
                              ("restore", "恢复已撤销的问题")):
        q = psub.add_parser(action, help=help_text)
        q.add_argument("--id", type=int, required=True)
        q.add_argument("--reason", required=action == "withdraw", default="", help="原因（记入日志）")
        q.set_defaults(handler=problem_step)

    q = psub.add_parser("edit", help="修改问题（列入已签发的函件后只能调整严重程度和整改时限，须写原因）")
    q.add_argument("--id", type=int, required=True)
    q.add_argument("--org", help="党组织（全称或唯一简称）")
    q.add_argument("--category", help="问题类别")
    q.add_argument("--description", help="问题描述")
    q.add_argument("--severity", choices=[s.value for s in Severity])
    q.add_argument("--deadline", type=_date, help="整改时限")
    q.add_argument("--reason", help="调整原因（问题已列入已签发的督办函后，调整严重程度或整改时限必填）")
    q.set_defaults(handler=problem_edit)

    q = psub.add_parser("status", help="整改流程：待整改 → 整改中 → 待验收")
    q.add_argument("--id", type=int, required=True)
    q.add_argument("--to", required=True, choices=[s.value for s in ProblemStatus if s != ProblemStatus.CLOSED])
    q.add_argument("--report", help="整改情况（提交验收时必填）")
    q.set_defaults(handler=problem_status)

    p = sub.add_parser("task", help="月度重点任务（提示函的内容）：列表、新增、修改、撤回、恢复，报送完成情况和回执")
    tsub = p.add_subparsers(dest="task_command", metavar="ACTION")
    tsub.required = True
    q = tsub.add_parser("list", help="列出某月的任务")
    q.add_argument("--month", type=_month, required=True, help="月份，如 2026-03")
    q.add_argument("--withdrawn", action="store_true", help="也列出已撤回的任务")
    q.set_defaults(handler=task_list)
    for action, help_text in (("add", "新增任务"), ("edit", "修改任务")):
        q = tsub.add_parser(action, help=help_text)
        if action == "edit":
            q.add_argument("--id", type=int, required=True)
        q.add_argument("--month", type=_month, required=action == "add", help="月份，如 2026-03")
        q.add_argument("--title", required=action == "add", help="工作任务")
        q.add_argument("--content", help="主要内容")
        q.add_argument("--requirements", help="有关要求")
        q.add_argument("--due", type=_date, help="完成时限")
        q.add_argument("--archive", help="存档目录")
        q.add_argument("--scope", help="适用范围：乡镇（街道）党委，以顿号或逗号分隔；“全部”或不填为全部乡镇")
        q.set_defaults(handler=task_save)
    for action, help_text in (("withdraw", "撤回任务（不再写入提示函，记录保留）"), ("restore", "恢复已撤回的任务")):
        q = tsub.add_parser(action, help=help_text)
        q.add_argument("--id", type=int, required=True)
        q.add_argument("--reason", default="", help="原因（记入日志）")
        q.set_defaults(handler=task_step)
    receipt_actions(tsub)  # task report, task receipts

    q = psub.add_parser("close", help="验收销号")
    q.add_argument("--id", type=int, required=True)
    q.add_argument("--report", required=True, help="整改情况")
    q.add_argument("--verifier", required=True, help="验收人")
    q.add_argument("--date", type=_date, help="销号日期（默认今天）")
    q.set_defaults(handler=problem_close)


def _count(letter: Letter) -> str:
    if letter.kind == LetterKind.REMINDER:
        return f"{len(letter.tasks)}项任务"
    return f"{len(letter.problems)}个问题"


def _line(letter: Letter) -> str:
    return "\t".join([
        str(letter.id), letter.number or "（未编号）", letter.kind.value, letter.status.value,
        letter.recipient.name, _count(letter), letter.title,
    ])


def draft(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        drafts = sv.draft_letters(session, actor, ctx.args.month, ctx.args.as_of)
        lines = [_line(x) for x in drafts]
    for line in lines:
        ctx.out(line)
    ctx.out(say(f"起草{len(lines)}份函件", f"{len(lines)} drafts"))
    return 0


def _selected(session, actor, args, statuses=None) -> list[Letter]:
    if args.ids:
        found = sv.letters_of(session, actor, ids=args.ids)
        missing = set(args.ids) - {x.id for x in found}
        if missing:
            raise DomainError(f"找不到函件（编号{'、'.join(map(str, sorted(missing)))}）")
        return found
    return sv.letters_of(session, actor, month=args.month, statuses=statuses)


def _warn_missing_characters(ctx: Context, session, letters: list[Letter]) -> None:
    """On stderr: letters with characters no installed font draws (they would print blank)."""
    from reports.letters import missing_characters_warning

    from ..docfonts import apply_saved_fonts

    apply_saved_fonts()
    warning = missing_characters_warning(session, letters)
    if warning:
        ctx.err(say("警告：" + warning, "Warning: " + warning))


def issue(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        chosen = sv.drafts_to_issue(session, actor, ctx.args.month, ctx.args.ids)
        if not chosen:
            ctx.out(say("没有可签发的草稿", "No drafts to issue"))
            return 0
        _warn_missing_characters(ctx, session, chosen)
        issued = sv.issue_letters(session, actor, [x.id for x in chosen], ctx.args.date, ctx.args.reason)
        lines = [_line(x) for x in sorted(issued, key=lambda x: (x.kind.value, x.seq))]
    for line in lines:
        ctx.out(line)
    ctx.out(say(f"签发{len(lines)}份函件", f"{len(lines)} letters issued"))
    return 0


def pdf(ctx: Context) -> int:
    from reports.letters import export_letter_pdfs

    with ctx.session() as (session, actor):
        statuses = [s for s in LetterStatus if s != LetterStatus.VOID]
        chosen = _selected(session, actor, ctx.args, statuses)
        if not chosen:
            ctx.out(say("没有函件", "No letters"))
            return 0
        _warn_missing_characters(ctx, session, chosen)
        paths = export_letter_pdfs(session, actor, chosen, Path(ctx.args.out), ctx.args.combined)
    for path in paths:
        ctx.out(str(path))
    ctx.out(say(f"生成{len(chosen)}份函件的PDF", f"PDFs of {len(chosen)} letters written"))
    return 0


def list_letters(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        lines = [_line(x) for x in sv.letters_of(session, actor, month=ctx.args.month)]
    for line in lines:
        ctx.out(line)
    ctx.out(say(f"共{len(lines)}份函件", f"{len(lines)} letters"))
    return 0


def void(ctx: Context) -> int:
    """作废; a 督办函's problems get back their own deadlines: each change is said."""
    with ctx.session() as (session, actor):
        listed = session.get(Letter, ctx.args.id)
        before = {p.id: p.deadline for p in listed.problems} if listed is not None else {}
        letter = sv.void_letter(session, actor, ctx.args.id, ctx.args.reason)
        label = sv.letter_label(letter)
        moved = [(p.id, before[p.id], p.deadline) for p in letter.problems if p.deadline != before.get(p.id)]
    ctx.out(say(f"已作废：{label}", f"Voided: {label}"))
    for pid, old, new in moved:
        ctx.out(say(f"问题{pid}的整改时限：{old.isoformat()} → {new.isoformat()}",
                    f"Problem {pid}: deadline {old.isoformat()} → {new.isoformat()}"))
    return 0


def reply(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        letter = sv.record_reply(session, actor, ctx.args.id, ctx.args.date, ctx.args.text)
        label = sv.letter_label(letter)
    ctx.out(say(f"已登记反馈：{label}", f"Reply recorded: {label}"))
    return 0


def finish(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        label = sv.letter_label(sv.finish_letter(session, actor, ctx.args.id))
    ctx.out(say(f"已办结：{label}", f"Finished: {label}"))
    return 0


def list_problems(ctx: Context) -> int:
    today = ctx.args.as_of or date.today()
    with ctx.session() as (session, actor):
        problems = sv.list_problems(session, actor, ctx.args.month,
                                    overdue_on=today if ctx.args.overdue else None,
                                    include_withdrawn=ctx.args.withdrawn)
        yellow, orange = sv.light_days(session)
        lines = [
            "\t".join([
                str(p.id), p.found_on.isoformat(), p.org.name, p.category, p.severity.value,
                p.deadline.isoformat(), "已撤销" if not p.in_force else p.status.value,
                "" if not p.in_force else sv.light(p.deadline, p.closed, today, yellow, orange) or "",
                p.description,
            ])
            for p in problems
        ]
    for line in lines:
        ctx.out(line)
    ctx.out(say(f"共{len(lines)}个问题", f"{len(lines)} problems"))
    return 0


def problem_status(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        p = sv.move_problem(session, actor, ctx.args.id, ProblemStatus(ctx.args.to), report=ctx.args.report)
        status = p.status.value
    ctx.out(say(f"问题{ctx.args.id}：{status}", f"Problem {ctx.args.id}: {status}"))
    return 0


def _withdraw_or_restore(ctx: Context, group: str, noun: str, noun_en: str, withdrawn: str,
                         withdraw, restore, name) -> int:
    """`GROUP withdraw` / `GROUP restore` of a task or a problem: the service's step, then one line."""
    a = ctx.args
    undo = getattr(a, f"{group}_command") == "restore"
    with ctx.session() as (session, actor):
        label = name((restore if undo else withdraw)(session, actor, a.id, a.reason))
    if undo:
        ctx.out(say(f"已恢复{noun}{a.id}“{label}”", f"{noun_en} {a.id} restored"))
    else:
        ctx.out(say(f"已{withdrawn}{noun}{a.id}“{label}”（{group} restore --id {a.id} 可恢复）",
                    f"{noun_en} {a.id} withdrawn ({group} restore --id {a.id} undoes it)"))
    return 0


def problem_step(ctx: Context) -> int:
    """problem withdraw / problem restore."""
    return _withdraw_or_restore(ctx, "problem", "问题", "Problem", "撤销", sv.withdraw_problem, sv.restore_problem,
                                lambda p: p.description)


def problem_close(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        p = sv.close_problem(session, actor, ctx.args.id, ctx.args.report, ctx.args.verifier, ctx.args.date)
        closed = sv.date_text(p.closed_on) if p.closed_on else ""
    ctx.out(say(f"问题{ctx.args.id}已销号（{closed}）", f"Problem {ctx.args.id} closed ({closed})"))
    return 0


def problem_edit(ctx: Context) -> int:
    from models.errors import FieldError, ValidationError
    from models.services.orgs import org_lookup

    a = ctx.args
    changes: dict = {}
    with ctx.session() as (session, actor):
        if a.org is not None:
            oid = org_lookup(session).get(a.org.strip())
            if oid is None:
                raise ValidationError([FieldError("党组织", f"找不到党组织“{a.org}”或简称不唯一，请写全称")])
            changes["org_id"] = oid
        if a.category is not None:
            changes["category"] = a.category.strip()
        if a.description is not None:
            changes["description"] = a.description.strip()
        if a.severity is not None:
            changes["severity"] = Severity(a.severity)
        if a.deadline is not None:
            changes["deadline"] = a.deadline
        sv.update_problem(session, actor, a.id, reason=a.reason, **changes)
    ctx.out(say(f"问题{a.id}已修改", f"Problem {a.id} updated"))
    return 0


# ---------------------------------------------------------------- month tasks


def _task_line(t) -> str:
    scope = "全部" if t.all_townships else "、".join(o.short_name or o.name for o in t.scope)
    return "\t".join([str(t.id), t.month, t.title, t.due_on.isoformat() if t.due_on else "", scope,
                      "已撤回" if t.withdrawn else ""])


def task_list(ctx: Context) -> int:
    with ctx.session() as (session, _actor):
        tasks = sv.month_tasks(session, ctx.args.month, include_withdrawn=ctx.args.withdrawn)
        lines = [_task_line(t) for t in tasks]
    for line in lines:
        ctx.out(line)
    ctx.out(say(f"共{len(lines)}项任务", f"{len(lines)} tasks"))
    return 0


def _scope_ids(session, text: str | None) -> list[int] | None:
    """The townships named in --scope (None: not given; []: every township)."""
    import re

    from models.errors import FieldError, ValidationError
    from models.services.orgs import org_lookup

    if text is None:
        return None
    names = [n.strip() for n in re.split(r"[、,，;；]", text) if n.strip()]
    if names in ([], ["全部"]):
        return []
    lookup = org_lookup(session)
    missing = [n for n in names if lookup.get(n) is None]
    if missing:
        raise ValidationError([FieldError("适用范围", f"找不到党组织“{'、'.join(missing)}”或简称不唯一，请写全称")])
    return [i for i in (lookup[n] for n in names) if i is not None]  # none missing: checked above


def task_save(ctx: Context) -> int:
    a = ctx.args
    values = {k: v for k, v in (("month", a.month), ("title", a.title), ("content", a.content),
                                ("requirements", a.requirements), ("due_on", a.due), ("archive", a.archive))
              if v is not None}
    with ctx.session() as (session, actor):
        scope = _scope_ids(session, a.scope)
        if a.task_command == "add":
            t = sv.create_task(session, actor, scope_ids=scope, **values)
        else:
            t = sv.update_task(session, actor, a.id, scope_ids=scope, **values)
        line = _task_line(t)
    ctx.out(say(f"{'已新增' if a.task_command == 'add' else '已修改'}任务：{line}",
                f"Task {'added' if a.task_command == 'add' else 'updated'}: {line}"))
    return 0


def task_step(ctx: Context) -> int:
    """task withdraw / task restore."""
    return _withdraw_or_restore(ctx, "task", "任务", "Task", "撤回", sv.withdraw_task, sv.restore_task,
                                lambda t: t.title)
