"""Group counselling moves to the counselling app (decision 0028). `GroupSession` enters
this app's state only, on the table it had under the events app (`events_groupsession`,
kept as it is: no table is created, dropped or copied). Its content type follows, so that
anything that points at it (permissions, the admin's log) stays attached."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(app_label_from: str, app_label_to: str):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        db = schema_editor.connection.alias
        if (
            ContentType.objects.using(db)
            .filter(app_label=app_label_to, model="groupsession")
            .exists()
        ):
            return
        ContentType.objects.using(db).filter(app_label=app_label_from, model="groupsession").update(
            app_label=app_label_to
        )

    return move


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("counseling", "0009_legal_process_confirmation"),
        ("events", "0007_groupsession_to_counseling"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="GroupSession",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "event",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="group_session",
                                to="events.event",
                            ),
                        ),
                        (
                            "group_request",
                            models.OneToOneField(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="group_session",
                                to="counseling.grouprequest",
                            ),
                        ),
                        (
                            "scheduled_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={"db_table": "events_groupsession"},
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            move_content_type("events", "counseling"),
            move_content_type("counseling", "events"),
        ),
    ]
