"""Every country page makes the same number of queries with 1 or 15 related objects (lists show 10)."""

from string import ascii_uppercase

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from countries.models import PracticePage, Subregion
from tests.countries.conftest import make_country


def queries_for(client, url: str) -> int:
    client.get(url)  # warm the per-process caches (site root paths), as any earlier visitor would
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_profile_queries_do_not_grow_with_relations(client, country_index, related_content):
    chile = make_country(
        country_index, "chile", iso_alpha2="CL", iso_alpha3="CHL", title_es="Chile", subregion="south-america"
    )
    urls = ("/es/paises/chile/", "/en/countries/chile/")
    related_content(chile, 1)
    with_one = [queries_for(client, url) for url in urls]
    related_content(chile, 14)
    with_fifteen = [queries_for(client, url) for url in urls]
    assert with_one == with_fifteen
    html = client.get(urls[1]).content.decode()
    assert html.count('<th scope="row">') == 30  # 15 laws and 15 key figures
    # The ten newest events hosted, attended and of the agreements; the rest one click away.
    assert html.count('href="/en/events/event-') == 30
    assert '<a href="/en/events/?country=CL">All 15 events hosted</a>' in html
    assert '<a href="/en/events/?participant=CL">All 15 events attended</a>' in html
    assert '<a href="/en/countries/practices/?country=CL">All 15 good practices</a>' in html
    assert '<a href="/en/news/?country=CL">All 15 news items</a>' in html
    assert "The 10 most recent of 15." in html


@pytest.mark.django_db
def test_index_queries_do_not_grow_with_countries(client, country_index):
    make_country(
        country_index, "chile", iso_alpha2="CL", iso_alpha3="CHL", title_es="Chile", subregion="south-america"
    )
    with_one = queries_for(client, "/es/paises/")
    for number in range(14):
        code = "XY"[number // 26] + ascii_uppercase[number % 26]
        make_country(
            country_index,
            f"pais-{number}",
            iso_alpha2=code,
            iso_alpha3=f"Q{code}",
            title_es=f"País {number}",
            subregion=list(Subregion)[number % 4],
            member_since=2000 + number % 20,
        )
    with_fifteen = queries_for(client, "/es/paises/")
    assert with_one == with_fifteen


@pytest.mark.django_db
def test_practice_queries_do_not_grow_with_topics(client, chile, related_content):
    related_content(chile, 1)
    practice = PracticePage.objects.child_of(chile).get()
    url = practice.get_url()
    with_one = queries_for(client, url)
    others = PracticePage.objects.exclude(pk=practice.pk)
    assert not others.exists()
    related_content(chile, 10)
    for topic_practice in PracticePage.objects.exclude(pk=practice.pk):
        practice.topics.add(*topic_practice.topics.all())
    practice.save_revision().publish()
    assert practice.topics.count() == 11
    assert queries_for(client, url) == with_one
