from contextlib import AbstractContextManager

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from network import reference
from search import indexing
from search.datasets import GLOSSARY_DATA
from search.models import GlossaryEntry


class GlossaryEntryViewSet(SnippetViewSet):
    """The search glossary, where the secretariat adds the words readers use for the same thing."""

    model = GlossaryEntry
    icon = "search"
    menu_label = _("Search glossary")
    list_display = ["__str__", "spanish", "english", "place"]
    list_filter = ["place"]


register_snippet(GlossaryEntryViewSet)


@hooks.register(reference.HOOK, order=900)
def register_search_data() -> list[reference.Dataset]:
    return [GLOSSARY_DATA]


@hooks.register(reference.LOAD_HOOK)
def index_once_after_the_load() -> AbstractContextManager[None]:
    return indexing.deferred()
