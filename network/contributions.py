"""What the apps standing on network contribute to its shared surfaces, through Wagtail hooks.

network must not import the domain apps, yet its downloads, feeds, JSON-LD and
API serve what those apps hold. Each surface names a hook and reads it through
a ``Contributions`` mapping; an app registers, in its ``wagtail_hooks.py``, a
function that returns a dict of its contributions::

    @hooks.register("register_export_datasets")
    def export_datasets() -> dict[str, Dataset]:
        return {"countries": Dataset(...)}

The hooks of this project:

- ``register_export_datasets``: name → ``network.exports.Dataset``
- ``register_feeds``: file name → feed view (``network.feeds``)
- ``register_feed_subjects``: URL keyword → ``network.feeds.FeedSubject``
- ``register_structured_data``: page model → ``network.structured_data.PageSchema``
- ``register_api_endpoints``: endpoint name → API view set class (``network.api``)

Contributions are read on first use, never while modules are being imported:
Wagtail imports every ``wagtail_hooks`` module the first time any hook is
asked for, and those modules import network.
"""

from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import Any

from wagtail import hooks


class Contributions(Mapping):
    """The dicts returned by every function registered for ``hook_name``, merged in app order."""

    def __init__(self, hook_name: str, builtin: Mapping | None = None) -> None:
        self.hook_name = hook_name
        self.builtin = dict(builtin or {})

    @cached_property
    def _items(self) -> dict:
        items = dict(self.builtin)
        for contribute in hooks.get_hooks(self.hook_name):
            items.update(contribute())
        return items

    def __getitem__(self, key: Any) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)
