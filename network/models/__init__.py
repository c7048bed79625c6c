"""The network's own models, split by subject; the split creates no migrations.

- ``pages``: the base page class, the home page and free-form pages
- ``topics``: the working-group topics
- ``portals``: institutions, member portals and partner initiatives, and their directory
- ``news``: news items and their index
- ``documents``: the document model (publications) and the publications index
- ``records``: what the reference and demo data files last loaded into each object
"""

from network.models.documents import DocumentKind, NetworkDocument, PublicationIndexPage
from network.models.news import NewsIndexPage, NewsPage
from network.models.pages import BasePage, HomePage, StandardPage
from network.models.portals import Institution, Portal, PortalDirectoryPage, PortalKind
from network.models.records import LoadedRecord
from network.models.topics import TopicIndexPage, TopicPage, TopicPriority

__all__ = [
    "BasePage",
    "DocumentKind",
    "HomePage",
    "Institution",
    "LoadedRecord",
    "NetworkDocument",
    "NewsIndexPage",
    "NewsPage",
    "Portal",
    "PortalDirectoryPage",
    "PortalKind",
    "PublicationIndexPage",
    "StandardPage",
    "TopicIndexPage",
    "TopicPage",
    "TopicPriority",
]
