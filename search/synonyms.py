"""Words readers use for the same thing, per language, applied to queries (never to the index).

Listed as plain words; they are stemmed like everything else, so one entry covers
singular and plural. A query word that is in a group also finds the group's other
words: "contratacion publica pymes" finds a page about "compras gubernamentales"
for SMEs. Keep the groups tight: each one widens every query that uses it.
"""

from functools import cache

from search.analysis import analyze

SYNONYMS = {
    "es": [
        ("contratación", "compras", "adquisiciones"),
        ("pública", "gubernamental", "estatal"),
        ("pyme", "mipyme"),
        ("licitación", "concurso"),
        ("electrónica", "digital", "en línea"),
    ],
    "en": [
        ("procurement", "purchasing", "acquisitions"),
        ("public", "government"),
        ("sme", "msme"),
        ("tender", "bidding"),
        ("electronic", "digital", "online"),
    ],
}


@cache
def synonym_map(language: str) -> dict[str, tuple[str, ...]]:
    """Each stem in a group mapped to the group's other stems (single-word synonyms only)."""
    alternatives: dict[str, tuple[str, ...]] = {}
    for group in SYNONYMS.get(language, ()):
        stems = [analyze(word, language) for word in group]
        singles = [terms[0] for terms in stems if len(terms) == 1]
        for stem in singles:
            alternatives[stem] = tuple(other for other in dict.fromkeys(singles) if other != stem)
    return alternatives
