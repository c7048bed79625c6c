"""Reading OCDS files of any published shape, one release or record at a time, in bounded memory.

A publisher's file may be a release package, a record package, a JSON array of packages (SERCOP),
JSON Lines, a single release or record, inside a ``.gz`` or a ``.zip`` or not. Whatever the
shape, ``read`` yields each release and record with where it was found, and a ``Problem`` for
whatever cannot be read, so that the importer skips it and goes on.

Valid files are streamed by ijson (its C parser). A file that turns out to be broken — invalid
JSON in the middle, bytes that are not UTF-8, a truncated end — is read again by a tolerant
scanner: it finds each element of the releases (or records) array by its brackets, skips the
elements read already, parses each of the rest alone and reports the ones that do not parse with
their byte offset. One bad release costs that release, not the file.
"""

import codecs
import gzip
import json
import mmap
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Any

import ijson

PEEK_BYTES = 64 * 1024
# Package fields worth keeping next to each release: where it came from and under which terms.
PACKAGE_FIELDS = ("version", "uri", "publishedDate", "license", "publicationPolicy")
# Keys that make a file's top-level object a release or a record rather than a package.
RELEASE_OR_RECORD_KEYS = {"ocid", "date", "tag", "compiledRelease", "versionedRelease"}


@dataclass(frozen=True)
class Item:
    """A release or a record (``kind``), with its package's metadata and its place in the file."""

    kind: str
    data: dict[str, Any]
    source: str
    position: str
    package: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Problem:
    """Something in a file that could not be read, and where: reported, then skipped."""

    source: str
    position: str
    message: str

    def __str__(self) -> str:
        where = f"{self.source}, {self.position}" if self.position else self.source
        return f"{where}: {self.message}"


Opener = Callable[[], IO[bytes]]


def read(path: Path, name: str | None = None) -> Iterator[Item | Problem]:
    """The releases and records of the file at ``path`` (plain, gzip or ZIP), and its problems."""
    name = name or path.name
    with open(path, "rb") as file:
        magic = file.read(4)
    if magic.startswith(b"PK"):
        try:
            archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile as error:
            yield Problem(name, "", f"not a readable ZIP archive ({error}); is the download complete?")
            return
        with archive:
            for info in archive.infolist():
                if not info.is_dir():
                    yield from _read_stream(lambda info=info: archive.open(info), f"{name}/{info.filename}")
    elif magic.startswith(b"\x1f\x8b"):
        yield from _read_stream(partial(gzip.open, path, "rb"), name)
    elif not magic:
        yield Problem(name, "", "the file is empty")
    else:
        # A file in UTF-16 or UTF-32 is re-encoded, so the tolerant reader cannot map it as it is.
        recoded = magic.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        yield from _read_stream(partial(open, path, "rb"), name, path=None if recoded else path)


def _read_stream(opener: Opener, name: str, path: Path | None = None) -> Iterator[Item | Problem]:
    try:
        with _utf8(opener) as stream:
            head = stream.read(PEEK_BYTES)
    except (OSError, EOFError, zipfile.BadZipFile) as error:
        yield Problem(name, "", f"cannot be read: {error}")
        return
    text_start = head.lstrip()[:1]
    if text_start not in (b"{", b"["):
        shown = head.lstrip()[:20].decode("utf-8", "replace")
        yield Problem(name, "byte 0", f"not JSON: it begins with {shown!r}")
        return
    if text_start == b"{" and _is_json_lines(head):
        yield from _read_lines(opener, name)
        return
    prefix, package = _layout(head)
    read_so_far = 0
    try:
        with _utf8(opener) as stream:
            for data in ijson.items(stream, prefix, use_float=True):
                read_so_far += 1
                yield from _unpack(data, f"{_noun(prefix)} {read_so_far}", package, name)
    except (ijson.JSONError, UnicodeDecodeError, OSError, EOFError, zipfile.BadZipFile):
        yield from _read_tolerantly(opener, name, path, prefix, package, skip=read_so_far)


def _noun(prefix: str) -> str:
    return "record" if prefix.endswith("records.item") else "release" if "releases" in prefix else "item"


@contextmanager
def _utf8(opener: Opener) -> Iterator[IO[bytes]]:
    """The stream as UTF-8 bytes: a UTF-8 byte-order mark is dropped, UTF-16 and UTF-32 re-encoded."""
    with opener() as raw:
        bom = raw.read(4)
        for mark, encoding in (
            (codecs.BOM_UTF32_LE, "utf-32"),
            (codecs.BOM_UTF32_BE, "utf-32"),
            (codecs.BOM_UTF8, None),
            (codecs.BOM_UTF16_LE, "utf-16"),
            (codecs.BOM_UTF16_BE, "utf-16"),
        ):
            if bom.startswith(mark):
                rest = bom[len(mark) :]
                if encoding is None:
                    yield _Prepended(rest, raw)
                else:
                    yield _Recoded(_Prepended(bom, raw), encoding)
                return
        yield _Prepended(bom, raw)


class _Prepended:
    """A binary stream with some bytes already read put back in front."""

    def __init__(self, first: bytes, stream: IO[bytes]) -> None:
        self.first = first
        self.stream = stream

    def read(self, size: int = -1) -> bytes:
        if not self.first:
            return self.stream.read(size)
        if size < 0:
            data, self.first = self.first + self.stream.read(), b""
            return data
        data, self.first = self.first[:size], self.first[size:]
        if len(data) < size:
            data += self.stream.read(size - len(data))
        return data

    def readline(self) -> bytes:
        if b"\n" in self.first:
            line, _, self.first = self.first.partition(b"\n")
            return line + b"\n"
        line, self.first = self.first, b""
        return line + self.stream.readline()


class _Recoded:
    """A stream of another Unicode encoding read as UTF-8 bytes."""

    def __init__(self, stream: Any, encoding: str) -> None:
        self.reader = codecs.getreader(encoding)(stream)

    def read(self, size: int = -1) -> bytes:
        if size == 0:
            return b""
        return self.reader.read(size if size < 0 else max(size // 4, 1)).encode("utf-8")

    def readline(self) -> bytes:
        return self.reader.readline().encode("utf-8")


def _is_json_lines(head: bytes) -> bool:
    """Whether the file's first line is a whole JSON object (JSON Lines), not the start of one."""
    first, newline, _ = head.lstrip().partition(b"\n")
    if not newline:
        return False
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, UnicodeDecodeError):
        return False


def _layout(head: bytes) -> tuple[str, dict[str, Any]]:
    """Where the releases or records are (an ijson prefix) and the package's metadata, from the
    file's first bytes."""
    package: dict[str, Any] = {}
    prefixes: list[str] = []
    try:
        for prefix, event, value in ijson.parse(head):
            if prefix == "" and event == "map_key" and value in RELEASE_OR_RECORD_KEYS:
                return "", package
            if event in ("start_array", "start_map"):
                prefixes.append(prefix)
            parent, _, key = prefix.rpartition(".")
            if key in PACKAGE_FIELDS and parent in ("", "item") and event in ("string", "number"):
                package.setdefault(key, value)
            if prefix in ("publisher.name", "item.publisher.name"):
                package.setdefault("publisher", value)
    except ijson.JSONError:
        pass
    for candidate in ("releases", "records", "item.releases", "item.records"):
        if candidate in prefixes:
            return f"{candidate}.item", package
    if head.lstrip().startswith(b"["):
        return "item", package
    return "", package


def _unpack(data: Any, position: str, package: dict[str, Any], source: str) -> Iterator[Item | Problem]:
    """The releases and records in one JSON value: itself, or the contents of a package."""
    if not isinstance(data, dict):
        yield Problem(source, position, f"expected an object, found {type(data).__name__}; skipped")
    elif isinstance(data.get("releases"), list) and ("ocid" in data or "compiledRelease" in data):
        yield Item("record", data, source, position, package)
    elif "ocid" in data or "date" in data or "tag" in data:
        yield Item("release", data, source, position, package)
    elif isinstance(data.get("releases"), list) or isinstance(data.get("records"), list):
        inner = {key: data[key] for key in PACKAGE_FIELDS if key in data}
        if isinstance(data.get("publisher"), dict):
            inner["publisher"] = data["publisher"].get("name", "")
        kind = "releases" if "releases" in data else "records"
        for index, element in enumerate(data[kind], 1):
            yield from _unpack(element, f"{position}, {kind[:-1]} {index}", inner, source)
    else:
        yield Problem(source, position, "neither a release, a record nor a package; skipped")


def _read_lines(opener: Opener, name: str) -> Iterator[Item | Problem]:
    with _utf8(opener) as stream:
        number = 0
        while line := stream.readline():
            number += 1
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except UnicodeDecodeError as error:
                yield Problem(
                    name, f"line {number}", f"not UTF-8 text (byte {error.start} of the line); skipped"
                )
                continue
            except ValueError as error:
                yield Problem(name, f"line {number}", f"invalid JSON ({error}); skipped")
                continue
            yield from _unpack(data, f"line {number}", {}, name)


def _read_tolerantly(
    opener: Opener, name: str, path: Path | None, prefix: str, package: dict[str, Any], skip: int
) -> Iterator[Item | Problem]:
    target = tuple(prefix.split(".")) if prefix else ()
    with _as_bytes(opener, path) as data:
        count = 0
        for start, end in _elements(data, target):
            count += 1
            if end is None:
                yield Problem(
                    name, f"byte {start:,}", f"the file ends inside {_noun(prefix)} {count}; skipped"
                )
                return
            if count <= skip:
                continue
            position = f"{_noun(prefix)} {count}, byte {start:,}"
            try:
                element = json.loads(data[start:end])
            except UnicodeDecodeError as error:
                yield Problem(name, f"byte {start + error.start:,}", f"not UTF-8 text in {position}; skipped")
                continue
            except ValueError as error:
                where = f"byte {start + error.pos:,}" if isinstance(error, json.JSONDecodeError) else position
                yield Problem(
                    name, where, f"invalid JSON in {position} ({error.args[0].split(':')[0]}); skipped"
                )
                continue
            yield from _unpack(element, position, package, name)
        if count == 0:
            yield Problem(name, "", "invalid JSON before any release or record could be found")


@contextmanager
def _as_bytes(opener: Opener, path: Path | None) -> Iterator[Any]:
    """The file's bytes, mapped from disk (a compressed or re-encoded file is first spooled to a
    temporary file), so that the scanner addresses them without holding them in memory."""
    with tempfile.TemporaryFile() if path is None else open(path, "rb") as file:
        if path is None:
            with _utf8(opener) as stream:
                shutil.copyfileobj(stream, file, 1024 * 1024)
            file.flush()
        if file.seek(0, 2) == 0:
            yield b""
            return
        with mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            yield mapped


STRUCTURE = re.compile(rb'[{}\[\]":]')
STRING_END = re.compile(rb'(?:[^"\\]|\\.)*"', re.DOTALL)
INSIDE = re.compile(rb'[{}\[\]"]')
AFTER_STRING = re.compile(rb"\s*(?:[,:}\]]|$)")


def _string_end(data: Any, position: int) -> int | None:
    """The offset just past the string whose content starts at ``position``.

    A quote followed by anything but a comma, colon or closing bracket cannot end a string in
    valid JSON: it is an unescaped quote inside the string, and the string goes on.
    """
    while end := STRING_END.match(data, position):
        position = end.end()
        if AFTER_STRING.match(data, position):
            return position
    return None


def _elements(data: Any, target: tuple[str, ...]) -> Iterator[tuple[int, int | None]]:
    """Byte ranges of the objects at ``target`` (an ijson prefix as a tuple), found by their brackets.

    Strings are skipped whole, so brackets inside them do not count; an unescaped quote inside a
    string (a known publisher defect) leaves the brackets balanced, so the next element is still
    found and only the broken one fails to parse.
    """
    path: list[str | None] = []
    key = None
    position = 0
    while match := STRUCTURE.search(data, position):
        char, position = match.group(), match.end()
        if char == b'"':
            end = _string_end(data, position)
            if end is None:
                return
            key = data[position : end - 1]
            position = end
        elif char == b":":
            if path:
                path[-1] = bytes(key).decode("utf-8", "replace") if key is not None else None
        elif char == b"{" and tuple(path) == target:
            end = _close(data, match.start())
            yield match.start(), end
            if end is None:
                return
            position = end
        elif char in b"{[":
            path.append("item" if char == b"[" else None)
        elif path:
            path.pop()


def _close(data: Any, start: int) -> int | None:
    """The offset just past the object that opens at ``start``, or None if the data ends first."""
    depth = 0
    position = start
    while match := INSIDE.search(data, position):
        char, position = match.group(), match.end()
        if char == b'"':
            end = _string_end(data, position)
            if end is None:
                return None
            position = end
        elif char in b"{[":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return position
    return None
