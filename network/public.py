"""What a model exposes publicly, declared once in its ``public_fields``.

A model lists the fields it publishes, in the order they are published::

    public_fields = [
        *BasePage.public_fields,
        PublicField("iso_alpha2", _("ISO 3166 alpha-2 code"), search=KEYWORDS),
        PublicField("subregion", _("Subregion"), read=display),
        PublicField("laws", search=TEXT),
        PublicField("url", _("Profile on this site"), read=page_url, api=False),
    ]

and every public surface derives from that one list, so publishing a field is
a change in one place:

- the read-only API: ``api_fields = PublicAPIFields()`` (set once on ``BasePage``)
  lists the fields with ``api=True``, each with its ``serializer``;
- the CSV and JSON downloads: ``export_columns`` has one column per field with a
  ``label`` (the column header), read with ``read``;
- the site search reads the fields marked ``TEXT`` or ``KEYWORDS``;
- JSON-LD: ``schema_properties`` gives the fields that carry a schema.org ``schema``
  property as they are.

modeltranslation still registers the translated fields in each app's ``translation.py``.
"""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from django.db.models import Model
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.html import strip_tags

from wagtail.api import APIField

from network.ordering import alphabetical

# How the site search uses a field: as running text, or as exact words (codes, names).
TEXT = "text"
KEYWORDS = "keywords"


class Reader(Protocol):
    """How the downloads read a field's value: from the object, the field's name and the request."""

    def __call__(self, obj: Any, name: str, request: HttpRequest | None) -> Any: ...


def value(obj: Any, name: str, request: HttpRequest | None) -> Any:
    """The value as stored: numbers, dates and booleans keep their type in JSON."""
    return getattr(obj, name)


def display(obj: Any, name: str, request: HttpRequest | None) -> Any:
    """The translated label of a choice, not its code."""
    return getattr(obj, f"get_{name}_display")()


def title(obj: Any, name: str, request: HttpRequest | None) -> str | None:
    """The title of the page a foreign key points to."""
    page = getattr(obj, name)
    return page.title if page is not None else None


def text(obj: Any, name: str, request: HttpRequest | None) -> str | None:
    """A related object as it names itself."""
    related = getattr(obj, name)
    return str(related) if related is not None else None


def titles(obj: Any, name: str, request: HttpRequest | None) -> list[str]:
    """The titles of related pages, alphabetical in the active language."""
    return [page.title for page in alphabetical(getattr(obj, name).all())]


def names(obj: Any, name: str, request: HttpRequest | None) -> list[str]:
    """The names of related objects, in their own order."""
    return [item.name for item in getattr(obj, name).all()]


def plain_text(rich_text: str) -> str:
    """Rich text as plain text, one line per paragraph or list item."""
    with_breaks = re.sub(r"</(p|li|h[1-6])>|<br\s*/?>", "\n", rich_text or "")
    return "\n".join(
        line.strip() for line in html.unescape(strip_tags(with_breaks)).splitlines() if line.strip()
    )


def rich_text(obj: Any, name: str, request: HttpRequest | None) -> str:
    """Rich text as plain text, for spreadsheets and programs."""
    return plain_text(getattr(obj, name))


def page_url(obj: Any, name: str, request: HttpRequest | None) -> str:
    """The page's address on this site, in the active language."""
    return obj.get_full_url(request)


def attribute(path: str) -> Reader:
    """Reads another attribute than the field's name, through relations: ``attribute("page.title")``."""

    def read(obj: Any, name: str, request: HttpRequest | None) -> Any:
        for part in path.split("."):
            obj = getattr(obj, part)
        return obj

    return read


def through(relation: str, reader: Reader) -> Reader:
    """Reads the object at ``relation`` with ``reader``: ``through("page", page_url)``."""
    return lambda obj, name, request: reader(getattr(obj, relation), name, request)


@dataclass(frozen=True)
class PublicField:
    """One field a model publishes, and how each public surface reads it."""

    name: str
    # The column header in the downloads; a field without one is not downloaded.
    label: str | Promise | None = None
    read: Reader = value
    # In the API, under ``name``, serialized by ``serializer`` (Wagtail's default when None).
    api: bool = True
    serializer: Any = None
    # TEXT or KEYWORDS for the site search; None when search does not read it.
    search: str | None = None
    # The schema.org property the value is, as is, in the model's JSON-LD.
    schema: str | None = None

    def api_field(self) -> APIField:
        return APIField(self.name, serializer=self.serializer)


def public_fields(model: type[Model] | Model) -> list[PublicField]:
    return list(getattr(model, "public_fields", ()))


class PublicAPIFields:
    """A model's ``api_fields`` for Wagtail's API, derived from its ``public_fields``."""

    def __get__(self, instance: Model | None, owner: type[Model]) -> list[APIField]:
        return [field.api_field() for field in public_fields(owner) if field.api]


@dataclass(frozen=True)
class Column:
    """One column of a download: its stable key, its translated header, and its value per row."""

    key: str
    label: str | Promise
    value: Callable[[Any], Any]


def export_columns(model: type[Model], request: HttpRequest | None) -> list[Column]:
    """The download columns of ``model``: its public fields that have a label, in their order."""
    return [_column(field, request) for field in public_fields(model) if field.label is not None]


def _column(field: PublicField, request: HttpRequest | None) -> Column:
    return Column(field.name, field.label, lambda obj: field.read(obj, field.name, request))


def search_fields(model: type[Model] | Model, use: str) -> list[PublicField]:
    """The public fields the site search reads as ``use`` (TEXT or KEYWORDS)."""
    return [field for field in public_fields(model) if field.search == use]


def schema_properties(obj: Model) -> dict[str, Any]:
    """schema.org property → value, for the public fields of ``obj`` that declare one; dates in ISO 8601."""
    return {
        field.schema: _json_ld_value(getattr(obj, field.name)) for field in public_fields(obj) if field.schema
    }


def _json_ld_value(data: Any) -> Any:
    return data.isoformat() if isinstance(data, date | datetime) else data
