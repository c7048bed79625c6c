"""What a page lacks in each language, for its editors: the listings' badge, the edit form's
panel and the country editor's dashboard.

A field is missing in a language when another language has it: readers of that language
get the Spanish text instead (or nothing, for English-only text). The fields are those
each model registers for translation (``translation.py``), the same that decide the
reader's "not yet translated" notice (``network.i18n``), and those of the page's inline
rows (a profile's laws and key figures), which readers see on the page too.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Model
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from modelcluster.models import get_all_child_relations
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.panels import Panel
from wagtail.models import Page

from network.i18n import translated_field_names, untranslated_fields

LANGUAGE_NAMES = dict(settings.LANGUAGES)


@dataclass(frozen=True)
class Gap:
    """The fields one language lacks: "English: Title, Introduction"."""

    language: str
    fields: list[str]

    @property
    def language_name(self) -> str:
        return LANGUAGE_NAMES[self.language]


def translation_gaps(page: Model) -> list[Gap]:
    """Each language with missing fields, and their labels; an empty list when complete."""
    gaps = []
    for language, _name in settings.LANGUAGES:
        labels = [
            _label(type(page), name) for name in _in_form_order(page, untranslated_fields(page, language))
        ]
        labels.extend(_inline_gaps(page, language))
        if labels:
            gaps.append(Gap(language, labels))
    return gaps


def _in_form_order(obj: Model, names: list[str]) -> list[str]:
    """Fields in the order the model defines them (the title first), as the form shows them."""
    return sorted(names, key=lambda name: type(obj)._meta.get_field(name).creation_counter)


def _label(model: type[Model], name: str) -> str:
    return capfirst(model._meta.get_field(name).verbose_name)


def translated_relations(model: type[Model]) -> list[str]:
    """The names of the model's inline rows (child relations) that have translated fields."""
    return [
        relation.get_accessor_name()
        for relation in get_all_child_relations(model)
        if translated_field_names(relation.related_model)
    ]


def _inline_gaps(page: Model, language: str) -> list[str]:
    """One label per kind of inline row with a missing field: "Law: Title"."""
    labels = []
    for accessor in translated_relations(type(page)):
        rows = list(getattr(page, accessor).all())
        names = {name for row in rows for name in untranslated_fields(row, language)}
        if names:
            row_model = type(rows[0])
            names = _in_form_order(rows[0], list(names))
            fields = ", ".join(str(_label(row_model, name)) for name in names)
            labels.append(f"{capfirst(row_model._meta.verbose_name)}: {fields}")
    return labels


def gaps_of_pages(pages: Iterable[Page]) -> dict[int, list[Gap]]:
    """``translation_gaps`` of many pages, by page id, as published, in one query per page type
    and kind of inline row whatever the number of pages.

    Listings hold pages without their StreamFields, which the check reads, so the
    pages are read again with only their translated fields and inline rows.
    """
    ids_by_model = defaultdict(list)
    for page in pages:
        ids_by_model[type(page)].append(page.pk)
    gaps = {}
    for model, ids in ids_by_model.items():
        columns = [
            build_localized_fieldname(name, language)
            for name in translated_field_names(model)
            for language, _name in settings.LANGUAGES
        ]
        for page in (
            model.objects.filter(pk__in=ids)
            .only("pk", *columns)
            .prefetch_related(*translated_relations(model))
        ):
            gaps[page.pk] = translation_gaps(page)
    return gaps


class TranslationStatusPanel(Panel):
    """At the top of the edit form: what the version being edited lacks in each language."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("heading", _("Translation"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "network/admin/translation_status_panel.html"

        def get_context_data(self, parent_context=None) -> dict:
            context = super().get_context_data(parent_context)
            context["gaps"] = translation_gaps(self.instance)
            return context
