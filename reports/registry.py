"""Every import kind of docs/interfaces.md, by the name the command line uses."""

from __future__ import annotations

import importlib

from .imports import Importer

#: kind → (module, name of its Importer): a kind's module loads when that kind is imported (the
#: pairing, points and supervision importers load their models and reports, docs/startup.md)
KINDS: dict[str, tuple[str, str]] = {
    "orgs": ("reports.roster", "ORG_IMPORTER"),
    "members": ("reports.roster", "MEMBER_IMPORTER"),
    "pairings": ("reports.pairing_xlsx", "PAIRING_IMPORTER"),
    "activities": ("reports.pairing_xlsx", "ACTIVITY_IMPORTER"),
    "tasks": ("reports.supervision_import", "TASK_IMPORTER"),
    "problems": ("reports.supervision_import", "PROBLEM_IMPORTER"),
    "points": ("reports.points_xlsx", "POINTS_IMPORTER"),
}


def importers() -> dict[str, Importer]:
    return {kind: get_importer(kind) for kind in KINDS}


def get_importer(kind: str) -> Importer:
    if kind not in KINDS:
        from models.errors import DomainError

        raise DomainError(f"未知的导入类型“{kind}”（可用：{'、'.join(KINDS)}）")
    module, name = KINDS[kind]
    return getattr(importlib.import_module(module), name)
