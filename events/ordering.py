"""Name ordering is in ``network.ordering``; these names stay until ``network.home`` imports it from there."""

from network.ordering import alphabetical, collation_key

__all__ = ["alphabetical", "collation_key"]
