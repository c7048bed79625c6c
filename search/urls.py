from django.urls import path
from django.utils.translation import gettext_lazy as _

from search import views
from search.backends import get_search_engine

# Included under a translated prefix ("search/" → "buscar/") inside i18n_patterns.
urlpatterns = [
    path("", views.search_page, name="search"),
    path(_("suggestions/"), views.autocomplete, name="search_autocomplete"),
]

# The configured engine's module (and numpy, for the database engines) is imported with the URL
# configuration rather than by each worker's first search: gunicorn's master imports the URL
# configuration before it forks (gunicorn.conf.py), and the workers share what it imported.
get_search_engine()
