"""The member countries as a download (see ``network.exports``), in ``CountryPage.public_fields``."""

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from countries.models import CountryPage
from network.exports import Dataset
from network.ordering import alphabetical
from network.tree import visible


def country_rows(request: HttpRequest) -> list[CountryPage]:
    return alphabetical(visible(CountryPage.objects.all()).prefetch_related("system_modules"))


DATASETS = {"countries": Dataset(_("Member countries"), CountryPage, country_rows)}
