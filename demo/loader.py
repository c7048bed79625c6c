"""Loads the reference data, then the demo data files in dependency order: what others point to first."""

from pathlib import Path

from demo import countries, documents, events, news, open_contracting, portals, site
from network import reference
from network.models import HomePage

DATA = Path(__file__).resolve().parent / "data"


def datasets() -> list[reference.Dataset]:
    """The demo's data files, in the order they are loaded."""
    country_files = sorted((DATA / "countries").glob("*.yaml"))
    return [
        reference.Dataset("demo.sections", DATA / "site.yaml", site.load_sections),
        *(
            reference.Dataset(f"demo.countries.{path.stem}", path, countries.load_country)
            for path in country_files
        ),
        reference.Dataset("demo.regional", DATA / "regional.yaml", portals.load_regional),
        reference.Dataset("demo.documents", DATA / "documents.yaml", documents.load_documents),
        reference.Dataset("demo.events", DATA / "events.yaml", events.load_events),
        reference.Dataset("demo.news", DATA / "news.yaml", news.load_news),
        reference.Dataset(
            "demo.contracting_samples", open_contracting.DATA_FILE, open_contracting.load_samples
        ),
        reference.Dataset("demo.about", DATA / "site.yaml", site.load_about),
        reference.Dataset("demo.identity", DATA / "site.yaml", site.load_identity),
    ]


def load() -> HomePage:
    """The reference data and the demo content, all in one transaction."""
    reference.load([*reference.registered_datasets(), *datasets()])
    return HomePage.objects.get()
