"""SQLite: when an index entry is deleted by any route (erasure, cascade, bulk delete), its
stems leave the FTS5 table with it, so no erased text lingers in the search index."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE TRIGGER IF NOT EXISTS insights_entry_fts_delete "
            "AFTER DELETE ON insights_insightentry BEGIN "
            "DELETE FROM insights_insightentry_fts WHERE rowid = old.id; END"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS insights_entry_fts_delete")


class Migration(migrations.Migration):
    dependencies = [("insights", "0002_search_index")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
