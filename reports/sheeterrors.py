"""What reading a clerk's sheet can say: the file refused (WorkbookError), one cell's problem
(RowError), a column's letter. Kept apart from reports.xlsx, which loads openpyxl to write
workbooks, so that reading and checking an import loads no workbook writer (docs/startup.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from models.errors import DomainError


class WorkbookError(DomainError):
    """The file cannot be read as the expected workbook."""

    #: what was placed (a reports.imports.ImportSource) when a corrected mapping can read it
    source: Any = None


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


def column_letter(number: int) -> str:
    """The letters of a 1-based column number (1 → A, 27 → AA), as openpyxl's get_column_letter."""
    if not 1 <= number <= 18278:
        raise ValueError(f"Invalid column index {number}")
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
