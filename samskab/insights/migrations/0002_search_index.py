"""Full-text search per database: a GIN index over the `danish` tsvector on PostgreSQL, an
FTS5 table of Snowball stems (rowid = InsightEntry.id) on SQLite."""

from django.db import migrations

FTS_TABLE = "insights_insightentry_fts"


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS insights_entry_search_gin "
            "ON insights_insightentry USING GIN (search_vector)"
        )
    elif vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(stems, tokenize='unicode61 remove_diacritics 0')"
        )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS insights_entry_search_gin")
    elif vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("insights", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
