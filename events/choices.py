"""Kinds of events and of agenda sessions, shared by the models and the pages that group by them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    SEMINAR = "seminar", _("Seminar")
    CONFERENCE = "conference", _("Conference")
    WORKSHOP = "workshop", _("Workshop")
    WEB_CONFERENCE = "web-conference", _("Web conference")


class SessionKind(models.TextChoices):
    PRESENTATION = "presentation", _("Presentation")
    WORKSHOP = "workshop", _("Workshop")
    FORUM = "forum", _("Discussion forum")
    ROUND_TABLE = "round-table", _("Round table")
    PLENARY = "plenary", _("Plenary session")


# Headings of the agenda, where sessions of one kind are listed together.
SESSION_KIND_HEADINGS = {
    SessionKind.PRESENTATION: _("Presentations"),
    SessionKind.WORKSHOP: _("Workshops"),
    SessionKind.FORUM: _("Discussion forums"),
    SessionKind.ROUND_TABLE: _("Round tables"),
    SessionKind.PLENARY: _("Plenary sessions"),
}
