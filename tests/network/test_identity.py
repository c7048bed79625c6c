"""The pages of the site's identity: one page per role, linked from every page's footer."""

from django.core.exceptions import ValidationError

import pytest

from network.models import PageRole, StandardPage
from network.skeleton import ensure_child


@pytest.fixture
def privacy_notice(home) -> StandardPage:
    page, _created = ensure_child(
        home,
        StandardPage,
        "aviso-de-privacidad",
        slug_en="privacy-notice",
        title_es="Aviso de privacidad",
        title_en="Privacy notice",
        role=PageRole.PRIVACY,
    )
    return page


@pytest.mark.django_db
def test_the_footer_links_to_the_live_identity_pages_in_each_language(client, about_page, privacy_notice):
    english = client.get("/en/about-the-network/").content.decode()
    assert '<li><a href="/en/privacy-notice/">Privacy notice</a></li>' in english
    spanish = client.get("/es/acerca-de-la-red/").content.decode()
    assert '<li><a href="/es/aviso-de-privacidad/">Aviso de privacidad</a></li>' in spanish

    privacy_notice.unpublish()
    assert "/en/privacy-notice/" not in client.get("/en/about-the-network/").content.decode()


@pytest.mark.django_db
def test_a_role_belongs_to_one_page_and_not_to_its_copies(home, about_page, privacy_notice):
    about_page.role = PageRole.PRIVACY
    with pytest.raises(ValidationError, match="role"):
        about_page.full_clean()

    copy = privacy_notice.copy(update_attrs={"slug": "copia", "slug_es": "copia", "slug_en": "copy"})
    assert copy.role == ""
