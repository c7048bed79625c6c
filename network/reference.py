"""Loading data files (YAML) into the database so that a corrected file reaches an existing site.

Each app contributes its datasets through the ``register_reference_data`` hook
(``@hooks.register("register_reference_data")`` on a function returning
``Dataset`` objects); ``manage.py load_reference_data`` loads them all in hook
order, so that an app's data can point to what an earlier app loaded. This
module knows no app but its own: the apps come to it.

Every object a file loads is recorded (``LoadedRecord``: data source, key in the
file, object, values loaded). On each load, for every field:

- a value that still equals the one last loaded takes the file's value, so a
  correction in the file reaches the site;
- any other value is an editor's, and stays;
- a field the file had not given before is filled only when it is empty.

An object with a record but no longer in the database was deleted by an editor
and is not created again. An object found without a record (loaded before the
records existed, or created by hand) is adopted under the same rules. Pages are
changed through a new revision, published when the page was live without a
pending draft; otherwise the revision is left as the newest draft. A kind whose
objects nothing points to (the search glossary's entries) can also ``retire``
those whose key the file no longer has; pages never are.
"""

import copy
import datetime
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction

from wagtail import hooks
from wagtail.models import Page

import yaml

from network.models import LoadedRecord
from network.skeleton import add_page

HOOK = "register_reference_data"
# Hooks returning a context manager that a whole load runs inside (see ``load``).
LOAD_HOOK = "around_reference_data_load"
LANGUAGES = ("es", "en")


class DataFileError(Exception):
    """A data file that cannot be loaded; the message says which file, where in it and why."""


# --- Reading data files ------------------------------------------------------------


class Item:
    """One mapping of a data file, whose errors name the file and the place in it."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise DataFileError(f"{where}: expected a mapping of names to values, found {data!r}")
        self.data = data
        self.where = where

    def __getitem__(self, name: str) -> Any:
        if self.data.get(name) in (None, ""):
            raise DataFileError(f"{self.where}: “{name}” is missing")
        return self.data[name]

    def get(self, name: str, default: Any = None) -> Any:
        value = self.data.get(name)
        return default if value is None else value

    def item(self, name: str) -> "Item":
        """The mapping under ``name``."""
        return Item(self[name], f"{self.where}: {name}")

    def text(self, name: str, required: bool = True) -> dict[str, str]:
        """A text in both languages, given as ``name: {es: …, en: …}``."""
        value = self[name] if required else self.get(name, {})
        texts = Item(value, f"{self.where}: {name}")
        return {language: texts[language] if required else texts.get(language, "") for language in LANGUAGES}

    def translated(self, name: str, field: str | None = None, required: bool = True) -> dict[str, str]:
        """The text ``name`` as model field values: ``{field_es: …, field_en: …}``."""
        texts = self.text(name, required)
        return {f"{field or name}_{language}": text for language, text in texts.items()}

    def items(self, name: str, required: bool = True) -> list["Item"]:
        value = self[name] if required else self.get(name, [])
        if not isinstance(value, list):
            raise DataFileError(f"{self.where}: “{name}” must be a list")
        return [Item(entry, f"{self.where}: {name}[{number}]") for number, entry in enumerate(value)]


# libyaml's parser where PyYAML was built with it (its wheels are): the same values, read about ten
# times faster than by the pure-Python one (0.05 s against 0.5 s for every data file here).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read(path: Path) -> Item:
    """The top-level mapping of the YAML file at ``path``."""
    try:
        with path.open(encoding="utf-8") as file:
            return Item(yaml.load(file, Loader=SAFE_LOADER), str(path))  # noqa: S506 (a safe loader)
    except OSError as error:
        raise DataFileError(f"{path}: cannot be read ({error.strerror})") from error
    except yaml.YAMLError as error:
        raise DataFileError(f"{path}: not valid YAML: {error}") from error


# --- Datasets and the hook ---------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    """A data file and the function that loads its top-level mapping."""

    name: str
    path: Path
    load: Callable[[Item], None]


def registered_datasets() -> list[Dataset]:
    """The datasets every app registered, in hook order."""
    return [dataset for register in hooks.get_hooks(HOOK) for dataset in register()]


def load(datasets: Iterable[Dataset]) -> list[str]:
    """Load ``datasets`` in order, all or nothing; the names of those loaded.

    The load runs inside the context managers of the ``LOAD_HOOK`` hooks, in the same
    transaction: work that every saved object would otherwise repeat (the search index)
    is done once, at the end.
    """
    names = []
    with transaction.atomic(), ExitStack() as stack:
        for around in hooks.get_hooks(LOAD_HOOK):
            stack.enter_context(around())
        for dataset in datasets:
            dataset.load(read(dataset.path))
            names.append(dataset.name)
    return names


# --- Fields: how a model field reads as, and is written from, JSON values ----------


class Field(Protocol):
    name: str
    after_save: bool

    def read(self, obj: models.Model) -> Any: ...

    def normal(self, model: type[models.Model], value: Any) -> Any: ...

    def write(self, obj: models.Model, value: Any) -> None: ...


def to_json(value: Any) -> Any:
    """``value`` as JSON would store it, so that the recorded and current values compare equal."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


class Attr:
    """A plain column (text, number, date, choice, flag)."""

    after_save = False

    def __init__(self, name: str) -> None:
        self.name = name

    def read(self, obj: models.Model) -> Any:
        return self.normal(type(obj), getattr(obj, self.name))

    def normal(self, model: type[models.Model], value: Any) -> Any:
        return None if value is None else to_json(model._meta.get_field(self.name).to_python(value))

    def write(self, obj: models.Model, value: Any) -> None:
        setattr(obj, self.name, None if value is None else obj._meta.get_field(self.name).to_python(value))


class Stream(Attr):
    """A StreamField, compared without the block ids Wagtail adds."""

    def read(self, obj: models.Model) -> Any:
        stream = getattr(obj, self.name)
        return self.normal(type(obj), list(stream.raw_data) if stream else [])

    def normal(self, model: type[models.Model], value: Any) -> Any:
        return [{"type": block["type"], "value": block["value"]} for block in value or []]

    def write(self, obj: models.Model, value: Any) -> None:
        setattr(obj, self.name, copy.deepcopy(value))  # Wagtail adds block ids to what it is given


def keys_of(source: str) -> dict[str, str]:
    """Object id → key in the data file, for the objects ``source`` loaded."""
    return dict(LoadedRecord.objects.filter(source=source).values_list("object_id", "key"))


def ids_of(source: str, keys: Iterable[str]) -> list[str]:
    """The ids of the objects ``source`` loaded under ``keys``.

    A key ``source`` never loaded is a mistake in the file; one whose object an
    editor deleted is not, and is left out.
    """
    keys = set(keys)
    found = dict(LoadedRecord.objects.filter(source=source, key__in=keys).values_list("key", "object_id"))
    if unknown := sorted(keys - set(found)):
        raise ValidationError(f"{', '.join(unknown)}: not found in {source}")
    return list(found.values())


def key_or_id(keys: dict[str, str], pk: Any) -> str:
    """An object's key in the data file, or ``#id`` for one no file loaded."""
    return keys.get(str(pk), f"#{pk}")


class Ref:
    """A foreign key to an object some data file loaded, written in the file as that object's key."""

    after_save = False

    def __init__(self, name: str, source: str) -> None:
        self.name = name
        self.source = source

    def read(self, obj: models.Model) -> Any:
        pk = getattr(obj, f"{self.name}_id")
        return None if pk is None else key_or_id(keys_of(self.source), pk)

    def normal(self, model: type[models.Model], value: Any) -> Any:
        return value or None

    def write(self, obj: models.Model, value: Any) -> None:
        ids = ids_of(self.source, [value]) if value else []
        setattr(obj, f"{self.name}_id", ids[0] if ids else None)


class Related:
    """A many-to-many relation, written in the file as the related objects' keys, in any order.

    Parental relations (pages, clusters) are written before saving; plain ones (``plain=True``) after.
    """

    def __init__(self, name: str, source: str, plain: bool = False) -> None:
        self.name = name
        self.source = source
        self.after_save = plain

    def read(self, obj: models.Model) -> Any:
        keys = keys_of(self.source)
        return sorted(key_or_id(keys, related.pk) for related in getattr(obj, self.name).all())

    def normal(self, model: type[models.Model], value: Any) -> Any:
        return sorted(value or [])

    def write(self, obj: models.Model, value: Any) -> None:
        model = obj._meta.get_field(self.name).related_model
        related = list(model._default_manager.filter(pk__in=ids_of(self.source, value)))
        if self.after_save:
            getattr(obj, self.name).set(related)
        else:
            setattr(obj, self.name, related)


class Children:
    """A page's inline list (laws, sessions…), compared and replaced as a whole, in the file's order."""

    after_save = False

    def __init__(self, name: str, *fields: Field) -> None:
        self.name = name
        self.fields = fields

    def read(self, obj: models.Model) -> Any:
        children = sorted(getattr(obj, self.name).all(), key=lambda child: child.sort_order or 0)
        return [{field.name: field.read(child) for field in self.fields} for child in children]

    def normal(self, model: type[models.Model], value: Any) -> Any:
        child_model = model._meta.get_field(self.name).related_model
        return [
            {field.name: field.normal(child_model, item.get(field.name)) for field in self.fields}
            for item in value or []
        ]

    def write(self, obj: models.Model, value: Any) -> None:
        child_model = obj._meta.get_field(self.name).related_model
        children = []
        for order, item in enumerate(value):
            child = child_model(sort_order=order)
            for field in self.fields:
                field.write(child, item[field.name])
            children.append(child)
        setattr(obj, self.name, children)


def page_values(item: Item, *texts: str) -> dict[str, str]:
    """A page's slug and title in both languages, and the texts ``texts``, from a data file entry."""
    values = {}
    for name in ("slug", "title", *texts):
        values.update(item.translated(name))
    return values


def translated(*names: str) -> list[Attr]:
    """A plain field per language for each of ``names``: ``title`` gives ``title_es`` and ``title_en``."""
    return [Attr(f"{name}_{language}") for name in names for language in LANGUAGES]


# --- Kinds: how one kind of object is found, created and saved ---------------------


@dataclass(frozen=True)
class Kind:
    """One kind of object a data file loads.

    ``source`` names the records (e.g. "countries.member_states"); ``find`` looks
    for an object with that key that has no record yet; ``parent`` gives the page
    a new page goes under (None: a page of this kind is never created here);
    ``create`` replaces the default creation.
    """

    source: str
    model: type[models.Model]
    fields: tuple[Field, ...]
    find: Callable[[str, dict[str, Any]], models.Model | None] = lambda key, values: None
    parent: Callable[[], Page | None] | None = None
    create: Callable[[models.Model], models.Model] | None = None

    def field(self, name: str) -> Field:
        return next(field for field in self.fields if field.name == name)


def is_empty(value: Any) -> bool:
    return value in (None, "", [], False)


def takes_file_value(current: Any, last: Any, new: Any, recorded: bool) -> bool:
    """Whether a field whose value is ``current`` takes the file's ``new`` value (see module doc)."""
    if current == new:
        return False
    return current == last if recorded else is_empty(current)


def sync(kind: Kind, key: str, values: dict[str, Any], where: str = "") -> models.Model | None:
    """The object ``key`` of ``kind`` brought up to the file's ``values``; None if deleted or not created."""
    values = {name: kind.field(name).normal(kind.model, value) for name, value in values.items()}
    record = LoadedRecord.objects.filter(source=kind.source, key=key).first()
    try:
        if record is not None:
            obj = record.target()
            if obj is None:
                return None
            _update(kind, obj, values, record.values)
        else:
            obj = kind.find(key, values)
            if obj is None:
                obj = _create(kind, values)
                if obj is None:
                    return None
            else:
                _update(kind, obj, values, {})
    except ValidationError as error:
        raise DataFileError(f"{where or kind.source}: {key}: {'; '.join(error.messages)}") from error
    _record(kind.source, key, obj, values, record)
    return obj


def retire(kind: Kind, keys: Iterable[str]) -> list[str]:
    """Delete the objects of ``kind`` loaded under a key that is not in ``keys`` (the file's), when
    every field still holds the value last loaded; the keys retired.

    An object an editor changed since is theirs now, and stays with its record, as does the
    record of one an editor deleted (it is not created again if the key comes back). For
    kinds whose objects nothing points to: a page is never retired.
    """
    retired = []
    for record in LoadedRecord.objects.filter(source=kind.source).exclude(key__in=set(keys)):
        obj = record.target()
        if obj is None or any(kind.field(name).read(obj) != value for name, value in record.values.items()):
            continue
        obj.delete()
        record.delete()
        retired.append(record.key)
    return retired


def _new_object(kind: Kind, values: dict[str, Any]) -> models.Model:
    obj = kind.model(slug=values["slug_es"]) if issubclass(kind.model, Page) else kind.model()
    for field in kind.fields:
        if not field.after_save and field.name in values:
            field.write(obj, values[field.name])
    return obj


def _create(kind: Kind, values: dict[str, Any]) -> models.Model | None:
    is_page = issubclass(kind.model, Page)
    parent = kind.parent() if kind.parent else None
    if is_page and parent is None and kind.create is None:
        return None
    obj = _new_object(kind, values)
    if kind.create is not None:
        obj = kind.create(obj)
    elif is_page:
        add_page(parent, obj)
    else:
        obj.full_clean()
        obj.save()
    _write_after_save(kind, obj, values)
    return obj


def _write_after_save(kind: Kind, obj: models.Model, values: dict[str, Any]) -> None:
    for field in kind.fields:
        if field.after_save and field.name in values:
            field.write(obj, values[field.name])


def _editable(obj: models.Model) -> models.Model:
    """The version of ``obj`` a change applies to: a page's newest draft when it has one."""
    if isinstance(obj, Page) and obj.has_unpublished_changes and obj.latest_revision_id:
        return obj.get_latest_revision_as_object()
    return obj


def _update(kind: Kind, obj: models.Model, values: dict[str, Any], last: dict[str, Any]) -> None:
    editable = _editable(obj)
    changes = {
        name: value
        for name, value in values.items()
        if takes_file_value(kind.field(name).read(editable), last.get(name), value, name in last)
    }
    if not changes:
        return
    before_save = {name: value for name, value in changes.items() if not kind.field(name).after_save}
    for name, value in before_save.items():
        kind.field(name).write(editable, value)
    if isinstance(editable, Page):
        _save_page(obj, editable)
    elif before_save:
        editable.full_clean()
        editable.save()
    _write_after_save(kind, editable, changes)


def _save_page(page: Page, editable: Page) -> None:
    """A new revision of the page, published when the page was live and had no pending draft."""
    publish = page.live and not page.has_unpublished_changes
    revision = editable.save_revision()
    if publish:
        revision.publish()


def _record(
    source: str, key: str, obj: models.Model, values: dict[str, Any], record: LoadedRecord | None
) -> None:
    if record is None:
        LoadedRecord.objects.create(
            source=source,
            key=key,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            values=values,
        )
    elif record.values != values:
        record.values = values
        record.save(update_fields=["values", "loaded_at"])
