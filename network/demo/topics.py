"""Every topic the III Inter-American Seminar (Santiago de Chile, 2005) named, and open data.

The seminar's workshops and discussion forums, its closing sessions on the
network itself, and the priorities of its first agreement: the two "highest"
topics, the three "high" ones, and the rest of common interest. Open data joins
them for Ecuador's 2021 portal. The sources name no lead country for any topic,
so ``lead_countries`` stays empty for editors to fill.
"""

from typing import NamedTuple

from network.models import TopicIndexPage, TopicPage, TopicPriority
from network.skeleton import ensure_child

HIGHEST = TopicPriority.HIGHEST
HIGH = TopicPriority.HIGH
COMMON = TopicPriority.COMMON


class Topic(NamedTuple):
    key: str
    slug_es: str
    slug_en: str
    title_es: str
    title_en: str
    priority: str
    intro_es: str
    intro_en: str


TOPICS = (
    # --- Priorities of agreement 1 of the III Seminar --------------------------
    Topic(
        "sme",
        "participacion-competitiva-de-las-pymes",
        "competitive-sme-participation",
        "Participación competitiva de las pymes en las compras gubernamentales",
        "Competitive SME participation in government procurement",
        HIGHEST,
        "Cómo lograr que las pequeñas y medianas empresas compitan en igualdad de condiciones por los "
        "contratos del Estado.",
        "How to let small and medium-sized enterprises compete on an equal footing for government contracts.",
    ),
    Topic(
        "training",
        "desarrollo-profesional-y-capacitacion",
        "professional-development-and-training",
        "Desarrollo profesional y capacitación",
        "Professional development and training",
        HIGHEST,
        "La formación de quienes compran para el Estado, para que la función se ejerza como una profesión.",
        "Training the people who buy for the state, so that procurement is practised as a profession.",
    ),
    Topic(
        "harmonization",
        "armonizacion",
        "harmonization",
        "Armonización",
        "Harmonization",
        HIGH,
        "Acercar las reglas, los formatos y los datos de compras de los países para facilitar la "
        "cooperación y el comercio.",
        "Bringing the countries' procurement rules, formats and data closer together to ease "
        "cooperation and trade.",
    ),
    Topic(
        "financial-integration",
        "integracion-con-sistemas-financieros-y-tributarios",
        "integration-with-financial-and-tax-systems",
        "Integración de las compras electrónicas con los sistemas financieros y tributarios",
        "Integration of e-government procurement with financial and tax systems",
        HIGH,
        "Conectar el sistema de compras con el presupuesto, la tesorería y la administración tributaria.",
        "Connecting the procurement system with the budget, the treasury and the tax administration.",
    ),
    Topic(
        "ppp",
        "asociaciones-publico-privadas",
        "public-private-partnerships",
        "Asociaciones público-privadas",
        "Public-private partnerships",
        HIGH,
        "Contratos de largo plazo en que el Estado y empresas privadas comparten inversión y riesgos.",
        "Long-term contracts in which the state and private companies share investment and risk.",
    ),
    # --- Workshops -------------------------------------------------------------
    Topic(
        "trends",
        "tendencias-de-las-compras-electronicas",
        "e-procurement-trends",
        "Tendencias de las compras electrónicas en los sectores público y privado",
        "E-procurement trends in the public and private sectors",
        COMMON,
        "Hacia dónde evolucionan las compras electrónicas, y qué puede aprender el Estado de las empresas.",
        "Where electronic procurement is heading, and what government can learn from business.",
    ),
    Topic(
        "e-banking",
        "banca-electronica-en-las-compras",
        "electronic-banking-in-e-procurement",
        "El papel de la banca electrónica en las compras electrónicas",
        "The role of electronic banking in e-procurement",
        COMMON,
        "Pagos, garantías y facturas electrónicas dentro del proceso de compra.",
        "Electronic payments, guarantees and invoices within the purchasing process.",
    ),
    Topic(
        "international-experiences",
        "experiencias-internacionales",
        "international-experiences",
        "Experiencias internacionales",
        "International experiences",
        COMMON,
        "Lo que otros países y regiones han aprendido al modernizar sus compras públicas.",
        "What other countries and regions have learned from modernizing their public procurement.",
    ),
    Topic(
        "framework-agreements",
        "contratos-marco-y-catalogos-electronicos",
        "framework-contracts-and-e-catalogues",
        "Contratos marco y compras por catálogo electrónico",
        "Framework contracts and e-catalogue purchasing",
        COMMON,
        "Licitar una vez para muchos compradores y dejar que compren desde un catálogo en línea.",
        "Tendering once for many buyers and letting them order from an online catalogue.",
    ),
    # --- Discussion forums -----------------------------------------------------
    Topic(
        "strategies",
        "estrategias-de-compras-electronicas",
        "e-procurement-strategies",
        "Estrategias para el desarrollo de las compras gubernamentales electrónicas",
        "Strategies for developing e-government procurement",
        COMMON,
        "Cómo planifica cada país su sistema electrónico, según los perfiles de país preparados con la OEA.",
        "How each country plans its electronic system, drawing on the country profiles prepared with "
        "the OAS.",
    ),
    Topic(
        "legal-framework",
        "marco-legal",
        "legal-framework",
        "Marco legal de las compras públicas",
        "Legal framework of public procurement",
        COMMON,
        "Las leyes y reglamentos que rigen las compras del Estado y su adaptación a los medios electrónicos.",
        "The laws and regulations governing state purchases and how they adapt to electronic means.",
    ),
    Topic(
        "institutional-organization",
        "organizacion-institucional",
        "institutional-organization",
        "Organización institucional",
        "Institutional organization",
        COMMON,
        "Quién dicta las normas, quién opera el sistema y quién compra: el reparto de funciones entre "
        "instituciones.",
        "Who sets the rules, who runs the system and who buys: how roles are shared among institutions.",
    ),
    Topic(
        "digital-signature",
        "firma-digital-y-seguridad",
        "digital-signature-and-security",
        "Firma digital y seguridad",
        "Digital signature and security",
        COMMON,
        "Dar validez legal a las ofertas y documentos electrónicos y proteger las plataformas.",
        "Giving electronic bids and documents legal validity and keeping the platforms secure.",
    ),
    Topic(
        "outsourcing",
        "externalizacion-de-plataformas",
        "outsourcing-of-platforms",
        "Externalización de plataformas",
        "Outsourcing of platforms",
        COMMON,
        "Cuándo conviene que un proveedor externo desarrolle u opere la plataforma de compras, y con "
        "qué resguardos.",
        "When an outside provider should build or run the procurement platform, and with which safeguards.",
    ),
    Topic(
        "user-support",
        "apoyo-y-capacitacion-a-usuarios",
        "user-support-and-training",
        "Apoyo y capacitación a usuarios de las plataformas",
        "Support and training for platform users",
        COMMON,
        "Mesas de ayuda, cursos y guías para compradores y proveedores que usan el sistema.",
        "Help desks, courses and guides for the buyers and suppliers who use the system.",
    ),
    # --- Closing sessions; then open data, for Ecuador's 2021 portal -------------
    Topic(
        "regional-cooperation",
        "cooperacion-regional",
        "regional-cooperation",
        "Cooperación regional e institucionalización de la red",
        "Regional cooperation and institutionalization of the network",
        COMMON,
        "Cómo se organizan los países para trabajar juntos: la red única, su comité ejecutivo y su "
        "sitio compartido.",
        "How the countries organize to work together: the single network, its executive committee and "
        "its shared website.",
    ),
    Topic(
        "open-data",
        "datos-abiertos-y-transparencia",
        "open-data-and-transparency",
        "Datos abiertos y transparencia",
        "Open data and transparency",
        COMMON,
        "Publicar los datos de todo el ciclo de contratación para que cualquiera pueda usarlos y "
        "vigilar el gasto.",
        "Publishing data on the whole contracting cycle so that anyone can use it and follow the spending.",
    ),
)


def load(index: TopicIndexPage) -> dict[str, TopicPage]:
    """The topic pages, keyed by the short names the other demo modules use."""
    pages = {}
    for topic in TOPICS:
        pages[topic.key], _created = ensure_child(
            index,
            TopicPage,
            topic.slug_es,
            slug_en=topic.slug_en,
            title_es=topic.title_es,
            title_en=topic.title_en,
            priority=topic.priority,
            intro_es=topic.intro_es,
            intro_en=topic.intro_en,
        )
    return pages
