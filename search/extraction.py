"""The text inside uploaded files, so the search finds documents by what they say.

Files come from editors and partners and may be damaged or hostile: any failure
yields no text (and a log line), never an error for the person uploading.
"""

import io
import logging
from pathlib import PurePath

from django.core.files import File

logger = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 1_000_000
MAX_PDF_PAGES = 500
PLAIN_TEXT_SUFFIXES = {".txt", ".csv"}


def extract_text(file: File) -> str:
    """The text of a PDF, DOCX, TXT or CSV file; '' for other types and for files that cannot be read."""
    suffix = PurePath(file.name or "").suffix.lower()
    reader = {".pdf": _pdf_text, ".docx": _docx_text}.get(suffix)
    if reader is None and suffix not in PLAIN_TEXT_SUFFIXES:
        return ""
    try:
        file.open("rb")
        try:
            data = file.read()
        finally:
            file.close()
        text = reader(data) if reader else data.decode("utf-8", errors="replace")
    except Exception:
        # pypdf and python-docx raise many kinds of errors on damaged files; none may stop an upload.
        logger.warning("Could not extract the text of %s", file.name, exc_info=True)
        return ""
    return _clean(text)[:MAX_TEXT_LENGTH]


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages[:MAX_PDF_PAGES])


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(paragraphs + cells)


def _clean(text: str) -> str:
    """Text without NUL bytes (PostgreSQL rejects them) and without runs of blank lines."""
    lines = (line.strip() for line in text.replace("\x00", "").splitlines())
    return "\n".join(line for line in lines if line)
