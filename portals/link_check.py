"""Checking that the portals the directory links to still answer.

Every address is fetched concurrently with a bounded number of connections,
a time budget per attempt, a few retries for failures that may pass, and a
cap on how much of a body is read, so one bad portal can neither crash nor
stall the run. Nothing here touches the database: the command reads the
addresses before and writes the results after, outside the event loop.
"""

import asyncio
import socket
import ssl
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import timezone

import httpx

from portals.models import LinkError

# Answers worth asking again: the server may be restarting or overloaded.
RETRY_STATUS_CODES = frozenset({429, 500, 502, 503, 504})
RETRY_ERRORS = frozenset({LinkError.TIMEOUT, LinkError.NETWORK, LinkError.REFUSED})


@dataclass(frozen=True)
class CheckOptions:
    timeout: float = 15.0
    retries: int = 2
    retry_delay: float = 1.0
    concurrency: int = 8
    max_redirects: int = 10
    max_bytes: int = 5 * 1024 * 1024


@dataclass(frozen=True)
class LinkCheckResult:
    url: str
    checked_at: datetime
    status_code: int | None = None
    final_url: str = ""
    response_ms: int | None = None
    error: str = ""

    @property
    def is_broken(self) -> bool:
        return bool(self.error) or (self.status_code or 0) >= 400

    @property
    def is_worth_retrying(self) -> bool:
        return self.error in RETRY_ERRORS or self.status_code in RETRY_STATUS_CODES


def user_agent() -> str:
    """Names the network and where to reach it, so portal operators know who is knocking."""
    return (
        f"RICG-PortalCheck/1.0 (Red Interamericana de Compras Gubernamentales; "
        f"+{settings.PORTAL_CHECK_CONTACT_URL})"
    )


async def check_urls(
    urls: Iterable[str],
    options: CheckOptions,
    on_result: Callable[[LinkCheckResult], None] = lambda result: None,
) -> dict[str, LinkCheckResult]:
    """Each distinct URL's result; ``on_result`` is called as each one finishes (progress bars)."""
    semaphore = asyncio.Semaphore(options.concurrency)
    async with _client(options) as client:

        async def check_one(url: str) -> LinkCheckResult:
            async with semaphore:
                result = await check_url(client, url, options)
            on_result(result)
            return result

        results = await asyncio.gather(*(check_one(url) for url in dict.fromkeys(urls)))
    return {result.url: result for result in results}


def _client(options: CheckOptions) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        headers={"User-Agent": user_agent()},
        follow_redirects=True,
        max_redirects=options.max_redirects,
        timeout=httpx.Timeout(options.timeout),
        limits=httpx.Limits(max_connections=options.concurrency),
        # Proxies from the environment would make results depend on where the command runs.
        trust_env=False,
    )


async def check_url(client: httpx.AsyncClient, url: str, options: CheckOptions) -> LinkCheckResult:
    """One URL, retried with a growing pause while the failure may be temporary."""
    for attempt in range(options.retries + 1):
        result = await _fetch(client, url, options)
        if not result.is_worth_retrying or attempt == options.retries:
            break
        await asyncio.sleep(options.retry_delay * 2**attempt)
    return result


async def _fetch(client: httpx.AsyncClient, url: str, options: CheckOptions) -> LinkCheckResult:
    checked_at = timezone.now()
    started = time.perf_counter()

    def elapsed_ms() -> int:
        return round((time.perf_counter() - started) * 1000)

    try:
        # The overall budget also stops servers that trickle a body byte by byte.
        async with asyncio.timeout(options.timeout), client.stream("GET", url) as response:
            complete = await _read_at_most(response, options.max_bytes)
            return LinkCheckResult(
                url=url,
                checked_at=checked_at,
                status_code=response.status_code,
                final_url=str(response.url),
                response_ms=elapsed_ms(),
                error="" if complete else LinkError.TOO_LARGE,
            )
    except (httpx.HTTPError, httpx.InvalidURL, TimeoutError, OSError) as exc:
        return LinkCheckResult(url=url, checked_at=checked_at, response_ms=elapsed_ms(), error=classify(exc))


async def _read_at_most(response: httpx.Response, max_bytes: int) -> bool:
    """Read the body up to ``max_bytes``; False when there was more (the rest is never downloaded)."""
    received = 0
    async for chunk in response.aiter_raw():
        received += len(chunk)
        if received > max_bytes:
            return False
    return True


def classify(exc: BaseException) -> str:
    """The kind of failure, found in the chain of exceptions httpx and the socket layer raised."""
    if isinstance(exc, httpx.TooManyRedirects):
        return LinkError.REDIRECT_LOOP
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL | httpx.LocalProtocolError):
        return LinkError.INVALID_URL
    if isinstance(exc, TimeoutError | httpx.TimeoutException):
        return LinkError.TIMEOUT
    for cause in _causes(exc):
        if isinstance(cause, socket.gaierror):
            return LinkError.DNS
        if isinstance(cause, ssl.SSLError):
            return LinkError.TLS
        if isinstance(cause, ConnectionRefusedError):
            return LinkError.REFUSED
    return LinkError.NETWORK


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception, what caused it, and the members of any exception group on the way."""
    pending, seen = [exc], set()
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        if isinstance(current, BaseExceptionGroup):
            pending.extend(current.exceptions)
        pending.extend([current.__cause__, current.__context__])
