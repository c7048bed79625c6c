"""A real site in a real browser.

The session starts the site the way a developer runs it: a scratch SQLite
database, migrated (a copy of the suite's own test database, migrated for this
run), with the demo content and the local admin, served by
``runserver`` on a free local port, with the anonymous page cache on as in
production (``site_settings``). Tests drive Debian's Chromium through
Playwright; a failing test leaves a screenshot in ``test-artifacts/``.
"""

import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from django.db import connection

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items) -> None:
    # Marked before any `-m "not browser"` deselects them; they start first, the longest group.
    for item in items:
        if item.path.is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.start_early)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env: dict[str, str], *args: str) -> None:
    command = [sys.executable, "manage.py", *args]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        pytest.fail(f"manage.py {' '.join(args)} failed:\n{done.stderr}")


def _wait_for(port: int, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"The site stopped before serving: {server.stderr.read().decode()}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"The site did not answer on port {port} within {seconds} s")


def _migrate(config: pytest.Config, path: Path, env: dict[str, str]) -> None:
    """The site's database at ``path``, migrated.

    When this run has migrated an in-memory SQLite test database (it does when it has tests that
    use the database, as ``make test`` has), the site starts from a copy of it: the browser tests
    run first on their worker, so no test has changed it yet. Migrating anew took 22 s, a third
    of the site's start.
    """
    migrated = connection.vendor == "sqlite" and not config.getoption("nomigrations", False)
    if not (migrated and connection.is_in_memory_db()):
        _manage(env, "migrate", "--noinput")
        return
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()


@pytest.fixture(scope="session")
def site_url(request, tmp_path_factory, django_db_setup, django_db_blocker) -> Iterator[str]:
    browser_tests = [item for item in request.session.items if item.get_closest_marker("browser")]
    if request.config.getoption("loadgroup", False) and "@" not in browser_tests[0].nodeid:
        # pytest-xdist groups by suffixing node ids; when a pytest release stops that, every
        # worker would build and serve a site of its own, a minute each, without a word.
        pytest.fail("pytest-xdist did not group the browser tests on one worker (see requirements-dev.in)")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}; `make browser-deps` installs it.")
    workdir = tmp_path_factory.mktemp("site")
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.browser.site_settings",
        "DATABASE_URL": f"sqlite:///{workdir / 'site.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        # The site links to the address it is served at (network.address).
        "SITE_URL": f"http://127.0.0.1:{port}",
    }
    with django_db_blocker.unblock():
        _migrate(request.config, workdir / "site.sqlite3", env)
    _manage(env, "load_demo_content")
    _manage(env, "create_local_admin")
    _manage(env, "create_local_country_editor")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for(port, server)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Per module, not per session: Playwright's event loop runs until it stops, and the database
    # tests this worker runs after the browser tests refuse to run inside an event loop.
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


def _open_page(request, context: BrowserContext, suffix: str = "") -> Iterator[Page]:
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.problems = problems
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = request.node.nodeid.replace("/", "_").replace("::", "__")
        page.screenshot(path=str(ARTIFACTS / f"{name}{suffix}.png"), full_page=True)
    context.close()


@pytest.fixture
def page(request, browser: Browser, site_url: str) -> Iterator[Page]:
    """A fresh browser tab that obeys the site's Content-Security-Policy."""
    yield from _open_page(request, browser.new_context(base_url=site_url))


@pytest.fixture
def axe_page(request, browser: Browser, site_url: str) -> Iterator[Page]:
    """A tab that may inject axe-core (its inline script would otherwise be refused by the CSP)."""
    yield from _open_page(request, browser.new_context(base_url=site_url, bypass_csp=True))


@pytest.fixture
def spanish_page(request, browser: Browser, site_url: str) -> Iterator[Page]:
    """A second browser, separate from ``page``, whose user reads Spanish (Accept-Language: es)."""
    yield from _open_page(request, browser.new_context(base_url=site_url, locale="es-ES"), "-es")


@pytest.fixture
def phone_page(request, browser: Browser, site_url: str) -> Iterator[Page]:
    """A phone's screen (375 px wide) with scripts off: what works there needs no JavaScript."""
    context = browser.new_context(
        base_url=site_url, viewport={"width": 375, "height": 740}, java_script_enabled=False
    )
    yield from _open_page(request, context, "-phone")
