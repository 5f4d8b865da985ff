"""Our SpreadsheetML writer against XlsxWriter's fast constant_memory mode (issue 14).

Both write the same cells of the 25,000-member roster (the rows `export_members` builds, taken
once from the fixture): the header row, text-formatted ID numbers and phones, dates, wrapped
texts with their row heights, and the page setup (A4 landscape, fit to width, print titles, the
page footer). Only the writing is timed, the median of three runs each, taken in turn. The third
row is the ratio ours ÷ XlsxWriter; its target is 1.0 (ours no slower). XlsxWriter is needed only
here: `pip install xlsxwriter` (the row reports an error without it).
"""

from __future__ import annotations

import statistics
from datetime import date
from typing import Any

from bench.benchmarks import Fixture, Measured, bench, measure
from models.actor import SYSTEM

_RUNS = 3
#: per fixture: the roster's cells, and the two medians the three rows share
_cache: dict[Fixture, dict[str, Any]] = {}


def _roster(fx: Fixture) -> tuple[str, list[str], list[list[Any]], dict[str, Any]]:
    """(title, headers, rows, options) exactly as export_members hands them to write_table."""
    cache = _cache.setdefault(fx, {})
    if "roster" not in cache:
        from reports import roster, xlsx

        captured: dict[str, Any] = {}

        def capture(path, title, headers, rows, **options):
            captured["args"] = (title, list(headers), list(rows), options)

        real = xlsx.write_table  # export_members imports it from reports.xlsx when it writes
        xlsx.write_table = capture
        try:
            with fx.big.session() as s:
                roster.export_members(s, SYSTEM, fx.path("unused.xlsx"))
        finally:
            xlsx.write_table = real
        cache["roster"] = captured["args"]
    return cache["roster"]


def _ours(fx: Fixture, n: int) -> Measured:
    from reports.xlsx import write_table

    title, headers, rows, options = _roster(fx)
    with measure() as m:
        write_table(fx.path(f"ours-{n}.xlsx"), title, headers, rows, **options)
    return m.result


def _xlsxwriter(fx: Fixture, n: int) -> Measured:
    import xlsxwriter

    from reports.xlsx import FOOTER, MARGINS, header_height, is_wide, row_height

    title, headers, rows, options = _roster(fx)
    widths = options["widths"]
    text = {i for i, h in enumerate(headers) if h in set(options.get("text_columns", ()))}
    wrap = [i for i, h in enumerate(headers) if h in set(options.get("wrap_columns", ()))]
    with measure() as m:
        wb = xlsxwriter.Workbook(str(fx.path(f"xw-{n}.xlsx")), {"constant_memory": True})
        ws = wb.add_worksheet(title)
        head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "border_color": "#999999",
                              "align": "center", "valign": "vcenter", "text_wrap": True})
        fmt_date = wb.add_format({"num_format": "yyyy-mm-dd"})
        fmt_text = wb.add_format({"num_format": "@"})
        fmt_wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        for i, w in enumerate(widths):
            ws.set_column(i, i, w)
        ws.freeze_panes(1, 0)
        ws.set_paper(9)
        if is_wide(widths):
            ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(0)
        ws.set_footer(f"&C{FOOTER}", {"margin": MARGINS["footer"]})
        ws.set_margins(MARGINS["left"], MARGINS["right"], MARGINS["top"], MARGINS["bottom"])
        ws.center_horizontally()
        ws.set_row(0, header_height(headers, widths))
        ws.write_row(0, 0, headers, head)
        for r, row in enumerate(rows, start=1):
            height = row_height(row, widths, wrap)
            if height is not None:
                ws.set_row(r, height)
            for c, v in enumerate(row):
                if v is None or v == "":
                    continue
                if c in text:
                    ws.write_string(r, c, str(v), fmt_text)
                elif isinstance(v, date):
                    ws.write_datetime(r, c, v, fmt_date)
                elif c in wrap:
                    ws.write_string(r, c, v, fmt_wrap)
                elif isinstance(v, str):
                    ws.write_string(r, c, v)
                else:
                    ws.write_number(r, c, v)
        wb.close()
    return m.result


def _runs(fx: Fixture) -> tuple[Measured, Measured]:
    """The median run of each writer, taken in turn so both see the same machine load."""
    cache = _cache.setdefault(fx, {})
    if "runs" not in cache:
        ours, theirs = [], []
        for n in range(fx.runs(_RUNS)):
            ours.append(_ours(fx, n))
            theirs.append(_xlsxwriter(fx, n))

        def median(ms: list[Measured]) -> Measured:
            return Measured(statistics.median(m.wall for m in ms), statistics.median(m.cpu for m in ms))

        cache["runs"] = (median(ours), median(theirs))
    return cache["runs"]


@bench("xlsx writer: ours, the 25,000-member roster print-ready (reports.xlsx.write_table)", 5.0)
def ours(fx: Fixture) -> Measured:
    return _runs(fx)[0]


@bench("xlsx writer: XlsxWriter constant_memory, the same cells and page setup (reference)", 60.0)
def xlsxwriter_reference(fx: Fixture) -> Measured:
    return _runs(fx)[1]


@bench("xlsx writer: ours ÷ XlsxWriter constant_memory (ratio, target ≤ 1.0)", 1.0, "x")
def ratio(fx: Fixture) -> Measured:
    a, b = _runs(fx)
    return Measured(a.wall / b.wall, a.cpu / b.cpu)
