"""Imports of month tasks and problems (docs/interfaces.md's headers), all-or-nothing like the roster."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from models import values
from models.actor import Actor
from models.errors import DomainError, FieldError, PermissionDenied, ValidationError
from models.services import access
from models.services import supervision as sv
from models.services.orgs import county_root, org_lookup
from models.supervision import MonthTask, Problem, ProblemSource, ProblemStatus, Severity

from .imports import Importer, ParsedRow, field_errors_to_rows
from .sheeterrors import RowError

TASK_HEADERS = ["月份", "工作任务", "主要内容", "有关要求", "完成时限", "存档目录", "适用范围"]
PROBLEM_HEADERS = ["发现日期", "党组织", "来源", "问题类别", "问题描述", "严重程度", "整改时限",
                   "状态", "整改情况", "销号日期"]
ALL_WORDS = {"", "全部", "所有", "全县"}


def _org_resolver(session: Session):
    known = org_lookup(session)

    def resolve(name: str) -> int:
        if name not in known:
            raise ValueError(f"找不到党组织“{name}”")
        oid = known[name]
        if oid is None:
            raise ValueError(f"简称“{name}”对应多个党组织，请写全称")
        return oid

    return resolve


# ---------------------------------------------------------------- tasks


def parse_tasks(session: Session, records: list[tuple[int, dict[str, Any]]]) -> tuple[list[ParsedRow], list[RowError]]:
    resolve = _org_resolver(session)
    root_id = county_root(session).id
    from models.org import Organization

    parents = dict(session.query(Organization.id, Organization.parent_id).all())
    from models.supervision import MonthTask

    existing = {sv.same_task(m, t) for m, t in session.query(MonthTask.month, MonthTask.title)}
    in_file: dict[tuple, int] = {}
    parsed, errors = [], []
    for row, src in records:
        vals: dict[str, Any] = {}
        row_errors: list[FieldError] = []
        for header, attr, parse in (
            ("月份", "month", values.parse_month),
            ("工作任务", "title", values.text),
            ("主要内容", "content", values.text),
            ("有关要求", "requirements", values.text),
            ("完成时限", "due_on", values.parse_date),
            ("存档目录", "archive", values.text),
        ):
            try:
                vals[attr] = parse(src.get(header))
            except ValueError as exc:
                row_errors.append(FieldError(header, str(exc)))
        if "month" in vals and not vals["month"]:
            row_errors.append(FieldError("月份", "必填"))
        if "title" in vals and not vals["title"]:
            row_errors.append(FieldError("工作任务", "必填"))
        scope_text = (values.text(src.get("适用范围")) or "").strip()
        scope_ids: list[int] = []
        if scope_text not in ALL_WORDS:
            for name in (n.strip() for n in scope_text.replace("，", "、").replace(",", "、").split("、")):
                if not name:
                    continue
                try:
                    oid = resolve(name)
                except ValueError as exc:
                    row_errors.append(FieldError("适用范围", str(exc)))
                    continue
                if parents.get(oid) != root_id:
                    row_errors.append(FieldError("适用范围", f"“{name}”不是乡镇（街道）党委"))
                elif oid not in scope_ids:
                    scope_ids.append(oid)
        vals["scope_ids"] = scope_ids
        if vals.get("month") and vals.get("title"):
            key = sv.same_task(vals["month"], vals["title"])
            if key in existing:
                row_errors.append(FieldError("工作任务", f"{vals['month']}已有同名工作任务"))
            elif key in in_file:
                row_errors.append(FieldError("工作任务", f"与第{in_file[key]}行重复（同一月份、同一工作任务）"))
            else:
                in_file[key] = row
        parsed.append(ParsedRow(row, vals, src))
        errors.extend(field_errors_to_rows(row, src, row_errors))
    return parsed, errors


def write_tasks(session: Session, actor: Actor, rows: list[ParsedRow], source: str) -> int:
    for p in rows:
        fields = dict(p.values)
        scope_ids = fields.pop("scope_ids")
        try:
            sv.create_task(session, actor, scope_ids=scope_ids, **fields)
        except (ValidationError, PermissionDenied) as exc:
            if isinstance(exc, PermissionDenied):
                raise
            raise DomainError(f"第{p.row}行：{exc}") from exc
    return len(rows)


TASK_IMPORTER = Importer(
    model=MonthTask, labels={"month": "月份", "title": "工作任务", "content": "主要内容",
                             "requirements": "有关要求", "archive": "存档目录"},
    kind="tasks",
    headers=TASK_HEADERS,
    required=["月份", "工作任务"],
    parse=parse_tasks,
    write=write_tasks,
    duty=access.Permission.MANAGE_TASKS,
    example=["2026-03", "召开专题组织生活会", "对照检查，开展批评和自我批评", "会前谈心谈话全覆盖，会后列出整改清单",
             "2026-03-31", "组织生活/专题组织生活会", "全部"],
)


# ---------------------------------------------------------------- problems


def parse_problems(session: Session, records: list[tuple[int, dict[str, Any]]]) -> tuple[list[ParsedRow], list[RowError]]:
    resolve = _org_resolver(session)
    cats = sv.categories(session)
    from models.supervision import Problem

    existing = {sv.same_problem(o, f, d) for o, f, d in
                session.query(Problem.org_id, Problem.found_on, Problem.description)}
    in_file: dict[tuple, int] = {}
    parsed, errors = [], []
    for row, src in records:
        vals: dict[str, Any] = {}
        row_errors: list[FieldError] = []
        for header, attr, parse in (
            ("发现日期", "found_on", values.parse_date),
            ("来源", "source", lambda v: values.parse_enum(ProblemSource, v)),
            ("问题类别", "category", values.text),
            ("问题描述", "description", values.text),
            ("严重程度", "severity", lambda v: values.parse_enum(Severity, v)),
            ("整改时限", "deadline", values.parse_date),
            ("状态", "status", lambda v: values.parse_enum(ProblemStatus, v)),
            ("整改情况", "report", values.text),
            ("销号日期", "closed_on", values.parse_date),
        ):
            try:
                vals[attr] = parse(src.get(header))
            except ValueError as exc:
                row_errors.append(FieldError(header, str(exc)))
        org_name = values.text(src.get("党组织"))
        vals["org_id"] = None
        if org_name:
            try:
                vals["org_id"] = resolve(org_name)
            except ValueError as exc:
                row_errors.append(FieldError("党组织", str(exc)))
        vals["severity"] = vals.get("severity") or Severity.ORDINARY
        vals["status"] = vals.get("status") or ProblemStatus.OPEN
        known_bad = {e.field for e in row_errors}
        if vals.get("deadline") is None and vals.get("found_on") is not None and "整改时限" not in known_bad:
            vals["deadline"] = sv.default_deadline(session, vals["found_on"], vals["severity"])
        row_errors.extend(e for e in sv.check_problem(session, vals, cats) if e.field not in known_bad)
        if vals.get("org_id") and vals.get("found_on") and vals.get("description"):
            key = sv.same_problem(vals["org_id"], vals["found_on"], vals["description"])
            if key in existing:
                row_errors.append(FieldError("问题描述", "该党组织同一天已登记过相同的问题"))
            elif key in in_file:
                row_errors.append(FieldError("问题描述", f"与第{in_file[key]}行重复（同一党组织、同一发现日期、相同描述）"))
            else:
                in_file[key] = row
        parsed.append(ParsedRow(row, vals, src))
        errors.extend(field_errors_to_rows(row, src, row_errors))
    return parsed, errors


def write_problems(session: Session, actor: Actor, rows: list[ParsedRow], source: str) -> int:
    access.require(actor, access.Permission.RECORD_FINDINGS)
    for p in rows:
        try:
            sv.create_problem(session, actor, **p.values)
        except ValidationError as exc:
            raise DomainError(f"第{p.row}行：{exc}") from exc
    return len(rows)


PROBLEM_IMPORTER = Importer(
    model=Problem, labels={"category": "问题类别", "description": "问题描述", "report": "整改情况"},
    kind="problems",
    headers=PROBLEM_HEADERS,
    required=["发现日期", "党组织", "来源", "问题类别", "问题描述"],
    parse=parse_problems,
    write=write_problems,
    duty=access.Permission.RECORD_FINDINGS,
    sheet_field="党组织",
    example=["2026-03-10", "红星村党支部", "督查", "组织生活", "三会一课记录不全，缺少2月党员大会记录",
             "一般", "", "", "", ""],
)

NOTES = {
    "适用范围": "空或“全部”表示所有乡镇（街道）党委；否则写党委名称或简称，用“、”分隔",
    "党组织": "全称或唯一的简称",
    "来源": "督查、暗访、群众反映、自查",
    "严重程度": "一般（默认）或严重",
    "整改时限": "空：发现日期后15天，严重问题7天",
    "状态": "空：待整改；可填 待整改、整改中、待验收、已销号",
    "销号日期": "状态为已销号时必填",
}
