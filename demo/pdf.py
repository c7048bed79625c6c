"""A minimal text-only PDF writer, so the demo documents are generated rather than stored as binaries.

It writes PDF 1.4 with the standard Helvetica fonts in WinAnsiEncoding (enough
for Spanish and English), wraps paragraphs to the page width, and records the
document language and title so readers and text extractors treat it properly.
"""

import textwrap

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 64
BODY_SIZE, TITLE_SIZE = 11, 15
LEADING = 15
WRAP_COLUMNS = 82  # about 450 pt of Helvetica 11 pt, inside the 467 pt text width
LINES_PER_PAGE = (PAGE_HEIGHT - 2 * MARGIN) // LEADING


def _literal(text: str) -> bytes:
    """A PDF string literal in the fonts' WinAnsi encoding."""
    encoded = text.encode("cp1252")
    return b"(" + encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _utf16_literal(text: str) -> bytes:
    """A text string for metadata, which PDF reads as UTF-16 when it starts with a byte-order mark."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def _layout(title: str, paragraphs: list[str]) -> list[list[tuple[str, str]]]:
    """Lines as (font, text) pairs, split into pages; an empty text is a blank line."""
    lines = [("F2", line) for line in textwrap.wrap(title, WRAP_COLUMNS * BODY_SIZE // TITLE_SIZE)]
    for paragraph in paragraphs:
        lines.append(("F1", ""))
        lines.extend(("F1", line) for line in textwrap.wrap(paragraph, WRAP_COLUMNS))
    return [lines[start : start + LINES_PER_PAGE] for start in range(0, len(lines), LINES_PER_PAGE)]


def _content_stream(lines: list[tuple[str, str]]) -> bytes:
    commands = [b"BT", f"{LEADING} TL".encode(), f"{MARGIN} {PAGE_HEIGHT - MARGIN} Td".encode()]
    for font, text in lines:
        size = TITLE_SIZE if font == "F2" else BODY_SIZE
        commands.append(f"/{font} {size} Tf".encode())
        commands.append(_literal(text) + b" Tj T*")
    commands.append(b"ET")
    return b"\n".join(commands)


def text_pdf(title: str, paragraphs: list[str], language: str) -> bytes:
    """A valid PDF whose text is the title followed by the paragraphs, in ``language`` (e.g. "es")."""
    pages = _layout(title, paragraphs)
    first_page = 5  # 1 catalog, 2 page tree, 3-4 fonts, then a page object and its content per page
    kids = " ".join(f"{first_page + 2 * index} 0 R" for index in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Lang " + _literal(language) + b" >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ]
    for index, lines in enumerate(pages):
        content_number = first_page + 2 * index + 1
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {content_number} 0 R >>".encode()
        )
        stream = _content_stream(lines)
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    objects.append(b"<< /Title " + _utf16_literal(title) + b" /Producer (compraspublicas demo) >>")
    return _serialize(objects, info_number=len(objects))


def _serialize(objects: list[bytes], info_number: int) -> bytes:
    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref_offset = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    output += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    output += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {info_number} 0 R >>\n"
        f"startxref\n{xref_offset}\n%%EOF\n"
    ).encode()
    return bytes(output)
