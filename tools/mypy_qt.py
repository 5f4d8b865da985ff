"""A mypy plugin: PySide6's stub says QT_TRANSLATE_NOOP returns `object`; it returns its message
(the text marked for translation), a str. Without this every header list built with it reads
as list[object]. Configured in pyproject.toml ([tool.mypy] plugins)."""

from __future__ import annotations

from collections.abc import Callable

from mypy.plugin import FunctionContext, Plugin
from mypy.types import Type

NOOPS = {"PySide6.QtCore.QT_TRANSLATE_NOOP", "PySide6.QtCore.QT_TRANSLATE_NOOP3",
         "PySide6.QtCore.QT_TR_NOOP"}


def _str(ctx: FunctionContext) -> Type:
    return ctx.api.named_generic_type("builtins.str", [])


class QtNoopPlugin(Plugin):
    def get_function_hook(self, fullname: str) -> Callable[[FunctionContext], Type] | None:
        return _str if fullname in NOOPS else None


def plugin(version: str) -> type[Plugin]:
    return QtNoopPlugin
