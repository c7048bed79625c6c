"""Every UI string is in the catalogues, and every one has a Spanish translation.

The catalogues in locale/ are compared with a fresh extraction of the
sources (``makemessages`` on a copy of the apps), so a string added to a
template or to Python code without updating locale/ fails here.
"""

import os
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

import pytest

# Every app of the project (news, portals and contracting were once left out of the check).
APPS = ["network", "countries", "news", "portals", "contracting", "events", "search", "demo"]
CATALOGUE = Path("LC_MESSAGES") / "django.po"


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory) -> Path:
    workdir = tmp_path_factory.mktemp("extraction")
    for app in APPS:
        shutil.copytree(
            settings.BASE_DIR / app, workdir / app, ignore=shutil.ignore_patterns("__pycache__", "migrations")
        )
    (workdir / "locale").mkdir()
    with override_settings(LOCALE_PATHS=[workdir / "locale"]):
        cwd = Path.cwd()
        try:
            os.chdir(workdir)
            call_command("makemessages", locale=["es", "en"], verbosity=0)
        finally:
            os.chdir(cwd)
    return workdir / "locale"


def msgcmp(committed: Path, fresh: Path, *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run(["msgcmp", *flags, str(committed), str(fresh)], capture_output=True, text=True)


def test_spanish_catalogue_translates_every_ui_string(fresh_catalogues):
    result = msgcmp(settings.BASE_DIR / "locale/es" / CATALOGUE, fresh_catalogues / "es" / CATALOGUE)
    assert result.returncode == 0, "Run `make translations` and translate:\n" + result.stderr


def test_english_catalogue_holds_every_ui_string(fresh_catalogues):
    result = msgcmp(
        settings.BASE_DIR / "locale/en" / CATALOGUE,
        fresh_catalogues / "en" / CATALOGUE,
        "--use-untranslated",
    )
    assert result.returncode == 0, "Run `make translations`:\n" + result.stderr


def test_no_spanish_entry_is_fuzzy():
    catalogue = (settings.BASE_DIR / "locale/es" / CATALOGUE).read_text()
    assert "#, fuzzy" not in catalogue


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_plural_entry_has_the_forms_its_language_counts(language):
    """Spanish counts three plural forms (one, millions, other): an entry with two shows
    "3 results" in English on a Spanish page, and ``compilemessages`` does not say so."""
    catalogue = settings.BASE_DIR / "locale" / language / CATALOGUE
    result = subprocess.run(
        ["msgfmt", "--check", "--output-file=/dev/null", str(catalogue)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
