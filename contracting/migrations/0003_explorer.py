"""Indexes for the explorer (``contracting.browsing``): its filters, sorts and facet counts.

They are created here rather than declared in the models' ``Meta`` because several exist on
PostgreSQL only, or in a form only PostgreSQL has (full-text GIN indexes, nulls-last order,
covering columns); SQLite, at sample volumes, gets the plain b-tree ones. Each is named in
``BTREE`` (both databases) or ``POSTGRESQL``; reversing the migration drops them.

- by date and by amount within a currency, per dataset: the two sorts, read in index order
  so that a page of 25 stops after 25 rows;
- by buyer and date: a buyer's processes newest first; on PostgreSQL with the facet columns,
  so that a buyer's facets are counted from the index alone (its processes are spread all
  over the table), as are those of an amount range;
- by industry (scheme, code): the industry filter finds its processes without reading the
  classifications of every process;
- by supplier: the link table of awards and suppliers, from the supplier's side, and each
  award's process beside its id;
- PostgreSQL: the tables of facet counts per combination of values (``contracting.cells``);
- PostgreSQL: the words of each process's title and description, and of each organisation's
  name, for the full-text search (the expressions ``browsing._matching`` queries).
"""

from django.db import migrations

FACET_COLUMNS = "year, method, method_details, category, status, tender_currency"

BTREE = {
    "process_by_date": "contracting_process (dataset_id, date DESC, id DESC)",
    "classification_by_industry": "contracting_classification (scheme, code, process_id)",
    "award_supplier_by_organisation": "contracting_award_suppliers (organisation_id, award_id)",
    # From a supplier's awards to their processes from the index alone (not a scan of the awards).
    "award_with_process": "contracting_award (id, process_id)",
}
SQLITE = {
    "process_by_buyer": "contracting_process (buyer_id, date DESC, id DESC)",
}
POSTGRESQL = {
    "process_by_buyer": (
        f"contracting_process (buyer_id, date DESC, id DESC) INCLUDE (dataset_id, {FACET_COLUMNS})"
    ),
    "process_by_amount_desc": (
        "contracting_process (dataset_id, tender_currency DESC, tender_amount DESC NULLS LAST, id DESC)"
    ),
    "process_by_amount_asc": (
        "contracting_process (dataset_id, tender_currency DESC, tender_amount ASC NULLS LAST, id)"
        " INCLUDE (year, method, method_details, category, status)"
    ),
    "process_words": (
        "contracting_process USING gin ("
        "to_tsvector('simple'::regconfig, COALESCE(title, '') || ' ' || COALESCE(description, '')))"
    ),
    "organisation_words": (
        "contracting_organisation USING gin (to_tsvector('simple'::regconfig, COALESCE(name, '')))"
    ),
}


# The facet counts per combination of values (``contracting.cells``, which fills them).
CELLS = """
CREATE TABLE IF NOT EXISTS contracting_process_cell (
    dataset_id bigint NOT NULL REFERENCES contracting_dataset (id) ON DELETE CASCADE,
    year smallint NOT NULL,
    method varchar(10) NOT NULL,
    method_details varchar(255) NOT NULL,
    category varchar(10) NOT NULL,
    status varchar(20) NOT NULL,
    tender_currency varchar(3) NOT NULL,
    processes integer NOT NULL
);
CREATE INDEX IF NOT EXISTS process_cell_by_dataset ON contracting_process_cell (dataset_id);
CREATE TABLE IF NOT EXISTS contracting_industry_cell (
    dataset_id bigint NOT NULL REFERENCES contracting_dataset (id) ON DELETE CASCADE,
    year smallint NOT NULL,
    method varchar(10) NOT NULL,
    category varchar(10) NOT NULL,
    scheme varchar(100) NOT NULL,
    code varchar(20) NOT NULL,
    processes integer NOT NULL
);
CREATE INDEX IF NOT EXISTS industry_cell_by_dataset ON contracting_industry_cell (dataset_id);
"""


def create(apps, schema_editor) -> None:
    postgresql = schema_editor.connection.vendor == "postgresql"
    for name, definition in {**BTREE, **(POSTGRESQL if postgresql else SQLITE)}.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")
    if postgresql:
        # The cells of the datasets imported before are filled by migration 0006, which creates
        # the last table ``cells.fill`` writes.
        schema_editor.execute(CELLS)


def drop(apps, schema_editor) -> None:
    for name in {*BTREE, *SQLITE, *POSTGRESQL}:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS contracting_process_cell, contracting_industry_cell")


class Migration(migrations.Migration):
    dependencies = [("contracting", "0002_release_identity")]

    operations = [migrations.RunPython(create, drop)]
