"""The demo data files go through the same records as the reference data: a corrected file reaches a
site that already has the demo, and what an editor changed or deleted stays as they left it."""

from django.urls import reverse

from wagtail.models import Page

import pytest

from countries.models import CountryPage, PracticePage
from demo import loader
from events.models import EventPage
from network.models import NetworkDocument
from network.reference import DataFileError, load
from portals.models import Portal
from tests.conftest import edited_dataset
from tests.demo.conftest import load_demo_content

pytestmark = pytest.mark.usefixtures("demo_site")


def dataset(name: str):
    return next(dataset for dataset in loader.datasets() if dataset.name == name)


def test_a_corrected_profile_reaches_the_site_and_an_editors_text_stays(db, tmp_path):
    chile = CountryPage.objects.get(iso_alpha2="CL")
    chile.intro_es = "Texto de un editor."
    chile.save_revision().publish()

    def correct(data: dict) -> None:
        data["profile"]["intro"] = {"es": "Corrección del archivo.", "en": "Corrected in the file."}
        data["profile"]["laws"][1]["url"] = "https://www.bcn.cl/leychile/navegar?idNorma=1200000"

    load([edited_dataset(dataset("demo.countries.cl"), tmp_path, correct)])

    chile = CountryPage.objects.get(iso_alpha2="CL")
    assert (chile.intro_es, chile.intro_en) == ("Texto de un editor.", "Corrected in the file.")
    assert chile.laws.get(number="Ley 21.634").url.endswith("idNorma=1200000")
    assert not chile.has_unpublished_changes


def test_a_corrected_event_session_reaches_the_site(db, tmp_path):
    def correct(data: dict) -> None:
        data["events"][1]["sessions"][0]["title"]["en"] = "Trends in e-procurement"

    load([edited_dataset(dataset("demo.events"), tmp_path, correct)])

    seminar = EventPage.objects.get(edition=3)
    assert seminar.sessions.order_by("sort_order").first().title_en == "Trends in e-procurement"
    assert seminar.sessions.count() == 12 and seminar.agreements.count() == 2


def test_deleted_demo_objects_are_not_created_again(db):
    Portal.objects.get(url="https://www.mercadopublico.cl").delete()
    PracticePage.objects.get(slug_es="pregon-electronico").delete()

    load_demo_content()

    assert not Portal.objects.filter(url="https://www.mercadopublico.cl").exists()
    assert not PracticePage.objects.filter(slug_es="pregon-electronico").exists()


def test_a_reference_to_an_unknown_key_names_the_entry(db, tmp_path):
    def mistype(data: dict) -> None:
        data["portals"][0]["institution"] = "ChileCompras"

    with pytest.raises(
        DataFileError, match=r"cl\.yaml: portals\[0\]: .*ChileCompras: not found in demo.institutions"
    ):
        load([edited_dataset(dataset("demo.countries.cl"), tmp_path, mistype)])


def counts() -> dict[str, int]:
    return {
        "practices": PracticePage.objects.count(),
        "documents": NetworkDocument.objects.count(),
        "pages": Page.objects.count(),
    }


def test_what_an_editor_deleted_or_renamed_in_the_admin_is_not_created_again(db, client, django_user_model):
    """Through the real admin, as the editors do it; the loader then brings nothing back."""
    client.force_login(django_user_model.objects.create_superuser("editora", "e@example.org", "pw"))
    practice = PracticePage.objects.get(slug_es="pregon-electronico")
    response = client.post(reverse("wagtailadmin_pages:delete", args=[practice.pk]))
    assert response.status_code == 302
    document = NetworkDocument.objects.order_by("pk").first()
    form = {field: getattr(document, field) or "" for field in ("kind", "language", "year", "description")}
    form |= {"title": "Título de una editora", "collection": document.collection_id, "tags": ""}
    form |= {"topics": [topic.pk for topic in document.topics.all()]}
    response = client.post(reverse("wagtaildocs:edit", args=[document.pk]), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    before = counts()

    load_demo_content()

    assert counts() == before
    assert not PracticePage.objects.filter(slug_es="pregon-electronico").exists()
    assert NetworkDocument.objects.get(pk=document.pk).title == "Título de una editora"
