"""The demo content, loaded once per test through the real loader and indexed by the publish signals."""

from django.core.management import call_command

import pytest


@pytest.fixture
def demo_site(db):
    call_command("load_demo_content", verbosity=0)
