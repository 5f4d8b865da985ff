"""`dangjian gui`: open the desktop window on the chosen database."""

from __future__ import annotations

import argparse

from ..cli import Context


def handle(ctx: Context) -> int:
    from desktop.app import run

    # the collector main() paused resumes once the first page is painted (MainWindow.after_first_page)

    result = run(ctx.args.db, ctx.args.user)
    return result if isinstance(result, int) else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="打开桌面窗口")
    p.set_defaults(handler=handle)
