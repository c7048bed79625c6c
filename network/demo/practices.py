"""Good practices the member countries share, each a child page of its country."""

import datetime
from typing import NamedTuple

from countries.models import CountryPage, PracticePage
from network.models import TopicPage
from network.skeleton import ensure_child, paragraphs


class Practice(NamedTuple):
    country: str
    slug_es: str
    slug_en: str
    title_es: str
    title_en: str
    intro_es: str
    intro_en: str
    body_es: tuple[str, ...]
    body_en: tuple[str, ...]
    topics: tuple[str, ...]
    date: datetime.date | None = None


PRACTICES = (
    Practice(
        "CL",
        "convenios-marco-y-tienda-electronica",
        "framework-agreements-and-online-store",
        "Convenios marco y tienda electrónica",
        "Framework agreements and an online store",
        "ChileCompra licita una vez para todo el Estado y los organismos compran lo adjudicado desde un "
        "catálogo en línea.",
        "ChileCompra tenders once for the whole state, and agencies buy what was awarded from an online "
        "catalogue.",
        (
            "Para los bienes y servicios que muchos organismos compran a menudo, ChileCompra realiza una "
            "licitación central y firma convenios marco con los proveedores adjudicados.",
            "Los productos y precios convenidos se publican en la tienda de Mercado Público. Un organismo "
            "elige y emite su orden de compra sin abrir un nuevo proceso, lo que ahorra tiempo a "
            "compradores y proveedores y da precios comparables a todo el Estado.",
        ),
        (
            "For goods and services that many agencies buy often, ChileCompra runs one central tender and "
            "signs framework agreements with the winning suppliers.",
            "The agreed products and prices are listed in the Mercado Público store. An agency picks what "
            "it needs and issues its purchase order without opening a new procedure, which saves buyers "
            "and suppliers time and gives the whole state comparable prices.",
        ),
        ("framework-agreements", "trends"),
    ),
    Practice(
        "BR",
        "pregon-electronico",
        "electronic-pregao",
        "El pregón electrónico: subasta inversa en línea",
        "The electronic pregão: an online reverse auction",
        "Brasil compra bienes y servicios comunes con una subasta inversa en línea en la que los "
        "proveedores compiten bajando sus precios.",
        "Brazil buys common goods and services through an online reverse auction in which suppliers "
        "compete by lowering their prices.",
        (
            "En el pregão electrónico los proveedores envían sus propuestas por el portal y luego mejoran "
            "sus precios en rondas abiertas. Solo se examinan los documentos de quien ofrece el mejor "
            "precio, lo que acorta el procedimiento.",
            "La Ley 10.520 de 2002 creó la modalidad y la Ley 14.133 de 2021 la mantiene. Las micro y "
            "pequeñas empresas tienen preferencias en el desempate, según la Ley Complementaria 123 de "
            "2006.",
        ),
        (
            "In the electronic pregão suppliers submit their bids through the portal and then improve "
            "their prices in open rounds. Only the documents of the best bidder are examined, which "
            "shortens the procedure.",
            "Law 10.520 of 2002 created the method and Law 14.133 of 2021 keeps it. Micro and small "
            "enterprises are preferred in tie-breaks under Complementary Law 123 of 2006.",
        ),
        ("trends", "sme"),
    ),
    Practice(
        "EC",
        "datos-abiertos-de-contratacion",
        "open-contracting-data",
        "Datos abiertos de contratación pública",
        "Open public procurement data",
        "El SERCOP publica los datos de las compras públicas en una plataforma abierta construida con la "
        "sociedad civil, la academia y el sector privado.",
        "SERCOP publishes public procurement data on an open platform built with civil society, academia "
        "and the private sector.",
        (
            "La plataforma de información abierta, lanzada el 15 de diciembre de 2021 con CAF y la Open "
            "Contracting Partnership y el apoyo del MINTEL, registraba ese año al menos 127.163 "
            "procedimientos de contratación.",
            "Cualquiera puede recorrer los datos por tipo de contrato, sector, entidad, empresa y monto. "
            "El objetivo es que los datos se difundan y usen más, que mejore su calidad y que la "
            "rendición de cuentas sirva para tomar mejores decisiones de compra.",
        ),
        (
            "The open information platform, launched on 15 December 2021 with CAF and the Open "
            "Contracting Partnership and with MINTEL's support, recorded at least 127,163 procurement "
            "procedures that year.",
            "Anyone can browse the data by type of contract, industry, agency, company and amount. The "
            "aim is for the data to be shared and used more widely, for its quality to improve and for "
            "accountability to lead to better purchasing decisions.",
        ),
        ("open-data", "strategies"),
        datetime.date(2021, 12, 15),
    ),
)


def load(countries: dict[str, CountryPage], topics: dict[str, TopicPage]) -> list[PracticePage]:
    """The practice pages; an undated practice gets today's date, the day it was shared."""
    pages = []
    for practice in PRACTICES:
        dated = {"date": practice.date} if practice.date else {}
        page, _created = ensure_child(
            countries[practice.country],
            PracticePage,
            practice.slug_es,
            slug_en=practice.slug_en,
            title_es=practice.title_es,
            title_en=practice.title_en,
            intro_es=practice.intro_es,
            intro_en=practice.intro_en,
            body_es=paragraphs(*practice.body_es),
            body_en=paragraphs(*practice.body_en),
            topics=[topics[key] for key in practice.topics],
            **dated,
        )
        pages.append(page)
    return pages
