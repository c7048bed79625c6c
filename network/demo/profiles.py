"""Full profiles of the executive committee countries and the event hosts, and the module list.

Only well-documented public facts are given: a launch year, a law link or a key
figure is left out whenever it could not be stated with certainty.
"""

from decimal import Decimal

from countries.models import CountryKeyFigure, CountryLaw, ProcurementModule
from network.skeleton import paragraphs

# --- E-procurement modules, named once for every country --------------------------
MODULES = (
    (
        "e-notices",
        "Avisos electrónicos",
        "E-notices",
        "Publicación en línea de convocatorias, bases y resultados.",
        "Calls, tender documents and awards published online.",
    ),
    (
        "e-tendering",
        "Licitación electrónica",
        "E-tendering",
        "Presentación y apertura electrónica de ofertas.",
        "Bids submitted and opened electronically.",
    ),
    (
        "reverse-auctions",
        "Subasta inversa electrónica",
        "Electronic reverse auctions",
        "Los proveedores mejoran sus precios en rondas en línea; gana la oferta más baja.",
        "Suppliers lower their prices in online rounds; the lowest bid wins.",
    ),
    (
        "framework-agreements",
        "Acuerdos marco",
        "Framework agreements",
        "Una licitación central fija proveedores y condiciones para compras repetidas.",
        "One central tender sets suppliers and terms for repeated purchases.",
    ),
    (
        "e-catalogues",
        "Catálogo electrónico",
        "E-catalogues",
        "Tienda en línea donde las entidades compran directamente lo ya licitado.",
        "An online store where agencies buy directly what has already been tendered.",
    ),
    (
        "e-payment",
        "Pago electrónico",
        "E-payment",
        "Órdenes de pago y facturas tramitadas en línea.",
        "Payment orders and invoices processed online.",
    ),
    (
        "open-contracting-data",
        "Publicación de datos abiertos (OCDS)",
        "Open contracting data (OCDS) publication",
        "Datos de todo el ciclo de contratación publicados con el Estándar de Datos de Contrataciones "
        "Abiertas.",
        "Data on the whole contracting cycle published in the Open Contracting Data Standard.",
    ),
)


def load_modules() -> dict[str, ProcurementModule]:
    """The module rows keyed by code, created when missing and otherwise left as editors made them."""
    existing = {module.code: module for module in ProcurementModule.objects.all()}
    for order, (code, name_es, name_en, description_es, description_en) in enumerate(MODULES):
        if code not in existing:
            existing[code] = ProcurementModule.objects.create(
                code=code,
                name_es=name_es,
                name_en=name_en,
                description_es=description_es,
                description_en=description_en,
                sort_order=order,
            )
    return existing


def _law(
    title_es: str, title_en: str, number: str = "", year: int | None = None, url: str = ""
) -> CountryLaw:
    return CountryLaw(title_es=title_es, title_en=title_en, number=number, year=year, url=url)


CONTACT_ROLE = {
    "contact_role_es": "Enlace de la agencia con la red",
    "contact_role_en": "Agency liaison with the network",
}

PROFILES = {
    "PE": {
        "executive_committee": True,
        "intro_es": (
            "El Perú fue sede de uno de los primeros encuentros de la red y su antigua agencia, "
            "CONSUCODE, impulsó la red interamericana de instituciones centrales de compras."
        ),
        "intro_en": (
            "Peru hosted one of the network's first meetings, and its former agency, CONSUCODE, "
            "promoted the inter-American network of central procurement institutions."
        ),
        "agency_name_es": "Organismo Supervisor de las Contrataciones del Estado",
        "agency_name_en": "State Procurement Supervisory Agency",
        "agency_acronym": "OSCE",
        "agency_url": "https://www.gob.pe/osce",
        "system_name_es": "Sistema Electrónico de Contrataciones del Estado (SEACE)",
        "system_name_en": "State Electronic Procurement System (SEACE)",
        "modules": ("e-notices", "e-tendering", "reverse-auctions", "framework-agreements", "e-catalogues"),
        "laws": (
            ("Ley de Contrataciones del Estado", "State Procurement Law", "Ley 30225", 2014),
            ("Ley General de Contrataciones Públicas", "General Public Procurement Law", "Ley 32069", 2024),
        ),
        "body_es": paragraphs(
            "El OSCE sucedió a CONSUCODE como supervisor de las compras del Estado. Todas las "
            "entidades publican sus procesos en el SEACE, que también ofrece la subasta inversa "
            "electrónica, y los acuerdos marco se compran desde catálogos electrónicos."
        ),
        "body_en": paragraphs(
            "OSCE succeeded CONSUCODE as the supervisor of state procurement. Every agency publishes "
            "its procedures on SEACE, which also runs electronic reverse auctions, and framework "
            "agreements are bought from electronic catalogues."
        ),
    },
    "CR": {
        "executive_committee": True,
        "intro_es": (
            "Costa Rica, sede de un evento anterior de la red, reúne las compras de sus instituciones "
            "en un único sistema electrónico."
        ),
        "intro_en": (
            "Costa Rica, host of an earlier network event, brings its institutions' purchases together "
            "in a single electronic system."
        ),
        "agency_name_es": "Dirección General de Administración de Bienes y Contratación Administrativa",
        "agency_name_en": "Directorate-General of Asset Management and Administrative Contracting",
        "agency_acronym": "DGABCA",
        "agency_url": "https://www.hacienda.go.cr",
        "system_name_es": "Sistema Integrado de Compras Públicas (SICOP)",
        "system_name_en": "Integrated Public Procurement System (SICOP)",
        "modules": ("e-notices", "e-tendering"),
        "laws": (
            ("Ley de Contratación Administrativa", "Administrative Contracting Law", "Ley 7494", 1995),
            ("Ley General de Contratación Pública", "General Public Procurement Law", "Ley 9986", 2021),
        ),
        "body_es": paragraphs(
            "La Ley General de Contratación Pública de 2021 reemplazó a la ley de 1995 y exige que "
            "los procedimientos se tramiten en el sistema digital unificado, SICOP."
        ),
        "body_en": paragraphs(
            "The 2021 General Public Procurement Law replaced the 1995 law and requires procedures to "
            "be carried out on the unified digital system, SICOP."
        ),
    },
    "BR": {
        "executive_committee": True,
        "intro_es": (
            "Brasil fue sede del II Seminario Interamericano de Compras Gubernamentales Electrónicas "
            "(São Paulo, 2004) y es referente regional de la subasta inversa electrónica."
        ),
        "intro_en": (
            "Brazil hosted the II Inter-American Seminar on E-Government Procurement (São Paulo, 2004) "
            "and is a regional reference for the electronic reverse auction."
        ),
        "agency_name_es": "Secretaría de Gestión e Innovación (Ministerio de Gestión e Innovación)",
        "agency_name_en": "Secretariat of Management and Innovation (Ministry of Management and Innovation)",
        "agency_acronym": "SEGES",
        "agency_url": "https://www.gov.br/gestao/pt-br",
        "system_name_es": "Compras.gov.br (antes Comprasnet)",
        "system_name_en": "Compras.gov.br (formerly Comprasnet)",
        "modules": ("e-notices", "e-tendering", "reverse-auctions"),
        "laws": (
            (
                "Ley de licitaciones y contratos de la administración pública",
                "Public administration tenders and contracts law",
                "Lei 8.666",
                1993,
                "https://www.planalto.gov.br/ccivil_03/leis/l8666cons.htm",
            ),
            (
                "Ley del pregón (subasta inversa)",
                "Law on the pregão (reverse auction)",
                "Lei 10.520",
                2002,
                "https://www.planalto.gov.br/ccivil_03/leis/2002/l10520.htm",
            ),
            (
                "Nueva ley de licitaciones y contratos administrativos",
                "New law on public tenders and administrative contracts",
                "Lei 14.133",
                2021,
                "https://www.planalto.gov.br/ccivil_03/_ato2019-2022/2021/lei/l14133.htm",
            ),
        ),
        "body_es": paragraphs(
            "El gobierno federal compra bienes y servicios comunes mediante el pregão electrónico, "
            "una subasta inversa en línea. La Ley 14.133 de 2021 reunió en un solo texto las normas "
            "de licitaciones, contratos y pregão."
        ),
        "body_en": paragraphs(
            "The federal government buys common goods and services through the electronic pregão, an "
            "online reverse auction. Law 14.133 of 2021 brought the rules on tenders, contracts and the "
            "pregão together in a single text."
        ),
    },
    "CL": {
        "executive_committee": True,
        "intro_es": (
            "Chile fue sede del III Seminario (Santiago, 2005); ChileCompra coordinó la Red "
            "Interamericana de Compras Gubernamentales Electrónicas y alojó el primer sitio de la red."
        ),
        "intro_en": (
            "Chile hosted the III Seminar (Santiago, 2005); ChileCompra coordinated the Inter-American "
            "E-Government Procurement Network and hosted the network's first website."
        ),
        "agency_name_es": "Dirección de Compras y Contratación Pública (ChileCompra)",
        "agency_name_en": "Public Procurement Directorate (ChileCompra)",
        "agency_acronym": "ChileCompra",
        "agency_url": "https://www.chilecompra.cl",
        "system_name_es": "Mercado Público",
        "system_name_en": "Mercado Público",
        "modules": ("e-notices", "e-tendering", "framework-agreements", "e-catalogues"),
        "laws": (
            (
                "Ley de bases sobre contratos administrativos de suministro y prestación de servicios",
                "Law on the basis of administrative supply and service contracts",
                "Ley 19.886",
                2003,
                "https://www.bcn.cl/leychile/navegar?idNorma=213004",
            ),
            (
                "Ley que moderniza la Ley 19.886",
                "Law modernizing Law 19.886",
                "Ley 21.634",
                2023,
            ),
        ),
        "body_es": paragraphs(
            "La Ley 19.886 creó la Dirección de Compras y Contratación Pública y obligó a los "
            "organismos del Estado a comprar por medios electrónicos. Los convenios marco que licita "
            "ChileCompra se ofrecen en una tienda en línea donde cualquier organismo compra sin "
            "repetir la licitación."
        ),
        "body_en": paragraphs(
            "Law 19.886 created the Public Procurement Directorate and required state bodies to buy "
            "electronically. The framework agreements ChileCompra tenders are offered in an online "
            "store where any agency can buy without repeating the tender."
        ),
    },
    "US": {
        "executive_committee": True,
        "intro_es": (
            "Estados Unidos integra el comité ejecutivo como sede de los siguientes eventos de la red; "
            "la GSA coordinó las Conferencias de Compras Gubernamentales de las Américas."
        ),
        "intro_en": (
            "The United States sits on the executive committee as host of the network's next events; "
            "GSA coordinated the Government Procurement Conferences of the Americas."
        ),
        "agency_name_es": "Administración de Servicios Generales",
        "agency_name_en": "General Services Administration",
        "agency_acronym": "GSA",
        "agency_url": "https://www.gsa.gov",
        "system_name_es": "SAM.gov (Sistema de Gestión de Adjudicaciones)",
        "system_name_en": "SAM.gov (System for Award Management)",
        "modules": ("e-notices", "framework-agreements", "e-catalogues"),
        "laws": (
            (
                "Ley de Servicios Administrativos y de Bienes Federales",
                "Federal Property and Administrative Services Act",
                "Public Law 81-152",
                1949,
            ),
            (
                "Ley de Competencia en la Contratación",
                "Competition in Contracting Act",
                "Public Law 98-369",
                1984,
            ),
            (
                "Reglamento Federal de Adquisiciones (FAR)",
                "Federal Acquisition Regulation (FAR)",
                "48 CFR Chapter 1",
                1984,
                "https://www.acquisition.gov/far/",
            ),
        ),
        "body_es": paragraphs(
            "Cada agencia federal compra por su cuenta bajo un reglamento común, el FAR. La GSA, creada "
            "en 1949, negocia contratos que todas las agencias pueden usar y los ofrece en un catálogo "
            "en línea; las oportunidades de negocio se publican en SAM.gov."
        ),
        "body_en": paragraphs(
            "Each federal agency buys on its own under a common regulation, the FAR. GSA, created in "
            "1949, negotiates contracts every agency can use and offers them in an online catalogue; "
            "contract opportunities are published on SAM.gov."
        ),
    },
    "EC": {
        "intro_es": (
            "Ecuador publica desde 2021 los datos de sus compras públicas en una plataforma de "
            "información abierta desarrollada con CAF y la Open Contracting Partnership."
        ),
        "intro_en": (
            "Since 2021 Ecuador has published its public procurement data on an open information "
            "platform developed with CAF and the Open Contracting Partnership."
        ),
        "agency_name_es": "Servicio Nacional de Contratación Pública",
        "agency_name_en": "National Public Procurement Service",
        "agency_acronym": "SERCOP",
        "agency_url": "https://portal.compraspublicas.gob.ec/sercop/",
        "system_name_es": "Sistema Oficial de Contratación Pública del Ecuador (SOCE)",
        "system_name_en": "Official Public Procurement System of Ecuador (SOCE)",
        "system_launch_year": 2008,
        "modules": (
            "e-notices",
            "e-tendering",
            "reverse-auctions",
            "framework-agreements",
            "e-catalogues",
            "open-contracting-data",
        ),
        "laws": (
            (
                "Ley Orgánica del Sistema Nacional de Contratación Pública (LOSNCP)",
                "Organic Law of the National Public Procurement System (LOSNCP)",
                "",
                2008,
            ),
        ),
        "key_figures": (
            {
                "label_es": "Procedimientos de contratación registrados en la plataforma de datos abiertos, "
                "como mínimo",
                "label_en": "Procurement procedures recorded on the open data platform, at least",
                "value": Decimal("127163"),
                "unit_es": "procedimientos",
                "unit_en": "procedures",
                "year": 2021,
                "source_es": "SERCOP, lanzamiento del portal de información abierta (15 dic. 2021)",
                "source_en": "SERCOP, launch of the open information portal (15 Dec 2021)",
            },
        ),
        "body_es": paragraphs(
            "El SERCOP rige el Sistema Nacional de Contratación Pública y administra el sistema oficial "
            "SOCE. Su plataforma de información abierta, fruto del compromiso de gobierno abierto del "
            "SERCOP, permite explorar los procesos por tipo de contrato, sector, entidad, empresa y "
            "monto."
        ),
        "body_en": paragraphs(
            "SERCOP governs the National Public Procurement System and runs the official SOCE system. "
            "Its open information platform, born of SERCOP's open government commitment, lets anyone "
            "explore procedures by type of contract, industry, agency, company and amount."
        ),
    },
    "MX": {
        "intro_es": (
            "México publica sus procedimientos de compra federales en un sistema electrónico "
            "nacional y regula por separado las adquisiciones y la obra pública."
        ),
        "intro_en": (
            "Mexico publishes its federal procurement procedures on a national electronic system and "
            "has separate laws for purchases and for public works."
        ),
        "agency_name_es": "Secretaría de Hacienda y Crédito Público",
        "agency_name_en": "Ministry of Finance and Public Credit",
        "agency_acronym": "SHCP",
        "agency_url": "https://www.gob.mx/shcp",
        "system_name_es": "CompraNet",
        "system_name_en": "CompraNet",
        "modules": ("e-notices", "e-tendering", "framework-agreements"),
        "laws": (
            (
                "Ley de Adquisiciones, Arrendamientos y Servicios del Sector Público (LAASSP)",
                "Law on Public Sector Procurement, Leases and Services (LAASSP)",
                "",
                2000,
            ),
            (
                "Ley de Obras Públicas y Servicios Relacionados con las Mismas (LOPSRM)",
                "Law on Public Works and Related Services (LOPSRM)",
                "",
                2000,
            ),
        ),
        "body_es": paragraphs(
            "Las dependencias federales difunden sus convocatorias y resultados en CompraNet y pueden "
            "comprar mediante contratos marco que fijan condiciones comunes para varias entidades."
        ),
        "body_en": paragraphs(
            "Federal agencies publish their calls and results on CompraNet and can buy through "
            "framework contracts that set common terms for several agencies."
        ),
    },
}


def profile_fields(iso2: str, modules: dict[str, ProcurementModule]) -> dict:
    """The extra fields of a full profile, ready for the CountryPage constructor; empty otherwise."""
    profile = PROFILES.get(iso2)
    if profile is None:
        return {}
    fields = {key: value for key, value in profile.items() if key not in {"modules", "laws", "key_figures"}}
    fields.update(CONTACT_ROLE)
    fields["system_modules"] = [modules[code] for code in profile["modules"]]
    fields["laws"] = [_law(*law) for law in profile["laws"]]
    fields["key_figures"] = [CountryKeyFigure(**figure) for figure in profile.get("key_figures", ())]
    return fields
