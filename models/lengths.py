"""How long a text may be: the column's String(n) in the models is the one declaration.

PostgreSQL refuses a longer value with a database error; SQLite stores it. So the program checks
lengths itself, the same way on both engines, from the same numbers:

- `field_errors(model, values, labels)`: FieldErrors for a form or a service call;
- `row_errors(model, labels, parsed rows)`: row/column/reason for an import (reports.imports);
- `check_text(model, key, value, label)`: a command-line free-text argument;
- the `before_flush` check below: every record written through the ORM, whatever the path
  (a catch-all: a value that slipped past the checks above still gets a clear message, never a
  database error);
- `overlong_values(conn)`: the over-long values an old version stored in a SQLite file, for
  `check` and for a restore into PostgreSQL, which names them and refuses before writing.

The same four checks refuse what no text may hold (values.text_problem: control characters,
bidirectional overrides, invisible characters; a line break only in a multi-line column), and give
every text column a limit an Excel cell can hold: a Text column takes at most
values.EXCEL_CELL_LIMIT characters (docs/input-checks.md). Columns the program writes itself (JSON,
the audit trail) are not checked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Connection, Enum, String, Text, event, func, inspect, select
from sqlalchemy.orm import Session

from .errors import DomainError, FieldError, ValidationError
from .values import EXCEL_CELL_LIMIT, text_problem

#: what a record of each table is called in messages
TABLE_NAMES = {
    "member": "党员", "organization": "党组织", "account": "账号", "month_task": "工作任务",
    "problem": "问题", "letter": "函件", "pairing": "结对", "household": "帮扶户",
    "pairing_activity": "结对活动", "evaluation_scheme": "评价方案", "evaluation_round": "评价",
    "evaluation_sheet": "评价表", "evaluation_meeting": "支部党员大会记录", "evaluation_followup": "限期改正记录", "setting": "设置",
    "import_batch": "导入批次", "placement": "组织关系", "audit_entry": "操作日志",
    "member_event": "党员经历", "org_leader": "班子成员", "finding": "数据核查",
}


@cache
def limits_of(table: Any) -> dict[str, int]:
    """{attribute key: maximum characters} of a mapped class's (or table's) String(n) columns.

    Enumerations (stored as their label) are left out: their values are checked as choices.
    """
    table = getattr(table, "__table__", table)
    out = {}
    for column in table.columns:
        t = column.type
        if isinstance(t, String) and not isinstance(t, Enum) and t.length:
            out[column.key] = t.length
    return out


#: (table, column) the program fills itself (JSON, the audit trail, settings' stored forms): neither
#: typed by a clerk nor limited here
PROGRAM_WRITTEN = frozenset({
    ("audit_log", "changes"), ("audit_log", "hash"), ("audit_head", "hash"),
    ("audit_head", "verified_hash"), ("evaluation_scheme", "definition"), ("evaluation_sheet", "item_scores"),
    ("evaluation_sheet", "rater_results"), ("evaluation_round", "cadre_orgs"), ("import_batch", "record_ids"),
    ("organization", "path"), ("account", "password_hash"), ("member", "name_initials"),
})
#: String columns whose text may run over several lines (besides every Text column): notes,
#: reasons, a progress text, a self-assessment; names, titles, phones, places and items are one line
MULTILINE_KEYS = frozenset({"text", "self_summary"})
MULTILINE_ENDINGS = ("note", "reason")


@cache
def text_columns(table: Any) -> dict[str, tuple[int, bool]]:
    """{attribute key: (maximum characters, multi-line)} of every text a clerk types into a mapped
    class (or table): String(n) at n, Text at what an Excel cell holds."""
    table = getattr(table, "__table__", table)
    out = {}
    for column in table.columns:
        t = column.type
        if not isinstance(t, String) or isinstance(t, Enum) or (table.name, column.key) in PROGRAM_WRITTEN:
            continue
        if isinstance(t, Text) or not t.length:
            out[column.key] = (EXCEL_CELL_LIMIT, True)
        else:
            multiline = column.key in MULTILINE_KEYS or column.key.endswith(MULTILINE_ENDINGS)
            out[column.key] = (min(t.length, EXCEL_CELL_LIMIT), multiline)
    return out


def limit(model: Any, key: str) -> int | None:
    return limits_of(model).get(key)


def too_long(value: Any, maximum: int) -> str | None:
    if isinstance(value, str) and len(value) > maximum:
        return f"过长：{len(value)}个字，最多{maximum}个字"
    return None


def text_error(value: Any, maximum: int, multiline: bool) -> str | None:
    """Why a text cannot go into its column: too long, or a character no text may hold."""
    if not isinstance(value, str):
        return None
    if len(value) > maximum:
        return too_long(value, maximum)
    return text_problem(value, multiline)


@cache
def _quick_plan(table: Any) -> tuple[tuple[tuple[str, int], ...], Any]:
    """(key, maximum) of the text columns, and the pattern of every character some text may not hold."""
    from .values import _BAD_ONE_LINE

    return tuple((k, m) for k, (m, _multiline) in text_columns(table).items()), _BAD_ONE_LINE


def field_errors(model: Any, values: Mapping[str, Any], labels: Mapping[str, str] | None = None
                 ) -> list[FieldError]:
    get = values.get
    # the usual record (an imported row): every text short enough and clean, told by one search
    # over them all; anything else is looked at column by column below
    plan, bad = _quick_plan(model)
    texts = []
    for key, maximum in plan:
        value = get(key)
        if value.__class__ is str:
            if len(value) > maximum:
                break
            texts.append(value)
    else:
        if bad.search("".join(texts)) is None:
            return []
    errors = []
    for key, (maximum, multiline) in text_columns(model).items():  # called for every imported row
        value = get(key)
        if value.__class__ is str:
            reason = text_error(value, maximum, multiline)
            if reason:
                errors.append(FieldError((labels or {}).get(key, key), reason))
    return errors


def check_text(model: Any, key: str, value: str | None, label: str) -> str | None:
    """A free-text argument (--reason, --report …) checked against its column; ValidationError."""
    column = text_columns(model).get(key)
    if value is not None and column is not None:
        reason = text_error(value, *column)
        if reason:
            raise ValidationError([FieldError(label, reason)])
    return value


def row_errors(model: Any, labels: Mapping[str, str], parsed: Iterable[Any]
               ) -> list[tuple[int, str, str]]:
    """(row, column header, reason) for the over-long or unprintable texts of parsed import rows
    (objects with .row and .values); `labels`: attribute key → the header it came from."""
    return [(p.row, e.field, e.reason) for p in parsed for e in field_errors(model, p.values, labels)]


# ---------------------------------------------------------------- every ORM write


#: table name → {attribute: Chinese label}; the services register the audit log's labels
#: (models.services.__init__), so that this module, reached from the table modules through the
#: database opener, never imports a service
def _no_labels(_table: str) -> Mapping[str, str]:
    return {}


_label_source: Callable[[str], Mapping[str, str]] = _no_labels


def use_labels(source: Callable[[str], Mapping[str, str]]) -> None:
    global _label_source
    _label_source = source


def _labels(table_name: str) -> Mapping[str, str]:
    try:
        return _label_source(table_name)
    except Exception:  # labels are a nicety; the check must not fail because of them
        return {}


@event.listens_for(Session, "before_flush")
def _check_lengths_before_flush(session: Session, _context: Any, _instances: Any) -> None:
    errors: list[FieldError] = []
    new = session.new
    for obj in (*new, *session.dirty):
        table = getattr(type(obj), "__table__", None)
        if table is None:
            continue
        state = obj.__dict__
        for key, maximum in limits_of(table).items():
            value = state.get(key)
            if isinstance(value, str) and len(value) > maximum:  # labels only when needed
                label = _labels(table.name).get(key, key)
                kind = TABLE_NAMES.get(table.name, table.name)
                errors.append(FieldError(f"{kind}的“{label}”", too_long(value, maximum)))
        # what a clerk typed: a long text, a character no text may hold; a stored record is
        # checked only in what changes (an old value does not block another correction)
        attrs = None if obj in new else inspect(obj).attrs
        for key, (maximum, multiline) in text_columns(table).items():
            value = state.get(key)
            if value.__class__ is not str or key in limits_of(table) and len(value) > maximum:
                continue
            reason = text_error(value, maximum, multiline)
            if reason and (attrs is None or attrs[key].history.has_changes()):
                label = _labels(table.name).get(key, key)
                errors.append(FieldError(f"{TABLE_NAMES.get(table.name, table.name)}的“{label}”", reason))
    if errors:
        raise ValidationError(errors)


# ---------------------------------------------------------------- stored over-long values


@dataclass(frozen=True)
class Overlong:
    table: str
    record_id: Any
    record: str  # 党员“张三”（编号12）
    field: str  # the Chinese label
    key: str
    length: int
    limit: int

    def __str__(self) -> str:
        return f"{self.record}的“{self.field}”长{self.length}个字，超过上限{self.limit}个字"


def overlong_values(conn: Connection, tables: Iterable[Any] | None = None) -> list[Overlong]:
    """Every stored text longer than its column allows (an old version wrote it into SQLite)."""
    from .schema import metadata

    out = []
    for table in tables if tables is not None else metadata.sorted_tables:
        limits = limits_of(table)
        if not limits or "id" not in table.c:
            continue
        labels = _labels(table.name)
        kind = TABLE_NAMES.get(table.name, table.name)
        name_col = next((table.c[k] for k in ("name", "head_name", "title", "key") if k in table.c), None)
        for key, maximum in limits.items():
            column = table.c[key]
            q = select(table.c.id, func.length(column), *([name_col] if name_col is not None else [])
                       ).where(func.length(column) > maximum).order_by(table.c.id)
            for row in conn.execute(q):
                name = row[2] if name_col is not None else None
                shown = name if isinstance(name, str) and len(name) <= 30 else None
                record = f"{kind}“{shown}”（编号{row[0]}）" if shown else f"{kind}（编号{row[0]}）"
                out.append(Overlong(table.name, row[0], record, labels.get(key, key), key, row[1], maximum))
    return out


class OverlongValuesError(DomainError):
    """Values too long for the target database: named, nothing written."""


def refuse_overlong(engine: Any, what: str = "备份文件") -> None:
    """Before copying into a server database: name every over-long value and refuse."""
    with engine.connect() as conn:
        found = overlong_values(conn)
    if found:
        shown = "；".join(str(o) for o in found[:20])
        more = f"；等共{len(found)}处" if len(found) > 20 else ""
        raise OverlongValuesError(
            f"{what}中有{len(found)}处内容超过长度上限，PostgreSQL 不能保存：{shown}{more}。"
            "请在原数据库中改短这些内容（dangjian check 列出全部）后再恢复，未做任何恢复"
        )
