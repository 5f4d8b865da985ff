"""settings list / set / reset: the shared settings (models/services/settings.py)."""

from __future__ import annotations

from models.services import settings as st

from ..cli import Context, say


def register(sub) -> None:
    p = sub.add_parser("settings", help="共享设置：问题类别、整改天数、督办函门槛、反馈天数、抄送等（仅管理员可修改）")
    s = p.add_subparsers(dest="settings_command", metavar="ACTION")
    s.required = True
    a = s.add_parser("list", help="列出设置项：键、当前值、默认值、含义")
    a.set_defaults(handler=settings_list)
    a = s.add_parser("get", help="输出一个设置项的当前值")
    a.add_argument("key")
    a.set_defaults(handler=settings_get)
    a = s.add_parser("set", help="修改设置项，如 settings set problem_categories \"A、B、C\" --map 旧=新")
    a.add_argument("key")
    a.add_argument("value")
    a.add_argument("--map", dest="mapping", action="append", metavar="旧=新",
                   help="删除或改名的类别已被问题使用时，这些问题改用的新类别（可多次给出）")
    a.set_defaults(handler=settings_set)
    a = s.add_parser("reset", help="恢复设置项的默认值")
    a.add_argument("key")
    a.add_argument("--map", dest="mapping", action="append", metavar="旧=新",
                   help="删除的类别已被问题使用时，这些问题改用的新类别")
    a.set_defaults(handler=settings_reset)


def settings_list(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        rows = st.list_settings(session, actor)
    ctx.out("设置项\t名称\t当前值\t默认值\t含义")
    for r in rows:
        ctx.out(f"{r.key}\t{r.label}\t{r.value}\t{r.default}\t{r.meaning}（{r.rule}）")
    return 0


def settings_get(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        value = st.get_value(session, actor, ctx.args.key)
    ctx.out(value)
    return 0


def _report(ctx: Context, change: st.Change) -> None:
    for old, new, count in change.mapped:
        ctx.out(say(f"{count}个问题的类别由“{old}”改为“{new}”", f"{count} problems moved from '{old}' to '{new}'"))
    if change.old == change.new:
        ctx.out(say(f"{change.label}（{change.key}）未变：{change.new}", f"{change.key} unchanged: {change.new}"))
    else:
        ctx.out(say(f"已修改{change.label}（{change.key}）：{change.old} → {change.new}",
                    f"{change.key} changed: {change.old} -> {change.new}"))


def settings_set(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        change = st.set_value(session, actor, ctx.args.key, ctx.args.value, st.parse_mapping(ctx.args.mapping))
    _report(ctx, change)
    return 0


def settings_reset(ctx: Context) -> int:
    with ctx.session() as (session, actor):
        change = st.reset_value(session, actor, ctx.args.key, st.parse_mapping(ctx.args.mapping))
    _report(ctx, change)
    return 0
