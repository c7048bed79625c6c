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


@register(models.Institution)
class InstitutionTranslation(TranslationOptions):
    fields = ("name", "acronym")


@register(models.Portal)
class PortalTranslation(TranslationOptions):
    fields = ("name", "description")


@register(models.PortalDirectoryPage)
class PortalDirectoryPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(models.NewsIndexPage)
class NewsIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(models.NewsPage)
class NewsPageTranslation(TranslationOptions):
    fields = ("intro", "body")


@register(models.PublicationIndexPage)
class PublicationIndexPageTranslation(TranslationOptions):
    fields = ("intro",)
