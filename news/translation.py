from modeltranslation.translator import TranslationOptions, register

from news import models


@register(models.NewsIndexPage)
class NewsIndexPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(models.NewsPage)
class NewsPageTranslation(TranslationOptions):
    fields = ("intro", "body")
