"""Settings of the site the browser tests drive: the developer's, with production's page cache.

Development turns the anonymous page cache off so that template changes show at
once. The browser tests keep it on, as in production, so a reader's journey
sees what a reader really gets and an editor's journey proves that publishing
invalidates it. Nothing reaches outside the machine: the admin neither checks
for Wagtail releases nor asks Gravatar for avatars.
"""

from network.settings.dev import *  # noqa: F403

PAGE_CACHE_SECONDS = 600
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
