"""Checks that an uploaded document is what its extension says, down to its structure.

Wagtail already refuses extensions outside WAGTAILDOCS_EXTENSIONS and files over
WAGTAILDOCS_MAX_UPLOAD_SIZE. Here ``filetype`` names what the first bytes are (a program is
refused whatever its name), and the structure is read: a PDF must parse and have pages, an
Office file must be a package of its kind (OOXML parts or the ODF ``mimetype``), a text file must
not be binary. First bytes alone let an ELF program through behind a ``%PDF-`` header, and a Java
archive renamed ``.docx``.
"""

import zipfile
from pathlib import Path
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext_lazy as _

import filetype
from pypdf import PdfReader

# What filetype recognises as a program, and the programs it does not know (Mach-O, scripts).
PROGRAM_TYPES = {"exe", "elf", "wasm", "deb", "rpm", "crx", "cab", "swf"}
PROGRAM_SIGNATURES = (
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",
)
# The parts that make a ZIP file an Office document of each kind.
OOXML_PARTS = {
    "docx": ("[Content_Types].xml", "word/document.xml"),
    "xlsx": ("[Content_Types].xml", "xl/workbook.xml"),
    "pptx": ("[Content_Types].xml", "ppt/presentation.xml"),
}
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
TEXT_EXTENSIONS = {"csv", "txt"}
SNIFF_BYTES = 8192


def validate_document_content(uploaded: File) -> None:
    """Raise ValidationError when the file is a program or its content is not a document of its extension."""
    extension = Path(uploaded.name).suffix.lower().lstrip(".")
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(SNIFF_BYTES)
    uploaded.seek(0)
    try:
        detected = filetype.guess_extension(head)
        if detected in PROGRAM_TYPES or head.startswith(PROGRAM_SIGNATURES):
            raise ValidationError(_("Programs and scripts cannot be uploaded, whatever their extension."))
        if not _is_document(uploaded, extension, head, detected):
            raise ValidationError(
                _("This file's content is not a .%(extension)s document. Upload the original file."),
                params={"extension": extension},
            )
    finally:
        uploaded.seek(position)


def _is_document(uploaded: IO[bytes], extension: str, head: bytes, detected: str | None) -> bool:
    if extension in TEXT_EXTENSIONS:
        return detected is None and b"\x00" not in head
    if extension == "pdf":
        return detected == "pdf" and _is_pdf(uploaded)
    if extension in OOXML_PARTS or extension in ODF_MIMETYPES:
        return detected in {extension, "zip"} and _is_package(uploaded, extension)
    return True


def _is_pdf(uploaded: IO[bytes]) -> bool:
    try:
        return len(PdfReader(uploaded).pages) > 0
    except Exception:  # noqa: BLE001 — a malformed PDF makes pypdf raise errors of any kind
        return False


def _is_package(uploaded: IO[bytes], extension: str) -> bool:
    try:
        with zipfile.ZipFile(uploaded) as package:
            names = set(package.namelist())
            if extension in ODF_MIMETYPES:
                if "mimetype" not in names:
                    return False
                with package.open("mimetype") as declared:
                    return declared.read(100).strip() == ODF_MIMETYPES[extension]
            return all(part in names for part in OOXML_PARTS[extension])
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        return False
