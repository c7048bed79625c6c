"""News: the index, newest first and paginated, and the news item with what it is about."""

import datetime

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

import pytest

from news.models import NewsIndexPage

# Every test reads the same small network, built once for the module.
pytestmark = pytest.mark.usefixtures("shared_network")


@pytest.fixture
def news_item(make_news, chile, topic):
    return make_news(
        "nueva-norma",
        "Nueva norma de datos abiertos",
        "New open data standard",
        slug_en="new-data-standard",
        date=datetime.date(2024, 3, 5),
        intro_es="La red adopta una norma.",
        intro_en="The network adopts a standard.",
        body_es=[{"type": "paragraph", "value": "<p>Cuerpo en español.</p>"}],
        body_en=[{"type": "paragraph", "value": "<p>Body in English.</p>"}],
        source_url="https://example.org/anuncio",
        countries=[chile],
        topics=[topic],
    )


@pytest.mark.django_db
class TestNewsPage:
    def test_renders_in_both_languages_with_a_localized_date(self, client, news_item):
        spanish = client.get("/es/noticias/nueva-norma/").content.decode()
        english = client.get("/en/news/new-data-standard/").content.decode()
        assert "<h1>Nueva norma de datos abiertos</h1>" in spanish
        assert '<time datetime="2024-03-05">5 de marzo de 2024</time>' in spanish
        assert "Cuerpo en español." in spanish
        assert "<h1>New open data standard</h1>" in english
        assert '<time datetime="2024-03-05">March 5, 2024</time>' in english
        assert "Body in English." in english

    def test_links_its_source_countries_and_topics(self, client, news_item):
        html = client.get("/en/news/new-data-standard/").content.decode()
        assert '<a href="https://example.org/anuncio" rel="external">' in html
        assert '<a href="/en/countries/chile/">Chile</a>' in html
        assert '<a href="/en/topics/open-data/">Open data</a>' in html

    def test_an_unpublished_country_is_not_linked(self, client, news_item, chile):
        chile.unpublish()
        assert "/en/countries/chile/" not in client.get("/en/news/new-data-standard/").content.decode()

    def test_shows_its_image_when_it_has_one(self, client, news_item):
        assert "<img" not in client.get("/en/news/new-data-standard/").content.decode()
        image = get_image_model().objects.create(
            title="Seminario", file=get_test_image_file(), description="Participantes del seminario"
        )
        news_item.image = image
        news_item.save_revision().publish()
        html = client.get("/en/news/new-data-standard/").content.decode()
        assert '<figure class="figure news-image"><img alt="Participantes del seminario"' in html


@pytest.mark.django_db
class TestNewsIndex:
    def test_renders_in_both_languages(self, client, news_item):
        spanish = client.get("/es/noticias/").content.decode()
        english = client.get("/en/news/").content.decode()
        assert '<a href="/es/noticias/nueva-norma/">Nueva norma de datos abiertos</a>' in spanish
        assert '<a href="/en/news/new-data-standard/">New open data standard</a>' in english
        assert '<a class="badge" href="/en/topics/open-data/">Open data</a>' in english

    def test_newest_first(self, client, make_news):
        make_news("vieja", "Vieja", date=datetime.date(2020, 1, 1))
        make_news("nueva", "Nueva", date=datetime.date(2024, 1, 1))
        make_news("media", "Media", date=datetime.date(2022, 1, 1))
        html = client.get("/es/noticias/").content.decode()
        assert html.index(">Nueva<") < html.index(">Media<") < html.index(">Vieja<")

    def test_paginates_and_tolerates_invalid_pages(self, client, make_news):
        start = datetime.date(2024, 1, 1)
        for number in range(12):
            make_news(f"n-{number}", f"Noticia {number:02d}", date=start + datetime.timedelta(days=number))
        first = client.get("/es/noticias/").content.decode()
        second = client.get("/es/noticias/?page=2").content.decode()
        assert first.count('<li class="card">') == 10
        assert "Noticia 11" in first and "Noticia 01" not in first
        assert second.count('<li class="card">') == 2
        assert "Noticia 01" in second and "Noticia 00" in second
        assert '<a href="?page=2" rel="next">' in first
        for page in ("abc", "0", "-1", "999", "2.5", "%00"):
            response = client.get(f"/es/noticias/?page={page}")
            assert response.status_code == 200

    def test_filters_by_country_and_topic(self, client, make_news, chile, mexico, topic):
        make_news("chile-datos", "Chile y datos", countries=[chile], topics=[topic])
        make_news("mexico", "México", countries=[mexico])
        make_news("sin-filtro", "Sin país ni tema")
        by_country = client.get("/en/news/?country=cl").content.decode()
        assert ">Chile y datos<" in by_country and ">México<" not in by_country
        assert "Only those about Chile." in by_country
        assert '<a href="/en/news/">Show all</a>' in by_country
        by_topic = client.get(f"/es/noticias/?topic={topic.pk}").content.decode()
        assert ">Chile y datos<" in by_topic and "Sin país ni tema" not in by_topic
        assert "Solo las del tema Datos abiertos." in by_topic
        both = client.get(f"/en/news/?country=MX&topic={topic.pk}").content.decode()
        assert "No news matches this filter." in both

    @pytest.mark.parametrize(
        "query", ["?country=ZZ", "?country=Chile", "?topic=x", "?topic=0", "?topic=99999999"]
    )
    def test_a_filter_that_names_nothing_is_ignored(self, client, make_news, chile, query):
        make_news("chile", "Noticia de Chile", countries=[chile])
        make_news("otra", "Otra noticia")
        html = client.get("/es/noticias/" + query).content.decode()
        assert "Noticia de Chile" in html and "Otra noticia" in html
        assert "Ver todas" not in html

    def test_pagination_keeps_the_filter(self, client, make_news, chile):
        for number in range(12):
            make_news(f"n-{number}", f"Noticia {number:02d}", countries=[chile])
        html = client.get("/en/news/?country=CL").content.decode()
        assert '<a href="?country=CL&amp;page=2" rel="next">' in html

    def test_unpublished_news_is_left_out(self, client, news_item):
        news_item.unpublish()
        assert "New open data standard" not in client.get("/en/news/").content.decode()

    def test_query_count_does_not_grow_with_news(
        self, count_queries, make_news, topic, make_topic, monkeypatch
    ):
        monkeypatch.setattr(NewsIndexPage, "per_page", 2)
        other = make_topic("otro", "Otro tema", "Other topic")
        make_news("n-0", "Noticia 0", topics=[topic, other])
        one = count_queries("/es/noticias/")
        for number in range(1, 10):
            make_news(f"n-{number}", f"Noticia {number}", topics=[topic, other])
        assert count_queries("/es/noticias/") == one
        assert count_queries("/es/noticias/?page=5") == one
