"""Computing the indicators (``contracting.definitions``) for a dataset.

``recompute`` replaces a dataset's ``Figure`` rows, per year and per month, with values the
database aggregates (SQL GROUP BY, on PostgreSQL and SQLite alike).
"""

from contracting.models import Dataset

# Cardinal's default threshold for R003, in whole days, where a dataset sets none.
DEFAULT_SHORT_SUBMISSION_DAYS = 15


def recompute(dataset: Dataset) -> None:
    """Replace the dataset's figures with ones computed from its processes."""
