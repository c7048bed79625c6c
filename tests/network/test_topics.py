"""The topic index and topic pages: what was said, agreed, practised and published about each topic."""

import datetime

import pytest

from events.models import EventSession

pytestmark = pytest.mark.usefixtures("shared_network")


@pytest.mark.django_db
class TestTopicIndex:
    def test_renders_in_both_languages_with_translated_slugs(self, client, topic):
        spanish = client.get("/es/temas/")
        english = client.get("/en/topics/")
        assert spanish.status_code == english.status_code == 200
        assert '<a href="/es/temas/datos-abiertos/">Datos abiertos</a>' in spanish.content.decode()
        assert '<a href="/en/topics/open-data/">Open data</a>' in english.content.decode()

    def test_topics_are_grouped_by_priority_highest_first(self, client, make_topic, topic):
        make_topic("compras-verdes", "Compras verdes", "Green procurement", priority="common")
        make_topic("pymes", "Pymes", "Small businesses", priority="high")
        html = client.get("/en/topics/").content.decode()
        headings = [html.index(label) for label in ("Highest priority", "High priority", "Common interest")]
        assert headings == sorted(headings)
        assert html.index("Highest priority") < html.index("Open data") < html.index("High priority")
        assert html.index("High priority") < html.index("Small businesses") < html.index("Common interest")
        assert html.index("Common interest") < html.index("Green procurement")

    def test_lead_countries_are_linked(self, client, topic):
        html = client.get("/en/topics/").content.decode()
        assert '<a href="/en/countries/chile/">Chile</a>' in html

    def test_empty_priority_levels_are_left_out(self, client, topic):
        html = client.get("/en/topics/").content.decode()
        assert "Common interest" not in html

    def test_unpublished_topics_are_left_out(self, client, topic, make_topic):
        draft = make_topic("borrador", "Borrador", "Draft topic")
        draft.unpublish()
        assert "Draft topic" not in client.get("/en/topics/").content.decode()

    def test_query_count_does_not_grow_with_topics(self, count_queries, make_topic, make_country, topic):
        url = "/es/temas/"
        one = count_queries(url)
        countries = [make_country(f"pais-{number}", f"País {number}") for number in range(3)]
        for number in range(5):
            make_topic(f"tema-{number}", f"Tema {number}", f"Topic {number}", lead_countries=countries)
        assert count_queries(url) == one


@pytest.mark.django_db
class TestTopicPage:
    def test_renders_in_both_languages_with_priority_and_lead_countries(self, client, topic):
        spanish = client.get("/es/temas/datos-abiertos/").content.decode()
        english = client.get("/en/topics/open-data/").content.decode()
        assert "<h1>Datos abiertos</h1>" in spanish
        assert '<a href="/es/paises/chile/">Chile</a>' in spanish
        assert "<h1>Open data</h1>" in english
        assert "Highest priority" in english
        assert "Publishing procurement data." in english
        assert '<a href="/en/countries/chile/">Chile</a>' in english

    def test_a_session_on_the_topic_brings_its_event(self, client, topic, seminar):
        html = client.get("/en/topics/open-data/").content.decode()
        assert '<a href="/en/events/iii-seminar/">III Inter-American Seminar</a>' in html
        assert '<time datetime="2005-06-06">June 6–8, 2005</time> · Santiago' in html
        assert "Taller de datos abiertos" in html
        assert "Apertura" not in html

    def test_an_agreement_on_the_topic_shows_with_its_number(self, client, topic, seminar):
        html = client.get("/en/topics/open-data/").content.decode()
        assert "Agreement 2: Publicar datos en OCDS" in html
        assert "Crear un comité" not in html

    def test_an_event_without_the_topic_does_not_appear(self, client, topic, make_event):
        make_event("otro", "Otro seminario", "Another seminar", sessions=[("Sesión", [])])
        assert "Another seminar" not in client.get("/en/topics/open-data/").content.decode()

    def test_an_unpublished_event_does_not_appear(self, client, topic, seminar):
        seminar.unpublish()
        assert "III Inter-American Seminar" not in client.get("/en/topics/open-data/").content.decode()

    def test_a_practice_on_the_topic_brings_its_country(self, client, topic, mexico, make_practice):
        make_practice(mexico, "compranet-abierto", "CompraNet abierto", topics=[topic])
        make_practice(mexico, "otra-practica", "Otra práctica")
        html = client.get("/es/temas/datos-abiertos/").content.decode()
        assert '<h3><a href="/es/paises/mexico/">México</a></h3>' in html
        assert '<a href="/es/paises/mexico/compranet-abierto/">CompraNet abierto</a>' in html
        assert "Otra práctica" not in html

    def test_news_and_documents_about_the_topic_appear(
        self, client, topic, make_news, make_document, publication_index
    ):
        make_news("nueva-norma", "Nueva norma de datos", "New data standard", topics=[topic])
        make_news("otra", "Otra noticia", "Other news")
        make_document("Guía OCDS", topics=[topic], kind="guide", year=2020)
        make_document("Informe ajeno")
        html = client.get("/en/topics/open-data/").content.decode()
        assert '<a href="/en/news/nueva-norma/">New data standard</a>' in html
        assert "Other news" not in html
        assert 'hreflang="es" lang="es">Guía OCDS</a>' in html
        assert "Informe ajeno" not in html
        assert "/en/publications/?topic=" not in html, "no link to the rest when nothing is left out"

    def test_long_lists_show_the_newest_ten_and_link_to_the_listings_filtered_by_the_topic(
        self, client, topic, mexico, make_event, make_practice, make_news, make_document, publication_index
    ):
        for number in range(11):
            make_event(
                f"evento-{number}",
                f"Evento {number:02}",
                start_date=datetime.date(2010, 1, 1 + number),
                agreements=[(f"Acuerdo {number:02}", [topic])],
            )
            make_practice(
                mexico,
                f"practica-{number}",
                f"Práctica {number:02}",
                topics=[topic],
                date=datetime.date(2010, 1, 1 + number),
            )
            make_news(
                f"noticia-{number}",
                f"Noticia {number:02}",
                topics=[topic],
                date=datetime.date(2010, 1, 1 + number),
            )
            make_document(f"Documento {number:02}", topics=[topic], year=2000 + number)
        html = client.get("/es/temas/datos-abiertos/").content.decode()
        for kind in ("Evento", "Acuerdo", "Práctica", "Noticia", "Documento"):
            assert f"{kind} 10" in html and f"{kind} 01" in html
            assert f"{kind} 00" not in html, f"the oldest {kind.lower()} is left to the listing"
        assert html.index("Evento 10") < html.index("Evento 01")
        # Twelve events: the module's seminar (``shared_network``) has a session on the topic too.
        assert f'<a href="/es/eventos/?topic={topic.pk}">Todos los eventos sobre este tema (12)</a>' in html
        practices = "Todas las buenas prácticas sobre este tema (11)"
        assert f'<a href="/es/paises/practicas/?topic={topic.pk}">{practices}</a>' in html
        assert f'<a href="/es/noticias/?topic={topic.pk}">Todas las noticias sobre este tema (11)</a>' in html
        assert (
            f'<a href="/es/publicaciones/?topic={topic.pk}">Todos los documentos sobre este tema (11)</a>'
            in html
        )
        listing = client.get(f"/es/paises/practicas/?topic={topic.pk}").content.decode()
        assert "Práctica 00" in listing and "Práctica 10" in listing

    def test_query_count_does_not_grow_with_related_content(
        self, client, count_queries, topic, make_country, make_event, make_practice, make_news, make_document
    ):
        def add_related(number: int) -> None:
            country = make_country(f"pais-{number}", f"País {number}")
            make_event(
                f"evento-{number}",
                f"Evento {number}",
                start_date=datetime.date(2010, 1, 1) + datetime.timedelta(days=number),
                sessions=[(f"Sesión {number}", [topic])],
                agreements=[(f"Acuerdo {number}", [topic])],
            )
            make_practice(country, f"practica-{number}", f"Práctica {number}", topics=[topic])
            make_news(f"noticia-{number}", f"Noticia {number}", topics=[topic], countries=[country])
            make_document(f"Documento {number}", topics=[topic], countries=[country])

        url = "/en/topics/open-data/"
        add_related(0)
        one = count_queries(url)
        for number in range(1, 12):
            add_related(number)
        html = client.get(url).content.decode()
        assert html.count("Práctica ") == 10
        assert "All 12 good practices on this topic" in html
        assert count_queries(url) == one

    def test_sessions_added_later_appear_without_editing_the_topic(self, client, topic, make_event):
        event = make_event("taller", "Taller", "Workshop")
        event.sessions = [EventSession(title="Datos en OCDS", topics=[topic])]
        event.save_revision().publish()
        assert "Datos en OCDS" in client.get("/en/topics/open-data/").content.decode()
