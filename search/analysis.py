"""Turning text into search terms, per language; shared by indexing, queries and every engine.

Every engine indexes and queries the terms produced here, so stemming behaves
the same on SQLite, PostgreSQL and Elasticsearch. Text is folded first
(lower case, accents and ñ removed) because readers often type without accents:
"contratacion", "contratación" and "contrataciones" all become ``contrat``.
"""

import re
import threading
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

import snowballstemmer
from wordfreq import zipf_frequency


def _listed(text: str) -> frozenset[str]:
    return frozenset(text.split())


STEMMER_NAMES = {"es": "spanish", "en": "english", "pt": "portuguese", "fr": "french"}
MAX_TERM_LENGTH = 40
# How often a word must be written (Zipf scale, wordfreq's lists: 3 is once in a million words) for
# a reader who typed it to have meant it. Misspellings, even the frequent ones, are rarer:
# "goverment" and "untied" are 2.7, "cost" 5.2, "impuesto" 4.6. wordfreq's "small" lists hold just
# the words this frequent: 7 MiB in memory for Spanish and English, where its fuller lists take 69.
COMMON_USE_ZIPF = 3.0

SPANISH_STOP_WORDS = _listed(
    """
    a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e el
    ella ellas ellos en entre era es esa esas ese eso esos esta estas este esto estos fue fueron ha
    han hasta hay la las le les lo los mas me mi mientras muy no nos o os otra otro para pero poco por
    porque que quien se sea ser si sin sobre son su sus tambien te tiene tienen todo todos tu u un
    una unas uno unos y ya mis tus nuestro nuestra nuestros nuestras yo usted ustedes hacia mediante
    segun tras traves cosa cosas vs versus cada cualquier cualquiera algun alguna alguno ambos ambas
    """
)
ENGLISH_STOP_WORDS = _listed(
    """
    a about all an and are as at be been but by can did do does for from had has have he her his how
    i if in into is it its me more my no nor not of on or our out she so than that the their them
    then there these they this those to too up us very was we were what when where which while who
    why will with you your against among before between during since until without across through
    throughout within toward towards upon onto amongst thing things stuff vs versus any some each every
    also both such
    """
)
STOP_WORDS = {"es": SPANISH_STOP_WORDS, "en": ENGLISH_STOP_WORDS}

# Words that frame a question rather than say what it is about: "¿qué países *usan* la subasta
# inversa?", "how does the online store *work*?", "who *handles* procurement in Dominica?". In a
# question they are left out of the query (``search.query``): required, they keep the pages that
# answer out ("usan" is rarely in them), and some collide with the other language's names ("usa",
# the verb, is also USA). Only questions lose them, so "public works" and "uso de la firma
# digital" keep every word. "What law *governs* procurement in Costa Rica?" asks for the law, and
# "governs" would match every page that says "government". Nor does the time a question is asked
# in ("¿qué ley rige *hoy*…?", "which law applies *today*?") say what it is about: pages rarely
# write it.
QUESTION_WORDS = {
    "es": _listed(
        """
        cuales quienes cuanto cuanta cuantos cuantas usa usan usar utiliza utilizan utilizar funciona
        funcionan funcionar hace hacen hacer puedo puede pueden podemos existe existen encuentro
        encontrar busco buscar quiero necesito saber significa sirve forman integran componen ofrece
        ofrecen maneja manejan rige rigen regula regulan hoy ahora actualmente paso pasa ocurrio ocurre
        sucedio sucede hago hacemos parte ver veo
        """
    ),
    "en": _listed(
        """
        use uses used using work get find know want need mean means exist exists tell make many much
        could would should may might must please handle handles deal deals govern governs regulate
        regulates today now nowadays currently presently happen happens happened occur occurs occurred
        part run runs see
        """
    ),
}
# Words that say what nearly every page of the site is about, since its subject is how governments
# buy: "compradores *estatales*" are the buyers the training pages speak of, a "*government* web
# shop" is the online store. Beside other words of a query they add to an entry's score without
# being required, as the words a large share of the entries have do (``COMMON_SHARE``). Folded
# words, not stems: "publicaciones" shares its stem with "públicas" and is no such word.
GENERIC_WORDS = _listed(
    """
    publico publica publicos publicas estatal estatales gubernamental gubernamentales gobierno
    gobiernos estado estados public government governments governmental state states govt govts gob
    """
)
# Abbreviations readers type for words the pages write out ("SMEs govt contracts"): each is read
# as its word, in every language's analysis (``stem``) and by Elasticsearch's analyzers.
ABBREVIATIONS = {
    "govt": "government",
    "govts": "governments",
    "gob": "gobierno",
    "dept": "department",
    "depts": "departments",
    "depto": "departamento",
    "intl": "international",
    "natl": "national",
    "mgmt": "management",
}
# Words that ask for a figure: "¿*cuántos* contratos adjudicó Cuba en 2022?", "*how much* does
# Canada spend?". A country's pages describe how it buys; they are no answer to such a question
# just by being about the country (``SearchQuery.asks_for_a_figure``).
FIGURE_QUESTIONS = {
    "es": ("cuanto", "cuanta", "cuantos", "cuantas"),
    "en": ("how much", "how many"),
}
# A query is read as a question when it has a question mark or begins with one of these.
QUESTION_STARTS = {
    "es": _listed("que como cual cuales quien quienes donde cuando cuanto cuanta cuantos cuantas existe hay"),
    "en": _listed(
        """
        what which how who whom whose where when why does do did is are can could should was were
        """
    ),
}


def _numbered(text: str, first: int, step: int = 1) -> dict[str, int]:
    return {word: first + step * position for position, word in enumerate(text.split())}


# Numbers written out are the numbers in digits: "dieciocho países" is "18 países", "thirty-eight
# officials" is "38 officials" (a page writes the words, a report the digits, a reader either).
# Folded words; a tens word and a unit joined ("treinta y ocho", "thirty-eight") are one number.
# "Uno" and "one" alone stay words: an article, a pronoun.
UNITS = {
    "es": _numbered("uno dos tres cuatro cinco seis siete ocho nueve", 1),
    "en": _numbered("one two three four five six seven eight nine", 1),
}
TENS = {
    "es": _numbered("veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa", 20, 10),
    "en": _numbered("twenty thirty forty fifty sixty seventy eighty ninety", 20, 10),
}
NUMBER_WORDS = {
    "es": {
        **_numbered("dos tres cuatro cinco seis siete ocho nueve", 2),
        **_numbered("diez once doce trece catorce quince dieciseis diecisiete dieciocho diecinueve", 10),
        **{f"veinti{unit}": 20 + value for unit, value in UNITS["es"].items()},
        **TENS["es"],
        "cien": 100,
    },
    "en": {
        **_numbered("two three four five six seven eight nine", 2),
        **_numbered("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen", 10),
        **TENS["en"],
    },
}
# A letter joined to a word by a hyphen is a term of its own, the "e" of "e-procurement": without
# it "e-procurement" read as "procurement", and the glossary put every "procurement" in the
# e-procurement entry. Any other single letter is no term.
_TERM = re.compile(r"[a-z](?=-[a-z0-9])|[a-z0-9]{2,}|[0-9]")
# A written word; a letter joined to a word by a hyphen is one too.
_WORD = re.compile(r"(?P<prefix>[^\W\d_])(?=-\w)|\w+")
# "US" and "U.S." in capitals are the United States, not the pronoun "us" (a stop word, so "US
# procurement" was "procurement"); "US$" is the dollar. They are read as written out, in every
# language, except in a text of several words all in capitals ("CONTACT US").
UNITED_STATES = re.compile(r"\bU\.?S\.?(?![\w$])")
UNITED_STATES_WRITTEN_OUT = "United States"
_local = threading.local()


def fold(text: str) -> str:
    """Lower case ASCII without diacritics: "Contratación Pública" → "contratacion publica".

    Characters with no ASCII letter in them (other scripts, symbols) are dropped:
    terms are [a-z0-9] only, which also keeps every engine's query syntax safe.
    """
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode("ascii")


def words(text: str) -> list[str]:
    """The folded words of ``text``, unstemmed, stop words kept (for autocomplete and suggestions)."""
    return [term[:MAX_TERM_LENGTH] for term in _TERM.findall(fold(written_out(text)))]


def written_out(text: str) -> str:
    """``text`` with the abbreviations that would read as stop words written out (``UNITED_STATES``)."""
    if "U" not in text or (text.isupper() and len(text.split()) > 1):
        return text
    return UNITED_STATES.sub(UNITED_STATES_WRITTEN_OUT, text)


def analyze(text: str, language: str) -> list[str]:
    """The search terms of ``text`` in ``language``: folded, numbers as digits, stop words dropped,
    stemmed, in order."""
    return [
        stem(word, language)
        for word in numbers_joined(words(text), language)
        if not is_stop_word(word, language)
    ]


def numbers_joined(typed: list[str], language: str) -> list[str]:
    """``typed`` (folded words) with each tens word and the unit after it joined as one number in
    digits: "treinta y ocho" → "38" (the "y" is no word: a single letter), "thirty-eight" → "38".
    Other number words are read as digits by ``stem``."""
    tens, units = TENS.get(language), UNITS.get(language, {})
    if not tens or not any(word in tens for word in typed):
        return typed
    joined, position = [], 0
    while position < len(typed):
        word, following = typed[position], typed[position + 1] if position + 1 < len(typed) else ""
        if word in tens and following in units:
            joined.append(str(tens[word] + units[following]))
            position += 2
        else:
            joined.append(word)
            position += 1
    return joined


@lru_cache(maxsize=50_000)
def in_common_use(word: str, languages: tuple[str, ...]) -> bool:
    """Whether ``word`` (folded) is commonly written in one of ``languages``: a speller leaves it as
    typed, whether the site has it or not. An indexed word a letter away is another word, not what
    the reader meant: "cost" is no misspelt "costa", "taxes" no "takes", "impuesto" no "impulso".
    Readers drop accents, so the folded spellings are common too ("indice")."""
    return any(zipf_frequency(word, language, wordlist="small") >= COMMON_USE_ZIPF for language in languages)


def is_stop_word(word: str, language: str) -> bool:
    """Whether ``word`` is one ``language`` leaves out; a single letter is a prefix, never one
    (Spanish "e" of "e-gobierno" is not the conjunction "e")."""
    return len(word) > 1 and word in STOP_WORDS.get(language, ())


# British -ise/-yse spellings and their derivatives (organisation, institutionalised, analyse), read
# as the American -ize/-yze that the English stemmer knows: Snowball stems "organisation" "organis"
# and "organization" "organiz". The Caribbean members write British English. Elasticsearch's
# English analyzers apply the same pattern (``search.backends.elasticsearch``).
BRITISH_SPELLING = r"(?<=[a-z]{3})([iy])s(e|es|ed|ing|ation|ations|er|ers)$"
_BRITISH = re.compile(BRITISH_SPELLING)
# The folded endings of the Spanish nouns of -icar verbs (adjudicación, clasificaciones, verificador).
_ICAR_NOUNS = re.compile(r"ic(?:acion|aciones|ador|adora|adores|adoras)$")


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """The stem of a folded word.

    Snowball leaves some plurals alone: acronyms ("pymes", "smes") and a few
    Spanish nouns ("años", "gobiernos" → "gobi"). Spanish -os/-as words are
    stemmed from their singular, and a word Snowball did not change loses a
    plural "s", so PYMEs = PYME and SMEs = SME. English words are stemmed in
    their American spelling (``BRITISH_SPELLING``).
    """
    stemmer = _stemmer(language)
    if stemmer is None or word.isdigit():
        return word
    word = ABBREVIATIONS.get(word, word)
    if (number := NUMBER_WORDS.get(language, {}).get(word)) is not None:
        return str(number)
    if language == "es" and (noun := _ICAR_NOUNS.search(word)):
        # Snowball strips the "ic" of these nouns (in long words), which parts them from their verb,
        # "adjudicación" (adjud) from "adjudicado" (adjudic), and can join them to another word,
        # "comunicación" to "común" (comun): they are stemmed as their verb is.
        word = word[: noun.start()] + "icar"
    if language == "en":
        word = _BRITISH.sub(r"\1z\2", word)
    if language == "es" and len(word) > 4 and word[-2:] in ("os", "as"):
        stemmed = stemmer.stemWord(word[:-1])
    else:
        stemmed = stemmer.stemWord(word)
    if stemmed == word and _has_plain_plural(word, language):
        stemmed = stemmer.stemWord(word[:-1])
    return stemmed


def action_stem(term: str, language: str) -> str | None:
    """The stem of the verb an agent noun's stem names, or None: "comprador" → "compr" (compran,
    comprar), "proveedor" → "prov", "buyer" → "buy", "bidder" → "bid", "supplier" → "suppli".

    Snowball keeps agent nouns apart from their verbs, so "compradores" never
    found a page saying "quienes compran"; queries add this stem as an
    equivalent of the noun's (``search.query``). Stems shorter than three letters
    are left alone.
    """
    base = None
    if language == "es" and len(term) >= 7 and term[-4:] in ("ador", "edor", "idor"):
        base = term[:-4]
        if term.endswith("edor") and base.endswith("e"):
            base = base[:-1]
    elif language == "en" and len(term) >= 5 and term.endswith("er"):
        base = term[:-2]
        if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "aeiou":
            base = base[:-1]
    return base if base and len(base) >= 3 else None


def word_spans(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, folded pieces) for each word of ``text``, to mark matches in the original."""
    return [
        (match.start(), match.end(), pieces)
        for match in _WORD.finditer(text)
        if (pieces := (fold(match.group()),) if match.group("prefix") else word_pieces(match.group()))
    ]


def respelt(text: str, replacements: Mapping[str, str]) -> str:
    """``text`` with each written word whose folded form ``replacements`` has swapped for its
    replacement, the rest as typed: a correction keeps the reader's accents, hyphens and quotes."""
    parts, position = [], 0
    for start, end, pieces in word_spans(text):
        if len(pieces) == 1 and pieces[0] in replacements:
            parts += [text[position:start], replacements[pieces[0]]]
            position = end
    return "".join([*parts, text[position:]])


@lru_cache(maxsize=100_000)
def word_pieces(word: str) -> tuple[str, ...]:
    """The folded terms of one written word ("Contratación" → ("contratacion",)).

    Kept per word: a snippet reads every word of a text, and texts repeat their words,
    so folding each occurrence again was most of a results page's snippet time.
    """
    return tuple(_TERM.findall(fold(written_out(word))))


def _has_plain_plural(word: str, language: str) -> bool:
    if len(word) < 4 or not word.endswith("s") or word.endswith("ss"):
        return False
    # Spanish "país" is singular; only -as/-es/-os plurals lose their "s".
    return language != "es" or word[-2] in "aeo"


def _stemmer(language: str) -> "snowballstemmer.Stemmer | None":
    """A stemmer per thread: Snowball stemmers keep state while they work."""
    name = STEMMER_NAMES.get(language)
    if name is None:
        return None
    stemmers = _local.__dict__.setdefault("stemmers", {})
    if name not in stemmers:
        stemmers[name] = snowballstemmer.stemmer(name)
    return stemmers[name]
