"""Official letter PDFs (GB/T 9704-2012 letter format): text, fonts, positions, line breaking.

Layout rule checked here (from docs/letter-layout.md and GB/T 9704 §10.1), all in mm
from the top-left corner, a text line's "top" being the top of its em box (pdfplumber's `top`):
- red agency name: top 30; first red double line: its top 4 below the name's bottom, 170 long,
  centred (x 20..190); second red double line: lower edge 20 above the bottom edge (277);
- the number: flush right on the text block (x1 = 28 + 156 = 184), its top 7/8 of a 3号 (16 pt)
  character below the first double line;
- from the number on, lines follow the grid pitch 225/22: the title 3 pitches below the number
  (two blank lines), centred on its grid line; one blank line; the recipient; the body's first
  line directly below the recipient (one pitch).
- later pages: first grid line at the text block top (37); page number top 7 below the text
  block (262 + 7), even pages left and odd pages right, one 14 pt character in from the edge.
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports import fonts as fontmod
from reports.letter_pdf import Appendix, LetterDoc, LetterTable, render_letter, render_letters
from reports.linebreak import NO_END, NO_START, break_lines, char_units

pdfplumber = pytest.importorskip("pdfplumber")

PT = 25.4 / 72
PITCH = 225 / 22
CELL = 156 / 28
NEEDS_POPPLER = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdffonts") and shutil.which("pdftoppm")),
    reason="poppler-utils (pdftotext, pdffonts, pdftoppm) not installed",
)

PROBLEMS = [f"第{i}项问题：三会一课记录不全" if i % 2 else f"第{i}项问题：党费台账未及时登记"
            for i in range(1, 13)]


def provoking_paragraph() -> str:
    """Text whose naive 28-per-line breaking would start lines with closing punctuation: closing
    marks at positions 26 (first line is indented 2), 28, 54, 56, 82, 84 ... and an opening mark
    where a line would end."""
    chars = list("根据县委工作安排组织部对全县基层党组织建设情况开展专项督查发现问题" * 12)
    for k in range(1, 12):
        for pos, mark in ((28 * k - 2, "，"), (28 * k, "。"), (28 * k + 1, "）")):
            if pos < len(chars):
                chars[pos] = mark
    for k in range(1, 6):
        pos = 28 * k + 10
        chars[pos - 1] = "（"  # would end a line after a one-character shift
    return "".join(chars)


def make_doc(number: str = "某组督〔2026〕3号", **over) -> LetterDoc:
    rows = [[str(i), f"东城镇第{i}党支部", p, "严重" if i % 4 == 0 else "一般",
             f"2026年3月{i + 5}日"] for i, p in enumerate(PROBLEMS, 1)]
    rows[5][2] = PROBLEMS[5] + "，支部委员会会议记录缺少议题和表决情况，党员大会未按季度召开，" * 3
    values = dict(
        agency_name="中共某某县委组织部",
        number=number,
        title="关于东城镇党委基层党建工作问题整改的督办函",
        recipient="中共东城镇委员会",
        paragraphs=[
            "根据县委工作安排，县委组织部于2026年2月对全县基层党组织建设情况开展了专项督查。"
            "联系电话：13800000000，联系人：张三。",
            provoking_paragraph(),
            "请于2026年3月20日前将整改情况书面报县委组织部组织科（☎0771-1234567）。",
        ],
        table=LetterTable(["序号", "党组织", "问题描述", "类别", "整改时限"], rows),
        attachments=["整改情况报告模板", "问题整改清单"],
        signature="中共某某县委组织部",
        date=datetime.date(2026, 3, 5),
        copies=["县纪委监委", "县委办公室"],
    )
    values.update(over)
    return LetterDoc(**values)


@pytest.fixture(scope="module")
def letter_pdf(tmp_path_factory) -> Path:
    return render_letter(make_doc(), tmp_path_factory.mktemp("pdf") / "letter.pdf")


def mm(v: float) -> float:
    return v / PT  # mm → points (pdfplumber units)


def text_lines(page) -> list[list[dict]]:
    """Characters grouped by line (same top), left to right, top to bottom."""
    rows: dict[float, list[dict]] = {}
    for ch in page.chars:
        key = round(ch["top"], 1)
        rows.setdefault(key, []).append(ch)
    return [sorted(v, key=lambda c: c["x0"]) for _, v in sorted(rows.items())]


def line_text(chars: list[dict]) -> str:
    return "".join(c["text"] for c in chars)


def is_red(color) -> bool:
    return bool(color) and len(color) == 3 and color[0] > 0.8 and color[1] < 0.2 and color[2] < 0.2


# ---------------------------------------------------------------- line breaking (pure)


def test_break_lines_keeps_numbers_and_pulls_punctuation_down():
    lines = break_lines("一二三四五六七八九十，一二三", 10)
    assert lines == ["一二三四五六七八九", "十，一二三"]
    lines = break_lines("联系电话：13800000000，张三", 10)
    assert "13800000000" in "".join(lines) and any("13800000000" in x for x in lines)
    assert all(not x.startswith("，") for x in lines)
    lines = break_lines("一二三四五六七八九（十）", 10)
    assert not lines[0].endswith("（")
    assert break_lines("于2026年召开", 2.5) == ["于", "2026", "年召", "开"]


def test_break_lines_ellipsis_indent_newline_and_long_tokens():
    assert break_lines("一二三四五六七八……好", 9) == ["一二三四五六七", "八……好"]
    assert break_lines("一二三四五", 4, indent=2) == ["一二", "三四五"]
    assert break_lines("一二\n三四", 10) == ["一二", "三四"]
    assert break_lines("", 10) == [""]
    lines = break_lines("x" * 30, 10)  # a token longer than a line is split
    assert lines == ["x" * 20, "x" * 10]
    # a line of nothing but closing marks cannot be fixed: the mark hangs
    assert break_lines("，。，。", 1) == ["，。", "，。"]
    assert break_lines("请于“三会一课”中", 4) == ["请于“三", "会一课”", "中"]


CJK = "党建督查工作组织部委员会基层支部整改落实"
_word = st.one_of(
    st.sampled_from(list(CJK)),
    st.tuples(st.sampled_from(list(CJK)), st.sampled_from(sorted(NO_START - set(",.;:?!)]}%>"))))
    .map("".join),
    st.tuples(st.sampled_from(sorted(NO_END - set("([{<"))), st.sampled_from(list(CJK)))
    .map("".join),
    st.integers(0, 10**9).map(lambda n: f"{n}号"),
)


@settings(max_examples=300, deadline=None)
@given(words=st.lists(_word, min_size=1, max_size=80), width=st.integers(12, 28))
def test_break_lines_property(words, width):
    text = "".join(words)
    lines = break_lines(text, width, indent=2)
    assert "".join(lines) == text
    for n, line in enumerate(lines):
        assert line, lines
        assert line[0] not in NO_START or n == 0
        assert line[-1] not in NO_END or n == len(lines) - 1
        assert char_units(line) <= width - (2 if n == 0 else 0) + 1e-9
    for number in (w[:-1] for w in words if w.endswith("号")):
        assert any(number in line for line in lines)  # numbers are never split


# ---------------------------------------------------------------- fonts


def test_fonts_found_and_embeddable():
    lf = fontmod.letter_fonts()
    assert lf.embedded, fontmod.describe_fonts()
    assert fontmod.font_warnings() == []
    for role, face in lf.chosen.items():
        assert face is not None and face.path.lower().endswith((".ttf", ".ttc")), role


def test_a_face_without_digits_is_passed_over_for_one_of_its_style_with_them(monkeypatch):
    """Droid Sans Fallback (pulled in by ImageMagick, listed before WenQuanYi) is a 黑体 without
    Latin: titles and table headers would draw every 文号 and date in another face."""
    droid = fontmod.FontFile("/fonts/DroidSansFallbackFull.ttf", 0, "Droid Sans Fallback", "hei")
    wqy = fontmod.FontFile("/fonts/wqy-zenhei.ttc", 0, "WenQuanYi Zen Hei", "hei")
    ming = fontmod.FontFile("/fonts/uming.ttc", 0, "AR PL UMing CN", "song")
    han = frozenset({0x4E2D, 0x56FD})
    digits = han | frozenset(range(0x30, 0x3A))
    monkeypatch.setitem(fontmod._cmaps, (droid.path, 0), han)
    monkeypatch.setitem(fontmod._cmaps, (wqy.path, 0), digits)
    monkeypatch.setitem(fontmod._cmaps, (ming.path, 0), digits)
    chosen = fontmod.choose_fonts([ming, droid, wqy])
    assert chosen["table_header"] == wqy and chosen["title"] == wqy and chosen["body"] == ming
    # with no other 黑体, the one there is still serves (its digits come from a fallback face)
    assert fontmod.choose_fonts([ming, droid])["table_header"] == droid


def test_font_config_and_cid_fallback(monkeypatch, tmp_path):
    found = fontmod.discover_fonts()
    if not found:
        pytest.skip("no CJK TrueType font installed")
    try:
        face = found[-1]
        fontmod.configure_fonts(files={"fang": f"{face.path}#{face.index}"})
        assert fontmod.letter_fonts().chosen["body"].path == face.path
        assert fontmod.letter_fonts().chosen["body"].index == face.index
        fontmod.configure_fonts()
        monkeypatch.setattr(fontmod, "discover_fonts", lambda: [])
        lf = fontmod.letter_fonts()
        assert not lf.embedded and lf.body == "STSong-Light"
        assert fontmod.font_warnings() == [fontmod.NO_EMBED_WARNING]
        out = render_letter(make_doc(), tmp_path / "cid.pdf")
        assert out.stat().st_size > 1000
    finally:
        monkeypatch.undo()
        fontmod.configure_fonts()
    assert fontmod.letter_fonts().embedded


# ---------------------------------------------------------------- the PDF


@NEEDS_POPPLER
def test_text_has_every_element(letter_pdf):
    text = subprocess.run(["pdftotext", str(letter_pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = "".join(text.split())
    for expected in ["某组督〔2026〕3号", "关于东城镇党委基层党建工作问题整改的督办函",
                     "中共东城镇委员会：", "中共某某县委组织部", "2026年3月5日",
                     "13800000000", "☎0771-1234567", "附件：1.整改情况报告模板", "2.问题整改清单",
                     "抄送：县纪委监委，县委办公室。", *PROBLEMS]:
        assert expected in flat, expected


@NEEDS_POPPLER
def test_every_font_embedded(letter_pdf):
    out = subprocess.run(["pdffonts", str(letter_pdf)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    assert out, "no fonts listed"
    for line in out:
        cols = line.split()
        # name type [type2] encoding emb sub uni object ID: emb is the 5th column from the end
        assert cols[-5] == "yes", line


def test_metadata(letter_pdf):
    with pdfplumber.open(letter_pdf) as pdf:
        assert pdf.metadata["Title"] == "关于东城镇党委基层党建工作问题整改的督办函"
        assert pdf.metadata["Author"] == "中共某某县委组织部"


def test_first_page_positions(letter_pdf):
    with pdfplumber.open(letter_pdf) as pdf:
        page = pdf.pages[0]
        lines = text_lines(page)
        name = next(line for line in lines if line_text(line) == "中共某某县委组织部")
        assert all(is_red(c["non_stroking_color"]) for c in name)
        assert abs(name[0]["top"] - mm(30)) < mm(1)
        name_bottom = name[0]["bottom"]
        centre = (name[0]["x0"] + name[-1]["x1"]) / 2
        assert abs(centre - mm(105)) < mm(1)

        red = sorted((r for r in page.rects if is_red(r["non_stroking_color"])),
                     key=lambda r: r["top"])
        assert len(red) == 4, red
        for r in red:
            assert abs(r["x0"] - mm(20)) < mm(1) and abs(r["x1"] - mm(190)) < mm(1)
        thick_top, thin_top = red[0], red[1]
        assert abs(thick_top["top"] - (name_bottom + mm(4))) < mm(1)
        assert thick_top["height"] > thin_top["height"]  # thick over thin
        thin_bot, thick_bot = red[2], red[3]
        assert thin_bot["height"] < thick_bot["height"]  # thin over thick
        assert abs(thick_bot["bottom"] - mm(297 - 20)) < mm(1)

        number = next(line for line in lines if line_text(line) == "某组督〔2026〕3号")
        rule_bottom = thin_top["bottom"]
        number_top = rule_bottom + 7 / 8 * 16
        assert abs(number[0]["top"] - number_top) < mm(1)
        assert abs(number[-1]["x1"] - mm(184)) < mm(1)

        title_lines = [line for line in lines if line and abs(line[0]["size"] - 22) < 0.5]
        assert title_lines
        title_top = title_lines[0][0]["top"] + (22 - 16) / 2  # centred on its 16 pt grid line
        assert abs(title_top - (number_top + mm(3 * PITCH))) < mm(1)
        for tl in title_lines:
            c = (tl[0]["x0"] + tl[-1]["x1"]) / 2
            assert abs(c - mm(28 + 78)) < mm(1.5)

        rows_after_number = 3 + len(title_lines) + 1
        recipient = next(line for line in lines if line_text(line) == "中共东城镇委员会：")
        assert abs(recipient[0]["top"] - (number_top + mm(rows_after_number * PITCH))) < mm(1)
        assert abs(recipient[0]["x0"] - mm(28)) < mm(0.5)

        body = [line for line in lines if line[0]["top"] > recipient[0]["top"] + 1
                and abs(line[0]["size"] - 16) < 0.5 and line[0]["top"] < mm(262)]
        first = body[0]
        assert line_text(first).startswith("根据县委工作安排")
        assert abs(first[0]["top"] - (number_top + mm((rows_after_number + 1) * PITCH))) < mm(1)
        assert abs(first[0]["x0"] - mm(28 + 2 * CELL)) < mm(0.5)  # indented 2 characters
        for k, line in enumerate(body):  # on the 22-line grid
            assert abs(line[0]["top"] - first[0]["top"] - mm(k * PITCH)) < mm(0.5)


def body_lines(pdf) -> list[str]:
    """Text of every 16 pt line inside the text block (the body grid), all pages."""
    out = []
    for page in pdf.pages:
        for line in text_lines(page):
            if abs(line[0]["size"] - 16) < 0.5 and mm(37) - 1 < line[0]["top"] < mm(262):
                out.append(line_text(line))
    return out


def test_no_line_starts_with_closing_punctuation(letter_pdf):
    with pdfplumber.open(letter_pdf) as pdf:
        lines = body_lines(pdf)
        table_lines = [line_text(x) for p in pdf.pages for x in text_lines(p)
                       if abs(x[0]["size"] - 12) < 0.5]
        for page in pdf.pages:
            for line in text_lines(page):
                if abs(line[0]["size"] - 16) < 0.5:
                    assert line[-1]["x1"] <= mm(184) + 0.5, line_text(line)  # inside the block
    assert len(lines) > 20
    for line in lines:
        assert line[0] not in NO_START, line
        assert line[-1] not in NO_END, line
    # the provoking paragraph did put closing marks right after a break would fall
    assert sum(1 for line in lines if "，" in line or "。" in line) > 5
    for line in table_lines:
        assert line[0] not in NO_START, line
    # a 28-character line exists (the grid is really 28 wide) and none is longer
    widths = [sum(1 if ord(ch) > 0x2000 else 0.5 for ch in line) for line in lines]
    assert max(widths) == 28


def test_table_header_repeats_and_page_numbers(letter_pdf):
    with pdfplumber.open(letter_pdf) as pdf:
        assert len(pdf.pages) >= 3
        pages_with_rows = []
        for n, page in enumerate(pdf.pages, 1):
            text = "".join((page.extract_text() or "").split())
            if any(f"东城镇第{i}党支部" in text for i in range(1, 13)):
                pages_with_rows.append(n)
                assert "问题描述" in text and "整改时限" in text, n
            lines = text_lines(page)
            numbers = [line for line in lines if line_text(line).startswith("—")]
            if n == 1:
                assert not numbers
                assert "— 1 —" not in (page.extract_text() or "")
                continue
            assert len(numbers) == 1
            num = numbers[0]
            assert line_text(num).replace(" ", "") == f"—{n}—"
            assert abs(num[0]["size"] - 14) < 0.5
            assert abs(num[0]["top"] - mm(262 + 7)) < mm(1)
            if n % 2 == 0:
                assert abs(num[0]["x0"] - (mm(28) + 14)) < mm(1)
            else:
                assert abs(num[-1]["x1"] - (mm(184) - 14)) < mm(1)
        assert len(pages_with_rows) >= 2, "the table should break across pages in this test"
        # later pages: the body grid starts at the text block top
        second = [line for line in text_lines(pdf.pages[1]) if line[0]["top"] < mm(262)]
        assert abs(second[0][0]["top"] - mm(37)) < mm(1)


def test_signature_date_and_attachments(letter_pdf):
    with pdfplumber.open(letter_pdf) as pdf:
        last = pdf.pages[-1]
        lines = text_lines(last)
        sig = next(line for line in lines if line_text(line) == "中共某某县委组织部")
        date = next(line for line in lines if line_text(line) == "2026年3月5日")
        assert abs(date[0]["top"] - sig[0]["top"] - mm(PITCH)) < mm(0.5)
        # signature 2 characters from the right edge; the date 2 characters right of it
        assert abs(sig[-1]["x1"] - mm(184 - 2 * CELL)) < mm(1)
        assert abs(date[0]["x0"] - sig[0]["x0"] - mm(2 * CELL)) < mm(1)
        att = [line for p in pdf.pages for line in text_lines(p)
               if line_text(line).startswith(("附件：", "2."))]
        assert abs(att[0][0]["x0"] - mm(28 + 2 * CELL)) < mm(0.5)
        assert abs(att[1][0]["x0"] - mm(28 + 5 * CELL)) < mm(0.5)  # aligned under "1."
        copies = next(line for line in lines if line_text(line).startswith("抄送："))
        assert copies[0]["bottom"] <= mm(262) + 0.5


def png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB/RGBA PNG without dependencies: (width, channels, rows)."""
    data = path.read_bytes()
    pos, idat, width, height, channels = 8, b"", 0, 0, 3
    while pos < len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = int.from_bytes(body[:4], "big"), int.from_bytes(body[4:8], "big")
            channels = {2: 3, 6: 4, 0: 1}[body[9]]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
        rows.append(bytes(line))
        prev = line
    return width, channels, rows


@NEEDS_POPPLER
def test_rendered_page_is_not_blank(letter_pdf, tmp_path):
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(letter_pdf),
                    str(tmp_path / "p")], check=True)
    png = next(tmp_path.glob("p*.png"))
    width, ch, rows = png_pixels(png)
    dark = red = 0
    for row in rows:
        for x in range(width):
            r, g, b = row[x * ch], row[x * ch + 1], row[x * ch + 2]
            if r < 128 and g < 128 and b < 128:
                dark += 1
            elif r > 180 and g < 90 and b < 90:
                red += 1
    assert dark > 2000, dark  # body text (glyphs, not empty boxes)
    assert red > 300, red  # agency name and double lines


def test_draft_prints_caogao_and_combined_pdf(tmp_path):
    docs = [make_doc(number=""),
            make_doc(number="某组督〔2026〕4号", recipient="中共西城镇委员会:", table=None,
                     paragraphs=["请抓紧整改。"], copies=[], attachments=[],
                     signature="县委组织部", date=datetime.date(2026, 12, 25))]
    out = render_letters(docs, tmp_path / "all.pdf")
    single = render_letter(docs[0], tmp_path / "one.pdf")
    with pdfplumber.open(single) as pdf:
        n_first = len(pdf.pages)
        assert "草稿" in (pdf.pages[0].extract_text() or "")
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == n_first + 1
        second = pdf.pages[n_first].extract_text() or ""
        assert "某组督〔2026〕4号" in second and "中共西城镇委员会：" in second
        assert "—" not in second  # page numbers restart: the second letter's first page has none
        # a date longer than the signature: the date keeps 2 characters from the right edge
        # and the signature moves left, 2 characters before the date's first character
        lines = text_lines(pdf.pages[n_first])
        sig = next(line for line in lines if line_text(line) == "县委组织部")
        date = next(line for line in lines if line_text(line) == "2026年12月25日")
        assert abs(date[-1]["x1"] - mm(184 - 2 * CELL)) < mm(0.5)
        assert abs(date[0]["x0"] - sig[0]["x0"] - mm(2 * CELL)) < mm(0.5)
        assert pdf.metadata["Author"] == "中共某某县委组织部"


def test_row_taller_than_a_page_is_split(tmp_path):
    long_text = "".join(f"第{i}条整改要求落实情况。" for i in range(1, 150))
    doc = make_doc(table=LetterTable(["序号", "问题描述"], [["1", long_text], ["2", "最后一行"]],
                                     col_widths_mm=[20, 136]))
    out = render_letter(doc, tmp_path / "split.pdf")
    with pdfplumber.open(out) as pdf:
        texts = ["".join((p.extract_text() or "").split()) for p in pdf.pages]
    flat = "".join(texts)
    for i in (1, 75, 149):
        assert f"第{i}条整改要求落实情况。" in flat
    pages = [t for t in texts if "整改要求落实情况" in t]
    assert len(pages) >= 2 and all("问题描述" in t for t in pages)
    assert "最后一行" in flat and "2026年3月5日" in flat


def test_font_dir_from_environment(monkeypatch, tmp_path):
    found = [f for f in fontmod.discover_fonts() if f.path.lower().endswith(".ttc")]
    if not found:
        pytest.skip("no CJK TrueType collection installed")
    (tmp_path / "simfang.ttf").symlink_to(found[0].path)  # a file named like Windows' 仿宋
    (tmp_path / "NotoSansCJK-Regular.otf").write_bytes(b"OTTO" + b"\0" * 64)  # CFF: skipped
    monkeypatch.setenv("DANGJIAN_FONT_DIR", str(tmp_path))
    try:
        fontmod.configure_fonts()
        chosen = fontmod.letter_fonts().chosen
        assert chosen["body"].path == str(tmp_path / "simfang.ttf")
        assert chosen["table"].path == str(tmp_path / "simfang.ttf")
        assert all(not f.path.endswith(".otf") for f in fontmod.discover_fonts())
    finally:
        monkeypatch.delenv("DANGJIAN_FONT_DIR")
        fontmod.configure_fonts()


def _one_line_doc(n: int, **over) -> LetterDoc:
    """A letter of ``n`` one-line paragraphs (第1段 … 第n段) and nothing else in the body."""
    values = dict(paragraphs=[f"第{i}段正文。" for i in range(1, n + 1)], table=None,
                  attachments=[], copies=[])
    values.update(over)
    return make_doc(**values)


def test_table_header_is_never_left_alone_at_the_bottom_of_a_page(tmp_path):
    # how many one-line paragraphs fit on page 1 (measured, not assumed)
    fit = 0
    with pdfplumber.open(render_letter(_one_line_doc(30), tmp_path / "probe.pdf")) as pdf:
        first = "".join((pdf.pages[0].extract_text() or "").split())
    while f"第{fit + 1}段正文" in first:
        fit += 1
    assert 5 < fit < 30
    # the body ends 1-3 free grid lines above the bottom of page 1 (2 and 3 lines: room for the
    # header and a one-line row, not for the 3-line first row); then the table
    long_problem = "支部委员会会议记录缺少议题和表决情况，党员大会未按季度召开，" * 2
    table = LetterTable(["序号", "问题描述", "整改时限"],
                        [["1", long_problem, "2026年4月1日"], ["2", "末行问题", "2026年4月2日"]],
                        col_widths_mm=[20, 100, 36])
    for free in (1, 2, 3):
        out = render_letter(_one_line_doc(fit - free, table=table), tmp_path / f"orphan{free}.pdf")
        with pdfplumber.open(out) as pdf:
            page1 = "".join((pdf.pages[0].extract_text() or "").split())
            words = pdf.pages[1].extract_words()
        assert f"第{fit - free}段正文" in page1  # the body really fills page 1
        assert "问题描述" not in page1 and "整改时限" not in page1, f"header alone ({free} free)"
        header = next(w for w in words if w["text"] == "问题描述")
        row = next(w for w in words if w["text"].startswith("支部委员会"))
        assert header["top"] < row["top"]  # page 2: the header directly above the first row
        assert "末行问题" in "".join(w["text"] for w in words)


def test_signature_is_not_alone_at_the_top_of_a_page(tmp_path):
    fit = 0
    with pdfplumber.open(render_letter(_one_line_doc(30), tmp_path / "probe.pdf")) as pdf:
        first = "".join((pdf.pages[0].extract_text() or "").split())
    while f"第{fit + 1}段正文" in first:
        fit += 1
    for n in (fit - 1, fit):  # no room for blank line + signature + date after the body
        out = render_letter(_one_line_doc(n), tmp_path / f"sig{n}.pdf")
        with pdfplumber.open(out) as pdf:
            pages = ["".join((p.extract_text() or "").split()) for p in pdf.pages]
        assert len(pages) == 2
        assert "中共某某县委组织部2026年3月5日" not in pages[0]
        assert "2026年3月5日" in pages[1]
        # the last body line went with the signature; the rest stayed on page 1
        assert f"第{n}段正文" in pages[1] and f"第{n}段正文" not in pages[0], n
        assert f"第{n - 1}段正文" in pages[0]


# ---------------------------------------------------------------- titles, attachments, fallback


def _template_titles() -> list[str]:
    """The titles the demo county's letters get: the first line of each default template."""
    from importlib import resources

    titles = []
    for name in ("reminder.txt", "supervision.txt", "warning.txt"):
        first = resources.files("resources.letters").joinpath(name).read_text("utf-8").splitlines()[0]
        titles.append(first.replace("${month}", "2026年11月").replace("${year}", "2026"))
    return titles


def title_rows(pdf_path: Path) -> list[str]:
    """The title's lines on page 1 (the 22 pt characters), top to bottom."""
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        rows: dict[float, list[dict]] = {}
        for c in page.chars:
            if abs(c["size"] - 22) < 0.5:  # by baseline: characters from another face share it
                rows.setdefault(round(c["matrix"][5], 1), []).append(c)
        return [line_text(sorted(r, key=lambda c: c["x0"])) for _, r in sorted(rows.items(), reverse=True)]


#: words a title line must never split (GB/T 9704: 标题回行时要做到词意完整)
WHOLE_WORDS = ("关于", "做好", "2026年11月", "基层党建", "重点", "工作", "督促", "整改", "问题",
               "逾期", "提示函", "督办函", "预警函")


@NEEDS_POPPLER
@pytest.mark.parametrize("title", [*_template_titles(),
                                   "关于基层党建工作问题逾期未整改的工作预警函",
                                   "关于对东城镇党委2026年11月基层党建工作逾期问题进行约谈的通报"])
def test_a_two_line_title_breaks_between_words_in_balanced_lines(tmp_path, title):
    import jieba

    rows = title_rows(render_letter(make_doc(title=title, table=None), tmp_path / "t.pdf"))
    assert "".join(rows) == title
    if len(title) <= 20:
        assert len(rows) == 1
        return
    assert len(rows) == 2, rows
    cut = len(rows[0])
    for word in WHOLE_WORDS:
        start = title.find(word)
        while start >= 0:
            assert not start < cut < start + len(word), f"{rows}: “{word}” split"
            start = title.find(word, start + 1)
    bounds, pos = set(), 0
    for w in jieba.lcut(title):
        pos += len(w)
        bounds.add(pos)
    assert cut in bounds, f"{rows}: not a word boundary"
    assert abs(char_units(rows[0]) - char_units(rows[1])) <= 4, rows  # balanced, no stub
    assert not rows[1].startswith("的"), rows


def test_title_lines_keep_dates_and_words_whole():
    from reports.linebreak import title_lines

    assert title_lines("关于基层党建工作问题逾期未整改的工作预警函", 20) == [
        "关于基层党建工作问题", "逾期未整改的工作预警函"]
    lines = title_lines("关于做好2026年11月基层党建重点工作的工作提示函", 12)
    assert any("2026年11月" in line for line in lines) and "".join(lines).startswith("关于做好")
    assert title_lines("短标题", 20) == ["短标题"]


def _fill_page_one() -> int:
    """How many one-line paragraphs fit on page 1 of a letter (measured, not assumed)."""
    import tempfile

    with tempfile.TemporaryDirectory() as d, \
            pdfplumber.open(render_letter(_one_line_doc(30), Path(d) / "probe.pdf")) as pdf:
        first = "".join((pdf.pages[0].extract_text() or "").split())
    fit = 0
    while f"第{fit + 1}段正文" in first:
        fit += 1
    return fit


def _pages(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return ["".join((p.extract_text() or "").split()) for p in pdf.pages]


def test_the_signature_page_carries_body_text_and_the_copies_are_never_alone(tmp_path):
    fit = _fill_page_one()
    for n, attachments in [(n, a) for n in range(fit - 6, fit + 2) for a in ([], ["督办问题清单"])]:
        out = render_letter(_one_line_doc(n, copies=["县纪委监委", "县委办公室"],
                                          attachments=attachments), tmp_path / f"c{n}.pdf")
        pages = _pages(out)
        if attachments:  # the 附件说明 alone is not the text the signature must share its page with
            assert "附件：督办问题清单" in pages[-1]
        sig = next(i for i, p in enumerate(pages) if "2026年3月5日" in p)
        assert "正文" in pages[sig].split("中共某某县委组织部2026年3月5日")[0], (n, pages[sig])
        assert "抄送：县纪委监委，县委办公室。" in pages[-1], n
        assert "2026年3月5日" in pages[-1], f"{n}: the 版记 alone on a page"
        assert f"第{n}段正文" in pages[-1]


def _letter_with_appendix(n_rows: int, **over) -> LetterDoc:
    rows = [[str(i), f"东城镇第{i}党支部", "组织生活", f"第{i}项：三会一课记录不全，组织生活会程序不规范",
             "2026年3月25日"] for i in range(1, n_rows + 1)]
    values = dict(
        table=None, attachments=["督办问题清单"],
        appendices=[Appendix("督办问题清单",
                             LetterTable(["序号", "党组织", "问题类别", "问题描述", "整改时限"], rows))],
    )
    values.update(over)
    return make_doc(**values)


def test_the_problem_list_is_an_attachment_after_the_signature(tmp_path):
    for n_rows in range(8, 26, 3):
        out = render_letter(_letter_with_appendix(n_rows), tmp_path / f"a{n_rows}.pdf")
        pages = _pages(out)
        sig = next(i for i, p in enumerate(pages) if "2026年3月5日" in p)
        # 附件说明 under the body, before the signature, on the signature's page
        assert "附件：督办问题清单中共某某县委组织部2026年3月5日" in pages[sig]
        # the attachment on a page of its own: "附件" first, its title, its table
        appendix = pages[sig + 1]
        assert "附件督办问题清单序号党组织问题类别问题描述整改时限" in appendix, appendix[:40]
        assert "第1项" in appendix and "第1项" not in "".join(pages[: sig + 1])
        assert f"第{n_rows}项" in pages[-1]
        # the 版记 at the foot of the last page, with the last row of the list
        assert "抄送：县纪委监委，县委办公室。" in pages[-1]
        assert "抄送：" not in "".join(pages[:-1])
        with pdfplumber.open(out) as pdf:
            last = pdf.pages[-1]
            copies = next(w for w in last.extract_words() if w["text"].startswith("抄送"))
            assert copies["bottom"] <= mm(37 + 225) + 1 and copies["bottom"] > mm(37 + 225) - 12


def test_several_attachments_are_numbered(tmp_path):
    doc = _letter_with_appendix(2, attachments=["督办问题清单", "整改情况报告模板"],
                                appendices=[Appendix("督办问题清单", LetterTable(["序号"], [["1"]])),
                                            Appendix("整改情况报告模板", None, ["请按以下格式报送。"])])
    pages = _pages(render_letter(doc, tmp_path / "two.pdf"))
    assert "附件：1.督办问题清单2.整改情况报告模板中共某某县委组织部" in "".join(pages)
    assert any("附件1督办问题清单" in p for p in pages)
    assert any("附件2整改情况报告模板" in p for p in pages)


RARE = "☎𠈌䶮"  # a symbol, a CJK Extension B surname character, an Extension A character


@NEEDS_POPPLER
def test_a_character_the_body_face_lacks_is_drawn_with_another_face(tmp_path):
    lf = fontmod.letter_fonts()
    drawable = [ch for ch in RARE if fontmod.font_for_char(lf.body, ch)]
    if not any(not fontmod.has_glyph(lf.body, ch) for ch in drawable):
        pytest.skip("the body face has every test character")
    para = "联系人：𠈌小䶮，电话☎ 0931-1234567，请于3日内回复。"
    out = render_letter(make_doc(paragraphs=[para], table=None, title="关于䶮字测试的函"),
                        tmp_path / "rare.pdf")
    text = "".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    for ch in drawable:
        assert ch in text, ch
    if drawable == list(RARE):  # in place, nothing dropped around them
        assert "联系人：𠈌小䶮，电话☎0931-1234567" in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert len(fonts) >= 2  # the body face and the one that has what it lacks
    assert all(line.split()[-5] == "yes" for line in fonts), fonts


def test_characters_no_face_has_are_listed(tmp_path):
    from reports.letter_pdf import letter_missing_characters

    nowhere = "\U000f0001"  # a private-use plane-15 character: no installed face has it
    doc = make_doc(paragraphs=["联系人：张三" + nowhere], table=None)
    assert letter_missing_characters(doc) == [nowhere]
    assert letter_missing_characters(make_doc(paragraphs=["联系人：张三☎"], table=None)) == [
        ch for ch in "☎" if not fontmod.font_for_char(fontmod.letter_fonts().body, ch)]


def test_saved_font_files_are_preferred(tmp_path):
    found = fontmod.discover_fonts()
    if len({(f.path, f.index) for f in found}) < 2:
        pytest.skip("needs two CJK TrueType faces")
    default = fontmod.letter_fonts().chosen["body"]
    other = next(f for f in found if (f.path, f.index) != (default.path, default.index))
    try:
        fontmod.set_preferred_fonts(f"{other.path}#{other.index}|{tmp_path / 'gone.ttf'}")
        chosen = fontmod.letter_fonts().chosen
        assert (chosen["body"].path, chosen["body"].index) == (other.path, other.index)
        warning = fontmod.font_warning()
        assert warning and "gone.ttf" in warning
    finally:
        fontmod.set_preferred_fonts([])
    assert fontmod.letter_fonts().chosen["body"] == default
    assert fontmod.font_warning() is None


def test_letters_issue_and_pdf_warn_about_characters_no_font_has(sqlite_path, tmp_path, capsys):
    from desktop.cli import main
    from models.actor import Actor
    from models.db import open_database
    from models.roles import Role
    from tests.factories import build_county
    from tests.supervision_factories import problem

    nowhere = "\U000f0001"
    db = open_database(sqlite_path)
    with db.session() as s:
        actor = Actor("测试员", Role.ADMIN)
        county = build_county(s, actor)
        problem(s, actor, county.village, description=f"党员{nowhere}某的党费未按时交纳")
        s.commit()
    db.dispose()
    assert main(["--db", str(sqlite_path), "letters", "draft", "--month", "2026-03",
                 "--as-of", "2026-03-11"]) == 0
    capsys.readouterr()
    assert main(["--db", str(sqlite_path), "letters", "issue", "--month", "2026-03",
                 "--date", "2026-03-12", "--reason", "补录"]) == 0
    err = capsys.readouterr().err
    assert "无法显示的字符" in err and nowhere in err and "中共某某县东城镇委员会" in err
    assert main(["--db", str(sqlite_path), "letters", "pdf", "--month", "2026-03",
                 "--out", str(tmp_path / "pdf")]) == 0
    assert nowhere in capsys.readouterr().err


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["关于", "基层党建", "工作", "问题", "逾期未整改", "的", "督办函", "2026年",
                                 "11月", "（第一批）", "，", "、", "提示函", "党组织", "整改落实", "情况"]),
                min_size=1, max_size=16),
       st.integers(min_value=8, max_value=24))
def test_title_lines_property(parts, width):
    from reports.linebreak import title_lines

    text = "".join(parts)
    lines = title_lines(text, width)
    assert "".join(lines) == text
    for i, line in enumerate(lines):
        assert char_units(line) <= width or len(lines) == len(break_lines(text, width)), lines
        if i:
            assert line[:1] not in NO_START, lines
        if i < len(lines) - 1:
            assert line[-1:] not in NO_END, lines
