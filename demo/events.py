"""The network's recorded events, from demo/data/events.yaml.

Countries are named by ISO code, institutions by Spanish acronym, topics and
documents by their keys; sessions, agreements and documents follow the file's order.
"""

from events.models import EventIndexPage, EventPage
from network.reference import Attr, Children, Item, Kind, Ref, Related, Stream, page_values, sync, translated
from network.skeleton import paragraphs

COUNTRIES = "countries.member_states"
TOPICS = "network.topics"
INSTITUTIONS = "demo.institutions"
PLAIN = (
    "kind",
    "edition",
    "start_date",
    "end_date",
    "only_month_known",
    "participants_count",
    "institutions_count",
)

EVENTS = Kind(
    source="demo.events",
    model=EventPage,
    fields=(
        *translated("slug", "title", "intro", "city"),
        *(Attr(name) for name in PLAIN),
        Ref("host_country", COUNTRIES),
        Related("organizing_countries", COUNTRIES),
        Related("organizing_institutions", INSTITUTIONS),
        Related("participating_countries", COUNTRIES),
        *(Stream(f"report_{language}") for language in ("es", "en")),
        Children(
            "sessions",
            Attr("kind"),
            *translated("title", "description"),
            Attr("date"),
            Related("topics", TOPICS),
        ),
        Children(
            "agreements",
            *translated("title", "text"),
            Related("topics", TOPICS),
            Related("responsible_countries", COUNTRIES),
        ),
        Children("documents", Ref("document", "demo.documents")),
    ),
    find=lambda key, values: EventPage.objects.filter(slug_es=values["slug_es"]).first(),
    parent=lambda: EventIndexPage.objects.first(),
)


def _session(session: Item) -> dict:
    texts = {**session.translated("title"), **session.translated("description", required=False)}
    return {
        **texts,
        "kind": session["kind"],
        "date": session.get("date"),
        "topics": session.get("topics", []),
    }


def _agreement(agreement: Item) -> dict:
    return {
        **agreement.translated("title"),
        **agreement.translated("text"),
        "topics": agreement.get("topics", []),
        "responsible_countries": agreement.get("responsible_countries", []),
    }


def event_values(event: Item) -> dict:
    values = {**page_values(event, "intro"), **event.translated("city", required=False)}
    values.update({name: event.get(name) for name in PLAIN if event.get(name) is not None})
    values["host_country"] = event.get("host_country")
    for name in ("organizing_countries", "organizing_institutions", "participating_countries"):
        values[name] = event.get(name, [])
    report = event.text("report", required=False)
    values.update({f"report_{language}": paragraphs(*(texts or [])) for language, texts in report.items()})
    values["sessions"] = [_session(session) for session in event.items("sessions", required=False)]
    values["agreements"] = [_agreement(agreement) for agreement in event.items("agreements", required=False)]
    values["documents"] = [{"document": key} for key in event.get("documents", [])]
    return values


def load_events(data: Item) -> None:
    for event in data.items("events"):
        sync(EVENTS, event["key"], event_values(event), event.where)
