"""export quarterly, import quarterly, report monthly."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from models.periods import month, quarter
from models.services import access
from models.settings import get_setting
from reports import quarterly
from reports.monthly_pdf import monthly_report_data, render_monthly

from ..cli import Context, say
from . import roster


def register(sub) -> None:
    roster.EXTRA_EXPORTS["quarterly"] = export_quarterly
    roster.EXTRA_IMPORTS["quarterly"] = import_quarterly
    p = sub.add_parser("report", help="月度督查通报")
    p.add_argument("kind", choices=["monthly"])
    p.add_argument("--month", required=True, help="月份，如 2026-10")
    p.add_argument("--out", required=True)
    p.add_argument("--date", help="印发日期（默认今天）")
    p.set_defaults(handler=report_monthly)


def export_quarterly(ctx: Context) -> int:
    if not ctx.args.quarter:
        ctx.err(say("请用 --quarter 指定季度，如 2026Q3", "give --quarter, e.g. 2026Q3"))
        return 2
    period = quarter(ctx.args.quarter)
    with ctx.session() as (session, actor):
        unit = get_setting(session, "agency_name")
        path = quarterly.export_quarterly(session, actor, ctx.args.out, period, unit, quarterly.SHEETS)
    ctx.out(say(f"已生成{period.title}报表：{path}", f"Quarterly workbook written: {path}"))
    return 0


def import_quarterly(ctx: Context) -> int:
    if not ctx.args.out:
        ctx.err(say("请用 --out 指定汇总工作簿", "give --out for the summary workbook"))
        return 2
    clash = quarterly.out_is_input(ctx.args.out, ctx.args.files)
    if clash is not None:
        ctx.err(say(f"--out “{ctx.args.out}”是被汇总的工作簿之一（{clash}），会覆盖它；请换一个文件名",
                    f"--out '{ctx.args.out}' is one of the input workbooks ({clash}); choose another name"))
        return 2
    with ctx.session() as (session, actor):
        access.require_county_view(actor, "汇总报表")
        unit = get_setting(session, "agency_name")
    path, notes = quarterly.sum_workbooks(ctx.args.files, ctx.args.out, unit, quarterly.SHEETS)
    for note in notes:  # hidden sheets, named (never added up)
        ctx.out(note)
    ctx.out(say(f"已汇总{len(ctx.args.files)}个工作簿：{path}", f"Added up {len(ctx.args.files)} workbooks: {path}"))
    return 0


def report_monthly(ctx: Context) -> int:
    from models.values import parse_date

    period = month(ctx.args.month)
    issued = parse_date(ctx.args.date) if ctx.args.date else date.today()
    with ctx.session() as (session, actor):
        data = monthly_report_data(session, actor, period, issued=issued)
    from ..docfonts import apply_saved_fonts

    apply_saved_fonts()  # the font files chosen in Settings
    path = render_monthly(data, Path(ctx.args.out))
    ctx.out(say(f"已生成{period.title}督查通报：{path}", f"Monthly report written: {path}"))
    return 0
