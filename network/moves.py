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
                moving = content_types.filter(app_label=source, model=name)
                if not moving.exists():
                    continue
                # ``migrate`` ends by creating the content types of the models in the state it
                # reached. A rollback takes two runs (news, then portals, or the other way), and
                # after the first the model is in both apps' state: the target got a row of its
                # own, which nothing points at. The rows stay, their labels swap: the content's
                # row takes the target label, the other one the source's, where it is stale like
                # any content type of a removed model.
                existing = list(
                    content_types.filter(app_label=target, model=name).values_list("pk", flat=True)
                )
                content_types.filter(pk__in=existing).update(app_label=f"{target}.swap")
                moving.update(app_label=target)
                content_types.filter(pk__in=existing).update(app_label=source)

        return run

    return migrations.RunPython(relabel(from_app, to_app), relabel(to_app, from_app))
