"""A country profile as a PDF, in the language of its address, laid out from the site's own files only."""

import io

from django.core.exceptions import SuspiciousFileOperation

import pytest
from pypdf import PdfReader

from countries.pdf import SiteFiles

pytestmark = pytest.mark.usefixtures("shared_countries")


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.django_db
class TestProfilePdf:
    @pytest.mark.parametrize(
        ("url", "name", "other_language_name", "filename"),
        [
            ("/es/paises/peru/pdf/", "Perú", "Peru\n", "peru-es.pdf"),
            ("/en/countries/peru/pdf/", "Peru", "Perú", "peru-en.pdf"),
        ],
        ids=["es", "en"],
    )
    def test_the_profile_in_the_language_of_its_address(
        self, client, url, name, other_language_name, filename
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == f'inline; filename="{filename}"'
        assert response.content.startswith(b"%PDF-")
        text = pdf_text(response.content)
        assert name in text
        assert other_language_name not in text
        # The site's navigation and footer stay off paper (the print stylesheet was applied).
        assert "Skip to main content" not in text
        assert "Saltar al contenido" not in text

    @pytest.mark.parametrize(
        ("url", "link"),
        [("/es/paises/peru/", "/es/paises/peru/pdf/"), ("/en/countries/peru/", "/en/countries/peru/pdf/")],
        ids=["es", "en"],
    )
    def test_the_profile_links_to_its_pdf(self, client, url, link):
        assert f'<a href="{link}" type="application/pdf">' in client.get(url).content.decode()

    def test_a_client_asking_for_too_many_pdfs_is_told_to_wait_and_others_are_not(self, client, settings):
        settings.PDF_RENDERS_PER_MINUTE = 2
        for _attempt in range(2):
            assert client.get("/es/paises/peru/pdf/", REMOTE_ADDR="203.0.113.7").status_code == 200

        refused = client.get("/en/countries/peru/pdf/", REMOTE_ADDR="203.0.113.7")

        assert refused.status_code == 429
        assert refused["Retry-After"] == "60"
        assert "try again in a minute" in refused.content.decode()
        assert client.get("/es/paises/peru/pdf/", REMOTE_ADDR="203.0.113.8").status_code == 200

    def test_a_draft_has_no_pdf(self, client):
        assert client.get("/es/paises/canada/pdf/").status_code == 404


class TestSiteFiles:
    """What WeasyPrint may read while it lays a profile out: this site's static files, nothing else."""

    def test_a_static_file_of_the_site_is_read_from_disk(self):
        response = SiteFiles("http://testserver/es/paises/peru/").fetch(
            "http://testserver/static/network/css/site.css"
        )
        assert response.content_type == "text/css"
        assert b"@media print" in response.read()

    @pytest.mark.parametrize(
        ("url", "refusal"),
        [
            ("http://169.254.169.254/static/network/css/site.css", ValueError),
            ("http://testserver/es/paises/peru/", ValueError),
            ("file:///etc/passwd", ValueError),
            ("http://testserver/static/../network/settings/base.py", SuspiciousFileOperation),
        ],
        ids=["other-host", "a-page", "file", "outside-static"],
    )
    def test_anything_else_is_refused(self, url, refusal):
        with pytest.raises(refusal):
            SiteFiles("http://testserver/es/paises/peru/").fetch(url)
