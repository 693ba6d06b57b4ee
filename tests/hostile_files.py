"""A hostile inbox, generated (issue 19): every class of file that stopped or stalled indexing, beside good ones.

    python -m tests.hostile_files DIR      # writes the folder (not a test module)

Each generator writes one file and says what the build must do with it:
"indexed", "withheld" (a secrecy mark) or a piece of the reason it is
reported with. No binaries are committed: PDFs are written object by object,
zips are inflated bombs written in chunks, images drawn with Pillow.
"""

from __future__ import annotations

import io
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

LETTER = ("ỦY BAN NHÂN DÂN\nTỈNH BẮC KẠN\n{stamp}Số: {number}/UBND-VP\nV/v {subject}\n"
          "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
          "Bắc Kạn, ngày 12 tháng 3 năm 2024\nKính gửi: Sở Y tế tỉnh Bắc Kạn\n"
          "Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị {subject}.\n"
          "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Đăng Bình\n")


def letter(number: int, subject: str, stamp: str = "") -> str:
    return LETTER.format(number=number, subject=subject, stamp=f"{stamp}\n" if stamp else "")


def pdf(pages: list[bytes], width: float = 595, height: float = 842, image: bytes | None = None,
        repeat: int = 1) -> bytes:
    """A PDF written object by object: pages of content streams (Helvetica text), an optional 1×1 image
    XObject drawn over the page; `repeat` pages share the first page's content (a 100,000-page file)."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    font = len(objects) + 1
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    xobject = b""
    if image is not None:
        objects.append(b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
                       b"/BitsPerComponent 8 /Length %d >>\nstream\n" % len(image) + image + b"\nendstream")
        xobject = b"/XObject << /Im1 %d 0 R >>" % len(objects)
    kids = []
    contents = []
    for page in pages:
        objects.append(b"<< /Length %d >>\nstream\n" % len(page) + page + b"\nendstream")
        contents.append(len(objects))
    for i in range(len(pages) * repeat):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 %d 0 R >> %s >> >>"
                       % (width, height, contents[i % len(contents)], font, xobject))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def text_page(lines: list[str], image: bool = False) -> bytes:
    """A page's content stream: ASCII lines in Helvetica (and the image stretched over the page first)."""
    body = b"q 595 0 0 842 0 0 cm /Im1 Do Q\n" if image else b""
    body += b"BT /F1 11 Tf 14 TL 60 780 Td\n"
    for line in lines:
        body += b"(" + line.encode("ascii").replace(b"(", b"[").replace(b")", b"]") + b") Tj T*\n"
    return body + b"ET"


ASCII_LETTER = ["UY BAN NHAN DAN TINH BAC KAN", "So: 77/UBND-VP", "V/v kiem tra hoa chat",
                "Bac Kan, ngay 12 thang 3 nam 2024", "Kinh gui: So Y te tinh Bac Kan",
                *["Uy ban nhan dan tinh yeu cau cac co quan, don vi kiem tra hoa chat va bao cao ket qua."] * 8,
                "KT. CHU TICH", "PHO CHU TICH", "Nguyen Dang Binh"]


def bomb_zip(path: Path, members: dict[str, bytes], bomb: str, inflated: int) -> None:
    """A zip whose `bomb` member inflates to `inflated` bytes of one repeated run, written in chunks."""
    chunk = b"<w:t>" + b"a" * (1 << 20) + b"</w:t>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        with archive.open(bomb, "w", force_zip64=True) as stream:
            written = 0
            while written < inflated:
                stream.write(chunk)
                written += len(chunk)


DOCX_TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              b'<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
              b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
              b'</Types>')


def _docx_bomb(path: Path) -> None:
    bomb_zip(path, {"[Content_Types].xml": DOCX_TYPES}, "word/document.xml", 1 << 30)


def _odt_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("mimetype", "w", force_zip64=True) as stream:
            stream.write(b"application/vnd.oasis.opendocument.text")
            for _ in range(1024):
                stream.write(b" " * (1 << 20))
        archive.writestr("content.xml", "<x/>")


def _scan_png(path: Path, lines: list[str], size: tuple[int, int] = (1240, 1754)) -> None:
    """A page drawn as a scanner would give it (150 dpi A4): dark text on white, a Vietnamese font."""
    from PIL import Image, ImageDraw, ImageFont

    page = Image.new("L", size, 255)
    draw = ImageDraw.Draw(page)
    fonts = [Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"),
             Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")]
    font = next((ImageFont.truetype(str(f), 30) for f in fonts if f.exists()), ImageFont.load_default())
    y = 90
    for line in lines:
        if line.startswith("[") and line.endswith("]"):  # a stamp: the mark in a frame
            draw.rectangle((110, y - 8, 110 + 40 + 26 * len(line), y + 46), outline=0, width=4)
            line = line[1:-1]
        draw.text((130, y), line, fill=0, font=font)
        y += 62
    page.save(path, dpi=(150, 150))


def _write(path: Path, data: bytes | str) -> None:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


# name → (writer, what the build must do: "indexed", "withheld", or a piece of the reported reason)
Generator = Callable[[Path], None]
FILES: dict[str, tuple[Generator, str]] = {
    # 1. control characters in HTML, as bytes and as entities
    "html/form-feed.html": (lambda p: _write(p, "<html><body><p>Trang 1\x0cTrang 2</p>"
                                             + letter(1, "kiểm tra trang").replace("\n", "<br>") + "</body></html>"),
                            "indexed"),
    "html/entities.html": (lambda p: _write(p, "<html><body><p>a&#1;b&#11;c&#12;d</p>"
                                            + letter(2, "kiểm tra ký tự").replace("\n", "<br>") + "</body></html>"),
                           "indexed"),
    # 8. UTF-8 HTML without a <meta charset>
    "html/utf8-no-meta.html": (lambda p: _write(p, "<html><body>" + letter(3, "phòng chống lụt bão")
                                                .replace("\n", "<br>") + "</body></html>"), "indexed"),
    # 2. an image below 1 ppi stretched over the page
    "pdf/under-1-ppi.pdf": (lambda p: _write(p, pdf([text_page(ASCII_LETTER, image=True)], image=b"\x80")),
                            "indexed"),
    # 4. a 10,000-point scanned page (an image over it, no text layer): rendered within the pixel limit
    "pdf/huge-page.pdf": (lambda p: _write(p, pdf([b"q 10000 0 0 10000 0 0 cm /Im1 Do Q"], width=10_000,
                                                  height=10_000, image=b"\xf0")), "rỗng"),
    # 6. 100,000 pages
    "pdf/100000-pages.pdf": (lambda p: _write(p, pdf([b""], repeat=100_000)), "trang"),
    # 8. a password
    "pdf/password.pdf": (lambda p: _write(p, _encrypted(pdf([text_page(ASCII_LETTER)]))), "có mật khẩu"),
    # 3. long first lines: each stalled the extraction
    "text/long-first-line.txt": (lambda p: _write(p, "Trích yếu " + "cách ly " * 12_500 + "\n"
                                                  + letter(4, "cách ly")), "indexed"),
    "text/repeated-dates.txt": (lambda p: _write(p, "ngày 12 tháng 3 năm 2024 " * 4000 + "\n" + letter(5, "ngày")),
                                "indexed"),
    "text/repeated-decrees.txt": (lambda p: _write(p, "theo Nghị định số " * 5000 + "\n" + letter(6, "nghị định")),
                                  "indexed"),
    "text/caps-line.txt": (lambda p: _write(p, "a " + "BỘ Y TẾ " * 12_000 + "1\n" + letter(7, "chữ hoa")), "indexed"),
    # 8. a newline in the name
    "text/tên có\ndòng mới.txt": (lambda p: _write(p, letter(8, "tên tệp lạ")), "indexed"),
    # 4. inflation: a 1 MB .docx holding 1 GB of XML, an .odt with a 1 GB mimetype
    "zip/bomb.docx": (_docx_bomb, "giải nén"),
    "zip/mimetype-bomb.odt": (_odt_bomb, "giải nén"),
    # 5. control characters in an RTF subject
    "rtf/controls.rtf": (lambda p: _write(p, r"{\rtf1\ansi\ansicpg1252 {\info{\subject a\'01\'0b\'1b b}}"
                                          + _rtf(letter(9, "kiểm tra RTF\x01\x0b\x1b")) + "}"), "indexed"),
    # 7. secrecy and urgency marks
    "marks/mat.txt": (lambda p: _write(p, letter(10, "bảo vệ bí mật", stamp="MẬT")), "withheld"),
    "marks/hoa-toc.txt": (lambda p: _write(p, letter(11, "phòng chống bão số 3", stamp="HỎA TỐC")), "indexed"),
    "marks/bi-mat-kinh-doanh.txt": (lambda p: _write(p, letter(12, "bảo vệ BÍ MẬT KINH DOANH")
                                                     .replace("V/v", "BÍ MẬT KINH DOANH\nV/v")), "indexed"),
    # damaged and empty files
    "other/empty.txt": (lambda p: _write(p, b""), "rỗng"),
    "other/binary.pdf": (lambda p: _write(p, b"%PDF-1.4\n" + zlib.compress(b"x" * 1000)), "PDF"),
    "other/deep.html": (lambda p: _write(p, "<html><body>" + "<div>" * 200_000 + letter(13, "lồng sâu")
                                         + "</body></html>"), "rỗng"),  # lxml keeps 256 levels
}


def _rtf(text: str) -> str:
    """Text as RTF: paragraphs, and every non-ASCII or control character as an escape (\\uN? or \\'xx)."""
    out = []
    for ch in text:
        if ch == "\n":
            out.append("\\par\n")
        elif ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 32:
            out.append(f"\\'{ord(ch):02x}")
        elif ord(ch) < 128:
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?")
    return "".join(out)


def _encrypted(data: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt("mat-khau", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def write(folder: Path, names: list[str] | None = None) -> dict[str, str]:
    """Write the hostile files (all, or the named ones) under `folder`; name → what the build must do."""
    out = {}
    for name, (generate, expected) in FILES.items():
        if names is None or name in names:
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            generate(path)
            out[name] = expected
    return out


if __name__ == "__main__":
    for name, expected in write(Path(sys.argv[1])).items():
        print(f"{expected:12} {name!r}")
