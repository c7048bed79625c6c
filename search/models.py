"""The database engines' index: one row per page language version or document.

The analysed ``*_terms`` columns are what the full-text index reads: FTS5
tables on SQLite (migration 0004), a narrow table of GIN-indexed tsvectors on
PostgreSQL (migration 0005), both kept in step by triggers. The other columns
are what results show and facets count.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from search.analysis import analyze


class SearchEntry(models.Model):
    source = models.CharField(_("source"), max_length=40, help_text=_("What the entry stands for."))
    language = models.CharField(_("language"), max_length=8)
    kind = models.CharField(_("type"), max_length=30)
    title = models.TextField(_("title"))
    text = models.TextField(_("text"), blank=True)
    url = models.CharField(_("address"), max_length=1000)
    date = models.DateField(_("date"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    countries = models.CharField(_("countries"), max_length=400, blank=True)
    topics = models.CharField(_("topics"), max_length=400, blank=True)
    # Labelled parts of the text, [label, start, end], for entries shown field by field. Nullable
    # without a default, so adding it does not make SQLite rebuild the table (and drop its triggers).
    sections = models.JSONField(null=True, blank=True)
    # --- Analysed text, read by the full-text index ---------------------------
    title_terms = models.TextField(blank=True)
    text_terms = models.TextField(blank=True)
    keyword_terms = models.TextField(blank=True)
    # Folded, unstemmed title words, for autocomplete.
    title_words = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["source", "language"], name="search_entry_one_per_language")
        ]
        indexes = [models.Index(fields=["language", "kind"], name="search_entry_language_kind")]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class SearchIndexVersion(models.Model):
    """Changes whenever the index does, so each process knows when its facet cache is stale."""

    token = models.CharField(max_length=40)
    # The digest of the glossary whose concept terms every entry holds (``search.glossary``); empty
    # when entries were written with different glossaries, until the index is rebuilt.
    glossary = models.CharField(max_length=40, blank=True, default="")

    def __str__(self) -> str:
        return self.token


class SearchTerm(models.Model):
    """A word of the indexed text and how many entries contain it, for "did you mean"."""

    language = models.CharField(max_length=8)
    word = models.CharField(max_length=40)
    frequency = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["language", "word"], name="search_term_unique_word")]

    def __str__(self) -> str:
        return f"{self.word} ({self.language})"


class GlossaryEntry(models.Model):
    """Expressions that mean the same thing, in Spanish and in English (licitación, tender, …).

    A query that contains one of them also finds the others, in both languages;
    see ``search.glossary``. Seeded from search/data/glossary.yaml
    (``manage.py load_reference_data``); editors extend it in the admin.
    """

    spanish = models.TextField(
        _("Spanish"),
        blank=True,
        help_text=_("Words or expressions in Spanish, one per line (accents are optional)."),
    )
    english = models.TextField(
        _("English"),
        blank=True,
        help_text=_("The same in English, one per line. Acronyms and numerals go in either list."),
    )
    place = models.BooleanField(
        _("place"),
        default=False,
        help_text=_(
            "A city or region. A query that names it asks where, not what: “hotels in São Paulo” "
            "is not answered by the pages that mention São Paulo."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("glossary entry")
        verbose_name_plural = _("search glossary")
        ordering = ["pk"]

    def __str__(self) -> str:
        return " / ".join(filter(None, (self.first(self.spanish), self.first(self.english))))

    @staticmethod
    def first(lines: str) -> str:
        return next(iter(expression_lines(lines)), "")

    def expressions(self) -> list[str]:
        return [*expression_lines(self.spanish), *expression_lines(self.english)]

    def clean(self) -> None:
        """Refuses an expression made only of words the search leaves out in its language ("who does
        what", "de la"): it would find nothing, and its entry's other expressions nothing through it."""
        errors = {}
        for field, language in (("spanish", "es"), ("english", "en")):
            empty = [text for text in expression_lines(getattr(self, field)) if not analyze(text, language)]
            if empty:
                errors[field] = ValidationError(
                    _(
                        "Every word of “%(expression)s” is one the search leaves out (like “the” or “de”): "
                        "add a word that says what it is about."
                    ),
                    code="only_stop_words",
                    params={"expression": empty[0]},
                )
        if errors:
            raise ValidationError(errors)


def expression_lines(text: str) -> list[str]:
    """The non-empty lines of ``text`` (commas also separate, as editors tend to type them)."""
    return [part.strip() for line in text.splitlines() for part in line.split(",") if part.strip()]
