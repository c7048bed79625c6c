from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Network")

    def ready(self) -> None:
        from django.urls import register_converter

        from network import checks  # noqa: F401  (registers the system checks)
        from network.cache import connect_invalidation_signals
        from network.frontend_cache import connect_purge_signals
        from network.params import CountryCodeConverter, IdConverter
        from network.redirects import connect_redirect_signals
        from network.routing import replace_translated_routing

        register_converter(IdConverter, "id")
        register_converter(CountryCodeConverter, "country_code")
        connect_invalidation_signals()
        connect_purge_signals()
        connect_redirect_signals()
        replace_translated_routing()
