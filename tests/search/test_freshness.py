"""Entries follow the objects they are built from (``built_from`` in search.adapters), one test per kind of
relation: a page's topics led, a practice's parent country, a country's modules, an event's countries and
institutions, a news item's and a document's countries, and a relation edited from its other side."""

from django.urls import reverse
from django.utils import translation

import pytest

from countries.models import ProcurementModule
from network.models import NetworkDocument, TopicPage
from portals.models import Institution
from search.models import SearchEntry
from tests.search.conftest import result_titles

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_site")]


def found(client, language: str, query: str, **filters) -> list[str]:
    with translation.override(language):
        response = client.get(reverse("search"), {"q": query, **filters})
    assert response.status_code == 200
    return result_titles(response.content.decode())


def draft_topic(site) -> TopicPage:
    """A topic Mexico leads that readers cannot see yet."""
    topic = TopicPage(
        title="Compras sostenibles",
        title_es="Compras sostenibles",
        title_en="Sustainable procurement",
        slug="compras-sostenibles",
        slug_es="compras-sostenibles",
        slug_en="sustainable-procurement",
        live=False,
    )
    site["topics"].add_child(instance=topic)
    mexico = site["mexico"]
    mexico.topics_led.add(topic)
    mexico.save_revision().publish()
    return topic


def test_publishing_a_topic_puts_it_on_its_lead_countrys_entry(client, site):
    topic = draft_topic(site)
    assert found(client, "en", "mexico", kind="country", topic=topic.pk) == []
    topic.save_revision().publish()
    assert found(client, "en", "mexico", kind="country", topic=topic.pk) == ["Mexico"]
    assert found(client, "es", "sostenibles", kind="topic") == ["Compras sostenibles"]


@pytest.mark.parametrize("change", ["unpublish", "delete"], ids=["unpublished", "deleted"])
def test_a_topic_that_is_gone_leaves_its_lead_countrys_entry(client, site, change):
    topic = draft_topic(site)
    topic.save_revision().publish()
    assert found(client, "en", "mexico", kind="country", topic=topic.pk) == ["Mexico"]
    getattr(TopicPage.objects.get(pk=topic.pk), change)()
    assert found(client, "en", "mexico", kind="country", topic=topic.pk) == []
    assert SearchEntry.objects.get(source=f"page:{site['mexico'].pk}", language="en").topics == ""


def test_renaming_a_country_renames_it_in_its_practices_entries(client, site):
    chile = site["chile"]
    chile.title_es = "República de Chile"
    chile.save_revision().publish()
    assert found(client, "es", "republica", kind="practice") == ["Compras públicas para pymes"]


def test_publishing_a_country_under_the_same_title_leaves_its_dependents_alone(site):
    practice = SearchEntry.objects.filter(source=f"page:{site['practice'].pk}")
    before = set(practice.values_list("pk", flat=True))
    chile = site["chile"]
    chile.intro_es = "Chile compra en Mercado Público desde 2003."
    chile.save_revision().publish()
    assert set(practice.values_list("pk", flat=True)) == before


def test_renaming_mexico_renames_it_in_every_entry_that_names_it(client, site):
    document = NetworkDocument.objects.create(title="Informe anual", language="es", year=2024)
    document.countries.add(site["mexico"])
    mexico = site["mexico"]
    mexico.title_es = "Estados Unidos Mexicanos"
    mexico.save_revision().publish()
    assert sorted(found(client, "es", "estados unidos mexicanos")) == [
        "Estados Unidos Mexicanos",
        "Informe anual",
        "México estrena su plataforma de compras",
        "Seminario Interamericano 2023",
    ]


@pytest.mark.parametrize("change", ["rename", "delete"], ids=["renamed", "deleted"])
def test_a_modules_name_follows_it_into_the_countries_entries(client, site, change):
    module = ProcurementModule.objects.create(
        code="catalogo", name_es="Catálogo electrónico", name_en="E-catalogue"
    )
    chile = site["chile"]
    chile.system_modules.add(module)
    chile.save_revision().publish()
    assert found(client, "en", "catalogue", kind="country") == ["Chile"]
    if change == "rename":
        module.name_es, module.name_en = "Tienda virtual", "Online shop"
        module.save()
        assert found(client, "en", "online shop", kind="country") == ["Chile"]
    else:
        module.delete()
    assert found(client, "en", "catalogue", kind="country") == []


def test_an_institutions_new_acronym_finds_the_events_it_organizes(client, site):
    institution = Institution.objects.create(
        name_es="Organización de los Estados Americanos", acronym_es="OAS"
    )
    seminar = site["seminar"]
    seminar.organizing_institutions.add(institution)
    seminar.save_revision().publish()
    institution.acronym_es = "OEA"
    institution.save()
    assert found(client, "es", "oea") == ["Seminario Interamericano 2023"]


def test_a_relation_edited_from_the_other_side_updates_both_entries(client, site):
    topic, mexico = site["open_data"], site["mexico"]
    topic.lead_countries.add(mexico)
    assert found(client, "en", "mexico", kind="country", topic=topic.pk) == ["Mexico"]
    assert SearchEntry.objects.get(source=f"page:{topic.pk}", language="en").countries.split() == ["CL", "MX"]
    topic.lead_countries.clear()
    assert found(client, "en", "chile", kind="country", topic=topic.pk) == []


def test_a_practice_moved_to_another_country_is_filed_under_it(client, site):
    site["practice"].move(site["mexico"], pos="last-child")
    assert found(client, "en", "smes", kind="practice", country="MX") == ["Public procurement for SMEs"]
    assert found(client, "en", "smes", kind="practice", country="CL") == []
    assert found(client, "es", "pymes méxico", kind="practice") == ["Compras públicas para pymes"]
