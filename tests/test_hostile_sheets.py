"""Issue 31, 1: no spreadsheet can make the reader allocate. Every recipe of the issue, and sheets
built at random by hypothesis, are read in a child process held to 500 MB of address space: each is
refused with one sentence (exit 1), never killed by a signal, never over the limit."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.actor import Actor
from models.db import open_database
from reports.sheetreader import TEXT_LIMIT
from tests.conftest import ROOT
from tests.factories import build_county
from tests.hostile_sheets import (
    HEADER,
    deep_nesting,
    far_cell,
    huge_shared,
    opendocument,
    package,
    rows_without_r,
)

LIMIT_MB = 500

#: the child: address space limited before anything is imported; the reader (or the command line)
#: on each file; a line per file with the exit code and the peak memory of the process
RUNNER = f"""
import resource, sys
limit = {LIMIT_MB} * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from reports.sheetreader import read_workbook
from reports.xlsx import WorkbookError

def peak():
    status = open("/proc/self/status").read().splitlines()
    return max(int(line.split()[1]) for line in status if line.startswith(("VmHWM", "VmPeak")))

mode, rest = sys.argv[1], sys.argv[2:]
if mode == "read":
    for path in rest:
        try:
            read_workbook(path)
            code = 0
        except WorkbookError as exc:
            print(exc, file=sys.stderr)
            code = 1
        print("RESULT", code, peak(), flush=True)
else:
    from desktop.cli import main
    for argv in (line.split("\\t") for line in rest):
        code = main(argv)
        print("RESULT", code, peak(), flush=True)
"""


def run_child(mode: str, args: list[str]) -> tuple[subprocess.CompletedProcess, list[tuple[int, int]]]:
    proc = subprocess.run([sys.executable, "-c", RUNNER, mode, *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    assert proc.returncode == 0, f"killed or crashed ({proc.returncode}): {proc.stderr[-2000:]}"
    results = [(int(code), int(peak)) for _r, code, peak in
               (line.split() for line in proc.stdout.splitlines() if line.startswith("RESULT"))]
    return proc, results


def recipes(folder: Path) -> dict[str, Path]:
    """The files of the issue: a 30 KB spreadsheet each, that aborted the process (SIGABRT)."""
    shared_rows, shared = huge_shared()
    return {
        "spaces around =": package(folder / "spaces.xlsx", far_cell('r = "XFD1048576"')),
        "newline before r": package(folder / "newline.xlsx", far_cell('\nr="XFD1048576"')),
        "tab before r": package(folder / "tab.xlsx", far_cell('\tr="XFD1048576"')),
        "sheet at xl/data": package(folder / "data.xlsx", far_cell('r="XFD1048576"'), part="xl/data/sheet1.xml"),
        "rows without r": package(folder / "norows.xlsx", rows_without_r()),
        "huge shared strings": package(folder / "shared.xlsx", shared_rows, shared=shared),
        "deep nesting": package(folder / "deep.xlsx", deep_nesting()),
    }


SENTENCES = {
    "spaces around =": "第1048576行还有内容，超过200000行的上限",
    "newline before r": "第1048576行还有内容，超过200000行的上限",
    "tab before r": "第1048576行还有内容，超过200000行的上限",
    "sheet at xl/data": "第1048576行还有内容，超过200000行的上限",
    "rows without r": "第200001行还有内容，超过200000行的上限",
    "huge shared strings": f"文字超过{TEXT_LIMIT}个字符，请拆分后再导入",
    "deep nesting": "嵌套超过64层，不是有效的 Excel 工作簿",
}


@pytest.fixture
def county_file(sqlite_path):
    db = open_database(sqlite_path)
    with db.session() as s:
        build_county(s, Actor("测试员", "管理员"))
        s.commit()
    db.dispose()
    return sqlite_path


def test_every_recipe_of_the_issue_is_a_sentence_from_import_and_import_quarterly(county_file, tmp_path):
    files = recipes(tmp_path)
    assert all(p.stat().st_size < 64_000 for p in files.values())
    lines = []
    for path in files.values():
        lines.append("\t".join(["--db", str(county_file), "import", "tasks", str(path)]))
        lines.append("\t".join(["--db", str(county_file), "import", "quarterly", str(path),
                                "--out", str(tmp_path / "sum.xlsx")]))
    proc, results = run_child("cli", lines)
    assert len(results) == 2 * len(files)
    assert all(code == 1 for code, _peak in results), proc.stderr
    assert max(peak for _code, peak in results) < LIMIT_MB * 1024
    for name, path in files.items():
        assert proc.stderr.count(f"“{path.name}”") >= 2, name
        assert proc.stderr.count(SENTENCES[name]) >= 2 * list(SENTENCES.values()).count(SENTENCES[name]), name
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "sum.xlsx").exists()


def test_many_sheets_and_an_xls_of_one_long_string_are_refused_within_the_memory_limit(tmp_path):
    """Each sheet under the limits, the workbook far over them (calamine reads every sheet); a
    BIFF workbook whose one 30,000-character shared string fills 20,000 cells (600 million
    characters once copied); an OpenDocument file, which calamine would read by its own rules."""
    import xlwt
    from openpyxl import Workbook

    wb = Workbook()
    for i in range(8):
        ws = wb.active if i == 0 else wb.create_sheet(f"表{i}")
        ws["A1"], ws["AAA5000"] = "月份", "x"
    wb.save(tmp_path / "sheets.xlsx")
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("任务")
    for r in range(20_000):
        ws.write(r, 0, "x" * 30_000)
    book.save(str(tmp_path / "text.xls"))
    assert (tmp_path / "text.xls").stat().st_size < 1_000_000
    opendocument(tmp_path / "repeated.ods")
    proc, results = run_child("read", [str(tmp_path / "sheets.xlsx"), str(tmp_path / "text.xls"),
                                       str(tmp_path / "repeated.ods")])
    assert [code for code, _peak in results] == [1, 1, 1]
    assert "“repeated.ods”：它是 OpenDocument 表格（.ods），请在 WPS 或 Excel 中另存为 .xlsx 后再导入" in proc.stderr
    assert max(peak for _code, peak in results) < LIMIT_MB * 1024
    assert "“sheets.xlsx”各工作表合计超过4000000个单元格的上限" in proc.stderr
    assert f"“text.xls”的文字超过{TEXT_LIMIT}个字符" in proc.stderr


def test_a_workbook_renamed_xls_still_opens(tmp_path):
    from reports.sheetreader import read_workbook

    path = package(tmp_path / "renamed.xls", HEADER.encode())
    assert read_workbook(path)[0].rows == [["月份", "工作任务"]]


def test_a_plain_sheet_still_reads(tmp_path):
    path = package(tmp_path / "ok.xlsx", (HEADER + '<row r="2"><c r="A2" t="inlineStr"><is><t>2026-03</t></is></c>'
                                          '<c r="B2" t="s"><v>0</v></c></row>').encode(),
                   shared=b"<si><t>\xe5\x8f\xac\xe5\xbc\x80\xe5\x85\x9a\xe5\x91\x98\xe5\xa4\xa7\xe4\xbc\x9a</t></si>")
    from reports.sheetreader import read_workbook

    assert read_workbook(path)[0].rows == [["月份", "工作任务"], ["2026-03", "召开党员大会"]]


# ---------------------------------------------------------------- fuzzing

_SPELLINGS = st.sampled_from(['r="{ref}"', 'r = "{ref}"', "r='{ref}'", '\nr="{ref}"', '\tr\t=\t"{ref}"',
                              '\r\nr ="{ref}"', 's="0"  r="{ref}"'])
_PARTS = st.sampled_from(["xl/worksheets/sheet1.xml", "xl/data/sheet1.xml", "xl/a/b/c/d.xml", "xl/sheet.bin",
                          "custom/sheet1.xml"])
_PREFIXES = st.sampled_from(["", "x", "s"])


ATTACKS = ["far cell", "tall", "wide", "extent", "shared", "nesting"]


@st.composite
def hostile_sheets(draw, attack: str) -> tuple[bytes, bytes | None, str, str, str | None]:
    """(sheet data, shared strings, attack, prefix, claimed used range): over at least one limit
    in the way `attack` says, spelled as a parser might miss it."""
    p = draw(_PREFIXES)

    def tag(name: str) -> str:
        return f"{p}:{name}" if p else name

    def cell(attrs: str, v: str = "1") -> str:
        return f"<{tag('c')} {attrs}><{tag('v')}>{v}</{tag('v')}></{tag('c')}>"

    def row(cells: str, attrs: str = "") -> str:
        return f"<{tag('row')}{attrs}>{cells}</{tag('row')}>"

    spelling = draw(_SPELLINGS)
    head = row(cell('r="A1" t="inlineStr"').replace(f"<{tag('v')}>1</{tag('v')}>", "<is><t>月份</t></is>"), ' r="1"')
    shared = None
    if attack == "far cell":  # past the last row, or the last column
        col = draw(st.sampled_from(["A", "BXY", "XFD"]))
        low = 200_001 if col == "A" else 1
        data = head + row(cell(spelling.format(ref=f"{col}{draw(st.integers(low, 1_048_576))}")))
    elif attack == "tall":  # empty rows past the limit, with or without their numbers
        n = draw(st.integers(200_001, 400_000))
        rows = ("".join(f'<{tag("row")} r="{i}"/>' for i in range(2, n + 2)) if draw(st.booleans())
                else row("") * n)
        data = head + rows + row(cell(""))
    elif attack == "wide":  # one row of cells without numbers past the last column
        data = head + row(cell("") * draw(st.integers(2_001, 20_000)))
    elif attack == "extent":  # rows and columns each within their limit, not together
        col, width = draw(st.sampled_from([("BXX", 2000), ("AAA", 703), ("ZZ", 702)]))
        last = min(200_000, 4_000_000 // width + draw(st.integers(1, 50_000)))
        data = head + row(cell(spelling.format(ref=f"{col}{last}")))
    elif attack == "shared":  # one long shared string in every cell
        length = draw(st.integers(5_000, 32_767))
        uses = TEXT_LIMIT // length + draw(st.integers(1, 20_000))
        shared = b"<si><t>" + b"x" * length + b"</t></si>"
        data = head + row(cell('t="s"', "0") * 50) * (uses // 50 + 1)
    else:  # a value wrapped in elements past the depth limit
        levels = draw(st.integers(65, 2_000_000))
        data = head + row(cell('r="A2"') + f"<{tag('x')}>" * levels + f"</{tag('x')}>" * levels)
    dimension = draw(st.sampled_from([None, "A1:XFD1048576", "A1:B2"]))
    return data.encode(), shared, attack, p, dimension


#: the sentence each kind of excess is refused with (docs/input-checks.md)
FUZZ_SENTENCES = {
    "far cell": ["还有内容，超过200000行的上限", "还有内容，超过4000000个单元格的上限"],
    "tall": ["还有内容，超过200000行的上限"],
    "wide": ["还有内容，超过4000000个单元格的上限"],
    "extent": ["还有内容，超过4000000个单元格的上限"],
    "shared": [f"文字超过{TEXT_LIMIT}个字符，请拆分后再导入"],
    "nesting": ["嵌套超过64层，不是有效的 Excel 工作簿"],
}


@pytest.mark.parametrize("attack", ATTACKS)
@settings(max_examples=3, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_hostile_sheet_is_refused_within_the_memory_limit(attack, data):
    sheet = data.draw(hostile_sheets(attack))
    part = data.draw(_PARTS)
    data, shared, attack, prefix, dimension = sheet
    with tempfile.TemporaryDirectory() as folder:
        path = package(Path(folder) / "hostile.xlsx", data, part=part, shared=shared, prefix=prefix,
                       dimension=dimension)
        assert path.stat().st_size < 2_000_000
        proc, results = run_child("read", [str(path)])
    assert results and results[0][0] == 1, f"{attack}: {proc.stderr[-500:]}"
    assert results[0][1] < LIMIT_MB * 1024
    assert proc.stderr.startswith("“hostile.xlsx”")
    assert any(s in proc.stderr for s in FUZZ_SENTENCES[attack]), (attack, proc.stderr)
    assert "Traceback" not in proc.stderr


def test_the_fast_scan_of_a_plain_sheet_counts_what_expat_counts(tmp_path):
    """A sheet written the plain way is counted by regular expressions (docs/input-checks.md),
    with the very counts of the expat scan; a formula, a comment or an unknown spelling is left to
    expat (None)."""
    import zipfile

    from reports.sheetreader import _expat_scan, _fast_scan

    rows = "".join(
        f'<row r="{r}" spans="1:4" ht="15"><c r="A{r}" t="inlineStr"><is><t>张三&amp;{r}</t></is></c>'
        f'<c r="B{r}" s="2"><v>{r}.5</v></c><c r="C{r}" t="s"><v>{r % 3}</v></c><c r="AB{r}" s="1"/></row>'
        for r in range(1, 200))
    head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
    tail = '</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>'
    path = tmp_path / "plain.zip"
    variants = {"plain": head + rows + tail,
                "formula": head + rows.replace("<v>1.5</v>", "<f>1+1</f><v>2</v>") + tail,
                "comment": head.replace("<sheetData>", "<!-- x --><sheetData>") + rows + tail,
                "no numbers": head + rows.replace(' r="A', " r2=\"A") + tail}
    with zipfile.ZipFile(path, "w") as z:
        for name, text in variants.items():
            z.writestr(name, text)
    with zipfile.ZipFile(path) as z:
        for name in variants:
            info = z.getinfo(name)
            data = z.read(info)
            fast, slow = _fast_scan(data, info, "plain.xlsx", name), _expat_scan((data,), info, "plain.xlsx", name, 1 << 30)
            if name != "plain":
                assert fast is None, name
                continue
            assert fast is not None
            assert (fast.max_row, fast.max_col, fast.cells, fast.text, fast.merges, fast.size) == \
                (slow.max_row, slow.max_col, slow.cells, slow.text, slow.merges, slow.size) == \
                (199, 28, 199 * 4, slow.text, 1, len(data))
            assert list(fast.shared) == list(slow.shared) and fast.no_value == slow.no_value == []
