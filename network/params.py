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
