"""Indicators per dataset and period, computed by the database."""

from contracting.models import Dataset


def recompute(dataset: Dataset) -> None:
    """Replace the dataset's figures with ones computed from its processes."""
