"""The API's URLs: part of the site's, and alone the URL configuration a missed API request is
resolved with, so that it answers with the API's JSON 404 (see ``network.api.LanguageMixin``)."""

from django.urls import path

from network.api import api_router

urlpatterns = [path("api/v2/", api_router().urls)]
