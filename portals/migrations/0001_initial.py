import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from network.moves import move_content_types


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("countries", "0003_date_indexes"),
        ("network", "0006_document_facets_index"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PortalDirectoryPage",
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
                        "verbose_name": "portal directory",
                        "db_table": "network_portaldirectorypage",
                    },
                    bases=("wagtailcore.page",),
                ),
                migrations.CreateModel(
                    name="Institution",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=255, verbose_name="name")),
                        ("name_es", models.CharField(max_length=255, null=True, verbose_name="name")),
                        ("name_en", models.CharField(max_length=255, null=True, verbose_name="name")),
                        ("acronym", models.CharField(blank=True, max_length=30, verbose_name="acronym")),
                        (
                            "acronym_es",
                            models.CharField(blank=True, max_length=30, null=True, verbose_name="acronym"),
                        ),
                        (
                            "acronym_en",
                            models.CharField(blank=True, max_length=30, null=True, verbose_name="acronym"),
                        ),
                        ("url", models.URLField(blank=True, verbose_name="website")),
                        (
                            "country",
                            models.ForeignKey(
                                blank=True,
                                help_text="Leave empty for multilateral institutions such as the OAS.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="institutions",
                                to="countries.countrypage",
                                verbose_name="country",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "institution",
                        "verbose_name_plural": "institutions",
                        "db_table": "network_institution",
                        "ordering": ["acronym", "name"],
                    },
                ),
                migrations.CreateModel(
                    name="Portal",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=255, verbose_name="name")),
                        ("name_es", models.CharField(max_length=255, null=True, verbose_name="name")),
                        ("name_en", models.CharField(max_length=255, null=True, verbose_name="name")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("e-procurement", "E-procurement system"),
                                    ("open-data", "Open data portal"),
                                    ("initiative", "Network initiative"),
                                ],
                                max_length=20,
                                verbose_name="kind",
                            ),
                        ),
                        ("url", models.URLField(verbose_name="address")),
                        ("description", models.TextField(blank=True, verbose_name="description")),
                        (
                            "description_es",
                            models.TextField(blank=True, null=True, verbose_name="description"),
                        ),
                        (
                            "description_en",
                            models.TextField(blank=True, null=True, verbose_name="description"),
                        ),
                        (
                            "languages",
                            models.CharField(
                                default="es",
                                help_text="Languages the portal is available in, as two-letter codes: “es, en”.",
                                max_length=40,
                                validators=[
                                    django.core.validators.RegexValidator(
                                        "^[a-z]{2}(, ?[a-z]{2})*$",
                                        "Enter two-letter language codes separated by commas, e.g. “es, en”.",
                                    )
                                ],
                                verbose_name="languages",
                            ),
                        ),
                        (
                            "publishes_ocds",
                            models.BooleanField(
                                default=False,
                                help_text="Whether it publishes data in the Open Contracting Data Standard (OCDS).",
                                verbose_name="publishes open contracting data",
                            ),
                        ),
                        (
                            "ocds_url",
                            models.URLField(
                                blank=True,
                                help_text="Where the OCDS data can be downloaded.",
                                verbose_name="open contracting data address",
                            ),
                        ),
                        (
                            "link_checked_at",
                            models.DateTimeField(
                                blank=True, editable=False, null=True, verbose_name="link checked at"
                            ),
                        ),
                        (
                            "link_status_code",
                            models.PositiveSmallIntegerField(
                                blank=True, editable=False, null=True, verbose_name="HTTP status"
                            ),
                        ),
                        (
                            "link_final_url",
                            models.URLField(
                                blank=True, editable=False, max_length=2000, verbose_name="final address"
                            ),
                        ),
                        (
                            "link_response_ms",
                            models.PositiveIntegerField(
                                blank=True, editable=False, null=True, verbose_name="response time (ms)"
                            ),
                        ),
                        (
                            "link_error",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("dns", "Host name not found"),
                                    ("refused", "Connection refused"),
                                    ("tls", "Secure connection failed"),
                                    ("timeout", "No answer in time"),
                                    ("redirect-loop", "Too many redirects"),
                                    ("too-large", "Page too large"),
                                    ("invalid-url", "Invalid address"),
                                    ("network", "Network error"),
                                ],
                                editable=False,
                                max_length=20,
                                verbose_name="link error",
                            ),
                        ),
                        (
                            "country",
                            models.ForeignKey(
                                blank=True,
                                help_text="Leave empty for regional initiatives.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="portals",
                                to="countries.countrypage",
                                verbose_name="owner country",
                            ),
                        ),
                        (
                            "institution",
                            models.ForeignKey(
                                blank=True,
                                help_text="The institution that runs or coordinates it.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="portals",
                                to="portals.institution",
                                verbose_name="institution",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "portal",
                        "verbose_name_plural": "portals",
                        "db_table": "network_portal",
                        "ordering": ["name"],
                    },
                ),
            ],
        ),
        move_content_types("network", "portals", "portaldirectorypage", "institution", "portal"),
    ]
