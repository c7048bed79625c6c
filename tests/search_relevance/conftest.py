"""The demo content, loaded once per test through the real loader and indexed by the publish signals."""

from django.core.management import call_command

import pytest

from network.models import NetworkDocument
from search.tasks import extract_document_text


@pytest.fixture
def demo_site(db):
    call_command("load_demo_content", verbosity=0)
    # The upload's text extraction is queued for after the commit, which a test never reaches: run it.
    for document in NetworkDocument.objects.all():
        extract_document_text.call(document.pk, document.file.name)
