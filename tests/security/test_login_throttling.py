"""Repeated wrong passwords lock out that username from that address, and only that."""

from django.contrib.auth import get_user_model

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
