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

Roles (what a letter needs) map to styles with fallbacks; see ``ROLE_STYLES``.
Registration happens once per process (cached); :func:`configure_fonts` resets the cache.
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


_lock = threading.Lock()
_config: dict[str, object] = {"font_dir": None, "files": {}}
_cache: dict[str, object] = {}


def configure_fonts(font_dir: str | os.PathLike[str] | None = None,
                    files: dict[str, str | os.PathLike[str]] | None = None) -> None:
    """Set a font folder and/or explicit files per style ("fang", "song", "hei", "kai", "xbs";
    a file may be "path.ttc#1" to pick a subfont), and forget the cached lookup."""
    with _lock:
        _config["font_dir"] = str(font_dir) if font_dir else None
        _config["files"] = {k: str(v) for k, v in (files or {}).items()}
        _cache.clear()


def font_warnings() -> list[str]:
    """Warnings about the fonts PDFs will use (empty when every font is embeddable)."""
    fonts = letter_fonts()
    warnings: list[str] = []
    if not fonts.embedded:
        warnings.append(NO_EMBED_WARNING)
    return warnings


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


def choose_fonts(found: list[FontFile]) -> dict[str, FontFile | None]:
    """Pick a face per role from the discovered ones, following ROLE_STYLES, then any CJK face."""
    by_style: dict[str, FontFile] = {}
    for f in found:
        if f.style and f.style not in by_style:
            by_style[f.style] = f
    any_face = found[0] if found else None
    chosen: dict[str, FontFile | None] = {}
    for role, styles in ROLE_STYLES.items():
        pick = next((by_style[s] for s in styles if s in by_style), None)
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


def _register(face: FontFile) -> str | None:
    """Register a face with reportlab once per process; its reportlab name, or None on failure."""
    key = (face.path, face.index)
    if key in _registered:
        return _registered[key]
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = "DJ-" + re.sub(r"[^A-Za-z0-9]+", "", Path(face.path).stem)[:20] + f"-{face.index}"
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
        chosen = choose_fonts(discover_fonts())
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
