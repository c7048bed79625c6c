"""A bounded HTTP load on a local server: a fixed number of requests over a mix of pages, both languages.

Used by ``bench/http.sh``, which starts the server. The URLs are read from the
benchmark site's database (``bench/_volume.py``): every page type, and several
pages of each kind of detail page, in Spanish and English. The requests are
drawn from that mix with a fixed seed and sent by a few threads; the run stops
after ``--requests`` requests or ``--deadline`` seconds, whichever comes first.
Only loopback addresses are accepted as targets.

    .venv/bin/python bench/http_load.py --base http://127.0.0.1:8765 --database-url sqlite:////tmp/x.sqlite3

Prints requests per second, latency percentiles overall and per page type, and
the errors (any answer but 200, or no answer); exits with 1 when there was one.
"""

import argparse
import ipaddress
import os
import random
import socket
import statistics
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == ROOT / "bench":
    # Run as a script, this folder comes first on sys.path and bench/search.py hides the search app.
    sys.path[0] = str(ROOT)

import httpx  # noqa: E402

DETAIL_PAGES_PER_TYPE = 8
REQUEST_TIMEOUT = 30


@dataclass
class Outcome:
    page_type: str
    url: str
    milliseconds: float
    status: str  # the HTTP status code, or the name of the error when there was no answer


@dataclass
class Load:
    """Shared by the threads: the requests still to send, and what came back."""

    schedule: list[tuple[str, str]]
    deadline: float
    outcomes: list[Outcome] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_index: int = 0

    def take(self) -> tuple[str, str] | None:
        with self.lock:
            if self.next_index >= len(self.schedule) or time.monotonic() > self.deadline:
                return None
            self.next_index += 1
            return self.schedule[self.next_index - 1]

    def record(self, outcome: Outcome) -> None:
        with self.lock:
            self.outcomes.append(outcome)


def url_mix(database_url: str) -> list[tuple[str, str]]:
    """(page type, URL) for every page type and a spread of detail pages, in both languages."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "network.settings.test"
    import django

    django.setup()
    from django.db import connections
    from django.utils import translation

    from bench import _volume
    from countries.models import CountryPage, PracticePage
    from events.models import EventPage
    from network.models import TopicPage
    from news.models import NewsPage

    built = _volume.built_site()
    details = {
        "country profile": CountryPage,
        "event page": EventPage,
        "topic page": TopicPage,
        "news item": NewsPage,
        "practice": PracticePage,
    }
    mix = []
    for language in _volume.LANGUAGES:
        mix += [(page_type, url) for page_type, url in _volume.page_urls(built, language).items()]
        with translation.override(language):
            mix.append(("event index", _volume.url_of(built.event_index) + "?page=2"))
            for page_type, model in details.items():
                mix += [(page_type, page.get_url()) for page in spread(model.objects.live().order_by("path"))]
    connections.close_all()
    return list(dict.fromkeys(mix))


def spread(pages, count: int = DETAIL_PAGES_PER_TYPE) -> list:
    """``count`` pages evenly spaced through the queryset, first and last included."""
    total = pages.count()
    positions = sorted({round(step * (total - 1) / max(1, count - 1)) for step in range(min(count, total))})
    return [pages[position] for position in positions]


def check_loopback(base: str) -> None:
    host = urlsplit(base).hostname or ""
    if not ipaddress.ip_address(socket.gethostbyname(host)).is_loopback:
        sys.exit(f"Refusing to load {host}: only servers on this machine's loopback addresses are targets.")


def wait_until_up(base: str, seconds: float) -> None:
    """Poll the server until it answers, at most ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{base}/es/", timeout=5)
            return
        except httpx.TransportError:
            time.sleep(0.5)
    sys.exit(f"The server at {base} did not answer within {seconds:.0f} s.")


def worker(base: str, load: Load) -> None:
    with httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT) as client:
        while (request := load.take()) is not None:
            page_type, url = request
            started = time.perf_counter()
            try:
                status = str(client.get(url).status_code)
            except httpx.HTTPError as error:
                status = type(error).__name__
            load.record(Outcome(page_type, url, (time.perf_counter() - started) * 1000, status))


def run(base: str, schedule: list[tuple[str, str]], concurrency: int, seconds: float) -> tuple[Load, float]:
    load = Load(schedule, deadline=time.monotonic() + seconds)
    threads = [threading.Thread(target=worker, args=(base, load)) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return load, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(label: str, load: Load, elapsed: float, concurrency: int) -> int:
    """Print the figures; returns the number of errors."""
    outcomes = load.outcomes
    times = [outcome.milliseconds for outcome in outcomes]
    errors = [outcome for outcome in outcomes if outcome.status != "200"]
    unsent = len(load.schedule) - len(outcomes)
    print(
        f"\n[{label}] {len(outcomes)} requests in {elapsed:.1f} s with {concurrency} concurrent clients: "
        f"{len(outcomes) / elapsed:.1f} requests/s"
        + (f"; {unsent} not sent (deadline reached)" if unsent else "")
    )
    if times:
        print(
            "latency ms: "
            + "  ".join(
                f"p{int(share * 100)} {percentile(times, share):.1f}" for share in (0.5, 0.9, 0.95, 0.99)
            )
            + f"  max {max(times):.1f}  mean {statistics.fmean(times):.1f}"
        )
    by_type = defaultdict(list)
    for outcome in outcomes:
        by_type[outcome.page_type].append(outcome.milliseconds)
    for page_type, values in by_type.items():
        print(
            f"  {page_type:<22} {len(values):>5} requests  p50 {statistics.median(values):7.1f} ms  "
            f"p95 {percentile(values, 0.95):7.1f} ms"
        )
    print(
        f"errors: {len(errors)}" + (f" {dict(Counter(error.status for error in errors))}" if errors else "")
    )
    for error in errors[:5]:
        print(f"  {error.status} {error.url}")
    return len(errors)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", required=True, help="the server, e.g. http://127.0.0.1:8765")
    parser.add_argument("--database-url", required=True, help="the server's database, to read the URLs from")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=6)
    parser.add_argument("--deadline", type=float, default=120, help="seconds after which no request is sent")
    parser.add_argument("--wait", type=float, default=60, help="seconds to wait for the server to answer")
    parser.add_argument("--label", default="load")
    arguments = parser.parse_args()

    base = arguments.base.rstrip("/")
    check_loopback(base)
    mix = url_mix(arguments.database_url)
    wait_until_up(base, arguments.wait)
    # Warm-up, not counted: every URL once, so each worker has loaded its code and templates.
    warm_load, warm_elapsed = run(base, mix, arguments.concurrency, arguments.deadline)
    warm_errors = [outcome for outcome in warm_load.outcomes if outcome.status != "200"]
    print(
        f"[{arguments.label}] warm-up: {len(warm_load.outcomes)} distinct URLs in {warm_elapsed:.1f} s, "
        f"{len(warm_errors)} errors" + "".join(f"\n  {error.status} {error.url}" for error in warm_errors[:5])
    )
    rng = random.Random(7)
    schedule = [rng.choice(mix) for _ in range(arguments.requests)]
    load, elapsed = run(base, schedule, arguments.concurrency, arguments.deadline)
    errors = report(arguments.label, load, elapsed, arguments.concurrency)
    sys.exit(1 if errors or warm_errors else 0)


if __name__ == "__main__":
    main()
