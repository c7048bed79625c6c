"""Long lists on profile-like pages: the newest few, how many in all, and where to see them all.

A country profile or a topic page gathers what the whole network published
about it, which grows without bound. Each such list shows its first
``SHORTLIST_LENGTH`` items and links to the filtered listing that holds the rest,
so the page renders in the same time whether there are ten items or ten thousand.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core import paginator
from django.db.models import F, Func, IntegerField, QuerySet, Subquery
from django.http import HttpRequest
from django.utils.functional import cached_property
from django.utils.http import urlencode

from wagtail.models import Page

from network.memo import remembered
from network.tree import visible

SHORTLIST_LENGTH = 10


@dataclass
class Shortlist:
    items: list
    total: int
    all_url: str = ""

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def more(self) -> bool:
        """True when the list leaves items out and there is a listing to send the reader to."""
        return self.total > len(self.items) and bool(self.all_url)


def shortlist(queryset: QuerySet, all_url: str = "", length: int = SHORTLIST_LENGTH) -> Shortlist:
    """The first ``length`` items and the total, in one query.

    The total is an uncorrelated subquery, which the database counts once from
    its indexes; a window count would make it read and sort every matching row
    before it could stop at ``length``. Counting and ordering still read every
    matching row, so the answer is kept for the content generation (``network.memo``).
    """
    count = Func(F("pk"), template="COUNT(%(expressions)s)", output_field=IntegerField())
    total = Subquery(queryset.order_by().annotate(listing_total=count).values("listing_total")[:1])
    first = queryset.annotate(listing_total=total)[:length]
    items = remembered(first, "shortlist", lambda: list(first))
    return Shortlist(items, items[0].listing_total if items else 0, all_url)


class Paginator(paginator.Paginator):
    """Django's paginator, with the number of items kept for the content generation.

    Counting a listing reads every item it holds, the only part of a listing page whose
    cost grows with the site; the items of one page are read through an index and stop
    at the page's end.
    """

    @cached_property
    def count(self) -> int:
        items = self.object_list
        if isinstance(items, QuerySet):
            return remembered(items, "count", items.count)
        return super().count


def filtered_url(base: str, **filters: str | int) -> str:
    """``base`` with the filters as its query string, or "" when there is no listing to link to."""
    return f"{base}?{urlencode(filters)}" if base else ""


# Wagtail's root is at depth 1 and a site's home page at 2: the section indexes are its children.
INDEX_DEPTH = 3


def index_urls(request: HttpRequest, *models: type[Page]) -> dict[type[Page], str]:
    """The URL of the live, public page of each index model (they exist once per site).

    Every index is a child of the home page, so one query finds them all; its answer is kept
    on the request, as each section of a page asks for the listings it links to.
    """
    urls = getattr(request, "_index_urls", None)
    if urls is None:
        pages = visible(Page.objects.filter(depth=INDEX_DEPTH)).order_by("path")
        urls = remember_index_pages(request, pages)
    return {model: urls[model] for model in models if model in urls}


def remember_index_pages(request: HttpRequest | None, pages: Iterable[Page]) -> dict[type[Page], str]:
    """Keep the URLs of the live, public index pages on the request, for ``index_urls``.

    The home page reads its children (the indexes) for its own lists; handing them over
    spares every section of the page the query.
    """
    urls: dict[type[Page], str] = {}
    for page in pages:
        urls.setdefault(page.specific_class, page.get_url(request))
    if request is not None:
        request._index_urls = urls
    return urls
