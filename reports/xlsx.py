"""Reading and writing workbooks: a fast reader, plain writers, the bad-row report."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from models.errors import DomainError

HEADER_FILL = PatternFill("solid", fgColor="FFDDEBF7")
BAD_FILL = PatternFill("solid", fgColor="FFFFC7CE")
THIN = Side(style="thin", color="FF999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


class WorkbookError(DomainError):
    """The file cannot be read as the expected workbook."""


@dataclass(frozen=True)
class RowError:
    """One problem in one cell: the spreadsheet row number (header is row 1), column, value, reason."""

    row: int
    column: str
    value: Any
    reason: str

    def __str__(self) -> str:
        shown = "" if self.value is None else f"“{self.value}”"
        return f"第{self.row}行 {self.column}{shown}：{self.reason}"


def read_sheet(path: str | Path, sheet: int | str = 0) -> tuple[list[str], list[list[Any]]]:
    """Header texts and data rows of one sheet (python-calamine: about 6× faster than openpyxl)."""
    path = Path(path)
    if not path.exists():
        raise WorkbookError(f"找不到文件“{path}”")
    try:
        book = CalamineWorkbook.from_path(str(path))
        names = book.sheet_names
        name = names[sheet] if isinstance(sheet, int) else sheet
        if name not in names:
            raise WorkbookError(f"“{path.name}”中没有名为“{name}”的工作表")
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except WorkbookError:
        raise
    except Exception as exc:  # calamine raises its own errors for damaged or foreign files
        raise WorkbookError(f"无法读取“{path.name}”：它不是有效的 Excel 工作簿（{exc}）") from exc
    if not rows:
        return [], []
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    data = []
    for row in rows[1:]:
        cells = [None if c == "" else c for c in row]
        data.append(cells)
    while data and all(c is None for c in data[-1]):
        data.pop()
    return header, data


def check_header(header: Sequence[str], expected: Sequence[str], required: Iterable[str], path: Path) -> dict[str, int]:
    """Column index of every expected header; missing required headers are an error."""
    index = {h: i for i, h in enumerate(header) if h}
    missing = [h for h in required if h not in index]
    if missing:
        raise WorkbookError(
            f"“{path.name}”第1行缺少列：{'、'.join(missing)}（请使用 dangjian template 生成的模板）"
        )
    return {h: index[h] for h in expected if h in index}


def rows_as_dicts(header_index: dict[str, int], rows: list[list[Any]]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(spreadsheet row number, {header: value}) for each non-empty row."""
    for offset, row in enumerate(rows):
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in row):
            continue
        yield offset + 2, {h: (row[i] if i < len(row) else None) for h, i in header_index.items()}


def style_header(ws, ncols: int, row: int = 1) -> None:
    for col in range(1, ncols + 1):
        cell = ws.cell(row=row, column=col)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def set_widths(ws, widths: Sequence[int]) -> None:
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def write_table(
    path: str | Path,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    widths: Sequence[int] | None = None,
    text_columns: Iterable[str] = (),
) -> Path:
    """A one-sheet workbook (written streaming): header in row 1, data below.

    Cells of `text_columns` are formatted as text so Excel never turns an ID number into 1.1E+17.
    Dates get the yyyy-mm-dd format.
    """
    path = Path(path)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title)
    ws.freeze_panes = "A2"
    for i, w in enumerate(widths or [max(10, len(h) * 2 + 2) for h in headers], start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    header_cells = []
    for h in headers:
        cell = WriteOnlyCell(ws, value=h)
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        header_cells.append(cell)
    ws.append(header_cells)
    text_set = set(text_columns)
    special = [i for i, h in enumerate(headers) if h in text_set]
    for row in rows:
        out = list(row)
        for i, value in enumerate(out):
            if isinstance(value, date):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = "yyyy-mm-dd"
                out[i] = cell
        for i in special:
            cell = WriteOnlyCell(ws, value=out[i])
            cell.number_format = "@"
            out[i] = cell
        ws.append(out)
    _save(wb, path)
    return path


def write_error_report(path: str | Path, errors: Sequence[RowError]) -> Path:
    """The bad-row report: row, column, value and reason for each error."""
    return write_table(
        path,
        "错误报告",
        ["行号", "列", "值", "原因"],
        ([e.row, e.column, "" if e.value is None else str(e.value), e.reason] for e in errors),
        widths=[8, 18, 24, 60],
    )


def _save(wb: Workbook, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        wb.save(path)
    except PermissionError as exc:
        raise WorkbookError(f"无法写入“{path}”：文件可能正在 Excel 中打开，请关闭后重试") from exc
