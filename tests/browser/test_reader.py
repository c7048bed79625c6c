"""What a reader does with a mouse and a keyboard, in a real browser."""

import re

from playwright.sync_api import Page, expect

III_SEMINAR_ES = "/es/eventos/iii-seminario-interamericano-de-compras-gubernamentales-electronicas/"
III_SEMINAR_EN = "/en/events/iii-inter-american-e-government-procurement-seminar/"


def test_switching_language_on_an_event_lands_on_the_same_event(page: Page):
    page.goto(III_SEMINAR_ES)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_role("navigation", name="Idioma").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(re.escape(III_SEMINAR_EN) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "III Inter-American Seminar on E-Government Procurement"
    )
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Español").click()
    expect(page).to_have_url(re.compile(re.escape(III_SEMINAR_ES) + "$"))
    assert page.problems == []


def test_a_country_opens_from_the_map(page: Page):
    page.goto("/es/paises/")
    page.get_by_role("group", name="Mapa de los Estados miembros").get_by_role("link", name="Chile").click()
    expect(page).to_have_url(re.compile(r"/es/paises/chile/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Chile")
    assert page.problems == []


def test_a_small_island_state_is_reachable_from_the_map_by_keyboard(page: Page):
    page.goto("/en/countries/")
    link = page.get_by_role("group", name="Map of the member states").get_by_role("link", name="Barbados")
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/countries/barbados/$"))
