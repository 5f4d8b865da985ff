"""One reader for every spreadsheet a clerk brings: .xlsx, .xls, WPS .et and .csv.

The format is told by the bytes, not the file name (a .et is a BIFF workbook; a workbook
renamed .xls still opens). Every sheet comes back as rows from row 1, values as the clerk
sees them (empty cells None), with its merged ranges, so the caller can give a vertically
merged value to every row it spans.

Bounded by the real data, not by what the file claims (docs/input-checks.md): before python-calamine
opens an .xlsx (it allocates rows × columns at once, so one cell at XFD1048576 would ask for 512 GB,
and it copies a shared string into every cell that uses it), every part of the archive is streamed
through expat and counted as calamine would place it — rows and cells by their position whether or
not they carry an `r` attribute, however it is spaced, wherever the part is stored — together with
the text the cells hold and the nesting depth. A sheet past ROW_LIMIT rows, COLUMN_LIMIT columns,
CELL_LIMIT cells of extent, VALUE_LIMIT cells with content or TEXT_LIMIT characters is refused with a
sentence before anything is allocated. A BIFF workbook's records are read for its extent the same
way; CSV is streamed and stops at the same limits.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
import zipfile
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .sheeterrors import WorkbookError, column_letter

ROW_LIMIT = 200_000
#: rows × columns of a sheet's extent (calamine holds 32 bytes a cell: 128 MB, Python 32 MB more)
CELL_LIMIT = 4_000_000
COLUMN_LIMIT = 2_000
#: cells that hold something (each becomes a Python object of about 60 bytes)
VALUE_LIMIT = 2_000_000
#: uncompressed size of an .xlsx archive's parts together (or of the BIFF stream of an .xls)
BYTE_LIMIT = 128 * 1024 * 1024
#: a CSV file (read whole, decoded, split: about six times its size in memory)
CSV_LIMIT = 48 * 1024 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


@dataclass
class SheetData:
    name: str
    #: rows from row 1 (index 0); cells None when empty
    rows: list[list[Any]]
    #: (first row, first column, last row, last column), 0-based, inclusive
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    #: hidden (or very hidden) in the workbook: named to the clerk, read only when chosen
    hidden: bool = False


def read_workbook(path: str | Path, first_only: bool = False, blanks: Any = None) -> list[SheetData]:
    """Every worksheet of the file, in the file's order, hidden ones flagged (only the first visible
    sheet with first_only).

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

#: element nesting in any part (SpreadsheetML needs about 6: worksheet/sheetData/row/c/is/r/t)
DEPTH_LIMIT = 64
#: members of the zip archive (an xlsx has a dozen or two; each costs memory to list)
ENTRY_LIMIT = 10_000
#: the central directory (the archive's table of contents)
DIRECTORY_LIMIT = 4 * 1024 * 1024
#: characters of text the cells hold (of one sheet, and of the workbook): inline text, and a shared
#: string counted once for each cell that uses it (calamine copies it into every cell); the BIFF
#: stream of an .xls counts its own bytes as well
TEXT_LIMIT = 48_000_000
#: merged ranges of a sheet
MERGE_LIMIT = 100_000

_CELL_REF = re.compile(r"\s*([A-Za-z]{1,7})\s*(\d{1,12})\s*$")
_CHUNK = 1 << 20
#: the elements the scan looks at (by local name); every other one only counts for the depth
_WATCHED = frozenset({"c", "v", "t", "row", "f", "si", "mergeCell", "sheet", "Relationship"})


class _Part:
    """What the streaming scan found in one part: its extent, cells, shared-string uses."""

    def __init__(self) -> None:
        self.max_row = self.max_col = self.cells = self.merges = self.size = self.text = 0
        #: the shared-string index of every cell that uses one
        self.shared = array("q")
        #: (row, column) of formulas without a cached value
        self.no_value: list[tuple[int, int]] = []
        #: <si> text lengths, when the part is a shared-string table
        self.strings = array("q")
        self.sheets: list[tuple[str, str]] = []  # workbook.xml: (name, r:id)
        self.rels: list[tuple[str, str]] = []  # a .rels part: (id, target)


def _scan_part(z: zipfile.ZipFile, info: zipfile.ZipInfo, file: str, label: str, budget: int) -> _Part | None:
    """Count what calamine would build from one member of the archive (see `_expat_scan`); None
    when the member is not XML (a picture).

    A part of up to FAST_PART bytes is read whole and tried first by `_fast_scan` (C-speed
    regular expressions over a sheet written the plain way, the same counts); any other part, or
    one the fast scan does not vouch for, is streamed through expat, which finds the first
    excess and says it."""
    with z.open(info) as f:
        head = f.read(_CHUNK)
        if not head[:64].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            return None  # a picture or another binary part: calamine reads no XML from it
        most = min(budget, FAST_PART)
        data = head + f.read(most + 1 - len(head)) if len(head) == _CHUNK and len(head) <= most else head
        if len(data) > most:  # larger than the fast scan takes (or than the budget): streamed
            rest = iter(lambda: f.read(_CHUNK), b"")
            read = (data[i:i + _CHUNK] for i in range(0, len(data), _CHUNK))  # as the stream gives them
            return _expat_scan(itertools.chain(read, rest), info, file, label, budget)
    found = _fast_scan(data, info, file, label)
    return found if found is not None else _expat_scan((data,), info, file, label, budget)


def _expat_scan(chunks: Iterable[bytes], info: zipfile.ZipInfo, file: str, label: str, budget: int) -> _Part:
    """Stream one member of the archive through expat, counting what calamine would build from it:
    rows and cells by their position (an `r` attribute where given, else the next row or column,
    whatever the spacing, prefix or path), the text of the cells, shared-string uses, merged ranges,
    nesting depth. Only counters are kept, and every limit is checked as the parse goes: the scan
    stops at the first excess, or past `budget` bytes."""
    from xml.parsers import expat

    found = _Part()
    shared, strings, no_value = found.shared, found.strings, found.no_value
    depth = row = col = cells = text = 0
    formula = collect = in_c = False
    kind: str | None = None
    here = (0, 0)
    value: list[str] = []
    sheet = f"的工作表“{label}”"

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal depth, row, col, cells, formula, collect, in_c, kind, here
        depth += 1
        if depth > DEPTH_LIMIT:
            raise WorkbookError(f"“{file}”{sheet}嵌套超过{DEPTH_LIMIT}层，不是有效的 Excel 工作簿")
        if ":" in name:
            name = name.rpartition(":")[2]
        if name not in _WATCHED:
            return
        if name == "c":
            ref = attrs.get("r")
            m = _CELL_REF.match(ref) if ref is not None else None
            if m:
                col, r = column_number(m.group(1)), int(m.group(2))
            else:
                col, r = col + 1, max(row, 1)
            if r > found.max_row or col > found.max_col:
                found.max_row, found.max_col = max(found.max_row, r), max(found.max_col, col)
                check_extent(file, label, found.max_row, found.max_col)
            cells += 1
            if cells > VALUE_LIMIT:
                raise WorkbookError(f"“{file}”{sheet}超过{VALUE_LIMIT}个单元格，请拆分后再导入")
            kind, here, formula, collect, in_c = attrs.get("t"), (r, col), False, False, True
            value.clear()
        elif name == "v":
            collect = kind == "s" or formula
            if collect:
                parser.CharacterDataHandler = value.append
            elif kind == "str":  # a formula's text result
                parser.CharacterDataHandler = count
        elif name == "t":
            if in_c:  # an inline string's text
                parser.CharacterDataHandler = count
        elif name == "row":
            ref = attrs.get("r")
            row = int(ref) if ref is not None and ref.strip().isdigit() and len(ref) < 13 else row + 1
            col = 0
            if row > found.max_row:
                found.max_row = row
                check_extent(file, label, row, max(found.max_col, 1))
        elif name == "f":
            formula = True
        elif name == "si":
            strings.append(0)
            parser.CharacterDataHandler = si_text
            if len(strings) > VALUE_LIMIT:
                raise WorkbookError(f"“{file}”的共享文字超过{VALUE_LIMIT}条，请拆分后再导入")
        elif name == "mergeCell":
            found.merges += 1
            if found.merges > MERGE_LIMIT:
                raise WorkbookError(f"“{file}”{sheet}超过{MERGE_LIMIT}处合并单元格，请取消合并后再导入")
        elif name == "sheet":
            rid = next((v for k, v in attrs.items() if k == "id" or k.endswith(":id")), "")
            found.sheets.append((attrs.get("name", ""), rid))
        elif name == "Relationship":
            found.rels.append((attrs.get("Id", ""), attrs.get("Target", "")))

    def end(name: str) -> None:
        nonlocal depth, collect, in_c
        depth -= 1
        last = name[-1]
        if last == "c" and (name == "c" or name.endswith(":c")):
            joined = "".join(value).strip()
            if kind == "s" and joined.isdigit() and len(joined) < 13:
                shared.append(int(joined))
            if formula and not joined and kind not in ("str", "e"):
                no_value.append(here)
            collect = in_c = False
            value.clear()
        elif last in "vti" and (name in ("v", "t", "si") or name.endswith((":v", ":t", ":si"))):
            if in_c or last == "i":  # a <t> of a shared string goes on counting to its </si>
                parser.CharacterDataHandler = None
            if text > TEXT_LIMIT:
                raise WorkbookError(f"“{file}”{sheet}文字超过{TEXT_LIMIT}个字符，请拆分后再导入")

    def count(data: str) -> None:
        nonlocal text
        text += len(data)

    def si_text(data: str) -> None:
        nonlocal text
        strings[-1] += len(data)
        text += len(data)

    def no_dtd(*_args: Any) -> None:
        raise WorkbookError(f"无法读取“{file}”：工作簿中含有文档类型声明（DTD），不是 Excel 保存的文件")

    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = no_dtd
    parser.EntityDeclHandler = no_dtd
    for chunk in chunks:
        found.size += len(chunk)
        if found.size > budget:
            raise WorkbookError(f"“{file}”过大（解压后超过{BYTE_LIMIT >> 20} MB），请拆分后再导入")
        try:
            parser.Parse(chunk, False)
        except expat.ExpatError as exc:
            raise WorkbookError(f"无法读取“{file}”：它不是有效的 Excel 工作簿（{info.filename}：{exc}）") from exc
    try:
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise WorkbookError(f"无法读取“{file}”：它不是有效的 Excel 工作簿（{info.filename}：{exc}）") from exc
    found.cells, found.text = cells, text
    return found


#: the largest part `_fast_scan` reads whole (a 25,000-member roster's sheet is 27 MB)
FAST_PART = 64 << 20

# A sheet's <sheetData> written the plain way (by Excel, WPS, openpyxl and this program): rows and
# cells numbered, double-quoted attributes in the usual order, numbers, shared or inline strings,
# nothing between the elements. No formula, no rich text, no comment or CDATA: those go to expat.
_KIND = rb'(?:s|n|b|e|d|inlineStr)'
_STYLE = rb' s="[0-9]{1,5}"'
#: a cell of the row whose number is group 1 (the same number in every cell's reference)
_CELL = (rb'<c r="[A-Z]{1,3}(?P=row)"(?:(?:' + _STYLE + rb')?(?: t="' + _KIND + rb'")?| t="' + _KIND + rb'"'
         + _STYLE + rb')(?:/>|>(?:<v>[ -;=-~]*</v>|<is><t(?: xml:space="preserve")?>[^<]*</t></is>)?</c>)')
#: a row's attributes in the order Excel writes them (each at most once)
_ROW_ATTRIBUTES = b"".join(rb'(?: ' + name + rb'="[-0-9.:]{1,20}")?' for name in (
    b"spans", b"s", b"customFormat", b"ht", b"hidden", b"customHeight", b"outlineLevel", b"collapsed",
    b"thickTop", b"thickBot", b"ph", b"x14ac:dyDescent"))
_ROW = (rb'<row r="(?P<row>[1-9][0-9]{0,6})"' + _ROW_ATTRIBUTES + rb'(?:/>|>(?:' + _CELL + rb')*+</row>)')
_SHEET_DATA = re.compile(rb'(?:' + _ROW + rb')*+')
_CELL_COLUMN = re.compile(rb'<c r="([A-Z]{1,3})')
_ROW_NUMBER = re.compile(rb'<row r="([0-9]{1,7})"')
_SHARED_USE = re.compile(rb'<c r="[A-Z]{1,3}[0-9]{1,7}"(?:' + _STYLE + rb')? t="s"(?:' + _STYLE
                         + rb')?><v>([0-9]{1,12})</v></c>')
_INLINE_TEXT = re.compile(rb'<t(?: xml:space="preserve")?>([^<]*)</t>')
_ENTITY = re.compile(rb'&(?:amp|lt|gt|quot|apos);')
_NOT_XML_CHAR = re.compile(r'[\x00-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff]')
_OPEN, _CLOSE = b"<sheetData>", b"</sheetData>"


def _fast_scan(data: bytes, info: zipfile.ZipInfo, file: str, label: str) -> _Part | None:
    """The counts of `_expat_scan` for a sheet whose <sheetData> is written the plain way, found
    by regular expressions (C speed) instead of a Python call per element; the rest of the part
    (its head and tail, with <sheetData> emptied) goes through `_expat_scan` as usual.

    Returns a result only when every count is exact and within every limit; None sends the part
    to `_expat_scan` whole (another writer's spelling, a formula, an excess: expat finds the
    first one and says it, as before)."""
    start = data.find(_OPEN)
    end = data.find(_CLOSE, start)
    # no comment, CDATA or DTD around it (the body's pattern has none); another <sheetData> after
    # it would hold cells the scan of the head and tail counts, and sends the part to expat
    if start < 0 or end < 0 or b"<!" in data[:start] or data.find(b"<!", end) >= 0:
        return None
    declaration = data[:100].lower()
    if b"encoding=" in declaration and b"utf-8" not in declaration:
        return None
    a, b = start + len(_OPEN), end  # the body of <sheetData>, searched in place
    if _SHEET_DATA.fullmatch(data, a, b) is None:
        return None
    texts = b"".join(_INLINE_TEXT.findall(data, a, b))
    try:
        decoded = texts.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if _NOT_XML_CHAR.search(decoded) is not None:  # expat refuses these (a CR it would drop)
        return None
    text = len(decoded)
    del decoded
    if b"&" in texts:
        if texts.count(b"&") != len(entities := _ENTITY.findall(texts)):
            return None  # a character reference or an unknown entity
        text -= sum(len(e) - 1 for e in entities)
    del texts
    uses = data.count(b' t="s"', a, b)
    shared = array("q", map(int, _SHARED_USE.findall(data, a, b)) if uses else ())
    if len(shared) != uses:
        return None
    letters = _CELL_COLUMN.findall(data, a, b)
    cells = len(letters)  # every <c of the body starts a cell the pattern checked
    columns = {column_number(c.decode()) for c in set(letters)}
    del letters
    rows = _ROW_NUMBER.findall(data, a, b)  # each cell's row is its row's (the pattern checked it)
    max_row, max_col = max(map(int, rows), default=0), max(columns, default=0)
    try:
        check_extent(file, label, max_row, max(max_col, 1))
    except WorkbookError:
        return None
    if cells > VALUE_LIMIT or text > TEXT_LIMIT:
        return None
    try:
        found = _expat_scan((data[:start + len(_OPEN)], data[end:]), info, file, label, FAST_PART)
    except WorkbookError:
        return None
    if found.cells or found.max_row or found.shared or found.no_value:
        return None  # cells outside <sheetData>: counted in the part's order by expat
    found.max_row, found.max_col, found.cells, found.text = max_row, max_col, cells, found.text + text
    found.shared, found.size = shared, len(data)
    return found


def column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def check_extent(file: str, sheet: str, rows: int, cols: int) -> None:
    sheet = f"的工作表“{sheet}”" if sheet else ""
    if rows > ROW_LIMIT:
        raise WorkbookError(
            f"“{file}”{sheet}第{rows}行还有内容，超过{ROW_LIMIT}行的上限；"
            "请删去表格下方多余的内容（或拆分文件）后再导入")
    if cols > COLUMN_LIMIT or rows * cols > CELL_LIMIT:
        raise WorkbookError(
            f"“{file}”{sheet}在第{column_letter(min(cols, 16384))}列还有内容，"
            f"超过{CELL_LIMIT}个单元格的上限；请删去表格右侧多余的内容后再导入")


def _check_directory(path: Path) -> None:
    """The archive's table of contents, read from its end record before zipfile lists it."""
    import struct

    size = path.stat().st_size
    with path.open("rb") as f:
        f.seek(max(0, size - 65_557))
        tail = f.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return  # not a zip archive: zipfile says so
    entries, directory = struct.unpack_from("<HI", tail, at + 10)
    at64 = tail.rfind(b"PK\x06\x06")
    if at64 >= 0 and len(tail) >= at64 + 56:
        entries, directory = struct.unpack_from("<QQ", tail, at64 + 32)
    if entries > ENTRY_LIMIT or directory > DIRECTORY_LIMIT:
        raise WorkbookError(f"无法读取“{path.name}”：压缩包中有{entries}个文件，不是 Excel 保存的工作簿")


def _scan_xlsx(z: zipfile.ZipFile, file: str) -> None:
    """Every member of the archive streamed and counted (see `_scan_part`) before calamine opens
    it: whichever part the workbook's relationships make a sheet, wherever it is stored."""
    import posixpath

    infos = [i for i in z.infolist() if not i.is_dir()]
    members = {i.filename for i in infos}
    # calamine would read these formats by their own rules, which the scan does not follow
    if "mimetype" in members or "content.xml" in members:
        raise WorkbookError(f"无法读取“{file}”：它是 OpenDocument 表格（.ods），请在 WPS 或 Excel 中另存为 .xlsx 后再导入")
    if any(m.endswith(".bin") and (m.startswith("xl/worksheets/") or m == "xl/workbook.bin") for m in members):
        raise WorkbookError(f"无法读取“{file}”：它是 Excel 二进制工作簿（.xlsb），请另存为 .xlsx 后再导入")
    first = [i for i in infos if i.filename.endswith((".rels", "workbook.xml"))]
    names: dict[str, str] = {}
    sheets: dict[str, str] = {}  # r:id → sheet name
    targets: dict[str, list[str]] = {}  # r:id → parts
    scanned: dict[str, _Part | None] = {}
    spent = 0  # bytes inflated so far: the archive as a whole stays within BYTE_LIMIT
    for info in first:
        found = scanned[info.filename] = _scan_part(z, info, file, info.filename.rsplit("/", 1)[-1],
                                                    BYTE_LIMIT - spent)
        spent += found.size if found is not None else 0
        if found is None:
            continue
        for name, rid in found.sheets:
            sheets[rid] = name
        if info.filename.endswith(".rels"):
            base = posixpath.dirname(posixpath.dirname(info.filename))
            for rid, target in found.rels:
                for part in (target.lstrip("/"), posixpath.normpath(posixpath.join(base, target)),
                             posixpath.join("xl", target)):
                    targets.setdefault(rid, []).append(part)
    for rid, name in sheets.items():
        for part in targets.get(rid, []):
            names.setdefault(part, name)
    lengths = array("q")
    uses: list[tuple[str, _Part]] = []
    for info in first + [i for i in infos if i not in first]:
        label = names.get(info.filename, info.filename.rsplit("/", 1)[-1])
        if info.filename in scanned:
            found = scanned.pop(info.filename)
        else:
            found = _scan_part(z, info, file, label, BYTE_LIMIT - spent)
            spent += found.size if found is not None else 0
        if found is None:
            continue
        if found.no_value:
            cells = "、".join(f"第{r}行{column_letter(min(c, 16384))}列" for r, c in found.no_value[:10])
            more = f"等{len(found.no_value)}处" if len(found.no_value) > 10 else ""
            raise WorkbookError(
                f"“{file}”的工作表“{label}”{cells}{more}：公式没有计算结果，请在 Excel 中保存后再导入")
        for i, n in enumerate(found.strings):  # several tables (only one is real): the longest
            if i < len(lengths):
                lengths[i] = max(lengths[i], n)
            else:
                lengths.append(n)
        uses.append((label, found))
    count = len(lengths)
    extent = cells = text = 0
    for label, found in uses:
        total = found.text + sum(lengths[i] for i in found.shared if i < count)
        if total > TEXT_LIMIT:
            raise WorkbookError(f"“{file}”的工作表“{label}”文字超过{TEXT_LIMIT}个字符，请拆分后再导入")
        text, extent, cells = text + total, extent + found.max_row * found.max_col, cells + found.cells
    # the sheets are read together: the limits hold for the workbook as a whole
    if extent > CELL_LIMIT:
        raise WorkbookError(f"“{file}”各工作表合计超过{CELL_LIMIT}个单元格的上限，请删去多余的内容或拆分文件后再导入")
    if cells > VALUE_LIMIT:
        raise WorkbookError(f"“{file}”各工作表合计超过{VALUE_LIMIT}个单元格，请拆分后再导入")
    if text > TEXT_LIMIT:
        raise WorkbookError(f"“{file}”各工作表的文字合计超过{TEXT_LIMIT}个字符，请拆分后再导入")


def _read_xlsx(path: Path, first_only: bool, blanks: Any = None) -> list[SheetData]:
    _check_directory(path)
    try:
        z = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise WorkbookError(f"无法读取“{path.name}”：它不是有效的 Excel 工作簿（{exc}）") from exc
    with z:
        try:
            _scan_xlsx(z, path.name)
        except WorkbookError:
            raise
        except Exception as exc:  # a damaged archive: zipfile's, zlib's, lzma's or bz2's own errors
            raise WorkbookError(f"无法读取“{path.name}”：它不是有效的 Excel 工作簿（{exc}）") from exc
    return _read_calamine(path, first_only, None, blanks, by_content=True)


def _read_calamine(path: Path, first_only: bool, names: list[str] | None = None,
                   blanks: Any = None, by_content: bool = False) -> list[SheetData]:
    """The sheets as calamine reads them. `by_content`: an .xlsx archive, opened by what it holds
    (not by its name, which would make calamine read a renamed file in another format)."""
    from python_calamine import CalamineWorkbook

    try:
        if by_content:
            with path.open("rb") as f:
                book = CalamineWorkbook.from_filelike(f)
        else:
            book = CalamineWorkbook.from_path(str(path))
        meta = book.sheets_metadata
        sheets = [m for m in meta if str(m.typ).endswith("WorkSheet")] or meta
        hidden = {m.name for m in sheets if not str(m.visible).endswith(".Visible")}
        wanted = [m.name for m in sheets] or list(book.sheet_names)
        if names is not None:
            wanted = [n for n in wanted if n in names] or wanted
        if first_only:
            wanted = [n for n in wanted if n not in hidden][:1] or wanted[:1]
        out = []
        for name in wanted:
            sheet = book.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            merges = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])]
            if blanks is None:
                rows = [[None if c == "" else c for c in r] for r in rows]
            out.append(SheetData(name, rows, merges, name in hidden))
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
    return _biff_records(data, path.name)


_BOF, _EOF, _SST, _CONTINUE, _LABELSST = 0x0809, 0x000A, 0x00FC, 0x003C, 0x00FD


def _biff_records(data: bytes, file: str) -> tuple[int, int]:
    """Walk the records: each sheet's extent (between its BOF and EOF), the cells holding a value
    and the text they hold, a shared string counted once for each cell that uses it (calamine
    copies it into each); the workbook's totals against the limits, the largest extent returned."""
    import struct

    unpack, end = struct.unpack_from, len(data) - 4
    pos, last_row, last_col = 0, -1, -1
    worst_row = worst_col = extent = cells = 0
    text = 0
    one, mulrk = _ONE_CELL, _MULRK
    sst: list[bytes] = []
    lengths: array | None = None
    in_sst = False
    while pos <= end:
        typ, length = unpack("<HH", data, pos)
        if typ in one and length >= 4:
            row, col = unpack("<HH", data, pos + 4)
            if row > last_row:
                last_row = row
            if col > last_col:
                last_col = col
            cells += 1
            if typ == _LABELSST and length >= 10:
                if lengths is None:
                    lengths = _sst_lengths(sst)
                i, = unpack("<I", data, pos + 10)
                text += lengths[i] if i < len(lengths) else 0
        elif typ == mulrk and length >= 6:
            row, = unpack("<H", data, pos + 4)
            col, = unpack("<H", data, pos + 4 + length - 2)
            last_row, last_col = max(last_row, row), max(last_col, col)
            cells += (length - 6) // 6
        elif typ == _SST:
            sst, in_sst, lengths = [data[pos + 4:pos + 4 + length]], True, None
        elif typ == _CONTINUE and in_sst:
            sst.append(data[pos + 4:pos + 4 + length])
        elif typ in (_BOF, _EOF):
            worst_row, worst_col = max(worst_row, last_row + 1), max(worst_col, last_col + 1)
            extent += (last_row + 1) * (last_col + 1)
            last_row = last_col = -1
        if typ != _CONTINUE and typ != _SST:
            in_sst = False
        if cells > VALUE_LIMIT:
            raise WorkbookError(f"“{file}”超过{VALUE_LIMIT}个单元格，请拆分后再导入")
        pos += 4 + length
    worst_row, worst_col = max(worst_row, last_row + 1), max(worst_col, last_col + 1)
    extent += (last_row + 1) * (last_col + 1)
    check_extent(file, "", worst_row, worst_col)
    if extent > CELL_LIMIT:
        raise WorkbookError(f"“{file}”各工作表合计超过{CELL_LIMIT}个单元格的上限，请删去多余的内容或拆分文件后再导入")
    if text + len(data) > TEXT_LIMIT:
        raise WorkbookError(f"“{file}”的文字超过{TEXT_LIMIT}个字符，请拆分后再导入")
    return worst_row, worst_col


def _sst_lengths(segments: list[bytes]) -> array:
    """The length (characters) of every string of a BIFF8 shared-string table: the SST record and
    its CONTINUE records, whose characters may be split over records (each continuation starting
    with a byte that says whether its characters are one or two bytes wide)."""
    lengths = array("q")
    seg, pos = 0, 8  # past cstTotal and cstUnique

    def byte() -> int:
        nonlocal seg, pos
        while pos >= len(segments[seg]):
            seg, pos = seg + 1, 0
        pos += 1
        return segments[seg][pos - 1]

    def skip(n: int) -> None:
        nonlocal seg, pos
        while n > 0:
            room = len(segments[seg]) - pos
            if n <= room:
                pos += n
                return
            n, seg, pos = n - room, seg + 1, 0

    try:
        while True:
            cch = byte() | byte() << 8
            flags = byte()
            runs = (byte() | byte() << 8) if flags & 8 else 0
            ext = (byte() | byte() << 8 | byte() << 16 | byte() << 24) if flags & 4 else 0
            width, left = 2 if flags & 1 else 1, cch
            while left:
                if pos >= len(segments[seg]):  # the characters go on in the next record
                    seg, pos = seg + 1, 1
                    width = 2 if segments[seg][0] & 1 else 1
                take = min(left, (len(segments[seg]) - pos) // width)
                if take <= 0:
                    return lengths
                pos, left = pos + take * width, left - take
            skip(4 * runs + ext)
            lengths.append(cch)
    except IndexError:  # the end of the table (or a damaged one: what was read counts)
        return lengths


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
    if size > CSV_LIMIT:
        raise WorkbookError(f"“{path.name}”过大（超过{CSV_LIMIT >> 20} MB），请拆分后再导入")
    text = decode_text(path.read_bytes(), path.name)
    first = text[:4096]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    rows: list[list[Any]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for n, row in enumerate(reader, start=1):
            _csv_row(path, rows, n, row)
    except csv.Error as exc:  # a field past csv's own limit (131,072 characters), a stray quote
        raise WorkbookError(f"无法读取“{path.name}”第{reader.line_num}行（{exc}）：一格最多{csv.field_size_limit()}个字"
                            "（Excel 一格最多32767个字），请核对后再导入") from exc
    return SheetData(path.stem, rows)


def _csv_row(path: Path, rows: list[list[Any]], n: int, row: list[str]) -> None:
    if n > ROW_LIMIT:
        if any(c.strip() for c in row):
            check_extent(path.name, path.stem, n, len(row))
        return
    if len(row) > COLUMN_LIMIT:
        check_extent(path.name, path.stem, n, len(row))
    rows.append([c if c.strip() else None for c in row])
