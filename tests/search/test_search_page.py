"""The search page through the real view, in both languages."""

import re

from django.core.files.base import ContentFile
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

import pytest

from contracting.importer import import_files
from contracting.models import Dataset
from countries.models import CountryPage
from network.models import NetworkDocument, StandardPage
from network.skeleton import ensure_child
from portals.models import Institution, Portal, PortalKind
from search.backends import base, get_search_engine
from search.glossary import concept_term
from search.indexing import rebuild
from search.models import GlossaryEntry, SearchEntry
from search.tasks import refresh_glossary_terms
from tests.contracting.conftest import package, release, write_json
from tests.search.conftest import paragraph, result_titles

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_site")]


def news_saying(site, text: str) -> str:
    """The title of the test site's news item, published with ``text`` as its English introduction."""
    site["news"].intro_en = text
    site["news"].save_revision().publish()
    return site["news"].title_en


def add_pages(site, pages: list[tuple[str, str, str]]) -> None:
    """Spanish pages under the home page, one (slug, title, text) each."""
    for slug, title, text in pages:
        ensure_child(site["home"], StandardPage, slug, title_es=title, body_es=paragraph(text))


def add_guide(filename: str) -> None:
    """An English document on Uruguay's framework agreements, in a file of that name, indexed."""
    NetworkDocument.objects.create(
        title="Framework agreements guide",
        language="en",
        file=ContentFile(b"How Uruguay's framework agreements work.", name=filename),
    )
    rebuild()


def search_url(language: str) -> str:
    with translation.override(language):
        return reverse("search")


titles = result_titles


def search(client, language: str, **params) -> str:
    response = client.get(search_url(language), params)
    assert response.status_code == 200
    return response.content.decode()


class TestAddresses:
    def test_search_lives_under_a_translated_path_in_each_language(self):
        assert search_url("es") == "/es/buscar/"
        assert search_url("en") == "/en/search/"

    def test_results_are_cached_until_content_changes(self, client, site, settings):
        settings.PAGE_CACHE_SECONDS = 600
        first = search(client, "en", q="seminar")
        assert "Inter-American Seminar 2023" in titles(first)
        with CaptureQueriesContext(connection) as queries:
            assert search(client, "en", q="seminar") == first
        assert len(queries) == 0
        site["seminar"].title_en = "Inter-American Seminar on e-procurement"
        site["seminar"].save_revision().publish()
        assert "Inter-American Seminar on e-procurement" in titles(search(client, "en", q="seminar"))

    def test_a_search_reads_the_glossary_once_whatever_steps_it_takes(self, client, site):
        """Searching as typed, correcting and leaving out an unknown word each use the glossary;
        its state is read once, with the index version (each step read it again before)."""
        glossary_table = GlossaryEntry._meta.db_table
        search(client, "en", q="seminar")  # the glossary's entries, read once per process
        with CaptureQueriesContext(connection) as queries:
            html = search(client, "en", q="wombat seminar tendr")
        assert "Results for <strong>wombat seminar tender</strong>" in html
        assert "No page contains “wombat”" in html
        assert len([query for query in queries if glossary_table in query["sql"]]) == 1

    def test_every_page_header_has_a_search_form_for_its_language(self, client, site):
        spanish = client.get("/es/").content.decode()
        english = client.get("/en/").content.decode()
        assert re.search(
            r'<form class="search-form site-search" role="search" method="get" action="/es/buscar/"', spanish
        )
        assert re.search(
            r'<form class="search-form site-search" role="search" method="get" action="/en/search/"', english
        )
        assert '<label class="visually-hidden" for="site-search-query">' in english
        assert '<input type="search" id="site-search-query" name="q"' in english


class TestMatching:
    def test_spanish_without_accents_and_with_plurals_finds_the_page(self, client, site):
        html = search(client, "es", q="contratacion publica pymes")
        assert titles(html)[0] == "Compras públicas para pymes"

    def test_numbers_written_out_and_in_digits_find_each_other(self, client, site):
        add_pages(
            site,
            [
                ("santiago", "Santiago", "Asistieron treinta y ocho altos funcionarios de dieciocho países."),
                ("informe", "Informe", "Participaron 38 altos funcionarios de 18 países."),
            ],
        )
        for query in ("38 funcionarios de 18 países", "treinta y ocho funcionarios de dieciocho países"):
            html = search(client, "es", q=query)
            assert sorted(titles(html)) == ["Informe", "Santiago"], query
        assert "<mark>dieciocho</mark>" in search(client, "es", q="18 países")

    def test_an_abbreviation_finds_the_word_written_out(self, client, site):
        add_pages(
            site,
            [
                ("guia", "Guía del departamento", "El departamento del gobierno publica sus pliegos."),
                ("pliegos", "Pliegos de la ciudad", "La ciudad publica sus pliegos."),
            ],
        )
        assert titles(search(client, "es", q="pliegos del depto del gob")) == ["Guía del departamento"]

    def test_english_stems_and_acronym_plurals(self, client, site):
        html = search(client, "en", q="procure SME")
        assert titles(html)[0] == "Public procurement for SMEs"

    def test_by_default_pages_only_in_the_other_language_are_found_and_marked(self, client, site):
        html = search(client, "en", q="adquisiciones sostenibles")
        assert titles(html) == ["Guía de adquisiciones sostenibles"]
        assert '<li class="search-result" lang="es">' in html
        assert "In Spanish" in html

    def test_by_default_words_of_the_other_language_find_the_page_in_the_readers_language(self, client, site):
        # "Seminario" is only in the Spanish version of a page that has an English one.
        html = search(client, "en", q="seminario interamericano")
        assert titles(html) == ["Inter-American Seminar 2023"]
        assert "In Spanish" not in html
        assert titles(search(client, "en", q="seminario interamericano", scope="all")) == [
            "Seminario Interamericano 2023"
        ]

    def test_a_page_found_through_its_translation_ranks_below_one_the_words_find_directly(self, client, site):

        ensure_child(
            site["home"],
            StandardPage,
            "boletin",
            title_es="Boletín",
            title_en="The Plataforma newsletter",
            intro_en="News from the network.",
        )
        # The news says "plataforma" only in Spanish; the newsletter's English title has the word.
        assert titles(search(client, "en", q="plataforma")) == [
            "The Plataforma newsletter",
            "Mexico launches its procurement platform",
        ]

    def test_every_language_finds_and_marks_the_other_language(self, client, site):
        html = search(client, "en", q="adquisiciones sostenibles", scope="all")
        assert titles(html) == ["Guía de adquisiciones sostenibles"]
        assert 'lang="es" hreflang="es">' in html
        assert "In Spanish" in html

    def test_every_language_shows_each_page_once_in_the_readers_language(self, client, site):
        html = search(client, "en", q="chile", scope="all")
        found = titles(html)
        assert found.count("Chile") == 1
        assert "In Spanish" not in html.split("Chile</a>")[0].rsplit("<li", 1)[-1]

    def test_phrase_search_requires_the_words_together(self, client, site):
        assert "Compras públicas para pymes" in titles(search(client, "es", q='"compras publicas"'))
        assert titles(search(client, "es", q='"publicas compras"')) == []

    def test_no_match_is_searched_again_with_the_closest_indexed_words(self, client, site):
        html = search(client, "es", q="licitacoines")
        assert "Compras públicas para pymes" in titles(html)
        assert "<strong>licitaciones</strong>" in html

    def test_partial_matches_need_most_of_the_words_and_say_so(self, client, site):
        # Two of the three words: the seminar (collusion in tenders) and the news (a platform for tenders).
        html = search(client, "es", q="colusión licitaciones plataforma")
        assert set(titles(html)) == {
            "Seminario Interamericano 2023",
            "México estrena su plataforma de compras",
        }
        assert 'class="search-page__partial"' in html
        assert titles(search(client, "es", q="colusión auditoría plataforma")) == []

    def test_a_few_complete_matches_are_followed_by_partial_ones(self, client, site):

        ensure_child(
            site["home"],
            StandardPage,
            "guia-de-pliegos",
            title_es="Guía de pliegos",
            intro_es="Pliegos tipo para las licitaciones publicadas en la plataforma.",
        )
        html = search(client, "es", q="licitaciones pliegos plataforma")
        # The guide has the three words; the practice (tenders, bidding documents) and the news
        # (a platform for tenders) two of them each.
        assert titles(html)[0] == "Guía de pliegos"
        assert set(titles(html)[1:]) == {
            "Compras públicas para pymes",
            "México estrena su plataforma de compras",
        }
        assert html.count('class="search-page__partial"') == 1
        assert '<ol class="search-results__list" start="2">' in html
        # Three are still few: pages that name every subject (a seminar's sessions, its report)
        # are no reason to hide the page that answers most of the words.
        for number in (2, 3):
            ensure_child(
                site["home"],
                StandardPage,
                f"guia-{number}",
                title_es=f"Guía {number}",
                intro_es="Licitaciones en la plataforma, con sus pliegos.",
            )
        html = search(client, "es", q="licitaciones pliegos plataforma")
        assert len(titles(html)) == 5
        assert '<ol class="search-results__list" start="4">' in html

    def test_the_words_in_the_typed_order_rank_first(self, client, site):

        # The same words, the newer page (first among equals) with them apart.
        for slug, title, intro in (
            ("aviso-a", "Aviso A", "El registro de proveedores abre en marzo."),
            ("aviso-b", "Aviso B", "Proveedores: el registro abre en marzo."),
        ):
            ensure_child(site["home"], StandardPage, slug, title_es=title, intro_es=intro)
        assert titles(search(client, "es", q="registro de proveedores")) == ["Aviso A", "Aviso B"]

    def test_a_profile_is_found_by_the_labels_of_its_facts(self, client, site):
        # Chile's agency is "Public Procurement Directorate": the word "agency" is only its label.
        html = search(client, "en", q="agency Chile")
        assert titles(html)[0] == "Chile"
        # The only complete match: Chile's other pages follow as partial ones.
        assert '<ol class="search-results__list" start="2">' in html
        html = search(client, "es", q="19.886")
        assert '<span class="search-result__field">Leyes:</span>' in html

    def test_a_profile_is_found_by_its_subregion_in_either_language(self, client, site):
        # No profile names its region; readers ask by it.
        assert titles(search(client, "es", q="compras en América del Sur"))[0] == "Chile"
        assert titles(search(client, "en", q="procurement in South America"))[0] == "Chile"
        mexico = site["mexico"]
        mexico.subregion = "central-america"
        mexico.save_revision().publish()
        assert titles(search(client, "es", q="compras en Centroamérica")) == ["México"]

    def test_a_profile_is_found_by_its_contact_as_the_page_shows_it(self, client, site):
        chile = site["chile"]
        chile.contact_name = "Mesa de Ayuda ChileCompra"
        chile.contact_role_en = "the help desk for registered suppliers"
        chile.save_revision().publish()
        html = search(client, "en", q="Mesa de Ayuda ChileCompra")
        assert titles(html)[0] == "Chile"
        assert '<span class="search-result__field">Contact:</span>' in html
        assert titles(search(client, "en", q="help desk for registered suppliers"))[0] == "Chile"

    def test_a_word_no_page_has_is_left_out_and_named(self, client, site):
        html = search(client, "es", q="pliegos de licitaciones para pymes en Wombatia")
        assert titles(html)[0] == "Compras públicas para pymes"
        assert "Ninguna página contiene “Wombatia”" in html
        assert 'class="search-page__partial"' not in html

    def test_pronouns_prepositions_and_empty_nouns_are_no_words_a_page_must_have(self, client, site):
        # As "mi", "su" and "entre" were already: "mis", "between", "across", "mediante" are left
        # out like them, and the nouns that name nothing ("things", "cosas"), and "vs".
        for language, query, title in (
            ("es", "los pliegos de mis licitaciones", "Compras públicas para pymes"),
            ("es", "licitaciones mediante pliegos", "Compras públicas para pymes"),
            ("es", "cosas de licitaciones y pliegos", "Compras públicas para pymes"),
            ("en", "tenders between enterprises", "Public procurement for SMEs"),
            ("en", "tenders across enterprises", "Public procurement for SMEs"),
            ("en", "things enterprises tender", "Public procurement for SMEs"),
            # A comparison's "vs" joins the two things compared.
            ("es", "licitaciones vs pliegos", "Compras públicas para pymes"),
            ("en", "tenders versus enterprises", "Public procurement for SMEs"),
        ):
            html = search(client, language, q=query)
            assert titles(html) == [title], query
            assert "Ninguna página contiene" not in html and "No page contains" not in html

    def test_a_query_mostly_of_words_no_page_has_keeps_its_empty_list(self, client, site):
        for query in ("licitaciones wombat", "receta de wombat con quinoa y pymes", "wombat 2023"):
            html = search(client, "es", q=query)
            assert titles(html) == [], query
            assert 'class="search-page__no-answer"' in html

    def test_an_acronym_no_page_has_is_what_the_query_asks(self, client, site):
        """Typed in lower case, "wto" is a word no page has beside two the site knows, and is left
        out; in capitals it is the name of what is asked (the WTO's), which no page has, and is
        neither left out nor corrected."""
        found = titles(search(client, "es", q="wto licitaciones para pymes"))
        assert found[0] == "Compras públicas para pymes"
        for query in ("WTO licitaciones para pymes", "licitaciones para pymes del BIDX"):
            html = search(client, "es", q=query)
            assert titles(html) == [], query
            assert 'class="search-page__no-answer"' in html
            assert "Quizás quiso decir" not in html and "Resultados de" not in html

    def test_words_most_pages_have_do_not_count_as_what_a_query_asks(self, client, site):
        """ "públicas" says nothing of which page is wanted: beside a word no page has, "pymes" alone
        is half of what the query asks, and it keeps its empty list."""
        html = search(client, "es", q="wombat para pymes públicas")
        assert titles(html) == []
        assert 'class="search-page__no-answer"' in html
        assert titles(search(client, "es", q="wombat de licitaciones para pymes públicas"))[0] == (
            "Compras públicas para pymes"
        )

    def test_an_expression_of_the_glossary_counts_as_one_known_thing(self, client, site):
        # "compras públicas" names one thing, "salario" another that no page has: half the query is unknown.
        GlossaryEntry.objects.create(spanish="compras públicas", english="public procurement")
        html = search(client, "es", q="salario de las compras públicas")
        assert titles(html) == []
        assert 'class="search-page__no-answer"' in html
        assert titles(search(client, "es", q="salario de las compras públicas para pymes"))[0] == (
            "Compras públicas para pymes"
        )

    def test_a_rare_word_weighs_more_than_a_common_one(self, client, site):
        """Two pages of the same length have both words, apart: one repeats the word many pages have,
        the other, newer, the word few have, which is what the query is about. bm25 weighs words by
        their rarity; PostgreSQL's ts_rank on its own does not, and had the pages level."""
        add_pages(site, [(f"informe-{n}", f"Informe {n}", "Las compras del trimestre.") for n in range(8)])
        add_pages(
            site,
            [
                ("nota-b", "Nota B", "Compras anuales. Auditoría, auditoría y más auditoría del trimestre."),
                ("nota-a", "Nota A", "Auditoría anual. Compras, compras y más compras del trimestre."),
            ],
        )
        assert titles(search(client, "es", q="auditoría compras"))[:2] == ["Nota B", "Nota A"]

    def test_a_word_with_many_expressions_weighs_as_much_as_a_plain_word(self, client, site):
        """The online store's page is about the store and names suppliers; the newer suppliers' page
        names the store in passing. The store is the rarer of the query's two things and decides.
        PostgreSQL's ts_rank divided a clause's rank by its lexemes: with eight expressions in the
        glossary, the store weighed an eighth of "proveedores" and the suppliers' page came first."""
        GlossaryEntry.objects.create(
            spanish="tienda virtual, catálogo electrónico, góndola digital, vitrina en línea, mercado web",
            english="online store, e-catalogue, digital shelf, online showcase, digital marketplace",
        )
        add_pages(
            site,
            [(f"boletin-{n}", f"Boletín {n}", "Noticias para los proveedores del mes.") for n in range(8)],
        )
        add_pages(
            site,
            [
                ("catalogo", "Catálogo electrónico", "Las entidades compran aquí a sus proveedores."),
                (
                    "proveedores",
                    "Proveedores",
                    "Registro de empresas, que venden por el catálogo electrónico.",
                ),
            ],
        )
        assert titles(search(client, "es", q="tienda virtual proveedores"))[:2] == [
            "Catálogo electrónico",
            "Proveedores",
        ]

    def test_a_section_heading_weighs_more_than_a_word_in_passing(self, client, site):
        """Three pages of the same words say "auditoría" once: two head a section with it (a heading
        block, a rich-text heading), which is what that section is about; the newest says it in
        passing, and would come first among equals."""
        text = "La agencia publica sus compras y sus contratos cada mes en el portal."
        for slug, title, body in (
            ("organizacion", "Organización", [("heading", {"text": "Auditoría", "level": "h2"})]),
            ("manual", "Manual", [("paragraph", "<h3>Auditoría</h3>")]),
            ("informe-anual", "Informe anual", paragraph("Auditoría")),
        ):
            ensure_child(site["home"], StandardPage, slug, title_es=title, body_es=[*body, *paragraph(text)])
        found = titles(search(client, "es", q="auditoría"))
        assert set(found[:2]) == {"Organización", "Manual"}
        assert found[2] == "Informe anual"
        # A heading's level is no word of the page.
        assert titles(search(client, "es", q="nivel")) == []

    def test_the_words_of_an_expression_no_page_has_are_not_unknown(self, client, site):
        """No page has "plataforma de pymes", but pages have "plataforma" and "pymes": its words are
        not left out as words the site never uses, and the page on the other expression answers
        part of the query."""
        GlossaryEntry.objects.create(spanish="plataforma de pymes", english="SME platform")
        GlossaryEntry.objects.create(spanish="colusión en licitaciones", english="bid rigging")
        html = search(client, "es", q="colusión en licitaciones y plataforma de pymes")
        assert titles(html) == ["Seminario Interamericano 2023"]
        assert 'class="search-page__partial"' in html
        assert "Ninguna página contiene" not in html

    def test_an_expression_with_a_word_no_page_has_is_unknown_as_a_whole(self, client, site):
        """ "plataforma Wombat" names one thing, which no page has: the news item on a platform for
        tenders is no answer, and beside it only "licitaciones" is known, so the query keeps its
        empty list."""
        GlossaryEntry.objects.create(spanish="plataforma Wombat", english="Wombat platform")
        assert titles(search(client, "es", q="licitaciones en la plataforma")) == [
            "México estrena su plataforma de compras"
        ]
        html = search(client, "es", q="licitaciones en la plataforma Wombat")
        assert titles(html) == []
        assert 'class="search-page__no-answer"' in html

    def test_words_a_large_share_of_the_site_has_rank_without_being_required(self, client, site, monkeypatch):
        GlossaryEntry.objects.create(
            spanish="compras públicas, compras gubernamentales, contratación pública",
            english="public procurement, government procurement",
        )
        ensure_child(
            site["home"],
            StandardPage,
            "asociaciones-publico-privadas",
            title_es="Asociaciones público-privadas",
            intro_es="Contratos de largo plazo en que el Estado y las empresas comparten riesgos.",
        )
        for slug, title in (
            ("plan-anual", "Plan anual de compras públicas"),
            ("reclamos", "Reclamos en las compras públicas"),
            ("estadisticas", "Estadísticas de compras públicas"),
            ("catalogo", "Catálogo de compras públicas"),
            ("glosario", "Glosario de compras públicas"),
        ):
            ensure_child(site["home"], StandardPage, slug, title_es=title)
        query = "los riesgos en las compras públicas"
        # On a site this small no word is common: both are required, no page has both, and the
        # pages with "compras públicas", most of the words, are partial matches; "riesgos" alone
        # is none.
        html = search(client, "es", q=query)
        assert 'class="search-page__partial"' in html
        assert "Plan anual de compras públicas" in titles(html)
        assert "Asociaciones público-privadas" not in titles(html)
        # Over a quarter of the entries speak of public procurement: the page that never says it answers.
        monkeypatch.setattr(base, "COMMON_MINIMUM", 1)
        assert titles(search(client, "es", q=query))[0] == "Asociaciones público-privadas"
        # With words of their own, the entries with the common words too rank first.
        found = titles(search(client, "es", q="pymes compras públicas"))
        assert found[0] == "Compras públicas para pymes"

    def test_a_question_is_searched_without_the_words_that_frame_it(self, client, site):
        news = {
            "es": "México estrena su plataforma de compras",
            "en": "Mexico launches its procurement platform",
        }
        # No page says "work" or "usan": asked as questions, the platform's news answers.
        for language, question, words in (
            ("en", "how does the platform work?", "platform work"),
            ("es", "¿quiénes usan la plataforma?", "usan plataforma"),
            # Without a question mark, a question may begin with a preposition.
            ("en", "since when does the platform work", "platform work"),
            ("es", "desde cuándo usan la plataforma", "usan plataforma"),
            # Nor "happened": what happened somewhere is what its pages tell.
            ("en", "what happened with the platform?", "happened platform"),
            ("es", "¿qué pasó con la plataforma?", "pasó plataforma"),
            # Nor "hago" (¿cómo hago para…?) and "parte", "part" (¿qué países forman parte…?).
            ("es", "¿cómo hago con la plataforma?", "hago plataforma"),
            ("es", "¿es parte de la plataforma?", "parte plataforma"),
            ("en", "is it part of the platform?", "part platform"),
            # Nor "runs"; and "any", "cada" say nothing of any subject.
            ("en", "who runs any platform?", "runs any platform"),
            ("es", "¿cada plataforma funciona?", "cada plataforma funciona"),
            # Nor "see", "ver" (¿dónde puedo ver…?), now that "take part" keeps its "part".
            ("en", "where can I see the platform?", "see platform"),
            ("es", "¿dónde puedo ver la plataforma?", "ver plataforma"),
        ):
            assert titles(search(client, language, q=question))[0] == news[language]
            assert titles(search(client, language, q=words)) == [], words
        # Nor do the time it is asked in and who "handles" what: with a country, no reason to
        # empty the list.
        for language, question in (
            ("en", "what did Mexico launch today?"),
            ("es", "¿qué estrena hoy México?"),
            ("en", "who handles the platform in Mexico?"),
            ("es", "¿quién maneja la plataforma en México?"),
        ):
            assert titles(search(client, language, q=question))[0] == news[language]
        # Nor what "governs" it, which would otherwise be any page that says "government".
        ensure_child(
            site["home"],
            StandardPage,
            "gobierno",
            title_es="Plataformas del gobierno",
            title_en="Government platforms",
            intro_es="Plataformas del gobierno de México.",
            intro_en="Government platforms in Mexico.",
        )
        for language, question in (
            ("en", "what governs the platform in Mexico?"),
            ("es", "¿qué rige la plataforma en México?"),
        ):
            assert titles(search(client, language, q=question))[0] == news[language]

    def test_a_word_that_frames_a_question_stays_within_a_glossary_expression(self, client, site):
        add_pages(
            site,
            [
                ("licencia", "Licencia del contenido", "Los textos del sitio tienen una licencia abierta."),
                ("temario", "Contenido del seminario", "El contenido de cada sesión del seminario."),
            ],
        )
        GlossaryEntry.objects.create(
            spanish="licencia del contenido\nusar el contenido", english="content licence"
        )
        rebuild()
        # "usar" frames "¿puedo usar la plataforma?"; here it is part of what is asked.
        assert titles(search(client, "es", q="¿puedo usar el contenido?")) == ["Licencia del contenido"]

    def test_an_agent_noun_finds_its_verb_whether_or_not_the_glossary_has_it(self, client, site):
        news = news_saying(site, "Who buys through the platform, and how.")
        # Exactly as typed: no page has "buyers", which would otherwise be corrected to "buys".
        assert titles(search(client, "en", q="platform buyers", exact=1)) == [news]
        # The glossary's word is asked by its equivalents' concept terms: the verb stays beside them.
        GlossaryEntry.objects.create(spanish="compradores públicos", english="buyers, public buyers")
        refresh_glossary_terms.call()
        assert titles(search(client, "en", q="platform buyers", exact=1)) == [news]

    def test_british_spellings_find_american_ones_and_the_reverse(self, client, site):
        news = news_saying(site, "The network's organization was institutionalized in 2005.")
        for query in ("organisation", "institutionalised network", "institutionalisation"):
            assert titles(search(client, "en", q=query)) == [news], query
        news = news_saying(site, "A centralised purchasing organisation.")
        assert titles(search(client, "en", q="centralized organization")) == [news]

    def test_us_in_capitals_is_the_united_states_and_us_dollars_are_not(self, client, site):
        GlossaryEntry.objects.create(spanish="Estados Unidos", english="United States")
        news = news_saying(site, "Tenders are priced in US$ and euros.")
        assert titles(search(client, "en", q="US tenders")) == []
        news_saying(site, "The United States publishes its tenders.")
        for query in ("US tenders", "U.S. tenders", "tenders in the US"):
            assert titles(search(client, "en", q=query)) == [news], query
        # In small letters it is the pronoun: "tell us" asks for tenders only.
        assert news in titles(search(client, "en", q="tenders for us"))
        assert len(titles(search(client, "en", q="tenders for us"))) > 1

    def test_a_page_whose_title_is_what_was_typed_comes_first(self, client, site):
        news = news_saying(site, "Mexico, Mexico and Mexico: open data from Mexico for Mexico's buyers.")
        assert titles(search(client, "en", q="Open data"))[0] == "Open data"
        for query in ("mexico", "MÉXICO"):
            assert titles(search(client, "en", q=query))[:2] == ["Mexico", news], query
        # A title typed with a word missing is not the title.
        assert titles(search(client, "en", q="launches procurement platform"))[0] == news

    def test_words_in_the_typed_order_in_the_other_version_count_as_in_the_readers(self, client, site):
        # Uruguay's agency, typed by its Spanish name on the English site: Chile's Spanish profile
        # has it word for word, Mexico's English one has every word, apart.
        site["chile"].intro_es = "La agencia reguladora de compras estatales fija las reglas."
        site["chile"].save_revision().publish()
        site["mexico"].intro_en = (
            "Mexico's federal compras follow rules: the reguladora of each ministry, an agencia that"
            " audits tenders, publishes reports de control over its estatales and their suppliers."
        )
        site["mexico"].save_revision().publish()
        found = titles(search(client, "en", q="agencia reguladora de compras estatales"))
        assert found[:2] == ["Chile", "Mexico"]

    def test_a_page_whose_other_version_is_titled_as_typed_comes_first(self, client, site):
        for slug, title_es, title_en, intro_en in (
            ("quienes-somos", "Quiénes somos", "About the network", "Who we are."),
            ("historia", "Historia", "The network of networks", "A network of networks of the network."),
        ):
            ensure_child(
                site["home"], StandardPage, slug, title_es=title_es, title_en=title_en, intro_en=intro_en
            )
        # The English title on the Spanish site: the page, shown in Spanish, first.
        assert titles(search(client, "es", q="About the network"))[:2] == ["Quiénes somos", "Historia"]

    def test_a_misspelt_word_is_corrected_rather_than_left_out(self, client, site):
        html = search(client, "es", q="pliegos licitacoines pymes")
        assert titles(html)[0] == "Compras públicas para pymes"
        assert "<strong>pliegos licitaciones pymes</strong>" in html

    def test_a_named_country_outweighs_the_generic_words_of_a_question(self, client, site):
        found = titles(search(client, "en", q="where does Mexico publish its tenders?"))
        assert found[0] == "Mexico"
        # Every partial match is about Mexico or names it: not Chile's practice, whose tenders are Chile's.
        assert "Public procurement for SMEs" not in found

    def test_two_words_one_a_country_no_page_has_together_list_the_countrys_pages(self, client, site):
        # No page speaks of the law and Mexico together: Mexico's pages that name it follow.
        html = search(client, "es", q="ley México")
        assert titles(html)[0] == "México"
        assert "Chile" not in titles(html)
        assert 'class="search-page__partial"' in html
        # Misspelt, the country is corrected first.
        html = search(client, "es", q="ley Mexcio")
        assert titles(html)[0] == "México"
        assert "<strong>ley mexico</strong>" in html
        # A word no page has is not a partial match of the country's name alone.
        assert titles(search(client, "es", q="elecciones México")) == []
        # The complete matches come first: Chile's practice has both words.
        html = search(client, "es", q="pliegos Chile")
        assert titles(html)[:2] == ["Compras públicas para pymes", "Chile"]
        assert '<ol class="search-results__list" start="2">' in html

    @pytest.mark.parametrize(
        "language, query, found",
        [
            ("es", "colusión del gobierno", "Seminario Interamericano 2023"),
            ("en", "government collusion", "Inter-American Seminar 2023"),
        ],
    )
    def test_a_generic_word_ranks_without_being_required(self, client, site, language, query, found):
        """On a site about how governments buy, "government" is no reason to leave a page out."""
        ensure_child(
            site["home"],
            StandardPage,
            "gobierno-abierto",
            title_es="Gobierno abierto",
            title_en="Open government",
            intro_es="El gobierno publica sus datos.",
            intro_en="The government publishes its data.",
        )
        assert titles(search(client, language, q=query)) == [found]

    @pytest.mark.parametrize(
        "language, query, found",
        [
            ("es", "perfil de país ChileCompra", "Chile"),
            ("en", "countries reformed", "Mexico"),
            ("es", "eventos en Lima", "Seminario Interamericano 2023"),
            ("en", "good practice SMEs", "Public procurement for SMEs"),
            ("es", "noticias plataforma", "México estrena su plataforma de compras"),
        ],
    )
    def test_a_word_for_a_kind_of_page_finds_the_pages_of_that_kind(
        self, client, site, language, query, found
    ):
        """Profiles never call themselves "país": "¿qué países usan…?" is answered by them."""
        assert titles(search(client, language, q=query))[:1] == [found]

    @pytest.mark.parametrize(
        "language, query, seminar",
        [
            ("en", "host country Mexico", "Inter-American Seminar 2023"),
            ("es", "país anfitrión México", "Seminario Interamericano 2023"),
        ],
    )
    def test_an_event_is_found_by_the_labels_of_its_facts(self, client, site, language, query, seminar):
        """The seminar names Mexico as its host, and says "host" nowhere else: it has every word."""
        html = search(client, language, q=query)
        assert titles(html)[0] == seminar
        assert "search-page__partial" not in html.split(seminar)[0]

    @pytest.mark.parametrize(
        "language, query, profile",
        [
            ("es", "¿cuántas licitaciones publica México?", "México"),
            ("en", "how many tenders does Mexico publish?", "Mexico"),
            ("es", "¿cuántas plataformas tiene México?", "México"),
            ("en", "how many platforms does Mexico have?", "Mexico"),
        ],
    )
    def test_a_question_asking_for_a_figure_is_not_answered_by_the_countrys_pages(
        self, client, site, language, query, profile
    ):
        """Other pages may have its words; the profile, which has only the country's name, does not
        answer how many."""
        assert profile not in titles(search(client, language, q=query))
        # Asked about how the country buys, its profile answers.
        assert titles(search(client, "en", q="where does Mexico publish its tenders?"))[0] == "Mexico"

    def test_a_question_asking_for_a_countrys_figure_has_no_partial_matches(self, client, site):
        """A page with most of its words does not give the figure; one of the network's own may."""
        for slug, title, intro in (
            ("cifras", "Figures", "Mexico publishes its procurement figures every year."),
            ("auditorias", "Audits", "Audits of the platform."),
        ):
            ensure_child(site["home"], StandardPage, slug, title_es=title, title_en=title, intro_en=intro)
        # "Figures" has three of the four words, "Audits" the fourth.
        html = search(client, "en", q="how many audits does Mexico publish each year?")
        assert "Figures" not in titles(html)
        assert 'class="search-page__partial"' not in html
        assert "Figures" in titles(search(client, "en", q="which audits does Mexico publish each year?"))
        members = ensure_child(
            site["home"],
            StandardPage,
            "miembros",
            title_es="Miembros",
            title_en="Members",
            intro_en="The network's member countries meet every year.",
        )[0]
        html = search(client, "en", q="how many member countries does the network count?")
        assert titles(html)[0] == members.title_en
        assert 'class="search-page__partial"' in html

    def test_a_correction_keeps_the_rest_of_the_text_as_typed(self, client, site):
        html = search(client, "es", q="¿Dónde publica Mexcio sus licitaciones?")
        assert titles(html)[0] == "México"
        assert "<strong>¿Dónde publica mexico sus licitaciones?</strong>" in html

    @pytest.mark.parametrize("language, query", [("en", "como compra Mexico"), ("es", "how does Chile buy")])
    def test_a_country_s_page_found_in_both_languages_is_listed_once(self, client, site, language, query):
        """Typed in the other language, the question finds the profile's other version, and the
        profile answers it as the country it names: one entry, listed once."""
        found = titles(search(client, language, q=query))
        assert found and len(found) == len(set(found))

    def test_a_partial_match_needs_a_word_that_is_not_common(self, client, site, monkeypatch):
        reports = [f"Annual report {number}" for number in range(4)]
        for number, title in enumerate(reports):
            ensure_child(
                site["home"],
                StandardPage,
                f"report-{number}",
                title_es=f"Informe {number}",
                title_en=title,
                intro_en="On the registry.",
            )
        ensure_child(
            site["home"],
            StandardPage,
            "zebra",
            title_es="Cebra",
            title_en="Zebra",
            intro_en="Zebra crossings.",
        )
        query = "annual registry zebra"
        # No page has the three words: the reports, with two of them, are partial matches.
        assert sorted(titles(search(client, "en", q=query))) == reports
        # Once the reports' words are common, they share with the query only what most pages say:
        # the page with the word that tells what was asked answers.
        monkeypatch.setattr(base, "COMMON_MINIMUM", 1)
        assert titles(search(client, "en", q=query)) == ["Zebra"]

    def test_a_country_is_not_the_answer_to_a_question_with_a_word_no_page_has_left_out(self, client, site):
        ensure_child(
            site["home"],
            StandardPage,
            "presupuesto",
            title_es="Presupuesto",
            intro_es="Presupuesto y tesorería.",
        )
        # "zorglub" is no page's word: the question is searched without it, and México's profile,
        # which has none of the others, is no answer to it.
        html = search(client, "es", q="presupuesto tesorería zorglub México")
        assert "México" not in titles(html)
        # Without the word no page has, the country's pages are what a reader asking about it wants.
        assert titles(search(client, "es", q="presupuesto tesorería México"))[0] == "México"

    def test_a_question_naming_a_country_with_a_word_no_page_has_shows_no_list(self, client, site):
        # The country's name says where; the word no page has says the site is not what is asked.
        for language, query in (
            ("en", "where does Mexico publish its wombats?"),
            ("es", "resultados de las elecciones en México"),
            ("en", "wombat vaccines in Chile"),
        ):
            html = search(client, language, q=query)
            assert titles(html) == [], query
            assert 'class="search-page__no-answer"' in html

    def test_a_country_and_the_sites_common_words_answer_despite_one_word_no_page_has(
        self, client, site, monkeypatch
    ):
        # "zorglub" is no page's word and "procurement platform" is what a large share of the
        # pages say: the question is about Mexico's platform, not about something the site lacks.
        monkeypatch.setattr(base, "COMMON_MINIMUM", 1)
        question = "when did Mexico zorglub its procurement platform?"
        assert "Mexico launches its procurement platform" in titles(search(client, "en", q=question))[:2]
        # Without the common words, or with only a generic one, the country is still no answer.
        assert titles(search(client, "es", q="resultados de las elecciones en México")) == []
        news_saying(site, "The government of Mexico publishes its tenders.")
        assert titles(search(client, "en", q="government elections in Mexico")) == []

    def test_a_subject_the_glossary_names_and_no_page_has_is_not_left_out(self, client, site):
        news = news_saying(site, "The registry lists every contractor.")
        # An unknown word the glossary does not know may be the reader's own wording: the other
        # words answer.
        assert titles(search(client, "en", q="zorglub contractors list")) == [news]
        # One it knows names a subject of its own: the site has no page on debarment.
        GlossaryEntry.objects.create(spanish="inhabilitado, inhabilitación", english="debarred, debarment")
        html = search(client, "en", q="debarred contractors list")
        assert titles(html) == []
        assert 'class="search-page__no-answer"' in html

    def test_a_partial_match_has_the_ordinal_asked_for(self, client, site):
        GlossaryEntry.objects.create(spanish="III, tercer", english="third, 3rd")
        GlossaryEntry.objects.create(spanish="IV, cuarto", english="fourth, 4th")
        third = news_saying(site, "The agenda of the third seminar.")
        ensure_child(site["home"], StandardPage, "meeting", title_es="Reunión", title_en="Fourth meeting")
        # The third seminar's agenda has two words of three, but not the one that says which.
        html = search(client, "en", q="agenda of the fourth seminar")
        assert titles(html) == []
        assert 'class="search-page__no-answer"' in html
        assert titles(search(client, "en", q="agenda of the 3rd seminar")) == [third]

    def test_a_country_named_in_several_words_is_a_country_named(self, client, site, monkeypatch):
        """Read word by word, "Costa Rica" was two words no country is called: beside a word no
        page has and only common ones, the question kept its empty list, where one naming Mexico
        finds Mexico's pages."""
        monkeypatch.setattr(base, "COMMON_MINIMUM", 1)
        costa_rica, _ = ensure_child(
            site["countries"],
            CountryPage,
            "costa-rica",
            title_es="Costa Rica",
            title_en="Costa Rica",
            iso_alpha2="CR",
            iso_alpha3="CRI",
            subregion="central-america",
            intro_en="Costa Rica runs one procurement platform for every public buyer.",
        )
        costa_rica.save_revision().publish()
        # As in the glossary's data file: the name is one expression, the country's people another.
        GlossaryEntry.objects.create(spanish="Costa Rica, costarricense", english="Costa Rica, Costa Rican")
        question = "when did Costa Rica zorglub its procurement?"
        assert titles(search(client, "en", q=question))[0] == "Costa Rica"
        # Named in several words, a country is still no answer to a word no page has beside it.
        assert titles(search(client, "en", q="wombat elections in Costa Rica")) == []

    def test_a_word_no_page_has_with_a_place_shows_no_list_not_the_places_pages(self, client, site):
        news = news_saying(site, "The network met in São Paulo to review the platform.")
        # São Paulo names no country: its two words outnumber the one no page has.
        assert titles(search(client, "en", q="hotels in Sao Paulo")) == [news]
        GlossaryEntry.objects.create(spanish="São Paulo", english="São Paulo", place=True)
        for query in ("hotels in Sao Paulo", "hotel platforms in São Paulo"):
            html = search(client, "en", q=query)
            assert titles(html) == [], query
            assert 'class="search-page__no-answer"' in html
        # Named with words pages have, the place still finds them.
        assert titles(search(client, "en", q="platform Sao Paulo")) == [news]

    def test_a_swap_of_neighbours_is_one_edit_and_the_readers_words_come_first(self, client, site):
        news = site["news"]
        news.intro_es = "La organización institucional del sistema de compras."
        news.intro_en = "The institutional organization of the procurement system."
        news.save_revision().publish()
        # "institutional" is two letters away, "institucional" one swap: the Spanish reader's word.
        html = search(client, "es", q="organizacion institcuional")
        assert "<strong>organizacion institucional</strong>" in html
        assert titles(html) == [news.title_es]

    def test_a_short_word_is_corrected_only_into_a_word_one_letter_away(self, client, site):
        news = news_saying(site, "Guyana's buyers publish on the platform.")
        assert titles(search(client, "en", q="guyna buyers")) == [news]
        # "gana" (earns) is two letters from "guyana": another word, not a misspelling of it.
        html = search(client, "en", q="gana buyers")
        assert "guyana" not in html.lower()
        assert titles(html) == []

    def test_a_long_word_is_corrected_only_into_a_word_at_most_two_letters_away(self, client, site):
        news = news_saying(site, "The ministry publishes its tenders.")
        assert titles(search(client, "en", q="minsitry tenders")) == [news]
        # "military" is three letters from "ministry": another word.
        html = search(client, "en", q="military tenders")
        assert "ministry" not in html.lower()
        assert titles(html) == []

    def test_a_word_in_common_use_is_not_corrected_into_a_word_of_the_site(self, client, site):
        news_saying(site, "Costa Rica's platform goes live.")
        # No page says "cost", and "costa" is one letter away: another word, which the reader did not
        # mean. Nor is "taxes" a misspelt "takes".
        html = search(client, "en", q="cost of the platform")
        assert titles(html) == []
        assert "costa" not in html.lower()
        news_saying(site, "The ministry takes part.")
        assert "takes" not in search(client, "en", q="ministry taxes").lower()
        # Unless the correction makes an expression of the glossary with the words around it.
        GlossaryEntry.objects.create(spanish="banca electrónica", english="electronic banking")
        news = news_saying(site, "Electronic banking reaches the suppliers.")
        html = search(client, "en", q="electronic baking")
        assert titles(html) == [news]
        assert "Results for <strong>electronic banking</strong>" in html

    def test_a_word_with_its_first_two_letters_swapped_is_corrected(self, client, site):
        news = news_saying(site, "The ministry publishes its tenders.")
        html = search(client, "en", q="imnistry tenders")
        assert titles(html) == [news]
        assert "Results for <strong>ministry tenders</strong>" in html

    def test_a_place_outside_the_network_is_not_corrected_into_a_word_of_the_site(self, client, site):
        news = news_saying(site, "Guyana's platform goes live.")
        # "Guyane" is no page's word, and too rarely written to be taken as meant; the closest
        # indexed word is "guyana".
        assert titles(search(client, "en", q="platform in Guyane")) == [news]
        GlossaryEntry.objects.create(
            spanish="Guayana Francesa, Guyane", english="French Guiana, Guyane", place=True
        )
        html = search(client, "en", q="platform in Guyane")
        assert titles(html) == []
        assert "guyana" not in html.lower()

    def test_two_known_expressions_no_page_has_together_list_the_pages_with_either(self, client, site):
        GlossaryEntry.objects.create(spanish="pequeña empresa, pymes", english="small business, SMEs")
        GlossaryEntry.objects.create(spanish="datos abiertos", english="open data")
        html = search(client, "en", q="small business open data")
        assert "Public procurement for SMEs" in titles(html)
        assert "Open data" in titles(html)
        assert 'class="search-page__partial"' in html
        # An expression and a word of the glossary are two known things too ("SMEs", one word);
        # a partial match needs the expression, most of the words.
        news = news_saying(site, "What SMEs sell to the state.")
        html = search(client, "en", q="open data for SMEs")
        assert "Open data" in titles(html)
        assert news not in titles(html)
        assert 'class="search-page__partial"' in html
        # So is an expression beside a word the glossary does not know.
        tariffs = news_saying(site, "Tariffs on imported goods rose.")
        html = search(client, "en", q="open data tariffs")
        assert "Open data" in titles(html)
        assert tariffs not in titles(html)
        # Two loose words, one of which no page has with the other, still list nothing; nor do
        # two words of the glossary, each a word alone.
        assert titles(search(client, "en", q="smes payments")) == []
        GlossaryEntry.objects.create(spanish="pagos", english="payments")
        assert titles(search(client, "en", q="smes payments")) == []

    def test_pages_that_match_only_a_place_and_generic_words_are_no_partial_match(self, client, site):
        # Most of the clauses ("platform", "Mexico") match, but the one that says what is asked
        # matches no page: no partial list.
        html = search(client, "en", q="wombat platform Mexico")
        assert titles(html) == []
        assert 'class="search-page__partial"' not in html

    def test_an_agent_noun_finds_the_verb(self, client, site):
        # Chile's profile says "Chile buys through Mercado Público".
        assert "Chile" in titles(search(client, "en", q="buyers Mercado Publico"))

    @pytest.mark.database_engines_only("Elasticsearch's light Spanish stemmer keeps nouns and verbs apart")
    def test_the_noun_of_an_icar_verb_finds_the_verb(self, client, site):
        """Snowball parts "adjudicación" (adjud) from "adjudicados" (adjudic), and joins
        "comunicación" to "común": such nouns are stemmed as their verb."""
        ensure_child(
            site["home"],
            StandardPage,
            "resultados",
            title_es="Resultados",
            body_es=paragraph("Los contratos adjudicados se comunican a cada oferente."),
        )
        ensure_child(
            site["home"],
            StandardPage,
            "intereses",
            title_es="Intereses",
            body_es=paragraph("Un interés común a los países."),
        )
        assert titles(search(client, "es", q="adjudicación de contratos")) == ["Resultados"]
        assert titles(search(client, "es", q="comunicación")) == ["Resultados"]

    def test_words_found_in_no_single_page_show_no_result_list(self, client, site):
        html = search(client, "es", q="colusión plataforma")
        assert titles(html) == []
        assert 'class="search-page__no-answer"' in html
        assert 'href="/es/paises/"' in html
        assert 'href="/en/search/?q=' in html

    def test_a_misspelt_query_is_searched_corrected_with_a_link_to_the_words_as_typed(self, client, site):
        html = search(client, "es", q="Mexcio")
        assert titles(html)[0] == "México"
        assert "<strong>mexico</strong>" in html
        assert 'href="/es/buscar/?q=Mexcio&amp;exact=1"' in html
        assert titles(search(client, "es", q="Mexcio", exact="1")) == []

    def test_two_words_run_together_are_searched_apart(self, client, site):
        html = search(client, "es", q="Datosabiertos")
        assert titles(html)[0] == "Datos abiertos"
        assert "<strong>datos abiertos</strong>" in html
        assert titles(search(client, "en", q="opendata"))[0] == "Open data"

    def test_the_glossary_crosses_languages(self, client, site):
        GlossaryEntry.objects.create(spanish="licitación", english="tender")
        # Elasticsearch reads the glossary when it builds its indexes; the database engines at once.
        rebuild()
        assert "Public procurement for SMEs" in titles(search(client, "en", q="licitaciones"))

    def test_the_readers_stop_words_are_no_words_of_the_other_languages_query(self, client, site):
        GlossaryEntry.objects.create(spanish="convenio marco", english="framework agreement")
        add_guide("guide.txt")
        # "los" and "de" are Spanish words the Spanish query leaves out: the English page need not have them.
        assert titles(search(client, "es", q="los convenios marco de Uruguay")) == [
            "Framework agreements guide"
        ]

    def test_a_document_is_found_by_its_format(self, client, site):
        """ "pdf" is in no text: without the format among a document's keywords, it was a word no page
        has, and a query naming a country with such a word is read as one about something the site
        lacks ("elections in Uruguay"): it showed nothing."""
        add_guide("guide.pdf")
        assert titles(search(client, "en", q="uruguay agreements guide pdf")) == [
            "Framework agreements guide"
        ]

    def test_sessions_and_agreements_find_their_event(self, client, site):
        assert titles(search(client, "en", q="interoperability"))[0] == "Inter-American Seminar 2023"
        assert titles(search(client, "es", q="colusion"))[0] == "Seminario Interamericano 2023"

    def test_country_law_numbers_find_the_country(self, client, site):
        assert titles(search(client, "es", q="19.886"))[0] == "Chile"

    def test_portals_and_institutions_find_their_country_and_follow_their_changes(self, client, site):

        portal = Portal.objects.create(
            name="Compras Aztecas",
            kind=PortalKind.EPROCUREMENT,
            url="https://example.org/",
            country=site["mexico"],
            description_es="Donde los proveedores inscritos descargan los pliegos.",
            description_en="Where registered suppliers download the tender documents.",
        )
        institution = Institution.objects.create(
            name_es="Tribunal de Contrataciones",
            name_en="Procurement Tribunal",
            acronym_es="TRICON",
            country=site["mexico"],
        )
        assert titles(search(client, "en", q="Compras Aztecas"))[0] == "Mexico"
        assert titles(search(client, "en", q="TRICON")) == ["Mexico"]
        assert titles(search(client, "es", q="tribunal de contrataciones"))[0] == "México"
        institution.acronym_es = "TRIBCON"
        institution.save()
        # As typed: the old acronym would otherwise be corrected to the new one.
        assert titles(search(client, "en", q="TRICON", exact="1")) == []
        assert titles(search(client, "en", q="TRIBCON")) == ["Mexico"]
        # What the profile says about a portal finds it too, the snippet under the portals' label.
        html = search(client, "en", q="registered suppliers")
        assert titles(html)[0] == "Mexico"
        assert "Portals" in html.split('class="search-result"')[1]
        assert titles(search(client, "es", q="proveedor inscrito"))[0] == "México"
        portal.description_en = "Where suppliers enrol."
        portal.save()
        assert "Mexico" not in titles(search(client, "en", q="registered suppliers"))
        portal.delete()
        assert "Mexico" not in titles(search(client, "en", q="Compras Aztecas"))

    def test_open_contracting_datasets_find_their_country_once_it_shows_them(self, client, site, tmp_path):
        """The profile lists a country's datasets with imported processes; so does its entry."""
        dataset = Dataset.objects.create(
            country=site["mexico"], name="Contrataciones de Jalisco", publisher="Gobierno de Jalisco"
        )
        assert titles(search(client, "es", q="jalisco")) == []
        import_files(dataset, [write_json(tmp_path / "jalisco.json", package([release(1)]))])
        html = search(client, "en", q="jalisco")
        assert titles(html) == ["Mexico"]
        assert "Procurement data" in html.split('class="search-result"')[1]
        assert titles(search(client, "es", q="contrataciones de jalisco", kind="country")) == ["México"]
        dataset.name = "Compras de Zapopan"
        dataset.save()
        assert titles(search(client, "es", q="zapopan")) == ["México"]
        dataset.delete()
        assert titles(search(client, "es", q="zapopan")) == []


class TestResults:
    def test_matches_are_marked_and_everything_else_escaped(self, client, site):
        site["news"].intro_en = "Tenders <script>alert(1)</script> & more tenders."
        site["news"].save_revision().publish()
        html = search(client, "en", q="tenders")
        assert "<mark>tenders</mark>" in html or "<mark>Tenders</mark>" in html
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html

    def test_query_is_escaped(self, client, site):
        html = search(client, "en", q='<img src=x onerror=alert(1)>"')
        assert "<img src=x" not in html

    def test_result_shows_type_country_and_date(self, client, site):
        html = search(client, "en", q="platform")
        assert "Mexico launches its procurement platform" in titles(html)
        item = html.split('class="search-result"')[1]
        assert '<span class="badge">News</span>' in item
        assert "Mexico" in item
        assert '<time datetime="2024-03-01">' in item

    def test_result_count_is_announced(self, client, site):
        html = search(client, "en", q="chile")
        assert re.search(r'<p class="search-page__count" role="status">\s*\d+ results? for “chile”', html)

    def test_sort_by_date_puts_the_newest_first(self, client, site):
        html = search(client, "en", q="procurement", sort="date")
        found = titles(html)
        assert found.index("Mexico launches its procurement platform") < found.index(
            "Public procurement for SMEs"
        )


class TestFacets:
    def test_facets_have_counts_and_keep_the_query(self, client, site):
        html = search(client, "en", q="procurement")
        assert 'id="search-facet-kind"' in html
        link = re.search(r'<a href="([^"]+kind=news[^"]*)">News</a>', html)
        assert link and "q=procurement" in link.group(1).replace("&amp;", "&")

    def test_facets_follow_the_results_in_a_disclosure_linked_from_above_them(self, client, site):
        """On a small screen the first result comes before the facets (search.css places them beside it)."""
        html = search(client, "en", q="procurement")
        link, results, facets = (
            html.index('<a href="#search-facets">Refine the results</a>'),
            html.index('<section class="search-results"'),
            html.index('<aside class="search-facets" id="search-facets"'),
        )
        assert link < results < facets
        assert re.search(
            r'<details class="search-facets__panel" open>\s*<summary><h2 id="search-facets-heading">', html
        )

    def test_facets_combine(self, client, site):
        html = search(client, "en", q="procurement", kind="practice", country="CL")
        assert titles(html) == ["Public procurement for SMEs"]
        assert "Remove filter Type: Good practice" in html
        assert "Remove filter Country: Chile" in html

    def test_topic_and_year_facets_filter(self, client, site):
        topic = str(site["open_data"].pk)
        assert titles(search(client, "en", q="procurement", topic=topic, year="2022")) == [
            "Public procurement for SMEs"
        ]
        assert titles(search(client, "en", q="procurement", year="2024")) == [
            "Mexico launches its procurement platform"
        ]

    def test_language_facet_only_when_every_language_is_searched(self, client, site):
        assert 'id="search-facet-language"' not in search(client, "en", q="chile")
        assert 'id="search-facet-language"' in search(client, "en", q="chile", scope="all")


class TestPagination:
    def test_pages_of_ten(self, client, home):

        for number in range(23):
            ensure_child(
                home,
                StandardPage,
                f"subasta-{number}",
                title_es=f"Subasta {number}",
                title_en=f"Auction {number}",
            )
        first = search(client, "en", q="auction")
        assert len(titles(first)) == 10
        third = search(client, "en", q="auction", page="3")
        assert len(titles(third)) == 3
        assert '<ol class="search-results__list" start="21">' in third
        beyond = search(client, "en", q="auction", page="99")
        assert len(titles(beyond)) == 3
        assert "There are only 3 pages of results" in beyond


class TestGlossaryInTheIndex:
    """The database engines write each glossary entry's concept term into the entries that have one
    of its expressions; a search asks for that term instead of each expression as a phrase."""

    QUERY = "adquisiciones del Estado"

    @staticmethod
    def full_text_queries(queries, *, scoring: bool = False) -> list[str]:
        """The SQL of the full-text queries that find the matches (``scoring``: that score them)."""
        markers = ("bm25(", "ts_rank(") if scoring else ("fts_instances", "group_concat(rowid)", "_matches(")
        return [query["sql"] for query in queries if any(marker in query["sql"] for marker in markers)]

    def matched_phrases(self, queries, *, scoring: bool = False) -> bool:
        """Whether the full-text queries that find the matches (``scoring``: that score them) hold a
        phrase of several terms."""
        sent = self.full_text_queries(queries, scoring=scoring)
        assert sent
        return any(re.search(r'"[a-z0-9]+ [a-z0-9]+|<->', sql) for sql in sent)

    @staticmethod
    def hold_tasks(settings) -> None:
        """Tasks enqueued, not run: a production worker that has not got to them yet."""
        settings.TASKS = {
            **settings.TASKS,
            "documents": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"},
        }

    def test_a_change_to_the_glossary_rewrites_the_index_with_its_terms(self, client, site):
        GlossaryEntry.objects.create(spanish=self.QUERY, english="public procurement")
        assert get_search_engine().holds_glossary()
        with CaptureQueriesContext(connection) as queries:
            found = titles(search(client, "es", q=self.QUERY))
        # Only the English version says "public procurement": the Spanish page is found through it.
        assert "Compras públicas para pymes" in found
        assert not self.matched_phrases(queries)
        # Scored by each expression's own term: SQLite's bm25 from the term's postings, without a
        # query; PostgreSQL's ts_rank without a phrase.
        if connection.vendor == "postgresql":
            assert not self.matched_phrases(queries, scoring=True)
        else:
            assert self.full_text_queries(queries, scoring=True) == []

    def test_until_the_index_is_rewritten_the_expressions_are_searched_one_by_one(
        self, client, site, settings
    ):
        self.hold_tasks(settings)
        GlossaryEntry.objects.create(spanish=self.QUERY, english="public procurement")
        assert not get_search_engine().holds_glossary()
        with CaptureQueriesContext(connection) as queries:
            waiting = titles(search(client, "es", q=self.QUERY))
        assert self.matched_phrases(queries)
        refresh_glossary_terms.call()  # the worker gets to it
        assert get_search_engine().holds_glossary()
        assert "Compras públicas para pymes" in waiting
        rewritten = titles(search(client, "es", q=self.QUERY))
        # The same entries; bm25 counts an expression's term as it counted its phrase, where
        # ts_rank weighs a phrase and a single term differently.
        assert sorted(rewritten) == sorted(waiting)
        if connection.vendor == "sqlite":
            assert rewritten == waiting

    def test_the_glossary_s_terms_are_rewritten_in_place_from_the_terms_the_entries_hold(
        self, client, site, settings
    ):
        """Refreshing the terms rewrites the rows that hold an expression, no page is read again: a
        title changed behind the index's back (no signal) is not picked up, as a rebuild would."""
        self.hold_tasks(settings)
        before = dict(SearchEntry.objects.values_list("pk", "text_terms"))
        entry = GlossaryEntry.objects.create(spanish=self.QUERY, english="public procurement")
        StandardPage.objects.update(title_en="Renamed behind the index's back")
        refresh_glossary_terms.call()

        assert get_search_engine().holds_glossary()
        after = dict(SearchEntry.objects.values_list("pk", "text_terms"))
        assert after.keys() == before.keys()
        rewritten = {pk for pk, terms in after.items() if terms != before[pk]}
        expressions = tuple(entry.expressions())
        holding = {
            row.pk
            for row in SearchEntry.objects.all()
            if concept_term(expressions, row.language) in row.text_terms.split()
        }
        assert rewritten == holding
        assert 0 < len(rewritten) < len(after)
        assert not SearchEntry.objects.filter(title="Renamed behind the index's back").exists()
        assert "Compras públicas para pymes" in titles(search(client, "es", q=self.QUERY))

    def test_an_index_written_with_two_glossaries_is_searched_by_expression(self, client, site, settings):
        entry = GlossaryEntry.objects.create(spanish="compras del Estado", english="public procurement")
        assert get_search_engine().holds_glossary()
        self.hold_tasks(settings)
        entry.english = "public procurement, public purchasing"
        entry.save()
        site["news"].save_revision().publish()  # written with the edited entry, the others not
        assert not get_search_engine().holds_glossary()
        # The practice's English version, written before the edit, holds the entry's former term.
        assert "Public procurement for SMEs" in titles(search(client, "en", q="compras del Estado"))

    def test_an_entry_holds_its_own_language_s_terms_which_alone_find_a_word_of_the_glossary(
        self, client, site
    ):
        entry = GlossaryEntry.objects.create(spanish="pymes", english="SMEs")
        assert get_search_engine().holds_glossary()
        expressions = tuple(entry.expressions())
        spanish, english = concept_term(expressions, "es"), concept_term(expressions, "en")
        rows = SearchEntry.objects.filter(Q(text_terms__contains=spanish) | Q(text_terms__contains=english))
        # A query in one language only ever reads that language's entries: each holds its own term.
        assert {row.language for row in rows} == {"es", "en"}
        for row in rows:
            own = spanish if row.language == "es" else english
            assert {spanish, english} & set(row.text_terms.split()) == {own}
        with CaptureQueriesContext(connection) as queries:
            found = titles(search(client, "es", q="pymes"))
        assert "Compras públicas para pymes" in found
        matching = self.full_text_queries(queries)
        # "pymes" is itself one of the entry's expressions: every Spanish entry with it holds the term,
        # which alone finds them. SQLite reads the word's own postings too, to score by them.
        assert any(spanish in sql for sql in matching)
        asks_for_the_word = any(re.search(r"[\"']pyme[\"']", sql) for sql in matching)
        assert asks_for_the_word == (connection.vendor == "sqlite")

    def test_a_country_the_glossary_names_is_still_known_by_its_profile_s_title(self, client, site):
        GlossaryEntry.objects.create(spanish="México, Méjico", english="Mexico", place=True)
        assert get_search_engine().holds_glossary()
        # The profile's title terms end with the entry's concept terms: the country is still named.
        assert titles(search(client, "en", q="where does Mexico publish its tenders?"))[0] == "Mexico"
