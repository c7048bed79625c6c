"""Reading what the reader typed: words and "quoted phrases", nothing else.

No engine ever sees the raw text: operators (AND, OR, NOT, NEAR, *, ^, :), stray
quotes and control characters are just text here, and engines receive only the
folded words this module keeps, so no input can break an engine's query syntax.
"""

import re
from dataclasses import dataclass
from itertools import chain

from search.analysis import analyze, words
from search.synonyms import synonym_map

MAX_QUERY_LENGTH = 500
MAX_WORDS = 32
_QUOTED = re.compile(r'"([^"]*)"?')


@dataclass(frozen=True)
class AnalyzedQuery:
    """A query's terms in one language: single terms all required, phrases as term sequences.

    ``synonyms`` pairs a term with the terms that may stand in for it (see
    ``search.synonyms``); ``term_groups`` gives each term with its stand-ins.
    """

    terms: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]
    synonyms: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def is_empty(self) -> bool:
        return not self.terms and not self.phrases

    def term_groups(self) -> list[tuple[str, ...]]:
        """Each term followed by its synonyms; a match needs one term of every group."""
        alternatives = dict(self.synonyms)
        return [(term, *alternatives.get(term, ())) for term in self.terms]

    def all_terms(self) -> set[str]:
        return set(chain.from_iterable(self.term_groups())).union(*self.phrases)


@dataclass(frozen=True)
class ParsedQuery:
    """The reader's text split into loose words and quoted phrases (an unclosed quote runs to the end)."""

    text: str
    loose: str
    phrases: tuple[str, ...]

    def is_empty(self) -> bool:
        return not words(self.loose) and not any(words(phrase) for phrase in self.phrases)

    def words(self) -> list[str]:
        """Every folded word, in order, for "did you mean"."""
        return words(" ".join((self.loose, *self.phrases)))

    def analyzed(self, language: str) -> AnalyzedQuery:
        terms = _unique(analyze(self.loose, language))
        phrases = []
        for phrase in self.phrases:
            phrase_terms = tuple(analyze(phrase, language))
            if len(phrase_terms) > 1:
                phrases.append(phrase_terms)
            else:
                terms += [term for term in phrase_terms if term not in terms]
        terms = terms[:MAX_WORDS]
        alternatives = synonym_map(language)
        synonyms = tuple((term, alternatives[term]) for term in terms if term in alternatives)
        return AnalyzedQuery(tuple(terms), tuple(phrases[:MAX_WORDS]), synonyms)


def parse_query(text: str) -> ParsedQuery:
    """Split ``text`` (any string at all) into loose words and quoted phrases."""
    cleaned = clean_query(text)
    phrases = tuple(phrase for phrase in _QUOTED.findall(cleaned) if phrase.strip())
    loose = _QUOTED.sub(" ", cleaned)
    return ParsedQuery(cleaned, loose, phrases)


def clean_query(text: str) -> str:
    """The query without control characters, collapsed and cut to a sane length."""
    printable = "".join(char if char.isprintable() else " " for char in text[: MAX_QUERY_LENGTH * 4])
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
