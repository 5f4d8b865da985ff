"""Chinese fonts for PDF documents: find embeddable TrueType fonts and register them with reportlab.

Where fonts come from, first match wins for each style:
1. explicit files given to :func:`configure_fonts` (``{"fang": "/x/simfang.ttf", ...}``);
2. a configured folder: the ``font_dir`` argument of :func:`configure_fonts`, else the
   environment variable ``DANGJIAN_FONT_DIR``;
3. Windows ``%WINDIR%\\Fonts`` (simfang.ttf 仿宋, simhei.ttf 黑体, simsun.ttc 宋体, simkai.ttf 楷体,
   FZXBSJW.TTF 方正小标宋 when present) and the macOS font folders;
4. fontconfig (``fc-list :lang=zh``), else a scan of /usr/share/fonts and ~/.fonts.

Only TrueType outlines (.ttf/.ttc) are used: reportlab embeds them as subsets. CFF OpenType fonts
(.otf, Noto/Source Han CJK) cannot be embedded by reportlab and are skipped. When no CJK TrueType
font exists at all, the built-in STSong-Light CID font is used (NOT embedded) and
:func:`font_warnings` says so, for the GUI status bar.

The clerk's own font files (Settings → 文书字体文件, handed over by the GUI through
:func:`set_preferred_fonts`) come before all of these: a preferred face serves every role its style
fits, and a face whose style cannot be told serves the roles no preferred face fits.

Roles (what a letter needs) map to styles with fallbacks; see ``ROLE_STYLES``.
Registration happens once per process (cached); :func:`configure_fonts` resets the cache.

No character silently disappears: a character the chosen face lacks is drawn with the first
installed face that has it (:func:`font_for_char`: the role faces, the preferred files, every other
CJK face, then the other TrueType faces on the machine, checking each face's cmap), and
:func:`missing_characters` lists the ones no face has, so the clerk is told before issuing.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

# styles
FANG, SONG, HEI, KAI, XBS = "fang", "song", "hei", "kai", "xbs"
STYLES = (FANG, SONG, HEI, KAI, XBS)
STYLE_LABELS = {FANG: "仿宋", SONG: "宋体", HEI: "黑体", KAI: "楷体", XBS: "小标宋"}

# roles → styles to try in order (then any CJK TrueType font, then STSong-Light)
ROLE_STYLES: dict[str, tuple[str, ...]] = {
    "body": (FANG, SONG, KAI, HEI),
    "title": (XBS, HEI, SONG, FANG),
    "agency": (XBS, HEI, SONG, FANG),
    "page_number": (SONG, FANG, HEI),
    "table": (FANG, SONG, KAI, HEI),
    "table_header": (HEI, FANG, SONG),
}

CID_FALLBACK = "STSong-Light"
NO_EMBED_WARNING = "未找到可嵌入的中文TrueType字体，PDF使用STSong-Light，部分阅读器可能显示空白"

# Well-known file names (lower case) → style, in order of preference within the style.
KNOWN_FILES: dict[str, tuple[str, int]] = {
    "fzxbsjw.ttf": (XBS, 0),
    "fzxbsk.ttf": (XBS, 0),
    "方正小标宋简体.ttf": (XBS, 0),
    "方正小标宋_gbk.ttf": (XBS, 0),
    "simfang.ttf": (FANG, 0),
    "仿宋_gb2312.ttf": (FANG, 0),
    "fs_gb2312.ttf": (FANG, 0),
    "stfangso.ttf": (FANG, 0),
    "simhei.ttf": (HEI, 0),
    "stheiti.ttf": (HEI, 0),
    "msyh.ttc": (HEI, 0),
    "msyh.ttf": (HEI, 0),
    "simsun.ttc": (SONG, 0),
    "simsun.ttf": (SONG, 0),
    "stsong.ttf": (SONG, 0),
    "songti.ttc": (SONG, 0),
    "simkai.ttf": (KAI, 0),
    "楷体_gb2312.ttf": (KAI, 0),
    "kai_gb2312.ttf": (KAI, 0),
    "stkaiti.ttf": (KAI, 0),
}

# Family-name patterns → style (checked in this order: 小标宋 before 宋).
FAMILY_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"小标宋|xiaobiaosong|fzxbs", re.I), XBS),
    (re.compile(r"仿宋|fangsong|fang\s*song|simfang", re.I), FANG),
    (re.compile(r"楷|kai", re.I), KAI),
    (re.compile(r"黑|hei|yahei|雅黑|gothic|sans", re.I), HEI),
    (re.compile(r"宋|song|ming|明|serif", re.I), SONG),
]

TRUETYPE_SUFFIXES = (".ttf", ".ttc")


@dataclass(frozen=True)
class FontFile:
    """One face in a font file (index = subfont of a .ttc)."""

    path: str
    index: int
    family: str
    style: str | None  # one of STYLES, or None for "some CJK font"


@dataclass(frozen=True)
class LetterFonts:
    """reportlab font names per role, plus what was chosen (for reports and the status bar)."""

    body: str
    title: str
    agency: str
    page_number: str
    table: str
    table_header: str
    embedded: bool
    chosen: dict[str, FontFile | None]


_lock = threading.RLock()  # registering a face to read its glyphs happens inside letter_fonts
_config: dict[str, object] = {"font_dir": None, "files": {}, "preferred": []}
_cache: dict[str, object] = {}


def configure_fonts(font_dir: str | os.PathLike[str] | None = None,
                    files: dict[str, str | os.PathLike[str]] | None = None) -> None:
    """Set a font folder and/or explicit files per style ("fang", "song", "hei", "kai", "xbs";
    a file may be "path.ttc#1" to pick a subfont), and forget the cached lookup."""
    with _lock:
        _config["font_dir"] = str(font_dir) if font_dir else None
        _config["files"] = {k: str(v) for k, v in (files or {}).items()}
        _cache.clear()
        _char_font.clear()


def set_preferred_fonts(paths: list[str] | tuple[str, ...] | str | None) -> None:
    """The font files the clerk saved in Settings (a list, or "a.ttf|b.ttc" as stored), most
    preferred first; a file may be "path.ttc#1". Forgets the cached lookup when it changed."""
    if isinstance(paths, str):
        paths = paths.split("|")
    clean = [str(p).strip() for p in (paths or []) if str(p).strip()]
    with _lock:
        if clean == _config.get("preferred"):
            return
        _config["preferred"] = clean
        _cache.clear()
        _char_font.clear()


def preferred_fonts() -> list[str]:
    preferred = _config.get("preferred")
    return list(preferred) if isinstance(preferred, list) else []


def font_warnings() -> list[str]:
    """Warnings about the fonts PDFs will use (empty when every font is embeddable)."""
    fonts = letter_fonts()
    warnings: list[str] = []
    if not fonts.embedded:
        warnings.append(NO_EMBED_WARNING)
    bad = _cache.get("bad_preferred") or []
    assert isinstance(bad, list)
    if bad:
        warnings.append("设置中的文书字体文件无法使用（不存在或不是TrueType字体）：" + "、".join(bad))
    return warnings


def font_warning() -> str | None:
    """The font warnings as one line for the status bar (None when there is nothing to say)."""
    warnings = font_warnings()
    return "；".join(warnings) if warnings else None


# ---------------------------------------------------------------- discovery


def _classify(name: str) -> str | None:
    for pattern, style in FAMILY_PATTERNS:
        if pattern.search(name):
            return style
    return None


def _ttc_count(path: str) -> int:
    try:
        with open(path, "rb") as fh:
            head = fh.read(12)
    except OSError:
        return 0
    if head[:4] == b"ttcf":
        return int.from_bytes(head[8:12], "big")
    return 1


def _is_truetype(path: str) -> bool:
    """True for TrueType outlines (not CFF): sfnt version 0x00010000/'true', or a ttc."""
    try:
        with open(path, "rb") as fh:
            tag = fh.read(4)
    except OSError:
        return False
    return tag in (b"\x00\x01\x00\x00", b"true", b"ttcf")


def _face_info(path: str, index: int) -> tuple[str, bool] | None:
    """(family name, has CJK glyphs) read with reportlab's parser; None when unusable."""
    try:
        from reportlab.pdfbase.ttfonts import TTFontFile

        face = TTFontFile(path, subfontIndex=index, validate=0)
    except Exception as exc:  # CFF outlines, broken files, ...
        log.debug("font %s#%s unusable: %s", path, index, exc)
        return None
    family = face.familyName
    if isinstance(family, bytes):
        family = family.decode("utf-8", "replace")
    return str(family), 0x4E2D in face.charToGlyph and 0x56FD in face.charToGlyph


def _scan_files(paths: list[Path], parse_unknown: bool) -> list[FontFile]:
    found: list[FontFile] = []
    for p in paths:
        name = p.name.lower()
        if not name.endswith(TRUETYPE_SUFFIXES) or not _is_truetype(str(p)):
            continue
        known = KNOWN_FILES.get(name)
        if known:
            found.append(FontFile(str(p), known[1], p.stem, known[0]))
            continue
        if not parse_unknown:
            continue
        for i in range(_ttc_count(str(p))):
            info = _face_info(str(p), i)
            if info and info[1]:
                found.append(FontFile(str(p), i, info[0], _classify(info[0]) or _classify(p.stem)))
    return found


def _list_dir(folder: Path, recursive: bool) -> list[Path]:
    try:
        if recursive:
            return sorted(x for x in folder.rglob("*") if x.is_file())
        return sorted(x for x in folder.iterdir() if x.is_file())
    except OSError:
        return []


def _windows_font_dirs() -> list[Path]:
    dirs = []
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot") or r"C:\Windows"
    dirs.append(Path(windir) / "Fonts")
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return dirs


def _fontconfig() -> list[FontFile] | None:
    exe = shutil.which("fc-list")
    if not exe:
        return None
    try:
        out = subprocess.run(
            [exe, ":lang=zh", "--format", "%{file}\t%{index}\t%{family}\t%{fontformat}\n"],
            capture_output=True, text=True, timeout=20, check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found: list[FontFile] = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) < 4:
            continue
        path, index, family, fmt = parts[0], parts[1], parts[2], parts[3]
        if fmt != "TrueType" or not path.lower().endswith(TRUETYPE_SUFFIXES):
            continue
        known = KNOWN_FILES.get(Path(path).name.lower())
        style = known[0] if known else (_classify(family) or _classify(Path(path).stem))
        found.append(FontFile(path, int(index or 0), family.split(",")[0], style))
    # Simplified-Chinese faces first (UMing CN before TW/HK), then by index.
    found.sort(key=lambda f: (0 if re.search(r"\bCN\b|GB|SC|简|正黑", f.family) else 1, f.path, f.index))
    return found


def _preferred_faces() -> tuple[list[FontFile], list[FontFile], list[str]]:
    """(CJK faces, other faces, unusable entries) of the clerk's preferred font files."""
    cjk: list[FontFile] = []
    other: list[FontFile] = []
    bad: list[str] = []
    for spec in preferred_fonts():
        path, _, idx = spec.partition("#")
        if not Path(path).is_file() or not _is_truetype(path):
            bad.append(spec)
            continue
        indexes = [int(idx)] if idx.strip().isdigit() else range(_ttc_count(path))
        usable = False
        for i in indexes:
            info = _face_info(path, i)
            if not info:
                continue
            usable = True
            known = KNOWN_FILES.get(Path(path).name.lower())
            style = known[0] if known else (_classify(info[0]) or _classify(Path(path).stem))
            face = FontFile(path, i, info[0], style)
            (cjk if info[1] else other).append(face)
        if not usable:
            bad.append(spec)
    return cjk, other, bad


def discover_fonts() -> list[FontFile]:
    """Every usable CJK TrueType face, most preferred first (configured, system, fontconfig)."""
    found: list[FontFile] = []
    files = _config.get("files") or {}
    assert isinstance(files, dict)
    for style, spec in files.items():
        path, _, idx = str(spec).partition("#")
        if Path(path).is_file() and _is_truetype(path):
            found.append(FontFile(path, int(idx or 0), Path(path).stem, style))
        else:
            log.warning("configured font %s is missing or not TrueType", spec)
    folder = _config.get("font_dir") or os.environ.get("DANGJIAN_FONT_DIR")
    if folder:
        found += _scan_files(_list_dir(Path(str(folder)), recursive=True), parse_unknown=True)
    if sys.platform.startswith("win"):
        for d in _windows_font_dirs():
            found += _scan_files(_list_dir(d, recursive=False), parse_unknown=False)
    elif sys.platform == "darwin":
        for d in (Path("/Library/Fonts"), Path("/System/Library/Fonts"),
                  Path.home() / "Library" / "Fonts"):
            found += _scan_files(_list_dir(d, recursive=True), parse_unknown=False)
    fc = None if sys.platform.startswith("win") else _fontconfig()
    if fc is not None:
        found += fc
    elif not sys.platform.startswith("win"):
        dirs = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
                Path.home() / ".fonts", Path.home() / ".local" / "share" / "fonts"]
        for d in dirs:
            found += _scan_files(_list_dir(d, recursive=True), parse_unknown=True)
    return found


def choose_fonts(found: list[FontFile],
                 preferred: list[FontFile] | None = None) -> dict[str, FontFile | None]:
    """Pick a face per role: a preferred face of a style the role takes (ROLE_STYLES order), else
    a preferred face of unknown style, else a discovered face by style, else any CJK face."""
    def index(faces: list[FontFile]) -> dict[str, list[FontFile]]:
        out: dict[str, list[FontFile]] = {}
        for f in faces:
            if f.style:
                out.setdefault(f.style, []).append(f)
        return out

    def best(faces: list[FontFile]) -> FontFile:
        """The first face of a style, passed over for a later one that has the digits when it
        lacks them (Droid Sans Fallback is a 黑体 without Latin: every 文号 and date would be drawn
        in another face). Only the styles a role picks are looked into."""
        return next((f for f in faces if _has_digits(f)), faces[0])

    preferred = preferred or []
    mine, by_style = index(preferred), index(found)
    plain = next((f for f in preferred if not f.style), None)
    any_face = preferred[0] if preferred else (found[0] if found else None)
    chosen: dict[str, FontFile | None] = {}
    for role, styles in ROLE_STYLES.items():
        pick = next((best(mine[s]) for s in styles if s in mine), None) or plain
        pick = pick or next((best(by_style[s]) for s in styles if s in by_style), None)
        chosen[role] = pick or any_face
    return chosen


# ---------------------------------------------------------------- registration

_registered: dict[tuple[str, int], str] = {}


class _TableView:
    """A zero-copy stand-in for a big font table: reportlab's makeSubset only slices the 'glyf'
    table, but get_table() copies it whole (megabytes for a CJK font) for every subset of every
    document. Slicing this view copies just the glyph."""

    __slots__ = ("data", "pos", "length")

    def __init__(self, data: bytes, pos: int, length: int):
        self.data, self.pos, self.length = data, pos, length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, key: slice | int):
        if isinstance(key, slice):
            start, stop, step = key.indices(self.length)
            if step == 1:
                return self.data[self.pos + start : self.pos + stop]
            return bytes(self)[key]
        return bytes(self)[key]

    def __bytes__(self) -> bytes:
        return self.data[self.pos : self.pos + self.length]


def _speed_up_subsetting(ttfont) -> None:
    """Serve the 'glyf' table of a registered font as a zero-copy view (see _TableView)."""
    face = getattr(ttfont, "face", None)
    data = getattr(face, "_ttf_data", None)
    if face is None or not isinstance(data, bytes) or not hasattr(face, "get_table_pos"):
        return
    original = face.get_table

    def get_table(tag: str):
        if tag == "glyf":
            pos, length = face.get_table_pos(tag)
            return _TableView(data, pos, length)
        return original(tag)

    face.get_table = get_table


def _fix_to_unicode() -> None:
    """reportlab writes a subset's ToUnicode entries as 4 hex digits, so a character beyond
    U+FFFF (𠈌, CJK Extension B) is read back by PDF readers as a wrong character; write it as
    UTF-16 (a surrogate pair) as the PDF reference asks."""
    from reportlab.pdfbase import ttfonts

    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "_dangjian", False):
        return

    def make(fontname, subset):
        text = original(fontname, subset)
        if all(v <= 0xFFFF for v in subset):
            return text
        for i, v in enumerate(subset):
            if v > 0xFFFF:
                pair = chr(v).encode("utf-16-be").hex().upper()
                text = text.replace(f"<{i:02X}> <{v:04X}>", f"<{i:02X}> <{pair}>", 1)
        return text

    make._dangjian = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = make


def _register(face: FontFile) -> str | None:
    """Register a face with reportlab once per process; its reportlab name, or None on failure."""
    key = (face.path, face.index)
    if key in _registered:
        return _registered[key]
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = "DJ-" + re.sub(r"[^A-Za-z0-9]+", "", Path(face.path).stem)[:20] + f"-{face.index}"
    _fix_to_unicode()
    try:
        ttfont = TTFont(name, face.path, subfontIndex=face.index)
        _speed_up_subsetting(ttfont)
        pdfmetrics.registerFont(ttfont)
    except Exception as exc:
        log.warning("cannot register font %s#%s: %s", face.path, face.index, exc)
        return None
    _registered[key] = name
    return name


def _register_cid() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if CID_FALLBACK not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    return CID_FALLBACK


def letter_fonts() -> LetterFonts:
    """The registered fonts per role (found and registered once per process)."""
    cached = _cache.get("fonts")
    if isinstance(cached, LetterFonts):
        return cached
    with _lock:
        cached = _cache.get("fonts")
        if isinstance(cached, LetterFonts):
            return cached
        mine, _other, bad = _preferred_faces()
        _cache["bad_preferred"] = bad
        chosen = choose_fonts(discover_fonts(), mine)
        names: dict[str, str] = {}
        embedded = True
        for role, face in chosen.items():
            name = _register(face) if face else None
            if name is None:
                name = _register_cid()
                embedded = False
                chosen[role] = None
            names[role] = name
        fonts = LetterFonts(embedded=embedded, chosen=chosen, **names)
        if not embedded:
            log.warning(NO_EMBED_WARNING)
        _cache["fonts"] = fonts
        return fonts


def describe_fonts() -> dict[str, str]:
    """Role → "family (file#index)" for logs and the about box."""
    fonts = letter_fonts()
    out = {}
    for role, face in fonts.chosen.items():
        out[role] = f"{face.family} ({face.path}#{face.index})" if face else f"{CID_FALLBACK}（未嵌入）"
    return out


# ---------------------------------------------------------------- per-character fallback

#: (reportlab font name, character) → the font that draws it ("" when no face has it)
_char_font: dict[tuple[str, str], str] = {}
_cmaps: dict[tuple[str, int], frozenset[int] | dict[int, int]] = {}

#: Windows files worth trying for characters the CJK faces lack (symbols, CJK Extension B, ...)
WINDOWS_FALLBACK_FILES = (
    "simsunb.ttf", "mingliub.ttc", "seguisym.ttf", "msyh.ttc", "msjh.ttc", "simsun.ttc",
    "malgun.ttf", "yugothm.ttc", "msgothic.ttc", "arialuni.ttf", "segoeui.ttf", "arial.ttf",
)


def _other_truetype_faces() -> list[FontFile]:
    """TrueType faces on the machine beyond the CJK ones (symbols, extension blocks)."""
    found: list[FontFile] = []
    if sys.platform.startswith("win"):
        for d in _windows_font_dirs():
            for name in WINDOWS_FALLBACK_FILES:
                p = d / name
                if p.is_file():
                    found += [FontFile(str(p), i, p.stem, None) for i in range(_ttc_count(str(p)))]
        return found
    exe = shutil.which("fc-list")
    if exe:
        try:
            out = subprocess.run(
                [exe, "--format", "%{file}\t%{index}\t%{family}\t%{fontformat}\n"],
                capture_output=True, text=True, timeout=20, check=False,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        for line in sorted(out.splitlines()):
            parts = line.split("\t")
            if len(parts) < 4 or parts[3] != "TrueType":
                continue
            if not parts[0].lower().endswith(TRUETYPE_SUFFIXES):
                continue
            found.append(FontFile(parts[0], int(parts[1] or 0), parts[2].split(",")[0], None))
        return found
    dirs = [Path("/Library/Fonts"), Path("/System/Library/Fonts"), Path("/usr/share/fonts"),
            Path.home() / ".fonts", Path.home() / "Library" / "Fonts"]
    for d in dirs:
        for p in _list_dir(d, recursive=True):
            if p.name.lower().endswith(TRUETYPE_SUFFIXES) and _is_truetype(str(p)):
                found += [FontFile(str(p), i, p.stem, None) for i in range(_ttc_count(str(p)))]
    return found


def _fallback_faces() -> list[FontFile]:
    """Faces to try, in order, for a character the chosen face lacks: the role faces, the
    preferred files, every other CJK face found, then the other TrueType faces."""
    cached = _cache.get("fallback")
    if isinstance(cached, list):
        return cached
    fonts = letter_fonts()
    mine, other, _bad = _preferred_faces()
    faces = [f for f in fonts.chosen.values() if f]
    faces += mine + other + discover_fonts() + _other_truetype_faces()
    seen: set[tuple[str, int]] = set()
    out = []
    for f in faces:
        key = (os.path.realpath(f.path), f.index)
        if key not in seen:
            seen.add(key)
            out.append(f)
    _cache["fallback"] = out
    return out


def _cmap(face: FontFile):
    key = (face.path, face.index)
    cmap = _cmaps.get(key)
    if cmap is None:
        # registered to be read: the file is parsed once, for its glyphs and for drawing with it
        from reportlab.pdfbase import pdfmetrics

        with _lock:
            name = _register(face)
        cmap = pdfmetrics.getFont(name).face.charToGlyph if name else frozenset()
        _cmaps[key] = cmap
    return cmap


def _has_digits(face: FontFile) -> bool:
    cmap = _cmap(face)
    return all(code in cmap for code in range(0x30, 0x3A))


def has_glyph(font: str, ch: str) -> bool:
    """Whether the registered reportlab font ``font`` has a glyph for ``ch`` (the built-in CID
    font cannot tell and is taken to have everything)."""
    from reportlab.pdfbase import pdfmetrics

    glyphs = getattr(getattr(pdfmetrics.getFont(font), "face", None), "charToGlyph", None)
    return glyphs is None or ord(ch) in glyphs


def _needs_glyph(ch: str) -> bool:
    return not (ch.isspace() or ord(ch) < 0x20 or 0xFE00 <= ord(ch) <= 0xFE0F or ch == "\u200b")


def font_for_char(font: str, ch: str) -> str | None:
    """The registered font to draw ``ch`` with when writing in ``font``: ``font`` itself when it
    has the glyph, else the first installed face that has it (registered on first use), None when
    no face has it."""
    if not _needs_glyph(ch) or has_glyph(font, ch):
        return font
    key = (font, ch)
    hit = _char_font.get(key)
    if hit is not None:
        return hit or None
    code = ord(ch)
    name = ""
    for face in _fallback_faces():
        if code in _cmap(face):
            with _lock:
                name = _register(face) or ""
            if name and name != font:  # never the face that was found lacking it
                break
            name = ""
    _char_font[key] = name
    return name or None


def missing_characters(*texts: str) -> list[str]:
    """Characters of ``texts`` that no installed face can draw (each once, in order of first
    appearance): the clerk is told before a letter with them is issued or printed."""
    fonts = letter_fonts()
    if not fonts.embedded:
        return []  # the CID fallback draws whatever it can; NO_EMBED_WARNING already says so
    out: list[str] = []
    for text in texts:
        for ch in text or "":
            if ch not in out and font_for_char(fonts.body, ch) is None:
                out.append(ch)
    return out


def font_runs(text: str, font: str) -> list[tuple[str, str]]:
    """``text`` cut into (run, font) pieces, each run drawn with a face that has its glyphs
    (characters no face has stay in ``font``)."""
    runs: list[tuple[str, str]] = []
    for ch in text:
        use = font_for_char(font, ch) or font
        if runs and runs[-1][1] == use:
            runs[-1] = (runs[-1][0] + ch, use)
        else:
            runs.append((ch, use))
    return runs


def markup(text: str, font: str) -> str:
    """``text`` escaped for a reportlab Paragraph in ``font``, runs the face lacks wrapped in
    <font face=...> of a face that has them."""
    from xml.sax.saxutils import escape

    return "".join(escape(run) if use == font else f'<font face="{use}">{escape(run)}</font>'
                   for run, use in font_runs(text, font))
