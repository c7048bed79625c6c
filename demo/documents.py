"""The library's demo documents, from demo/data/documents.yaml, written as small PDFs when created.

A document is found by its title. Its PDF is generated from the file's
paragraphs when the document is created; its other fields follow the file.
"""

import dataclasses

from django.core.files.base import ContentFile

from wagtail.models import Collection

from demo.pdf import text_pdf
from network.models import NetworkDocument
from network.reference import Attr, Item, Kind, Ref, Related, sync

DOCUMENTS = Kind(
    source="demo.documents",
    model=NetworkDocument,
    fields=(
        Attr("title"),
        Attr("kind"),
        Attr("language"),
        Attr("year"),
        Attr("description"),
        Related("countries", "countries.member_states", plain=True),
        Related("topics", "network.topics", plain=True),
        Ref("translation_of", "demo.documents"),
    ),
    find=lambda key, values: NetworkDocument.objects.filter(title=values["title"]).first(),
)


def _with_pdf(filename: str, paragraphs: list[str]):
    def create(document: NetworkDocument) -> NetworkDocument:
        pdf = text_pdf(document.title, paragraphs, document.language)
        document.file = ContentFile(pdf, name=filename)
        document.collection = Collection.get_first_root_node()
        document._set_document_file_metadata()
        document.save()
        return document

    return create


def load_documents(data: Item) -> None:
    for document in data.items("documents"):
        values = {
            name: document[name] for name in ("title", "kind", "language", "year", "countries", "topics")
        }
        values["description"] = document.get("description", "")
        values["translation_of"] = document.get("translation_of")
        kind = dataclasses.replace(DOCUMENTS, create=_with_pdf(document["filename"], document["paragraphs"]))
        sync(kind, document["key"], values, document.where)
