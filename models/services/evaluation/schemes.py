"""Schemes in the database: the built-in ones of resources/schemes/, finding, listing, copying and
editing a scheme (refused once any of its rounds is locked)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...actor import Actor
from ...errors import DomainError, FieldError, NotFound, ValidationError
from ...evaluation import EvaluationRound, EvaluationScheme, RoundStatus
from .. import access
from ..common import apply_changes, check_version, created, get_or_fail
from .definitions import parse_definition


def builtin_definitions() -> list[dict[str, Any]]:
    folder = resources.files("resources") / "schemes"
    out = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".json"):
            out.append(json.loads(entry.read_text(encoding="utf-8")))
    return out


def _scheme_from(data: dict[str, Any], builtin: bool, copy_of: int | None = None) -> EvaluationScheme:
    defn = parse_definition(data)
    return EvaluationScheme(name=defn.name, subject=defn.subject, period_kind=defn.period,
                            definition=json.dumps(data, ensure_ascii=False, indent=1), builtin=builtin,
                            copy_of=copy_of, note=defn.description[:200] or None)


def ensure_builtin_schemes(session: Session, actor: Actor) -> int:
    """Load the four built-in schemes of resources/schemes/ once; an existing name is left alone."""
    have = set(session.scalars(select(EvaluationScheme.name)))
    added = 0
    for data in builtin_definitions():
        if data["name"] in have:
            continue
        created(session, actor, _scheme_from(data, builtin=True), "evaluation_scheme", "内置评价方案")
        added += 1
    return added


def find_scheme(session: Session, name: str) -> EvaluationScheme:
    scheme = session.scalar(select(EvaluationScheme).where(EvaluationScheme.name == name.strip()))
    if scheme is None:
        names = "、".join(session.scalars(select(EvaluationScheme.name).order_by(EvaluationScheme.id)))
        raise NotFound(f"找不到评价方案“{name}”（现有：{names or '无，请先运行 init'}）")
    return scheme


def list_schemes(session: Session) -> list[EvaluationScheme]:
    return list(session.scalars(select(EvaluationScheme).order_by(EvaluationScheme.id)))


def has_locked_results(session: Session, scheme_id: int) -> bool:
    return bool(session.scalar(
        select(func.count()).select_from(EvaluationRound)
        .where(EvaluationRound.scheme_id == scheme_id, EvaluationRound.status == RoundStatus.LOCKED)
    ))


def copy_scheme(session: Session, actor: Actor, scheme_id: int, new_name: str) -> EvaluationScheme:
    access.require(actor, access.Permission.EDIT_TEMPLATES)
    source = get_or_fail(session, EvaluationScheme, scheme_id, "评价方案")
    data = json.loads(source.definition)
    data["name"] = new_name.strip()
    if session.scalar(select(EvaluationScheme.id).where(EvaluationScheme.name == data["name"])):
        raise ValidationError([FieldError("方案名称", f"已有名为“{data['name']}”的方案")])
    scheme = _scheme_from(data, builtin=False, copy_of=source.id)
    created(session, actor, scheme, "evaluation_scheme", f"复制自“{source.name}”")
    return scheme


def update_scheme(session: Session, actor: Actor, scheme_id: int, version: int | None,
                  data: dict[str, Any]) -> EvaluationScheme:
    """Edit a scheme's definition; refused once any of its rounds is locked (copy it instead)."""
    access.require(actor, access.Permission.EDIT_TEMPLATES)
    scheme = get_or_fail(session, EvaluationScheme, scheme_id, "评价方案")
    check_version(scheme, version, "评价方案")
    if has_locked_results(session, scheme_id):
        raise DomainError(f"评价方案“{scheme.name}”已有确定的评价结果，不能修改；请复制后修改副本")
    from ...scheme_check import check_scheme

    check_scheme(data)  # bands without overlaps or gaps, items adding up, weights summing to 1
    new = _scheme_from(data, builtin=scheme.builtin, copy_of=scheme.copy_of)
    other = session.scalar(select(EvaluationScheme.id).where(EvaluationScheme.name == new.name,
                                                             EvaluationScheme.id != scheme_id))
    if other:
        raise ValidationError([FieldError("方案名称", f"已有名为“{new.name}”的方案")])
    apply_changes(session, actor, scheme, {"name": new.name, "subject": new.subject,
                                           "period_kind": new.period_kind, "definition": new.definition,
                                           "note": new.note}, "evaluation_scheme")
    return scheme
