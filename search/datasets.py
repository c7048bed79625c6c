"""The search app's reference data: the glossary (search/data/glossary.yaml)."""

from network.reference import Attr, Dataset, Item, Kind, retire, sync
from search.glossary import DATA_FILE
from search.models import GlossaryEntry

GLOSSARY = Kind(
    source="search.glossary",
    model=GlossaryEntry,
    fields=(Attr("spanish"), Attr("english"), Attr("place")),
)


def load_glossary(data: Item) -> None:
    """One glossary entry per item, its expressions one per line, and one per place (``places``,
    marked as places); editors' changes are kept. An entry taken out of the file leaves the
    site too, unless an editor changed it: an equivalence found wrong would otherwise stay."""
    keys = []
    for section, place in (("entries", False), ("places", True)):
        for entry in data.items(section, required=not place):
            values = {"spanish": "\n".join(entry["es"]), "english": "\n".join(entry["en"]), "place": place}
            sync(GLOSSARY, entry["key"], values, entry.where)
            keys.append(entry["key"])
    retire(GLOSSARY, keys)


GLOSSARY_DATA = Dataset("search.glossary", DATA_FILE, load_glossary)
