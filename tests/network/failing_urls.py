"""A URLconf whose only view fails, to render the 500 page through the real handler."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path


def failing_view(request):
    raise RuntimeError("deliberate failure")


urlpatterns = i18n_patterns(path("falla/", failing_view))
