"""Anonymous answers in shuffled batches, sealed tallies (docs/decisions/0019).

Existing data: each survey's per-respondent tally rows are added up into one sealed
`SurveyTally`; each anonymous survey's answers and receipts are deleted and written again,
each table in its own random order with new random keys, so that the insertion order that
paired them is gone from the rows (run VACUUM afterwards: see docs/operators.md). Closed
anonymous surveys are marked final (rewritten as one batch). Not reversible: the pairing
and the per-respondent rows are what this migration removes.
"""

import random
import uuid

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count, F, Sum
from django.utils import timezone

import anxin.core.fields

# (breakdown, AnswerTally column); "" is everyone.
DIMENSIONS = [
    ("", None),
    ("gender", "gender"),
    ("age_band", "age_band"),
    ("staff_category", "staff_category"),
    ("agency", "agency_id"),
]


def _cells(tallies) -> list[list]:
    cells = []
    for dimension, column in DIMENSIONS:
        fields = ["question", "choice", *([column] if column else [])]
        rows = (
            tallies.values(*fields)
            .annotate(n=Count("pk"), s=Sum("number"), ss=Sum(F("number") * F("number")))
            .order_by()
        )
        for row in rows:
            group = row[column] if column else ""
            if column and group in (None, ""):
                continue
            cells.append(
                [dimension, group, row["question"], row["choice"], row["n"],
                 row["s"] or 0.0, row["ss"] or 0.0]
            )  # fmt: skip
    return cells


def forwards(apps, schema_editor):
    from anxin.core.sealed import associated_data, seal

    Survey = apps.get_model("surveys", "Survey")
    AnswerTally = apps.get_model("surveys", "AnswerTally")
    SurveyTally = apps.get_model("surveys", "SurveyTally")
    AnonymousAnswer = apps.get_model("surveys", "AnonymousAnswer")
    AnonymousReceipt = apps.get_model("surveys", "AnonymousReceipt")
    today = timezone.localdate()
    shuffle = random.SystemRandom().shuffle
    with_data = set(AnswerTally.objects.values_list("survey_id", flat=True).distinct())
    with_data |= set(AnonymousAnswer.objects.values_list("survey_id", flat=True).distinct())
    for survey in Survey.objects.filter(pk__in=with_data).order_by("pk"):
        anonymous = survey.mode == "anonymous"
        tally = SurveyTally(
            uuid=uuid.uuid4(), survey=survey, final=anonymous and today > survey.closes_on
        )
        cells = _cells(AnswerTally.objects.filter(survey=survey))
        tally.payload = seal({"cells": cells}, aad=associated_data(tally, "payload"))
        tally.save()
        if not anonymous:
            continue
        answers = list(
            AnonymousAnswer.objects.filter(survey=survey).values_list("answers", flat=True)
        )
        AnonymousAnswer.objects.filter(survey=survey).delete()
        shuffle(answers)
        AnonymousAnswer.objects.bulk_create(
            [AnonymousAnswer(id=uuid.uuid4(), survey=survey, answers=given) for given in answers]
        )
        people = list(
            AnonymousReceipt.objects.filter(survey=survey).values_list("employee_id", flat=True)
        )
        AnonymousReceipt.objects.filter(survey=survey).delete()
        shuffle(people)
        AnonymousReceipt.objects.bulk_create(
            [AnonymousReceipt(id=uuid.uuid4(), survey=survey, employee_id=pk) for pk in people]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0005_export_kind"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="anonymousanswer",
            name="submitted_on",
        ),
        migrations.CreateModel(
            name="PendingAnswer",
            fields=[
                (
                    "uuid",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("token", models.CharField(max_length=100)),
                ("payload", anxin.core.fields.SealedField()),
                (
                    "survey",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="surveys.survey",
                    ),
                ),
            ],
            options={
                "verbose_name": "pending answer",
                "verbose_name_plural": "pending answers",
            },
        ),
        migrations.CreateModel(
            name="SurveyTally",
            fields=[
                (
                    "uuid",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("payload", anxin.core.fields.SealedField()),
                ("final", models.BooleanField(default=False)),
                (
                    "survey",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="surveys.survey",
                    ),
                ),
            ],
            options={
                "verbose_name": "survey tally",
                "verbose_name_plural": "survey tallies",
            },
        ),
        migrations.RunPython(forwards, elidable=False),
        migrations.DeleteModel(
            name="AnswerTally",
        ),
        migrations.AddConstraint(
            model_name="pendinganswer",
            constraint=models.UniqueConstraint(
                fields=("survey", "token"), name="pending_answer_once"
            ),
        ),
    ]
