from django import template
from django.conf import settings
from django.core.paginator import Page
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import get_language_info

from wagtail.models import Site

from network.i18n import is_translated, language_urls
from network.identity import identity_pages
from network.menu import menu_items, on_route, trail
from network.models import PageRole
from network.sections import Section
from network.tree import visible

register = template.Library()


@register.inclusion_tag("network/tags/language_switcher.html", takes_context=True)
def language_switcher(context: template.Context) -> dict:
    """Links to the current page in every language (the same page, not the home page)."""
    request = context["request"]
    urls = language_urls(request, context.get("page"))
    current = translation.get_language()
    return {
        "languages": [
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": urls[code],
                "current": code == current,
            }
            for code, _name in settings.LANGUAGES
        ]
    }


@register.inclusion_tag("network/tags/alternate_links.html", takes_context=True)
def alternate_links(context: template.Context) -> dict:
    """hreflang alternates for the languages the page really exists in, plus x-default."""
    request = context["request"]
    page = context.get("page")
    urls = language_urls(request, page)
    alternates = [
        (code, request.build_absolute_uri(url))
        for code, url in urls.items()
        if page is None or is_translated(page, code)
    ]
    default_url = request.build_absolute_uri(urls[settings.LANGUAGE_CODE])
    return {"alternates": alternates, "default_url": default_url}


@register.simple_tag(takes_context=True)
def fallback_language(context: template.Context) -> str:
    """The language missing parts of the page are shown in, or "" when nothing is missing."""
    page = context.get("page")
    if page is None or is_translated(page, translation.get_language()):
        return ""
    return settings.LANGUAGE_CODE


@register.inclusion_tag("network/tags/main_menu.html", takes_context=True)
def main_menu(context: template.Context) -> dict:
    """The site's top-level sections (live children of the home page marked "show in menus") and the
    links the apps add to them (``network.menu``), the one the reader is in marked."""
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return {"items": []}
    home = site.root_page
    sections = visible(home.get_children().in_menu())
    return {"items": menu_items(home, sections, request, context.get("page"))}


@register.inclusion_tag("network/tags/breadcrumbs.html", takes_context=True)
def breadcrumbs(context: template.Context, here: str = "") -> dict:
    """The way down from the home page, on every page below it (schema.org BreadcrumbList microdata).

    ``here`` names a place that is no page of its own: a route (the good practices of the country
    index) or a view (the search). A route without it ends its trail at its page, as a link.
    """
    request = context["request"]
    page = context.get("page")
    if page is None:
        site = Site.find_for_request(request)
        crumbs = [site.root_page] if site is not None and here else []
    elif on_route(request):
        crumbs = [*trail(page), page]
    else:
        crumbs, here = trail(page), page.title
    return {"crumbs": crumbs, "here": here, "last_position": len(crumbs) + 1}


@register.inclusion_tag("network/tags/site_footer.html", takes_context=True)
def site_footer(context: template.Context) -> dict:
    """Who runs the site and on which terms: the identity pages, in the order of their roles."""
    pages = identity_pages(context.get("request"))
    return {
        "links": [pages[role] for role in PageRole.values if role in pages],
        "oas": pages.get(PageRole.OAS),
        "contact": pages.get(PageRole.CONTACT),
        "licence": pages.get(PageRole.LICENCE),
        "request": context.get("request"),
    }


@register.filter
def page_numbers(page: Page) -> list:
    """Page numbers near the current one and at both ends, with ellipses: 1,000 pages stay a short list."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


@register.simple_tag(takes_context=True)
def render_section(context: template.Context, section: Section) -> SafeString:
    """A section another app contributed, rendered with its own context on top of the page's."""
    contributed = context.template.engine.get_template(section.template)
    with context.push(section.context):
        return contributed.render(context)
