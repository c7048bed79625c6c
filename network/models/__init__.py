"""The network's own models, split by subject; the split creates no migrations.

- ``base``: the base page class every page of the site extends
- ``pages``: the home page and free-form pages
- ``topics``: the working-group topics
- ``documents``: the document model (publications) and the publications index
- ``records``: what the reference and demo data files last loaded into each object
"""

from network.models.base import BasePage
from network.models.documents import DocumentKind, NetworkDocument, PublicationIndexPage, TextStatus
from network.models.pages import HomePage, PageRole, StandardPage
from network.models.records import LoadedRecord
from network.models.topics import TopicIndexPage, TopicPage, TopicPriority

__all__ = [
    "BasePage",
    "DocumentKind",
    "HomePage",
    "LoadedRecord",
    "NetworkDocument",
    "PageRole",
    "PublicationIndexPage",
    "StandardPage",
    "TextStatus",
    "TopicIndexPage",
    "TopicPage",
    "TopicPriority",
]
