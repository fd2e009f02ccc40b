"""Private rosters (decision 0018): each event records the plan's target group it serves,
and existing events whose membership is a personal fact get a private roster.

An event is marked private when its audience uses sealed self-declared attributes or an
age band, when it is a support group or group counselling, or when it was generated for
a season from a target group that the season's plan marks `sensitive: true` (found by
the series name its title starts with: "自我探索 (2/4)" is the series "自我探索"). Nothing
is made public: the migration only adds privacy, so running it backwards changes nothing.
"""

from django.db import migrations, models
from django.db.models import Q

PRIVATE_KINDS = ("support_group", "group_counselling")


def _series_groups(config: dict) -> dict[str, tuple[str, bool]]:
    """Series name -> (group key, sensitive) from a plan's stored configuration."""
    found = {}
    for group in config.get("target_groups", []):
        for series in group.get("events", []):
            found[series["name"]] = (group["key"], bool(group.get("sensitive", False)))
    return found


def _series_of(title: str, names: dict) -> str | None:
    if title in names:
        return title
    head, _sep, tail = title.rpartition(" (")
    if head and tail.endswith(")") and head in names:
        return head
    return None


def mark_private_rosters(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    Event.objects.filter(
        Q(kind__in=PRIVATE_KINDS)
        | Q(audience_age_min__isnull=False)
        | Q(audience_age_max__isnull=False)
    ).update(private_roster=True)
    # JSON "non-empty list" differs by database; the lists are short, read them.
    declared = [
        pk
        for pk, attributes in Event.objects.filter(private_roster=False).values_list(
            "pk", "audience_declared"
        )
        if attributes
    ]
    Event.objects.filter(pk__in=declared).update(private_roster=True)
    plans: dict[int, dict] = {}
    for event in Event.objects.filter(season__isnull=False).select_related("season__plan"):
        plan = event.season.plan
        if plan.pk not in plans:
            plans[plan.pk] = _series_groups(plan.config or {})
        names = plans[plan.pk]
        series = _series_of(event.title, names)
        if series is None:
            continue
        key, sensitive = names[series]
        Event.objects.filter(pk=event.pk).update(
            target_group=key,
            private_roster=models.Value(True) if sensitive else models.F("private_roster"),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_season_lottery"),
        ("plans", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="target_group",
            field=models.CharField(
                blank=True, max_length=60, verbose_name="target group of the plan"
            ),
        ),
        migrations.AlterField(
            model_name="event",
            name="private_roster",
            field=models.BooleanField(default=False, verbose_name="private roster"),
        ),
        migrations.RunPython(mark_private_rosters, migrations.RunPython.noop),
    ]
