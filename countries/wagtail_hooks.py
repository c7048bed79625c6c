from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from countries import datasets
from countries.models import ProcurementModule
from network.reference import HOOK, Dataset


class ProcurementModuleViewSet(SnippetViewSet):
    model = ProcurementModule
    icon = "cogs"
    list_display = ["name", "code", "sort_order"]


register_snippet(ProcurementModuleViewSet)


# After the home page (order 0) and before the network's topics (order 20), so that the country
# index is the first section of the main menu; the modules come before the profiles that list them.
@hooks.register(HOOK, order=10)
def register_country_data() -> list[Dataset]:
    return [datasets.MODULE_DATA, datasets.MEMBER_STATE_DATA]
