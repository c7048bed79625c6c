"""Institutions that organize the network's events, coordinate its initiatives or run portals.

Each one is found by its Spanish acronym. CONSUCODE no longer exists (OSCE
succeeded it), so it has no website; it stays because the 2005 agreements name it.
"""

from typing import NamedTuple

from countries.models import CountryPage
from portals.models import Institution


class InstitutionData(NamedTuple):
    acronym_es: str
    acronym_en: str
    name_es: str
    name_en: str
    country: str | None
    url: str


INSTITUTIONS = (
    InstitutionData(
        "OEA",
        "OAS",
        "Organización de los Estados Americanos",
        "Organization of American States",
        None,
        "https://www.oas.org",
    ),
    InstitutionData(
        "ChileCompra",
        "ChileCompra",
        "Dirección de Compras y Contratación Pública",
        "Public Procurement Directorate",
        "CL",
        "https://www.chilecompra.cl",
    ),
    InstitutionData(
        "GSA",
        "GSA",
        "Administración de Servicios Generales de los Estados Unidos",
        "U.S. General Services Administration",
        "US",
        "https://www.gsa.gov",
    ),
    InstitutionData(
        "CCC",
        "CCC",
        "Corporación Comercial Canadiense",
        "Canadian Commercial Corporation",
        "CA",
        "https://www.ccc.ca",
    ),
    InstitutionData(
        "CONSUCODE",
        "CONSUCODE",
        "Consejo Superior de Contrataciones y Adquisiciones del Estado",
        "Higher Council for State Contracting and Procurement",
        "PE",
        "",
    ),
    InstitutionData(
        "OSCE",
        "OSCE",
        "Organismo Supervisor de las Contrataciones del Estado",
        "State Procurement Supervisory Agency",
        "PE",
        "https://www.gob.pe/osce",
    ),
    InstitutionData(
        "SERCOP",
        "SERCOP",
        "Servicio Nacional de Contratación Pública",
        "National Public Procurement Service",
        "EC",
        "https://portal.compraspublicas.gob.ec/sercop/",
    ),
    InstitutionData(
        "MINTEL",
        "MINTEL",
        "Ministerio de Telecomunicaciones y de la Sociedad de la Información",
        "Ministry of Telecommunications and Information Society",
        "EC",
        "https://www.telecomunicaciones.gob.ec",
    ),
    InstitutionData(
        "CAF",
        "CAF",
        "CAF – Banco de Desarrollo de América Latina y el Caribe",
        "CAF – Development Bank of Latin America and the Caribbean",
        None,
        "https://www.caf.com",
    ),
    InstitutionData(
        "OCP",
        "OCP",
        "Alianza para las Contrataciones Abiertas (Open Contracting Partnership)",
        "Open Contracting Partnership",
        None,
        "https://www.open-contracting.org",
    ),
)


def load(countries: dict[str, CountryPage]) -> dict[str, Institution]:
    """The institutions keyed by Spanish acronym, created when missing."""
    existing = {institution.acronym_es: institution for institution in Institution.objects.all()}
    for data in INSTITUTIONS:
        if data.acronym_es not in existing:
            existing[data.acronym_es] = Institution.objects.create(
                acronym_es=data.acronym_es,
                acronym_en=data.acronym_en,
                name_es=data.name_es,
                name_en=data.name_en,
                country=countries[data.country] if data.country else None,
                url=data.url,
            )
    return existing
