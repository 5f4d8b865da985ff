"""One reader for every spreadsheet a clerk brings: .xlsx, .xls, WPS .et and .csv.

The format is told by the bytes, not the file name (a .et is a BIFF workbook; a workbook
renamed .xls still opens). Every sheet comes back as rows from row 1, values as the clerk
sees them (empty cells None), with its merged ranges, so the caller can give a vertically
merged value to every row it spans.

Bounded by the real data, not by what the file claims: before python-calamine builds a sheet
(it allocates rows × columns at once, so one cell at XFD1048576 would ask for 512 GB) the
sheet's XML is scanned for its real extent, and a sheet past ROW_LIMIT rows or CELL_LIMIT
cells is refused with a sentence. CSV is streamed and stops at the same limits.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter

from .xlsx import WorkbookError

ROW_LIMIT = 200_000
#: rows × columns of a sheet's real extent (8 million cells: 64 MB of pointers alone)
CELL_LIMIT = 8_000_000
COLUMN_LIMIT = 2_000
#: uncompressed sheet XML or CSV text
BYTE_LIMIT = 512 * 1024 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


@dataclass
class SheetData:
    name: str
    #: rows from row 1 (index 0); cells None when empty
    rows: list[list[Any]]
    #: (first row, first column, last row, last column), 0-based, inclusive
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)


def read_workbook(path: str | Path, first_only: bool = False, blanks: Any = None) -> list[SheetData]:
    """Every worksheet of the file (only the first with first_only), in the file's order.

    Empty cells are None, or "" with blanks="" (no pass over every cell: the importers do)."""
    path = Path(path)
    if not path.exists():
        raise WorkbookError(f"找不到文件“{path}”")
    if path.is_dir():
        raise WorkbookError(f"“{path}”是文件夹，不是工作簿")
    with path.open("rb") as f:
        head = f.read(8)
    if head.startswith(ZIP_MAGIC):
        return _read_xlsx(path, first_only, blanks)
    if head.startswith(OLE_MAGIC):
        rows, cols = biff_extent(path)
        check_extent(path.name, "", rows, cols)
        return _read_calamine(path, first_only, None, blanks)
    if head.lstrip()[:1] == b"<" and _is_markup(path):
        raise WorkbookError(f"无法读取“{path.name}”：它是网页（HTML/XML）文件，不是真正的 Excel 工作簿；"
                            "请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入")
    if path.suffix.lower() in (".xlsx", ".xlsm") or not _looks_textual(path):
        raise WorkbookError(f"无法读取“{path.name}”：它不是有效的 Excel 工作簿，也不是 CSV 文本")
    return [_read_csv(path)]


def _is_markup(path: Path) -> bool:
    with path.open("rb") as f:
        sample = f.read(1024).lstrip().lower()
    return sample.startswith((b"<html", b"<!doctype", b"<table", b"<?xml", b"<meta", b"<head"))


def _looks_textual(path: Path) -> bool:
    """CSV or tab-separated text (also a .xls some systems export that way)."""
    with path.open("rb") as f:
        sample = f.read(8192)
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        sample = sample.decode("utf-16", errors="ignore").encode("utf-8")
    if not sample or b"\x00" in sample or sample.lstrip()[:1] == b"<":
        return False
    return b"," in sample or b"\t" in sample or b"\n" in sample or len(sample) < 8192


# ---------------------------------------------------------------- xlsx


#: every pattern starts with a literal, so re skips ahead to it: one quick pass over the sheet each
_ROW_TAG_FAST = re.compile(rb'<row r="(\d+)"')
_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br=\"(\d+)\"")
#: cells past column Z (their row too), and cells of columns A–Z in rows past 99999; what is left
#: (columns A–Z, rows up to 99999) is at most 2.6 million cells
_WIDE_CELL = re.compile(rb' r="([A-Z]{2,})(\d+)"')
_FAR_CELL = re.compile(rb' r="[A-Z](\d{6,})"')
_FORMULA_NO_VALUE = re.compile(
    rb"<(?:\w+:)?c\b(?![^>]*\bt=\"(?:str|e)\")[^>]*?\br=\"([A-Z]+)(\d+)\"[^>]*>\s*<(?:\w+:)?f\b(?:[^>]*/>|[^>]*>[^<]*</(?:\w+:)?f>)"
    rb"\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)


def _sheet_parts(z: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part name) of every worksheet, in the workbook's order."""
    import xml.etree.ElementTree as ET

    try:
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError) as exc:
        raise WorkbookError(f"它不是有效的 Excel 工作簿（{exc}）") from exc
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[rel.get("Id")] = re.sub(r"[^/]+/\.\./", "", target)
    out = []
    for el in wb.iter():
        if el.tag.endswith("}sheet") or el.tag == "sheet":
            rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
            if rid in targets and "worksheets/" in targets[rid]:
                out.append((el.get("name", ""), targets[rid]))
    return out


def _read_part(z: zipfile.ZipFile, part: str, file: str) -> bytes:
    chunks, size = [], 0
    with z.open(part) as f:
        while chunk := f.read(1 << 22):
            size += len(chunk)
            if size > BYTE_LIMIT:
                raise WorkbookError(f"“{file}”的工作表过大（超过{BYTE_LIMIT >> 20} MB），请拆分后再导入")
            chunks.append(chunk)
    return b"".join(chunks)


def _col_number(letters: bytes) -> int:
    return column_index_from_string(letters.decode("ascii"))


def sheet_extent(xml: bytes) -> tuple[int, int]:
    """The last row and column (1-based) holding a cell, read from the sheet XML itself (not from
    its <dimension>, which any program may write)."""
    tags = _ROW_TAG_FAST.findall(xml)
    if len(tags) != xml.count(b"<row "):  # another writer's attribute order or a prefix
        tags = _ROW_TAG.findall(xml)
    last_row = max(map(int, tags), default=0)
    last_col = 26
    wide = set(_WIDE_CELL.findall(xml))
    if wide:
        last_col = max(_col_number(c) for c in {c for c, _r in wide})
        last_row = max(last_row, max(int(r) for _c, r in wide))
    far = _FAR_CELL.findall(xml)
    if far:
        last_row = max(last_row, max(map(int, far)))
    return last_row, last_col


def check_extent(file: str, sheet: str, rows: int, cols: int) -> None:
    sheet = f"的工作表“{sheet}”" if sheet else ""
    if rows > ROW_LIMIT:
        raise WorkbookError(
            f"“{file}”{sheet}第{rows}行还有内容，超过{ROW_LIMIT}行的上限；"
            "请删去表格下方多余的内容（或拆分文件）后再导入")
    if cols > COLUMN_LIMIT or rows * cols > CELL_LIMIT:
        raise WorkbookError(
            f"“{file}”{sheet}在第{get_column_letter(min(cols, 16384))}列还有内容，"
            f"超过{CELL_LIMIT}个单元格的上限；请删去表格右侧多余的内容后再导入")


def _read_xlsx(path: Path, first_only: bool, blanks: Any = None) -> list[SheetData]:
    try:
        z = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise WorkbookError(f"无法读取“{path.name}”：它不是有效的 Excel 工作簿（{exc}）") from exc
    with z:
        try:
            parts = _sheet_parts(z)
        except WorkbookError:
            parts = []  # another writer's layout: calamine finds the sheets; every part is checked
        # every worksheet part in the file is checked, whichever calamine is then asked for
        listed = {p for _n, p in parts}
        parts += [(f"{name.rsplit('/', 1)[-1]}", name) for name in z.namelist()
                  if name.startswith("xl/worksheets/") and name.endswith(".xml") and name not in listed]
        for name, part in parts:
            try:
                xml = _read_part(z, part, path.name)
            except KeyError:
                continue
            rows, cols = sheet_extent(xml)
            check_extent(path.name, name, rows, cols)
            if b"<f" in xml or (b"<c " not in xml[:65536] and re.search(rb"<\w+:f\b", xml)):
                missing = _FORMULA_NO_VALUE.findall(xml)
                if missing:
                    cells = "、".join(f"第{int(r)}行{c.decode()}列" for c, r in missing[:10])
                    more = f"等{len(missing)}处" if len(missing) > 10 else ""
                    raise WorkbookError(
                        f"“{path.name}”的工作表“{name}”{cells}{more}：公式没有计算结果，请在 Excel 中保存后再导入")
            del xml
    return _read_calamine(path, first_only, None, blanks)


def _read_calamine(path: Path, first_only: bool, names: list[str] | None = None,
                   blanks: Any = None) -> list[SheetData]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        meta = book.sheets_metadata
        wanted = [m.name for m in meta if str(m.typ).endswith("WorkSheet")] or list(book.sheet_names)
        if names is not None:
            wanted = [n for n in wanted if n in names] or wanted
        if first_only:
            wanted = wanted[:1]
        out = []
        for name in wanted:
            sheet = book.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            merges = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])]
            if blanks is None:
                rows = [[None if c == "" else c for c in r] for r in rows]
            out.append(SheetData(name, rows, merges))
    except WorkbookError:
        raise
    except Exception as exc:  # calamine raises its own errors for damaged or foreign files
        raise WorkbookError(f"无法读取“{path.name}”：它不是有效的 Excel 工作簿（{exc}）") from exc
    return out


# ---------------------------------------------------------------- xls, et (BIFF in an OLE file)

#: BIFF records holding one value: LABELSST, NUMBER, RK, LABEL, BOOLERR, FORMULA, RSTRING
_ONE_CELL = frozenset({0x00FD, 0x0203, 0x027E, 0x0204, 0x0205, 0x0006, 0x00D6})
_MULRK = 0x00BD


def biff_extent(path: Path) -> tuple[int, int]:
    """The last row and column (1-based) holding a value in any sheet, read from the BIFF
    records themselves before calamine sizes a sheet by them."""
    import struct

    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
            if ole.exists("EncryptedPackage") or ole.exists("EncryptionInfo"):
                raise WorkbookError(f"无法读取“{path.name}”：工作簿设有打开密码，请在 Excel 中取消密码、保存后再导入")
            if name is None:
                raise WorkbookError(f"无法读取“{path.name}”：它不是有效的 Excel 工作簿（没有 Workbook 流）")
            if ole.get_size(name) > BYTE_LIMIT:
                raise WorkbookError(f"“{path.name}”过大（超过{BYTE_LIMIT >> 20} MB），请拆分后再导入")
            data = ole.openstream(name).read()
    except WorkbookError:
        raise
    except Exception as exc:  # olefile's own errors for damaged files
        raise WorkbookError(f"无法读取“{path.name}”：它不是有效的 Excel 工作簿（{exc}）") from exc
    unpack, end = struct.unpack_from, len(data) - 4
    pos, last_row, last_col = 0, -1, -1
    one, mulrk = _ONE_CELL, _MULRK
    while pos <= end:
        typ, length = unpack("<HH", data, pos)
        if typ in one and length >= 4:
            row, col = unpack("<HH", data, pos + 4)
            if row > last_row:
                last_row = row
            if col > last_col:
                last_col = col
        elif typ == mulrk and length >= 6:
            row, = unpack("<H", data, pos + 4)
            col, = unpack("<H", data, pos + 4 + length - 2)
            last_row, last_col = max(last_row, row), max(last_col, col)
        pos += 4 + length
    return last_row + 1, last_col + 1


# ---------------------------------------------------------------- csv

_ENCODINGS = ("utf-8", "gb18030")


def decode_text(data: bytes, file: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GBK/GB18030; neither is a sentence."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="strict") if _is_utf8(data[3:]) else _undecodable(file)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return _undecodable(file)
    for enc in _ENCODINGS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc == "gb18030" and _implausible(text):
            continue
        return text
    return _undecodable(file)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _implausible(text: str) -> bool:
    """GB18030 decodes nearly any bytes; real text is mostly common Chinese, ASCII and punctuation."""
    if not text:
        return False
    odd = sum(1 for ch in text if not (ch.isascii() or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
                                         or "\uff00" <= ch <= "\uffef" or ch in "·—‘’“”…、"))
    return odd > max(2, len(text) // 50)


def _undecodable(file: str) -> str:
    raise WorkbookError(
        f"无法读取“{file}”：文字编码既不是 UTF-8 也不是 GBK/GB18030；请在 Excel 或 WPS 中另存为"
        "“CSV UTF-8”或 Excel 工作簿后再导入")


def _read_csv(path: Path) -> SheetData:
    size = path.stat().st_size
    if size > BYTE_LIMIT:
        raise WorkbookError(f"“{path.name}”过大（超过{BYTE_LIMIT >> 20} MB），请拆分后再导入")
    text = decode_text(path.read_bytes(), path.name)
    first = text[:4096]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    rows: list[list[Any]] = []
    for n, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
        if n > ROW_LIMIT:
            if any(c.strip() for c in row):
                check_extent(path.name, path.stem, n, len(row))
            continue
        if len(row) > COLUMN_LIMIT:
            check_extent(path.name, path.stem, n, len(row))
        rows.append([c if c.strip() else None for c in row])
    return SheetData(path.stem, rows)
