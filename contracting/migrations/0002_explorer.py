"""Indexes for the explorer (``contracting.browsing``): its filters, sorts and facet counts.

They are created here rather than declared in the models' ``Meta`` because some exist on
PostgreSQL only (the full-text GIN indexes, which SQLite has no equivalent of: there the
explorer matches words with LIKE, at sample volumes; the amount sorts' nulls-last order). Each is named in ``BTREE`` or
``POSTGRESQL``; reversing the migration drops them.

- by date and by amount within a currency, per dataset: the two sorts, read in index order
  so that a page of 25 stops after 25 rows;
- by buyer and date: a buyer's processes, newest first;
- by industry (scheme, code): the industry filter finds its processes without reading the
  classifications of every process;
- by supplier: the link table of awards and suppliers, from the supplier's side;
- PostgreSQL: the table of facet counts per combination of values (``contracting.cells``),
  filled for the datasets already imported;
- PostgreSQL: the words of each process's title and description, and of each organisation's
  name, for the full-text search (the expressions ``browsing._matching`` queries).
"""

from django.db import migrations

BTREE = {
    "process_by_date": "contracting_process (dataset_id, date DESC, id DESC)",
    "process_by_buyer": "contracting_process (buyer_id, date DESC, id DESC)",
    "process_facets": "contracting_process (dataset_id, year, method, category, status, tender_currency)",
    "classification_by_industry": "contracting_classification (scheme, code, process_id)",
    "award_supplier_by_organisation": "contracting_award_suppliers (organisation_id, award_id)",
}

POSTGRESQL = {
    # SQLite cannot place nulls in an index: it sorts the samples without one.
    "process_by_amount_desc": (
        "contracting_process (dataset_id, tender_currency DESC, tender_amount DESC NULLS LAST, id DESC)"
    ),
    "process_by_amount_asc": (
        "contracting_process (dataset_id, tender_currency DESC, tender_amount ASC NULLS LAST, id)"
    ),
    "process_words": (
        "contracting_process USING gin ("
        "to_tsvector('simple'::regconfig, COALESCE(title, '') || ' ' || COALESCE(description, '')))"
    ),
    "organisation_words": (
        "contracting_organisation USING gin (to_tsvector('simple'::regconfig, COALESCE(name, '')))"
    ),
}


# The facet counts per combination of values (``contracting.cells``, which fills it).
CELLS = """
CREATE TABLE IF NOT EXISTS contracting_process_cell (
    dataset_id bigint NOT NULL REFERENCES contracting_dataset (id) ON DELETE CASCADE,
    year smallint NOT NULL,
    method varchar(10) NOT NULL,
    method_details varchar(255) NOT NULL,
    category varchar(10) NOT NULL,
    status varchar(20) NOT NULL,
    tender_currency varchar(3) NOT NULL,
    scheme varchar(100) NOT NULL,
    code varchar(20) NOT NULL,
    processes integer NOT NULL
);
CREATE INDEX IF NOT EXISTS process_cell_lookup ON contracting_process_cell (dataset_id, scheme, code);
"""


def create(apps, schema_editor) -> None:
    postgresql = schema_editor.connection.vendor == "postgresql"
    for name, definition in {**BTREE, **(POSTGRESQL if postgresql else {})}.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")
    if postgresql:
        schema_editor.execute(CELLS)
        # The datasets imported before this migration: cells are otherwise filled after an import.
        from contracting.cells import fill

        for dataset in apps.get_model("contracting", "Dataset").objects.values_list("pk", flat=True):
            fill(dataset)


def drop(apps, schema_editor) -> None:
    for name in [*BTREE, *POSTGRESQL]:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS contracting_process_cell")


class Migration(migrations.Migration):
    dependencies = [("contracting", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
