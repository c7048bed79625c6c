"""Titles and snippets with the matched words marked, for every engine alike.

Matching is done on analysed terms, so a search for "pymes" marks "PYME" and
"Pymes" in the original text. Term sequences (quoted phrases, glossary
expressions such as "licitación pública") are marked only where their words
follow each other, stop words aside, so "pública" alone is not marked for them.
Everything except the <mark> tags is escaped.
"""

from collections.abc import Iterable
from functools import lru_cache

from django.utils.html import escape

from search.analysis import is_stop_word, stem, word_spans

Sequences = Iterable[tuple[str, ...]]

SNIPPET_WORDS = 32
# Long document texts are only scanned this far for the snippet.
SCAN_LIMIT = 60_000


def highlight(text: str, terms: set[str], language: str, sequences: Sequences = ()) -> str:
    """All of ``text``, escaped, with the words whose stem is in ``terms`` (or in a sequence) marked."""
    spans = word_spans(text)
    return _render(text, spans, _matches(spans, terms, language, sequences), 0, len(text))


def snippet(
    text: str, terms: set[str], language: str, size: int = SNIPPET_WORDS, sequences: Sequences = ()
) -> str:
    """About ``size`` words of ``text`` around the most matched terms, escaped, matches marked."""
    scanned = text[:SCAN_LIMIT]
    spans = word_spans(scanned)
    if not spans:
        return ""
    matches = _matches(spans, terms, language, sequences)
    first = _best_window(spans, matches, terms, size)
    last = min(first + size, len(spans)) - 1
    start = spans[first][0] if first else 0
    end = spans[last][1] if last < len(spans) - 1 or len(scanned) < len(text) else len(text)
    html = _render(text, spans[first : last + 1], matches[first : last + 1], start, end)
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return f"{prefix}{html}{suffix}"


def _matches(spans: list, terms: set[str], language: str, sequences: Sequences = ()) -> list[str | None]:
    """For each word, the query term (or first term of a sequence) it matches, or None."""
    words = [_word_terms(pieces, language) for _start, _end, pieces in spans]
    found = [next(filter(terms.__contains__, stems), None) for stems, _kept in words]
    sequences = [sequence for sequence in sequences if len(sequence) > 1]
    if sequences:
        # Words as the index holds them: one term per piece, stop words dropped.
        kept = [(index, term) for index, (_stems, word_kept) in enumerate(words) for term in word_kept]
        # A query brings dozens of glossary expressions: each is compared only where its first term is.
        starts: dict[str, list[int]] = {}
        for start, (_index, term) in enumerate(kept):
            starts.setdefault(term, []).append(start)
        for sequence in sequences:
            for start in starts.get(sequence[0], ()):
                following = kept[start : start + len(sequence)]
                if tuple(term for _index, term in following) == sequence:
                    for index, _term in following:
                        found[index] = found[index] or sequence[0]
    return found


@lru_cache(maxsize=100_000)
def _word_terms(pieces: tuple[str, ...], language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A written word's terms: each piece's stem, and the stems of the pieces the index keeps (stop
    words dropped). Kept per word, as ``word_pieces`` is."""
    stems = tuple(stem(piece, language) for piece in pieces)
    kept = tuple(term for term, piece in zip(stems, pieces, strict=True) if not is_stop_word(piece, language))
    return stems, kept


def _best_window(spans: list, matches: list[str | None], terms: set[str], size: int) -> int:
    """Index of the first word of the window holding the most distinct matched terms."""
    if not terms or not any(matches):
        return 0
    best_start, best_score = 0, -1
    for index, term in enumerate(matches):
        if term is None:
            continue
        start = max(0, index - size // 4)
        score = len({match for match in matches[start : start + size] if match})
        if score > best_score:
            best_start, best_score = start, score
        if best_score == len(terms):
            break
    return best_start


def _render(text: str, spans: list, matches: list, start: int, end: int) -> str:
    parts, position = [], start
    for (span_start, span_end, _pieces), match in zip(spans, matches, strict=True):
        if match is None:
            continue
        parts.append(escape(text[position:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    parts.append(escape(text[position:end]))
    return "".join(parts)


def section_snippet(
    text: str,
    sections: Iterable[tuple[str, int, int]],
    terms: set[str],
    language: str,
    sequences: Sequences = (),
) -> tuple[str, str]:
    """(label, snippet) of the labelled section of ``text`` with the most matched terms.

    An entry made of fields (a country profile: agency, system, laws) shows the
    one field that matches, under its label, rather than fields run together.
    With no section matching, the first one is shown.
    """
    best, best_score = None, -1
    for label, start, end in sections:
        part = text[start:end]
        found = {match for match in _matches(word_spans(part), terms, language, sequences) if match}
        if len(found) > best_score:
            best, best_score = (label, part), len(found)
    if best is None:
        return "", ""
    label, part = best
    return label, snippet(part, terms, language, sequences=sequences)
