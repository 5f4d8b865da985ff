"""The shape every import shares: read, check every row, then write all, the valid part, or nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from models.actor import Actor
from models.errors import FieldError
from models.services import access

from .xlsx import RowError, check_header, read_sheet, rows_as_dicts, write_error_report


@dataclass
class ImportResult:
    kind: str
    rows: int = 0
    imported: int = 0
    errors: list[RowError] = field(default_factory=list)
    written: bool = False
    dry_run: bool = False

    @property
    def bad_rows(self) -> list[int]:
        return sorted({e.row for e in self.errors})

    def summary(self) -> str:
        bad = len(self.bad_rows)
        if self.dry_run:
            return f"检查{self.rows}行：{self.rows - bad}行无误，{bad}行有错误（试运行，未写入）"
        if not self.written:
            return f"检查{self.rows}行：{bad}行有错误，未写入任何数据"
        if bad:
            return f"导入{self.imported}行，跳过{bad}行有错误的行"
        return f"导入{self.imported}行"


@dataclass
class ParsedRow:
    row: int
    values: dict[str, Any]
    source: dict[str, Any]


def field_errors_to_rows(row: int, source: dict[str, Any], errors: Iterable[FieldError]) -> list[RowError]:
    return [RowError(row, e.field, source.get(e.field), e.reason) for e in errors]


@dataclass
class Importer:
    """One import kind: its headers, how a row is checked, how valid rows are written."""

    kind: str
    headers: list[str]
    required: list[str]
    #: (session, [(row number, {header: value})]) → ([ParsedRow], [RowError]); checks the whole file
    parse: Callable[[Session, list[tuple[int, dict[str, Any]]]], tuple[list[ParsedRow], list[RowError]]]
    #: (session, actor, [ParsedRow], source file name) → number written
    write: Callable[[Session, Actor, list[ParsedRow], str], int]
    example: list[Any] | None = None
    text_columns: tuple[str, ...] = ()
    #: header → how to fill it, shown on the template's 填写说明 sheet
    notes: dict[str, str] | None = None
    #: the parsed value holding the row's organization id, checked against a township
    #: clerk's scope (row error when outside), and the header it came from
    org_field: str | None = "org_id"
    org_column: str | None = None
    #: columns read when present but not in the template (e.g. the 状态 an export adds)
    extra_headers: tuple[str, ...] = ()
    #: the mapped class the rows become and {attribute: header}: over-long texts are row errors
    #: (the column's String(n) is the limit, models.lengths), on SQLite as on PostgreSQL
    model: Any = None
    labels: dict[str, str] | None = None


def run_import(
    session: Session,
    actor: Actor,
    importer: Importer,
    path: str | Path,
    keep_valid: bool = False,
    dry_run: bool = False,
    report: str | Path | None = None,
) -> ImportResult:
    """Check every row; write in the caller's transaction unless any row is bad (or keep_valid)."""
    path = Path(path)
    header, rows = read_sheet(path)
    index = check_header(header, [*importer.headers, *importer.extra_headers], importer.required, path)
    records = list(rows_as_dicts(index, rows))
    result = ImportResult(importer.kind, rows=len(records), dry_run=dry_run)
    if not dry_run:
        access.require(actor, access.WRITE)
    parsed, errors = importer.parse(session, records)
    errors = errors + scope_errors(session, actor, importer, parsed)
    errors = errors + length_errors(importer, parsed, errors)
    result.errors = sorted(errors, key=lambda e: (e.row, importer.headers.index(e.column) if e.column in importer.headers else 99))
    bad = set(result.bad_rows)
    good = [p for p in parsed if p.row not in bad]
    if report is not None and result.errors:
        write_error_report(report, result.errors)
    if dry_run or (bad and not keep_valid) or not good:
        return result
    result.imported = importer.write(session, actor, good, path.name)
    result.written = True
    return result


def length_errors(importer: Importer, parsed: list[ParsedRow], known: Iterable[RowError] = ()
                  ) -> list[RowError]:
    """Texts longer than their column allows, by row and column (models.lengths); a cell that
    already has an error is not reported twice."""
    if importer.model is None:
        return []
    from models import lengths

    flagged = {(e.row, e.column) for e in known}
    out = []
    for row, column, reason in lengths.row_errors(importer.model, importer.labels or {}, parsed):
        if (row, column) not in flagged:
            flagged.add((row, column))
            source = next((p.source for p in parsed if p.row == row), {})
            out.append(RowError(row, column, source.get(column), reason))
    return out


def scope_errors(
    session: Session, actor: Actor, importer: Importer, parsed: list[ParsedRow]
) -> list[RowError]:
    """A township clerk imports only rows whose organization is inside their township."""
    prefix = access.scope_path(session, actor)
    if prefix is None or importer.org_field is None:
        return []
    from sqlalchemy import select

    from models.org import Organization

    paths = dict(session.execute(select(Organization.id, Organization.path)).all())
    out = []
    for p in parsed:
        oid = p.values.get(importer.org_field)
        if oid is None:
            continue
        if not paths.get(oid, "").startswith(prefix):
            column = importer.org_column or importer.headers[0]
            out.append(RowError(p.row, column, p.source.get(column),
                                f"不在账号“{actor.name}”的范围内（只能导入本乡镇的数据）"))
    return out


def write_template(importer: Importer, path: str | Path, notes: dict[str, str] | None = None) -> Path:
    """A blank template: the exact headers in row 1 of the first sheet, notes on a second sheet."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    from .xlsx import _save, style_header

    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = "导入"
    ws.append(importer.headers)
    style_header(ws, len(importer.headers))
    ws.freeze_panes = "A2"
    for i, h in enumerate(importer.headers, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(12, len(h) * 2 + 4)
        if h in importer.text_columns:
            for r in range(2, 2002):
                ws.cell(row=r, column=i).number_format = "@"
    help_ws = wb.create_sheet("填写说明")
    help_ws.append(["列", "说明", "示例"])
    style_header(help_ws, 3)
    notes = notes or importer.notes or {}
    example = importer.example or [None] * len(importer.headers)
    for h, ex in zip(importer.headers, example, strict=False):
        need = "必填。" if h in importer.required else ""
        help_ws.append([h, need + notes.get(h, ""), ex])
    help_ws.append([])
    help_ws.append(["日期", "可填 Excel 日期，或 2026-03-05、2026/3/5、2026.3.5、2026年3月5日", None])
    help_ws.column_dimensions["A"].width = 20
    help_ws.column_dimensions["B"].width = 60
    help_ws.column_dimensions["C"].width = 30
    _save(wb, path)
    return path
