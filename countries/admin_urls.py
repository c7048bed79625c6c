"""The admin's page chooser, opened below one page, guarded for country editors.

Wagtail filters the pages the chooser lists (``construct_page_chooser_queryset``, which
``countries.wagtail_hooks`` narrows for a country's editors) but not the page it is opened
below, whose newest title heads the list: ``/admin/choose-page/<id>/`` named another country's
draft, a private page or one never published to anyone who could guess its id. The project's
URLs put this view ahead of Wagtail's own for that address.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import BrowseView
from wagtail.models import Page

from countries.editors import choosable_pages, sees_only_its_country
from countries.models import CountryIndexPage


@require_admin_access
def browse_below(request: HttpRequest, parent_page_id: int) -> HttpResponse:
    """Wagtail's chooser below ``parent_page_id``; not found for a country's editor who may not choose it."""
    chosen_below = Page.objects.filter(pk=parent_page_id)
    if (
        sees_only_its_country(request.user, CountryIndexPage.objects.first())
        and not choosable_pages(chosen_below, request.user).exists()
    ):
        raise Http404
    return BrowseView.as_view()(request, parent_page_id=parent_page_id)


urlpatterns = [path("choose-page/<int:parent_page_id>/", browse_below)]
