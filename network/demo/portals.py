"""The portal directory: the network's site, the three initiatives it joined, and members' portals.

A portal is found by its address. The three initiatives named in the 2005
agreement had no address of their own in the record, so each links to the
institution that coordinated it (for CONSUCODE, to OSCE, which succeeded it).
"""

from typing import NamedTuple

from countries.models import CountryPage
from portals.models import Institution, Portal, PortalKind

INITIATIVE = PortalKind.INITIATIVE
EPROCUREMENT = PortalKind.EPROCUREMENT
OPEN_DATA = PortalKind.OPEN_DATA


class PortalData(NamedTuple):
    url: str
    kind: str
    name_es: str
    name_en: str
    description_es: str
    description_en: str
    country: str | None = None
    institution: str | None = None
    languages: str = "es"
    publishes_ocds: bool = False


PORTALS = (
    PortalData(
        "http://www.compraspublicas.org",
        INITIATIVE,
        "Red Interamericana de Compras Gubernamentales",
        "Inter-American Government Procurement Network",
        "El sitio común de la red acordado en 2005, con enlaces cruzados a todas las iniciativas.",
        "The network's shared website agreed in 2005, cross-linked with every initiative.",
        languages="es, en",
    ),
    PortalData(
        "https://www.chilecompra.cl",
        INITIATIVE,
        "Red Interamericana de Compras Gubernamentales Electrónicas",
        "Inter-American E-Government Procurement Network",
        "Red de los seminarios de compras electrónicas, coordinada por ChileCompra; el enlace lleva al "
        "sitio de la institución coordinadora.",
        "The network of the e-procurement seminars, coordinated by ChileCompra; the link leads to the "
        "coordinating institution's site.",
        institution="ChileCompra",
    ),
    PortalData(
        "https://www.gsa.gov",
        INITIATIVE,
        "Conferencias de Compras Gubernamentales de las Américas",
        "Conference of the Americas on Government Procurement",
        "Conferencias coordinadas por la GSA de Estados Unidos y la CCC de Canadá; el enlace lleva al "
        "sitio de la GSA.",
        "Conferences coordinated by the US GSA and Canada's CCC; the link leads to GSA's site.",
        institution="GSA",
        languages="en",
    ),
    PortalData(
        "https://www.gob.pe/osce",
        INITIATIVE,
        "Red Interamericana de Instituciones Centrales de Compras Gubernamentales",
        "Inter-American Network of Central Government Procurement Institutions",
        "Iniciativa coordinada por CONSUCODE del Perú; el enlace lleva al OSCE, la institución que lo "
        "sucedió.",
        "An initiative coordinated by Peru's CONSUCODE; the link leads to OSCE, the institution that "
        "succeeded it.",
        institution="CONSUCODE",
    ),
    PortalData(
        "https://www.seace.gob.pe",
        EPROCUREMENT,
        "SEACE – Sistema Electrónico de Contrataciones del Estado",
        "SEACE – State Electronic Procurement System",
        "Donde las entidades públicas del Perú publican y tramitan sus contrataciones.",
        "Where Peru's public bodies publish and run their procurement procedures.",
        country="PE",
        institution="OSCE",
    ),
    PortalData(
        "https://www.sicop.go.cr",
        EPROCUREMENT,
        "SICOP – Sistema Integrado de Compras Públicas",
        "SICOP – Integrated Public Procurement System",
        "El sistema digital unificado de las compras públicas de Costa Rica.",
        "Costa Rica's unified digital public procurement system.",
        country="CR",
    ),
    PortalData(
        "https://www.gov.br/compras/pt-br",
        EPROCUREMENT,
        "Compras.gov.br",
        "Compras.gov.br",
        "El portal de compras del gobierno federal de Brasil, donde se realizan los pregones electrónicos.",
        "The Brazilian federal government's procurement portal, where electronic pregões are held.",
        country="BR",
        languages="pt",
    ),
    PortalData(
        "https://www.mercadopublico.cl",
        EPROCUREMENT,
        "Mercado Público",
        "Mercado Público",
        "La plataforma de ChileCompra para licitaciones, convenios marco y órdenes de compra del Estado.",
        "ChileCompra's platform for the state's tenders, framework agreements and purchase orders.",
        country="CL",
        institution="ChileCompra",
    ),
    PortalData(
        "https://sam.gov",
        EPROCUREMENT,
        "SAM.gov",
        "SAM.gov",
        "Registro de proveedores y publicación de oportunidades de contratación del gobierno federal de "
        "Estados Unidos.",
        "Supplier registration and contract opportunities of the United States federal government.",
        country="US",
        institution="GSA",
        languages="en",
    ),
    PortalData(
        "https://www.compraspublicas.gob.ec",
        EPROCUREMENT,
        "Sistema Oficial de Contratación Pública del Ecuador (SOCE)",
        "Official Public Procurement System of Ecuador (SOCE)",
        "El sistema del SERCOP en el que se tramitan las compras públicas ecuatorianas.",
        "SERCOP's system through which Ecuador's public purchases are carried out.",
        country="EC",
        institution="SERCOP",
    ),
    PortalData(
        "https://compranet.hacienda.gob.mx",
        EPROCUREMENT,
        "CompraNet",
        "CompraNet",
        "El sistema electrónico de las contrataciones de la administración pública federal de México.",
        "The electronic procurement system of Mexico's federal public administration.",
        country="MX",
    ),
    PortalData(
        "https://datosabiertos.compraspublicas.gob.ec",
        OPEN_DATA,
        "Portal de información abierta de compras públicas del Ecuador",
        "Ecuador's open public procurement information portal",
        "Datos de los procesos de contratación, navegables por tipo de contrato, sector, entidad, empresa "
        "y monto. Lanzado en 2021 con CAF y la Open Contracting Partnership.",
        "Data on procurement procedures, browsable by type of contract, industry, agency, company and "
        "amount. Launched in 2021 with CAF and the Open Contracting Partnership.",
        country="EC",
        institution="SERCOP",
        publishes_ocds=True,
    ),
)


def load(countries: dict[str, CountryPage], institutions: dict[str, Institution]) -> dict[str, Portal]:
    """The portals keyed by address, created when no portal has that address."""
    existing = {portal.url: portal for portal in Portal.objects.all()}
    for data in PORTALS:
        if data.url not in existing:
            existing[data.url] = Portal.objects.create(
                url=data.url,
                kind=data.kind,
                name_es=data.name_es,
                name_en=data.name_en,
                description_es=data.description_es,
                description_en=data.description_en,
                country=countries[data.country] if data.country else None,
                institution=institutions[data.institution] if data.institution else None,
                languages=data.languages,
                publishes_ocds=data.publishes_ocds,
            )
    return existing
