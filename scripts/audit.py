"""Lighthouse scores of every public page type in both languages, on a served demo site (``make audit``).

Builds the demo site on a scratch SQLite database (as the browser tests do), with ``SITE_URL``
set to the address it is served at, serves it with ``runserver``, runs the ``lighthouse`` npm
package (``npm ci``) against Debian's Chromium on one page of each type in Spanish and English,
and prints the SEO, accessibility and performance scores, with the SEO audits a page fails.
Exits 1 when a page scores under the SEO target. Not part of ``make test``: it takes minutes,
and its performance figures depend on the machine's load (printed with them).
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu"
CATEGORIES = ("seo", "accessibility", "performance")
TARGET_SEO = 95
LANGUAGES = ("es", "en")
# One page of each public type (the richest where it matters), and the routes of routable pages.
PAGE_TYPES = (
    "network.HomePage",
    "network.StandardPage",
    "countries.CountryIndexPage",
    "countries.CountryPage",
    "countries.PracticePage",
    "events.EventIndexPage",
    "events.EventPage",
    "network.TopicIndexPage",
    "network.TopicPage",
    "portals.PortalDirectoryPage",
    "network.PublicationIndexPage",
    "news.NewsIndexPage",
    "news.NewsPage",
    "contracting.ProcurementDataPage",
)
ROUTES = {
    "countries.CountryIndexPage": ("practices",),
    "contracting.ProcurementDataPage": ("methodology", "explorer"),
}
PREFERRED = {"countries.CountryPage": {"iso_alpha2": "CL"}}
SEARCH_QUERY = {"es": "compras", "en": "procurement"}
# Result pages of the site's search ask search engines not to index them (``noindex``), as search
# engines advise for internal search results: Lighthouse's "is crawlable" audit is left out there,
# and the report says so.
SKIPPED_AUDITS = {"search results": ("is-crawlable",)}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def page_urls() -> list[tuple[str, str, str]]:
    """(page type, language, path) of one live page of each type, its routes, and the search page."""
    import django

    django.setup()
    from django.apps import apps
    from django.urls import reverse
    from django.utils import translation

    urls = []
    for label in PAGE_TYPES:
        model = apps.get_model(label)
        pages = model.objects.live().public().order_by("path")
        page = pages.filter(**PREFERRED.get(label, {})).first() or pages.first()
        if page is None:
            print(f"No live {label} in the demo content: skipped", file=sys.stderr)
            continue
        for language in LANGUAGES:
            with translation.override(language):
                url = page.get_url()
                urls.append((model.__name__, language, url))
                for route in ROUTES.get(label, ()):
                    urls.append(
                        (
                            f"{model.__name__} ({route})",
                            language,
                            url + page.reverse_subpage(f"{route}-{language}"),
                        )
                    )
    for language in LANGUAGES:
        with translation.override(language):
            urls.append(("search results", language, f"{reverse('search')}?q={SEARCH_QUERY[language]}"))
    return urls


def wait_for(port: int, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("The site stopped before serving.")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    raise SystemExit(f"The site did not answer on port {port} within {seconds} s.")


def lighthouse(url: str, skipped: tuple[str, ...] = (), attempts: int = 2) -> dict | None:
    """The Lighthouse report (JSON) of ``url``; None, with Lighthouse's complaint printed, when it fails
    twice (on a loaded machine Chromium sometimes misses its deadlines)."""
    command = [
        str(LIGHTHOUSE),
        url,
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        *([f"--skip-audits={','.join(skipped)}"] if skipped else []),
    ]
    env = {**os.environ, "CHROME_PATH": CHROME_PATH}
    for _attempt in range(attempts):
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
        if result.returncode == 0:
            return json.loads(result.stdout)
    print(f"Lighthouse failed on {url}: {result.stderr.strip()[-500:]}", file=sys.stderr)
    return None


def scores(report: dict) -> dict[str, int]:
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def failed_seo_audits(report: dict) -> list[str]:
    refs = report["categories"]["seo"]["auditRefs"]
    audits = (report["audits"][ref["id"]] for ref in refs if ref["weight"])
    return [audit["id"] for audit in audits if audit["score"] is not None and audit["score"] < 1]


def main() -> int:
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run `npm ci`.")
    workdir = Path(tempfile.mkdtemp(prefix="audit-"))
    port = free_port()
    site_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "network.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'site.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "SITE_URL": site_url,
    }
    print(f"Building the demo site in {workdir} …", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo_content")
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    urls = page_urls()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    below_target = unaudited = 0
    try:
        wait_for(port, server)
        print(f"Load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (performance depends on it)")
        print(f"{'page':<34} {'lang':<4} {'SEO':>4} {'a11y':>5} {'perf':>5}  SEO audits failed")
        for page_type, language, path in urls:
            skipped = SKIPPED_AUDITS.get(page_type, ())
            report = lighthouse(site_url + path, skipped)
            if report is None:
                unaudited += 1
                continue
            score = scores(report)
            failed = failed_seo_audits(report)
            below_target += score["seo"] < TARGET_SEO
            print(
                f"{page_type:<34} {language:<4} {score['seo']:>4} {score['accessibility']:>5} "
                f"{score['performance']:>5}  {', '.join(failed)}"
                + (f"(skipped: {', '.join(skipped)}, noindex by design)" if skipped else ""),
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=10)
    if below_target or unaudited:
        print(f"{below_target} page(s) under the SEO target of {TARGET_SEO}, {unaudited} not audited.")
        return 1
    print(f"Every page at or above the SEO target of {TARGET_SEO}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
