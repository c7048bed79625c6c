"""Path-range children and descendants select exactly the pages Wagtail's LIKE lookups do, from indexes."""

from django.db import connection

from wagtail.models import Page

import pytest

from network.models import StandardPage, TopicPage
from network.tree import by_own_table, children_of, descendants_of


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


@pytest.mark.django_db
def test_pages_are_indexed_by_depth_and_path_for_finding_children(home):
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, Page._meta.db_table)
    assert indexes["network_page_depth_path"]["columns"] == ["depth", "path"]
    if connection.vendor == "sqlite":
        assert "network_page_depth_path" in Page.objects.filter(children_of(home)).explain()


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan, made without table statistics")
def test_a_small_page_type_is_read_from_its_own_table():
    """Not by reading every page of the site to test ``live``, then looking each up among the topics."""
    plan = by_own_table(TopicPage.objects.live()).explain()
    assert "SCAN network_topicpage" in plan
    assert "SCAN wagtailcore_page" not in plan
