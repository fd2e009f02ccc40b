"""Events with a private roster keep no Invitation rows (decision 0025): the count of
people the audience matched is kept on the event, and the lists already stored for
private rosters are deleted. Backwards, the count stays and the lists stay gone."""

from django.db import migrations, models
from django.db.models import Count


def keep_counts_drop_private_lists(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    Invitation = apps.get_model("events", "Invitation")
    counted = Event.objects.annotate(n=Count("invitations")).filter(n__gt=0)
    for event in counted.only("pk"):
        Event.objects.filter(pk=event.pk).update(invited_total=event.n)
    Invitation.objects.filter(event__private_roster=True).delete()


class Migration(migrations.Migration):
    dependencies = [("events", "0005_private_rosters")]

    operations = [
        migrations.AddField(
            model_name="event",
            name="invited_total",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.RunPython(keep_counts_drop_private_lists, migrations.RunPython.noop),
    ]
