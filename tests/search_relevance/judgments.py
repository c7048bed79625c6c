"""Judged queries over the demo content: what a reader types, and the title that must come first.

Half Spanish, half English; they cover missing accents, plurals, acronyms
(PYMEs/SMEs), country names, years and document files.
"""

SPANISH = [
    ("contratacion publica pymes", "Participación competitiva de las pymes en las compras gubernamentales"),
    ("PYMEs", "Participación competitiva de las pymes en las compras gubernamentales"),
    ("pyme compras gubernamentales", "Participación competitiva de las pymes en las compras gubernamentales"),
    ("chile", "Chile"),
    ("mexico", "México"),
    ("peru", "Perú"),
    ("estados unidos", "Estados Unidos"),
    ("costa rica", "Costa Rica"),
    ("brasil subasta inversa", "El pregón electrónico: subasta inversa en línea"),
    ("subastas inversas", "El pregón electrónico: subasta inversa en línea"),
    ("pregon electronico", "El pregón electrónico: subasta inversa en línea"),
    ("convenios marco tienda", "Convenios marco y tienda electrónica"),
    ("catalogos electronicos", "Contratos marco y compras por catálogo electrónico"),
    ("datos abiertos transparencia", "Datos abiertos y transparencia"),
    ("datos abiertos de contratacion", "Datos abiertos de contratación pública"),
    (
        "lanzamiento portal ecuador",
        "Lanzamiento del portal de información abierta de compras públicas del Ecuador",
    ),
    ("ecuador lanza portal", "Ecuador lanza su portal de información abierta de compras públicas"),
    ("nace la red", "Nace la Red Interamericana de Compras Gubernamentales"),
    (
        "informe ejecutivo seminario",
        "Informe ejecutivo del III Seminario Interamericano de Compras Gubernamentales Electrónicas",
    ),
    ("II seminario 2004", "II Seminario Interamericano de Compras Gubernamentales Electrónicas"),
    ("firma digital", "Firma digital y seguridad"),
    ("capacitacion usuarios plataformas", "Apoyo y capacitación a usuarios de las plataformas"),
    ("armonizacion", "Armonización"),
    ("banca electronica", "El papel de la banca electrónica en las compras electrónicas"),
    ("asociaciones publico privadas", "Asociaciones público-privadas"),
    ("marco legal compras", "Marco legal de las compras públicas"),
    ("externalizacion plataformas", "Externalización de plataformas"),
    ("cooperacion regional", "Cooperación regional e institucionalización de la red"),
    ("organizacion institucional", "Organización institucional"),
    (
        "tendencias compras electronicas",
        "Tendencias de las compras electrónicas en los sectores público y privado",
    ),
]

ENGLISH = [
    ("SMEs", "Competitive SME participation in government procurement"),
    ("SME participation", "Competitive SME participation in government procurement"),
    ("chile", "Chile"),
    ("mexico", "Mexico"),
    ("united states", "United States"),
    ("costa rica", "Costa Rica"),
    ("peru", "Peru"),
    ("brazil reverse auction", "The electronic pregão: an online reverse auction"),
    ("reverse auctions", "The electronic pregão: an online reverse auction"),
    ("framework agreements online store", "Framework agreements and an online store"),
    ("e-catalogues", "Framework contracts and e-catalogue purchasing"),
    ("open data transparency", "Open data and transparency"),
    ("ecuador launches portal", "Ecuador launches its open public procurement information portal"),
    ("network is born", "The Inter-American Government Procurement Network is born"),
    (
        "executive report III seminar",
        "Executive report of the III Inter-American Seminar on E-Government Procurement",
    ),
    ("digital signatures", "Digital signature and security"),
    ("training platform users", "Support and training for platform users"),
    ("harmonization", "Harmonization"),
    ("electronic banking", "The role of electronic banking in e-procurement"),
    ("public private partnerships", "Public-private partnerships"),
    ("legal framework", "Legal framework of public procurement"),
    ("outsourcing platforms", "Outsourcing of platforms"),
    ("regional cooperation", "Regional cooperation and institutionalization of the network"),
    ("institutional organization", "Institutional organization"),
    ("II seminar 2004", "II Inter-American Seminar on E-Government Procurement"),
    ("procurement strategies", "Strategies for developing e-government procurement"),
    ("e-procurement trends", "E-procurement trends in the public and private sectors"),
    ("professional development", "Professional development and training"),
    ("international experiences", "International experiences"),
    (
        "financial tax systems integration",
        "Integration of e-government procurement with financial and tax systems",
    ),
]

JUDGMENTS = [("es", query, title) for query, title in SPANISH] + [
    ("en", query, title) for query, title in ENGLISH
]
