"""Fixtures shared by the whole suite."""

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

import pytest

from network.demo.pages import ensure_child, ensure_home
from network.models import HomePage, StandardPage


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Site root paths are cached per language; a previous test's site must not leak in."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language, whatever the previous test's request activated.

    Translated fields set without a language suffix take the active one, so
    a fixture's content must not depend on the order the tests ran in.
    """
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def home(db) -> HomePage:
    """A tiny bilingual site::

    Root
    └── HomePage  /es/  /en/
        ├── StandardPage  /es/acerca-de-la-red/  /en/about-the-network/  (translated)
        └── StandardPage  /es/solo-en-espanol/   /en/solo-en-espanol/    (Spanish only)
    """
    page, _created = ensure_home(
        HomePage,
        "inicio",
        slug_en="home",
        title_es="Red Interamericana de Compras Gubernamentales",
        title_en="Inter-American Government Procurement Network",
    )
    return page


@pytest.fixture
def about_page(home) -> StandardPage:
    page, _created = ensure_child(
        home,
        StandardPage,
        "acerca-de-la-red",
        slug_en="about-the-network",
        show_in_menus=True,
        title_es="Acerca de la red",
        title_en="About the network",
        intro_es="La red reúne a las agencias de compras públicas.",
        intro_en="The network brings procurement agencies together.",
    )
    return page


@pytest.fixture
def spanish_only_page(home) -> StandardPage:
    page, _created = ensure_child(
        home,
        StandardPage,
        "solo-en-espanol",
        title_es="Sólo en español",
        intro_es="Esta página todavía no tiene traducción.",
    )
    return page
