"""The text inside uploaded files, so the search finds documents by what they say.

Files come from editors and partners and may be damaged or hostile: a 72 KB DOCX can unpack
to 20 MB of XML, a PDF can take minutes per page. So a DOCX that declares more XML than the
memory limit can parse is not read, and the rest is read in a child process with a time and a
memory limit (``DOCUMENT_TEXT_SECONDS``, ``DOCUMENT_TEXT_MEMORY_MB``), by
a task outside the upload request (``search.tasks``), and the outcome is recorded as the
document's text status; a failure never reaches the person uploading.
"""

import io
import logging
import multiprocessing
import resource
import zipfile
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import PurePath

from django.conf import settings
from django.core.files import File

from network.models import TextStatus

logger = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 1_000_000
MAX_PDF_PAGES = 500
# Parsing XML takes several times its size in memory: a DOCX whose parts unpack to more than
# the memory limit divided by this is too large without reading it.
XML_MEMORY_FACTOR = 8
PLAIN_TEXT_SUFFIXES = {".txt", ".csv"}


@dataclass(frozen=True)
class Extraction:
    text: str
    status: str


def extract_text(file: File) -> Extraction:
    """The text of a PDF, DOCX, TXT or CSV file, read within the limits, and how it went."""
    suffix = PurePath(file.name or "").suffix.lower()
    if suffix not in READERS and suffix not in PLAIN_TEXT_SUFFIXES:
        return Extraction("", TextStatus.NO_TEXT)
    try:
        file.open("rb")
        try:
            data = file.read()
        finally:
            file.close()
    except OSError:
        logger.warning("Could not read the file of %s", file.name, exc_info=True)
        return Extraction("", TextStatus.FAILED)
    if (
        suffix == ".docx"
        and _unpacked_size(data) * XML_MEMORY_FACTOR > settings.DOCUMENT_TEXT_MEMORY_MB * 2**20
    ):
        return Extraction("", TextStatus.TOO_LARGE)
    return _in_child_process(data, suffix, file.name)


def _unpacked_size(data: bytes) -> int:
    """The bytes a ZIP package's parts take unpacked, as its directory declares them."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return sum(part.file_size for part in package.infolist())
    except zipfile.BadZipFile:
        return 0


def _in_child_process(data: bytes, suffix: str, name: str) -> Extraction:
    """Run ``_read`` in a forked child, killed when it runs out of time; its memory is capped."""
    receiving, sending = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(
        target=_child, args=(data, suffix, sending), daemon=True
    )
    child.start()
    sending.close()
    try:
        if receiving.poll(settings.DOCUMENT_TEXT_SECONDS):
            status, text = receiving.recv()
        else:
            logger.warning("Reading the text of %s took too long", name)
            status, text = TextStatus.TOO_LARGE, ""
    except EOFError:  # the child died without an answer: killed for its memory, or crashed
        status, text = TextStatus.TOO_LARGE, ""
    finally:
        receiving.close()
        child.kill()
        child.join()
    return Extraction(_clean(text)[:MAX_TEXT_LENGTH], status)


def _child(data: bytes, suffix: str, answer: Connection) -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    budget = _address_space() + settings.DOCUMENT_TEXT_MEMORY_MB * 1024 * 1024
    resource.setrlimit(
        resource.RLIMIT_AS, (budget if hard == resource.RLIM_INFINITY else min(budget, hard), hard)
    )
    try:
        reader = READERS.get(suffix)
        text = reader(data) if reader else data.decode("utf-8", errors="replace")
        answer.send((TextStatus.EXTRACTED, text))
    except Exception as error:
        # pypdf and python-docx raise many kinds of errors on damaged files; lxml reports the
        # memory cap as an XML error ("Memory allocation failed"), not as MemoryError.
        if isinstance(error, MemoryError) or "memory allocation failed" in str(error).lower():
            answer.send((TextStatus.TOO_LARGE, ""))
        else:
            logger.warning("Could not extract the text of a %s file", suffix, exc_info=True)
            answer.send((TextStatus.FAILED, ""))


def _address_space() -> int:
    """The bytes of address space this process already uses (the memory cap comes on top)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


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


READERS = {".pdf": _pdf_text, ".docx": _docx_text}


def _clean(text: str) -> str:
    """Text without NUL bytes (PostgreSQL rejects them) and without runs of blank lines."""
    lines = (line.strip() for line in text.replace("\x00", "").splitlines())
    return "\n".join(line for line in lines if line)
