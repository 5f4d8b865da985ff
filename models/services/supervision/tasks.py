"""Month tasks (月度任务): create, edit, withdraw, restore, list; the townships a task applies to."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ...actor import Actor
from ...audit import record
from ...errors import DomainError, FieldError, ValidationError
from ...org import Organization
from ...supervision import (
    MonthTask,
)
from ...values import same_text
from .. import access
from ..common import apply_changes, check_version, created, get_or_fail
from ..orgs import county_root
from .common import TASK, _require_county_writer, month_bounds, month_text, registered

TASK_LABELS = {
    "month": "月份",
    "title": "工作任务",
    "content": "主要内容",
    "requirements": "有关要求",
    "due_on": "完成时限",
    "archive": "存档目录",
    "scope": "适用范围",
}


def _check_task(values: dict[str, Any]) -> list[FieldError]:
    errors = []
    if not values.get("month"):
        errors.append(FieldError("月份", "必填"))
    else:
        try:
            month_bounds(values["month"])
        except DomainError as exc:
            errors.append(FieldError("月份", str(exc)))
    if not (values.get("title") or "").strip():
        errors.append(FieldError("工作任务", "必填"))
    return errors


def same_task(month: str | None, title: str | None) -> tuple:
    """What makes two month tasks “the same”, for the import and for every entry: one month, the
    same 工作任务 (models.values.same_text). A withdrawn task counts too, as in the import."""
    return (month, same_text(title))


def existing_task(session: Session, month: str, title: str, other_than: int | None = None) -> MonthTask | None:
    """The recorded task that is the same as these values (see same_task), or None."""
    key = same_task(month, title)
    rows = session.scalars(select(MonthTask).where(MonthTask.month == month).order_by(MonthTask.id))
    return next((t for t in rows if t.id != other_than and same_task(t.month, t.title) == key), None)


def _refuse_same_task(session: Session, month: str, title: str, other_than: int | None = None) -> None:
    same = existing_task(session, month, title, other_than)
    if same is not None:
        withdrawn = "，已撤回：可恢复这项任务，不必重新登记" if same.withdrawn else ""
        raise ValidationError([FieldError(
            "工作任务", f"{month_text(same.month)}已有同名工作任务“{same.title}”"
                       f"（编号{same.id}，{registered(session, TASK, same.id)}{withdrawn}），不能重复登记")])


def _scope_orgs(session: Session, scope_ids: Sequence[int] | None) -> list[Organization]:
    if not scope_ids:
        return []
    root = county_root(session)
    orgs = []
    for oid in scope_ids:
        org = get_or_fail(session, Organization, oid, "党组织")
        if org.parent_id != root.id:
            raise ValidationError([FieldError("适用范围", f"“{org.name}”不是乡镇（街道）党委")])
        orgs.append(org)
    return orgs


def create_task(
    session: Session, actor: Actor, *, scope_ids: Sequence[int] | None = None, **values: Any
) -> MonthTask:
    """A month task for every township-level committee (scope_ids empty) or for those listed."""
    _require_county_writer(actor, access.Permission.MANAGE_TASKS)
    errors = _check_task(values)
    if errors:
        raise ValidationError(errors)
    _refuse_same_task(session, values["month"], values["title"])
    orgs = _scope_orgs(session, scope_ids)
    task = MonthTask(**values, all_townships=not orgs)
    task.scope = orgs
    created(session, actor, task, TASK)
    if orgs:
        record(session, actor.name, "scope", TASK, task.id, {"scope": [None, [o.name for o in orgs]]})
    return task


def update_task(
    session: Session,
    actor: Actor,
    task_id: int,
    expected_version: int | None = None,
    scope_ids: Sequence[int] | None = None,
    **changes: Any,
) -> MonthTask:
    _require_county_writer(actor, access.Permission.MANAGE_TASKS)
    task = get_or_fail(session, MonthTask, task_id, "月度任务")
    check_version(task, expected_version, f"月度任务“{task.title}”")
    merged = {k: getattr(task, k) for k in ("month", "title")} | changes
    errors = _check_task(merged)
    if errors:
        raise ValidationError(errors)
    if same_task(merged["month"], merged["title"]) != same_task(task.month, task.title):
        _refuse_same_task(session, merged["month"], merged["title"], other_than=task.id)
    if scope_ids is not None:
        orgs = _scope_orgs(session, scope_ids)
        old = [o.name for o in task.scope]
        task.scope = orgs
        changes["all_townships"] = not orgs
        if old != [o.name for o in orgs]:
            record(session, actor.name, "scope", TASK, task.id, {"scope": [old, [o.name for o in orgs]]})
    apply_changes(session, actor, task, changes, TASK)
    return task


def withdraw_task(session: Session, actor: Actor, task_id: int, reason: str = "") -> MonthTask:
    """Nothing is deleted: a task withdrawn is no longer drafted into reminders."""
    _require_county_writer(actor, access.Permission.MANAGE_TASKS)
    task = get_or_fail(session, MonthTask, task_id, "月度任务")
    apply_changes(session, actor, task, {"withdrawn": True}, TASK, "withdraw", reason or None)
    return task


def restore_task(session: Session, actor: Actor, task_id: int, reason: str = "") -> MonthTask:
    """Undo a withdrawal: the task is drafted into reminders again (those not yet issued)."""
    _require_county_writer(actor, access.Permission.MANAGE_TASKS)
    task = get_or_fail(session, MonthTask, task_id, "月度任务")
    if not task.withdrawn:
        raise DomainError(f"月度任务“{task.title}”（编号{task.id}）没有撤回，无需恢复")
    apply_changes(session, actor, task, {"withdrawn": False}, TASK, "restore", reason or None)
    return task


def month_tasks(session: Session, month: str, include_withdrawn: bool = False) -> list[MonthTask]:
    """The month's tasks in the order entered (withdrawn ones only when asked)."""
    q = select(MonthTask).where(MonthTask.month == month).options(selectinload(MonthTask.scope))
    if not include_withdrawn:
        q = q.where(MonthTask.withdrawn.is_(False))
    return list(session.scalars(q.order_by(MonthTask.id)))


def month_task(session: Session, task_id: int) -> MonthTask:
    return get_or_fail(session, MonthTask, task_id, "月度任务")


def task_townships(task: MonthTask, all_townships: list[Organization]) -> list[Organization]:
    return list(all_townships) if task.all_townships else list(task.scope)
