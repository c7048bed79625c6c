"""404 and 500 pages speak the reader's language."""

from django.test import Client, override_settings

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [("/es/no-existe/", "es", "Página no encontrada"), ("/en/does-not-exist/", "en", "Page not found")],
)
def test_not_found_page_is_localized(client, home, path, lang, heading):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{heading}</h1>" in html


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.network.failing_urls")
@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [("/es/falla/", "es", "Error del servidor"), ("/en/falla/", "en", "Server error")],
)
def test_server_error_page_is_localized(path, lang, heading):
    client = Client(raise_request_exception=False)
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{heading}</h1>" in html
