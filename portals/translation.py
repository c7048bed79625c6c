from modeltranslation.translator import TranslationOptions, register

from portals import models


@register(models.Institution)
class InstitutionTranslation(TranslationOptions):
    fields = ("name", "acronym")


@register(models.Portal)
class PortalTranslation(TranslationOptions):
    fields = ("name", "description")


@register(models.PortalDirectoryPage)
class PortalDirectoryPageTranslation(TranslationOptions):
    fields = ("intro",)
