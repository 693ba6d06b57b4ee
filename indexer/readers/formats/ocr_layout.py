"""Tesseract's words → lines of text, with the two columns of a header read one after the other.

A công văn's header is two columns side by side (issuer, Số and V/v on the
left; quốc hiệu, place and date on the right), and so is its signature block
(Nơi nhận, signer). Tesseract often reads such a row as one line, "VĂN PHÒNG
CHÍNH PHỦ CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", which makes one issuer of both,
or reads the right column as a later block. So a line is cut where a gap
wider than the text is high crosses the middle of the page; between two
lines that span the middle (body text, a centred title), the pieces are cut
into rows where a blank stripe crosses both columns, and in each row the
left half is written top to bottom, then the right half: the header table
cell by cell, as a person reads it and as the Word and text readers give it.
"""

from __future__ import annotations

from dataclasses import dataclass

GAP_HEIGHTS = 1.0  # a gap wider than this many text heights separates columns (a space is ~0.3)
MIDDLE = (0.3, 0.7)  # the column gap lies in this band of the page width
BAND_GAP_HEIGHTS = 0.9  # a blank stripe this many text heights high, across both columns, ends a row


@dataclass
class Segment:
    text: str
    left: int
    right: int
    top: int
    bottom: int
    paragraph_end: bool = False
    side: str | None = None  # set when a column gap cut the line: the side of the gap it lies on


def lines_and_confidence(data: dict) -> tuple[str, float | None]:
    """(text, mean word confidence) from pytesseract.image_to_data's dict."""
    count = len(data["text"])
    width = max((data["left"][i] + data["width"][i] for i in range(count)), default=0)
    segments: list[Segment] = []
    words: list[int] = []
    key = None
    confidences: list[float] = []
    for i in range(count):
        if float(data["conf"][i]) < 0 or not data["text"][i].strip():
            continue
        here = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        if here != key and words:
            segments += _segments(data, words, width)
            segments[-1].paragraph_end = key is not None and here[:2] != key[:2]
            words = []
        key = here
        words.append(i)
        confidences.append(float(data["conf"][i]))
    if words:
        segments += _segments(data, words, width)
    text = "\n".join(_ordered(segments, width)).strip()
    return text, (sum(confidences) / len(confidences) if confidences else None)


def _segments(data: dict, words: list[int], width: int) -> list[Segment]:
    """A line's words, cut where a column gap crosses the middle of the page."""
    heights = sorted(data["height"][i] for i in words)
    height = heights[len(heights) // 2]
    out: list[Segment] = []
    for i in words:
        left, right, text = data["left"][i], data["left"][i] + data["width"][i], data["text"][i]
        top, bottom = data["top"][i], data["top"][i] + data["height"][i]
        if out:
            last = out[-1]
            wide = left - last.right > GAP_HEIGHTS * height
            gap = wide and left > MIDDLE[0] * width and last.right < MIDDLE[1] * width
            if not gap:
                out[-1] = Segment(f"{last.text} {text}", last.left, right, min(last.top, top), max(last.bottom, bottom),
                                  side=last.side)
                continue
            last.side = last.side or "left"
            out.append(Segment(text, left, right, top, bottom, side="right"))
            continue
        out.append(Segment(text, left, right, top, bottom))
    return out


def _side(segment: Segment, width: int) -> str | None:
    """'left' or 'right': the side of its column gap, or the half of the page it lies in; None when it
    spans the middle (body text, a centred title)."""
    if segment.side:
        return segment.side
    if segment.right <= width / 2:
        return "left"
    if segment.left >= width / 2:
        return "right"
    return None


def _bands(region: list[Segment]) -> list[list[Segment]]:
    """The region cut where a blank stripe crosses both columns: the rows of the header table
    (issuer | quốc hiệu, then Số and V/v | place and date, then Kính gửi | its list)."""
    bands: list[list[Segment]] = []
    bottom = None
    for segment in sorted(region, key=lambda s: s.top):
        height = segment.bottom - segment.top
        if bottom is None or segment.top > bottom + BAND_GAP_HEIGHTS * height:
            bands.append([])
            bottom = segment.bottom
        bands[-1].append(segment)
        bottom = max(bottom, segment.bottom)
    return bands


def _ordered(segments: list[Segment], width: int) -> list[str]:
    """Spanning lines as Tesseract read them; between them, the left half top to bottom, then the right."""
    out: list[str] = []
    region: list[Segment] = []

    def flush() -> None:
        for band in _bands(region):
            for side in ("left", "right"):
                out.extend(s.text for s in band if _side(s, width) == side)
        region.clear()

    for segment in segments:
        if _side(segment, width) is None:
            flush()
            out.append(segment.text)
            if segment.paragraph_end:
                out.append("")
        else:
            region.append(segment)
    flush()
    return out
