"""Reading list pages' query parameters: one set of parsers, one answer to bad values everywhere.

Filters arrive in links that get shared, truncated and crawled, so a value
that cannot be valid is ignored (the parser gives None) rather than answered
with an error; an out-of-range number never reaches the database, whose
integers it would overflow, and an oversized one is never converted at all.
"""

from collections.abc import Callable, Iterable

# The largest page id the databases' integer keys hold.
MAX_ID = 2**31 - 1
# Years a listing can be filtered by.
YEARS = range(1000, 3000)

Parser = Callable[[str], str | int | None]


def _digits(value: str, max_length: int) -> int | None:
    value = value.strip()
    if not value or len(value) > max_length or not (value.isascii() and value.isdigit()):
        return None
    return int(value)


def parse_id(value: str) -> int | None:
    """A page or object id: a positive integer the database can hold."""
    number = _digits(value, len(str(MAX_ID)))
    return number if number is not None and 0 < number <= MAX_ID else None


def parse_count(value: str) -> int | None:
    """An offset or a number of items: zero or more, no larger than the databases' integers."""
    number = _digits(value, len(str(MAX_ID)))
    return number if number is not None and number <= MAX_ID else None


class IdConverter:
    """The ``<id:…>`` path converter: an id the database can hold, else no match (a 404).

    Django's ``<int:…>`` accepts any number of digits, which overflowed the database's integers.
    """

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(f"not an id: {value[:20]}")
        return number

    def to_url(self, value: int) -> str:
        return str(value)


class CountryCodeConverter:
    """The ``<country_code:…>`` path converter: two ASCII letters, in capitals, else a 404.

    With ``<str:…>``, any text reached the database, and PostgreSQL refuses a NUL byte.
    """

    regex = "[A-Za-z]{2}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value.lower()


def parse_year(value: str) -> int | None:
    number = _digits(value, 4)
    return number if number in YEARS else None


def parse_country_code(value: str) -> str | None:
    """An ISO 3166 alpha-2 code, in capitals whatever the case it was typed in."""
    value = value.strip()
    return value.upper() if len(value) == 2 and value.isascii() and value.isalpha() else None


def choice_parser(values: Iterable[str]) -> Parser:
    """A parser accepting only ``values`` (a closed list: kinds, languages)."""
    allowed = frozenset(values)
    return lambda value: value if value in allowed else None
