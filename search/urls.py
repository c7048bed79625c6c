from django.urls import path
from django.utils.translation import gettext_lazy as _

from search import views

# Included under a translated prefix ("search/" → "buscar/") inside i18n_patterns.
urlpatterns = [
    path("", views.search_page, name="search"),
    path(_("suggestions/"), views.autocomplete, name="search_autocomplete"),
]
