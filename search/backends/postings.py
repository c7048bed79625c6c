"""Each term's entries, read from the full-text index once per index version and kept in the process.

A query's matches were full-text queries, one per combination of its words, and
its ranking another over the candidates; each read again, from the database,
the entries of words most queries share ("compras", "public", a country's name):
at 100,000 entries those reads were most of a search's time. The entries of a
term, whether it is in their title and, where the engine scores from them, how
often it occurs, are now read once per index version (``Postings``); matching a
query, finding the entries whose title matches and scoring the candidates are
then array arithmetic over them. A phrase (terms next to each other) is read the
same way, as one key.

The first search of a common term after a write reads its entries (about 80 ms for
a term 90,000 of 100,000 entries have, on SQLite); every later one reads nothing.
The kept arrays are bounded (``SEARCH_POSTINGS_BYTES``): the least recently used
go first.
"""

import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import reduce

from django.conf import settings

import numpy as np

# Entry ids travel as numpy arrays: the database hands tens of thousands of them over as one
# comma-joined string, which numpy parses in C.
EntryIds = np.ndarray
NO_IDS = np.zeros(0, dtype=np.int64)

# FTS5's bm25 parameters: scores from postings are the scores FTS5 gives.
BM25_K1 = 1.2
BM25_B = 0.75


@dataclass(frozen=True)
class Postings:
    """The entries with a term or phrase (ascending ids), those with it in their title, and, where
    the engine scores from postings, its occurrences in each entry weighted by field."""

    ids: EntryIds
    titled: EntryIds
    weights: np.ndarray | None = None

    def nbytes(self) -> int:
        return self.ids.nbytes + self.titled.nbytes + (0 if self.weights is None else self.weights.nbytes)


@dataclass(frozen=True)
class EntryLengths:
    """What bm25 needs of the whole index: each entry's number of terms (by id), their average and
    the number of entries."""

    by_id: np.ndarray
    average: float
    count: int

    def nbytes(self) -> int:
        return self.by_id.nbytes


class KeptArrays:
    """Arrays read for one index version, shared by the threads of a process, the least recently
    used dropped beyond a budget of bytes (a superseded version's are never asked again)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: OrderedDict[tuple[str, object], Postings | EntryLengths] = OrderedDict()
        self._bytes = 0

    def get(
        self, generation: str, key: object, read: Callable[[], Postings | EntryLengths]
    ) -> Postings | EntryLengths:
        with self._lock:
            if (found := self._kept.get((generation, key))) is not None:
                self._kept.move_to_end((generation, key))
                return found
        value = read()
        with self._lock:
            if (generation, key) not in self._kept:
                self._kept[(generation, key)] = value
                self._bytes += value.nbytes()
            while self._bytes > settings.SEARCH_POSTINGS_BYTES and len(self._kept) > 1:
                _key, dropped = self._kept.popitem(last=False)
                self._bytes -= dropped.nbytes()
        return value


KEPT = KeptArrays()


def members(ids: EntryIds, of: EntryIds) -> np.ndarray:
    """Which of ``ids`` are in ``of``: looked up in a mask as long as the largest id, where sorting
    both together (``np.isin``, ``np.intersect1d``) took 10-40 ms for a common word's postings."""
    if not len(ids) or not len(of):
        return np.zeros(len(ids), dtype=bool)
    present = np.zeros(max(int(ids.max()), int(of.max())) + 1, dtype=bool)
    present[of] = True
    return present[ids]


def intersection(arrays: Sequence[EntryIds]) -> EntryIds:
    """The ids in every one of ``arrays`` (each ascending), ascending."""
    if not arrays:
        return NO_IDS
    shortest, *others = sorted(arrays, key=len)
    return reduce(lambda found, other: found[members(found, other)], others, shortest)


def union(arrays: Sequence[EntryIds]) -> EntryIds:
    """The ids in any of ``arrays``, ascending: marked in a mask as long as the largest id, where
    sorting them together cost 40 ms for a glossary expression's thirty terms."""
    arrays = [array for array in arrays if len(array)]
    if len(arrays) < 2:
        return arrays[0] if arrays else NO_IDS
    present = np.zeros(max(int(array[-1]) for array in arrays) + 1, dtype=bool)
    for array in arrays:
        present[array] = True
    return np.flatnonzero(present)


def bm25(ids: EntryIds, postings: Sequence[Postings], lengths: EntryLengths) -> np.ndarray:
    """FTS5's bm25 of the entries ``ids`` for a query of one phrase per postings: the sum over the
    phrases of idf × f(k1 + 1) / (f + k1(1 - b + b·D/avgD)), f the field-weighted occurrences."""
    score = np.zeros(len(ids))
    if not len(ids):
        return score
    norm = BM25_K1 * (1 - BM25_B + BM25_B * lengths.by_id[ids] / lengths.average)
    for phrase in postings:
        found = len(phrase.ids)
        if not found:
            continue
        position = np.minimum(np.searchsorted(phrase.ids, ids), found - 1)
        frequency = np.where(phrase.ids[position] == ids, phrase.weights[position], 0.0)
        score += rarity(lengths.count, found) * frequency * (BM25_K1 + 1) / (frequency + norm)
    return score


def rarity(entries: int, found: int) -> float:
    """FTS5's inverse document frequency of a phrase ``found`` in that many of ``entries``: a phrase
    in half of them or more weighs almost nothing (1e-6), never less."""
    value = math.log((entries - found + 0.5) / (found + 0.5))
    return value if value > 0 else 1e-6


def varint_sums(blobs: Sequence[bytes], per_blob: int) -> np.ndarray:
    """The sum of the ``per_blob`` SQLite varints of each blob (FTS5's column sizes), decoded in C:
    a byte below 0x80 ends a varint, whose value is its bytes' low seven bits, most significant first."""
    data = np.frombuffer(b"".join(blobs), dtype=np.uint8)
    if not len(data):
        return np.zeros(0)
    last = data < 0x80
    varint = np.cumsum(last) - last
    ends = np.flatnonzero(last)
    shift = ends[varint] - np.arange(len(data))
    values = np.bincount(varint, weights=(data & 0x7F) * 128.0**shift, minlength=len(ends))
    return values.reshape(-1, per_blob).sum(axis=1)
