"""demo: fill an empty database with a realistic demo county."""

from __future__ import annotations

import time

from models.demo import SCALES, build_demo
from models.services.orgs import ensure_county

from ..cli import Context, say


def register(sub) -> None:
    p = sub.add_parser("demo", help="在空数据库中生成演示县的数据")
    p.add_argument("--scale", choices=sorted(SCALES), default="small",
                   help="small：3个乡镇级党组织、约400名党员；county：15个、约800个党组织、约20000名党员")
    p.add_argument("--seed", type=int, default=0, help="随机种子：同一种子生成同样的数据")
    p.set_defaults(handler=demo)


def demo(ctx: Context) -> int:
    started = time.perf_counter()
    with ctx.session() as (session, actor):
        ensure_county(session, actor, None, None)
        summary = build_demo(session, actor, ctx.args.scale, ctx.args.seed)
    seconds = time.perf_counter() - started
    ctx.out(summary.line())
    ctx.out(say(f"用时{seconds:.1f}秒：{ctx.db.url}", f"Took {seconds:.1f} s: {ctx.db.url}"))
    return 0
