import django.db.models.deletion
import django.utils.timezone
import modelcluster.fields
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

from network.moves import move_content_types


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("countries", "0003_date_indexes"),
        ("network", "0006_document_facets_index"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="NewsIndexPage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "intro",
                            models.TextField(
                                blank=True,
                                help_text="One or two sentences shown under the title and in listings.",
                                verbose_name="introduction",
                            ),
                        ),
                        (
                            "intro_es",
                            models.TextField(
                                blank=True,
                                help_text="One or two sentences shown under the title and in listings.",
                                null=True,
                                verbose_name="introduction",
                            ),
                        ),
                        (
                            "intro_en",
                            models.TextField(
                                blank=True,
                                help_text="One or two sentences shown under the title and in listings.",
                                null=True,
                                verbose_name="introduction",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "news index",
                        "db_table": "network_newsindexpage",
                    },
                    bases=("wagtailcore.page",),
                ),
                migrations.CreateModel(
                    name="NewsPage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "intro",
                            models.TextField(
                                blank=True,
                                help_text="One or two sentences shown under the title and in listings.",
                                verbose_name="introduction",
                            ),
                        ),
                        (
                            "intro_es",
                            models.TextField(
                                blank=True,
                                help_text="One or two sentences shown under the title and in listings.",
                                null=True,
                                verbose_name="introduction",
                            ),
                        ),
                        (
                            "intro_en",
                            models.TextField(
                                blank=True,
                                help_text="One or two sentences shown under the title and in listings.",
                                null=True,
                                verbose_name="introduction",
                            ),
                        ),
                        (
                            "date",
                            models.DateField(default=django.utils.timezone.localdate, verbose_name="date"),
                        ),
                        (
                            "body",
                            wagtail.fields.StreamField(
                                [
                                    ("heading", 2),
                                    ("paragraph", 3),
                                    ("quote", 6),
                                    ("image", 10),
                                    ("document", 13),
                                ],
                                blank=True,
                                block_lookup={
                                    0: ("wagtail.blocks.CharBlock", (), {"label": "Heading"}),
                                    1: (
                                        "wagtail.blocks.ChoiceBlock",
                                        [],
                                        {
                                            "choices": [
                                                ("h2", "Level 2"),
                                                ("h3", "Level 3"),
                                                ("h4", "Level 4"),
                                            ],
                                            "help_text": "Use level 2 for sections; the page title is level 1.",
                                            "label": "Level",
                                        },
                                    ),
                                    2: ("wagtail.blocks.StructBlock", [[("text", 0), ("level", 1)]], {}),
                                    3: ("network.blocks.ParagraphBlock", (), {}),
                                    4: ("wagtail.blocks.TextBlock", (), {"label": "Quotation"}),
                                    5: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {"label": "Attribution", "required": False},
                                    ),
                                    6: (
                                        "wagtail.blocks.StructBlock",
                                        [[("text", 4), ("attribution", 5)]],
                                        {},
                                    ),
                                    7: ("wagtail.images.blocks.ImageChooserBlock", (), {"label": "Image"}),
                                    8: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "help_text": "Describe the image for readers who cannot see it; leave empty if it is decorative.",
                                            "label": "Alternative text",
                                            "required": False,
                                        },
                                    ),
                                    9: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {"label": "Caption", "required": False},
                                    ),
                                    10: (
                                        "wagtail.blocks.StructBlock",
                                        [[("image", 7), ("alt_text", 8), ("caption", 9)]],
                                        {},
                                    ),
                                    11: (
                                        "wagtail.documents.blocks.DocumentChooserBlock",
                                        (),
                                        {"label": "Document"},
                                    ),
                                    12: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "help_text": "Defaults to the document's title.",
                                            "label": "Link text",
                                            "required": False,
                                        },
                                    ),
                                    13: (
                                        "wagtail.blocks.StructBlock",
                                        [[("document", 11), ("label", 12)]],
                                        {},
                                    ),
                                },
                                verbose_name="body",
                            ),
                        ),
                        (
                            "body_es",
                            wagtail.fields.StreamField(
                                [
                                    ("heading", 2),
                                    ("paragraph", 3),
                                    ("quote", 6),
                                    ("image", 10),
                                    ("document", 13),
                                ],
                                blank=True,
                                block_lookup={
                                    0: ("wagtail.blocks.CharBlock", (), {"label": "Heading"}),
                                    1: (
                                        "wagtail.blocks.ChoiceBlock",
                                        [],
                                        {
                                            "choices": [
                                                ("h2", "Level 2"),
                                                ("h3", "Level 3"),
                                                ("h4", "Level 4"),
                                            ],
                                            "help_text": "Use level 2 for sections; the page title is level 1.",
                                            "label": "Level",
                                        },
                                    ),
                                    2: ("wagtail.blocks.StructBlock", [[("text", 0), ("level", 1)]], {}),
                                    3: ("network.blocks.ParagraphBlock", (), {}),
                                    4: ("wagtail.blocks.TextBlock", (), {"label": "Quotation"}),
                                    5: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {"label": "Attribution", "required": False},
                                    ),
                                    6: (
                                        "wagtail.blocks.StructBlock",
                                        [[("text", 4), ("attribution", 5)]],
                                        {},
                                    ),
                                    7: ("wagtail.images.blocks.ImageChooserBlock", (), {"label": "Image"}),
                                    8: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "help_text": "Describe the image for readers who cannot see it; leave empty if it is decorative.",
                                            "label": "Alternative text",
                                            "required": False,
                                        },
                                    ),
                                    9: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {"label": "Caption", "required": False},
                                    ),
                                    10: (
                                        "wagtail.blocks.StructBlock",
                                        [[("image", 7), ("alt_text", 8), ("caption", 9)]],
                                        {},
                                    ),
                                    11: (
                                        "wagtail.documents.blocks.DocumentChooserBlock",
                                        (),
                                        {"label": "Document"},
                                    ),
                                    12: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "help_text": "Defaults to the document's title.",
                                            "label": "Link text",
                                            "required": False,
                                        },
                                    ),
                                    13: (
                                        "wagtail.blocks.StructBlock",
                                        [[("document", 11), ("label", 12)]],
                                        {},
                                    ),
                                },
                                null=True,
                                verbose_name="body",
                            ),
                        ),
                        (
                            "body_en",
                            wagtail.fields.StreamField(
                                [
                                    ("heading", 2),
                                    ("paragraph", 3),
                                    ("quote", 6),
                                    ("image", 10),
                                    ("document", 13),
                                ],
                                blank=True,
                                block_lookup={
                                    0: ("wagtail.blocks.CharBlock", (), {"label": "Heading"}),
                                    1: (
                                        "wagtail.blocks.ChoiceBlock",
                                        [],
                                        {
                                            "choices": [
                                                ("h2", "Level 2"),
                                                ("h3", "Level 3"),
                                                ("h4", "Level 4"),
                                            ],
                                            "help_text": "Use level 2 for sections; the page title is level 1.",
                                            "label": "Level",
                                        },
                                    ),
                                    2: ("wagtail.blocks.StructBlock", [[("text", 0), ("level", 1)]], {}),
                                    3: ("network.blocks.ParagraphBlock", (), {}),
                                    4: ("wagtail.blocks.TextBlock", (), {"label": "Quotation"}),
                                    5: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {"label": "Attribution", "required": False},
                                    ),
                                    6: (
                                        "wagtail.blocks.StructBlock",
                                        [[("text", 4), ("attribution", 5)]],
                                        {},
                                    ),
                                    7: ("wagtail.images.blocks.ImageChooserBlock", (), {"label": "Image"}),
                                    8: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "help_text": "Describe the image for readers who cannot see it; leave empty if it is decorative.",
                                            "label": "Alternative text",
                                            "required": False,
                                        },
                                    ),
                                    9: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {"label": "Caption", "required": False},
                                    ),
                                    10: (
                                        "wagtail.blocks.StructBlock",
                                        [[("image", 7), ("alt_text", 8), ("caption", 9)]],
                                        {},
                                    ),
                                    11: (
                                        "wagtail.documents.blocks.DocumentChooserBlock",
                                        (),
                                        {"label": "Document"},
                                    ),
                                    12: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "help_text": "Defaults to the document's title.",
                                            "label": "Link text",
                                            "required": False,
                                        },
                                    ),
                                    13: (
                                        "wagtail.blocks.StructBlock",
                                        [[("document", 11), ("label", 12)]],
                                        {},
                                    ),
                                },
                                null=True,
                                verbose_name="body",
                            ),
                        ),
                        (
                            "source_url",
                            models.URLField(
                                blank=True,
                                help_text="The original announcement or recording, if published elsewhere.",
                                verbose_name="source",
                            ),
                        ),
                        (
                            "countries",
                            modelcluster.fields.ParentalManyToManyField(
                                blank=True,
                                related_name="news",
                                to="countries.countrypage",
                                verbose_name="countries",
                            ),
                        ),
                        (
                            "image",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="wagtailimages.image",
                                verbose_name="image",
                            ),
                        ),
                        (
                            "topics",
                            modelcluster.fields.ParentalManyToManyField(
                                blank=True, related_name="news", to="network.topicpage", verbose_name="topics"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "news item",
                        "verbose_name_plural": "news items",
                        "db_table": "network_newspage",
                        "indexes": [models.Index(fields=["date"], name="news_date")],
                    },
                    bases=("wagtailcore.page",),
                ),
            ],
        ),
        move_content_types("network", "news", "newsindexpage", "newspage"),
    ]
