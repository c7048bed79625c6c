"""Editors find the portals whose last link check failed in the Wagtail admin."""

from django.utils import timezone

import pytest

from portals.models import Portal, PortalKind


@pytest.fixture
def checked_portals(db) -> dict[str, Portal]:
    now = timezone.now()

    def portal(name: str, **check) -> Portal:
        return Portal.objects.create(
            name_es=name, kind=PortalKind.EPROCUREMENT, url=f"https://{name}.example/", **check
        )

    return {
        "working": portal("funciona", link_checked_at=now, link_status_code=200),
        "missing": portal("desaparecido", link_checked_at=now, link_status_code=404),
        "unreachable": portal("inalcanzable", link_checked_at=now, link_error="dns"),
        "unchecked": portal("nuevo"),
    }


@pytest.mark.django_db
def test_the_broken_filter_lists_only_failed_checks(admin_client, checked_portals):
    response = admin_client.get("/admin/snippets/portals/portal/?link_status=broken")
    assert response.status_code == 200
    html = response.content.decode()
    assert "desaparecido" in html
    assert "inalcanzable" in html
    assert "funciona" not in html
    assert "nuevo" not in html


@pytest.mark.django_db
def test_the_listing_shows_each_portals_last_result(admin_client, checked_portals):
    html = admin_client.get("/admin/snippets/portals/portal/?link_status=broken").content.decode()
    assert "404" in html
    assert "Host name not found" in html


@pytest.mark.django_db
def test_working_and_unchecked_filters(admin_client, checked_portals):
    working = admin_client.get("/admin/snippets/portals/portal/?link_status=working").content.decode()
    unchecked = admin_client.get("/admin/snippets/portals/portal/?link_status=unchecked").content.decode()
    assert "funciona" in working and "desaparecido" not in working
    assert "nuevo" in unchecked and "funciona" not in unchecked


@pytest.mark.django_db
def test_the_reports_menu_links_to_the_broken_portals(admin_client, checked_portals):
    html = admin_client.get("/admin/").content.decode()
    assert "/admin/snippets/portals/portal/?link_status=broken" in html
