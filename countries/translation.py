from modeltranslation.translator import TranslationOptions, register

from countries import models


@register(models.ProcurementModule)
class ProcurementModuleTranslation(TranslationOptions):
    fields = ("name", "description")


@register(models.CountryIndexPage)
class CountryIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(models.CountryPage)
class CountryPageTranslation(TranslationOptions):
    fields = ("intro", "agency_name", "system_name", "body", "contact_role")


@register(models.CountryLaw)
class CountryLawTranslation(TranslationOptions):
    fields = ("title",)


@register(models.CountryKeyFigure)
class CountryKeyFigureTranslation(TranslationOptions):
    fields = ("label", "unit", "source")


@register(models.PracticePage)
class PracticePageTranslation(TranslationOptions):
    fields = ("intro", "body")
