"""The demo content loader: it builds the whole site on an empty database and never duplicates it.

The tests share the package's one load of the demo (``tests/demo/conftest.py``); each
runs in its own savepoint, so a test that changes data changes it only for itself.
"""

import re

from django.apps import apps
from django.utils import timezone, translation

import pypdf
import pytest

from countries.models import CountryIndexPage, CountryPage, PracticePage, ProcurementModule, Subregion
from events.models import EventPage
from network.models import HomePage, NetworkDocument, PageRole, StandardPage, TopicPage, TopicPriority
from news.models import NewsPage
from portals.models import Institution, Portal, PortalKind
from search.models import SearchEntry
from tests.demo.conftest import load_demo_content

APPS_WITH_CONTENT = ("wagtailcore", "wagtaildocs", "network", "countries", "events")
SEMINAR_III_SLUG = "iii-seminario-interamericano-de-compras-gubernamentales-electronicas"

pytestmark = pytest.mark.start_early


@pytest.fixture
def demo(demo_site, db) -> HomePage:
    return HomePage.objects.get()


def row_counts() -> dict[str, int]:
    """Rows of every table that content lives in, m2m link tables included."""
    return {
        model._meta.label: model._default_manager.count()
        for app_label in APPS_WITH_CONTENT
        for model in apps.get_app_config(app_label).get_models(include_auto_created=True)
    }


def seminar_iii() -> EventPage:
    return EventPage.objects.get(slug_es=SEMINAR_III_SLUG)


def test_loads_on_an_empty_database(demo):
    assert HomePage.objects.count() == 1
    assert CountryPage.objects.count() == 35


def test_second_run_creates_nothing(demo):
    before = row_counts()

    load_demo_content()

    assert row_counts() == before


def test_second_run_keeps_editors_changes(demo):
    chile = CountryPage.objects.get(iso_alpha2="CL")
    chile.intro_es = "Texto de un editor."
    chile.save_revision().publish()
    Portal.objects.filter(url="https://www.mercadopublico.cl").update(name_es="Nombre editado")

    load_demo_content()

    assert CountryPage.objects.get(iso_alpha2="CL").intro_es == "Texto de un editor."
    assert Portal.objects.get(url="https://www.mercadopublico.cl").name_es == "Nombre editado"


def test_menu_sections_in_order(demo):
    menu = demo.get_children().live().in_menu().specific()

    assert [page.slug_es for page in menu] == [
        "paises",
        "eventos",
        "datos-de-compras",
        "temas",
        "portales",
        "publicaciones",
        "noticias",
        "acerca-de-la-red",
    ]
    assert [page.slug_en for page in menu][:2] == ["countries", "events"]


def test_all_35_member_states_with_unique_codes_in_four_subregions(demo):
    countries = CountryPage.objects.child_of(CountryIndexPage.objects.get())

    assert countries.count() == 35
    assert len(set(countries.values_list("iso_alpha2", flat=True))) == 35
    assert len(set(countries.values_list("iso_alpha3", flat=True))) == 35
    by_subregion = {code: countries.filter(subregion=code).count() for code in Subregion.values}
    assert by_subregion == {"north-america": 3, "central-america": 7, "caribbean": 13, "south-america": 12}
    assert countries.get(iso_alpha2="GY").subregion == Subregion.SOUTH_AMERICA
    united_states = countries.get(iso_alpha3="USA")
    assert (united_states.slug_es, united_states.slug_en) == ("estados-unidos", "united-states")


def test_full_profiles_and_executive_committee(demo):
    committee = CountryPage.objects.filter(executive_committee=True)
    assert set(committee.values_list("iso_alpha2", flat=True)) == {"PE", "CR", "BR", "CL", "US"}
    assert CountryPage.objects.filter(member_since=2005).count() == 18

    for code in ("PE", "CR", "BR", "CL", "US", "EC", "MX"):
        profile = CountryPage.objects.get(iso_alpha2=code)
        assert profile.agency_name_es and profile.agency_name_en and profile.agency_url
        assert profile.system_name_es and profile.system_modules.exists()
        assert profile.laws.exists() and profile.body_es and profile.body_en

    ecuador = CountryPage.objects.get(iso_alpha2="EC")
    figure = ecuador.key_figures.get()
    assert (figure.value, figure.year) == (127163, 2021)
    assert ecuador.system_modules.filter(code="open-contracting-data").exists()
    assert ProcurementModule.objects.count() == 7


def test_topics_and_their_priorities(demo):
    priorities = dict(TopicPage.objects.values_list("slug_en", "priority"))

    assert len(priorities) >= 15
    highest = {slug for slug, priority in priorities.items() if priority == TopicPriority.HIGHEST}
    assert highest == {"competitive-sme-participation", "professional-development-and-training"}
    high = {slug for slug, priority in priorities.items() if priority == TopicPriority.HIGH}
    assert high == {
        "harmonization",
        "integration-with-financial-and-tax-systems",
        "public-private-partnerships",
    }
    assert not TopicPage.objects.filter(lead_countries__isnull=False).exists()
    for practice in PracticePage.objects.all():
        assert practice.topics.exists()


def test_third_seminar_with_its_agreements(demo):
    seminar = seminar_iii()

    assert (seminar.start_date.isoformat(), seminar.end_date.isoformat()) == ("2005-06-20", "2005-06-23")
    assert seminar.host_country.iso_alpha2 == "CL"
    assert seminar.participating_countries.count() == 18
    assert (seminar.participants_count, seminar.institutions_count) == (38, 2)
    assert set(seminar.organizing_institutions.values_list("acronym_en", flat=True)) == {"OAS", "ChileCompra"}
    assert seminar.sessions.filter(kind="workshop").count() == 4
    assert seminar.sessions.filter(kind="forum").count() == 7
    assert all(session.topics.exists() for session in seminar.sessions.all())

    first, second = seminar.agreements.order_by("sort_order")
    assert (first.number, second.number) == (1, 2)
    assert first.topics.count() == 5
    assert set(second.responsible_countries.values_list("iso_alpha2", flat=True)) == {
        "PE",
        "CR",
        "BR",
        "CL",
        "US",
    }


def pdf_text(document: NetworkDocument) -> str:
    with document.open_file() as file:
        return "\n".join(page.extract_text() for page in pypdf.PdfReader(file).pages)


def test_second_seminar_completed_from_the_third_seminars_record(demo):
    seminar = EventPage.objects.get(edition=2)

    assert (seminar.host_country.iso_alpha2, seminar.city_en) == ("BR", "São Paulo")
    assert seminar.report_es and seminar.report_en
    assert not seminar.participating_countries.exists()  # the record does not say who attended
    (priorities,) = seminar.agreements.all()
    assert set(priorities.topics.values_list("slug_en", flat=True)) >= {
        "competitive-sme-participation",
        "legal-framework",
        "digital-signature-and-security",
    }
    assert priorities.topics.count() == 12


def test_seminar_reports_are_real_pdfs_in_both_languages(demo):
    documents = NetworkDocument.objects.filter(event_links__page=seminar_iii())
    texts = {document.language: pdf_text(document) for document in documents}

    assert set(texts) == {"es", "en"}
    assert "Participaron 38 altos funcionarios de 18 países" in texts["es"]
    assert "It brought together 38 senior officials from 18 OAS member countries" in texts["en"]
    for document in documents:
        assert (document.kind, document.year) == ("report", 2005)
        assert document.countries.count() == 18 and document.topics.exists()


def test_ecuador_launch_event_news_and_portal(demo):
    launch = EventPage.objects.get(kind="web-conference")
    assert launch.start_date.isoformat() == "2021-12-15"
    assert set(launch.organizing_institutions.values_list("acronym_es", flat=True)) == {
        "CAF",
        "OCP",
        "MINTEL",
        "SERCOP",
    }

    news = NewsPage.objects.get(date="2021-12-15")
    assert list(news.countries.values_list("iso_alpha2", flat=True)) == ["EC"]
    assert news.topics.exists()
    assert NewsPage.objects.filter(date__year=2005).exists()

    open_data = Portal.objects.get(kind=PortalKind.OPEN_DATA)
    assert open_data.publishes_ocds and open_data.country.iso_alpha2 == "EC"
    assert Portal.objects.filter(kind=PortalKind.INITIATIVE).count() == 4
    assert Portal.objects.filter(kind=PortalKind.EPROCUREMENT).count() == 31
    for acronym in ("OEA", "ChileCompra", "GSA", "CCC", "CONSUCODE", "SERCOP", "CAF", "OCP", "MINTEL"):
        assert Institution.objects.filter(acronym_es=acronym).exists()


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_demo_page_renders(demo, client, language):
    """Every page the demo creates, in each language, renders with the other apps' templates."""
    pages = demo.get_descendants(inclusive=True).live().specific()
    failures = {}
    with translation.override(language):
        urls = [page.get_url() for page in pages]
    for url in urls:
        status = client.get(url).status_code
        if status != 200:
            failures[url] = status

    assert len(urls) > 60
    assert all(url.startswith(f"/{language}/") for url in urls)
    assert failures == {}


@pytest.mark.parametrize("url", ["/es/paises/chile/", "/en/countries/chile/"])
def test_country_profile_urls_in_both_languages(demo, client, url):
    response = client.get(url)

    assert response.status_code == 200
    assert "ChileCompra" in response.content.decode()


@pytest.mark.django_db
def test_no_date_of_the_demo_is_the_day_it_was_loaded(demo, client):
    """Practices, news and events carry their own dates, never the load's: no search facet for this
    year appears out of a load, and the event feed is dated by the events."""
    this_year = timezone.localdate().year
    assert not PracticePage.objects.filter(date__year=this_year).exists()
    assert SearchEntry.objects.exists()
    assert not SearchEntry.objects.filter(year=this_year).exists()
    feed = client.get("/en/feeds/events.rss").content.decode()
    assert "<pubDate>" in feed
    assert timezone.localdate().strftime("%d %b %Y") not in feed


@pytest.mark.django_db
def test_the_month_only_seminar_is_never_a_calendar_event(demo, client):
    seminar = EventPage.objects.get(only_month_known=True, start_date__year=2004)
    with translation.override("en"):
        url = seminar.get_url()
    html = client.get(url).content.decode()
    assert "/ical/" not in html
    assert client.get(url + "ical/").status_code == 404


PROFILE_SECTIONS = ("agency", "laws", "system", "portals", "contact")


def profile_sections(html: str) -> dict[str, str]:
    """Each section of a profile's HTML by its heading's id."""
    return {
        name: re.search(rf'<section aria-labelledby="{name}">.*?</section>', html, re.S).group(0)
        for name in PROFILE_SECTIONS
    }


def test_every_profile_reports_each_section_or_says_it_is_not_yet_reported(demo, client):
    """All 35 profiles: agency, laws, system, portals and contact point, each with its source and date,
    or "not yet reported"; nothing reported is left undated or unsourced."""
    countries = CountryPage.objects.live().prefetch_related("laws", "portals").order_by("iso_alpha2")
    reported_counts = dict.fromkeys(PROFILE_SECTIONS, 0)
    with_email = []
    with translation.override("en"):
        profiles = [(country, country.get_url()) for country in countries]
    for country, url in profiles:
        sections = profile_sections(client.get(url).content.decode())
        facts = {**country.reported(country.laws.all())}
        for name, html in sections.items():
            reported = bool(country.portals.all()) if name == "portals" else facts[name].reported
            assert ("Not yet reported." in html) is not reported, (country.iso_alpha2, name)
            reported_counts[name] += reported
            if reported and name != "portals":  # a portal's own address is its source
                assert facts[name].source and facts[name].as_of, (country.iso_alpha2, name)
                as_of = f'as of <time datetime="{facts[name].as_of.isoformat()}">'
                assert f'Source: <a href="{facts[name].source}" rel="external">' in html and as_of in html
        if email := country.contact_email:  # an institutional address is written out and can be clicked
            assert f'<a href="mailto:{email}">{email}</a>' in sections["contact"], country.iso_alpha2
            with_email.append(country.iso_alpha2)

    assert len(profiles) == 35
    assert reported_counts == {"agency": 32, "laws": 31, "system": 23, "portals": 29, "contact": 29}
    assert with_email == ["LC", "TT", "UY", "VC", "VE"]


def test_the_footer_links_to_every_identity_page_in_both_languages(demo, client):
    for language, about in (("es", "/es/acerca-de-la-red/"), ("en", "/en/about-the-network/")):
        response = client.get(f"/{language}/")
        html = response.content.decode()
        footer = re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)
        links = re.findall(r'<li><a href="([^"]+)">', footer)

        assert not response.cookies  # as the privacy notice says: no cookies for readers
        assert len(links) == len(PageRole.values) and links[0] == about
        for url in links:
            page = client.get(url)
            assert page.status_code == 200 and f'<html lang="{language}">' in page.content.decode(), url
        assert "CC BY 4.0" in footer and 'rel="license"' in footer


def test_the_about_page_tells_the_history_the_committee_and_how_to_take_part(demo):
    about = StandardPage.objects.get(role=PageRole.ABOUT)

    headings = [block.value["text"] for block in about.body_en if block.block_type == "heading"]
    assert headings == ["History", "Executive committee", "How a country takes part"]
    assert "All 35 OAS member states are members of the network" in str(about.body_en)
