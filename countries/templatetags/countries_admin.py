"""What the admin's site-wide reports show a country's editors of others' work."""

from collections.abc import Iterable

from django import template
from django.contrib.auth.base_user import AbstractBaseUser

from wagtail.models import Page

from countries.editors import choosable_pages, sees_only_its_country
from countries.models import CountryIndexPage

register = template.Library()


@register.filter
def readable_by(page_types: Iterable, user: AbstractBaseUser) -> list:
    """The page-types report's rows, the last edited page of each left out where ``user``, a
    country's editor, may not see it in the page chooser either (``choosable_pages``)."""
    page_types = list(page_types)
    if not sees_only_its_country(user, CountryIndexPage.objects.first()):
        return page_types
    edited = [row.last_edited_page.pk for row in page_types if getattr(row, "last_edited_page", None)]
    shown = set(choosable_pages(Page.objects.filter(pk__in=edited), user).values_list("pk", flat=True))
    for row in page_types:
        if getattr(row, "last_edited_page", None) and row.last_edited_page.pk not in shown:
            row.last_edited_page = None
    return page_types
