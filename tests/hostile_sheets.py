"""Spreadsheets built by hand the way a hostile file would be (issue 31): a tiny archive whose sheet
claims, or really holds, an absurd extent, in every spelling a parser might miss."""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_TYPE = f"{REL_NS}/worksheet"


def package(path: Path, sheet_data: bytes, part: str = "xl/worksheets/sheet1.xml",
            shared: bytes | None = None, prefix: str = "", name: str = "任务",
            dimension: str | None = None) -> Path:
    """A one-sheet workbook: `sheet_data` is what goes inside <sheetData>, `shared` the <si> items of
    a shared-string table, `dimension` the used range it claims; the sheet part is found through
    xl/workbook.xml and its relationships."""
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="{NS}"' if prefix else f'xmlns="{NS}"'
    claimed = f'<{p}dimension ref="{dimension}"/>' if dimension else ""
    sheet = (f'<?xml version="1.0" encoding="UTF-8"?>\n<{p}worksheet {xmlns}>{claimed}<{p}sheetData>'.encode()
             + sheet_data + f"</{p}sheetData></{p}worksheet>".encode())
    target = posixpath.relpath(part, "xl")
    rels = (f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{SHEET_TYPE}" Target="{target}"/>')
    if shared is not None:
        rels += f'<Relationship Id="rId2" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>'
    rels += "</Relationships>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                   '2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                   'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.spreadsheetml.sheet.main+xml"/>'
                   f'<Override PartName="/{part}" ContentType="application/vnd.openxmlformats-officedocument.'
                   'spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{NS}" xmlns:r="{REL_NS}"><sheets>'
                                      f'<sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr(part, sheet)
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{NS}">'.encode() + shared + b"</sst>")
    return path


HEADER = '<row r="1"><c r="A1" t="inlineStr"><is><t>月份</t></is></c><c r="B1" t="inlineStr"><is><t>工作任务</t></is></c></row>'


def far_cell(spelling: str) -> bytes:
    """The header, then one cell at XFD1048576 whose `r` attribute is spelled `spelling`
    (e.g. 'r = "XFD1048576"', '\\nr="XFD1048576"')."""
    return (HEADER + f'<row><c {spelling} t="inlineStr"><is><t>x</t></is></c></row>').encode()


def rows_without_r(empty_rows: int = 1_048_000, width: int = 16_384) -> bytes:
    """Empty <row>s without any `r`, then one row of `width` cells without `r` either."""
    return HEADER.encode() + b"<row></row>" * empty_rows + b"<row>" + b"<c><v>1</v></c>" * width + b"</row>"


def huge_shared(uses: int = 200_000, length: int = 30_000) -> tuple[bytes, bytes]:
    """(sheet data, shared strings): one shared string of `length` characters used by `uses` cells
    (calamine copies it into each: 6 billion characters)."""
    shared = b"<si><t>" + "党".encode() * length + b"</t></si>"
    rows = HEADER.encode() + b"".join(
        f'<row r="{r}">'.encode() + b'<c t="s"><v>0</v></c>' * 20 + b"</row>" for r in range(2, uses // 20 + 2))
    return rows, shared


def deep_nesting(levels: int = 1_000_000) -> bytes:
    """A cell whose value is wrapped in `levels` nested elements."""
    return (HEADER + '<row r="2"><c r="A2" t="inlineStr"><is>').encode() + b"<x>" * levels + b"</x>" * levels \
        + b"</is></c></row>"


def opendocument(path: Path, rows: int = 10_000, cols: int = 9_000) -> Path:
    """An OpenDocument spreadsheet whose one cell is repeated over rows × columns (calamine's own
    ODS limit is 100 million cells: 3 GB)."""
    office = "urn:oasis:names:tc:opendocument:xmlns"
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{office}:office:1.0" '
               f'xmlns:table="{office}:table:1.0" xmlns:text="{office}:text:1.0" office:version="1.2"><office:body>'
               f'<office:spreadsheet><table:table table:name="任务"><table:table-row table:number-rows-repeated="{rows}">'
               f'<table:table-cell table:number-columns-repeated="{cols}" office:value-type="string"><text:p>x</text:p>'
               "</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>"
               "</office:document-content>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
    return path
