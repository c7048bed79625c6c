"""Path-range children and descendants select exactly the pages Wagtail's LIKE lookups do."""

from wagtail.models import Page

import pytest

from network.models import StandardPage
from network.tree import children_of, descendants_of


@pytest.mark.django_db
def test_path_ranges_match_wagtails_tree_lookups(home, about_page):
    for number in range(3):
        child = about_page.add_child(instance=StandardPage(title=f"Hija {number}", slug=f"hija-{number}"))
        child.add_child(instance=StandardPage(title=f"Nieta {number}", slug=f"nieta-{number}"))
    pages = Page.objects.all()
    for parent in Page.objects.all():
        assert set(pages.filter(children_of(parent))) == set(pages.child_of(parent)), parent
        assert set(pages.filter(descendants_of(parent))) == set(pages.descendant_of(parent)), parent
    assert pages.filter(descendants_of(about_page)).count() == 6
