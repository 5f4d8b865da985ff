"""template, import, export of the organization list and the roster."""

from __future__ import annotations

import importlib
from pathlib import Path

from models.services import access
from models.services.orgs import find_org, subtree_ids
from reports import roster
from reports.imports import read_source, run_import
from reports.registry import KINDS, get_importer

from ..cli import Context, InputErrors, say


def register(sub) -> None:
    kinds = sorted(KINDS)
    p = sub.add_parser("template", help="生成空白导入模板")
    p.add_argument("kind", choices=kinds)
    p.add_argument("--out", required=True)
    p.set_defaults(handler=template)

    p = sub.add_parser("import", help="导入数据（任一行有错则不写入，除非 --keep-valid）")
    p.add_argument("kind")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="只检查，不写入（并显示各列的对应关系）")
    p.add_argument("--map", action="append", default=[], metavar="列名=字段",
                   help="指定文件中某列对应的字段（可重复）；字段写“忽略”则不导入该列")
    p.add_argument("--keep-valid", action="store_true", help="写入无误的行，报告有误的行")
    p.add_argument("--report", help="把错误写入此工作簿")
    p.add_argument("--sheet", action="append", default=None, metavar="工作表",
                   help="只导入这个工作表（可重复；隐藏的工作表只有这样指定才会导入）")
    p.add_argument("--out", help="（import quarterly）汇总工作簿")
    p.set_defaults(handler=do_import)

    p = sub.add_parser("export", help="导出数据")
    p.add_argument("kind")
    p.add_argument("--out", required=True)
    p.add_argument("--org", help="（members）只导出该党组织及其下级的党员")
    p.add_argument("--quarter", help="（quarterly）季度，如 2026Q3")
    p.set_defaults(handler=do_export)


def template(ctx: Context) -> int:
    from reports.templates import write_template

    with ctx.session() as (session, actor):  # the problem categories are a setting
        path = write_template(session, actor, ctx.args.kind, ctx.args.out)
    ctx.out(say(f"已生成模板：{path}", f"Template written: {path}"))
    return 0


#: import/export kinds handled by other command modules: kind → (module, handler's name), the
#: module loaded only for its kind (`import members` loads no PDF or quarterly report)
EXTRA_IMPORTS: dict[str, tuple[str, str]] = {
    "quarterly": ("desktop.commands.reports", "import_quarterly"),
}
EXTRA_EXPORTS: dict[str, tuple[str, str]] = {
    "quarterly": ("desktop.commands.reports", "export_quarterly"),
    "pairings": ("desktop.commands.pairing", "export_cmd"),
}


def _extra(handlers: dict[str, tuple[str, str]], ctx: Context) -> int:
    module, name = handlers[ctx.args.kind]
    return getattr(importlib.import_module(module), name)(ctx)


def do_import(ctx: Context) -> int:
    kind = ctx.args.kind
    if kind in EXTRA_IMPORTS:
        return _extra(EXTRA_IMPORTS, ctx)
    importer = get_importer(kind)
    if len(ctx.args.files) != 1:
        ctx.err(say("一次只能导入一个文件。", "Import one file at a time."))
        return 2
    mapping = {}
    for item in ctx.args.map:
        header, sep, target = item.partition("=")
        if not sep or not header.strip():
            ctx.err(say(f"--map 应写作“列名=字段”，而不是“{item}”", f"--map takes 'column=field', not '{item}'"))
            return 2
        mapping[header.strip()] = target.strip()
    with ctx.session() as (session, actor):
        if not ctx.args.dry_run:  # not permitted comes before anything about the file
            access.require(actor, access.Permission.EDIT_RECORDS)
        source = read_source(importer, ctx.args.files[0], mapping, ctx.args.sheet)
        for line in source.mapping_lines():  # the mapping, before anything is written
            ctx.out(line)
        result = run_import(session, actor, importer, ctx.args.files[0], keep_valid=ctx.args.keep_valid,
                            dry_run=ctx.args.dry_run, report=ctx.args.report, source=source)
    return report_import(ctx, result)


def report_import(ctx: Context, result) -> int:
    """Every bad row on standard error, the summary on standard output; exit 1 when any row was bad."""
    for error in result.errors:
        ctx.err(str(error))
    if ctx.args.report and result.errors:
        ctx.err(say(f"错误报告：{ctx.args.report}", f"Error report: {ctx.args.report}"))
    ctx.out(result.summary())
    if result.errors:
        raise InputErrors
    return 0


def do_export(ctx: Context) -> int:
    kind = ctx.args.kind
    if kind in EXTRA_EXPORTS:
        return _extra(EXTRA_EXPORTS, ctx)
    out = Path(ctx.args.out)
    with ctx.session() as (session, actor):
        if kind == "orgs":
            count = roster.export_orgs(session, actor, out)
        elif kind == "members":
            org_ids = (subtree_ids(session, find_org(session, ctx.args.org, actor))
                       if ctx.args.org else None)
            count = roster.export_members(session, actor, out, org_ids=org_ids)
        else:
            ctx.err(say(f"未知的导出类型“{kind}”", f"unknown export kind '{kind}'"))
            return 2
    ctx.out(say(f"已导出{count}行：{out}", f"Exported {count} rows: {out}"))
    return 0
