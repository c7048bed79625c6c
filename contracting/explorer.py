"""The explorer: routes of the procurement data page that let readers find processes.

``explorar/`` (``explore/``) searches the processes of every country with data,
``explorar/py/`` those of one country (its ISO 3166 alpha-2 code); below a country,
``proceso/<id>/`` (``process/<id>/``) shows one process and ``organizacion/<id>/``
(``organisation/<id>/``) one buyer or supplier. The filters live in the query string (a GET
form), so a selection is a shareable address, kept by the language switcher
(``network.i18n.translated_route``); ``?format=csv`` or ``?format=json`` downloads it.

``contracting.models.procurement_data_page`` builds the page from this mixin; this module and
those it imports read ``contracting.models.data``, never the package, so nothing imports itself.
"""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.contrib.routable_page.models import path

from contracting import pages
from contracting.models.data import Dataset
from network.params import parse_country_code, parse_id


class ExplorerMixin:
    """Routes of the explorer, for a ``RoutablePageMixin`` page (the procurement data page)."""

    @path("explorar/", name="explorer-es")
    @path("explore/", name="explorer-en")
    def explorer(self, request: HttpRequest) -> HttpResponse:
        return self._explorer(request, country=None)

    @path("explorar/<str:code>/", name="country-explorer-es")
    @path("explore/<str:code>/", name="country-explorer-en")
    def country_explorer(self, request: HttpRequest, code: str) -> HttpResponse:
        return self._explorer(request, country=self._country(code))

    @path("explorar/<str:code>/proceso/<str:pk>/", name="process-es")
    @path("explore/<str:code>/process/<str:pk>/", name="process-en")
    def process(self, request: HttpRequest, code: str, pk: str) -> HttpResponse:
        iso = parse_country_code(code)
        if iso is None:
            raise Http404
        return self.render(
            request,
            template="contracting/process.html",
            context_overrides=pages.process_context(self, request, iso, _object_id(pk)),
        )

    @path("explorar/<str:code>/organizacion/<str:pk>/", name="organisation-es")
    @path("explore/<str:code>/organisation/<str:pk>/", name="organisation-en")
    def organisation(self, request: HttpRequest, code: str, pk: str) -> HttpResponse:
        country = self._country(code)
        return self.render(
            request,
            template="contracting/organisation.html",
            context_overrides=pages.organisation_context(self, request, country, _object_id(pk)),
        )

    def _explorer(self, request: HttpRequest, country) -> HttpResponse:
        download = request.GET.get("format", "")
        if download:
            if download not in pages.DOWNLOAD_FORMATS:
                return HttpResponseBadRequest(
                    _("Unknown download format “%(format)s”: use csv or json.") % {"format": download[:20]},
                    content_type="text/plain; charset=utf-8",
                )
            return pages.download(self, request, country, download)
        return self.render(
            request,
            template="contracting/explorer.html",
            context_overrides=pages.explorer_context(self, request, country),
        )

    def _country(self, code: str):
        """The live country profile with data whose ISO code ``code`` is, or 404."""
        iso = parse_country_code(code)
        dataset = (
            Dataset.objects.filter(country__live=True, country__iso_alpha2=iso)
            .select_related("country")
            .first()
            if iso
            else None
        )
        if dataset is None:
            raise Http404
        return dataset.country

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["explorer_url"] = self.explorer_url()
        return context

    # --- Addresses, in the active language ------------------------------------------------------

    def explorer_url(self, country=None) -> str:
        """The explorer of ``country`` (a country profile), or of every country."""
        if country is None:
            return self.url + self.reverse_subpage(f"explorer-{get_language()}")
        return self.url + self.country_explorer_route(country.iso_alpha2)

    @classmethod
    def country_explorer_route(cls, code: str) -> str:
        """The path of a country's explorer below the page, in the active language."""
        return cls.get_resolver().reverse(f"country-explorer-{get_language()}", code=code.lower())

    def process_url(self, code: str, pk: int) -> str:
        return self.url + self.reverse_subpage(
            f"process-{get_language()}", kwargs={"code": code.lower(), "pk": pk}
        )

    def organisation_url(self, code: str, pk: int) -> str:
        return self.url + self.reverse_subpage(
            f"organisation-{get_language()}", kwargs={"code": code.lower(), "pk": pk}
        )


def _object_id(value: str) -> int:
    """A process's or organisation's id from the address, or 404 (never a database overflow)."""
    pk = parse_id(value)
    if pk is None:
        raise Http404
    return pk
