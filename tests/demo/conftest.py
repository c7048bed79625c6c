"""The demo site, loaded once for every test of this package.

Loading it takes the longest setup of the suite (about 20 s alone on PostgreSQL), and the
package's modules only read it or change it inside their own savepoints: they share one load,
in one pytest-xdist worker (see ``tests/conftest.py``), rolled back after the package's last test.
"""

import io

from django.core.management import call_command
from django.test import override_settings

import pytest

from network.models import HomePage, NetworkDocument
from search.tasks import extract_document_text
from tests.conftest import shared_content


def load_demo_content() -> None:
    call_command("load_demo_content", stdout=io.StringIO())


def load_demo_content_on_an_empty_database() -> None:
    """The demo loaded as on a fresh installation (no site exists before it), its documents'
    text extracted: the upload queues that for after the commit, which a test never reaches."""
    assert not HomePage.objects.exists(), "the demo must be loaded on an empty database"
    load_demo_content()
    for document in NetworkDocument.objects.all():
        extract_document_text.call(document.pk, document.file.name)


@pytest.fixture(scope="package")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo site, its generated files in a temporary media folder."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield from shared_content(django_db_blocker, load_demo_content_on_an_empty_database)
