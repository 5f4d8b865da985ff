"""Reading and writing workbooks: a fast reader, plain writers, the bad-row report, print setup.

Every exported workbook is print-ready: A4 (landscape when the columns are wider than a portrait
page), fitted to the page width, the header rows repeated on every page, "第 &P 页 共 &N 页" in the
footer. Column widths are chosen so that the fitted print stays readable: `printed_size` estimates
the printed font size of a sheet (tests hold every export to 9 pt or more).

Why our own SpreadsheetML writer for the big one-sheet exports (the roster, the organization list)
rather than XlsxWriter: measured with bench/xlsx_bench.py on the 25,000-member roster, the same
cells, formats, row heights and page setup written by XlsxWriter in its fast constant_memory mode
take about 3× as long (CPU 3.2 s against 1.05 s; ratio ours ÷ XlsxWriter 0.28–0.33). The few extra parts print-readiness needs (pageSetup, printOptions, margins, the footer and
the Print_Titles defined name) are a few lines of XML here. Small workbooks with merged titles or
drop-down lists (the quarterly workbook, templates, pairings, evaluation results) keep openpyxl,
with the same page setup applied by `print_ready`.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from .sheeterrors import RowError, WorkbookError

HEADER_FILL = PatternFill("solid", fgColor="FFDDEBF7")
BAD_FILL = PatternFill("solid", fgColor="FFFFC7CE")
THIN = Side(style="thin", color="FF999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


#: A4 in points, and the margins (inches) every export prints with
A4_POINTS = (595.3, 841.9)
MARGINS = {"left": 0.35, "right": 0.35, "top": 0.5, "bottom": 0.6, "header": 0.25, "footer": 0.3}
FOOTER = "第 &P 页 共 &N 页"
BASE_FONT_PT = 11.0
#: points a column of width 1 takes on paper. Excel measures the width unit by the digit of the
#: workbook font, Calibri 11: 7 pixels at 96 dpi (5.25 pt); LibreOffice with Carlito (Calibri's
#: metric twin) uses the exact 7.41 (5.56 pt, measured); the "excel" figure is the wider of the two.
#: LibreOffice without Carlito measures Calibri's unit with its stand-in DejaVu Sans, a third wider:
#: 7.1 pt (measured: the quarterly workbook converted to PDF by soffice printed at
#: 11 × 791.5 / (7.1 × total width)).
POINTS_PER_WIDTH = {"excel": 5.56, "libreoffice": 7.1}


def _printable(landscape: bool) -> float:
    page = A4_POINTS[1] if landscape else A4_POINTS[0]
    return page - (MARGINS["left"] + MARGINS["right"]) * 72


def is_wide(widths: Sequence[float]) -> bool:
    """Wider than a portrait A4 page at full size in either program: printed landscape."""
    return sum(widths) * POINTS_PER_WIDTH["libreoffice"] > _printable(False)


def printed_size(widths: Sequence[float], renderer: str = "excel", font_pt: float = BASE_FONT_PT) -> float:
    """The font size, in points, of a sheet fitted to the width of its A4 page."""
    wide = is_wide(widths)
    scale = min(1.0, _printable(wide) / max(1.0, sum(widths) * POINTS_PER_WIDTH[renderer]))
    return round(font_pt * scale, 2)


LINE_PT = 14.5  # one line of 11 pt text in a row


def text_lines(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column (Excel's measure: a Chinese character 15 pixels, a
    Latin one about 7.5, a width unit 7 pixels, 5 of them padding); LibreOffice fits more a line."""
    size = len(text.encode())
    units = (size + len(text)) / 2  # a Chinese character counts 2, a Latin one 1
    per_line = max(1, int((width * 7 - 5) / 7.5))
    if size - len(text) >= len(text):  # mostly Chinese: whole characters of 2 units a line
        per_line = max(2, per_line // 2 * 2)
    return max(1, -int(-units // per_line))


def header_lines(headers: Sequence[str], widths: Sequence[float]) -> int:
    """Lines the tallest wrapped header takes."""
    return max((text_lines(h, w) for h, w in zip(headers, widths, strict=False)), default=1)


def header_height(headers: Sequence[str], widths: Sequence[float]) -> float:
    """The height, in points, of a header row whose texts wrap (set it: LibreOffice does not fit
    row heights when it opens a file, and a clipped header prints clipped)."""
    return LINE_PT * header_lines(headers, widths) + 4


def row_height(values: Sequence[Any], widths: Sequence[float], wrapped: Iterable[int]) -> float | None:
    """The height of a data row whose texts in the `wrapped` columns wrap; None for one line."""
    lines = max((text_lines(values[i], widths[i]) for i in wrapped
                 if i < len(values) and i < len(widths) and isinstance(values[i], str)), default=1)
    return LINE_PT * lines + 2 if lines > 1 else None


def print_ready(ws, widths: Sequence[float], title_rows: int = 1) -> None:
    """Page setup of an openpyxl worksheet (normal or write-only): A4, landscape when wide, fitted
    to the page width, rows 1..title_rows repeated on every page, page numbers in the footer."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.orientation = "landscape" if is_wide(widths) else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    else:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    for side, inches in MARGINS.items():
        setattr(ws.page_margins, side, inches)
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"1:{title_rows}"
    ws.oddFooter.center.text = FOOTER


def read_sheet(path: str | Path, sheet: int | str = 0) -> tuple[list[str], list[list[Any]]]:
    """Header texts and data rows of one sheet, through the one guarded reader
    (reports/sheetreader.py: no file can make it allocate, docs/input-checks.md)."""
    from .sheetreader import read_workbook

    path = Path(path)
    sheets = read_workbook(path)
    names = [s.name for s in sheets]
    if isinstance(sheet, str) and sheet not in names:
        raise WorkbookError(f"“{path.name}”中没有名为“{sheet}”的工作表")
    if isinstance(sheet, int) and not 0 <= sheet < len(sheets):
        raise WorkbookError(f"“{path.name}”中没有第{sheet + 1}个工作表")
    rows = sheets[names.index(sheet) if isinstance(sheet, str) else sheet].rows
    if not rows:
        return [], []
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    data = [list(row) for row in rows[1:]]
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
    headers = list(header_index)
    indexes = list(header_index.values())
    width = max(indexes, default=-1) + 1
    pick = itemgetter(*indexes) if len(indexes) > 1 else None
    for offset, row in enumerate(rows):
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in row):
            continue
        if pick is not None and len(row) >= width:
            yield offset + 2, dict(zip(headers, pick(row), strict=True))
        else:
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
    widths: Sequence[float] | None = None,
    text_columns: Iterable[str] = (),
    wrap_columns: Iterable[str] = (),
) -> Path:
    """A one-sheet workbook: header in row 1 (bold, shaded, frozen, repeated on every printed
    page), data below; print-ready (see the module docstring).

    Cells of `text_columns` are formatted as text so Excel never turns an ID number into 1.1E+17.
    Cells of `wrap_columns` wrap within their column. Dates get the yyyy-mm-dd format. Written
    directly as SpreadsheetML (inline strings): about ten times faster than openpyxl's write-only
    mode, which took 20 s for a 25,000-row roster, and 4× faster than XlsxWriter.
    """
    path = Path(path)
    text_set, wrap_set = set(text_columns), set(wrap_columns)
    styles = {i: (_XF_TEXT if h in text_set else _XF_WRAP) for i, h in enumerate(headers)
              if h in text_set or h in wrap_set}
    letters = [get_column_letter(i) for i in range(1, len(headers) + 1)]
    widths = list(widths or [max(10, len(h) * 2 + 2) for h in headers])
    out: list[str] = ["", "<cols>"]  # the head, with the dimension, is filled in at the end
    out.extend(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
               for i, w in enumerate(widths, start=1))
    # the header row tall enough for its longest wrapped header (a Chinese character is 2 units)
    lines = max((-(-(len(h) * 2 + 1) // max(1, int(w) - 1)) for h, w in zip(headers, widths, strict=False)),
                default=1)
    out.append(f'</cols><sheetData><row r="1" ht="{15 * max(1, lines) + 3}" customHeight="1">')
    out.extend(f'<c r="{letters[i]}1" t="inlineStr" s="{_XF_HEADER}"><is><t>{_esc(h)}</t></is></c>'
               for i, h in enumerate(headers))
    out.append("</row>")
    last_row, ncols = 1, len(headers)
    wrapped = [(i, widths[i]) for i, st in styles.items() if st == _XF_WRAP and i < len(widths)]
    for r, row in enumerate(rows, start=2):
        last_row, ncols = r, max(ncols, len(row))
        # a row holding wrapped text gets its height: LibreOffice does not fit rows when it opens a file
        lines = max((text_lines(row[i], w) for i, w in wrapped if i < len(row) and type(row[i]) is str),
                    default=1)
        out.append(f'<row r="{r}">' if lines == 1 else f'<row r="{r}" ht="{LINE_PT * lines + 2}" customHeight="1">')
        for i, v in enumerate(row):
            if i >= len(letters):
                letters.append(get_column_letter(i + 1))
            ref = f"{letters[i]}{r}"
            style = f' s="{styles[i]}"' if i in styles else ""
            if v is None or v == "":
                if style and styles[i] == _XF_TEXT:
                    out.append(f'<c r="{ref}"{style}/>')
            elif type(v) is str:
                space = ' xml:space="preserve"' if v[:1].isspace() or v[-1:].isspace() else ""
                out.append(f'<c r="{ref}" t="inlineStr"{style}><is><t{space}>{_esc(v)}</t></is></c>')
            elif isinstance(v, bool):
                out.append(f'<c r="{ref}" t="b"{style}><v>{int(v)}</v></c>')
            elif isinstance(v, int | float | Decimal):
                out.append(f'<c r="{ref}"{style}><v>{v}</v></c>')
            elif isinstance(v, date):
                out.append(f'<c r="{ref}" s="{_XF_DATE}"><v>{to_excel(v)}</v></c>')
            else:
                out.append(f'<c r="{ref}" t="inlineStr"{style}><is><t xml:space="preserve">{_esc(str(v))}</t></is></c>')
        out.append("</row>")
    out.append("</sheetData>")
    out.append(_page_setup_xml(widths))
    out.append("</worksheet>")
    # readers such as openpyxl's read-only mode size the sheet from <dimension>
    out[0] = _SHEET_HEAD.format(dimension=f"A1:{get_column_letter(max(ncols, 1))}{last_row}")
    sheet = "".join(out)
    name = _esc(_sheet_name(title))
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
            z.writestr("[Content_Types].xml", _CONTENT_TYPES)
            z.writestr("_rels/.rels", _RELS)
            z.writestr("xl/workbook.xml", _WORKBOOK.format(name=name, quoted=name.replace("'", "''")))
            z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
            z.writestr("xl/styles.xml", _STYLES)
            z.writestr("xl/worksheets/sheet1.xml", sheet)
    except PermissionError as exc:
        raise WorkbookError(f"无法写入“{path}”：文件可能正在 Excel 中打开，请关闭后重试") from exc
    return path


_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _esc(text: str) -> str:
    if "&" in text or "<" in text or ">" in text or '"' in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("", text)
    return text


def _sheet_name(title: str) -> str:
    name = re.sub(r"[\[\]:*?/\\]", "_", title)[:31]
    return name or "Sheet1"


def _page_setup_xml(widths: Sequence[float]) -> str:
    """printOptions, pageMargins, pageSetup and the footer of print_ready, as SpreadsheetML."""
    margins = " ".join(f'{k}="{v}"' for k, v in MARGINS.items())
    orientation = "landscape" if is_wide(widths) else "portrait"
    footer = _esc(f"&C{FOOTER}")
    return (f'<printOptions horizontalCentered="1"/><pageMargins {margins}/>'
            f'<pageSetup paperSize="9" orientation="{orientation}" fitToWidth="1" fitToHeight="0"/>'
            f"<headerFooter><oddFooter>{footer}</oddFooter></headerFooter>")


_XF_HEADER, _XF_DATE, _XF_TEXT, _XF_WRAP = 1, 2, 3, 4
_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SHEET_HEAD = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_NS}" '
    f'xmlns:r="{_REL_NS}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="{{dimension}}"/><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" '
    'topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" '
    'activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
)
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<workbook xmlns="{_NS}" xmlns:r="{_REL_NS}"><bookViews><workbookView/></bookViews>'
    '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets>'
    "<definedNames><definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'{quoted}'!$1:$1</definedName>"
    "</definedNames></workbook>"
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    "</Relationships>"
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<styleSheet xmlns="{_NS}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>'
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
    '<border><left style="thin"><color rgb="FF999999"/></left><right style="thin"><color rgb="FF999999"/></right>'
    '<top style="thin"><color rgb="FF999999"/></top><bottom style="thin"><color rgb="FF999999"/></bottom><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" applyAlignment="1">'
    '<alignment vertical="top"/></xf></cellStyleXfs>'
    '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment vertical="top"/></xf>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1">'
    '<alignment horizontal="center" vertical="center" wrapText="1"/></xf>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1">'
    '<alignment vertical="top"/></xf>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1">'
    '<alignment vertical="top"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def write_error_report(path: str | Path, errors: Sequence[RowError]) -> Path:
    """The bad-row report: row, column, value and reason for each error."""
    return write_table(
        path,
        "错误报告",
        ["行号", "列", "值", "原因"],
        ([e.row, e.column, "" if e.value is None else str(e.value), e.reason] for e in errors),
        widths=[8, 18, 24, 60],
    )


def as_text(cell: Cell) -> Cell:
    """Text stays text: a value beginning with = (openpyxl would write it as a formula) or spelled
    like an error code (#N/A) is stored as a string cell (docs/input-checks.md, no formula out)."""
    if cell.data_type in ("f", "e") and isinstance(cell.value, str):
        cell.data_type = "s"
    return cell


def text_row(ws, values: Iterable[Any]) -> list[Any]:
    """A row for a write-only sheet's append (written at once, before `_save` could look at it),
    every text kept as text (`as_text`)."""
    out = []
    for v in values:
        if isinstance(v, str) and (v[:1] == "=" or v in ERROR_CODES):
            v = WriteOnlyCell(ws, value=v)
        if isinstance(v, Cell):
            as_text(v)
        out.append(v)
    return out


def _save(wb: Workbook, path: Path) -> None:
    """Every openpyxl writer saves here: no cell of a normal workbook leaves as a formula (a
    write-only sheet's rows went through `text_row` when they were appended)."""
    if not wb.write_only:
        for ws in wb.worksheets:
            for cell in ws._cells.values():
                if isinstance(cell, Cell):  # (a merged cell's part holds no value)
                    as_text(cell)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        wb.save(path)
    except PermissionError as exc:
        raise WorkbookError(f"无法写入“{path}”：文件可能正在 Excel 中打开，请关闭后重试") from exc
