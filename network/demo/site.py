"""The home page, the section index pages and the page about the network itself.

The sections are created in the order the main menu shows them (Wagtail's menu
follows the page tree), so the "about" page is created last, by ``load_about``.
"""

from dataclasses import dataclass

from countries.models import CountryIndexPage
from events.models import EventIndexPage
from network.models import (
    HomePage,
    NewsIndexPage,
    PortalDirectoryPage,
    PublicationIndexPage,
    StandardPage,
    TopicIndexPage,
)
from network.skeleton import ensure_child, ensure_home


@dataclass(frozen=True)
class Sections:
    """The index pages under which every other part of the demo content is created."""

    countries: CountryIndexPage
    events: EventIndexPage
    topics: TopicIndexPage
    portals: PortalDirectoryPage
    publications: PublicationIndexPage
    news: NewsIndexPage


SECTIONS = {
    "countries": {
        "model": CountryIndexPage,
        "slug_es": "paises",
        "slug_en": "countries",
        "title_es": "Países",
        "title_en": "Countries",
        "intro_es": (
            "Los 35 Estados miembros de la OEA, agrupados por subregión: quién compra en cada país, "
            "con qué leyes y con qué sistema de compras electrónicas."
        ),
        "intro_en": (
            "The 35 OAS member states, grouped by subregion: who buys in each country, under which "
            "laws and with which e-procurement system."
        ),
    },
    "events": {
        "model": EventIndexPage,
        "slug_es": "eventos",
        "slug_en": "events",
        "title_es": "Eventos",
        "title_en": "Events",
        "intro_es": (
            "Seminarios, conferencias y presentaciones en línea de la red, con sus agendas, "
            "informes y acuerdos."
        ),
        "intro_en": (
            "The network's seminars, conferences and online presentations, with their agendas, "
            "reports and agreements."
        ),
    },
    "topics": {
        "model": TopicIndexPage,
        "slug_es": "temas",
        "slug_en": "topics",
        "title_es": "Temas",
        "title_en": "Topics",
        "intro_es": (
            "Los temas que los países trataron en los seminarios de la red, ordenados según la "
            "prioridad que les dieron."
        ),
        "intro_en": (
            "The subjects the countries took up at the network's seminars, ordered by the priority "
            "they gave them."
        ),
    },
    "portals": {
        "model": PortalDirectoryPage,
        "slug_es": "portales",
        "slug_en": "portals",
        "title_es": "Portales",
        "title_en": "Portals",
        "intro_es": (
            "Los portales de compras públicas de los países miembros y las iniciativas regionales "
            "que se enlazan con el sitio de la red."
        ),
        "intro_en": (
            "The public procurement portals of the member countries and the regional initiatives "
            "that link to and from the network's website."
        ),
    },
    "publications": {
        "model": PublicationIndexPage,
        "slug_es": "publicaciones",
        "slug_en": "publications",
        "title_es": "Publicaciones",
        "title_en": "Publications",
        "intro_es": "Informes, presentaciones y otros documentos de la red y de sus miembros.",
        "intro_en": "Reports, presentations and other documents of the network and its members.",
    },
    "news": {
        "model": NewsIndexPage,
        "slug_es": "noticias",
        "slug_en": "news",
        "title_es": "Noticias",
        "title_en": "News",
        "intro_es": "Novedades de la red y de las agencias de compras públicas de sus países miembros.",
        "intro_en": "News from the network and from the public procurement agencies of its member countries.",
    },
}

HOME_BODY_ES = [
    {
        "type": "paragraph",
        "value": (
            "<p>Cada país de las Américas organiza sus compras públicas a su manera. La red reúne a "
            "las agencias responsables para que aprendan unas de otras: qué leyes aplican, cómo "
            "funcionan sus sistemas electrónicos, qué resultados obtienen y qué prácticas pueden "
            "adaptar los demás.</p>"
        ),
    },
    {
        "type": "paragraph",
        "value": (
            "<p>Empiece por el perfil de un país, recorra los temas prioritarios que los miembros "
            "acordaron trabajar juntos o lea los informes de los seminarios donde se tomaron esos "
            "acuerdos.</p>"
        ),
    },
]

HOME_BODY_EN = [
    {
        "type": "paragraph",
        "value": (
            "<p>Every country in the Americas organizes its public procurement in its own way. The "
            "network brings the responsible agencies together so they can learn from each other: "
            "which laws apply, how their electronic systems work, what results they get and which "
            "practices the others can adapt.</p>"
        ),
    },
    {
        "type": "paragraph",
        "value": (
            "<p>Start with a country profile, browse the priority topics the members agreed to work "
            "on together, or read the reports of the seminars where those agreements were made.</p>"
        ),
    },
]


def load_home() -> HomePage:
    home, _created = ensure_home(
        HomePage,
        "inicio",
        slug_en="home",
        title_es="Red Interamericana de Compras Gubernamentales",
        title_en="Inter-American Government Procurement Network",
        intro_es=(
            "Las agencias de compras públicas de los Estados miembros de la OEA comparten aquí cómo "
            "compran: perfiles de país, buenas prácticas, portales de contratación electrónica y los "
            "informes de los seminarios de la red."
        ),
        intro_en=(
            "The public procurement agencies of the OAS member states share here how they buy: "
            "country profiles, good practices, e-procurement portals and the reports of the "
            "network's seminars."
        ),
        body_es=HOME_BODY_ES,
        body_en=HOME_BODY_EN,
    )
    return home


def load_sections(home: HomePage) -> Sections:
    pages = {}
    for name, spec in SECTIONS.items():
        fields = dict(spec)
        model = fields.pop("model")
        pages[name], _created = ensure_child(home, model, fields.pop("slug_es"), show_in_menus=True, **fields)
    return Sections(**pages)


def load_about(home: HomePage) -> StandardPage:
    page, _created = ensure_child(
        home,
        StandardPage,
        "acerca-de-la-red",
        slug_en="about-the-network",
        show_in_menus=True,
        title_es="Acerca de la red",
        title_en="About the network",
        intro_es=(
            "La red nació de los seminarios interamericanos de compras electrónicas y reúne desde 2005 "
            "todas las iniciativas multinacionales de compras gubernamentales de las Américas."
        ),
        intro_en=(
            "The network grew out of the inter-American e-procurement seminars and, since 2005, has "
            "brought every multinational government procurement initiative in the Americas together."
        ),
        body_es=[
            {
                "type": "paragraph",
                "value": (
                    "<p>Tras el II Seminario de São Paulo (septiembre de 2004) y el III Seminario de "
                    "Santiago de Chile (junio de 2005), los países acordaron unir sus esfuerzos en una "
                    "sola red con un comité ejecutivo y el apoyo de la Organización de los Estados "
                    "Americanos, y mantener un único sitio que enlace los portales de todos sus "
                    "miembros.</p>"
                ),
            }
        ],
        body_en=[
            {
                "type": "paragraph",
                "value": (
                    "<p>After the II Seminar in São Paulo (September 2004) and the III Seminar in "
                    "Santiago, Chile (June 2005), the countries agreed to join their efforts in a "
                    "single network with an executive committee supported by the Organization of "
                    "American States, and to keep one website linking the portals of all its "
                    "members.</p>"
                ),
            }
        ],
    )
    return page
