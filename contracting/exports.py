"""The open contracting datasets and indicators as CSV and JSON downloads (network.exports).

``procurement-indicators`` takes the API's filters in the query string, so that a country
profile links to its own figures: ``/es/exports/procurement-indicators.csv?country=PY``.
"""

from django.utils.translation import gettext_lazy as _

from contracting.api import figures_for
from contracting.models import Dataset as OpenContractingDataset
from contracting.models import Figure
from network.exports import Dataset

DATASETS = {
    "procurement-datasets": Dataset(
        _("Open contracting datasets"),
        OpenContractingDataset,
        lambda request: (
            OpenContractingDataset.objects.filter(country__live=True)
            .select_related("country")
            .order_by("country__iso_alpha2", "name")
        ),
    ),
    "procurement-indicators": Dataset(
        _("Procurement indicators"), Figure, lambda request: figures_for(request.GET)
    ),
}
