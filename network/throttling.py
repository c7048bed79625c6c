"""Limits per client: who is asking, how many wrong passwords they get, how much costly work.

Behind the load balancer every request comes from the balancer's address, so the client's own
address is the last one the trusted proxies appended to X-Forwarded-For (``TRUSTED_PROXY_COUNT``
of them; 0 when the site is reached directly). Entries further left come from the client and
cannot be trusted. django-axes reads the same address (``AXES_CLIENT_IP_CALLABLE``).

Wagtail checks a private page's password with no limit on wrong guesses; the view here counts
them per restriction and address, like the editors' login: five wrong passwords lock that
address out of that restriction for the login's cool-off time.
"""

import ipaddress
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.connection import ConnectionProxy

from wagtail import views as wagtail_views

from network.cache import count

# The counts, apart from the cached pages (settings CACHES): anyone can fill the page cache by
# asking for many pages, and a full cache drops entries, which would forget wrong passwords.
LIMITS = ConnectionProxy(caches, "limits")


def client_address(request: HttpRequest) -> str:
    """The address of the client, as the last trusted proxy saw it.

    A hop that is not an IP address (a proxy that was not there, misconfigured, or adds the port)
    counts as absent: django-axes stores the address in an IP address column, which refused it
    with a 500 on PostgreSQL.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies and _is_address(hops[-proxies]):
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def over_limit(request: HttpRequest, action: str, limit: int, seconds: int) -> bool:
    """Count this request for ``action`` from its client; whether it is over ``limit`` in ``seconds``.

    For work that anyone may ask for and that costs the server seconds where a page costs
    milliseconds (laying out a PDF), so that one client cannot keep the workers busy with it.
    """
    return count(f"throttle:{action}:{client_address(request)}", seconds, LIMITS) > limit


def authenticate_with_password(
    request: HttpRequest, page_view_restriction_id: int, page_id: int
) -> HttpResponse:
    """Wagtail's password form of a private page, refused after too many wrong passwords."""
    if request.method != "POST":
        return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    key = f"private-page-password:{page_view_restriction_id}:{client_address(request)}"
    if LIMITS.get(key, 0) >= settings.AXES_FAILURE_LIMIT:
        return render(request, "network/too_many_passwords.html", status=429)
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if response.status_code == 302:
        LIMITS.delete(key)
    else:
        count(key, timedelta(hours=settings.AXES_COOLOFF_TIME).total_seconds(), LIMITS)
    return response
