"""A reader searches from the header box: without accents, with facets, mistyped, with the keyboard."""

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@dataclass(frozen=True)
class Journey:
    """One language's words for the same journey, as the demo content has them."""

    language: str
    home: str
    header_form: str  # the header search landmark
    search_box: str  # its box's label
    query: str  # typed without accents ...
    accented: str  # ... finds this word, highlighted in a snippet
    count: str  # the result count, for a number
    facets: str  # the facets' landmark
    facet_group: str
    facet: str
    remove_filter: str
    result: str  # a result left after the facet, then opened
    result_url: str
    result_heading: str
    typed: str  # typed without accents in the header box ...
    suggestions: str  # ... opens the list of suggestions so named, which ...
    suggestion: str  # ... offers this page
    suggestion_url: str
    mistyped: str  # a country mistyped in the header box ...
    country: str  # ... finds its profile first, the correction shown


SPANISH = Journey(
    language="es",
    home="/es/",
    header_form="Búsqueda en el sitio",
    search_box="Buscar en el sitio",
    query="licitacion",
    accented="licitación",
    count="{count} resultados para «licitacion»",
    facets="Afinar los resultados",
    facet_group="Tipo",
    facet="Perfil de país",
    remove_filter="Quitar el filtro Tipo: Perfil de país",
    result="Chile",
    result_url="/es/paises/chile/",
    result_heading="Chile",
    typed="electronico",
    suggestions="Sugerencias",
    suggestion="El pregón electrónico: subasta inversa en línea",
    suggestion_url="/es/paises/brasil/pregon-electronico/",
    mistyped="Guatamala",
    country="Guatemala",
)
ENGLISH = Journey(
    language="en",
    home="/en/",
    header_form="Site search",
    search_box="Search the site",
    query="pregao",
    accented="pregão",
    count="{count} result for “pregao”",
    facets="Refine the results",
    facet_group="Type",
    facet="Good practice",
    remove_filter="Remove filter Type: Good practice",
    result="The electronic pregão: an online reverse auction",
    result_url="/en/countries/brazil/electronic-pregao/",
    result_heading="The electronic pregão: an online reverse auction",
    typed="electronic",
    suggestions="Suggestions",
    suggestion="The electronic pregão: an online reverse auction",
    suggestion_url="/en/countries/brazil/electronic-pregao/",
    mistyped="Paraguy",
    country="Paraguay",
)
JOURNEYS = pytest.mark.parametrize("journey", [SPANISH, ENGLISH], ids=lambda journey: journey.language)


def header_search_box(page: Page, journey: Journey):
    """The header's search box, once its script has made it a combobox."""
    return page.get_by_role("search", name=journey.header_form).get_by_role(
        "combobox", name=journey.search_box
    )


def result_count(page: Page) -> int:
    return int(re.match(r"\d+", page.get_by_role("status").inner_text()).group())


def screenshot(page: Page, name: str, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


@JOURNEYS
def test_a_search_without_accents_narrowed_by_a_facet_opens_a_result(page: Page, journey: Journey):
    page.goto(journey.home)
    search_box = header_search_box(page, journey)
    search_box.press_sequentially(journey.query)
    search_box.press("Enter")

    # The results page, with the accented word highlighted in the snippets.
    expect(page).to_have_url(re.compile(rf"\?q={journey.query}$"))
    expect(page.locator("html")).to_have_attribute("lang", journey.language)
    expect(page.get_by_role("status")).to_contain_text(journey.query)
    snippets_marks = page.locator(".search-result__snippet mark")
    expect(snippets_marks.first).to_be_visible()
    assert journey.accented in snippets_marks.all_inner_texts()
    results = page.locator(".search-result")
    before = result_count(page)
    assert results.count() == min(before, 10)

    # A facet value, with the number of results it keeps.
    facets = page.get_by_role("complementary", name=journey.facets)
    group = facets.get_by_role("region", name=journey.facet_group, exact=True)
    value = group.get_by_role("listitem").filter(has=page.get_by_role("link", name=journey.facet, exact=True))
    kept = int(re.search(r"\((\d+)\)", value.inner_text()).group(1))
    assert kept < before
    value.get_by_role("link", name=journey.facet, exact=True).click()

    # Narrowed to the facet, which now shows as applied and can be removed.
    expect(page.get_by_role("status")).to_have_text(journey.count.format(count=kept))
    expect(results).to_have_count(min(kept, 10))
    expect(results.locator(".badge")).to_have_text([journey.facet] * min(kept, 10))
    expect(group.locator("[aria-current=true]")).to_have_text(journey.facet)
    expect(group.get_by_role("link", name=journey.facet, exact=True)).to_have_count(0)
    expect(facets.get_by_role("link", name=journey.remove_filter)).to_be_visible()
    expect(search_box).to_have_value(journey.query)

    # The reader opens a result and lands on it.
    page.locator(".search-results").get_by_role("link", name=journey.result, exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(journey.result_url) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(journey.result_heading)
    screenshot(page, f"search-journey-{journey.language}")

    # A mistyped country: its profile first, the correction shown, the words as typed a link away.
    search_box = header_search_box(page, journey)
    search_box.fill(journey.mistyped)
    search_box.press("Enter")
    correction = page.locator(".search-page__correction")
    expect(correction.locator("strong")).to_have_text(journey.country.lower())
    expect(correction.get_by_role("link")).to_have_attribute("href", re.compile(r"exact=1"))
    expect(page.locator(".search-result__title").first).to_have_text(journey.country)
    assert page.problems == []


@JOURNEYS
def test_an_autocomplete_suggestion_is_chosen_with_the_keyboard(page: Page, journey: Journey):
    page.goto(journey.home)
    search_box = header_search_box(page, journey)
    expect(search_box).to_have_attribute("aria-expanded", "false")
    search_box.press_sequentially(journey.typed)

    suggestions = page.get_by_role("listbox", name=journey.suggestions)
    expect(search_box).to_have_attribute("aria-expanded", "true")
    options = suggestions.get_by_role("option")
    wanted = options.filter(has_text=journey.suggestion)
    expect(wanted).to_have_count(1)
    expect(options.first).to_be_visible()
    titles = [option.inner_text() for option in options.all()]
    position = next(index for index, title in enumerate(titles) if journey.suggestion in title)

    for _ in range(position + 1):
        search_box.press("ArrowDown")
    expect(wanted).to_have_attribute("aria-selected", "true")
    expect(options.and_(page.locator("[aria-selected=true]"))).to_have_count(1)
    expect(search_box).to_have_attribute("aria-activedescendant", wanted.get_attribute("id"))
    expect(search_box).to_be_focused()

    screenshot(page, f"search-autocomplete-{journey.language}", full_page=False)
    search_box.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(journey.suggestion_url) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(journey.suggestion)
    assert page.problems == []
