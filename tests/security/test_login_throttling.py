"""Repeated wrong passwords lock out that username from that address, and only that; so do a private
page's."""

from django.contrib.auth import get_user_model
from django.core.cache import caches

from wagtail.models import PageViewRestriction

import pytest


@pytest.fixture
def editors(db):
    users = get_user_model().objects
    return users.create_superuser("ana", "ana@example.org", "right-password"), users.create_superuser(
        "beto", "beto@example.org", "right-password"
    )


def login(client, username: str, password: str):
    return client.post("/admin/login/", {"username": username, "password": password})


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, editors):
    for _attempt in range(4):
        assert login(client, "ana", "wrong").status_code == 200
    assert login(client, "ana", "wrong").status_code == 429
    response = login(client, "ana", "right-password")
    assert response.status_code == 429
    # The admin login is not under a language prefix, so it speaks the default language.
    assert "bloqueada por 15 minutos" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_another_editor_is_not_locked_out(client, editors):
    for _attempt in range(5):
        login(client, "ana", "wrong")
    response = login(client, "beto", "right-password")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editors[1].pk)


@pytest.mark.django_db
def test_a_successful_login_resets_the_count(client, editors):
    for _attempt in range(4):
        login(client, "ana", "wrong")
    assert login(client, "ana", "right-password").status_code == 302
    client.logout()
    for _attempt in range(4):
        login(client, "ana", "wrong")
    assert login(client, "ana", "right-password").status_code == 302


def behind(address: str) -> dict:
    """Request headers of a client at ``address``, as the load balancer passes them on."""
    return {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": address}


@pytest.mark.django_db
def test_behind_the_load_balancer_a_lockout_holds_one_client_not_the_editor(client, editors, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _attempt in range(5):
        client.post("/admin/login/", {"username": "ana", "password": "wrong"}, **behind("203.0.113.7"))
    locked = client.post(
        "/admin/login/", {"username": "ana", "password": "right-password"}, **behind("203.0.113.7")
    )
    assert locked.status_code == 429
    # The attacker cannot pose as another client: the balancer appends the address it saw.
    spoofed = behind("198.51.100.1, 203.0.113.7")
    assert (
        client.post("/admin/login/", {"username": "ana", "password": "right-password"}, **spoofed).status_code
        == 429
    )
    # The editor, elsewhere, still gets in.
    response = client.post(
        "/admin/login/", {"username": "ana", "password": "right-password"}, **behind("198.51.100.1")
    )
    assert response.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("forwarded", ["not an ip", "203.0.113.7:443", "999.1.1.1", "-", "\x00"])
def test_a_forwarded_address_that_is_not_one_counts_as_the_proxys(client, editors, settings, forwarded):
    """django-axes stores the address in an IP address column: PostgreSQL refused these with a 500."""
    settings.TRUSTED_PROXY_COUNT = 1
    wrong = {"username": "ana", "password": "wrong"}
    for _attempt in range(4):
        assert client.post("/admin/login/", wrong, **behind(forwarded)).status_code == 200
    assert client.post("/admin/login/", wrong, **behind(forwarded)).status_code == 429
    # Locked out as the balancer's own address, the only one known.
    locked = client.post(
        "/admin/login/", {"username": "ana", "password": "right-password"}, **behind("10.0.0.2")
    )
    assert locked.status_code == 429


@pytest.fixture
def private_page(about_page):
    page = about_page
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="clave-buena"
    )
    return page, f"/es/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"


def guess(client, private_page, password: str, address: str = "203.0.113.7"):
    page, form = private_page
    return client.post(form, {"password": password, "return_url": page.url}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_five_wrong_passwords_of_a_private_page_lock_that_client_out(client, private_page):
    assert guess(client, private_page, "clave-buena").status_code == 302
    for _attempt in range(5):
        assert guess(client, private_page, "mala").status_code == 200
    response = guess(client, private_page, "clave-buena")
    assert response.status_code == 429
    assert "bloqueada por 15 minutos" in response.content.decode()
    # Another reader is not locked out.
    assert guess(client, private_page, "clave-buena", address="198.51.100.1").status_code == 302


@pytest.mark.django_db
def test_the_right_password_resets_a_private_pages_count(client, private_page):
    for _attempt in range(4):
        guess(client, private_page, "mala")
    assert guess(client, private_page, "clave-buena").status_code == 302
    for _attempt in range(4):
        guess(client, private_page, "mala")
    assert guess(client, private_page, "clave-buena").status_code == 302


@pytest.mark.django_db
def test_filling_the_page_cache_does_not_forget_a_private_pages_wrong_passwords(client, private_page):
    """Anyone can fill the page cache by asking for many pages; when it is full, the cache drops
    entries, and the counts of wrong passwords must not go with them."""
    for _attempt in range(4):
        guess(client, private_page, "mala")
    pages = caches["default"]
    for number in range(3 * pages._max_entries):
        pages.set(f"page:{number}", "<html>…</html>")
    assert guess(client, private_page, "mala").status_code == 200
    assert guess(client, private_page, "clave-buena").status_code == 429
