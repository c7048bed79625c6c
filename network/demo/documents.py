"""The library's demo documents, written as small PDFs when they are loaded (no binary in the repository).

A document is found by its title. The PDFs carry real text, so the site's search
extracts and indexes it like that of any uploaded file.
"""

from typing import NamedTuple

from django.core.files.base import ContentFile

from wagtail.models import Collection

from countries.models import CountryPage
from network.demo.events import PRIORITY_TOPICS, SEMINAR_III_PARTICIPANTS
from network.demo.pdf import text_pdf
from network.models import DocumentKind, NetworkDocument, TopicPage


class DocumentData(NamedTuple):
    key: str
    filename: str
    title: str
    language: str
    kind: str
    year: int
    description: str
    countries: tuple[str, ...]
    topics: tuple[str, ...]
    paragraphs: tuple[str, ...]


REPORT_TOPICS = (*PRIORITY_TOPICS, "regional-cooperation")

DOCUMENTS = (
    DocumentData(
        key="seminar-iii-report-es",
        filename="informe-ejecutivo-iii-seminario-2005.pdf",
        title="Informe ejecutivo del III Seminario Interamericano de Compras Gubernamentales Electrónicas",
        language="es",
        kind=DocumentKind.REPORT,
        year=2005,
        description="Resumen del seminario de Santiago de Chile (20 al 23 de junio de 2005) y sus acuerdos.",
        countries=SEMINAR_III_PARTICIPANTS,
        topics=REPORT_TOPICS,
        paragraphs=(
            "Santiago de Chile, 20 al 23 de junio de 2005.",
            "El III Seminario Interamericano de Compras Gubernamentales Electrónicas fue una actividad de "
            "la Red Interamericana de Compras Gubernamentales Electrónicas, coordinada por ChileCompra, y "
            "lo organizaron en conjunto la Organización de los Estados Americanos y el Gobierno de Chile.",
            "Participaron 38 altos funcionarios de 18 países miembros de la OEA y representantes de dos "
            "instituciones multilaterales. Los países fueron Argentina, Bolivia, Brasil, Chile, Colombia, "
            "Costa Rica, Ecuador, El Salvador, Estados Unidos, Guatemala, Honduras, Jamaica, México, "
            "Nicaragua, Panamá, Paraguay, Perú y Uruguay.",
            "La agenda retomó los temas prioritarios señalados en el II Seminario (São Paulo, septiembre "
            "de 2004). Mesas de trabajo: tendencias de las compras electrónicas en los sectores público y "
            "privado; el papel de la banca electrónica; experiencias internacionales; contratos marco y "
            "compras por catálogo electrónico.",
            "Foros de discusión: estrategias de desarrollo de las compras electrónicas, con los perfiles "
            "de país preparados con la OEA; marco legal; organización institucional; firma digital y "
            "seguridad; externalización de plataformas; apoyo y capacitación a usuarios; participación "
            "competitiva de las pymes.",
            "Las sesiones finales trataron de la institucionalización de las iniciativas regionales.",
            "Acuerdo 1. Áreas de interés común. Las dos de máxima prioridad son la participación "
            "competitiva de las pymes en las compras gubernamentales y el desarrollo profesional y la "
            "capacitación. Son también prioritarias la armonización, la integración de las compras "
            "electrónicas con los sistemas financieros y tributarios, y las asociaciones público-privadas.",
            "Acuerdo 2. Comité ejecutivo. Las iniciativas multinacionales en curso se unen en una sola Red "
            "Interamericana de Compras Gubernamentales, coordinada por un comité ejecutivo con el apoyo de "
            "la OEA e integrado por Perú, Costa Rica, Brasil, Chile y Estados Unidos. Su sitio será "
            "www.compraspublicas.org, que Chile alojará durante un año.",
        ),
    ),
    DocumentData(
        key="seminar-iii-report-en",
        filename="executive-report-iii-seminar-2005.pdf",
        title="Executive report of the III Inter-American Seminar on E-Government Procurement",
        language="en",
        kind=DocumentKind.REPORT,
        year=2005,
        description="Summary of the seminar in Santiago, Chile (20-23 June 2005) and of its two agreements.",
        countries=SEMINAR_III_PARTICIPANTS,
        topics=REPORT_TOPICS,
        paragraphs=(
            "Santiago, Chile, 20-23 June 2005.",
            "The III Inter-American Seminar on E-Government Procurement was an activity of the "
            "Inter-American E-Government Procurement Network, coordinated by ChileCompra, and was "
            "organized jointly by the Organization of American States and the Government of Chile.",
            "It brought together 38 senior officials from 18 OAS member countries and representatives of "
            "two multilateral institutions. The countries were Argentina, Bolivia, Brazil, Chile, "
            "Colombia, Costa Rica, Ecuador, El Salvador, Guatemala, Honduras, Jamaica, Mexico, Nicaragua, "
            "Panama, Paraguay, Peru, the United States and Uruguay.",
            "The agenda followed up the priority topics named at the II Seminar (São Paulo, September "
            "2004). Workshops: e-procurement trends in the public and private sectors; the role of "
            "electronic banking; international experiences; framework contracts and e-catalogue "
            "purchasing.",
            "Discussion forums: strategies for developing e-procurement, with the country profiles "
            "prepared with the OAS; legal framework; institutional organization; digital signature and "
            "security; outsourcing of platforms; support and training for users; competitive SME "
            "participation.",
            "The final sessions dealt with institutionalizing the regional initiatives.",
            "Agreement 1. Areas of common interest. The two of highest priority are competitive SME "
            "participation in government procurement and professional development and training. "
            "Harmonization, integration of e-procurement with financial and tax systems, and "
            "public-private partnerships are also priorities.",
            "Agreement 2. Executive committee. The ongoing multinational initiatives join in a single "
            "Inter-American Government Procurement Network, coordinated by an executive committee with "
            "the support of the OAS, made up of Peru, Costa Rica, Brazil, Chile and the United States. "
            "Its website will be www.compraspublicas.org, hosted by Chile for one year.",
        ),
    ),
    DocumentData(
        key="ecuador-open-data-brief-es",
        filename="nota-portal-informacion-abierta-ecuador-2021.pdf",
        title="Nota informativa: plataforma de información abierta de compras públicas del Ecuador",
        language="es",
        kind=DocumentKind.OTHER,
        year=2021,
        description="Qué ofrece la plataforma de datos abiertos que el SERCOP presentó en diciembre de 2021.",
        countries=("EC",),
        topics=("open-data",),
        paragraphs=(
            "15 de diciembre de 2021.",
            "El Servicio Nacional de Contratación Pública (SERCOP) presentó su plataforma de información "
            "abierta de compras públicas, desarrollada con la cooperación de CAF y la Open Contracting "
            "Partnership y el apoyo del Ministerio de Telecomunicaciones (MINTEL).",
            "La plataforma es parte del compromiso de gobierno abierto del SERCOP en el primer Plan de "
            "Acción Nacional de Gobierno Abierto 2019-2022. En 2021 registraba al menos 127.163 "
            "procedimientos de contratación, que pueden explorarse por tipo de contrato, sector, entidad, "
            "empresa y monto.",
            "Su objetivo es que compradores, proveedores, sociedad civil y academia usen mejor los datos "
            "del Sistema Nacional de Contratación Pública y que la rendición de cuentas mejore.",
        ),
    ),
)


def _create(
    data: DocumentData, countries: dict[str, CountryPage], topics: dict[str, TopicPage]
) -> NetworkDocument:
    document = NetworkDocument(
        title=data.title,
        file=ContentFile(text_pdf(data.title, list(data.paragraphs), data.language), name=data.filename),
        collection=Collection.get_first_root_node(),
        kind=data.kind,
        language=data.language,
        year=data.year,
        description=data.description,
    )
    document._set_document_file_metadata()
    document.save()
    document.countries.set([countries[code] for code in data.countries])
    document.topics.set([topics[key] for key in data.topics])
    return document


def load(countries: dict[str, CountryPage], topics: dict[str, TopicPage]) -> dict[str, NetworkDocument]:
    """The documents keyed by a short name, created (with their files) when no document has the title."""
    existing = {document.title: document for document in NetworkDocument.objects.all()}
    return {data.key: existing.get(data.title) or _create(data, countries, topics) for data in DOCUMENTS}
