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


def register(sub) -> None:
    p = sub.add_parser("report", help="月度督查通报（monthly）、年度党建考核三函部分（assessment）")
    p.add_argument("kind", choices=["monthly", "assessment"])
    p.add_argument("--month", help="monthly：月份，如 2026-10")
    p.add_argument("--year", type=int, help="assessment：考核年度，如 2026")
    p.add_argument("--out", required=True)
    p.add_argument("--date", help="monthly：印发日期（默认今天）")
    p.add_argument("--as-of", dest="as_of", help="统计截至日期（默认印发日期或今天，不晚于该月/该年最后一天）")
    p.add_argument("--requirements", help="monthly：下步工作要求（UTF-8文本文件，每段一行）")
    p.set_defaults(handler=report)


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


def _day(text: str | None) -> date | None:
    from models.errors import DomainError
    from models.values import parse_date

    try:
        return parse_date(text) if text else None
    except ValueError as exc:
        raise DomainError(str(exc)) from None


def report(ctx: Context) -> int:
    if ctx.args.kind == "assessment":
        return report_assessment(ctx)
    if not ctx.args.month:
        ctx.err(say("请用 --month 指定月份，如 2026-10", "give --month, e.g. 2026-10"))
        return 2
    return report_monthly(ctx)


def report_assessment(ctx: Context) -> int:
    from reports.assessment_xlsx import export_assessment

    if not ctx.args.year:
        ctx.err(say("请用 --year 指定考核年度，如 2026", "give --year, e.g. 2026"))
        return 2
    as_of = _day(ctx.args.as_of)
    with ctx.session() as (session, actor):
        path = export_assessment(session, actor, ctx.args.out, ctx.args.year, as_of)
    ctx.out(say(f"已生成{ctx.args.year}年度党建考核（三函部分）：{path}", f"Assessment written: {path}"))
    return 0


def read_requirements(path: str | None) -> str:
    """The 下步工作要求 text of --requirements (UTF-8, or GBK as Windows Notepad saves it)."""
    from models.errors import DomainError

    if not path:
        return ""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DomainError(f"无法读取下步工作要求文件“{path}”：{exc.strerror or exc}") from None
    for encoding in ("utf-8-sig", "gbk"):
        try:
            return raw.decode(encoding).strip()
        except UnicodeDecodeError:
            continue
    raise DomainError(f"下步工作要求文件“{path}”不是UTF-8或GBK编码的文本")


def report_monthly(ctx: Context) -> int:
    period = month(ctx.args.month)
    issued = _day(ctx.args.date) or date.today()
    as_of = _day(ctx.args.as_of)
    requirements = read_requirements(ctx.args.requirements)
    with ctx.session() as (session, actor):
        data = monthly_report_data(session, actor, period, issued=issued, as_of=as_of,
                                   requirements=requirements)
    from ..docfonts import apply_saved_fonts

    apply_saved_fonts()  # the font files chosen in Settings
    path = render_monthly(data, Path(ctx.args.out))
    ctx.out(say(f"已生成{period.title}督查通报：{path}", f"Monthly report written: {path}"))
    return 0
