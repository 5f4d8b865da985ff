"""A county's own tables, made the way clerks make them: a title merged across the top, a
填报单位 line, headers in row 3 with 序号 and 备注, everyday header names, a cell merged down
over the rows it covers, a 合计 line at the bottom. Written as .xlsx (openpyxl), .xls and
WPS .et (xlwt: a real BIFF8 workbook), and .csv in GBK, UTF-8 and UTF-8 with BOM."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[Any]]
    #: column index (0-based, within `headers`) whose equal neighbouring values are one merged cell
    merge_down: list[int] = field(default_factory=list)
    total: bool = True
    sheet: str = "Sheet1"

    def grid(self) -> tuple[list[list[Any]], list[tuple[int, int, int, int]]]:
        """Cells from row 1, and merges (first row, first col, last row, last col), 0-based."""
        width = len(self.headers)
        grid: list[list[Any]] = [[self.title] + [None] * (width - 1),
                                 ["填报单位：中共某某县东城镇委员会"] + [None] * max(0, width - 3)
                                 + ["填报日期：2026年3月5日", None][: max(0, width - 1)],
                                 list(self.headers)]
        merges = [(0, 0, 0, width - 1), (1, 0, 1, width - 3)] if width >= 4 else []
        first = len(grid)
        for row in self.rows:
            grid.append(list(row))
        for col in self.merge_down:
            start = first
            for r in range(first + 1, len(grid) + 1):
                if r == len(grid) or grid[r][col] != grid[start][col]:
                    if r - 1 > start:
                        merges.append((start, col, r - 1, col))
                        for k in range(start + 1, r):
                            grid[k][col] = None  # what Excel keeps under a merge
                    start = r
        if self.total:
            grid.append(["合计", f"{len(self.rows)}条"] + [None] * (width - 2))
        return grid, merges


def write_xlsx(path: Path, tables: list[Table]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for t in tables:
        ws = wb.create_sheet(t.sheet)
        grid, merges = t.grid()
        for row in grid:
            ws.append(row)
        for r1, c1, r2, c2 in merges:
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    wb.save(path)
    return path


def write_xls(path: Path, tables: list[Table]) -> Path:
    """A BIFF8 workbook (what Excel 2003 and WPS .et files are)."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    for t in tables:
        ws = wb.add_sheet(t.sheet)
        grid, merges = t.grid()
        covered = set()
        for r1, c1, r2, c2 in merges:
            ws.write_merge(r1, r2, c1, c2, grid[r1][c1])
            covered |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
        for r, row in enumerate(grid):
            for c, v in enumerate(row):
                if v is not None and (r, c) not in covered:
                    ws.write(r, c, v)
    wb.save(str(path))
    return path


def write_csv(path: Path, table: Table, encoding: str) -> Path:
    """CSV has no merges: a clerk's CSV repeats the value on every row."""
    grid, _merges = Table(table.title, table.headers, table.rows, [], table.total).grid()
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows([["" if v is None else v for v in row] for row in grid])
    return path


FORMATS = ["xlsx", "xls", "et", "csv-gbk", "csv-utf8", "csv-utf8-bom"]


def write_any(folder: Path, fmt: str, table: Table, stem: str = "county") -> Path:
    if fmt == "xlsx":
        return write_xlsx(folder / f"{stem}.xlsx", [table])
    if fmt in ("xls", "et"):
        return write_xls(folder / f"{stem}.{fmt}", [table])
    encoding = {"csv-gbk": "gbk", "csv-utf8": "utf-8", "csv-utf8-bom": "utf-8-sig"}[fmt]
    return write_csv(folder / f"{stem}.csv", table, encoding)
