"""An editor changes a country profile in both languages; readers see it at once, cache or not."""

import re
import uuid
from pathlib import Path

from playwright.sync_api import Page, expect

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
COUNTRY = "Uruguay"
COUNTRY_ES = "/es/paises/uruguay/"
COUNTRY_EN = "/en/countries/uruguay/"


def test_an_editor_publishes_a_country_in_both_languages_and_readers_see_it(page: Page, spanish_page: Page):
    reader, editor = page, spanish_page
    mark = uuid.uuid4().hex[:8]
    intro_es = f"Uruguay compra a través de ARCE y de su portal de compras estatales (revisión {mark})."
    intro_en = f"Uruguay buys through ARCE and its state procurement portal (revision {mark})."

    # A reader sees the profile as it was, in both languages; the site caches both pages.
    for url in (COUNTRY_ES, COUNTRY_EN):
        reader.goto(url)
        expect(reader.get_by_role("heading", level=1)).to_have_text(COUNTRY)
        expect(reader.get_by_role("main")).not_to_contain_text(mark)

    # The editor signs in to the admin, which speaks Spanish to a Spanish browser.
    editor.goto("/admin/")
    editor.get_by_label("Nombre de usuario").fill("admin")
    editor.get_by_label(re.compile("Contraseña|Password")).fill("admin")
    editor.get_by_role("button", name="Iniciar sesión").click()
    expect(editor).to_have_title(re.compile("^Panel de control"))

    # On the public profile, the Wagtail user bar leads to the page's editor.
    editor.goto(COUNTRY_ES)
    editor.get_by_role("button", name="Ver acciones rápidas de Wagtail").click()
    editor.get_by_role("menuitem", name="Editar esta página").click()
    expect(editor).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(editor.get_by_role("heading", level=1)).to_contain_text(COUNTRY)

    # The Spanish fields show first; the English ones once their language is switched on.
    intro_field_en = editor.get_by_role("textbox", name="Introducción [en]", exact=True)
    expect(intro_field_en).to_be_hidden()
    editor.get_by_role("textbox", name="Introducción [es]", exact=True).fill(intro_es)
    editor.get_by_role("button", name="en", exact=True).click()
    expect(intro_field_en).to_be_visible()
    intro_field_en.fill(intro_en)

    editor.get_by_role("button", name="Más acciones").click()
    editor.get_by_role("button", name="Publicar", exact=True).click()
    expect(editor.get_by_text(f"Página '{COUNTRY}' ha sido publicada.")).to_be_visible()

    # A reader loading the pages again gets the new texts, not the cached pages.
    reader.goto(COUNTRY_ES)
    expect(reader.get_by_role("main").get_by_text(intro_es, exact=True)).to_be_visible()
    reader.get_by_role("navigation", name="Idioma").get_by_role("link", name="English").click()
    expect(reader).to_have_url(re.compile(re.escape(COUNTRY_EN) + "$"))
    expect(reader.get_by_role("main").get_by_text(intro_en, exact=True)).to_be_visible()
    expect(reader.get_by_role("main")).not_to_contain_text(intro_es)

    ARTIFACTS.mkdir(exist_ok=True)
    editor.screenshot(path=str(ARTIFACTS / "editor-journey-admin.png"), full_page=True)
    reader.screenshot(path=str(ARTIFACTS / "editor-journey-reader-en.png"), full_page=True)
    assert reader.problems == []


def test_a_country_editor_finds_their_country_on_the_dashboard(page: Page):
    # The local country editor of Uruguay (create_local_country_editor), in an English browser.
    page.goto("/admin/")
    page.get_by_label("Username").fill("uy")
    page.get_by_label("Password").fill("editor")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Red Interamericana de Compras Gubernamentales")
    expect(page.get_by_role("button", name=re.compile("Submit to"))).to_have_count(0)

    country = page.get_by_role("region", name="Your country")
    expect(country.get_by_role("heading", level=3)).to_have_text(COUNTRY)
    expect(country).to_contain_text("Complete in Spanish and English.")
    expect(country).to_contain_text("Nothing of your country awaits moderation.")
    country.get_by_role("link", name="Edit the profile").click()

    # The profile's form says what it lacks in each language, and offers Publish, not a workflow.
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.locator("[data-translation-status]")).to_have_text("Complete in Spanish and English.")
    page.get_by_role("button", name="More actions").click()
    expect(page.get_by_role("button", name="Publish", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Submit to"))).to_have_count(0)
    assert page.problems == []
