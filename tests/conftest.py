"""Fixtures shared by the whole suite."""

import io
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import translation

import pytest

from network.models import HomePage, StandardPage
from network.skeleton import ensure_child, ensure_home

T = TypeVar("T")


# Packages whose tests share content built once for the package, so run in one worker.
PACKAGE_GROUPS = {name: Path(__file__).parent / name for name in ("browser", "demo", "contracting")}


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> Iterator[None]:
    """Each test module runs whole in one pytest-xdist worker (``--dist loadgroup``), all the
    browser tests in one, all the tests of the demo site in one, and the longest groups start
    first (``--no-loadscope-reorder``).

    A module's shared content (``shared_content``) is built once per worker that runs any of
    its tests: spread test by test over two workers, the reference data and the imported
    samples were each built twice; the demo site and the reference data are each built once for
    the package that reads them (``tests/demo``, ``tests/contracting``), not once per module; the
    browser tests' site is migrated and served once.
    The groups are set before the other hooks run, pytest-xdist's among them.

    Then, once pytest-django has put the tests without the database last, groups marked
    ``start_early`` (a minute or more, often in one test) go first, then the groups with the
    most tests: pytest-xdist's own order, by number of tests alone, left the migrations' test
    running alone on one worker at the end of a pass. Tests that empty the database
    (transactional ones) stay after the others, as pytest-django orders them.

    On PostgreSQL, the tests that use no database are left out: they give the same result on
    either database, and the SQLite pass (``make test``) runs them.
    """
    for item in items:
        item.add_marker(pytest.mark.xdist_group(_group(item)))
    yield
    if connection.vendor == "postgresql":
        config.hook.pytest_deselected(items=[item for item in items if not _uses_the_database(item)])
        items[:] = [item for item in items if _uses_the_database(item)]
    sizes = Counter(_group(item) for item in items)
    early = {_group(item) for item in items if item.get_closest_marker("start_early")}
    items.sort(
        key=lambda item: (_empties_the_database(item), _group(item) not in early, -sizes[_group(item)])
    )


def _group(item: pytest.Item) -> str:
    for name, folder in PACKAGE_GROUPS.items():
        if item.path.is_relative_to(folder):
            return name
    return item.module.__name__


def _uses_the_database(item: pytest.Item) -> bool:
    fixtures = getattr(item, "fixturenames", ())
    return bool(item.get_closest_marker("django_db")) or bool(DATABASE_FIXTURES.intersection(fixtures))


# Fixtures through which a test reaches the database without pytest-django's mark (every test has
# ``django_db_blocker``, through pytest-django's own fixtures; those that use it need the test
# database, ``django_db_setup``).
DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_setup"}


def _empties_the_database(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    transactional = bool(marker and marker.kwargs.get("transaction"))
    return transactional or "transactional_db" in fixtures or "live_server" in fixtures


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Site root paths are cached per language, limits count per client: a previous test's
    site or counts must not leak in."""
    for store in caches.all():
        store.clear()
    yield
    for store in caches.all():
        store.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language, whatever the previous test's request activated.

    Translated fields set without a language suffix take the active one, so
    a fixture's content must not depend on the order the tests ran in.
    """
    with translation.override(settings.LANGUAGE_CODE):
        yield


def shared_content(django_db_blocker, build: Callable[[], T]) -> Iterator[T]:
    """Content built once for every test of a module or class, in a transaction undone after its last test.

    For a module- or class-scoped fixture: ``yield from shared_content(django_db_blocker, build)``.
    Each test runs in a savepoint inside that transaction (pytest-django's ``db``), so what
    one test changes is gone before the next; tests read the content back from the database
    (``read_again``, or idempotent builders that find it), so a change to a Python object does
    not leak either. A module (``pytestmark``) or a class opts in with
    ``pytest.mark.usefixtures(...)``, so that every test of it sees the content, whichever
    worker runs it and in whatever order. Publishing a small bilingual site for every test
    through Wagtail was most of the suite's time.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        with django_db_blocker.unblock(), translation.override(settings.LANGUAGE_CODE):
            content = build()
        yield content
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def read_again(content):
    """The same model instances (alone, in a list or in a dict), read back from the database."""
    if isinstance(content, dict):
        return {name: read_again(value) for name, value in content.items()}
    if isinstance(content, list):
        return [read_again(value) for value in content]
    return type(content).objects.get(pk=content.pk)


def ensure_test_home() -> HomePage:
    page, _created = ensure_home(
        HomePage,
        "inicio",
        slug_en="home",
        title_es="Red Interamericana de Compras Gubernamentales",
        title_en="Inter-American Government Procurement Network",
    )
    return page


@pytest.fixture
def home(db) -> HomePage:
    """A tiny bilingual site::

    Root
    └── HomePage  /es/  /en/
        ├── StandardPage  /es/acerca-de-la-red/  /en/about-the-network/  (translated)
        └── StandardPage  /es/solo-en-espanol/   /en/solo-en-espanol/    (Spanish only)
    """
    return ensure_test_home()


@pytest.fixture
def about_page(home) -> StandardPage:
    return build_about_page(home)


def build_about_page(home: HomePage) -> StandardPage:
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
    return build_spanish_only_page(home)


def build_spanish_only_page(home: HomePage) -> StandardPage:
    page, _created = ensure_child(
        home,
        StandardPage,
        "solo-en-espanol",
        title_es="Sólo en español",
        intro_es="Esta página todavía no tiene traducción.",
    )
    return page


@pytest.fixture(scope="module")
def shared_small_site(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The tiny bilingual site of ``home`` built once for a module whose tests all read it (see
    ``shared_content``); ``home``, ``about_page`` and ``spanish_only_page`` find it."""

    def build() -> None:
        home = ensure_test_home()
        build_about_page(home)
        build_spanish_only_page(home)

    yield from shared_content(django_db_blocker, build)


def edited_dataset(dataset, folder, edit: Callable[[dict], None]):
    """A copy of ``dataset`` whose data file, written in ``folder``, is the original changed by ``edit``."""
    import dataclasses

    import yaml

    data = yaml.safe_load(dataset.path.read_text(encoding="utf-8"))
    edit(data)
    path = folder / dataset.path.name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dataclasses.replace(dataset, path=path)


def load_reference_data() -> None:
    call_command("load_reference_data", stdout=io.StringIO())


@pytest.fixture(scope="module")
def reference_site(django_db_setup, django_db_blocker):
    """The reference data loaded once for a module whose tests read it (see ``shared_content``)."""
    yield from shared_content(django_db_blocker, load_reference_data)
