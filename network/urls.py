from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from network import exports, feeds, health, sitemaps, throttling
from network.downloads import serve_document

urlpatterns = [
    # Ahead of Wagtail's admin: its page chooser, guarded for country editors.
    path("admin/", include("countries.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/<id:document_id>/<path:document_filename>", serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("network.api_urls")),
    path("sitemap.xml", sitemaps.sitemap_view, name="sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("health/", health.health, name="health"),
]

# Every public URL carries its language (/es/…, /en/…); "/" is redirected by
# LocaleMiddleware according to the browser's Accept-Language.
urlpatterns += i18n_patterns(
    path("exports/", include(exports.urlpatterns)),
    path("feeds/", include(feeds.feed_urlpatterns())),
    path(_("search/"), include("search.urls")),
    path(
        "_util/authenticate_with_password/<id:page_view_restriction_id>/<id:page_id>/",
        throttling.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    # Uploaded images in development; documents only through Wagtail's view, which checks
    # their collection's restrictions.
    media = settings.MEDIA_URL.lstrip("/")
    urlpatterns = [
        re_path(rf"^{media}(?P<path>(?!documents/).*)$", serve, {"document_root": settings.MEDIA_ROOT}),
        *urlpatterns,
    ]
