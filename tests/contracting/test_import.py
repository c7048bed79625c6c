"""Importing OCDS data: the vendored samples of real publications, merging, idempotence, the bad
input publishers really produce, the ``import_ocds`` command, and memory that does not grow with
the file.

The expected counts of each sample were made outside the tests, from the vendored JSON, with a
short Python script (and checked with jq where a one-liner does it):

- each file is ``json.load``-ed; its full releases are a package's ``releases``, a bare release,
  or a record's embedded releases — or, when a record only links its releases (objects of
  ``url``, ``date`` and ``tag``), its ``compiledRelease``; an empty file, or a record with links
  and no compiled release, gives none;
- processes = distinct ``ocid``; releases = distinct (ocid, release id), so one release found in
  both a release file and a record counts once;
- awards = distinct award ids per ocid (later releases repeat earlier awards, and a release may
  list one award id several times: the merge keeps one);
- currencies = every ``currency`` of tender, award and contract values;
- buyers = distinct ``buyer`` ids, else ``tender.procuringEntity`` ids (OCDS 1.0), as published;
  an OCDS 1.0 organisation without an id gets one derived from its details by the upgrade;
- a release with a currency outside ISO 4217 is counted as rejected, not imported.
"""

import gzip
import io
import json
import tracemalloc
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.core.management import CommandError, call_command

import pytest

from bench.ocds import Generator
from contracting import importer
from contracting.importer import compiled_alone, import_files
from contracting.models import PROCESS_COPY, Award, Classification, Contract, Dataset, Process, Release
from contracting.reading import Item, read
from tests.contracting.conftest import (
    SAMPLES,
    compiled_releases,
    package,
    release,
    row_counts,
    sample_file,
    sample_paths,
    samples,
    write_json,
)


@dataclass(frozen=True)
class Expected:
    processes: int
    releases: int
    awards: int
    currencies: frozenset[str]
    buyers: int
    problems: int


EXPECTED = {
    # Seven OCIDs in the files (``jq -r .ocid paraguay/releases/*.json | sort | uniq -c`` gives
    # five with 5, 7, 4, 2 and 4 releases; the records add 284745 and 284437). 284745.json links
    # its releases and has a compiled release: one release. 284437.json links one release and has
    # no compiled release: nothing, a problem; 283826.json is empty: a problem. One award id in
    # each process but 284453 (planning and tender only). 280555 is in USD. Six buyers: 284462
    # and 284745 both name the Municipalidad de Ciudad del Este, but 284745's record (OCDS 1.0
    # in shape) gives it no id, so the upgrade derives one from its details: two organisations.
    "paraguay": Expected(6, 5 + 7 + 4 + 2 + 4 + 1, 5, frozenset({"PYG", "USD"}), 6, 2),
    # Five OCIDs, one release each; the record of 16-12-5282643 holds the same release as its
    # release file. 16-12-5280389 lists award 4817054 four times; 16-13-5282714 (an award
    # cancellation) has no award. 16-12-5282643 and 16-13-5282714 share their buyer.
    "colombia": Expected(5, 5, 4, frozenset({"COP"}), 4, 0),
    # SFIN-03-0001: planning, tender, award, contract; SFIN-03-0007: the same and implementation;
    # SFIN-03-0011: planning only. One buyer (SEPAF) for all three.
    "mexico-jalisco": Expected(3, 4 + 5 + 1, 2, frozenset({"MXN"}), 1, 0),
    # 105 and 108 in the releases of March and October 2017, one award each, one buyer (GACM);
    # the release of 390 gives its amounts in "MNX": rejected, a problem.
    "mexico-gacm": Expected(2, 4, 2, frozenset({"MXN"}), 1, 1),
    # Five OCIDs, one release and one award each; "Service de l'eau" (id service-de-leau) buys
    # two of them.
    "canada-montreal": Expected(5, 5, 5, frozenset({"CAD"}), 4, 0),
}
PARAGUAY_RELEASES = SAMPLES / "paraguay" / "releases"
# Process ocds-03ad3f-274231 of Paraguay: DNCP's tender release of 2017-08-08 and a newer tender
# release of 2017-09-08 (another release id) that changes the tender's status, period and value.
TENDER_OF_AUGUST = "274231-adquisicion-equipos-comunicacion-terminales-opticos-transmision-3-tender"
TENDER_OF_SEPTEMBER = (
    "ocds-03ad3f-274231-274231-adquisicion-equipos-comunicacion-terminales-opticos-transmision-tender"
)


def currencies_of(dataset: Dataset) -> set[str]:
    found = set(dataset.processes.values_list("tender_currency", flat=True))
    for model in (Award, Contract):
        found |= set(model.objects.filter(process__dataset=dataset).values_list("currency", flat=True))
    return found - {""}


def august_files_of_274231() -> list[Path]:
    return sorted(PARAGUAY_RELEASES.glob("274231-*.json"))


# --- The vendored samples ------------------------------------------------------------------


def test_samples_yaml_lists_every_vendored_file_and_nothing_else():
    listed = {SAMPLES / name for sample in samples().values() for name in sample["files"]}
    vendored = set(SAMPLES.rglob("*.json"))

    assert listed == vendored
    assert set(EXPECTED) == set(samples())


def test_every_sample_names_its_publisher_licence_and_source():
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")

    assert "546c06a868e867a2daeee01fed5dd09dbf25b477" in readme
    assert "not the countries' totals" in readme
    for key, sample in samples().items():
        assert all(sample[name] for name in ("country", "name", "publisher", "licence", "source_url"))
        assert sample["source_url"].startswith("https://")
        assert f"## {key}/" in readme
        assert all(name.startswith(f"{key}/") for name in sample["files"])


def test_vendored_samples_stay_small():
    assert sum(path.stat().st_size for path in SAMPLES.rglob("*")) < 1_500_000


@pytest.mark.parametrize("key", EXPECTED)
def test_each_sample_imports_with_the_counts_made_by_hand(key, make_dataset):
    sample, expected = samples()[key], EXPECTED[key]
    dataset = make_dataset(sample["country"], sample["name"])

    summary = import_files(dataset, sample_paths(key))

    processes = dataset.processes.all()
    assert processes.count() == expected.processes
    assert Release.objects.filter(process__dataset=dataset).count() == expected.releases
    assert Award.objects.filter(process__dataset=dataset).count() == expected.awards
    assert currencies_of(dataset) == expected.currencies
    assert processes.exclude(buyer=None).values("buyer").distinct().count() == expected.buyers
    assert len(summary.problems) == expected.problems, summary
    assert summary.processes_created == expected.processes
    assert summary.releases_new == expected.releases
    dataset.refresh_from_db()
    assert (dataset.process_count, dataset.release_count) == (expected.processes, expected.releases)
    assert dataset.first_date is not None and dataset.last_import_at is not None


def test_an_empty_published_file_is_reported_and_the_others_imported(dataset):
    empty = sample_file("paraguay", "283826.json")
    assert empty.stat().st_size == 0

    summary = import_files(dataset, [empty, sample_file("paraguay", "284745.json")])

    (problem,) = summary.problems
    assert (problem.source, problem.message) == ("283826.json", "the file is empty")
    assert dataset.processes.get().ocid == "ocds-03ad3f-284745"


def test_a_currency_outside_iso_4217_rejects_its_release_with_file_and_place(make_dataset):
    dataset = make_dataset("MX", "GACM")

    summary = import_files(dataset, sample_paths("mexico-gacm"))

    (problem,) = summary.problems
    assert problem.source == "390-RELEASE_390_2017-10-04T00_53_18_722Z.json"
    assert problem.position == "item 1"
    assert "unknown currency 'MNX' in tender/value (390)" in problem.message
    assert set(dataset.processes.values_list("ocid", flat=True)) == {"105", "108"}


# --- Record packages and OCDS 1.0 ------------------------------------------------------------


def test_a_record_that_only_links_its_releases_is_imported_from_its_compiled_release(dataset):
    summary = import_files(dataset, [sample_file("paraguay", "284745.json")])

    process = dataset.processes.get()
    assert summary.problems == []
    assert process.ocid == "ocds-03ad3f-284745"
    assert process.compiled["tag"] == ["compiled"]
    # From the compiled release, which the linked releases ({date, tag, url}) only point to:
    assert process.buyer.name == "Municipalidad de Ciudad del Este"
    award = process.awards.get()
    assert (award.amount, award.currency) == (947354961, "PYG")
    assert process.releases.count() == 1


def test_a_record_with_links_and_no_compiled_release_is_reported(dataset):
    summary = import_files(dataset, [sample_file("paraguay", "284437.json")])

    (problem,) = summary.problems
    assert (problem.source, problem.position) == ("284437.json", "record 1")
    assert "without its releases or compiled release" in problem.message
    assert not dataset.processes.exists()


def test_ocds_1_0_releases_are_upgraded_with_their_parties(make_dataset):
    dataset = make_dataset("CA", "Montréal")
    path = sample_file("canada-montreal", "479ed54d04ef57f019dab7e6439d1f12871709a8")
    published = json.loads(path.read_text(encoding="utf-8"))
    assert "parties" not in published and "version" not in published

    import_files(dataset, [path])

    process = dataset.processes.get()
    roles = {party["name"]: party["roles"] for party in process.compiled["parties"]}
    assert roles == {
        "Service de l'eau": ["buyer"],
        "Fonctionnaires": ["procuringEntity"],
        "LE GROUPE KEBECSON  INC.": ["supplier"],
    }
    parties = {party["name"]: party["id"] for party in process.compiled["parties"]}
    assert process.compiled["buyer"] == {"id": parties["Service de l'eau"], "name": "Service de l'eau"}
    assert process.buyer.identifier == parties["Service de l'eau"]
    award = process.awards.get()
    assert [supplier.name for supplier in award.suppliers.all()] == ["LE GROUPE KEBECSON  INC."]
    assert (award.amount, award.currency) == (Decimal("10786.27"), "CAD")


# --- Merging ----------------------------------------------------------------------------------


def test_releases_of_one_process_in_several_files_make_one_process_with_fields_from_each(dataset):
    paths = sorted(PARAGUAY_RELEASES.glob("277004-*.json"))
    published = [json.loads(path.read_text(encoding="utf-8")) for path in paths]
    assert len(paths) == 7

    import_files(dataset, paths)

    process = dataset.processes.get()
    compiled = process.compiled
    assert process.releases.count() == 7
    planning = next(r["planning"] for r in published if "planning" in r)
    assert compiled["planning"]["budget"]["description"] == planning["budget"]["description"]
    assert compiled["tender"]["title"] == next(r["tender"] for r in published if "tender" in r)["title"]
    assert [award["id"] for award in compiled["awards"]] == [
        "277004-adquisicion-equipos-e-insumos-informaticos-1"
    ]
    contract_ids = {contract["id"] for r in published for contract in r.get("contracts", [])}
    assert len(contract_ids) == 4
    assert {contract["id"] for contract in compiled["contracts"]} == contract_ids
    assert set(process.contracts.values_list("contract_id", flat=True)) == contract_ids


@pytest.mark.parametrize("newer_first", [False, True], ids=["by date", "newer file first"])
def test_the_newer_release_wins_on_a_field_both_set(dataset, newer_first):
    august, september = (
        PARAGUAY_RELEASES / f"{TENDER_OF_AUGUST}.json",
        PARAGUAY_RELEASES / f"{TENDER_OF_SEPTEMBER}.json",
    )
    paths = [september, august] if newer_first else [august, september]

    import_files(dataset, paths)

    process = dataset.processes.get()
    tender = process.compiled["tender"]
    # August: complete, from 2016-03-15, PYG 600,000,000; September: unsuccessful, from
    # 2015-01-06, and the amount set to null, which removes it.
    assert tender["status"] == process.status == "unsuccessful"
    assert tender["tenderPeriod"]["startDate"] == "2015-01-06T07:30:00-05:00"
    assert tender["value"] == {"currency": "PYG"}
    assert process.tender_amount is None
    assert process.compiled["date"] == "2017-09-08T07:18:20-04:00"


def test_the_newer_release_wins_within_one_file_whatever_its_place(dataset, tmp_path):
    newer = release(1, id="1-update", date="2020-04-01T00:00:00Z")
    newer["tender"] = {"id": "1", "title": "Título corregido"}
    path = write_json(tmp_path / "paquete.json", package([newer, release(1)]))

    import_files(dataset, [path])

    process = dataset.processes.get()
    assert process.title == "Título corregido"
    assert process.compiled["tender"]["value"] == {"amount": 1001, "currency": "USD"}


def releases_of_the_samples() -> list[dict]:
    """Every release of the vendored samples as the importer reads, checks and upgrades it."""
    return [
        checked
        for key in samples()
        for path in sample_paths(key)
        for entry in read(path)
        if isinstance(entry, Item)
        for checked in importer._releases(entry, importer.Summary())
    ]


def test_a_process_of_one_release_is_compiled_as_ocdsmerge_compiles_it():
    """The importer's shortcut (``compiled_alone``) against ocdsmerge, on every release of the
    samples and on releases of the benchmark's generator (SERCOP's shape)."""
    generated = Generator().releases()
    releases = releases_of_the_samples() + [next(generated) for _ in range(300)]

    shortcuts = 0
    for checked in releases:
        alone = compiled_alone(checked)
        if alone is not None:
            shortcuts += 1
            assert alone == importer.merger().create_compiled_release([checked]), checked["id"]

    assert shortcuts >= 300
    assert shortcuts < len(releases)  # some sample releases (nulls, repeated ids) need ocdsmerge


@pytest.mark.filterwarnings("ignore::ocdsmerge.exceptions.DuplicateIdValueWarning")
def test_the_shortcut_leaves_to_ocdsmerge_what_merging_changes():
    repeated_award = release(1, awards=[{"id": "a", "status": "pending"}, {"id": "a", "status": "active"}])
    null_value = release(2, title=None)
    empty_object = release(3, planning={})

    for changed in (repeated_award, null_value, empty_object):
        assert compiled_alone(changed) is None
        assert importer.merger().create_compiled_release([changed]) != {
            **changed,
            "tag": ["compiled"],
            "id": f"{changed['ocid']}-{changed['date']}",
        }


# --- Idempotence --------------------------------------------------------------------------------


def test_importing_the_same_files_twice_changes_nothing(make_dataset):
    datasets = {key: make_dataset(sample["country"], sample["name"]) for key, sample in samples().items()}
    for key, dataset in datasets.items():
        import_files(dataset, sample_paths(key))
    counts, compiled = row_counts(), compiled_releases()

    summaries = [import_files(dataset, sample_paths(key)) for key, dataset in datasets.items()]

    assert row_counts() == counts
    assert compiled_releases() == compiled
    assert sum(summary.releases_new for summary in summaries) == 0
    assert sum(summary.processes_unchanged for summary in summaries) == Process.objects.count()


def test_a_newer_release_of_a_known_process_updates_it(dataset):
    import_files(dataset, august_files_of_274231())
    before = dataset.processes.get()
    assert (before.status, before.tender_amount) == ("complete", 600_000_000)

    summary = import_files(dataset, [PARAGUAY_RELEASES / f"{TENDER_OF_SEPTEMBER}.json"])

    after = dataset.processes.get()
    assert (summary.processes_created, summary.processes_updated, summary.releases_new) == (0, 1, 1)
    assert after.pk == before.pk
    assert (after.status, after.tender_amount) == ("unsuccessful", None)
    assert after.releases.count() == 5
    assert after.release_date > before.release_date
    # What the older releases brought stays: the award and the contract.
    assert after.compiled["awards"] == before.compiled["awards"]
    assert after.compiled["contracts"] == before.compiled["contracts"]
    # Its industries' copies of its values (what the explorer reads an industry from) follow it.
    assert after.classifications.exists()
    assert all(copies_of(after, row) for row in after.classifications.all())


def copies_of(process: Process, row: Classification) -> bool:
    """Whether an industry ``row`` holds its process's values (``PROCESS_COPY``)."""
    columns = [Classification._meta.get_field(name).attname for name in PROCESS_COPY]
    return [getattr(row, column) for column in columns] == [getattr(process, column) for column in columns]


def test_awards_keep_their_suppliers_when_updated_and_new_processes_share_a_batch(dataset, tmp_path):
    """The importer reads the awards' ids back by process and id: a process updated (its older
    id) and processes created after it (newer ids), interleaved in one batch, each keep theirs."""

    def awarded(number: int, day: int, *suppliers: str) -> dict:
        awards = [
            {"id": f"{number}-{index}", "suppliers": [{"id": supplier, "name": supplier}]}
            for index, supplier in enumerate(suppliers)
        ]
        return release(number, id=f"{number}-{day}", date=f"2020-03-{day:02d}T10:00:00Z", awards=awards)

    import_files(dataset, [write_json(tmp_path / "marzo.json", package([awarded(2, 1, "B")]))])
    newer = [awarded(1, 5, "A", "C"), awarded(2, 5, "D", "E"), awarded(3, 5, "F")]

    summary = import_files(dataset, [write_json(tmp_path / "abril.json", package(newer))])

    assert (summary.processes_created, summary.processes_updated) == (2, 1)
    stored = {
        award.award_id: sorted(organisation.identifier for organisation in award.suppliers.all())
        for award in Award.objects.filter(process__dataset=dataset)
    }
    compiled = {
        award["id"]: sorted(supplier["id"] for supplier in award["suppliers"])
        for process in dataset.processes.all()
        for award in process.compiled["awards"]
    }
    assert stored == compiled
    assert set(stored) == {"1-0", "1-1", "2-0", "2-1", "3-0"}
    assert stored["1-1"] == ["C"] and stored["3-0"] == ["F"]


def test_importing_an_older_release_again_changes_nothing(dataset):
    import_files(dataset, [*august_files_of_274231(), PARAGUAY_RELEASES / f"{TENDER_OF_SEPTEMBER}.json"])
    counts, compiled = row_counts(), compiled_releases()

    summary = import_files(dataset, [PARAGUAY_RELEASES / f"{TENDER_OF_AUGUST}.json"])

    assert (summary.releases_read, summary.releases_new, summary.processes_unchanged) == (1, 0, 1)
    assert row_counts() == counts
    assert compiled_releases() == compiled


def test_a_release_id_republished_with_a_new_date_updates_its_process(dataset, tmp_path):
    """Paraguay's DNCP re-publishes a release under the same id with a new date."""
    first = release(1, id="1-tender", date="2020-03-02T10:00:00Z")
    republished = release(
        1,
        id="1-tender",
        date="2020-04-06T10:00:00Z",
        tender={**first["tender"], "status": "cancelled"},
    )
    import_files(dataset, [write_json(tmp_path / "marzo.json", package([first]))])

    summary = import_files(dataset, [write_json(tmp_path / "abril.json", package([republished]))])

    process = dataset.processes.get()
    assert (summary.processes_updated, summary.releases_new) == (1, 1)
    assert process.status == "cancelled"
    assert list(process.releases.values_list("release_id", flat=True)) == ["1-tender", "1-tender"]
    counts, compiled = row_counts(), compiled_releases()

    again = import_files(dataset, [tmp_path / "marzo.json", tmp_path / "abril.json"])

    assert (again.releases_new, again.processes_unchanged) == (0, 1)
    assert row_counts() == counts
    assert compiled_releases() == compiled


# --- Bad input: reported with file and place, the rest imported ----------------------------------


def test_a_file_that_is_not_json_is_reported(dataset, tmp_path):
    page = tmp_path / "datos.json"
    page.write_text("<html><body>502 Bad Gateway</body></html>", encoding="utf-8")
    good = write_json(tmp_path / "bueno.json", package([release(1)]))

    summary = import_files(dataset, [page, good])

    (problem,) = summary.problems
    assert (problem.source, problem.position) == ("datos.json", "byte 0")
    assert problem.message.startswith("not JSON: it begins with '<html>")
    assert dataset.processes.count() == 1


def test_invalid_json_in_the_middle_of_a_large_file_costs_only_that_release(dataset, tmp_path):
    text = json.dumps(package([release(number) for number in range(1, 5001)]), indent=1)
    marker = '"ocid": "ocds-test00-2500",'
    text = text.replace(marker, '"ocid": "ocds-test00-2500" "sin coma",')
    path = tmp_path / "grande.json"
    path.write_text(text, encoding="utf-8")
    broken_at = text.encode().index(b'"sin coma"')

    summary = import_files(dataset, [path])

    (problem,) = summary.problems
    assert problem.source == "grande.json"
    assert problem.position == f"byte {broken_at:,}"
    assert "invalid JSON in release 2500" in problem.message
    assert dataset.processes.count() == 4999
    assert not dataset.processes.filter(ocid="ocds-test00-2500").exists()
    assert dataset.processes.filter(ocid="ocds-test00-2501").exists()


def test_latin_1_bytes_cost_the_release_they_are_in(dataset, tmp_path):
    releases = [release(1), release(2, description="Educación y Salud"), release(3)]
    text = "Educación y Salud"
    data = (
        json.dumps(package(releases), ensure_ascii=False)
        .encode()
        .replace(text.encode(), text.encode("latin-1"))
    )
    path = tmp_path / "latin1.json"
    path.write_bytes(data)

    summary = import_files(dataset, [path])

    (problem,) = summary.problems
    assert problem.source == "latin1.json"
    assert problem.position == f"byte {data.index('ó'.encode('latin-1')):,}"
    assert "not UTF-8 text in release 2" in problem.message
    assert set(dataset.processes.values_list("ocid", flat=True)) == {"ocds-test00-1", "ocds-test00-3"}


def test_a_utf_16_file_with_its_byte_order_mark_imports_fully(dataset, tmp_path):
    releases = [release(1, description="Educación"), release(2), release(3)]
    path = tmp_path / "utf16.json"
    path.write_bytes(json.dumps(package(releases), ensure_ascii=False).encode("utf-16"))
    assert path.read_bytes()[:2] == b"\xff\xfe"

    summary = import_files(dataset, [path])

    assert summary.problems == []
    assert dataset.processes.count() == 3
    assert dataset.processes.get(ocid="ocds-test00-1").compiled["description"] == "Educación"


def test_a_release_without_an_ocid_is_reported(dataset, tmp_path):
    orphan = release(2)
    del orphan["ocid"]
    path = write_json(tmp_path / "sin-ocid.json", package([release(1), orphan, release(3)]))

    summary = import_files(dataset, [path])

    (problem,) = summary.problems
    assert (problem.source, problem.position) == ("sin-ocid.json", "release 2")
    assert problem.message == "a release without an ocid; skipped"
    assert dataset.processes.count() == 2


def test_an_unknown_currency_is_reported(dataset, tmp_path):
    typo = release(2)
    typo["tender"]["value"]["currency"] = "MNX"
    path = write_json(tmp_path / "moneda.json", package([release(1), typo]))

    summary = import_files(dataset, [path])

    (problem,) = summary.problems
    assert (problem.source, problem.position) == ("moneda.json", "release 2")
    assert problem.message == "unknown currency 'MNX' in tender/value (ocds-test00-2); skipped"
    assert dataset.processes.get().ocid == "ocds-test00-1"


def test_an_amount_given_as_text_is_reported(dataset, tmp_path):
    text_amount = release(2, awards=[{"id": "a1", "value": {"amount": "1.500,00", "currency": "USD"}}])
    path = write_json(tmp_path / "monto.json", package([release(1), text_amount, release(3)]))

    summary = import_files(dataset, [path])

    (problem,) = summary.problems
    assert (problem.source, problem.position) == ("monto.json", "release 2")
    assert "the amount in awards/0/value is text ('1.500,00')" in problem.message
    assert dataset.processes.count() == 2


def test_a_truncated_file_keeps_the_releases_before_the_cut(dataset, tmp_path):
    text = json.dumps(package([release(number) for number in range(1, 11)]))
    cut = text.index('"ocds-test00-7"') + 20
    path = tmp_path / "cortado.json"
    path.write_text(text[:cut], encoding="utf-8")

    summary = import_files(dataset, [path])

    (problem,) = summary.problems
    assert problem.source == "cortado.json"
    assert problem.position == f"byte {text.rindex('{', 0, text.index('ocds-test00-7')):,}"
    assert problem.message == "the file ends inside release 7; skipped"
    assert dataset.processes.count() == 6


def test_gzip_and_zip_files_holding_packages(dataset, tmp_path):
    gzipped = tmp_path / "paquete.json.gz"
    with gzip.open(gzipped, "wt", encoding="utf-8") as file:
        json.dump(package([release(1), release(2)]), file)
    zipped = tmp_path / "paquetes.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("enero.json", json.dumps(package([release(3)])))
        archive.writestr("febrero.json", json.dumps(package([release(4), release(5)])))

    summary = import_files(dataset, [gzipped, zipped])

    assert summary.problems == []
    assert (summary.files, summary.releases_read) == (2, 5)
    assert dataset.processes.count() == 5


def test_a_broken_member_of_a_zip_is_reported_by_its_name(dataset, tmp_path):
    zipped = tmp_path / "paquetes.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("enero.json", json.dumps(package([release(1)])))
        archive.writestr("febrero.json", "Not found")

    summary = import_files(dataset, [zipped])

    (problem,) = summary.problems
    assert problem.source == "paquetes.zip/febrero.json"
    assert dataset.processes.count() == 1


def test_json_lines_with_a_broken_line(dataset, tmp_path):
    path = tmp_path / "entregas.jsonl"
    lines = [json.dumps(release(1)), '{"ocid": "ocds-test00-2", "id": ', json.dumps(package([release(3)]))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    summary = import_files(dataset, [path])

    (problem,) = summary.problems
    assert (problem.source, problem.position) == ("entregas.jsonl", "line 2")
    assert problem.message.startswith("invalid JSON")
    assert set(dataset.processes.values_list("ocid", flat=True)) == {"ocds-test00-1", "ocds-test00-3"}


def test_a_json_array_of_packages(dataset, tmp_path):
    path = write_json(tmp_path / "mes.json", [package([release(1), release(2)]), package([release(3)])])

    summary = import_files(dataset, [path])

    assert summary.problems == []
    assert dataset.processes.count() == 3


# --- The import_ocds command ---------------------------------------------------------------------


def run_import_ocds(*args: str) -> str:
    out = io.StringIO()
    call_command("import_ocds", *args, stdout=out, stderr=io.StringIO(), verbosity=0)
    return out.getvalue()


def test_import_ocds_imports_files_and_prints_a_summary(make_dataset):
    dataset = make_dataset("PY", "DNCP")

    output = run_import_ocds("py", *map(str, sample_paths("paraguay")))

    assert output.startswith(
        "25 file(s), 23 release(s) read, 23 new; processes: 6 created, 0 updated, 0 unchanged; 2 problem(s)"
    )
    assert "  283826.json: the file is empty" in output
    assert "  284437.json, record 1: a record without its releases or compiled release" in output
    assert dataset.processes.count() == 6


def test_import_ocds_chooses_among_several_datasets_by_name(make_dataset):
    make_dataset("MX", "Jalisco")
    gacm = make_dataset("MX", "GACM")
    paths = [str(path) for path in sample_paths("mexico-gacm")]

    with pytest.raises(CommandError, match="several datasets; choose one with --dataset NAME"):
        run_import_ocds("MX", *paths)
    run_import_ocds("MX", *paths, "--dataset", "GACM")

    assert gacm.processes.count() == 2


@pytest.mark.parametrize(
    ("country", "message"),
    [
        ("ZZ", "No open contracting dataset for ZZ"),
        ("UY", "No open contracting dataset for UY"),
    ],
    ids=["unknown country", "country without a dataset"],
)
def test_import_ocds_refuses_a_country_without_a_dataset(dataset, country, message):
    with pytest.raises(CommandError, match=message):
        run_import_ocds(country, str(sample_paths("canada-montreal")[0]))


def test_import_ocds_refuses_an_unknown_dataset_name(dataset):
    with pytest.raises(CommandError, match="No open contracting dataset for PY named 'Otro'"):
        run_import_ocds("PY", str(sample_file("paraguay", "284745.json")), "--dataset", "Otro")


def test_import_ocds_refuses_a_missing_file_and_imports_nothing(dataset, tmp_path):
    missing = tmp_path / "no-existe.json"

    with pytest.raises(CommandError, match=f"{missing}: no such file"):
        run_import_ocds("PY", str(sample_file("paraguay", "284745.json")), str(missing))
    assert not dataset.processes.exists()


# --- Memory ----------------------------------------------------------------------------------------


def write_large_file(path: Path, processes: int) -> Path:
    """Two releases of ~25 KB per process (a tender, then its award), written one at a time."""
    description = "Adquisición de insumos y servicios para las unidades de la institución. " * 350
    with path.open("w", encoding="utf-8") as file:
        file.write('{"uri": "https://datos.example.org/grande.json", "version": "1.1", "releases": [\n')
        for number in range(2 * processes):
            process, stage = divmod(number, 2)
            entry = release(process, id=f"{process}-{stage}", date=f"2021-0{stage + 1}-01T00:00:00Z")
            entry["tender"]["description"] = f"{number} {description}"
            if stage:
                entry["awards"] = [
                    {"id": f"{process}-a", "value": {"amount": 10 + process, "currency": "USD"}}
                ]
            file.write(("," if number else "") + json.dumps(entry, ensure_ascii=False) + "\n")
        file.write("]}\n")
    return path


def import_peak(dataset: Dataset, path: Path) -> int:
    """The most memory Python held at once while importing ``path`` (tracemalloc), in bytes."""
    tracemalloc.start()
    try:
        summary = import_files(dataset, [path])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert summary.problems == []
    assert summary.releases_read == summary.releases_new
    return peak


def test_memory_does_not_grow_with_the_file(make_dataset, tmp_path, monkeypatch):
    """The same import at two file sizes, spooling every 50 releases and storing 20 processes a
    batch: a file four times larger must not need more memory. An importer that held the file
    (or every process) at once would need at least the 9 MB the larger file adds."""
    monkeypatch.setattr(importer, "BATCH", 20)
    monkeypatch.setattr(importer, "SPOOL_FLUSH", 50)
    small = write_large_file(tmp_path / "pequeño.json", 60)
    large = write_large_file(tmp_path / "grande.json", 240)
    added = large.stat().st_size - small.stat().st_size

    small_peak = import_peak(make_dataset(name="Pequeño"), small)
    large_dataset = make_dataset(name="Grande")
    large_peak = import_peak(large_dataset, large)

    assert added > 9_000_000
    assert large_dataset.processes.count() == 240
    assert Award.objects.filter(process__dataset=large_dataset).count() == 240
    assert large_peak - small_peak < added / 10, f"peaks {small_peak:,} and {large_peak:,} bytes"
