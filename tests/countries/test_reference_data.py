"""The countries' reference data: the 35 member states and the e-procurement modules."""

import pytest

from countries import datasets
from countries.models import CountryIndexPage, CountryPage, ProcurementModule, Subregion
from network.reference import DataFileError, load
from tests.conftest import edited_dataset, load_reference_data

pytestmark = pytest.mark.usefixtures("reference_site")


def state(data: dict, iso2: str) -> dict:
    return next(country for country in data["member_states"] if country["iso2"] == iso2)


def test_the_35_member_states_with_the_agencies_the_record_knows(db):
    countries = CountryPage.objects.child_of(CountryIndexPage.objects.get()).live()

    assert countries.count() == 35
    assert countries.filter(member_since=2005).count() == 18
    assert countries.get(iso_alpha2="GY").subregion == Subregion.SOUTH_AMERICA
    peru = countries.get(iso_alpha2="PE")
    assert (peru.agency_acronym, peru.agency_url) == ("OSCE", "https://www.gob.pe/osce")
    assert (countries.get(iso_alpha2="US").slug_es, countries.get(iso_alpha2="US").slug_en) == (
        "estados-unidos",
        "united-states",
    )
    assert not countries.get(iso_alpha2="SR").agency_name_es


def test_the_modules_in_the_files_order(db):
    codes = list(ProcurementModule.objects.values_list("code", flat=True))

    assert codes[0] == "e-notices" and codes[-1] == "open-contracting-data" and len(codes) == 7


def test_a_corrected_agency_reaches_the_site_and_an_editors_name_stays(db, tmp_path):
    chile = CountryPage.objects.get(iso_alpha2="CL")
    chile.agency_name_en = "ChileCompra, as the editor writes it"
    chile.save_revision().publish()

    def correct(data: dict) -> None:
        state(data, "CL")["agency"]["url"] = "https://www.chilecompra.cl/"
        state(data, "CL")["agency"]["name"]["en"] = "Public Procurement Directorate"

    load([edited_dataset(datasets.MEMBER_STATE_DATA, tmp_path, correct)])

    chile = CountryPage.objects.get(iso_alpha2="CL")
    assert chile.agency_url == "https://www.chilecompra.cl/"
    assert chile.agency_name_en == "ChileCompra, as the editor writes it"


def test_a_corrected_module_name_reaches_the_site(db, tmp_path):
    corrected = edited_dataset(
        datasets.MODULE_DATA,
        tmp_path,
        lambda data: data["modules"][0]["name"].update(en="Electronic notices"),
    )

    load([corrected])

    assert ProcurementModule.objects.get(code="e-notices").name_en == "Electronic notices"


def test_a_deleted_country_or_module_is_not_created_again(db):
    CountryPage.objects.get(iso_alpha2="CU").delete()
    ProcurementModule.objects.get(code="e-payment").delete()

    load_reference_data()

    assert not CountryPage.objects.filter(iso_alpha2="CU").exists()
    assert not ProcurementModule.objects.filter(code="e-payment").exists()


def test_an_unknown_subregion_names_the_country(db, tmp_path):
    broken = edited_dataset(
        datasets.MEMBER_STATE_DATA, tmp_path, lambda data: state(data, "CU").update(subregion="atlantis")
    )

    with pytest.raises(DataFileError, match=r"member_states\.yaml: member_states\[\d+\]: CU: .*atlantis"):
        load([broken])


@pytest.mark.parametrize(
    ("remove", "missing"),
    [(("as_of",), "as_of"), (("url", "source"), "url")],
    ids=["without-date", "without-source"],
)
def test_an_agency_without_its_source_or_date_is_refused(db, tmp_path, remove, missing):
    """What a profile reports must say where it is known from and as of when."""

    def strip(data: dict) -> None:
        for name in remove:
            state(data, "CL")["agency"].pop(name, None)

    broken = edited_dataset(datasets.MEMBER_STATE_DATA, tmp_path, strip)

    with pytest.raises(DataFileError, match=rf"member_states\[\d+\]: agency: “{missing}” is missing"):
        load([broken])


def test_an_agency_is_known_from_its_source_and_date(db):
    uruguay = CountryPage.objects.get(iso_alpha2="UY")

    assert (uruguay.agency_url, uruguay.agency_source) == ("", "https://www.comprasestatales.gub.uy")
    assert uruguay.agency_as_of.isoformat() == "2025-01-31"
