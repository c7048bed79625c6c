from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from countries.models import ProcurementModule


class ProcurementModuleViewSet(SnippetViewSet):
    model = ProcurementModule
    icon = "cogs"
    list_display = ["name", "code", "sort_order"]


register_snippet(ProcurementModuleViewSet)
