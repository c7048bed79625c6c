"""The procurement data page: the datasets, the methodology, the explorer and the comparison."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from contracting.comparison import ComparisonMixin
from contracting.definitions import INDICATORS
from contracting.explorer import ExplorerMixin
from contracting.models.data import Dataset
from network.models import BasePage


class ProcurementDataPage(ExplorerMixin, ComparisonMixin, RoutablePageMixin, BasePage):
    """The open contracting data of the member countries: which datasets the site holds, from
    whom, under which licence and how fresh; and, at ``metodologia/`` (``methodology/``), what
    each indicator counts and on whose definition; at ``explorar/`` (``explore/``), the explorer of
    the processes (``contracting.explorer``)."""

    parent_page_types = ["network.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    open_data_downloads = ("procurement-datasets", "procurement-indicators")

    class Meta:
        verbose_name = _("procurement data page")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["datasets"] = (
            Dataset.objects.filter(country__live=True)
            .select_related("country")
            .order_by("country__title", "name")
        )
        context["methodology_url"] = self.methodology_url()
        return context

    @path("metodologia/", name="methodology-es")
    @path("methodology/", name="methodology-en")
    def methodology(self, request: HttpRequest) -> HttpResponse:
        return self.render(
            request,
            template="contracting/methodology.html",
            context_overrides={"indicators": INDICATORS.values()},
        )

    def methodology_url(self) -> str:
        return self.url + self.methodology_route()

    @classmethod
    def methodology_route(cls) -> str:
        """The path of the methodology below the page, in the active language."""
        return cls.get_resolver().reverse(f"methodology-{get_language()}")
