"""The network's data as CSV and JSON downloads, in the language of the URL.

Each dataset is a list of columns over the same live, public querysets the
index pages list. CSV is meant for spreadsheets: UTF-8 with a byte-order mark
(without it Excel reads the file as ANSI and mangles every accent), CRLF line
ends, translated column names in the header row, and text cells that would
start a formula prefixed with an apostrophe. JSON is meant for programs: stable
English keys, typed values, and the translated label of each key.
"""

import csv
import html
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.html import strip_tags
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from countries.models import CountryPage
from events.models import EventAgreement, EventPage
from network.models import TopicPage
from network.ordering import alphabetical, collation_key
from portals.models import Portal

# Spreadsheets run cells starting with these as formulas (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class Dataset:
    title: str | Promise
    rows: Callable[[HttpRequest], Iterable[Any]]
    columns: Callable[[HttpRequest], list[Column]]


def _page_url(request: HttpRequest) -> Callable[[Any], str]:
    return lambda page: page.get_full_url(request)


def _titles(pages: Iterable[Any]) -> list[str]:
    return [page.title for page in alphabetical(pages)]


def plain_text(rich_text: str) -> str:
    """Rich text as plain text, one line per paragraph or list item."""
    with_breaks = re.sub(r"</(p|li|h[1-6])>|<br\s*/?>", "\n", rich_text or "")
    return "\n".join(
        line.strip() for line in html.unescape(strip_tags(with_breaks)).splitlines() if line.strip()
    )


def live(queryset: QuerySet) -> QuerySet:
    return queryset.live().public()


# --- Datasets -------------------------------------------------------------------


def country_rows(request: HttpRequest) -> list[CountryPage]:
    return alphabetical(live(CountryPage.objects).prefetch_related("system_modules"))


def country_columns(request: HttpRequest) -> list[Column]:
    return [
        Column("name", _("Country"), lambda country: country.title),
        Column("iso_alpha2", _("ISO 3166 alpha-2 code"), lambda country: country.iso_alpha2),
        Column("iso_alpha3", _("ISO 3166 alpha-3 code"), lambda country: country.iso_alpha3),
        Column("subregion", _("Subregion"), lambda country: country.get_subregion_display()),
        Column("member_since", _("Member of the network since"), lambda country: country.member_since),
        Column("executive_committee", _("Seat on the executive committee"), lambda c: c.executive_committee),
        Column("agency_name", _("Procurement agency"), lambda country: country.agency_name),
        Column("agency_acronym", _("Agency acronym"), lambda country: country.agency_acronym),
        Column("agency_url", _("Agency website"), lambda country: country.agency_url),
        Column("system_name", _("E-procurement system"), lambda country: country.system_name),
        Column("system_launch_year", _("System launched in"), lambda country: country.system_launch_year),
        Column(
            "system_modules",
            _("System modules"),
            lambda country: [module.name for module in country.system_modules.all()],
        ),
        Column("url", _("Profile on this site"), _page_url(request)),
    ]


def event_rows(request: HttpRequest) -> QuerySet[EventPage]:
    countries = live(CountryPage.objects)
    return (
        EventPage.objects.live()
        .public()
        .order_by("-start_date", "pk")
        .select_related("host_country")
        .prefetch_related(
            Prefetch("participating_countries", queryset=countries),
            Prefetch("organizing_countries", queryset=countries),
            "organizing_institutions",
        )
    )


def event_columns(request: HttpRequest) -> list[Column]:
    return [
        Column("title", _("Event"), lambda event: event.title),
        Column("kind", _("Kind of event"), lambda event: event.get_kind_display()),
        Column("edition", _("Edition"), lambda event: event.edition),
        Column("start_date", _("Start date"), lambda event: event.start_date),
        Column("end_date", _("End date"), lambda event: event.end_date),
        Column("city", _("City"), lambda event: event.city),
        Column("host_country", _("Host country"), lambda event: _title_or_none(event.host_country)),
        Column(
            "organizers",
            _("Organizers"),
            lambda event: (
                _titles(event.organizing_countries.all())
                + [str(institution) for institution in event.organizing_institutions.all()]
            ),
        ),
        Column(
            "participating_countries",
            _("Participating countries"),
            lambda event: _titles(event.participating_countries.all()),
        ),
        Column(
            "participating_country_codes",
            _("Participating countries (ISO codes)"),
            lambda event: [c.iso_alpha2 for c in alphabetical(event.participating_countries.all())],
        ),
        Column("participants_count", _("Number of participants"), lambda event: event.participants_count),
        Column("institutions_count", _("Number of institutions"), lambda event: event.institutions_count),
        Column("url", _("Page on this site"), _page_url(request)),
    ]


def _title_or_none(page: Any) -> str | None:
    return page.title if page is not None else None


def agreement_rows(request: HttpRequest) -> QuerySet[EventAgreement]:
    return (
        EventAgreement.objects.filter(page__in=EventPage.objects.live().public())
        .order_by("-page__start_date", "page_id", "sort_order")
        .select_related("page")
        .prefetch_related(
            Prefetch("topics", queryset=live(TopicPage.objects)),
            Prefetch("responsible_countries", queryset=live(CountryPage.objects)),
        )
    )


def agreement_columns(request: HttpRequest) -> list[Column]:
    return [
        Column("event", _("Event"), lambda agreement: agreement.page.title),
        Column("event_date", _("Event date"), lambda agreement: agreement.page.start_date),
        Column("number", _("Agreement number"), lambda agreement: agreement.number),
        Column("title", _("Agreement"), lambda agreement: agreement.title),
        Column("text", _("Text of the agreement"), lambda agreement: plain_text(agreement.text)),
        Column("topics", _("Topics"), lambda agreement: _titles(agreement.topics.all())),
        Column(
            "responsible_countries",
            _("Responsible countries"),
            lambda agreement: _titles(agreement.responsible_countries.all()),
        ),
        Column(
            "event_url", _("Event page on this site"), lambda agreement: agreement.page.get_full_url(request)
        ),
    ]


def portal_rows(request: HttpRequest) -> list[Portal]:
    portals = Portal.objects.order_by("pk").select_related("country", "institution")
    return sorted(portals, key=lambda portal: collation_key(portal.name))


def portal_columns(request: HttpRequest) -> list[Column]:
    return [
        Column("name", _("Portal"), lambda portal: portal.name),
        Column("kind", _("Kind of portal"), lambda portal: portal.get_kind_display()),
        Column("url", _("Address"), lambda portal: portal.url),
        Column("description", _("Description"), lambda portal: portal.description),
        Column("country", _("Owner country"), lambda portal: _title_or_none(portal.country)),
        Column(
            "institution",
            _("Institution that runs it"),
            lambda portal: str(portal.institution) if portal.institution else None,
        ),
        Column("languages", _("Languages (ISO 639-1 codes)"), lambda portal: portal.language_codes),
        Column("publishes_ocds", _("Publishes open contracting data (OCDS)"), lambda p: p.publishes_ocds),
        Column("ocds_url", _("Open contracting data address"), lambda portal: portal.ocds_url),
        Column("link_checked_at", _("Address last checked at"), lambda portal: portal.link_checked_at),
        Column("link_status_code", _("HTTP status at the last check"), lambda p: p.link_status_code),
        Column("link_error", _("Error at the last check"), lambda portal: portal.get_link_error_display()),
    ]


DATASETS = {
    "countries": Dataset(_("Member countries"), country_rows, country_columns),
    "events": Dataset(_("Events"), event_rows, event_columns),
    "agreements": Dataset(_("Agreements of the events"), agreement_rows, agreement_columns),
    "portals": Dataset(_("Portals and initiatives"), portal_rows, portal_columns),
}


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
    if isinstance(value, date | datetime):
        return value.isoformat()
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
