"""The page cache in production's configurations: shared by every server process, harmless when down.

Two real server processes on one scratch database (a copy of the migrated test database),
with production's default cache (the database's, no Redis): a page published through one is
shown at once by the other, which had it cached. The other tests run in this process: a
Redis that does not answer (a closed local port), junk query strings against the local
Redis, the Cache-Control headers, and a local HTTP server standing in for a CDN's purge API.
"""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

from django.db import connection, connections

import psycopg
import pytest
import requests

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]

CONTENT = """
from django.contrib.auth import get_user_model
from django.core.management import call_command
from network.models import StandardPage
from network.skeleton import ensure_child
from tests.conftest import ensure_test_home

# The test database was migrated with the tests' local-memory cache: no cache table yet.
call_command("createcachetable")
page, _created = ensure_child(
    ensure_test_home(), StandardPage, "acerca-de-la-red", slug_en="about-the-network",
    title_es="Acerca de la red", title_en="About the network", intro_es="Texto publicado.",
)
page.intro_es = "Texto recién publicado."
page.save_revision()
get_user_model().objects.create_superuser("editor", "editor@example.org", "editor-password")
print(page.pk)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def scratch_database(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[str]:
    """A DATABASE_URL for a copy of the migrated, empty test database; migrating anew takes a minute."""
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            path = tmp_path_factory.mktemp("servers") / "site.sqlite3"
            with connection.cursor() as cursor:
                cursor.execute("VACUUM INTO %s", [str(path)])
            yield f"sqlite:///{path}"
            return
        database = connection.settings_dict
        copy = f"{database['NAME']}_servers"
        connections.close_all()  # PostgreSQL copies a database nobody is connected to.
        admin = {key.lower(): database[key] for key in ("HOST", "PORT", "USER", "PASSWORD") if database[key]}
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as postgres:
            postgres.execute(f'DROP DATABASE IF EXISTS "{copy}"')
            postgres.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{database["NAME"]}"')
        password = f":{quote(database['PASSWORD'])}" if database["PASSWORD"] else ""
        host = quote(database["HOST"], safe="")
        yield f"postgres://{quote(database['USER'])}{password}@{host}:{database['PORT'] or 5432}/{copy}"
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as postgres:
            postgres.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')


@pytest.fixture(scope="module")
def servers(scratch_database, tmp_path_factory) -> Iterator[tuple[str, str, int]]:
    """Two server processes on the scratch database, and the id of a page with an unpublished draft."""
    env = server_environment(scratch_database, tmp_path_factory.mktemp("media"))
    shell = [sys.executable, "manage.py", "shell", "--no-imports", "-c", CONTENT]
    built = subprocess.run(shell, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr
    page_id = int(built.stdout)
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for port in ports
    ]
    try:
        for port, process in zip(ports, processes, strict=True):
            wait_for(port, process)
        yield f"http://127.0.0.1:{ports[0]}", f"http://127.0.0.1:{ports[1]}", page_id
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


def server_environment(database_url: str, media: Path) -> dict[str, str]:
    """Production's environment on loopback, without the developer's Redis or Elasticsearch."""
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "ELASTICSEARCH_URL")}
    return env | {
        "DJANGO_SETTINGS_MODULE": "tests.network.servers_settings",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "servers-test-key",
        "ALLOWED_HOSTS": "127.0.0.1",
        # Production refuses a local address; the links it builds are not followed here.
        "SITE_URL": "https://compras.example.org",
        "SECURE_SSL_REDIRECT": "false",
        "TRUSTED_PROXY_COUNT": "0",
        "MEDIA_ROOT": str(media),
        "LOG_LEVEL": "WARNING",
    }


def wait_for(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The server stopped before serving: {process.stderr.read().decode()}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"No server answered on port {port} within {seconds} s")


def publish_through_admin(server: str, page_id: int) -> None:
    """An editor logs in to ``server``'s admin and publishes the page's draft (a bulk action)."""
    editor = requests.Session()
    editor.get(f"{server}/admin/login/", timeout=30)
    login = {"username": "editor", "password": "editor-password"}
    assert post(editor, f"{server}/admin/login/", login).status_code == 302
    assert post(editor, f"{server}/admin/bulk/wagtailcore/page/publish/?id={page_id}", {}).status_code == 302


def post(session: requests.Session, url: str, data: dict) -> requests.Response:
    data = {**data, "csrfmiddlewaretoken": session.cookies["csrftoken"]}
    return session.post(url, data, allow_redirects=False, timeout=30)


def test_a_page_published_through_one_server_is_shown_at_once_by_another(servers):
    first, second, page_id = servers
    for server in (first, second):
        assert requests.get(f"{server}/health/", timeout=30).json() == {"database": "ok", "cache": "ok"}
        page = requests.get(f"{server}/es/acerca-de-la-red/", timeout=30)
        assert "Texto publicado." in page.text
        assert "s-maxage" in page.headers["Cache-Control"]
    publish_through_admin(first, page_id)
    assert "Texto recién publicado." in requests.get(f"{second}/es/acerca-de-la-red/", timeout=30).text


def test_wrong_passwords_sent_at_once_are_each_refused_not_a_server_error(servers):
    """django-axes reads, then writes, in one transaction: on SQLite, begun as readers, two such
    transactions deadlocked and one got "database is locked", a 500 (about 3 in 100 under gunicorn)."""
    first, second, _page_id = servers

    def wrong_passwords(server: str, client: int) -> list[int]:
        session = requests.Session()
        statuses = []
        for attempt in range(10):
            session.get(f"{server}/admin/login/", timeout=30)
            wrong = {"username": f"nadie-{client}-{attempt}", "password": "wrong"}
            statuses.append(post(session, f"{server}/admin/login/", wrong).status_code)
        return statuses

    with ThreadPoolExecutor(4) as pool:
        clients = list(pool.map(wrong_passwords, [first, second] * 2, range(4)))
    assert clients == [[200] * 10] * 4


def test_the_wsgi_application_refuses_to_serve_pages_cached_in_each_process(tmp_path):
    """gunicorn loads the WSGI application without running the system checks."""
    env = server_environment(f"sqlite:///{tmp_path / 'unused.sqlite3'}", tmp_path)
    env["DJANGO_SETTINGS_MODULE"] = "tests.network.per_process_cache_settings"
    load = [sys.executable, "-c", "import network.wsgi"]
    started = subprocess.run(load, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert started.returncode != 0
    assert "network.E001" in started.stderr


def test_gunicorn_as_configured_serves_pages_from_workers_forked_after_the_application_loaded(
    scratch_database, servers, tmp_path
):
    """gunicorn.conf.py has the master import the application before it forks the workers: each
    worker must still reach the database and the shared cache on connections of its own."""
    env = server_environment(scratch_database, tmp_path)
    port = free_port()
    gunicorn = [
        sys.executable,
        "-m",
        "gunicorn",
        "network.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "3",
    ]
    process = subprocess.Popen(gunicorn, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(port, process)
        server = f"http://127.0.0.1:{port}"
        with ThreadPoolExecutor(6) as pool:
            pages = list(
                pool.map(lambda _: requests.get(f"{server}/es/acerca-de-la-red/", timeout=30), range(30))
            )
            health = list(pool.map(lambda _: requests.get(f"{server}/health/", timeout=30).json(), range(12)))
        assert [page.status_code for page in pages] == [200] * 30
        assert all("Acerca de la red" in page.text for page in pages)
        assert health == [{"database": "ok", "cache": "ok"}] * 12
    finally:
        process.terminate()
        process.wait(timeout=30)
