"""Alphabetical order as a reader of either language expects it."""

import unicodedata
from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


def collation_key(text: str) -> str:
    """Accents and case ignored, so "Perú" sorts between "Paraguay" and "República Dominicana"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def alphabetical(pages: Iterable[T]) -> list[T]:
    """Pages sorted by their title in the active language.

    Sorting happens in Python because the title read in each language falls back
    to Spanish, which an ORDER BY on one language's column would not do.
    """
    return sorted(pages, key=lambda page: collation_key(str(page.title)))
