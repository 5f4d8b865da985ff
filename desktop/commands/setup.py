"""init, demo, check."""

from __future__ import annotations

from models.services.orgs import ensure_county, structure_warnings
from models.settings import get_setting

from ..cli import Context, say


def register(sub) -> None:
    p = sub.add_parser("init", help="创建或升级数据库")
    p.add_argument("--county", help="县委名称，如 中共某某县委员会")
    p.add_argument("--agency", help="发文机关代字，如 某组")
    p.set_defaults(handler=init)

    p = sub.add_parser("check", help="规则检查：组织结构、逾期事项、届期、数据错误")
    p.set_defaults(handler=check)


def init(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        root = ensure_county(session, actor, ctx.args.county, ctx.args.agency)
        code = get_setting(session, "agency_code")
    ctx.out(say(f"数据库已就绪：{ctx.db.url}（{root.name}，发文机关代字：{code}）",
                f"Database ready: {ctx.db.url} ({root.name}, agency code {code})"))
    return 0


def check(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        warnings = structure_warnings(session, actor=actor)
    for w in warnings:
        ctx.out(f"组织结构\t{w.org_name}\t{w.message}")
    ctx.out(say(f"共{len(warnings)}条提示", f"{len(warnings)} findings"))
    return 0
