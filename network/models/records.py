from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class LoadedRecord(models.Model):
    """The values a data file last gave one object, so that a reload tells a corrected file from an
    editor's change: a field still holding the recorded value takes the file's new one, any other
    is the editor's. The record outlives its object, so an object an editor deleted stays deleted.
    """

    source = models.CharField(_("data source"), max_length=100)
    key = models.CharField(_("key in the data file"), max_length=255)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("type"))
    object_id = models.CharField(_("object id"), max_length=64)
    values = models.JSONField(_("values last loaded"), default=dict)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        verbose_name = _("loaded record")
        verbose_name_plural = _("loaded records")
        constraints = [models.UniqueConstraint(fields=["source", "key"], name="unique_loaded_record")]

    def __str__(self) -> str:
        return f"{self.source}: {self.key}"

    def target(self) -> models.Model | None:
        """The object the record was loaded into, or None once it has been deleted.

        Its type is read from Django's cache of content types: a reload asks for every record's
        object, and the type's own query was a third of the queries of reloading the glossary.
        """
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        return model._default_manager.filter(pk=self.object_id).first() if model else None
