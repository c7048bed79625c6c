"""No serious or critical WCAG 2.2 AA violations on any public page type, in either language (axe-core)."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

PUBLIC_PAGES = {
    "es": [
        "/es/",
        "/es/paises/",
        "/es/paises/chile/",
        "/es/paises/paraguay/",
        "/es/paises/brasil/pregon-electronico/",
        "/es/datos-de-compras/",
        "/es/datos-de-compras/metodologia/",
        "/es/datos-de-compras/comparar/?country=PY&country=CO&country=MX&country=CL",
        "/es/datos-de-compras/comparar/?country=PY",
        "/es/datos-de-compras/explorar/",
        "/es/datos-de-compras/explorar/py/?method=open&sort=-amount",
        "/es/eventos/",
        "/es/eventos/?kind=seminar",
        "/es/eventos/iii-seminario-interamericano-de-compras-gubernamentales-electronicas/",
        "/es/temas/",
        "/es/temas/participacion-competitiva-de-las-pymes/",
        "/es/portales/",
        "/es/publicaciones/",
        "/es/noticias/",
        "/es/noticias/nace-la-red-interamericana-de-compras-gubernamentales/",
        "/es/acerca-de-la-red/",
        "/es/paises/surinam/",  # a profile with nothing reported yet
        "/es/buscar/?q=contratacion+publica+pymes",
        "/es/buscar/?q=zzzzqqq",
        "/es/no-existe/",
    ],
    "en": [
        "/en/",
        "/en/countries/",
        "/en/countries/chile/",
        "/en/countries/mexico/",
        "/en/countries/brazil/electronic-pregao/",
        "/en/countries/practices/",
        "/en/procurement-data/",
        "/en/procurement-data/methodology/",
        "/en/procurement-data/compare/?country=PY&country=CO&country=MX&country=CA&country=CL&country=AR",
        "/en/countries/paraguay/",
        "/en/procurement-data/explore/",
        "/en/procurement-data/explore/py/?q=a&currency=PYG&min=1",
        "/en/events/",
        "/en/events/?kind=seminar",
        "/en/events/iii-inter-american-e-government-procurement-seminar/",
        "/en/topics/",
        "/en/topics/competitive-sme-participation/",
        "/en/portals/",
        "/en/publications/",
        "/en/news/",
        "/en/news/the-inter-american-government-procurement-network-is-born/",
        "/en/about-the-network/",
        "/en/privacy-notice/",  # an identity page linked from the footer
        "/en/search/?q=procurement+SMEs",
        "/en/search/?q=zzzzqqq",
        "/en/does-not-exist/",
    ],
}


def axe_violations(page: Page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        violation for violation in results["violations"] if violation["impact"] in ("serious", "critical")
    ]


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in violations
    )


@pytest.mark.parametrize(
    "path",
    [path for paths in PUBLIC_PAGES.values() for path in paths],
    ids=lambda path: path.strip("/") or "root",
)
def test_public_page_has_no_serious_accessibility_violations(axe_page: Page, path: str):
    axe_page.goto(path)
    violations = axe_violations(axe_page)
    assert not violations, describe(violations)


@pytest.mark.parametrize("width", [360, 768])
def test_narrow_screens_need_no_horizontal_scrolling(page: Page, width: int):
    page.set_viewport_size({"width": width, "height": 800})
    for path in (
        "/es/",
        "/es/paises/chile/",
        "/en/events/iii-inter-american-e-government-procurement-seminar/",
        "/en/portals/",
        "/en/search/?q=procurement",
    ):
        page.goto(path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"


@pytest.mark.parametrize(
    "path", ["/es/paises/paraguay/", "/en/procurement-data/compare/?country=PY&country=CO"]
)
def test_charts_and_comparison_break_no_content_security_rule(page: Page, path: str):
    refused: list[str] = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.goto(path)
    assert not refused, refused
    if "paises" in path:
        assert page.locator('figure.chart svg[role="img"]').count() > 0
        page.locator("figure.chart summary").first.click()
        assert page.locator("figure.chart table").first.is_visible()


EXPLORERS = ["/es/datos-de-compras/explorar/py/", "/en/procurement-data/explore/py/"]


@pytest.mark.parametrize("explorer", EXPLORERS)
def test_process_and_buyer_pages_have_no_serious_accessibility_violations(axe_page: Page, explorer: str):
    """A process and its buyer, reached as a reader does, from a country's explorer."""
    axe_page.goto(explorer)
    for link in (".process-table tbody th a", "dl.facts dd a"):
        axe_page.locator(link).first.click()
        # A click returns once the next page starts loading: axe must see it whole.
        axe_page.wait_for_load_state()
        expect(axe_page.locator("h1")).to_have_count(1)
        assert not (violations := axe_violations(axe_page)), describe(violations)
