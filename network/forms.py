from django import forms

from wagtail.documents.forms import BaseDocumentForm


class NetworkDocumentForm(BaseDocumentForm):
    """The admin's document form, with the topics as checkboxes."""

    class Meta(BaseDocumentForm.Meta):
        widgets = {
            **BaseDocumentForm.Meta.widgets,
            "topics": forms.CheckboxSelectMultiple,
        }
