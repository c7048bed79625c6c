from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

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

    public_fields = [*BasePage.public_fields, PublicField("body", search=TEXT)]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(self, request))
        return context


class PageRole(models.TextChoices):
    """The pages that say who runs the site and on which terms, each linked from every page's footer."""

    ABOUT = "about", _("About the network")
    OAS = "oas", _("Relation to the OAS")
    CONTACT = "contact", _("Contact the secretariat")
    PRIVACY = "privacy", _("Privacy notice")
    ACCESSIBILITY = "accessibility", _("Accessibility statement")
    TERMS = "terms", _("Terms of use")
    LICENCE = "licence", _("Content licence")


class StandardPage(BasePage):
    """A free-form page: about the network, its history, how to take part; or one of the pages
    of the site's identity (``role``), which the footer finds by their role, not their address."""

    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))
    role = models.CharField(
        _("role in the footer"),
        max_length=20,
        choices=PageRole.choices,
        blank=True,
        help_text=_(
            "Which of the site's identity pages this is (privacy notice, terms…); every page's footer links "
            "to it. One page per role."
        ),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    promote_panels = [*Page.promote_panels, FieldPanel("role")]
    # A copy is another page: the role stays with the original.
    exclude_fields_in_copy = ["role"]

    parent_page_types = ["network.HomePage", "network.StandardPage"]

    public_fields = [*BasePage.public_fields, PublicField("body", search=TEXT)]

    class Meta:
        verbose_name = _("standard page")
        constraints = [
            models.UniqueConstraint(fields=["role"], condition=~models.Q(role=""), name="one_page_per_role")
        ]
