"""task report / task receipts: a township's receipt for a month task with evidence files, and the
month's receipts (with --out, its evidence as one zip laid out township/task/file).
The rules: docs/task-receipts.md."""

from __future__ import annotations

from datetime import date

from models.errors import FieldError, ValidationError
from models.services import supervision as sv
from models.task_receipt import ReceiptStatus

from ..cli import Context, say


def register(tsub) -> None:
    """The two actions of the `task` group (desktop/commands/letters.py makes the group)."""
    from .letters import _date, _month

    q = tsub.add_parser("report", help="报送任务完成情况（可附证明材料：jpg、png、pdf、docx、xlsx，每个不超过20 MB）")
    q.add_argument("--task", type=int, required=True, help="任务编号（task list 的第一列）")
    q.add_argument("--org", required=True, help="乡镇（街道）党委：全称或唯一简称")
    q.add_argument("--status", required=True, choices=[s.value for s in ReceiptStatus], help="完成情况")
    q.add_argument("--date", type=_date, help="报送日期（默认今天）")
    q.add_argument("--note", help="情况说明")
    q.add_argument("--attach", nargs="+", default=[], metavar="FILE", help="证明材料文件（按内容检查，不按扩展名）")
    q.set_defaults(handler=task_report)

    q = tsub.add_parser("receipts", help="某月各乡镇各任务的完成情况；--out 把证明材料导出为一个zip（乡镇/任务/文件）")
    q.add_argument("--month", type=_month, required=True, help="月份，如 2026-03")
    q.add_argument("--as-of", type=_date, help="判断红黄灯的日期（默认今天）")
    q.add_argument("--out", help="证明材料zip文件")
    q.set_defaults(handler=task_receipts)


def _org_id(session, actor, text: str) -> int:
    from models.services import access
    from models.services.orgs import org_lookup

    oid = org_lookup(session).get(text.strip())
    if oid is None:
        access.refuse_hidden(session, actor, f"“{text.strip()}”", org_name=text)  # another township's
        raise ValidationError([FieldError("乡镇（街道）党委", f"找不到党组织“{text}”或简称不唯一，请写全称")])
    return oid


def task_report(ctx: Context) -> int:
    a = ctx.args
    files = [sv.read_evidence(path) for path in a.attach]  # every file checked before anything is written
    with ctx.session() as (session, actor):
        receipt = sv.report_task(session, actor, a.task, _org_id(session, actor, a.org), a.status, a.date, a.note,
                                 files)
        town = receipt.org.short_name or receipt.org.name
        title, state, on = receipt.task.title, receipt.status.value, receipt.reported_on.isoformat()
        held = [(e.name, e.size, e.sha256) for e in receipt.files]
    ctx.out(say(f"已报送：{town}“{title}”{state}（{on}），附件{len(held)}个",
                f"Reported: {town} “{title}” {state} ({on}), {len(held)} files"))
    for name, size, digest in held:
        ctx.out(f"{name}\t{size}\t{digest}")
    return 0


def _line(line: sv.ReceiptLine) -> str:
    r = line.receipt
    return "\t".join([
        str(line.task.id), line.township.short_name or line.township.name, line.task.title,
        line.task.due_on.isoformat() if line.task.due_on else "", line.state,
        r.reported_on.isoformat() if r else "", line.light or "",
        ("已确认" if r.confirmed_at else "待确认") if r else "", str(len(r.files)) if r else "0",
        (r.note or "") if r else "",
    ])


def task_receipts(ctx: Context) -> int:
    a = ctx.args
    as_of = a.as_of or date.today()
    with ctx.session() as (session, actor):
        lines = sv.month_receipts(session, actor, a.month, as_of)
        shown = [_line(x) for x in lines]
        reported = sum(x.receipt is not None for x in lines)
        written = sv.export_evidence_zip(session, actor, a.month, a.out, as_of) if a.out else None
    for text in shown:
        ctx.out(text)
    ctx.out(say(f"共{len(shown)}项（乡镇×任务），已报送{reported}项，未报送{len(shown) - reported}项",
                f"{len(shown)} township × task lines, {reported} reported, {len(shown) - reported} not"))
    if written is not None:
        path, count = written
        ctx.out(say(f"证明材料{count}个文件已导出到 {path}", f"{count} evidence files written to {path}"))
    return 0
