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
    """Build the demo county, a line per stage on standard error as it goes (the README's first
    command runs this: half a minute at county scale)."""
    started = time.perf_counter()

    def progress(step: int, total: int, stage: tuple[str, str]) -> None:
        at = time.perf_counter() - started
        ctx.err(say(f"演示县 [{step}/{total}] {stage[0]}…（{at:.0f}秒）",
                    f"demo county [{step}/{total}] {stage[1]}… ({at:.0f} s)"))

    with ctx.session() as (session, actor):
        ensure_county(session, actor, None, None)
        summary = build_demo(session, actor, ctx.args.scale, ctx.args.seed, progress=progress)
        ctx.err(say("演示县：正在保存…", "demo county: saving…"))
    seconds = time.perf_counter() - started
    ctx.out(summary.line())
    ctx.out(say(f"用时{seconds:.1f}秒：{ctx.db.url}", f"Took {seconds:.1f} s: {ctx.db.url}"))
    return 0
