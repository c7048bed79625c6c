from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from network.blocks import BodyStreamBlock
from network.home import home_context
from network.models.base import BasePage
from network.public import TEXT, PublicField


class HomePage(BasePage):
    """The site's front page: its own topics and sections, and what the other apps contribute
    through the ``home_page_sections`` hook (see ``network.sections``)."""

    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*BasePage.content_panels, FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    subscribe_feeds = ("news", "events")

    public_fields = [*BasePage.public_fields, PublicField("body", search=TEXT)]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(self, request))
        return context


class StandardPage(BasePage):
    """A free-form page: about the network, its history, how to take part."""

    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*BasePage.content_panels, FieldPanel("body")]

    parent_page_types = ["network.HomePage", "network.StandardPage"]

    public_fields = [*BasePage.public_fields, PublicField("body", search=TEXT)]

    class Meta:
        verbose_name = _("standard page")
