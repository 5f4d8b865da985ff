"""init, demo, check."""

from __future__ import annotations

from models.services.evaluation import ensure_builtin_schemes
from models.services.orgs import ensure_county, structure_warnings
from models.settings import get_setting

from ..cli import Context, say


def register(sub) -> None:
    p = sub.add_parser("init", help="创建或升级数据库")
    p.add_argument("--county", help="县委名称，如 中共某某县委员会")
    p.add_argument("--agency", help="发文机关代字，如 某组")
    p.add_argument("--agency-name", dest="agency_name",
                   help="发文机关名称（函件抬头），默认由县委名称得出：中共某某县委员会 → 中共某某县委组织部")
    p.set_defaults(handler=init)

    p = sub.add_parser("check", help="规则检查：组织结构、逾期事项、届期、数据错误")
    p.set_defaults(handler=check)


def init(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        root = ensure_county(session, actor, ctx.args.county, ctx.args.agency, ctx.args.agency_name)
        ensure_builtin_schemes(session, actor)
        code = get_setting(session, "agency_code")
        agency = get_setting(session, "agency_name")
    ctx.out(say(f"数据库已就绪：{ctx.db.url}（{root.name}，发文机关：{agency}，发文机关代字：{code}）",
                f"Database ready: {ctx.db.url} ({root.name}, agency {agency}, agency code {code})"))
    return 0


def check(ctx: Context) -> int:
    """Every rule check, one tab-separated line each: kind, organization, message."""
    from datetime import date

    from models.services.evaluation import followup_findings
    from models.services.lengthcheck import overlong_findings
    from models.services.lifecycle import lifecycle_findings
    from models.services.pairing import pairing_findings
    from models.services.supervision import overdue_findings

    today = date.today()
    with ctx.session() as (session, actor):
        lines = [f"组织结构\t{w.org_name}\t{w.message}" for w in structure_warnings(session, actor)]
        lines += ["\t".join(f) for f in overdue_findings(session, actor, today)]
        lines += pairing_findings(session, actor, today)
        lines += followup_findings(session, actor, today)
        lines += overlong_findings(session, actor)
        lines += lifecycle_findings(session, actor, today)
    for line in lines:
        ctx.out(line)
    ctx.out(say(f"共{len(lines)}条提示", f"{len(lines)} findings"))
    return 0
