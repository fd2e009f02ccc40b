"""The access log's head is signed with the audit key, a read that could not be opened has
an outcome of its own, and on PostgreSQL TRUNCATE (which the row triggers of 0003 do not
see) is refused. The head as it stands when this migration runs is signed as it is: the
anchor written by `anxin verify-audit` is what vouches for the past (docs/decisions/0023)."""

import hashlib
import hmac

from django.conf import settings
from django.db import migrations, models

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION core_accesslog_refuse_truncate() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'core_accesslog is append-only: TRUNCATE is refused';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_accesslog_no_truncate
    BEFORE TRUNCATE ON core_accesslog
    FOR EACH STATEMENT EXECUTE FUNCTION core_accesslog_refuse_truncate();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS core_accesslog_no_truncate ON core_accesslog;
DROP FUNCTION IF EXISTS core_accesslog_refuse_truncate();
"""


def head_mac(count: int, last_hash: str) -> str:
    # The same message as anxin.core.audit.head_mac (copied: a migration must not change
    # when the code does).
    message = f"head|{count}|{last_hash}".encode()
    return hmac.new(settings.ANXIN_AUDIT_KEY.encode(), message, hashlib.sha256).hexdigest()


def sign_head(apps, schema_editor):
    AccessLogHead = apps.get_model("core", "AccessLogHead")
    for head in AccessLogHead.objects.all():
        head.mac = head_mac(head.count, head.last_hash)
        head.save(update_fields=["mac"])


def refuse_truncate(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_UP)


def allow_truncate(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_outgoing_mail")]
    operations = [
        migrations.AddField(
            model_name="accessloghead",
            name="mac",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.AlterField(
            model_name="accesslog",
            name="outcome",
            field=models.CharField(
                choices=[
                    ("granted", "Read"),
                    ("denied", "Refused"),
                    ("unreadable", "Could not be opened"),
                ],
                max_length=10,
                verbose_name="outcome",
            ),
        ),
        migrations.RunPython(sign_head, migrations.RunPython.noop),
        migrations.RunPython(refuse_truncate, allow_truncate),
    ]
