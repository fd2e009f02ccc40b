"""The directory's search indexes (anxin/resources/directory/search.py, decision 0049):
an FTS5 table on SQLite, the pg_trgm extension and a trigram index on PostgreSQL. Keep
this operation when the app's migrations are regenerated."""

from django.db import migrations


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS resources_directory_fts "
            "USING fts5(tokens, tokenize = 'unicode61')"
        )
    elif connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS directory_service_trgm ON resources_service "
            "USING gin (search_tokens gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS resources_directory_fts")
    elif connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS directory_service_trgm")


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_directory")]

    operations = [migrations.RunPython(create, drop)]
