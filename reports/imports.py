"""The shape every import shares: read, check every row, then write all, the valid part, or nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from models.actor import Actor
from models.errors import FieldError
from models.services import access
from models.services.common import many_rows

from . import headers as hd
from .sheeterrors import RowError, WorkbookError, column_letter
from .sheetreader import SheetData, read_workbook


@dataclass
class ImportResult:
    kind: str
    rows: int = 0
    imported: int = 0
    errors: list[RowError] = field(default_factory=list)
    written: bool = False
    dry_run: bool = False
    #: one line per column of the file: where it went
    mapping: list[str] = field(default_factory=list)
    #: hidden sheets of the workbook, not read (docs/input-checks.md)
    hidden: list[str] = field(default_factory=list)
    #: the rules the check applied that the clerk must know before writing (e.g. the 转正 rule of a
    #: roster without 转正 information), one sentence each
    notes: list[str] = field(default_factory=list)

    @property
    def bad_rows(self) -> list[int]:
        return sorted({e.row for e in self.errors})

    def summary(self) -> str:
        hidden = (f"；隐藏的工作表未导入：{'、'.join(self.hidden)}（要导入请在 Excel 中取消隐藏）"
                  if self.hidden else "")
        return self._summary() + hidden

    def _summary(self) -> str:
        bad = len(self.bad_rows)
        if self.dry_run:
            return self._with_notes(f"检查{self.rows}行：{self.rows - bad}行无误，{bad}行有错误（试运行，未写入）")
        if not self.written:
            return self._with_notes(f"检查{self.rows}行：{bad}行有错误，未写入任何数据")
        if bad:
            return self._with_notes(f"导入{self.imported}行，跳过{bad}行有错误的行")
        return self._with_notes(f"导入{self.imported}行")

    def _with_notes(self, text: str) -> str:
        return "\n".join([text, *self.notes])


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
    #: the field a sheet name gives when a workbook holds one sheet per branch and no such column
    sheet_field: str | None = None
    #: the duty writing these rows needs (models/roles.py)
    duty: access.Permission = access.Permission.EDIT_RECORDS
    #: the rules the check applied, as sentences for the clerk (ImportResult.notes)
    describe: Callable[[list[ParsedRow]], list[str]] | None = None

    @property
    def fields(self) -> list[str]:
        return [*self.headers, *self.extra_headers]
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
    mapping: dict[str, str] | None = None,
    source: ImportSource | None = None,
) -> ImportResult:
    """Check every row; write in the caller's transaction unless any row is bad (or keep_valid).

    `mapping` overrides the header matching ({header in the file: field}); `source` is a file
    already read by `read_source` (its mapping shown to the clerk before anything is written).
    """
    with many_rows():
        return _run_import(session, actor, importer, Path(path), keep_valid, dry_run, report, mapping, source)


def _run_import(session: Session, actor: Actor, importer: Importer, path: Path, keep_valid: bool,
                dry_run: bool, report: str | Path | None, mapping: dict[str, str] | None,
                source: ImportSource | None) -> ImportResult:
    if source is None:
        source = read_source(importer, path, mapping)
    records = source.records
    result = ImportResult(importer.kind, rows=len(records), dry_run=dry_run, hidden=list(source.hidden_sheets))
    result.mapping = source.mapping_lines()
    if not dry_run:
        access.require(actor, importer.duty)
    parsed, errors = importer.parse(session, records)
    if importer.describe is not None:
        result.notes = importer.describe(parsed)
    errors = errors + scope_errors(session, actor, importer, parsed)
    errors = errors + length_errors(importer, parsed, errors)
    order = {h: i for i, h in enumerate(importer.fields)}
    errors = sorted(errors, key=lambda e: (e.row, order.get(e.column, 99)))
    result.errors = [source.as_seen(e) for e in errors]
    bad = set(result.bad_rows)
    good = [p for p in parsed if p.row not in bad]
    if report is not None and result.errors:
        write_report(report, result.errors)
    if dry_run or (bad and not keep_valid) or not good:
        return result
    from models.services.importbatch import last_audit_id, record_import_batch

    before = last_audit_id(session)
    result.imported = importer.write(session, actor, good, path.name)
    result.written = True
    # every import that creates members is recorded as a batch, from the wizard and the CLI alike,
    # so that 撤销上次导入 always targets the batch just written
    record_import_batch(session, actor, importer.kind, path.name, before)
    return result


# ---------------------------------------------------------------- reading a clerk's file


class RowNo(int):
    """A row number in a workbook of several sheets: equal only within its sheet."""

    sheet: str
    order: int

    def __new__(cls, number: int, sheet: str, order: int) -> RowNo:
        obj = super().__new__(cls, number)
        obj.sheet, obj.order = sheet, order
        return obj

    def _key(self) -> tuple[int, int]:
        return (self.order, int(self))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RowNo):
            return self._key() == other._key()
        return NotImplemented if not isinstance(other, int) else False

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self._key())

    def __lt__(self, other: object) -> bool:
        return self._key() < other._key() if isinstance(other, RowNo) else int(self) < other  # type: ignore[operator]

    def __le__(self, other: object) -> bool:
        return self == other or self < other

    def __gt__(self, other: object) -> bool:
        return not self <= other

    def __ge__(self, other: object) -> bool:
        return not self < other

    def __repr__(self) -> str:
        return f"RowNo({int(self)}, {self.sheet!r})"

    def __str__(self) -> str:
        return str(int(self))

    def __format__(self, spec: str) -> str:
        return format(int(self), spec)


@dataclass(frozen=True)
class SeenRowError(RowError):
    """A row error with the sheet named when the workbook has one sheet per branch."""

    def __str__(self) -> str:
        sheet = getattr(self.row, "sheet", None)
        text = super().__str__()
        return f"工作表“{sheet}”{text}" if sheet else text


@dataclass(frozen=True)
class YearMonth:
    """A 出生年月 cell: only the year and month, checked against the ID number."""

    year: int | None
    month: int | None
    raw: Any = None

    def __str__(self) -> str:
        if self.year is None:
            return str(self.raw)
        return f"{self.year}-{self.month:02d}"


def year_month(value: Any) -> YearMonth | None:
    import re
    from datetime import date

    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, date):
        return YearMonth(value.year, value.month, value)
    text = f"{value:.2f}" if isinstance(value, float) else str(value).strip()
    m = (re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(?:\d{1,2}\s*日?)?)?\s*月?", text)
         or re.fullmatch(r"(\d{4})(\d{2})(?:\d{2})?", text))
    if m and 1 <= int(m.group(2)) <= 12:
        return YearMonth(int(m.group(1)), int(m.group(2)), value)
    return YearMonth(None, None, value)


@dataclass
class Column:
    index: int
    header: str
    field: str | None
    #: how it was placed: 模板 (the template's name), 常用名 (an everyday name), 指定 (--map or the
    #: wizard), 跳过 (序号, 备注), 未对应 (unknown), 忽略 (set aside by the clerk)
    how: str

    @property
    def letter(self) -> str:
        return column_letter(self.index + 1)

    def line(self) -> str:
        target = self.field if self.field else f"（{self.how}）"
        note = f"（{self.how}）" if self.field and self.how != "模板" else ""
        return f"{self.letter}列 {self.header} → {target}{note}"


@dataclass
class SheetLayout:
    sheet: str
    header_row: int
    columns: list[Column]
    first_data_row: int

    def field_columns(self) -> dict[str, Column]:
        return {c.field: c for c in self.columns if c.field}


@dataclass
class ImportSource:
    """A clerk's file read and placed: where the header is, which column is which, the rows."""

    path: Path
    layouts: list[SheetLayout]
    records: list[tuple[int, dict[str, Any]]]
    sheet_field: str | None = None
    skipped_sheets: list[str] = field(default_factory=list)
    #: hidden sheets not read (none chosen by name)
    hidden_sheets: list[str] = field(default_factory=list)

    @property
    def headers(self) -> list[str]:
        """The file's header texts of the first sheet (what a remembered mapping is keyed by)."""
        return [c.header for c in self.layouts[0].columns] if self.layouts else []

    def mapping(self) -> dict[str, str | None]:
        return {c.header: c.field for c in self.layouts[0].columns} if self.layouts else {}

    def mapping_lines(self) -> list[str]:
        out = []
        for lay in self.layouts[:1]:
            where = f"工作表“{lay.sheet}”" if len(self.layouts) > 1 or self.sheet_field else ""
            out.append(f"{where}表头在第{lay.header_row}行，数据从第{lay.first_data_row}行起：")
            out.extend(c.line() for c in lay.columns)
        if self.sheet_field:
            names = "、".join(lay.sheet for lay in self.layouts)
            out.append(f"{self.sheet_field}取自工作表名称：{names}")
        if self.skipped_sheets:
            out.append(f"未读取的工作表（没有相同的表头）：{'、'.join(self.skipped_sheets)}")
        if self.hidden_sheets:
            out.append(f"未读取的隐藏工作表：{'、'.join(self.hidden_sheets)}（要导入请取消隐藏，或用 --sheet 指定）")
        return out

    def as_seen(self, error: RowError) -> RowError:
        """The error with the column named as the clerk's file names it."""
        layout = self.layouts[0] if self.layouts else None
        sheet = getattr(error.row, "sheet", None)
        if sheet:
            layout = next((lay for lay in self.layouts if lay.sheet == sheet), layout)
        column = error.column
        if layout is not None:
            col = layout.field_columns().get(error.column)
            if col is not None and col.header != error.column:
                column = col.header
        return SeenRowError(error.row, column, error.value, error.reason)


def _resolve_overrides(importer: Importer, overrides: dict[str, str] | None) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for header, target in (overrides or {}).items():
        t = (target or "").strip()
        if t in ("", "忽略", hd.IGNORE, "-", "none"):
            out[hd.normalise(header)] = None
            continue
        f = hd.field_of(t, importer.fields)
        if f is None:
            raise WorkbookError(f"“{header}={target}”：“{target}”不是可导入的字段（可用：{'、'.join(importer.fields)}）")
        out[hd.normalise(header)] = f
    return out


def _place(header: Any, importer: Importer, overrides: dict[str, str | None]) -> tuple[str | None, str]:
    key = hd.normalise(header)
    if not key:
        return None, "空表头"
    if key in overrides:
        f = overrides[key]
        return (f, "指定") if f else (None, "忽略")
    if hd.is_skipped(header):
        return None, "跳过"
    f = hd.field_of(header, importer.fields)
    if f is None:
        return None, "未对应"
    if hd.is_year_month(header):
        return f, "年月，与身份证号核对"
    return f, "模板" if key == hd.normalise(f) else "常用名"


def _fill_merges(sheet: SheetData) -> set[tuple[int, int]]:
    """A vertically merged cell's value in every row it spans; the cells so filled."""
    filled = set()
    rows = sheet.rows
    for r1, c1, r2, _c2 in sheet.merges:
        if r2 <= r1 or r1 >= len(rows):
            continue
        top = rows[r1]
        value = top[c1] if c1 < len(top) else None
        for r in range(r1 + 1, min(r2, len(rows) - 1) + 1):
            row = rows[r]
            if c1 >= len(row):
                row.extend([None] * (c1 + 1 - len(row)))
            if row[c1] is None or row[c1] == "":
                row[c1] = value
                filled.add((r, c1))
    return filled


HEADER_SEARCH_ROWS = 10


def _layout(sheet: SheetData, importer: Importer, overrides: dict[str, str | None],
            file: str) -> tuple[SheetLayout | None, str]:
    """The header row (1–10) with the most fields placed; None and the reason when there is none."""
    best, best_score = None, 0
    for i, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        fields = {_place(h, importer, overrides)[0] for h in row if h is not None} - {None}
        if len(fields) > best_score:
            best, best_score = i, len(fields)
    if best is None:
        return None, f"“{file}”工作表“{sheet.name}”前{HEADER_SEARCH_ROWS}行中找不到表头（应有 {'、'.join(importer.required)} 等列）"
    row = sheet.rows[best]
    columns = []
    for i, h in enumerate(row):
        if h is None or not str(h).strip():
            continue
        f, how = _place(h, importer, overrides)
        columns.append(Column(i, str(h).strip(), f, how))
    seen: dict[str, Column] = {}
    for c in columns:
        if c.field is None:
            continue
        if c.field in seen:
            first = seen[c.field]
            return None, (f"“{file}”第{best + 1}行的{first.letter}列“{first.header}”和{c.letter}列“{c.header}”"
                          f"都对应“{c.field}”，请删去其中一列，或用 --map 指定")
        seen[c.field] = c
    depth = max([r2 for r1, c1, r2, _c2 in sheet.merges if r1 == best] or [best])
    return SheetLayout(sheet.name, best + 1, columns, depth + 2), ""


def _missing(layout: SheetLayout, importer: Importer, exempt: str | None = None) -> list[str]:
    placed = layout.field_columns()
    return [f for f in importer.required if f not in placed and f != exempt]


def _missing_message(file: str, layout: SheetLayout, missing: list[str]) -> str:
    unplaced = [f"{c.letter}列“{c.header}”" for c in layout.columns if c.how == "未对应"]
    text = f"“{file}”第{layout.header_row}行缺少列：{'、'.join(missing)}"
    if unplaced:
        text += f"；未能对应的列：{'、'.join(unplaced)}"
    return text + "（可用 --map '列名=字段' 指定对应，或使用 dangjian template 生成的模板）"


def _rows(sheet: SheetData, layout: SheetLayout, filled: set[tuple[int, int]], order: int | None,
          sheet_field: str | None) -> list[tuple[int, dict[str, Any]]]:
    mapped = [c for c in layout.columns if c.field]
    fields = [c.field for c in mapped]
    indexes = [c.index for c in mapped]
    year_months = [c.field for c in mapped if c.field == "出生日期" and hd.is_year_month(c.header)]
    header_texts = [hd.normalise(c.header) for c in mapped]
    first_header = header_texts[0] if header_texts else None
    width = max(indexes, default=-1) + 1
    pick = itemgetter(*indexes) if len(indexes) > 1 else (lambda r: (r[indexes[0]],)) if indexes else None
    out = []
    rows = sheet.rows
    footer_first = _FOOTER_FIRST
    for i in range(layout.first_data_row - 1, len(rows)):
        row = rows[i]
        if pick is None:
            break
        if len(row) >= width:
            own = list(pick(row))
        else:
            own = [row[j] if j < len(row) else None for j in indexes]
        # a merged value filled down does not make a line data (a 序号-only line under a merge)
        mine = [None if (i, j) in filled else v for j, v in zip(indexes, own, strict=True)] if filled else own
        head = [c for c in row[:8] if c.__class__ is str and c]
        if head and (_MARK in head[0] or any(_MARK in t for t in head[1:3])
                     or head[0].lstrip()[:1] in footer_first):
            if _ends_table(row):
                break
            if _is_subtotal(row):
                continue
        for v in mine:
            if v is not None and v != "" and not (v.__class__ is str and v.isspace()):
                break
        else:
            continue  # a blank line (or one with only 序号 or a merged value in it)
        # the header repeated on a printed page (every placed cell a text: the quick test first)
        if own[0].__class__ is str and all(v.__class__ is str for v in own) \
                and hd.normalise(own[0]) == first_header and [hd.normalise(v) for v in own] == header_texts:
            continue
        values = dict(zip(fields, [None if v == "" else v for v in own], strict=True))
        for f in year_months:
            values[f] = year_month(values[f])
        if sheet_field:
            values[sheet_field] = sheet.name
        out.append((RowNo(i + 1, sheet.name, order) if order is not None else i + 1, values))
    return out


_MARK = "计"


def _texts(row: list[Any]) -> list[str]:
    return [c for c in row if isinstance(c, str) and c.strip()]


def _ends_table(row: list[Any]) -> bool:
    """A 合计/总计 line or the signature lines under a form (cheap test first: most rows are data)."""
    texts = _texts(row)
    if not texts:
        return False
    if any("计" in t for t in texts[:3]) and hd.is_total_row(row):
        return True
    return len(texts) <= 4 and texts[0].lstrip()[:1] in _FOOTER_FIRST and hd.is_footer_row(row)


def _is_subtotal(row: list[Any]) -> bool:
    texts = _texts(row)
    return bool(texts) and any("计" in t for t in texts[:3]) and hd.is_subtotal_row(row)


_FOOTER_FIRST = {p[0] for p in hd.FOOTER_PREFIXES}


def read_source(importer: Importer, path: str | Path, mapping: dict[str, str] | None = None,
                sheets: list[str] | None = None) -> ImportSource:
    """Read a clerk's file: find the header row, place every column, give the rows as
    (row number as in the file, {field: value}). Raises WorkbookError with one sentence.

    Hidden sheets are named and never read, unless `sheets` chooses sheets by name (then only
    those are read, hidden or not)."""
    with many_rows():
        source = _read_source(importer, Path(path), mapping, sheets)
    return source


def _visible_sheets(path: Path, chosen: list[str] | None) -> tuple[list[SheetData], list[str]]:
    """The sheets to read and the hidden ones left unread."""
    sheets = read_workbook(path, blanks="")
    if chosen:
        names = [s.name for s in sheets]
        unknown = [n for n in chosen if n not in names]
        if unknown:
            raise WorkbookError(f"“{path.name}”中没有工作表：{'、'.join(unknown)}（有：{'、'.join(names)}）")
        return [s for s in sheets if s.name in chosen], []
    hidden = [s.name for s in sheets if s.hidden]
    visible = [s for s in sheets if not s.hidden]
    if sheets and not visible:
        raise WorkbookError(f"“{path.name}”的工作表都是隐藏的（{'、'.join(hidden)}）：请取消隐藏，或用 --sheet 指定要导入的工作表")
    return visible, hidden


def _read_source(importer: Importer, path: Path, mapping: dict[str, str] | None,
                 chosen: list[str] | None = None) -> ImportSource:
    overrides = _resolve_overrides(importer, mapping)
    sheets, hidden = _visible_sheets(path, chosen)
    if not sheets:
        raise WorkbookError(f"“{path.name}”中没有工作表")
    first = sheets[0]
    filled = _fill_merges(first)
    layout, why = _layout(first, importer, overrides, path.name)
    if layout is None:
        raise WorkbookError(why)
    present = {hd.normalise(c.header) for c in layout.columns}
    unknown = [h for h in (mapping or {}) if hd.normalise(h) not in present]
    if unknown:
        raise WorkbookError(f"“{path.name}”第{layout.header_row}行没有列：{'、'.join(unknown)}（请按文件中的表头写 列名=字段）")
    missing = _missing(layout, importer)
    sheet_field = importer.sheet_field
    if missing and sheet_field and missing == [sheet_field] and len(sheets) > 1:
        source = _read_per_sheet(importer, path, sheets, overrides, first, filled, layout)
        source.hidden_sheets = hidden
        return source
    if missing:
        exc = WorkbookError(_missing_message(path.name, layout, missing))
        exc.source = ImportSource(path, [layout], [], hidden_sheets=hidden)  # for a mapping to correct
        raise exc
    return ImportSource(path, [layout], _rows(first, layout, filled, None, None), hidden_sheets=hidden)


def _read_per_sheet(importer: Importer, path: Path, sheets: list[SheetData],
                    overrides: dict[str, str | None], first: SheetData, filled: set,
                    layout: SheetLayout) -> ImportSource:
    """One sheet per branch: the branch is the sheet's name; sheets without the header are named."""
    sheet_field = importer.sheet_field
    layouts, records, skipped = [], [], []
    for order, sheet in enumerate(sheets):
        if order:
            filled = _fill_merges(sheet)
            layout, _why = _layout(sheet, importer, overrides, path.name)
            if layout is None or _missing(layout, importer, sheet_field):
                skipped.append(sheet.name)
                continue
        layouts.append(layout)
        records.extend(_rows(sheet, layout, filled, order, sheet_field))
    return ImportSource(path, layouts, records, sheet_field, skipped)


def read_table(path: str | Path, key: str) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """A sheet whose columns are not fixed (an evaluation fill sheet): the header is the row
    (1–10) holding `key`; rows as in the file, merged cells filled down, 合计 lines ending it."""
    path = Path(path)
    sheet = read_workbook(path, first_only=True, blanks="")[0]
    filled = _fill_merges(sheet)
    want = hd.normalise(key)
    found = [i for i, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]) if any(hd.normalise(h) == want for h in row)]
    if not found:
        raise WorkbookError(f"“{path.name}”前{HEADER_SEARCH_ROWS}行中找不到列：{key}")
    i = found[0]
    columns = [Column(j, str(h).strip(), key if hd.normalise(h) == want else str(h).strip(), "模板")
               for j, h in enumerate(sheet.rows[i]) if h is not None and str(h).strip() and not hd.is_skipped(h)]
    layout = SheetLayout(sheet.name, i + 1, columns, i + 2)
    return [c.field for c in columns], _rows(sheet, layout, filled, None, None)


def write_report(path: str | Path, errors: list[RowError]) -> Path:
    """The bad-row report; a 工作表 column first when the rows come from several sheets."""
    from .xlsx import write_error_report, write_table

    if not any(getattr(e.row, "sheet", None) for e in errors):
        return write_error_report(path, errors)
    return write_table(
        path, "错误报告", ["工作表", "行号", "列", "值", "原因"],
        ([getattr(e.row, "sheet", ""), int(e.row), e.column, "" if e.value is None else str(e.value), e.reason]
         for e in errors),
        widths=[16, 8, 18, 24, 60])




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


