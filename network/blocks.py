"""StreamField blocks shared by every page type of the network."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
        label=_("Level"),
        help_text=_("Use level 2 for sections; the page title is level 1."),
    )

    def get_searchable_content(self, value) -> list[str]:
        """The heading's words, not the label of its level ("Nivel 2")."""
        return [value["text"]]

    class Meta:
        icon = "title"
        template = "network/blocks/heading_block.html"
        label = _("Heading")
        preview_value = {"text": "Contratación pública electrónica", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "network/blocks/paragraph_block.html"
        label = _("Paragraph")
        preview_value = "<p>Los países de la red comparten sus buenas prácticas.</p>"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(required=False, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        template = "network/blocks/quote_block.html"
        label = _("Quotation")
        preview_value = {"text": "La transparencia empieza por los datos.", "attribution": "ChileCompra"}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        required=False,
        label=_("Alternative text"),
        help_text=_("Describe the image for readers who cannot see it; leave empty if it is decorative."),
    )
    caption = blocks.CharBlock(required=False, label=_("Caption"))

    class Meta:
        icon = "image"
        template = "network/blocks/image_block.html"
        label = _("Image")


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(
        required=False, label=_("Link text"), help_text=_("Defaults to the document's title.")
    )

    class Meta:
        icon = "doc-full"
        template = "network/blocks/document_link_block.html"
        label = _("Document link")


class BodyStreamBlock(blocks.StreamBlock):
    """The rich content of any page: prose, headings, quotations, images and documents."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    document = DocumentLinkBlock()
