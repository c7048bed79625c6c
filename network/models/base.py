from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page


class BasePage(Page):
    """Every page of the site: an optional introduction shown under the title."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences shown under the title and in listings."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    # Fields the read-only API (/api/v2/) exposes, in the language of ?locale=.
    api_fields = [APIField("intro")]

    class Meta:
        abstract = True
