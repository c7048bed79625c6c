"""The network's own reference data: the home page and the topics (network/data/*.yaml)."""

from pathlib import Path

from wagtail.models import Page

from network.models import HomePage, TopicIndexPage, TopicPage
from network.reference import Attr, Dataset, Item, Kind, Stream, page_values, sync, translated
from network.skeleton import add_page, make_site_root, name_default_site, paragraphs

DATA = Path(__file__).resolve().parent / "data"
PAGE_TEXTS = (*translated("slug", "title", "intro"),)


def _create_home(home: HomePage) -> HomePage:
    add_page(Page.get_first_root_node(), home)
    make_site_root(home)
    return home


HOME = Kind(
    source="network.home",
    model=HomePage,
    fields=(*PAGE_TEXTS, *(Stream(f"body_{language}") for language in ("es", "en"))),
    find=lambda key, values: HomePage.objects.first(),
    create=_create_home,
)
TOPIC_INDEX = Kind(
    source="network.topic_index",
    model=TopicIndexPage,
    fields=(*PAGE_TEXTS, Attr("show_in_menus")),
    find=lambda key, values: TopicIndexPage.objects.first(),
    parent=lambda: HomePage.objects.first(),
)
TOPICS = Kind(
    source="network.topics",
    model=TopicPage,
    fields=(*PAGE_TEXTS, Attr("priority")),
    find=lambda key, values: TopicPage.objects.filter(slug_es=values["slug_es"]).first(),
    parent=lambda: TopicIndexPage.objects.first(),
)


def load_site(data: Item) -> None:
    home = data.item("home")
    body = {f"body_{language}": paragraphs(*texts) for language, texts in home.text("body").items()}
    sync(HOME, "home", {**page_values(home, "intro"), **body}, home.where)
    name_default_site()


def load_topics(data: Item) -> None:
    index = data.item("index")
    sync(TOPIC_INDEX, "index", {**page_values(index, "intro"), "show_in_menus": True}, index.where)
    for topic in data.items("topics"):
        sync(
            TOPICS, topic["key"], {**page_values(topic, "intro"), "priority": topic["priority"]}, topic.where
        )


SITE_DATA = Dataset("network.site", DATA / "site.yaml", load_site)
TOPIC_DATA = Dataset("network.topics", DATA / "topics.yaml", load_topics)
