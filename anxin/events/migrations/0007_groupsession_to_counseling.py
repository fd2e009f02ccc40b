"""Group counselling moves to the counselling app (decision 0028). `GroupSession` leaves
the events app's state only: its table `events_groupsession` stays, rows and all, and
counseling's migration 0010 takes the model over under the same table name."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("events", "0006_invited_total")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="GroupSession")],
            database_operations=[],
        ),
    ]
