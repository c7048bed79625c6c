from modeltranslation.translator import TranslationOptions, register

from contracting import models


@register(models.ProcurementDataPage)
class ProcurementDataPageTranslation(TranslationOptions):
    fields = ("intro",)
