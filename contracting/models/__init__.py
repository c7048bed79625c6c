"""The open contracting models: the data (``data``) and the page that presents it
(``procurement_data_page``), split so that the page's routes can import the modules that read
the data without importing themselves back."""

from contracting.models.data import (
    COMPETITIVE_METHODS,
    PROCESS_COPY,
    TENDER_FACTS,
    Award,
    Category,
    Classification,
    Contract,
    Dataset,
    FetchResult,
    Figure,
    Method,
    Organisation,
    Process,
    Release,
    Source,
)
from contracting.models.procurement_data_page import ProcurementDataPage

__all__ = [
    "COMPETITIVE_METHODS",
    "PROCESS_COPY",
    "TENDER_FACTS",
    "Award",
    "Category",
    "Classification",
    "Contract",
    "Dataset",
    "FetchResult",
    "Figure",
    "Method",
    "Organisation",
    "Process",
    "ProcurementDataPage",
    "Release",
    "Source",
]
