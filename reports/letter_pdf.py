"""Official letters (公函, GB/T 9704-2012 letter format) as PDF, drawn with the reportlab canvas.

Layout (docs/letter-layout.md), all positions measured from the top-left corner:

- A4; text block 156 × 225 mm at top 37 mm, left 28 mm; a grid of 22 lines × 28 characters:
  body 16 pt (3号) with a character pitch of 156/28 mm and a line pitch of 225/22 mm.
  "Top" of a line = the top of its em box (baseline + (1 + descent) × size, the box PDF text
  extractors report), so tests can measure it.
- First page: the agency name in red, its top 30 mm from the top edge, centred (AGENCY_PT, shrunk
  to fit the text block when long); a red double line (thick over thin) 4 mm below the name,
  170 mm long, centred; a red double line (thin over thick) whose lower edge is 20 mm above the
  bottom edge. The letter number is flush right, 7/8 of a 3号 character height (14 pt) below the
  first double line (GB/T 9704 §10.1); "草稿" stands in for it on drafts. From the number the
  first page runs on the line pitch: the title two lines below the number (§10.1 "与其上最后一个
  要素相距二行": two blank lines), centred, 22 pt; one blank line; the recipient flush left
  ending with "："; then the body, directly below.
- Later pages: no red lines (the standard draws them on the first page of a letter only); the
  grid starts at the text block top (37 mm).
- Body paragraphs indented 2 characters, justified, broken by :func:`break_lines` (禁则).
- Table (tasks or problems): after the paragraphs, full text-block width, 12 pt cells with
  borders, wrapped; the header row repeats on every page the table runs onto; a row taller than
  the space left is split across pages. The header never ends a page alone: when it and the
  first row (its first 2 lines if the row is taller than a page) do not fit, the table starts on
  the next page.
- One blank line, then "附件：1.XXX" indented 2 characters (more attachments aligned under
  "1.", wrapped names aligned with the first character of the name).
- One blank line, then the signature (agency) right-aligned 2 characters from the right edge and
  the date on the next line, its first character 2 characters right of the signature's first
  character (when the date is longer, the signature moves left instead: GB/T 9704 §7.3.5.2,
  letters without a printed seal). Date in Arabic numerals without padding: 2026年3月5日.
  The signature is never alone at the top of a page: when it would be, the last body line (of a
  paragraph or the attachments) moves to that page with it (the letter is laid out once without
  drawing to find this out). After a table the signature may still open a page.
- 抄送 (版记) at the bottom of the text block of the last page, 14 pt, indented 1 character.
- Page numbers from page 2: "— 2 —" 14 pt 宋体, top 7 mm below the text block; odd pages right
  and even pages left, one character in from the text block edge (GB/T 9704 §7.5).
- A combined PDF (:func:`render_letters`) restarts the page numbers with each letter.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reportlab.lib.colors import Color, black
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from .fonts import LetterFonts, font_for_char, letter_fonts, missing_characters
from .linebreak import NO_END, break_lines, is_wide, title_lines

__all__ = [
    "LetterTable", "LetterDoc", "Appendix", "render_letter", "letter_missing_characters", "render_letters", "break_lines", "format_date",
]

# ---------------------------------------------------------------- layout constants (mm / pt)

PAGE_W, PAGE_H = 210.0, 297.0
TOP, LEFT = 37.0, 28.0
BLOCK_W, BLOCK_H = 156.0, 225.0
LINES, CHARS = 22, 28
CELL = BLOCK_W / CHARS  # mm per character
PITCH = BLOCK_H / LINES  # mm per line
PT = 25.4 / 72  # mm per point

BODY_PT = 16.0  # 3号
TITLE_PT = 22.0  # 2号
AGENCY_PT = 30.0
PAGE_NO_PT = 14.0  # 4号
COPIES_PT = 14.0
TABLE_PT = 12.0
TABLE_LEADING = 1.45
TABLE_PAD = 1.6  # mm inside a cell

RED = Color(0xE6 / 255, 0x00 / 255, 0x12 / 255)
AGENCY_TOP = 30.0
RULE_LEN = 170.0
RULE_GAP_BELOW_NAME = 4.0
RULE_THICK, RULE_THIN, RULE_SPACE = 0.8, 0.3, 0.6  # mm: thick line, thin line, gap between
BOTTOM_RULE_FROM_EDGE = 20.0
NUMBER_GAP = 7 / 8 * BODY_PT * PT  # 7/8 of a 3号 character below the first double line
PAGE_NO_GAP = 7.0

BLOCK_RIGHT = LEFT + BLOCK_W
BLOCK_BOTTOM = TOP + BLOCK_H


def format_date(d: datetime.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass
class LetterTable:
    headers: list[str]
    rows: list[list[str]]
    col_widths_mm: list[float] | None = None


@dataclass
class Appendix:
    """An attachment printed after the signature on a page of its own (GB/T 9704 §8): "附件" (with
    its number when there are several) flush left in 黑体, its title centred, then its table."""

    title: str
    table: LetterTable | None = None
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class LetterDoc:
    agency_name: str  # red header, e.g. 中共某某县委组织部
    number: str  # 某组督〔2026〕3号 ("" for drafts → 草稿 in its place)
    title: str
    recipient: str  # 主送
    paragraphs: list[str]  # body paragraphs
    table: LetterTable | None  # tasks or problems listed (after the paragraphs)
    attachments: list[str]
    signature: str  # agency name above the date
    date: datetime.date
    copies: list[str] = field(default_factory=list)  # 抄送
    author: str = ""  # PDF metadata author (defaults to agency_name)
    #: attachments printed after the signature (their titles belong in ``attachments`` too, the
    #: 附件说明 under the body)
    appendices: list[Appendix] = field(default_factory=list)


# ---------------------------------------------------------------- font metrics


@lru_cache(maxsize=64)
def _em_top_ratio(font: str) -> float:
    """Distance from the em-box top to the baseline, as a fraction of the size (1 + descent)."""
    _, descent = pdfmetrics.getAscentDescent(font)
    return 1 + descent / 1000


@lru_cache(maxsize=200_000)
def _char_width(font: str, size: float, ch: str) -> float:
    return pdfmetrics.stringWidth(ch, font, size)


# char → (natural advance, advance on the grid, font that has the glyph), per (font, size, grid)
Advance = tuple[float, float, str]
_ADVANCES: dict[tuple[str, float, float | None], dict[str, Advance]] = {}
_FONTS_SEEN: list[int] = [0]


def _forget_advances_if_reconfigured(fonts: LetterFonts) -> None:
    """A new font configuration may draw a character with another face: forget the caches."""
    if _FONTS_SEEN[0] != id(fonts):
        _FONTS_SEEN[0] = id(fonts)
        for table in _ADVANCES.values():
            table.clear()


def _advances(font: str, size: float, cell_pt: float | None) -> dict[str, Advance]:
    """Per font, size and grid: a cache char → Advance (points)."""
    return _ADVANCES.setdefault((font, size, cell_pt), {})


def _advance(table: dict[str, Advance], font: str, size: float, cell_pt: float | None,
             ch: str) -> Advance:
    adv = table.get(ch)
    if adv is None:
        use = font_for_char(font, ch) or font  # another face when this one lacks the glyph
        natural = pdfmetrics.stringWidth(ch, use, size)
        target = cell_pt if cell_pt is not None and is_wide(ch) else natural
        adv = table[ch] = (natural, target, use)
    return adv


@lru_cache(maxsize=64)
def _grid_measure(font: str, size: float, cell_pt: float) -> Callable[[str], float]:
    """Width in points on a character grid: wide characters take one cell, others their own."""
    table = _advances(font, size, cell_pt)

    def measure(s: str) -> float:
        total = 0.0
        for ch in s:
            total += (table.get(ch) or _advance(table, font, size, cell_pt, ch))[1]
        return total

    return measure


# ---------------------------------------------------------------- the page writer


class _Writer:
    """Draws one letter on a canvas (the canvas may hold several letters)."""

    def __init__(self, canvas: Canvas, fonts: LetterFonts):
        self.c = canvas
        self.f = fonts
        self.page = 0
        self.row_top = 0.0  # mm: em-box top of the next grid line
        self.grid_origin = TOP  # mm: top of the first page's grid (the number's line)
        self.cell_pt = CELL / PT
        _forget_advances_if_reconfigured(fonts)
        self.body_measure = _grid_measure(fonts.body, BODY_PT, self.cell_pt)
        self.dry = False  # lay out only (nothing drawn, no pages emitted)
        self.n_lines = 0  # body text lines laid out so far
        self.last_was_text = False  # the last thing laid out is a body text line (not a table)
        self.body_lines: list[tuple[int, int]] = []  # (line number, page) of paragraph lines
        self.table_seen = False  # a table was laid out after the paragraphs
        self.push_line = 0  # this body line starts a new page (keeps it with the signature)
        self.sig_alone_after = 0  # dry run: the signature opened a page after this body line
        self.copies_alone_after = 0  # dry run: the 版记 needed a page of its own after this line
        self.reserve = 0.0  # mm kept free under the last table row (signature and/or 版记)

    # -- primitives (mm from the top-left corner)

    def text(self, x: float, top: float, s: str, font: str, size: float,
             cell_pt: float | None = None, justify_to: float | None = None) -> None:
        """Draw ``s`` with its em-box top at ``top``; wide characters on a ``cell_pt`` grid when
        given; spread over ``justify_to`` mm when given (2+ characters)."""
        if not s or self.dry:
            return
        baseline = PAGE_H - top - size * PT * _em_top_ratio(font)
        table = _advances(font, size, cell_pt)
        adv = [table.get(ch) or _advance(table, font, size, cell_pt, ch) for ch in s]
        gap = 0.0
        if justify_to is not None and len(s) > 1:
            extra = justify_to / PT - sum(a[1] for a in adv)
            if 0 < extra <= 3 * (cell_pt or size):
                gap = extra / (len(s) - 1)
        # segments of equal character spacing (Tc), each placed explicitly: PDF readers differ on
        # whether Tc follows the last glyph of a string (pdfminer skips it, poppler adds it)
        segments: list[tuple[float, str, float, str]] = []
        seg, seg_cs, seg_font, seg_x, xpt = "", 0.0, font, x / PT, x / PT
        for ch, (natural, target, use) in zip(s, adv, strict=True):
            cs = round(target - natural + gap, 3)
            if ch in NO_END and target - natural > 0.5:
                # a narrow opening mark in a full cell: push it against the text it opens
                if seg:
                    segments.append((seg_x, seg, seg_cs, seg_font))
                segments.append((xpt + target - natural, ch, gap, use))
                xpt += target + gap
                seg, seg_x = "", xpt
                continue
            if seg and (cs != seg_cs or use != seg_font):
                segments.append((seg_x, seg, seg_cs, seg_font))
                seg, seg_x = "", xpt
            seg += ch
            seg_cs, seg_font = cs, use
            xpt += target + gap
        if seg:
            segments.append((seg_x, seg, seg_cs, seg_font))
        self._emit(baseline / PT, segments, size)

    def _emit(self, ypt: float, segments: list[tuple[float, str, float, str]],
              size: float) -> None:
        """Write the text operators directly (much faster than reportlab's text object, which
        formats every number through a pure-Python fp_str when rl_accel is missing). Every
        string (segment, or font subset within it) is placed with its own Tm."""
        c = self.c
        if not getattr(pdfmetrics.getFont(segments[0][3]), "_dynamicFont", False):
            t = c.beginText()  # the CID fallback font: the regular text object
            for xpt, seg, cs, font in segments:
                t.setFont(font, size)
                t.setTextOrigin(xpt, ypt)
                t.setCharSpace(cs)
                t.textOut(seg)
            c.drawText(t)
            return
        doc = c._doc
        escape = c._escape
        ops = ["BT"]
        current = None
        for xpt, seg, cs, font in segments:
            fobj = pdfmetrics.getFont(font)
            ops.append(f"{cs:.3f} Tc")
            start = 0
            for subset, chunk in fobj.splitString(seg, doc):  # one byte per character
                name = fobj.getSubsetInternalName(subset, doc)
                if name != current:
                    ops.append(f"{name} {size:.3f} Tf")
                    current = name
                ops.append(f"1 0 0 1 {xpt:.3f} {ypt:.3f} Tm ({escape(chunk)}) Tj")
                end = start + len(chunk)
                xpt += sum(_char_width(font, size, ch) for ch in seg[start:end])
                xpt += cs * (end - start)
                start = end
        ops.append("0 Tc ET")
        c._code.append(" ".join(ops))

    def hline(self, x: float, top: float, length: float, thickness: float, color: Color) -> None:
        if self.dry:
            return
        self.c.setFillColor(color)
        self.c._code.append(f"{x / PT:.3f} {(PAGE_H - top - thickness) / PT:.3f} "
                            f"{length / PT:.3f} {thickness / PT:.3f} re f")

    # -- pages

    def new_page(self) -> None:
        if self.page and not self.dry:
            self.c.showPage()
        self.page += 1
        self.row_top = TOP
        if self.page > 1:
            self.page_number()

    def page_number(self) -> None:
        s = f"— {self.page} —"
        font = self.f.page_number
        w = pdfmetrics.stringWidth(s, font, PAGE_NO_PT) * PT
        one = PAGE_NO_PT * PT
        x = BLOCK_RIGHT - one - w if self.page % 2 else LEFT + one
        self.c.setFillColor(black)
        self.text(x, BLOCK_BOTTOM + PAGE_NO_GAP, s, font, PAGE_NO_PT)

    def fits(self, height: float) -> bool:
        return self.row_top + height <= BLOCK_BOTTOM + 1e-6

    def next_row(self) -> float:
        """Top of the next grid line, starting a new page when the block is full."""
        if not self.fits(BODY_PT * PT):
            self.new_page()
        top = self.row_top
        self.row_top += PITCH
        return top

    def blank_row(self) -> None:
        if self.fits(BODY_PT * PT):
            self.row_top += PITCH

    def snap_to_grid(self, y: float) -> None:
        """Continue on the first grid line at or below ``y`` (after a table)."""
        base = TOP if self.page > 1 else self.grid_origin
        n = -(-(y - base - 1e-6) // PITCH)  # ceil
        self.row_top = base + max(n, 0) * PITCH

    # -- the letter

    def letter(self, doc: LetterDoc) -> None:
        """Lay the letter out once without drawing; when that leaves the signature alone at the
        top of a page, draw it with the last body line moved to that page too."""
        self.dry = True
        self._letter(doc)
        push = self.sig_alone_after or self.copies_alone_after
        type(self).__init__(self, self.c, self.f)
        self.push_line = push
        self._letter(doc)

    def _letter(self, doc: LetterDoc) -> None:
        self.new_page()
        self.header(doc)
        self.title(doc.title)
        self.blank_row()
        recipient = doc.recipient.strip().rstrip("：:")
        if recipient:
            self.lines(recipient + "：", indent_cells=0, body=False)
        for para in doc.paragraphs:
            if para.strip():
                self.lines(para.strip(), indent_cells=2)
        copies_h = self.copies_height(doc.copies) + 2 if doc.copies else 0.0
        if doc.table and (doc.table.rows or doc.table.headers):
            # the last row keeps the signature (and the 版记 when nothing follows) company
            sig_h = 0.0 if doc.attachments else 3 * PITCH + BODY_PT * PT + 1.0
            self.reserve = sig_h + (copies_h if sig_h and not doc.appendices else 0.0)
            self.table(doc.table)
            self.reserve = 0.0
            self.last_was_text = False
            self.table_seen = True
        if doc.attachments:
            self.blank_row()
            self.attachments(doc.attachments)
        self.signature(doc.signature, format_date(doc.date))
        for n, appendix in enumerate(doc.appendices, 1):
            label = "附件" + (str(n) if len(doc.appendices) > 1 else "")
            self.appendix(label, appendix, copies_h if n == len(doc.appendices) else 0.0)
        if doc.copies:
            self.copies(doc.copies)

    def header(self, doc: LetterDoc) -> None:
        c = self.c
        font = self.f.agency
        size = AGENCY_PT
        width = pdfmetrics.stringWidth(doc.agency_name, font, size) * PT
        if width > BLOCK_W:
            size = size * BLOCK_W / width
            width = BLOCK_W
        c.setFillColor(RED)
        self.text((PAGE_W - width) / 2, AGENCY_TOP, doc.agency_name, font, size)
        # first double line: thick over thin
        rule_x = (PAGE_W - RULE_LEN) / 2
        top = AGENCY_TOP + size * PT + RULE_GAP_BELOW_NAME
        self.hline(rule_x, top, RULE_LEN, RULE_THICK, RED)
        self.hline(rule_x, top + RULE_THICK + RULE_SPACE, RULE_LEN, RULE_THIN, RED)
        rule_bottom = top + RULE_THICK + RULE_SPACE + RULE_THIN
        # second double line: thin over thick, lower edge 20 mm above the bottom edge
        bottom = PAGE_H - BOTTOM_RULE_FROM_EDGE
        self.hline(rule_x, bottom - RULE_THICK, RULE_LEN, RULE_THICK, RED)
        self.hline(rule_x, bottom - RULE_THICK - RULE_SPACE - RULE_THIN, RULE_LEN, RULE_THIN, RED)
        # number flush right, 7/8 of a 3号 character below the line
        c.setFillColor(black)
        number = doc.number or "草稿"
        self.grid_origin = rule_bottom + NUMBER_GAP
        w = self.body_measure(number) * PT
        self.text(BLOCK_RIGHT - w, self.grid_origin, number, self.f.body, BODY_PT, self.cell_pt)
        self.row_top = self.grid_origin + 3 * PITCH  # two blank lines before the title

    def title(self, title: str) -> None:
        font = self.f.title
        cell = TITLE_PT
        measure = _grid_measure(font, TITLE_PT, cell)
        shift = (TITLE_PT - BODY_PT) / 2 * PT  # centre the 22 pt line on the 16 pt grid line
        for line in title_lines(title, BLOCK_W / PT, measure):
            top = self.next_row()
            w = measure(line) * PT
            self.text(LEFT + (BLOCK_W - w) / 2, top - shift, line, font, TITLE_PT, cell)

    def lines(self, text: str, indent_cells: float = 0, hang_cells: float = 0,
              justify: bool = True, body: bool = True) -> None:
        """A paragraph on the body grid: first line indented, later lines at ``hang_cells``."""
        width = (BLOCK_W - hang_cells * CELL) / PT
        indent = (indent_cells - hang_cells) * CELL / PT
        lines = break_lines(text, width, self.body_measure, indent=indent)
        for n, line in enumerate(lines):
            self.n_lines += 1
            self.last_was_text = True
            if self.n_lines == self.push_line and self.row_top > TOP + 1e-6:
                self.new_page()
            top = self.next_row()
            if body:
                self.body_lines.append((self.n_lines, self.page))
            x = LEFT + (indent_cells if n == 0 else hang_cells) * CELL
            last = n == len(lines) - 1
            self.text(x, top, line, self.f.body, BODY_PT, self.cell_pt,
                      justify_to=None if last or not justify else BLOCK_RIGHT - x)

    def attachments(self, names: list[str]) -> None:
        label = "附件："
        if len(names) == 1:
            self.lines(label + names[0], indent_cells=2, hang_cells=5, justify=False, body=False)
            return
        for n, name in enumerate(names, 1):
            num = f"{n}."
            num_w = self.body_measure(num) / (self.cell_pt)
            start = 2 if n == 1 else 5
            text = (label if n == 1 else "") + num + name
            self.lines(text, indent_cells=start, hang_cells=5 + num_w, justify=False, body=False)

    def signature(self, signature: str, date_text: str) -> None:
        sig_w = self.body_measure(signature) * PT
        date_w = self.body_measure(date_text) * PT
        right = BLOCK_RIGHT - 2 * CELL
        sig_x = min(right - sig_w, right - date_w - 2 * CELL)
        self.blank_row()
        if not self.fits(PITCH + BODY_PT * PT):  # keep signature and date together
            self.new_page()
        if self.dry and not any(p == self.page for _n, p in self.body_lines):
            self.sig_alone_after = self._body_line_to_push()  # no paragraph on this page
        if signature:
            self.text(sig_x, self.next_row(), signature, self.f.body, BODY_PT, self.cell_pt)
        self.text(sig_x + 2 * CELL, self.next_row(), date_text, self.f.body, BODY_PT,
                  self.cell_pt)

    def _body_line_to_push(self) -> int:
        """Dry run, the signature (or the 版记) must open a new page: the paragraph line to start
        that page with instead, so that the page carries body text (GB/T 9704 §7.3.5: the
        signature shares its page with the text), not just the 附件说明 or nothing; 0 when there
        is none to move (the first line, or a table came after the paragraphs)."""
        if not self.last_was_text or self.table_seen or not self.body_lines:
            return 0
        line, _page = self.body_lines[-1]
        return line if line > 1 else 0

    def appendix(self, label: str, appendix: Appendix, reserve: float) -> None:
        """An attachment on a new page: its label flush left on the first line (3号黑体), its
        title centred on the third, then its paragraphs and table."""
        self.new_page()
        self.text(LEFT, self.next_row(), label, self.f.table_header, BODY_PT, self.cell_pt)
        self.blank_row()
        if appendix.title.strip():
            self.title(appendix.title.strip())
            self.blank_row()
        for para in appendix.paragraphs:
            if para.strip():
                self.lines(para.strip(), indent_cells=2, body=False)
        if appendix.table and (appendix.table.rows or appendix.table.headers):
            self.reserve = reserve
            self.table(appendix.table)
            self.reserve = 0.0
        self.last_was_text = False

    def _copies_lines(self, copies: list[str]) -> tuple[list[str], float, float]:
        measure = _grid_measure(self.f.body, COPIES_PT, COPIES_PT)
        text = "抄送：" + "，".join(copies) + "。"
        one = COPIES_PT * PT
        hang = measure("抄送：") * PT
        width = (BLOCK_W - 2 * one - hang) / PT
        lines = break_lines(text, width, measure, indent=-hang / PT)
        leading = COPIES_PT * PT * 1.5
        return lines, leading, (len(lines) - 1) * leading + COPIES_PT * PT

    def copies_height(self, copies: list[str]) -> float:
        return self._copies_lines(copies)[2]

    def copies(self, copies: list[str]) -> None:
        """The 版记 at the foot of the last page. It never stands alone on a page: when it does
        not fit under the signature, the last body line goes to the next page with the signature
        (found in the dry run)."""
        font = self.f.body
        cell = COPIES_PT
        one = COPIES_PT * PT
        lines, leading, height = self._copies_lines(copies)
        hang = _grid_measure(font, COPIES_PT, cell)("抄送：") * PT
        if not self.fits(height + 2):
            if self.dry:
                self.copies_alone_after = self._body_line_to_push()
            self.new_page()
        top = BLOCK_BOTTOM - height
        for n, line in enumerate(lines):
            self.text(LEFT + one + (0 if n == 0 else hang), top + n * leading, line, font,
                      COPIES_PT, cell)
        self.last_was_text = False

    # -- table

    def table(self, table: LetterTable) -> None:
        cell = TABLE_PT
        fb, fh = self.f.table, self.f.table_header
        mb = _grid_measure(fb, TABLE_PT, cell)
        mh = _grid_measure(fh, TABLE_PT, cell)
        ncol = max([len(table.headers)] + [len(r) for r in table.rows])
        widths = _column_widths(table, ncol, mb, mh)
        inner = [w - 2 * TABLE_PAD for w in widths]
        lead = TABLE_PT * PT * TABLE_LEADING

        def wrap(cells: list[str], measure: Callable[[str], float]) -> list[list[str]]:
            out = []
            for i in range(ncol):
                s = str(cells[i]) if i < len(cells) and cells[i] is not None else ""
                out.append(break_lines(s, inner[i] / PT, measure) if s else [""])
            return out

        header = wrap(table.headers, mh) if table.headers else None
        header_h = (max(len(x) for x in header) * lead + 2 * TABLE_PAD) if header else 0.0

        y = self.row_top
        if header:
            # never a header alone at the foot of a page: it goes with the first row (or, when
            # that row is taller than a page and will be split anyway, its first 2 lines)
            first = max(len(x) for x in wrap(table.rows[0], mb)) if table.rows else 1
            fresh = int((BLOCK_BOTTOM - TOP - header_h - 2 * TABLE_PAD) // lead)
            need = first if first <= fresh else 2
            if not self._table_room(y, header_h + need * lead + 2 * TABLE_PAD):
                self.new_page()
                y = self.row_top
        if header:
            y = self._table_row(y, widths, header, fh, header=True)
        for r_i, row in enumerate(table.rows):
            cells = wrap(row, mb)
            # the last row keeps what follows it on the page (self.reserve mm)
            keep = self.reserve if r_i == len(table.rows) - 1 else 0.0
            if (BLOCK_BOTTOM - keep - TOP - header_h - 2 * TABLE_PAD) // lead < 2:
                keep = 0.0  # nothing could ever satisfy it
            while cells:
                n_lines = max(len(x) for x in cells)
                room = int((BLOCK_BOTTOM - keep - y - 2 * TABLE_PAD + 1e-6) // lead)
                if n_lines > room:
                    fresh = int((BLOCK_BOTTOM - keep - TOP - header_h - 2 * TABLE_PAD) // lead)
                    if n_lines <= fresh or room < 2:
                        self.new_page()
                        y = self.row_top
                        if header:
                            y = self._table_row(y, widths, header, fh, header=True)
                        continue
                    part = [x[:room] for x in cells]
                    cells = [x[room:] for x in cells]
                    y = self._table_row(y, widths, part, fb)
                    self.new_page()
                    y = self.row_top
                    if header:
                        y = self._table_row(y, widths, header, fh, header=True)
                    if all(not x for x in cells):
                        break
                    cells = [x or [""] for x in cells]
                    continue
                y = self._table_row(y, widths, cells, fb)
                cells = []
        self.snap_to_grid(y + 1.0)

    @staticmethod
    def _table_room(y: float, height: float) -> bool:
        return y + height <= BLOCK_BOTTOM + 1e-6

    def _table_row(self, y: float, widths: list[float], cells: list[list[str]], font: str,
                   header: bool = False) -> float:
        lead = TABLE_PT * PT * TABLE_LEADING
        n = max(len(x) for x in cells)
        h = n * lead + 2 * TABLE_PAD
        if self.dry:
            return y + h
        c = self.c
        c.setStrokeColor(black)
        c.setFillColor(black)
        c.setLineWidth(0.5)
        x = LEFT
        measure = _grid_measure(font, TABLE_PT, TABLE_PT)
        for w, lines in zip(widths, cells, strict=True):
            c._code.append(f"{x / PT:.3f} {(PAGE_H - y - h) / PT:.3f} {w / PT:.3f} {h / PT:.3f} re S")
            # vertically centred
            top = y + TABLE_PAD + (n - len(lines)) * lead / 2 + (lead - TABLE_PT * PT) / 2
            for k, line in enumerate(lines):
                lx = x + TABLE_PAD
                if header:
                    lx = x + (w - measure(line) * PT) / 2
                self.text(lx, top + k * lead, line, font, TABLE_PT, TABLE_PT)
            x += w
        return y + h


def _column_widths(table: LetterTable, ncol: int, mb: Callable[[str], float],
                   mh: Callable[[str], float]) -> list[float]:
    """Column widths in mm summing to the text block width."""
    if table.col_widths_mm and len(table.col_widths_mm) == ncol and sum(table.col_widths_mm) > 0:
        raw = [max(w, 5.0) for w in table.col_widths_mm]
        total = sum(raw)
        return [w * BLOCK_W / total for w in raw]
    pad = 2 * TABLE_PAD / PT
    cap = 18 * TABLE_PT  # a column wants at most ~18 characters on one line
    mins, wants = [], []
    for i in range(ncol):
        head = table.headers[i] if i < len(table.headers) else ""
        low = max(mh(head), 2 * TABLE_PT) + pad  # the header on one line
        cw = max([mb(str(r[i])) for r in table.rows if i < len(r) and r[i]] or [0.0])
        mins.append(low)
        wants.append(max(low, min(cw, cap) + pad))
    full = BLOCK_W / PT
    if sum(wants) <= full:
        return [w * BLOCK_W / sum(wants) for w in wants]
    if sum(mins) >= full:
        return [w * BLOCK_W / sum(mins) for w in mins]
    # narrow columns keep their natural width; the widest ones give way down to a common cap
    lo, hi = 0.0, max(wants)
    for _ in range(40):
        cap_w = (lo + hi) / 2
        if sum(max(m, min(w, cap_w)) for w, m in zip(wants, mins, strict=True)) > full:
            hi = cap_w
        else:
            lo = cap_w
    widths = [max(m, min(w, lo)) for w, m in zip(wants, mins, strict=True)]
    return [w * BLOCK_W / sum(widths) for w in widths]


# ---------------------------------------------------------------- entry points


def _canvas(path: Path, font: str, title: str, author: str, subject: str = "") -> Canvas:
    c = Canvas(str(path), pagesize=(PAGE_W / PT, PAGE_H / PT), pageCompression=1,
               initialFontName=font, initialFontSize=BODY_PT)
    c.setTitle(title)
    c.setAuthor(author)
    c.setSubject(subject)
    c.setCreator("党建督查台账 Dangjian Desk")
    return c


def render_letter(doc: LetterDoc, path) -> Path:
    """Render one letter to ``path`` (parent folders created); returns the path."""
    return _render([doc], path, doc.title)


def render_letters(docs: list[LetterDoc], path) -> Path:
    """Render letters into one PDF for printing (each letter starts on a new page; page numbers
    restart with each letter)."""
    return _render(docs, path, None)


def _render(docs: list[LetterDoc], path, title: str | None) -> Path:
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fonts = letter_fonts()
    first = docs[0] if docs else None
    author = (first.author or first.agency_name) if first else ""
    if title is None:
        title = first.title if len(docs) == 1 and first else f"公函（{len(docs)}件）"
    c = _canvas(out, fonts.body, title, author, first.number if first and len(docs) == 1 else "")
    if not docs:
        c.showPage()
    for doc in docs:
        _Writer(c, fonts).letter(doc)
        c.showPage()
    c.save()
    return out


def letter_text(doc: LetterDoc) -> list[str]:
    """Every piece of text a letter prints (for the missing-character check)."""
    texts = [doc.agency_name, doc.number, doc.title, doc.recipient, *doc.paragraphs,
             *doc.attachments, doc.signature, *doc.copies]
    for table in [doc.table] + [a.table for a in doc.appendices]:
        if table:
            texts += list(table.headers) + [str(c) for row in table.rows for c in row if c]
    texts += [a.title for a in doc.appendices]
    return texts


def letter_missing_characters(doc: LetterDoc) -> list[str]:
    """Characters of the letter that no installed font can draw (they would print as blanks)."""
    letter_fonts()
    return missing_characters(*letter_text(doc))
