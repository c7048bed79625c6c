"""``manage.py load_reference_data``: the home page and the topics from network/data/, and the record
mechanism every dataset shares (a corrected file reaches the site, an editor's change or deletion stays)."""

from django.core.management import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail import hooks
from wagtail.models import Page, Revision

import pytest

from network import datasets
from network.models import HomePage, LoadedRecord, TopicIndexPage, TopicPage, TopicPriority
from network.reference import HOOK, DataFileError, Dataset, load
from tests.conftest import edited_dataset, load_reference_data

SME = "participacion-competitiva-de-las-pymes"


pytestmark = pytest.mark.usefixtures("reference_site")


def sme() -> TopicPage:
    return TopicPage.objects.get(slug_es=SME)


def first_topic(data: dict) -> dict:
    return data["topics"][0]


def state() -> dict:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "records": list(LoadedRecord.objects.order_by("pk").values_list("source", "key", "values")),
    }


def test_builds_the_skeleton_and_the_topics(db):
    home = HomePage.objects.get()
    index = TopicIndexPage.objects.child_of(home).get()

    assert home.title_en == "Inter-American Government Procurement Network" and home.body_en
    assert (index.slug_es, index.slug_en, index.show_in_menus) == ("temas", "topics", True)
    assert TopicPage.objects.child_of(index).live().count() == 17
    assert sme().priority == TopicPriority.HIGHEST


def test_loading_again_changes_nothing(db):
    before = state()

    load_reference_data()

    assert state() == before


def test_loading_again_reads_each_record_and_its_object_not_its_type(db):
    records = LoadedRecord.objects.count()
    with CaptureQueriesContext(connection) as queries:
        load_reference_data()
    assert len(queries) > 2 * records > 0
    assert len([query for query in queries if "django_content_type" in query["sql"]]) <= 1


def test_a_corrected_file_reaches_the_site_through_a_published_revision(db, tmp_path):
    revisions = sme().revisions.count()
    corrected = edited_dataset(
        datasets.TOPIC_DATA,
        tmp_path,
        lambda data: first_topic(data)["title"].update(en="SMEs in procurement"),
    )

    load([corrected])

    topic = sme()
    assert topic.title_en == "SMEs in procurement"
    assert topic.revisions.count() == revisions + 1
    assert topic.live_revision_id == topic.latest_revision_id and not topic.has_unpublished_changes


def test_each_topic_page_says_what_its_subject_covers_in_both_languages(db, client):
    for topic in TopicPage.objects.all():
        assert topic.body_es and topic.body_en, topic.slug_es
        assert {block.block_type for block in [*topic.body_es, *topic.body_en]} == {"paragraph"}

    response = client.get("/en/topics/competitive-sme-participation/")

    assert "splitting purchases into lots" in response.content.decode()


def test_a_corrected_body_reaches_a_topic_and_an_editors_body_stays(db, tmp_path):
    edited = TopicPage.objects.get(slug_es="marco-legal")
    edited.body_en = [("paragraph", "<p>The secretariat's own overview.</p>")]
    edited.save_revision().publish()

    def correct(data: dict) -> None:
        for topic in data["topics"]:
            topic["body"]["en"] = ["A corrected overview."]

    load([edited_dataset(datasets.TOPIC_DATA, tmp_path, correct)])

    assert "A corrected overview." in str(sme().body_en)
    assert "The secretariat's own overview." in str(TopicPage.objects.get(slug_es="marco-legal").body_en)


def test_a_body_that_is_no_list_of_paragraphs_is_refused_with_its_place(db, tmp_path):
    before = state()

    def break_it(data: dict) -> None:
        first_topic(data)["body"]["en"] = "One paragraph, not a list of them."

    with pytest.raises(DataFileError, match=r"topics\[0\]: body: “en” must be a list of paragraphs"):
        load([edited_dataset(datasets.TOPIC_DATA, tmp_path, break_it)])
    assert state() == before


def test_an_editors_change_survives_a_reload(db, tmp_path):
    topic = sme()
    topic.intro_en = "An editor's introduction."
    topic.save_revision().publish()

    def correct(data: dict) -> None:
        first_topic(data)["intro"]["en"] = "A corrected introduction."
        first_topic(data)["title"]["en"] = "SMEs in procurement"

    load([edited_dataset(datasets.TOPIC_DATA, tmp_path, correct)])

    topic = sme()
    assert topic.intro_en == "An editor's introduction."
    assert topic.title_en == "SMEs in procurement"


def test_an_editors_pending_draft_is_kept_and_not_published(db, tmp_path):
    topic = sme()
    topic.intro_en = "A draft introduction."
    topic.save_revision()

    load(
        [
            edited_dataset(
                datasets.TOPIC_DATA, tmp_path, lambda data: first_topic(data)["title"].update(en="SMEs")
            )
        ]
    )

    topic = sme()
    assert topic.title_en != "SMEs" and topic.has_unpublished_changes
    draft = topic.get_latest_revision_as_object()
    assert (draft.title_en, draft.intro_en) == ("SMEs", "A draft introduction.")


def test_a_deleted_object_is_not_created_again(db, tmp_path):
    sme().delete()

    load_reference_data()
    load(
        [
            edited_dataset(
                datasets.TOPIC_DATA, tmp_path, lambda data: first_topic(data)["title"].update(en="x")
            )
        ]
    )

    assert not TopicPage.objects.filter(slug_es=SME).exists()


def test_a_new_entry_in_the_file_is_created(db, tmp_path):
    new_topic = {
        "key": "sustainable-procurement",
        "priority": "common",
        "slug": {"es": "compras-sostenibles", "en": "sustainable-procurement"},
        "title": {"es": "Compras públicas sostenibles", "en": "Sustainable public procurement"},
        "intro": {"es": "Comprar pensando en el ambiente.", "en": "Buying with the environment in mind."},
    }

    load([edited_dataset(datasets.TOPIC_DATA, tmp_path, lambda data: data["topics"].append(new_topic))])

    topic = TopicPage.objects.get(slug_es="compras-sostenibles")
    assert topic.live and topic.get_parent().specific_class is TopicIndexPage


def test_an_entry_without_its_key_names_the_file_and_the_entry(db, tmp_path):
    broken = edited_dataset(datasets.TOPIC_DATA, tmp_path, lambda data: first_topic(data).pop("key"))

    with pytest.raises(DataFileError, match=r"topics\.yaml: topics\[0\]: “key” is missing"):
        load([broken])


def test_a_text_missing_a_language_is_named(db, tmp_path):
    broken = edited_dataset(datasets.TOPIC_DATA, tmp_path, lambda data: first_topic(data)["title"].pop("en"))

    with pytest.raises(DataFileError, match=r"topics\[0\]: title: “en” is missing"):
        load([broken])


def test_a_value_the_model_refuses_is_named(db, tmp_path):
    broken = edited_dataset(
        datasets.TOPIC_DATA, tmp_path, lambda data: first_topic(data).update(priority="urgent")
    )

    with pytest.raises(DataFileError, match=r"topics\[0\]: sme: .*urgent"):
        load([broken])


def test_the_command_reports_a_file_that_is_not_yaml(db, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("topics: [unclosed\n", encoding="utf-8")
    broken = Dataset("broken", path, datasets.load_topics)

    with (
        hooks.register_temporarily(HOOK, lambda: [broken]),
        pytest.raises(CommandError, match="not valid YAML"),
    ):
        load_reference_data()
