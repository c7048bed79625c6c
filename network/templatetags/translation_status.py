"""The page listings' badge of what a page lacks in each language (see network.translation_status)."""

from django import template
from django.db.models import Model

from network.translation_status import gaps_of_pages

register = template.Library()


@register.inclusion_tag("network/admin/translation_badges.html")
def translation_badges(page: Model, table: object) -> dict:
    """The page's gaps, worked out once for every page of the listing's ``table`` (whose rows are
    rendered one by one), so the listing makes the same number of queries for 5 or 50 pages."""
    if not hasattr(table, "translation_gaps"):
        table.translation_gaps = gaps_of_pages(table.data)
    return {"gaps": table.translation_gaps.get(page.pk, [])}
