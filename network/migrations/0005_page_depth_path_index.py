"""An index on Wagtail's pages by (depth, path), for finding a page's children.

A page's children are the pages one level deeper whose path lies in the
parent's range (``network.tree.children_of``). The path index alone walks every
descendant in that range: the menu, the section lookups and URL routing read
the 22,000 pages under the home page to find its six children. Led by depth,
the index reads only those children.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0004_date_indexes"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX network_page_depth_path ON wagtailcore_page (depth, path)",
            reverse_sql="DROP INDEX network_page_depth_path",
        ),
    ]
