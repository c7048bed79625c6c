from django.db import migrations


class Migration(migrations.Migration):
    """Topic lead countries and document countries become ``CountryPage.topics_led`` and
    ``CountryPage.documents`` (countries/0004): the network's models point at no domain app.

    State only: the join tables are kept, and renamed by countries/0004.
    """

    dependencies = [
        ("network", "0007_news_and_portals_apps"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="networkdocument", name="countries"),
                migrations.RemoveField(model_name="topicpage", name="lead_countries"),
            ],
        ),
    ]
