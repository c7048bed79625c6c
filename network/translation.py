from modeltranslation.translator import TranslationOptions, register

from network import models


@register(models.HomePage)
class HomePageTranslation(TranslationOptions):
    fields = ("intro", "body")


@register(models.StandardPage)
class StandardPageTranslation(TranslationOptions):
    fields = ("intro", "body")


@register(models.TopicIndexPage)
class TopicIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(models.TopicPage)
class TopicPageTranslation(TranslationOptions):
    fields = ("intro", "body")


@register(models.PublicationIndexPage)
class PublicationIndexPageTranslation(TranslationOptions):
    fields = ("intro",)
