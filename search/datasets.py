"""The search app's reference data: the glossary (search/data/glossary.yaml)."""

from network.reference import Attr, Dataset, Item, Kind, sync
from search.glossary import DATA_FILE
from search.models import GlossaryEntry

GLOSSARY = Kind(source="search.glossary", model=GlossaryEntry, fields=(Attr("spanish"), Attr("english")))


def load_glossary(data: Item) -> None:
    """One glossary entry per item, its expressions one per line; editors' changes are kept."""
    for entry in data.items("entries"):
        values = {"spanish": "\n".join(entry["es"]), "english": "\n".join(entry["en"])}
        sync(GLOSSARY, entry["key"], values, entry.where)


GLOSSARY_DATA = Dataset("search.glossary", DATA_FILE, load_glossary)
