"""Moving a model to another app without touching its rows.

A model that changes app keeps its table (renamed afterwards by a plain
``AlterModelTable``) and its content type row, whose app label is updated in
place: pages, revisions, permissions and workflow states point at the content
type by id, so they follow the model with nothing copied.
"""

from django.db import migrations


def move_content_types(from_app: str, to_app: str, *model_names: str) -> migrations.RunPython:
    """A reversible migration operation that relabels the models' content types."""

    def relabel(source: str, target: str):
        def run(apps, schema_editor) -> None:
            content_types = apps.get_model("contenttypes", "ContentType").objects.using(
                schema_editor.connection.alias
            )
            for name in model_names:
                if not content_types.filter(app_label=target, model=name).exists():
                    content_types.filter(app_label=source, model=name).update(app_label=target)

        return run

    return migrations.RunPython(relabel(from_app, to_app), relabel(to_app, from_app))
