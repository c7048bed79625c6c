"""A network editor creates a bilingual country profile, with laws, figures and modules, in the admin."""

from django.contrib.auth import get_user_model

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from countries.editors import find_editors_group
from countries.models import CountryPage, ProcurementModule


@pytest.fixture
def admin_client(client, db):
    client.force_login(
        get_user_model().objects.create_superuser("secretaria", "secretaria@example.org", "pw")
    )
    return client


@pytest.fixture
def modules(db) -> list[ProcurementModule]:
    return [
        ProcurementModule.objects.create(code="tendering", name_es="Licitaciones", name_en="Tendering"),
        ProcurementModule.objects.create(
            code="catalogue", name_es="Catálogo electrónico", name_en="E-catalogue"
        ),
        ProcurementModule.objects.create(code="payments", name_es="Pagos", name_en="Payments"),
    ]


def uruguay_form(modules: list[ProcurementModule]) -> dict:
    data = nested_form_data(
        {
            "title_es": "Uruguay",
            "title_en": "Uruguay",
            "slug_es": "uruguay",
            "slug_en": "uruguay",
            "intro_es": "Compras estatales abiertas.",
            "intro_en": "Open state procurement.",
            "iso_alpha2": "UY",
            "iso_alpha3": "URY",
            "subregion": "south-america",
            "member_since": "2005",
            "executive_committee": "on",
            "agency_name_es": "Agencia Reguladora de Compras Estatales",
            "agency_name_en": "State Procurement Regulatory Agency",
            "agency_acronym": "ARCE",
            "agency_url": "https://www.gub.uy/agencia-reguladora-compras-estatales/",
            "laws": inline_formset(
                [
                    {
                        "title_es": "Texto Ordenado de Contabilidad y Administración Financiera",
                        "title_en": "Consolidated Accounting and Financial Administration Text",
                        "number": "TOCAF 2012",
                        "year": "2012",
                        "url": "https://example.org/tocaf",
                    }
                ]
            ),
            "system_name_es": "Compras Estatales",
            "system_name_en": "State Purchases",
            "system_launch_year": "2003",
            "key_figures": inline_formset(
                [
                    {
                        "label_es": "Monto adjudicado",
                        "label_en": "Amount awarded",
                        "value": "4567.25",
                        "unit_es": "millones de USD",
                        "unit_en": "USD million",
                        "year": "2023",
                        "source_es": "Informe de gestión",
                        "source_en": "Management report",
                        "source_url": "https://example.org/informe",
                    }
                ]
            ),
            "body_es": streamfield([("paragraph", rich_text("<p>Publicación de todas las compras.</p>"))]),
            "body_en": streamfield([("paragraph", rich_text("<p>Every purchase is published.</p>"))]),
            "contact_name": "Juan Rodríguez",
            "contact_role_es": "Coordinador",
            "contact_role_en": "Coordinator",
            "contact_email": "contacto@example.org",
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    # A checkbox list posts one value per ticked box; nested_form_data would number them.
    data["system_modules"] = [modules[0].pk, modules[1].pk]
    return data


@pytest.mark.django_db
def test_editor_creates_a_bilingual_profile_with_laws_figures_and_modules(
    admin_client, country_index, modules
):
    response = admin_client.post(
        f"/admin/pages/add/countries/countrypage/{country_index.pk}/", uruguay_form(modules)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = CountryPage.objects.get(iso_alpha2="UY")
    assert page.live
    assert {module.code for module in page.system_modules.all()} == {"tendering", "catalogue"}

    spanish = admin_client.get("/es/paises/uruguay/").content.decode()
    for text in (
        "Compras estatales abiertas.",
        "Texto Ordenado de Contabilidad y Administración Financiera",
        "TOCAF 2012",
        "Licitaciones",
        "Catálogo electrónico",
        "Monto adjudicado",
        "4\xa0567,25 millones de USD",  # Spanish groups thousands with a no-break space
        "Informe de gestión",
        "Publicación de todas las compras.",
        "Coordinador",
    ):
        assert text in spanish, text
    assert "Pagos" not in spanish

    english = admin_client.get("/en/countries/uruguay/").content.decode()
    for text in (
        "Open state procurement.",
        "Consolidated Accounting and Financial Administration Text",
        "Tendering",
        "E-catalogue",
        "Amount awarded",
        "4,567.25 USD million",
        "Management report",
        "Every purchase is published.",
        "<dt>Executive committee seat</dt>\n      <dd>Yes</dd>",
    ):
        assert text in english, text


@pytest.mark.django_db
def test_a_profile_made_in_the_admin_gets_its_editors_group(admin_client, country_index, modules):
    admin_client.post(f"/admin/pages/add/countries/countrypage/{country_index.pk}/", uruguay_form(modules))
    group = find_editors_group("UY")
    assert group is not None
    assert group.name == "Country editors: Uruguay (UY)"
    assert group.page_permissions.filter(page__countrypage__iso_alpha2="UY").count() == 3


@pytest.mark.django_db
def test_the_add_form_shows_both_languages_of_the_nested_fields(admin_client, country_index):
    html = admin_client.get(f"/admin/pages/add/countries/countrypage/{country_index.pk}/").content.decode()
    for field in (
        "agency_name_es",
        "agency_name_en",
        "laws-__prefix__-title_en",
        "key_figures-__prefix__-label_es",
    ):
        assert f'name="{field}"' in html, field
