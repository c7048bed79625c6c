"""The open contracting datasets and their indicators in the read-only API (/api/v2/…).

``procurement-datasets`` lists the datasets (``Dataset.public_fields``);
``procurement-indicators`` lists the figures (``Figure.public_fields``), narrowed by
``?country=PY``, ``?indicator=single_bid``, ``?year=2017`` and ``?month=`` (``?month=`` empty
or ``year`` for the whole-year figures).
"""

from django.db.models import QuerySet

from wagtail.api.v2.filters import FieldsFilter, OrderingFilter
from wagtail.api.v2.views import BaseAPIViewSet

from contracting.definitions import INDICATORS
from contracting.models import Dataset, Figure
from network.api import LanguageMixin
from network.params import parse_country_code, parse_year

MONTHS = {str(month) for month in range(1, 13)}


class DatasetsEndpoint(LanguageMixin, BaseAPIViewSet):
    model = Dataset
    name = "procurement-datasets"
    filter_backends = [FieldsFilter, OrderingFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters | {"locale"}
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "country_code",
        "name",
        "publisher",
        "is_sample",
        "last_import_at",
    ]

    def get_queryset(self) -> QuerySet[Dataset]:
        return Dataset.objects.filter(country__live=True).select_related("country").order_by("pk")


class IndicatorsEndpoint(LanguageMixin, BaseAPIViewSet):
    model = Figure
    name = "procurement-indicators"
    filter_backends = [OrderingFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters | {
        "locale",
        "country",
        "indicator",
        "year",
        "month",
    }
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "country_code",
        "indicator",
        "year",
        "month",
        "key",
        "currency",
        "value",
        "coverage",
    ]

    def get_queryset(self) -> QuerySet[Figure]:
        return figures_for(self.request.GET)


def figures_for(query: dict) -> QuerySet[Figure]:
    """The figures of live countries, narrowed by the query's country, indicator, year and month."""
    figures = Figure.objects.filter(dataset__country__live=True).select_related("dataset__country")
    country = parse_country_code(query.get("country", ""))
    if country:
        figures = figures.filter(dataset__country__iso_alpha2=country)
    if query.get("indicator"):
        # An indicator code none has finds nothing, and never reaches the database as it came.
        indicator = query["indicator"]
        figures = figures.filter(indicator=indicator) if indicator in INDICATORS else figures.none()
    year = parse_year(query.get("year", ""))
    if year:
        figures = figures.filter(year=year)
    if "month" in query:
        month = query["month"]
        figures = figures.filter(month=int(month)) if month in MONTHS else figures.filter(month=None)
    return figures.order_by("dataset_id", "indicator", "year", "month", "key", "currency")


API_ENDPOINTS = {"procurement-datasets": DatasetsEndpoint, "procurement-indicators": IndicatorsEndpoint}
