"""Downloading OCDS files: honest about failures, patient with rate limits, resumable."""

import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx

TIMEOUT = httpx.Timeout(30.0, read=120.0)
ATTEMPTS = 5
LONGEST_WAIT = 300


class FetchError(Exception):
    """A download that could not be completed; the message says what the server answered."""


def download(url: str, directory: Path, *, client: httpx.Client | None = None) -> Path:
    """Download ``url`` into ``directory``, resuming a partial file, and return its path.

    An HTTP 429 or 503 is waited out for as long as its Retry-After asks (up to five minutes),
    a broken connection resumes where it stopped (HTTP Range), five failures in a row give up.
    """
    name = Path(urlsplit(url).path).name or "download"
    target = directory / name
    partial = target.with_name(target.name + ".part")
    owned = client is None
    client = client or httpx.Client(timeout=TIMEOUT, follow_redirects=True)
    try:
        for attempt in range(1, ATTEMPTS + 1):
            offset = partial.stat().st_size if partial.exists() else 0
            headers = {"Range": f"bytes={offset}-"} if offset else {}
            try:
                with client.stream("GET", url, headers=headers) as response:
                    if response.status_code in (429, 503):
                        time.sleep(_retry_after(response, attempt))
                        continue
                    if response.status_code == 416 and offset:
                        partial.rename(target)
                        return target
                    if response.status_code not in (200, 206):
                        raise FetchError(f"{url}: the server answered HTTP {response.status_code}")
                    mode = "ab" if response.status_code == 206 else "wb"
                    with open(partial, mode) as file:
                        for chunk in response.iter_bytes(1024 * 1024):
                            file.write(chunk)
                    expected = _expected_size(response, offset)
                    if expected is not None and partial.stat().st_size < expected:
                        continue
                partial.rename(target)
                return target
            except httpx.TransportError as error:
                if attempt == ATTEMPTS:
                    raise FetchError(f"{url}: {error}") from error
                time.sleep(min(2**attempt, LONGEST_WAIT))
        raise FetchError(f"{url}: gave up after {ATTEMPTS} attempts")
    finally:
        if owned:
            client.close()


def _retry_after(response: httpx.Response, attempt: int) -> float:
    value = response.headers.get("Retry-After", "")
    seconds = float(value) if value.replace(".", "", 1).isdigit() else 2**attempt
    return min(seconds, LONGEST_WAIT)


def _expected_size(response: httpx.Response, offset: int) -> int | None:
    length = response.headers.get("Content-Length")
    if length is None or not length.isdigit():
        return None
    return int(length) + (offset if response.status_code == 206 else 0)
