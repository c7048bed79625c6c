"""Hostile and careless input on every public route answers without a server error.

Hypothesis draws a public address (every published page in both languages, every feed, download
and API endpoint, the search and its suggestions) and up to three query parameters with values a
crawler, a careless client or an attacker sends: text of any kind, NUL bytes, quotes and
full-text operators, numbers far beyond the databases' integers, thousands of digits. Runs
are derandomized and bounded, so the suite stays deterministic and quick; a failure names
the request.
"""

from django.urls import reverse
from django.utils import translation

from wagtail.models import Page

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from network.api import ENDPOINTS
from network.exports import DATASETS
from network.feeds import FEEDS, feed_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_public_site"), pytest.mark.start_early]

PARAMETERS = [
    "page", "year", "kind", "country", "participant", "topic", "language", "q", "sort", "format",
    "search", "offset", "limit", "type", "fields", "order", "locale", "id", "html_path", "child_of",
    "search_operator", "site", "indicator", "month", "scope", "exact", "title", "slug", "name",
]  # fmt: skip
HOSTILE = [
    "", " ", '"', "'", "\x00", "%", "*", "NEAR(", "a OR b", "(-)", "<script>alert(1)</script>",
    "9" * 4400, "9223372036854775808", "-1", "0", "1e309", "NaN", "ÿ", "🙂", "../../etc/passwd",
    "a\x00b", "\x00:1", "/es/\x00/", "and", "or",
]  # fmt: skip
FIXED = ["/api/v2/pages/find/", "/sitemap.xml", "/robots.txt"]

values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=30),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)


def public_paths() -> list[str]:
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    paths = [*FIXED, *(f"/api/v2/{name}/" for name in ENDPOINTS)]
    for language in ("es", "en"):
        with translation.override(language):
            paths += [page.url for page in pages if page.url]
            paths += [reverse("search"), reverse("search_autocomplete")]
            paths += [feed_url(name) for name in FEEDS]
            paths += [
                reverse("open_data_export", kwargs={"dataset": name, "extension": extension})
                for name in DATASETS
                for extension in ("csv", "json")
            ]
    return sorted(set(paths))


@settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_public_request_gets_a_server_error(client, public_site, data):
    path = data.draw(st.sampled_from(public_paths()), label="path")
    query = data.draw(st.dictionaries(st.sampled_from(PARAMETERS), values, max_size=3), label="query")
    response = client.get(path, query)
    assert response.status_code < 500, (path, query)
