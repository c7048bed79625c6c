from modeltranslation.translator import TranslationOptions, register

from events import models


@register(models.EventIndexPage)
class EventIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(models.EventPage)
class EventPageTranslation(TranslationOptions):
    fields = ("intro", "city", "report")


@register(models.EventSession)
class EventSessionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(models.EventAgreement)
class EventAgreementTranslation(TranslationOptions):
    fields = ("title", "text")
