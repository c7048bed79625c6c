"""Charts of a dataset's figures, drawn on the server as SVG by pygal and readable without JavaScript.

Each chart is an SVG image (``role="img"``) named by its ``<title>`` and described by its
``<desc>``, and comes with its data as a table, the alternative for screen readers and for
whoever wants the numbers. Pygal's inline script and style are taken out: the site's content
security policy allows neither (``script-src`` and ``style-src`` are ``'self'``), and site.css
styles the charts instead (section "Charts"). Amounts get one chart per currency, never a sum
across currencies; numbers are formatted in the reader's language.

The figures come precomputed (``Figure`` rows: the indicators and the rankings of buyers and
suppliers), so drawing costs no aggregation; it takes a few milliseconds a chart, so a dataset's
charts are cached under its figures' version (which every recompute changes) and the language.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

import pygal
from lxml import etree
from pygal.style import Style

from contracting.definitions import INDICATORS, RANKINGS, Indicator
from contracting.indicators import DatasetFigures, YearFigures
from contracting.models.data import Category, Dataset, Method, Organisation

# Drawn charts are replaced when the figures are (the key holds their version); a day bounds
# what a cache keeps of datasets that are no longer shown.
CACHE_SECONDS = 24 * 60 * 60
# pygal lays text out for these sizes; site.css sets the same ones.
FONT_SIZE = 14
STYLE = Style(
    label_font_size=FONT_SIZE,
    major_label_font_size=FONT_SIZE,
    value_font_size=FONT_SIZE,
    title_font_size=FONT_SIZE,
    no_data_font_size=FONT_SIZE,
)
WIDTH = 720
# Below this many processes, the axis marks each whole number.
SMALL_COUNT = 8
# Long organisation names are cut in the drawing; the table gives them whole.
LABEL_CHARACTERS = 32
# What pygal adds for its JavaScript (tooltips, metadata) and for its own styling.
REMOVED_TAGS = {"script", "style", "defs", "title", "desc"}


@dataclass(frozen=True)
class Chart:
    """One chart: its SVG, and the same data as rows of a table (label, formatted value)."""

    slug: str
    title: str
    description: str
    label_heading: str
    value_heading: str
    rows: tuple[tuple[str, str], ...]
    svg: SafeString


def dataset_charts(dataset: Dataset, figures: DatasetFigures, year: int | None) -> list[Chart]:
    """The dataset's charts: its years, and the breakdowns and rankings of ``year``."""
    imported = dataset.last_import_at.isoformat() if dataset.last_import_at else ""
    key = f"contracting-charts:{dataset.pk}:{imported}:{figures.version}:{year}:{get_language()}"
    # Read whether the charts are drawn or not, so that a page costs the same queries either way.
    names = _organisation_names(figures, year)
    charts = cache.get(key)
    if charts is None:
        charts = _draw(dataset, figures, year, names)
        cache.set(key, charts, CACHE_SECONDS)
    return charts


def _draw(
    dataset: Dataset, figures: DatasetFigures, year: int | None, names: Callable[[str], str]
) -> list[Chart]:
    slug = f"chart-{dataset.pk}"
    charts = [_per_year(slug, figures, INDICATORS["processes"])]
    charts += [
        _per_year(slug, figures, INDICATORS["value_awarded"], currency)
        for currency in _currencies(figures.get("value_awarded", found_year) for found_year in figures.years)
    ]
    if year is not None:
        labels: dict[str, Callable[[str], str]] = {
            "method": _choice_label(Method),
            "category": _choice_label(Category),
            "buyer": names,
            "supplier": names,
        }
        for code in (
            "processes_by_method",
            "value_by_method",
            "processes_by_category",
            "value_by_category",
            *RANKINGS,
        ):
            found = figures.get(code, year)
            if found is not None and found.computable:
                charts += _breakdowns(slug, found, labels[found.indicator.breakdown])
    return [chart for chart in charts if chart is not None]


def _per_year(slug: str, figures: DatasetFigures, indicator: Indicator, currency: str = "") -> Chart | None:
    """The indicator year by year; a year it cannot be computed in is a gap, not a zero."""
    trend = figures.trend(indicator.code, currency=currency)
    if len(trend) < 2:
        return None
    title = _titled(_("%(indicator)s per year") % {"indicator": indicator.label}, currency)
    rows = [(str(year), value) for year, value in trend]
    return _chart(
        f"{slug}-{indicator.code}-{currency or 'all'}",
        pygal.Bar,
        title,
        str(indicator.definition),
        (_("Year"), _titled(str(indicator.label), currency)),
        rows,
        indicator,
    )


def _breakdowns(slug: str, found: YearFigures, label: Callable[[str], str]) -> list[Chart]:
    """The year's figure per key (method, category, organisation), one chart per currency."""
    indicator = found.indicator
    currencies = found.currencies if indicator.unit == "amount" else [""]
    charts = []
    for currency in currencies:
        entries = [entry for entry in found.entries if entry.key and entry.currency == currency]
        entries.sort(key=lambda entry: entry.value or 0, reverse=True)
        title = _titled(
            _("%(indicator)s, %(year)s") % {"indicator": indicator.label, "year": found.year}, currency
        )
        charts.append(
            _chart(
                f"{slug}-{indicator.code}-{currency or 'all'}",
                pygal.HorizontalBar,
                title,
                str(indicator.definition),
                (_breakdown_heading(indicator.breakdown), _value_heading(indicator, currency)),
                [(label(entry.key), entry.value) for entry in entries],
                indicator,
            )
        )
    return charts


def _chart(
    slug: str,
    kind: type[pygal.graph.graph.Graph],
    title: str,
    description: str,
    headings: tuple[str, str],
    rows: list[tuple[str, Decimal | int | None]],
    indicator: Indicator,
) -> Chart:
    places = 2 if indicator.unit == "amount" else 0

    def formatted(value: float | Decimal | int | None, places: int = places) -> str:
        return "" if value is None else number_format(value, places, force_grouping=True)

    horizontal = kind is pygal.HorizontalBar
    drawing = kind(
        js=[],
        style=STYLE,
        width=WIDTH,
        height=120 + 36 * len(rows) if horizontal else 360,
        show_legend=False,
        disable_xml_declaration=True,
        no_prefix=True,
        # The value axis: a few whole numbers (fewer across a horizontal chart), so that long
        # amounts fit uncut.
        value_formatter=lambda value: formatted(value, 0),
        min_scale=2 if horizontal else 3,
        max_scale=3 if horizontal else 5,
        truncate_label=-1,
        margin=12,
        margin_right=48,
    )
    largest = max((value for _label, value in rows if value is not None), default=0)
    if indicator.unit == "count" and largest < SMALL_COUNT:
        # Otherwise pygal marks fractions of a process on the axis.
        drawing.config.y_labels = list(range(int(largest) + 1))
    # pygal draws a horizontal chart's first bar at the bottom: the largest goes last.
    drawn = rows[::-1] if horizontal else rows
    drawing.x_labels = [_shortened(label) for label, _value in drawn]
    drawing.add(headings[1], [None if value is None else float(value) for _label, value in drawn])
    table = tuple((label, formatted(value) or _("Not computable")) for label, value in rows)
    svg = _accessible_svg(drawing.render_tree(), slug, title, description)
    return Chart(slug, title, description, headings[0], headings[1], table, svg)


def _accessible_svg(svg: etree._Element, slug: str, title: str, description: str) -> SafeString:
    """pygal's SVG as an image named by its title and described by its description.

    What pygal adds for its JavaScript (script, tooltips, per-point metadata), its inline style
    and its comments go; so do the ids it sets, so that several charts can share a page.
    """
    for element in list(svg.iter()):
        if (
            not isinstance(element.tag, str)
            or etree.QName(element).localname in REMOVED_TAGS
            or _is_tooltip(element)
        ):
            element.getparent().remove(element)
            continue
        for attribute in ("id", "style"):
            element.attrib.pop(attribute, None)
    svg.set("id", slug)
    svg.set("role", "img")
    svg.set("aria-labelledby", f"{slug}-title")
    svg.set("aria-describedby", f"{slug}-desc")
    for tag, text in (("desc", description), ("title", title)):
        element = etree.Element(tag, id=f"{slug}-{tag}")
        element.text = text
        svg.insert(0, element)
    # The drawing escapes every text it holds: nothing of it is read as markup.
    return mark_safe(etree.tostring(svg, encoding="unicode"))  # noqa: S308


def _shortened(label: str) -> str:
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"


def _is_tooltip(element: etree._Element) -> bool:
    return "tooltip-overlay" in element.get("class", "").split()


def _currencies(found: Iterable[YearFigures | None]) -> list[str]:
    return sorted({currency for year in found if year is not None for currency in year.currencies})


def _organisation_names(figures: DatasetFigures, year: int | None) -> Callable[[str], str]:
    """The names of the organisations the year's rankings list, from one query."""
    keys = {
        int(entry.key)
        for code in RANKINGS
        if (found := figures.get(code, year)) is not None
        for entry in found.entries
        if entry.key.isdigit()
    }
    names = {
        str(pk): name or identifier
        for pk, name, identifier in Organisation.objects.filter(pk__in=keys).values_list(
            "pk", "name", "identifier"
        )
    }
    return lambda key: names.get(key, key)


def _choice_label(choices: type[Method] | type[Category]) -> Callable[[str], str]:
    labels = dict(choices.choices)
    return lambda key: str(labels.get(key, key))


def _breakdown_heading(breakdown: str) -> str:
    return {
        "method": _("Procurement method"),
        "category": _("Main category"),
        "buyer": _("Buyer"),
        "supplier": _("Supplier"),
    }[breakdown]


def _value_heading(indicator: Indicator, currency: str) -> str:
    if indicator.unit == "amount":
        return _("Value awarded (%(currency)s)") % {"currency": currency}
    return _("Processes")


def _titled(text: str, currency: str) -> str:
    return f"{text} ({currency})" if currency else text
