"""Checks that an uploaded document is what its extension says.

Wagtail already refuses extensions outside WAGTAILDOCS_EXTENSIONS and files over
WAGTAILDOCS_MAX_UPLOAD_SIZE; this also refuses a program renamed to ``.pdf`` or
any file whose first bytes contradict its extension.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext_lazy as _

EXECUTABLE_SIGNATURES = (
    b"MZ",  # Windows PE
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa\xce",  # Mach-O, 32 and 64 bit, both byte orders, fat binaries
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",  # scripts
)
ZIP_SIGNATURE = b"PK\x03\x04"
EXPECTED_SIGNATURES = {
    "pdf": b"%PDF-",
    "docx": ZIP_SIGNATURE,
    "xlsx": ZIP_SIGNATURE,
    "pptx": ZIP_SIGNATURE,
    "odt": ZIP_SIGNATURE,
    "ods": ZIP_SIGNATURE,
}
TEXT_EXTENSIONS = {"csv", "txt"}
SNIFF_BYTES = 4096


def validate_document_content(uploaded: File) -> None:
    """Raise ValidationError when the file's content does not match its extension."""
    extension = Path(uploaded.name).suffix.lower().lstrip(".")
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(SNIFF_BYTES)
    uploaded.seek(position)

    if head.startswith(EXECUTABLE_SIGNATURES):
        raise ValidationError(_("Programs and scripts cannot be uploaded, whatever their extension."))
    expected = EXPECTED_SIGNATURES.get(extension)
    if (expected and not head.startswith(expected)) or (extension in TEXT_EXTENSIONS and b"\x00" in head):
        raise ValidationError(
            _("This file's content is not a .%(extension)s document. Upload the original file."),
            params={"extension": extension},
        )
