"""Plain text files: byte-order marks, UTF-16, UTF-8, Windows-1258, old font encodings.

A provincial office's folder holds whatever e-office exported: UTF-8 with or
without BOM, UTF-16, old Windows code pages, TCVN3/VNI texts of the 1990s,
and UTF-8 texts with a few stray NUL bytes from a bad copy. Each is decoded
or rejected with a reason a person can act on.
"""

from __future__ import annotations

import re

from indexer.readers import legacy
from indexer.readers.base import Reading, UnreadableFile
from indexer.readers.registry import Format

_BOMS = (  # longest first: the UTF-32 LE mark starts like the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xef\xbb\xbf", "utf-8"),
)
# Control characters no text means (tab, newlines and form feed are kept).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.01  # more stray control bytes than this share (and FEW_CONTROLS), and the file is binary
FEW_CONTROLS = 16


def read(data: bytes) -> Reading:
    """Bytes of a text file → Reading (method 'text'), or UnreadableFile with the reason."""
    notes: list[str] = []
    text, raw = _decode(data, notes)
    text, encoding = _old_encoding(text, raw)
    if encoding:
        notes.append(f"đã chuyển từ bảng mã {encoding} sang Unicode (converted from {encoding})")
    text, dropped = _CONTROLS.subn("", text)
    if dropped:
        notes.append(f"đã bỏ {dropped} ký tự điều khiển (NUL…) lạc trong văn bản (control characters dropped)")
    return Reading(pages=[text], method="text", encoding=encoding, notes=notes)


def _decode(data: bytes, notes: list[str]) -> tuple[str, bytes | None]:
    """The text, and its bytes when they were decoded one byte a character (Windows-1258)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], codec), None
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16), None
    if b"\x00" in data:
        data = _without_stray_controls(data, notes)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    if _looks_cp1258(data):
        return data.decode("cp1258"), data
    raise UnreadableFile("không đọc được bảng mã: không phải UTF-8, UTF-16 hay Windows-1258 (unknown encoding)")


def _without_stray_controls(data: bytes, notes: list[str]) -> bytes:
    """A few NULs in a text (a bad copy, a truncated write) are dropped; many mean a binary file."""
    cleaned, count = _CONTROL_BYTES.subn(b"", data)
    if count > max(FEW_CONTROLS, MAX_CONTROL_SHARE * len(data)):
        raise UnreadableFile("tệp nhị phân, không phải văn bản (binary file)")
    notes.append(f"đã bỏ {count} byte NUL/điều khiển lạc trong tệp (stray control bytes dropped)")
    return cleaned


def _old_encoding(text: str, raw: bytes | None) -> tuple[str, str | None]:
    """TCVN3/VNI texts: their bytes read as Windows-1252 (Latin-1 where 1252 has a gap) are the
    font's letters; a Unicode text typed in those fonts already holds those characters."""
    if text.isascii():
        return text, None
    latin = raw.decode("latin-1").translate(_CP1252) if raw is not None else text
    converted, encoding = legacy.convert(latin)
    return (converted, encoding) if encoding else (text, None)


# Windows-1252 where it differs from Latin-1 (0x80–0x9F): quotes and dashes of the old files.
_CP1252 = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


def _strict(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise UnreadableFile(f"tệp {codec.upper()} hỏng ở byte {err.start} (invalid {codec})") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'-be' for UTF-16 without a mark: the high byte of every ASCII
    character is NUL, so NULs fill one byte position and (almost) never the other."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2].count(0) / len(sample[0::2]), sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.4 and even < 0.02:
        return "utf-16-le"
    if even > 0.4 and odd < 0.02:
        return "utf-16-be"
    return None


def _looks_cp1258(data: bytes) -> bool:
    """Old Vietnamese Windows text decodes as cp1258 into mostly Latin letters."""
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        return False
    letters = sum(ch.isalpha() for ch in text)
    return letters > 0.5 * len(text.replace(" ", "").replace("\n", "") or "x")



# anything no other format claimed; its own decoding handles the old font encodings
FORMATS = [Format("text", (".txt", ".md", ".text"), lambda path, head: True, lambda path, data: read(data), order=99,
                  fonts=False)]
