"""Serving a document's file: Wagtail's view, which checks the collection's restrictions, with
its headers put right and its id read by the site's one parser of ids."""

from django.http import HttpRequest, HttpResponse

from wagtail.documents.views import serve


def serve_document(request: HttpRequest, document_id: int, document_filename: str) -> HttpResponse:
    response = serve.serve(request, document_id, document_filename)
    # Wagtail's sendfile writes the guessed encoding even when there is none: "Content-Encoding: None",
    # which a browser or a proxy may take for a real (unknown) encoding.
    if response.get("Content-Encoding") == "None":
        del response["Content-Encoding"]
    return response
