"""Every import kind of docs/interfaces.md, by the name the command line uses."""

from __future__ import annotations

from .imports import Importer


def importers() -> dict[str, Importer]:
    from . import pairing_xlsx, points_xlsx, roster, supervision_import

    return {
        "orgs": roster.ORG_IMPORTER,
        "members": roster.MEMBER_IMPORTER,
        "pairings": pairing_xlsx.PAIRING_IMPORTER,
        "activities": pairing_xlsx.ACTIVITY_IMPORTER,
        "tasks": supervision_import.TASK_IMPORTER,
        "problems": supervision_import.PROBLEM_IMPORTER,
        "points": points_xlsx.POINTS_IMPORTER,
    }


def get_importer(kind: str) -> Importer:
    from models.errors import DomainError

    kinds = importers()
    if kind not in kinds:
        raise DomainError(f"未知的导入类型“{kind}”（可用：{'、'.join(kinds)}）")
    return kinds[kind]
