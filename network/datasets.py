"""The network's own reference data: the home page and the topics (network/data/*.yaml)."""

from pathlib import Path

from wagtail.models import Page

from network.models import HomePage, TopicIndexPage, TopicPage
from network.reference import (
    Attr,
    DataFileError,
    Dataset,
    Item,
    Kind,
    Stream,
    page_values,
    sync,
    translated,
)
from network.skeleton import add_page, make_site_root, name_default_site, paragraphs

DATA = Path(__file__).resolve().parent / "data"
PAGE_TEXTS = (*translated("slug", "title", "intro"),)
BODIES = tuple(Stream(f"body_{language}") for language in ("es", "en"))


def _create_home(home: HomePage) -> HomePage:
    add_page(Page.get_first_root_node(), home)
    make_site_root(home)
    return home


HOME = Kind(
    source="network.home",
    model=HomePage,
    fields=(*PAGE_TEXTS, *BODIES),
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
    fields=(*PAGE_TEXTS, *BODIES, Attr("priority")),
    find=lambda key, values: TopicPage.objects.filter(slug_es=values["slug_es"]).first(),
    parent=lambda: TopicIndexPage.objects.first(),
)


def bodies(item: Item, required: bool = True) -> dict[str, list[dict]]:
    """A page's ``body_es`` and ``body_en`` from the item's paragraphs in each language (none where
    an optional body is not given)."""
    texts = item.text("body", required)
    for language, given in texts.items():
        if given and not (isinstance(given, list) and all(isinstance(text, str) for text in given)):
            raise DataFileError(f"{item.where}: body: “{language}” must be a list of paragraphs")
    return {f"body_{language}": paragraphs(*(texts[language] or ())) for language in texts}


def load_site(data: Item) -> None:
    home = data.item("home")
    sync(HOME, "home", {**page_values(home, "intro"), **bodies(home)}, home.where)
    # Every load (each deployment) moves the site to SITE_URL, should the address have changed.
    make_site_root(HomePage.objects.get())
    name_default_site()


def load_topics(data: Item) -> None:
    index = data.item("index")
    sync(TOPIC_INDEX, "index", {**page_values(index, "intro"), "show_in_menus": True}, index.where)
    for topic in data.items("topics"):
        body = bodies(topic, required=False)
        values = {**page_values(topic, "intro"), **body, "priority": topic["priority"]}
        sync(TOPICS, topic["key"], values, topic.where)


SITE_DATA = Dataset("network.site", DATA / "site.yaml", load_site)
TOPIC_DATA = Dataset("network.topics", DATA / "topics.yaml", load_topics)
