"""Head tags (feeds, OpenGraph, JSON-LD) and download links, included once from base.html."""

from django import template
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from network.exports import DATASETS, export_url
from network.feeds import feed_url
from network.structured_data import head_tags, summary

register = template.Library()

FEED_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}
FEED_FORMAT_NAMES = {"rss": "RSS", "atom": "Atom"}


@register.inclusion_tag("network/open_data/feed_links.html", takes_context=True)
def feed_links(context: template.Context) -> dict:
    """The news and events feeds, and on a country or topic page the feeds narrowed to it."""
    page = context.get("page")
    feeds = [
        (gettext("News (%(format)s)"), "news", {}),
        (gettext("Events (%(format)s)"), "events", {}),
    ]
    if getattr(page, "feed_subject", ""):
        subject = {page.feed_subject: page}
        feeds += [
            (gettext("%(name)s: news (%(format)s)"), "news", subject),
            (gettext("%(name)s: events (%(format)s)"), "events", subject),
        ]
    links = [
        {
            "title": title % {"name": page.title if page else "", "format": FEED_FORMAT_NAMES[extension]},
            "type": FEED_TYPES[extension],
            "url": feed_url(f"{kind}.{extension}", **subject),
        }
        for title, kind, subject in feeds
        for extension in FEED_TYPES
    ]
    links.append(
        {
            "title": gettext("Upcoming events (iCalendar)"),
            "type": "text/calendar",
            "url": feed_url("events.ics"),
        }
    )
    return {"feeds": links}


@register.inclusion_tag("network/open_data/subscribe.html", takes_context=True)
def subscribe_links(context: template.Context) -> dict:
    """Visible links to the feeds a page offers (``subscribe_feeds``), narrowed to the country or
    topic it stands for, and to the calendar of upcoming events; nothing on other pages."""
    page = context.get("page")
    kinds = getattr(page, "subscribe_feeds", ())
    subject = {page.feed_subject: page} if getattr(page, "feed_subject", "") else {}
    titles = {
        "news": gettext("News about %(name)s") if subject else gettext("News of the network"),
        "events": gettext("Events about %(name)s") if subject else gettext("Events of the network"),
    }
    feeds = [
        {
            "title": titles[kind] % {"name": page.title} if subject else titles[kind],
            "rss": feed_url(f"{kind}.rss", **subject),
            "atom": feed_url(f"{kind}.atom", **subject),
        }
        for kind in kinds
    ]
    return {"feeds": feeds, "calendar": feed_url("events.ics") if "events" in kinds else ""}


@register.simple_tag(takes_context=True)
def page_description(context: template.Context) -> str:
    """The page's meta description: its own summary, else what the network is."""
    return summary(context.get("page"))


@register.simple_tag(takes_context=True)
def structured_data(context: template.Context) -> SafeString:
    """OpenGraph meta tags and schema.org JSON-LD for the current page."""
    request = context.get("request")
    return head_tags(context.get("page"), request) if request is not None else SafeString()


@register.inclusion_tag("network/open_data/downloads.html", takes_context=True)
def open_data_downloads(context: template.Context) -> dict:
    """CSV and JSON links for the data an index page offers (``open_data_downloads``); nothing elsewhere."""
    page = context.get("page")
    names = getattr(page, "open_data_downloads", ())
    if not names:
        return {"datasets": []}
    datasets = [
        {"title": DATASETS[name].title, "csv": export_url(name, "csv"), "json": export_url(name, "json")}
        for name in names
    ]
    return {
        "datasets": datasets,
        "api_type": page.api_listing_type,
        "language": translation.get_language(),
    }
