"""News items, from demo/data/news.yaml; an item is identified by its Spanish slug."""

from demo.countries import bodies
from network.reference import Attr, Item, Kind, Related, Stream, page_values, sync, translated
from news.models import NewsIndexPage, NewsPage

NEWS = Kind(
    source="demo.news",
    model=NewsPage,
    fields=(
        *translated("slug", "title", "intro"),
        Attr("date"),
        *(Stream(f"body_{language}") for language in ("es", "en")),
        Attr("source_url"),
        Related("countries", "countries.member_states"),
        Related("topics", "network.topics"),
    ),
    find=lambda key, values: NewsPage.objects.filter(slug_es=key).first(),
    parent=lambda: NewsIndexPage.objects.first(),
)


def load_news(data: Item) -> None:
    for item in data.items("news"):
        values = {
            **page_values(item, "intro"),
            **bodies(item),
            "date": item["date"],
            "source_url": item.get("source_url", ""),
            "countries": item.get("countries", []),
            "topics": item.get("topics", []),
        }
        sync(NEWS, values["slug_es"], values, item.where)
