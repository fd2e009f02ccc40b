"""The access log is append-only in the database itself: a trigger refuses UPDATE and
DELETE, whatever code (or person with a SQL prompt through the app's role) tries."""

from django.db import migrations

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION core_accesslog_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'core_accesslog is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_accesslog_append_only
    BEFORE UPDATE OR DELETE ON core_accesslog
    FOR EACH ROW EXECUTE FUNCTION core_accesslog_refuse_change();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS core_accesslog_append_only ON core_accesslog;
DROP FUNCTION IF EXISTS core_accesslog_refuse_change();
"""
SQLITE_UP = [
    "CREATE TRIGGER core_accesslog_no_update BEFORE UPDATE ON core_accesslog "
    "BEGIN SELECT RAISE(ABORT, 'core_accesslog is append-only'); END;",
    "CREATE TRIGGER core_accesslog_no_delete BEFORE DELETE ON core_accesslog "
    "BEGIN SELECT RAISE(ABORT, 'core_accesslog is append-only'); END;",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS core_accesslog_no_update;",
    "DROP TRIGGER IF EXISTS core_accesslog_no_delete;",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_UP)
    elif vendor == "sqlite":
        for statement in SQLITE_UP:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN)
    elif vendor == "sqlite":
        for statement in SQLITE_DOWN:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
