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


def test_switching_language_keeps_the_events_filters(page: Page):
    """A reader who narrowed the events to a topic finds the same events, still narrowed, in English."""
    page.goto("/es/eventos/")
    topic = page.get_by_label("Tema", exact=True)
    chosen = topic.locator("option").nth(1).get_attribute("value")
    topic.select_option(chosen)
    page.get_by_role("button", name="Aplicar filtros").click()
    expect(page).to_have_url(re.compile(rf"/es/eventos/\?(.*&)?topic={chosen}"))
    events = page.locator("main h2, main h3").all_inner_texts()
    page.get_by_role("navigation", name="Idioma").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(rf"/en/events/\?(.*&)?topic={chosen}"))
    expect(page.get_by_label("Topic", exact=True)).to_have_value(chosen)
    assert len(page.locator("main h2, main h3").all_inner_texts()) == len(events)
    assert page.problems == []


def test_a_law_without_an_english_title_is_marked_spanish_on_the_english_profile(page: Page):
    """Chile's procurement regulation has no English title in the demo content: shown in Spanish,
    in an element whose language is Spanish, with the notice; the rest of the page stays English."""
    page.goto("/en/countries/chile/")
    laws = page.get_by_role("region", name="Legal framework")
    expect(laws.locator('tr[lang="es"]')).to_have_count(1)
    expect(laws.locator('tr[lang="es"] th')).to_have_text(re.compile(r"^Reglamento de la Ley 19\.886"))
    expect(page.get_by_role("note")).to_contain_text("not been fully translated into English")
    expect(page.locator("main")).not_to_have_attribute("lang", "es")
    assert page.problems == []


def test_a_country_opens_from_the_map(page: Page):
    page.goto("/es/paises/")
    page.get_by_role("group", name="Mapa de los Estados miembros").get_by_role("link", name="Chile").click()
    expect(page).to_have_url(re.compile(r"/es/paises/chile/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Chile")
    assert page.problems == []


def test_a_small_island_state_is_reachable_from_the_map_by_keyboard_and_the_breadcrumbs_lead_back(page: Page):
    page.goto("/en/countries/")
    link = page.get_by_role("group", name="Map of the member states").get_by_role("link", name="Barbados")
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/countries/barbados/$"))

    crumbs = page.get_by_role("navigation", name="Breadcrumb")
    expect(crumbs.get_by_role("listitem")).to_have_text(["Home", "Countries", "Barbados"])
    expect(crumbs.locator('[aria-current="page"]')).to_have_text("Barbados")
    main_menu = page.get_by_role("navigation", name="Main")
    expect(main_menu.locator("[aria-current]")).to_have_text("Countries")
    crumbs.get_by_role("link", name="Countries").click()
    expect(page).to_have_url(re.compile(r"/en/countries/$"))
    assert page.problems == []


def test_on_a_phone_without_script_the_menu_leads_to_a_practice_which_prints_without_the_sites_chrome(
    phone_page: Page,
):
    """375 px wide, JavaScript off: the menu is one "Menu" button that opens, and prints leave the
    navigation and footer out and write each link's address."""
    page = phone_page
    page.goto("/en/countries/chile/")
    main_menu = page.get_by_role("navigation", name="Main")
    practices = main_menu.get_by_role("link", name="Good practices")
    expect(practices).to_be_hidden()
    toggle = main_menu.locator("summary", has_text="Menu")
    assert toggle.bounding_box()["height"] < 60
    toggle.click()
    expect(practices).to_be_visible()
    practices.click()
    expect(page).to_have_url(re.compile(r"/en/countries/practices/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Good practices")

    page.get_by_role("link", name="The electronic pregão: an online reverse auction").click()
    crumbs = page.get_by_role("navigation", name="Breadcrumb")
    expect(crumbs.get_by_role("listitem")).to_have_text(
        ["Home", "Countries", "Brazil", "The electronic pregão: an online reverse auction"]
    )
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0

    page.emulate_media(media="print")
    for chrome in (
        main_menu,
        crumbs,
        page.locator(".site-footer"),
        page.get_by_role("search", name="Site search"),
    ):
        expect(chrome).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    country_link = page.locator("main article a", has_text="Brazil").first
    written_address = country_link.evaluate("link => getComputedStyle(link, '::after').content")
    assert "/en/countries/brazil/" in written_address
    assert page.problems == []


def test_a_reader_explores_mexicos_processes_and_compares_three_countries(page: Page):
    """From a profile to a filtered list of processes, one process, then three countries side by side."""
    page.goto("/es/paises/mexico/")
    page.get_by_role("link", name="Explorar los procesos de contratación").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("México")
    page.wait_for_load_state()
    all_rows = page.locator(".process-table tbody tr").count()

    filters = page.get_by_role("form", name="Filtrar los procesos")
    filters.get_by_label("Método de contratación").select_option("open")
    filters.get_by_label("Moneda").select_option("MXN")
    filters.get_by_label("Desde").fill("100000")
    filters.get_by_role("button", name="Aplicar filtros").click()
    expect(page).to_have_url(re.compile(r"method=open"))
    expect(page).to_have_url(re.compile(r"min=100000"))
    rows = page.locator(".process-table tbody tr")
    # The sample's open tenders above 100,000 pesos: three of its five processes.
    expect(rows).to_have_count(3)
    assert rows.count() < all_rows
    for method_cell in rows.locator("td:nth-child(4)").all_inner_texts():
        assert method_cell.startswith("Abierto")

    rows.first.locator("th a").click()
    expect(page.locator("dl.facts")).to_contain_text("Abierto")
    expect(page.get_by_role("heading", name="Cronología de las entregas de datos")).to_be_visible()

    page.goto("/es/datos-de-compras/comparar/")
    form = page.locator("form.comparison-form")
    for country in ("Paraguay", "Colombia", "México"):
        form.get_by_label(country, exact=True).check()
    form.get_by_role("button", name="Comparar").click()
    for code in ("PY", "CO", "MX"):
        expect(page).to_have_url(re.compile(rf"country={code}"))
    with page.expect_download() as download:
        page.get_by_role("link", name="Descargar la comparación (CSV)").click()
    table = download.value.path().read_text(encoding="utf-8-sig")
    for country in ("Paraguay", "Colombia", "México"):
        assert country in table
    assert page.problems == []
