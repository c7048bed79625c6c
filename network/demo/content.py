"""Loads the whole demo site in dependency order: pages that others point to come first."""

from network.demo import countries, documents, events, institutions, news, portals, practices, site, topics
from network.models import HomePage


def load() -> HomePage:
    """Create whatever demo content is missing; call inside one transaction."""
    home = site.load_home()
    sections = site.load_sections(home)
    country_pages = countries.load(sections.countries)
    topic_pages = topics.load(sections.topics)
    institution_rows = institutions.load(country_pages)
    practices.load(country_pages, topic_pages)
    portals.load(country_pages, institution_rows)
    document_rows = documents.load(country_pages, topic_pages)
    events.load(sections.events, country_pages, topic_pages, institution_rows, document_rows)
    news.load(sections.news, country_pages, topic_pages)
    site.load_about(home)
    return home
