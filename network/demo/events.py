"""The network's recorded events: the II and III Inter-American Seminars and Ecuador's 2021 launch.

The record of the II Seminar gives only the month (September 2004): its date is
the first of that month, marked as known to the month only.
Sessions, agreements and document links are written only when the event is
created; afterwards they belong to the editors.
"""

import datetime
from typing import NamedTuple

from countries.models import CountryPage
from events.models import EventAgreement, EventDocument, EventIndexPage, EventKind, EventPage, EventSession
from events.models import SessionKind as Kind
from network.demo.countries import FOUNDING_MEMBERS
from network.models import Institution, NetworkDocument, TopicPage
from network.skeleton import ensure_child, paragraphs

SEMINAR_III_PARTICIPANTS = FOUNDING_MEMBERS
EXECUTIVE_COMMITTEE = ("PE", "CR", "BR", "CL", "US")
PRIORITY_TOPICS = ("sme", "training", "harmonization", "financial-integration", "ppp")


class Session(NamedTuple):
    kind: str
    title_es: str
    title_en: str
    topics: tuple[str, ...]
    description_es: str = ""
    description_en: str = ""


SEMINAR_III_SESSIONS = (
    Session(
        Kind.WORKSHOP,
        "Tendencias de las compras electrónicas en los sectores público y privado",
        "E-procurement trends in the public and private sectors",
        ("trends",),
    ),
    Session(
        Kind.WORKSHOP,
        "El papel de la banca electrónica en las compras electrónicas",
        "The role of electronic banking in e-procurement",
        ("e-banking",),
    ),
    Session(
        Kind.WORKSHOP,
        "Experiencias internacionales",
        "International experiences",
        ("international-experiences",),
    ),
    Session(
        Kind.WORKSHOP,
        "Contratos marco y compras por catálogo electrónico",
        "Framework contracts and e-catalogue purchasing",
        ("framework-agreements",),
    ),
    Session(
        Kind.FORUM,
        "Estrategias para el desarrollo de las compras gubernamentales electrónicas",
        "Strategies for developing e-government procurement",
        ("strategies",),
        "Los países presentaron sus perfiles, elaborados con la OEA.",
        "The countries presented their profiles, prepared with the OAS.",
    ),
    Session(
        Kind.FORUM,
        "Marco legal de las compras públicas",
        "Legal framework of public procurement",
        ("legal-framework",),
    ),
    Session(
        Kind.FORUM,
        "Organización institucional",
        "Institutional organization",
        ("institutional-organization",),
    ),
    Session(
        Kind.FORUM, "Firma digital y seguridad", "Digital signature and security", ("digital-signature",)
    ),
    Session(Kind.FORUM, "Externalización de plataformas", "Outsourcing of platforms", ("outsourcing",)),
    Session(
        Kind.FORUM,
        "Apoyo y capacitación a usuarios de las plataformas",
        "Support and training for platform users",
        ("user-support", "training"),
    ),
    Session(
        Kind.FORUM,
        "Participación competitiva de las pymes en las compras gubernamentales",
        "Competitive SME participation in government procurement",
        ("sme",),
    ),
    Session(
        Kind.PLENARY,
        "Institucionalización de las iniciativas regionales",
        "Institutionalizing the regional initiatives",
        ("regional-cooperation",),
        "Sesiones de cierre sobre la Red Interamericana de Compras Gubernamentales Electrónicas, la Red "
        "Interamericana de Instituciones Centrales de Compras Gubernamentales y las Conferencias de Compras "
        "Gubernamentales de las Américas.",
        "Closing sessions on the Inter-American E-Government Procurement Network, the Inter-American "
        "Network of Central Government Procurement Institutions and the Government Procurement Conferences "
        "of the Americas.",
    ),
)

AGREEMENT_AREAS_ES = (
    "<p>Las conclusiones de las mesas de trabajo señalaron dos áreas de cooperación regional de máximo "
    "interés para los países asistentes:</p>"
    "<ul><li>la participación competitiva de las pymes en las compras gubernamentales;</li>"
    "<li>el desarrollo profesional y la capacitación.</li></ul>"
    "<p>Los países identificaron además tres temas de alta prioridad común: la armonización, la "
    "integración de las compras electrónicas con los sistemas financieros y tributarios, y las "
    "asociaciones público-privadas.</p>"
)
AGREEMENT_AREAS_EN = (
    "<p>The workshops' conclusions pointed to two areas of regional cooperation of the greatest interest "
    "to the attending countries:</p>"
    "<ul><li>competitive participation of SMEs in government procurement;</li>"
    "<li>professional development and training.</li></ul>"
    "<p>The countries also named three topics of high common priority: harmonization, integration of "
    "e-procurement with financial and tax systems, and public-private partnerships.</p>"
)
AGREEMENT_COMMITTEE_ES = (
    "<p>Los países acordaron reunir en una sola Red Interamericana de Compras Gubernamentales todas las "
    "iniciativas multinacionales en curso —la red de compras electrónicas coordinada por ChileCompra, "
    "las Conferencias de Compras Gubernamentales de las Américas coordinadas por la GSA de Estados "
    "Unidos y la CCC de Canadá, y la red de instituciones centrales de compras impulsada por CONSUCODE "
    "del Perú—, abierta a las que surjan después.</p>"
    "<p>Un comité ejecutivo coordinará sus actividades con el apoyo de la OEA. Lo forman los países que "
    "ya habían sido sede de encuentros (Perú, Costa Rica, Brasil y Chile) y el anfitrión de los "
    "próximos (Estados Unidos).</p>"
    "<p>El sitio web de la red de compras electrónicas pasa a ser el de la nueva red, "
    "www.compraspublicas.org, y las demás iniciativas se enlazarán con él. El Gobierno de Chile se "
    "ofreció a alojarlo y mantenerlo durante un año.</p>"
)
AGREEMENT_COMMITTEE_EN = (
    "<p>The countries agreed to bring every ongoing multinational initiative together in a single "
    "Inter-American Government Procurement Network — the e-procurement network coordinated by "
    "ChileCompra, the Government Procurement Conferences of the Americas coordinated by the US GSA and "
    "Canada's CCC, and the network of central procurement institutions promoted by Peru's CONSUCODE — "
    "open to any initiative that arises later.</p>"
    "<p>An executive committee will coordinate its activities with the support of the OAS. Its members "
    "are the countries that had already hosted meetings (Peru, Costa Rica, Brazil and Chile) and the host "
    "of the next ones (the United States).</p>"
    "<p>The e-procurement network's website becomes the new network's site, www.compraspublicas.org, "
    "and the other initiatives will link to it. The Government of Chile offered to host and maintain it "
    "for one year.</p>"
)


SEMINAR_III_REPORT_ES = paragraphs(
    "Treinta y ocho altos funcionarios de dieciocho países de la OEA y representantes de dos instituciones "
    "multilaterales se reunieron en Santiago del 20 al 23 de junio de 2005, en una actividad de la Red "
    "Interamericana de Compras Gubernamentales Electrónicas coordinada por ChileCompra.",
    "La agenda, con presentaciones, mesas de trabajo y foros de discusión, retomó los temas prioritarios "
    "que los miembros habían señalado en el II Seminario de São Paulo. Las últimas sesiones se dedicaron "
    "a dar forma estable a las iniciativas regionales presentadas en reuniones anteriores.",
    "El seminario terminó con dos acuerdos: las áreas de interés común en que cooperarán los países y la "
    "creación de una red única con un comité ejecutivo y un sitio web compartido.",
)
SEMINAR_III_REPORT_EN = paragraphs(
    "Thirty-eight senior officials from eighteen OAS countries and representatives of two multilateral "
    "institutions met in Santiago from 20 to 23 June 2005, as an activity of the Inter-American "
    "E-Government Procurement Network coordinated by ChileCompra.",
    "The agenda of presentations, workshops and discussion forums took up the priority topics the "
    "members had identified at the II Seminar in São Paulo. The final sessions were devoted to giving a "
    "stable form to the regional initiatives introduced at earlier meetings.",
    "The seminar closed with two agreements: the areas of common interest in which the countries will "
    "cooperate, and the creation of a single network with an executive committee and a shared website.",
)


def _sessions(topics: dict[str, TopicPage]) -> list[EventSession]:
    return [
        EventSession(
            kind=session.kind,
            title_es=session.title_es,
            title_en=session.title_en,
            description_es=session.description_es,
            description_en=session.description_en,
            topics=[topics[key] for key in session.topics],
        )
        for session in SEMINAR_III_SESSIONS
    ]


def _agreements(topics: dict[str, TopicPage], countries: dict[str, CountryPage]) -> list[EventAgreement]:
    return [
        EventAgreement(
            sort_order=0,
            title_es="Áreas de interés común",
            title_en="Areas of common interest",
            text_es=AGREEMENT_AREAS_ES,
            text_en=AGREEMENT_AREAS_EN,
            topics=[topics[key] for key in PRIORITY_TOPICS],
        ),
        EventAgreement(
            sort_order=1,
            title_es="Comité Ejecutivo de la Red Interamericana de Compras Gubernamentales",
            title_en="Executive Committee of the Inter-American Government Procurement Network",
            text_es=AGREEMENT_COMMITTEE_ES,
            text_en=AGREEMENT_COMMITTEE_EN,
            topics=[topics["regional-cooperation"]],
            responsible_countries=[countries[code] for code in EXECUTIVE_COMMITTEE],
        ),
    ]


def _document_links(documents: dict[str, NetworkDocument], keys: tuple[str, ...]) -> list[EventDocument]:
    return [EventDocument(sort_order=order, document=documents[key]) for order, key in enumerate(keys)]


def _load_seminar_ii(index: EventIndexPage, countries: dict[str, CountryPage]) -> EventPage:
    page, _created = ensure_child(
        index,
        EventPage,
        "ii-seminario-interamericano-de-compras-gubernamentales-electronicas",
        slug_en="ii-inter-american-e-government-procurement-seminar",
        title_es="II Seminario Interamericano de Compras Gubernamentales Electrónicas",
        title_en="II Inter-American Seminar on E-Government Procurement",
        intro_es=(
            "Los miembros de la red se reunieron en São Paulo en septiembre de 2004 y señalaron los temas "
            "prioritarios que guiaron la agenda del III Seminario. El registro de la red no conserva los "
            "días exactos: la fecha indica solo el mes."
        ),
        intro_en=(
            "The network's members met in São Paulo in September 2004 and named the priority topics that "
            "shaped the agenda of the III Seminar. The network's record does not keep the exact days: the "
            "date shows the month only."
        ),
        kind=EventKind.SEMINAR,
        edition=2,
        start_date=datetime.date(2004, 9, 1),
        end_date=datetime.date(2004, 9, 1),
        only_month_known=True,
        city_es="São Paulo",
        city_en="São Paulo",
        host_country=countries["BR"],
    )
    return page


def _load_seminar_iii(
    index: EventIndexPage,
    countries: dict[str, CountryPage],
    topics: dict[str, TopicPage],
    institutions: dict[str, Institution],
    documents: dict[str, NetworkDocument],
) -> EventPage:
    page, _created = ensure_child(
        index,
        EventPage,
        "iii-seminario-interamericano-de-compras-gubernamentales-electronicas",
        slug_en="iii-inter-american-e-government-procurement-seminar",
        title_es="III Seminario Interamericano de Compras Gubernamentales Electrónicas",
        title_en="III Inter-American Seminar on E-Government Procurement",
        intro_es=(
            "En Santiago de Chile, dieciocho países acordaron sus áreas de cooperación y unir todas las "
            "iniciativas regionales en una sola Red Interamericana de Compras Gubernamentales."
        ),
        intro_en=(
            "In Santiago, Chile, eighteen countries agreed on their areas of cooperation and on joining "
            "every regional initiative in a single Inter-American Government Procurement Network."
        ),
        kind=EventKind.SEMINAR,
        edition=3,
        start_date=datetime.date(2005, 6, 20),
        end_date=datetime.date(2005, 6, 23),
        city_es="Santiago de Chile",
        city_en="Santiago, Chile",
        host_country=countries["CL"],
        organizing_countries=[countries["CL"]],
        organizing_institutions=[institutions["OEA"], institutions["ChileCompra"]],
        participating_countries=[countries[code] for code in SEMINAR_III_PARTICIPANTS],
        participants_count=38,
        institutions_count=2,
        report_es=SEMINAR_III_REPORT_ES,
        report_en=SEMINAR_III_REPORT_EN,
        sessions=_sessions(topics),
        agreements=_agreements(topics, countries),
        documents=_document_links(documents, ("seminar-iii-report-es", "seminar-iii-report-en")),
    )
    return page


def _load_ecuador_launch(
    index: EventIndexPage,
    countries: dict[str, CountryPage],
    topics: dict[str, TopicPage],
    institutions: dict[str, Institution],
    documents: dict[str, NetworkDocument],
) -> EventPage:
    page, _created = ensure_child(
        index,
        EventPage,
        "lanzamiento-del-portal-de-compras-abiertas-de-ecuador",
        slug_en="launch-of-ecuadors-open-procurement-portal",
        title_es="Lanzamiento del portal de información abierta de compras públicas del Ecuador",
        title_en="Launch of Ecuador's open public procurement information portal",
        intro_es=(
            "Presentación en línea de la plataforma con la que el SERCOP publica los datos de las compras "
            "públicas ecuatorianas, desarrollada con CAF y la Open Contracting Partnership con apoyo del "
            "MINTEL."
        ),
        intro_en=(
            "Online presentation of the platform on which SERCOP publishes Ecuador's public procurement "
            "data, developed with CAF and the Open Contracting Partnership with MINTEL's support."
        ),
        kind=EventKind.WEB_CONFERENCE,
        start_date=datetime.date(2021, 12, 15),
        end_date=datetime.date(2021, 12, 15),
        host_country=countries["EC"],
        organizing_institutions=[institutions[acronym] for acronym in ("CAF", "OCP", "MINTEL", "SERCOP")],
        report_es=paragraphs(
            "La plataforma nació del compromiso de gobierno abierto del SERCOP dentro del primer Plan de "
            "Acción Nacional de Gobierno Abierto 2019-2022, con la participación de la sociedad civil, la "
            "academia y los sectores público y privado.",
            "Durante el acto, Camilo Cetina, de la Dirección de Innovación Digital del Estado de CAF, "
            "presentó la propuesta programática de la institución sobre políticas de integridad. La "
            "grabación está disponible en el sitio oficial de compras abiertas del Ecuador.",
        ),
        report_en=paragraphs(
            "The platform grew out of SERCOP's open government commitment in the first National Open "
            "Government Action Plan 2019-2022, with civil society, academia and the public and private "
            "sectors taking part.",
            "During the event, Camilo Cetina, of CAF's Digital State Innovation Directorate, presented the "
            "institution's programme proposal on integrity policies. The recording is available on "
            "Ecuador's official open procurement site.",
        ),
        sessions=[
            EventSession(
                kind=Kind.PRESENTATION,
                title_es="Presentación de la plataforma de información abierta",
                title_en="Presentation of the open information platform",
                date=datetime.date(2021, 12, 15),
                topics=[topics["open-data"]],
            ),
            EventSession(
                kind=Kind.PRESENTATION,
                title_es="Propuesta programática de CAF sobre políticas de integridad",
                title_en="CAF's programme proposal on integrity policies",
                date=datetime.date(2021, 12, 15),
                topics=[topics["open-data"], topics["trends"]],
            ),
        ],
        documents=_document_links(documents, ("ecuador-open-data-brief-es",)),
    )
    return page


def load(
    index: EventIndexPage,
    countries: dict[str, CountryPage],
    topics: dict[str, TopicPage],
    institutions: dict[str, Institution],
    documents: dict[str, NetworkDocument],
) -> dict[str, EventPage]:
    """The events, oldest first, keyed by a short name."""
    return {
        "seminar-ii": _load_seminar_ii(index, countries),
        "seminar-iii": _load_seminar_iii(index, countries, topics, institutions, documents),
        "ecuador-launch": _load_ecuador_launch(index, countries, topics, institutions, documents),
    }
