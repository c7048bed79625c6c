from django import forms
from django.utils.translation import gettext_lazy as _

from countries.models import CountryPage
from network.forms import NetworkDocumentForm


class CountryDocumentForm(NetworkDocumentForm):
    """The admin's document form with the countries a document is about.

    The relation is ``CountryPage.documents``: it belongs to the countries app, which
    stands on the network's ground, so the document model itself knows no country.
    """

    countries = forms.ModelMultipleChoiceField(
        queryset=CountryPage.objects.order_by("title"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("countries"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and "countries" not in self.initial:
            self.initial["countries"] = list(self.instance.countries.values_list("pk", flat=True))

    def _save_m2m(self) -> None:
        super()._save_m2m()
        self.instance.countries.set(self.cleaned_data["countries"])
