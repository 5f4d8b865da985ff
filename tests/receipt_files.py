"""Evidence files for the task-receipt tests: real small files of each kind, and bad ones."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path


def png_bytes(colour: tuple[int, int, int] = (200, 30, 30), size: int = 8) -> bytes:
    """A small valid PNG of one colour."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(colour) * size for _ in range(size))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def pdf_bytes(text: str = "minutes") -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf)
    c.drawString(72, 720, text)
    c.save()
    return buf.getvalue()


def office_bytes(part: str) -> bytes:
    """A minimal Office zip: part 'word' (docx) or 'xl' (xlsx); anything else: a plain zip."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        if part in ("word", "xl"):
            z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(f"{part}/document.xml", "<doc/>")
    return buf.getvalue()


def exe_bytes() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120 + b"This program cannot be run in DOS mode."


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def big_file(folder: Path, name: str = "扫描件.pdf", megabytes: int = 25) -> Path:
    """A PDF-looking file of `megabytes` MB (sparse: nothing real is written)."""
    path = folder / name
    with path.open("wb") as f:
        f.write(b"%PDF-1.4\n")
        f.truncate(megabytes * 1024 * 1024)
    return path
