"""The network's data as CSV and JSON downloads, in the language of the URL.

Each dataset is a model's rows readers may see (``network.tree.visible``) (the same querysets the index pages
list) and its download columns, derived from the model's ``public_fields``
(``network.public``). The domain apps contribute their datasets through the
``register_export_datasets`` hook (``network.contributions``), returning
``{name: Dataset}``; the download is then at ``/<language>/exports/<name>.csv``
and ``.json``.

CSV is meant for spreadsheets: UTF-8 with a byte-order mark (without it Excel
reads the file as ANSI and mangles every accent), CRLF line ends, translated
column names in the header row, and text cells that would start a formula
prefixed with an apostrophe. JSON is meant for programs: stable English keys,
typed values, and the translated label of each key.
"""

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, gettext

from network.contributions import Contributions
from network.public import Column, export_columns

# Spreadsheets run cells starting with these as formulas (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class Dataset:
    """A download: its translated title, the model whose public fields are its columns, and its rows."""

    title: str | Promise
    model: type[Model]
    rows: Callable[[HttpRequest], Iterable[Any]]

    def columns(self, request: HttpRequest | None) -> list[Column]:
        return export_columns(self.model, request)


DATASETS = Contributions("register_export_datasets")


# --- Formats ----------------------------------------------------------------------


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def json_value(value: Any) -> Any:
    """``value`` as JSON holds it: dates in ISO 8601, decimal columns (amounts, indicator values) as
    numbers, which the json module would refuse to write as they come from the database."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def as_csv(columns: list[Column], rows: Iterable[Any]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([str(column.label) for column in columns])
    for row in rows:
        writer.writerow([csv_cell(column.value(row)) for column in columns])
    return buffer.getvalue().encode("utf-8-sig")


def as_json(name: str, title: str | Promise, columns: list[Column], rows: Iterable[Any]) -> bytes:
    document = {
        "dataset": name,
        "title": str(title),
        "language": get_language(),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "fields": [{"key": column.key, "label": str(column.label)} for column in columns],
        "items": [{column.key: json_value(column.value(row)) for column in columns} for row in rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode()


FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


def export_view(request: HttpRequest, dataset: str, extension: str) -> HttpResponse:
    if dataset not in DATASETS or extension not in FORMATS:
        raise Http404
    chosen = DATASETS[dataset]
    columns, rows = chosen.columns(request), chosen.rows(request)
    body = as_csv(columns, rows) if extension == "csv" else as_json(dataset, chosen.title, columns, rows)
    response = HttpResponse(body, content_type=FORMATS[extension])
    filename = f"ricg-{dataset}-{get_language()}.{extension}"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def export_url(dataset: str, extension: str) -> str:
    """The download in the active language."""
    return reverse("open_data_export", kwargs={"dataset": dataset, "extension": extension})


urlpatterns = [
    path("<slug:dataset>.<slug:extension>", export_view, name="open_data_export"),
]
