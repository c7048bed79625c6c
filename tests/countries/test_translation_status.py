"""Editors see what a page lacks in each language: a badge in the page listings, a panel on the edit form."""

import re

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.users.models import UserProfile

import pytest

from countries.editors import find_editors_group
from countries.models import CountryLaw, CountryPage
from network.translation_status import gaps_of_pages, translation_gaps

pytestmark = pytest.mark.usefixtures("shared_countries")


def in_english(client, user) -> None:
    """The admin in English, the language the badges are written in here."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)


@pytest.fixture
def chile_editor(client, chile):
    user = get_user_model().objects.create_user("editora-chile", "chile@example.org", "pw")
    user.groups.add(find_editors_group("CL"))
    in_english(client, user)
    return client


@pytest.fixture
def secretariat(client, db):
    in_english(client, get_user_model().objects.create_superuser("secretaria", "s@example.org", "pw"))
    return client


def half_translated(country: CountryPage) -> CountryPage:
    """``country`` published without its English title and introduction, with a Spanish-only law."""
    country.title_en = ""
    country.intro_es = "Compras públicas abiertas."
    country.intro_en = ""
    country.laws.add(CountryLaw(title_es="Ley de compras", number="19.886"))
    country.save_revision().publish()
    return CountryPage.objects.get(pk=country.pk)


def badges(html: str) -> list[str]:
    spans = re.findall(r"<span [^>]*data-translation-status[^>]*>(.*?)</span>", html, re.S)
    return [" ".join(span.split()) for span in spans]


@pytest.mark.django_db
class TestGaps:
    def test_a_translated_profile_has_none(self, peru):
        assert translation_gaps(peru) == []

    def test_what_spanish_has_and_english_lacks_including_inline_rows(self, chile):
        with translation.override("en"):
            (gap,) = translation_gaps(half_translated(chile))
            assert gap.language == "en"
            assert [str(field) for field in gap.fields] == ["Title", "Introduction", "Law: Title"]

    def test_english_only_text_is_missing_in_spanish(self, peru):
        peru.contact_role_en = "Head of procurement"
        (gap,) = translation_gaps(peru)
        assert gap.language == "es"

    def test_a_listing_reads_them_in_the_same_number_of_queries_for_one_page_or_many(
        self, chile, peru, mexico, saint_lucia
    ):
        half_translated(chile)
        with CaptureQueriesContext(connection) as one:
            gaps_of_pages([chile])
        with CaptureQueriesContext(connection) as four:
            gaps = gaps_of_pages([chile, peru, mexico, saint_lucia])
        assert len(one) == len(four) == 3  # the pages, their laws, their key figures
        assert [len(gaps[page.pk]) for page in (chile, peru, mexico, saint_lucia)] == [1, 0, 0, 0]


@pytest.mark.django_db
class TestInTheAdmin:
    def test_the_listing_marks_the_page_that_lacks_english(self, secretariat, country_index, chile, peru):
        half_translated(chile)
        html = secretariat.get(f"/admin/pages/{country_index.pk}/").content.decode()
        assert badges(html) == ["EN missing: Title, Introduction, Law: Title"]

    def test_the_country_editor_sees_it_in_the_search_results_too(self, chile_editor, chile):
        half_translated(chile)
        html = chile_editor.get("/admin/pages/search/", {"q": "Chile"}).content.decode()
        assert badges(html) == ["EN missing: Title, Introduction, Law: Title"]

    def test_the_edit_form_says_what_the_draft_lacks(self, chile_editor, chile):
        html = chile_editor.get(f"/admin/pages/{chile.pk}/edit/").content.decode()
        assert "Complete in Spanish and English." in html
        chile.intro_es = "Solo en español, en borrador."
        chile.save_revision()
        html = chile_editor.get(f"/admin/pages/{chile.pk}/edit/").content.decode()
        assert "English missing: Introduction" in html
        # The listings tell what readers get: the published profile is still complete.
        assert badges(chile_editor.get("/admin/pages/search/", {"q": "Chile"}).content.decode()) == []
