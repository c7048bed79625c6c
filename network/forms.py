from django import forms

from wagtail.documents.forms import BaseDocumentForm
from wagtail.documents.widgets import AdminDocumentChooser


class NetworkDocumentForm(BaseDocumentForm):
    """The admin's document form, with the topics as checkboxes and the original of a translation
    picked in Wagtail's document chooser (searchable, and limited to the documents the editor may use)."""

    class Meta(BaseDocumentForm.Meta):
        widgets = {
            **BaseDocumentForm.Meta.widgets,
            "topics": forms.CheckboxSelectMultiple,
            "translation_of": AdminDocumentChooser,
        }
