"""What schema.org knows of a country profile: its procurement agency (see ``network.structured_data``)."""

from typing import Any

from django.http import HttpRequest

from countries.models import CountryPage
from network.public import schema_properties
from network.structured_data import SCHEMA, PageSchema, publisher, without_empty


def country_place(country: CountryPage) -> dict[str, Any]:
    return {"@type": "Country", "name": country.title, "identifier": country.iso_alpha2}


def country_agency(country: CountryPage, request: HttpRequest) -> list[dict[str, Any]]:
    """The country's public procurement agency, the member of the network; none when it has no name."""
    if not country.agency_name:
        return []
    agency = {
        "@context": SCHEMA,
        "@type": "GovernmentOrganization",
        **schema_properties(country),
        "url": country.agency_url or country.get_full_url(request),
        "areaServed": country_place(country),
        "address": {"@type": "PostalAddress", "addressCountry": country.iso_alpha2},
        "memberOf": publisher(request),
    }
    return [without_empty(agency)]


STRUCTURED_DATA = {CountryPage: PageSchema(json_ld=country_agency, reference=country_place)}
