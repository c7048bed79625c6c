from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from network.blocks import BodyStreamBlock
from network.public import TEXT, PublicAPIFields, PublicField


class BasePage(Page):
    """Every page of the site: an optional introduction shown under the title."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences shown under the title and in listings."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    # What every page publishes (see network.public); subclasses extend the list.
    public_fields = [PublicField("intro", search=TEXT)]
    # The read-only API (/api/v2/) exposes them in the language of ?locale=.
    api_fields = PublicAPIFields()

    class Meta:
        abstract = True


class HomePage(BasePage):
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*BasePage.content_panels, FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    public_fields = [*BasePage.public_fields, PublicField("body", search=TEXT)]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        # Imported here: the home page gathers from the apps that build on this one.
        from network.home import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(self))
        return context


class StandardPage(BasePage):
    """A free-form page: about the network, its history, how to take part."""

    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*BasePage.content_panels, FieldPanel("body")]

    parent_page_types = ["network.HomePage", "network.StandardPage"]

    public_fields = [*BasePage.public_fields, PublicField("body", search=TEXT)]

    class Meta:
        verbose_name = _("standard page")
