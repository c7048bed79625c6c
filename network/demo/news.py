"""News items: the network's constitution in 2005 and Ecuador's open procurement portal in 2021.

The constitution is dated on the last day of the III Seminar, when its agreements were reached.
"""

import datetime
from typing import NamedTuple

from countries.models import CountryPage
from network.models import NewsIndexPage, NewsPage, TopicPage
from network.skeleton import ensure_child, paragraphs


class NewsItem(NamedTuple):
    slug_es: str
    slug_en: str
    date: datetime.date
    title_es: str
    title_en: str
    intro_es: str
    intro_en: str
    body_es: tuple[str, ...]
    body_en: tuple[str, ...]
    countries: tuple[str, ...]
    topics: tuple[str, ...]
    source_url: str = ""


NEWS = (
    NewsItem(
        "nace-la-red-interamericana-de-compras-gubernamentales",
        "the-inter-american-government-procurement-network-is-born",
        datetime.date(2005, 6, 23),
        "Nace la Red Interamericana de Compras Gubernamentales",
        "The Inter-American Government Procurement Network is born",
        "Al cierre del III Seminario, en Santiago de Chile, los países acordaron unir sus iniciativas "
        "regionales en una sola red con un comité ejecutivo.",
        "At the close of the III Seminar in Santiago, Chile, the countries agreed to join their regional "
        "initiatives in a single network with an executive committee.",
        (
            "Los representantes de dieciocho países de la OEA decidieron integrar la red de compras "
            "electrónicas coordinada por ChileCompra, las Conferencias de Compras Gubernamentales de las "
            "Américas y la red de instituciones centrales de compras en una sola Red Interamericana de "
            "Compras Gubernamentales.",
            "Perú, Costa Rica, Brasil, Chile y Estados Unidos forman su comité ejecutivo, que coordinará "
            "las actividades con el apoyo de la OEA. La red tendrá un sitio común, www.compraspublicas.org, "
            "alojado por el Gobierno de Chile durante su primer año.",
        ),
        (
            "Representatives of eighteen OAS countries decided to merge the e-procurement network "
            "coordinated by ChileCompra, the Government Procurement Conferences of the Americas and the "
            "network of central procurement institutions into a single Inter-American Government "
            "Procurement Network.",
            "Peru, Costa Rica, Brazil, Chile and the United States form its executive committee, which will "
            "coordinate activities with the support of the OAS. The network will share one website, "
            "www.compraspublicas.org, hosted by the Government of Chile for its first year.",
        ),
        ("PE", "CR", "BR", "CL", "US"),
        ("regional-cooperation",),
    ),
    NewsItem(
        "ecuador-lanza-su-portal-de-informacion-abierta-de-compras-publicas",
        "ecuador-launches-its-open-public-procurement-information-portal",
        datetime.date(2021, 12, 15),
        "Ecuador lanza su portal de información abierta de compras públicas",
        "Ecuador launches its open public procurement information portal",
        "Con la cooperación de CAF y la Open Contracting Partnership y el apoyo del MINTEL, el SERCOP "
        "abrió al público los datos de las compras del Estado ecuatoriano.",
        "With the cooperation of CAF and the Open Contracting Partnership and MINTEL's support, SERCOP "
        "opened the Ecuadorian state's procurement data to the public.",
        (
            "La plataforma forma parte del compromiso de gobierno abierto del SERCOP en el primer Plan de "
            "Acción Nacional de Gobierno Abierto 2019-2022 y se diseñó junto con la sociedad civil, la "
            "academia y los sectores público y privado.",
            "En lo que iba de 2021 había registrado al menos 127.163 procedimientos de contratación, que "
            "pueden consultarse por tipo de contrato, sector, entidad, empresa y monto. Se espera que "
            "otros países de la región repliquen la iniciativa.",
        ),
        (
            "The platform is part of SERCOP's open government commitment in the first National Open "
            "Government Action Plan 2019-2022 and was designed together with civil society, academia and "
            "the public and private sectors.",
            "So far in 2021 it had recorded at least 127,163 procurement procedures, which can be explored "
            "by type of contract, industry, agency, company and amount. Other countries in the region are "
            "expected to follow suit.",
        ),
        ("EC",),
        ("open-data", "strategies"),
        "https://datosabiertos.compraspublicas.gob.ec",
    ),
)


def load(
    index: NewsIndexPage, countries: dict[str, CountryPage], topics: dict[str, TopicPage]
) -> list[NewsPage]:
    pages = []
    for item in NEWS:
        page, _created = ensure_child(
            index,
            NewsPage,
            item.slug_es,
            slug_en=item.slug_en,
            date=item.date,
            title_es=item.title_es,
            title_en=item.title_en,
            intro_es=item.intro_es,
            intro_en=item.intro_en,
            body_es=paragraphs(*item.body_es),
            body_en=paragraphs(*item.body_en),
            source_url=item.source_url,
            countries=[countries[code] for code in item.countries],
            topics=[topics[key] for key in item.topics],
        )
        pages.append(page)
    return pages
