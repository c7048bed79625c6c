"""Renamed and moved pages keep their old URLs in both languages: a 301 to the new address."""

from django.utils import translation

from wagtail.contrib.redirects.models import Redirect
from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from countries.models import CountryPage
from network.models import StandardPage
from network.skeleton import ensure_child


def assert_moved(client, old: str, new: str) -> None:
    response = client.get(old)
    assert response.status_code == 301, (old, response.status_code)
    assert response["Location"] == new
    assert client.get(new).status_code == 200


def rename(page, **slugs) -> None:
    """Change slugs the way the admin does: on a revision, then publish it."""
    for field, value in slugs.items():
        setattr(page, field, value)
    page.save_revision().publish()


@pytest.mark.django_db
@pytest.mark.parametrize("active_language", ["es", "en"])
def test_renaming_both_slugs_redirects_both_old_urls(client, about_page, active_language):
    with translation.override(active_language):
        rename(about_page, slug_es="sobre-la-red", slug_en="about-us")
    assert_moved(client, "/es/acerca-de-la-red/", "/es/sobre-la-red/")
    assert_moved(client, "/en/about-the-network/", "/en/about-us/")


@pytest.mark.django_db
def test_renaming_only_the_english_slug_from_a_spanish_admin(client, about_page):
    with translation.override("es"):
        rename(about_page, slug_en="about-us")
    assert_moved(client, "/en/about-the-network/", "/en/about-us/")
    assert client.get("/es/acerca-de-la-red/").status_code == 200
    assert not Redirect.objects.filter(old_path__startswith="/es/").exists()


@pytest.mark.django_db
def test_pages_under_a_renamed_page_keep_their_urls(client, network):
    index = network["chile"].get_parent().specific
    rename(index, slug_es="estados-miembros", slug_en="member-states")
    assert_moved(client, "/es/paises/chile/", "/es/estados-miembros/chile/")
    assert_moved(client, "/en/countries/peru/", "/en/member-states/peru/")
    assert_moved(client, "/en/countries/", "/en/member-states/")


@pytest.mark.django_db
def test_moving_a_page_redirects_in_both_languages(client, about_page, spanish_only_page):
    about_page.move(spanish_only_page, pos="last-child")
    assert_moved(client, "/es/acerca-de-la-red/", "/es/solo-en-espanol/acerca-de-la-red/")
    assert_moved(client, "/en/about-the-network/", "/en/solo-en-espanol/about-the-network/")


@pytest.mark.django_db
def test_renaming_back_does_not_loop(client, about_page):
    rename(about_page, slug_en="about-us")
    rename(about_page, slug_en="about-the-network")
    assert client.get("/en/about-the-network/").status_code == 200
    assert_moved(client, "/en/about-us/", "/en/about-the-network/")


@pytest.mark.django_db
def test_saving_without_a_new_slug_creates_no_redirect(client, about_page):
    about_page.intro_en = "A new introduction."
    about_page.save_revision().publish()
    assert not Redirect.objects.exists()


@pytest.mark.django_db
def test_an_editor_renames_a_page_in_the_admin(admin_client, client, home, about_page):
    data = nested_form_data(
        {
            "title_es": "Acerca de la red",
            "title_en": "About the network",
            "slug_es": "la-red",
            "slug_en": "the-network",
            "intro_es": about_page.intro_es,
            "intro_en": about_page.intro_en,
            "body_es": streamfield([]),
            "body_en": streamfield([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/{about_page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert_moved(client, "/es/acerca-de-la-red/", "/es/la-red/")
    assert_moved(client, "/en/about-the-network/", "/en/the-network/")


@pytest.mark.django_db
def test_a_new_page_creates_no_redirect(home):
    ensure_child(home, StandardPage, "nueva", slug_en="new", title_es="Nueva", title_en="New")
    assert not Redirect.objects.exists()


@pytest.mark.django_db
def test_redirects_point_to_the_page_not_to_a_fixed_address(client, network):
    """A later rename of the parent still leads old links to the right place."""
    chile = CountryPage.objects.get(pk=network["chile"].pk)
    rename(chile, slug_en="republic-of-chile")
    rename(chile.get_parent().specific, slug_en="member-states")
    assert_moved(client, "/en/countries/chile/", "/en/member-states/republic-of-chile/")
