from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

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

    # --- Open data offered on the page (network/templatetags/open_data_tags.py) ---
    # The export datasets (network.exports) an index page offers as CSV and JSON downloads.
    open_data_downloads: tuple[str, ...] = ()
    # The API page type listing the same content, linked next to the downloads.
    api_listing_type = ""
    # The feed filter ("country" or "topic") a page stands for, for the feeds narrowed to it.
    feed_subject = ""
    # The feeds ("news", "events") the page offers readers to subscribe to, in a visible list;
    # narrowed to the page when it is a feed subject. "events" brings the calendar of upcoming events.
    subscribe_feeds: tuple[str, ...] = ()

    class Meta:
        abstract = True
