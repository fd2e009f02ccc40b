"""Anonymous surveys: the receipt (who answered) and the answer (what was answered) cannot
be joined. The test reads the schema, so that a field added later that would open a join
path fails it; test_insider.py tries the joins on the stored rows."""

from django.apps import apps
from django.db import models

from anxin.core.fields import SealedField
from anxin.core.refusals import Refused
from anxin.surveys import ballots, services
from anxin.surveys.models import (
    AnonymousAnswer,
    AnonymousReceipt,
    PendingAnswer,
    Response,
    Survey,
    SurveyTally,
)
from tests.base import make_employee
from tests.surveys.base import SurveyTestCase, count_as_closed

TIME_FIELDS = (models.DateTimeField, models.TimeField, models.DurationField)
PERSON_MODELS = ("people.Employee", "people.User", "people.OrgUnit")


def relations(model) -> dict[str, str]:
    return {
        field.name: field.related_model._meta.label
        for field in model._meta.get_fields()
        if field.is_relation and field.related_model is not None
    }


class SchemaTests(SurveyTestCase):
    def test_the_answer_table_relates_to_nothing_but_its_survey(self):
        """AnonymousAnswer's only relation is its survey: no person, no unit, no receipt."""
        self.assertEqual(relations(AnonymousAnswer), {"survey": "surveys.Survey"})

    def test_no_model_points_at_an_anonymous_answer(self):
        for model in apps.get_models():
            for field in model._meta.get_fields():
                if field.is_relation and not field.auto_created:
                    self.assertIsNot(field.related_model, AnonymousAnswer, f"{model} {field}")

    def test_receipt_and_answer_share_no_key_time_or_order(self):
        """The two tables share only the survey column. Neither has a time at all. Both
        primary keys are random UUIDs, so that neither an id nor an ORDER BY lines a
        receipt up with an answer (storage order and transaction ids: test_insider.py)."""
        receipt = {f.name: f for f in AnonymousReceipt._meta.concrete_fields}
        answer = {f.name: f for f in AnonymousAnswer._meta.concrete_fields}
        shared = {
            name
            for name in receipt.keys() & answer.keys()
            if name != "id" or receipt[name].is_relation
        }
        self.assertEqual(shared, {"survey"})
        for model in (AnonymousReceipt, AnonymousAnswer, PendingAnswer, SurveyTally):
            fields = model._meta.concrete_fields
            self.assertFalse([f for f in fields if isinstance(f, (*TIME_FIELDS, models.DateField))])
            pk = model._meta.pk
            self.assertIsInstance(pk, models.UUIDField)
            self.assertEqual(pk.default.__name__, "uuid4")
            self.assertFalse(model._meta.ordering)
            self.assertFalse(
                [f for f in fields if getattr(f, "auto_now", False)
                 or getattr(f, "auto_now_add", False)]
            )  # fmt: skip

    def test_a_pending_answer_holds_nothing_readable_but_its_survey(self):
        """The pool: the survey, a keyed token, a sealed payload; nothing points at it."""
        self.assertEqual(relations(PendingAnswer), {"survey": "surveys.Survey"})
        fields = {f.name: type(f) for f in PendingAnswer._meta.concrete_fields}
        self.assertEqual(set(fields), {"uuid", "survey", "token", "payload"})
        self.assertIs(fields["payload"], SealedField)

    def test_no_join_path_leads_from_an_answer_to_a_person_except_through_the_survey(self):
        """Walk every relation from AnonymousAnswer without passing through Survey (which
        many people share): no person, unit or receipt is reachable."""
        seen, frontier = {AnonymousAnswer}, [AnonymousAnswer]
        while frontier:
            model = frontier.pop()
            for field in model._meta.get_fields():
                target = getattr(field, "related_model", None)
                if not field.is_relation or target is None or target is Survey or target in seen:
                    continue
                seen.add(target)
                frontier.append(target)
        labels = {model._meta.label for model in seen}
        self.assertFalse(
            labels
            & {
                *PERSON_MODELS,
                "surveys.AnonymousReceipt",
                "surveys.Response",
                "surveys.PendingAnswer",
            }
        )


class StoredRowTests(SurveyTestCase):
    def test_an_anonymous_answer_is_stored_sealed_until_its_batch(self):
        """At submission: one pending row, ciphertext padded to a size class, a token that
        is neither the person's id, number nor name; no receipt and no answer yet."""
        services.answer_submit(
            survey=self.anonymous, employee=self.alice_employee, answers={"short": "祕密的話"}
        )
        self.assertFalse(AnonymousReceipt.objects.exists() or AnonymousAnswer.objects.exists())
        stored = PendingAnswer.objects.values().get()
        for trace in (str(self.alice_employee.uuid), "王小美", self.alice_employee.number, "祕密"):
            self.assertNotIn(trace, repr(stored))
        self.assertTrue(stored["payload"].startswith("anx1:"))
        ballots.pending_add(
            survey=self.anonymous, employee=self.outsider_employee,
            answers={"long": "很長" * 400}, attributes={},
        )  # fmt: skip
        long = PendingAnswer.objects.exclude(pk=stored["uuid"]).get()
        # Both fit the smallest size class: their lengths are the same.
        self.assertEqual(len(long.payload), len(stored["payload"]))

    def test_an_answer_pending_since_before_a_key_rotation_still_refuses_a_second(self):
        """The token is keyed: after a new primary key, the old key's token still finds
        the pending answer, and the batch opens it under the old key."""
        from django.conf import settings
        from django.test import override_settings

        from anxin.core.sealed import new_key_spec

        services.answer_submit(
            survey=self.anonymous, employee=self.alice_employee, answers={"pick": "是"}
        )
        rotated = f"{new_key_spec('rotated')},{settings.ANXIN_DATA_KEYS}"
        with override_settings(ANXIN_DATA_KEYS=rotated):
            self.assertTrue(services.has_answered(self.anonymous, self.alice_employee))
            with self.assertRaises(Refused) as caught:
                services.answer_submit(
                    survey=self.anonymous, employee=self.alice_employee, answers={"pick": "否"}
                )
            self.assertEqual(caught.exception.code, "already_answered")
            self.assertEqual(PendingAnswer.objects.count(), 1)

    def test_the_batch_writes_the_receipt_and_an_answer_that_names_nobody(self):
        people = [self.alice_employee, self.outsider_employee] + [
            make_employee(None, unit=self.unit, number=f"S{n}", name=f"同仁{n}") for n in range(3)
        ]
        for person in people:
            services.answer_submit(survey=self.anonymous, employee=person, answers={"pick": "是"})
        count_as_closed(self.anonymous)
        self.assertFalse(PendingAnswer.objects.exists())
        self.assertEqual(
            set(AnonymousReceipt.objects.values_list("employee_id", flat=True)),
            {p.pk for p in people},
        )
        stored = list(AnonymousAnswer.objects.values())
        self.assertEqual(len(stored), 5)
        self.assertEqual({key for row in stored for key in row}, {"id", "survey_id", "answers"})
        for trace in (str(self.alice_employee.uuid), "王小美", self.alice_employee.number):
            self.assertNotIn(trace, repr(stored))
        self.assertFalse(Response.objects.exists())

    def test_confidential_and_identified_answers_are_linked(self):
        for survey in (self.confidential, self.identified):
            services.answer_submit(survey=survey, employee=self.alice_employee, answers={})
        self.assertEqual(Response.objects.filter(employee=self.alice_employee).count(), 2)
        self.assertFalse(AnonymousAnswer.objects.exists())


class TallySchemaTests(SurveyTestCase):
    """The analysis tallies (decisions 0014, 0019) hold the answers again, with the
    declared coarse attributes: they must not open a way back to the person."""

    def test_a_tally_is_one_sealed_value_per_survey(self):
        """No per-respondent rows, no attribute in clear: the survey, a sealed payload,
        whether the closing batch ran. Nothing points at it."""
        self.assertEqual(relations(SurveyTally), {"survey": "surveys.Survey"})
        self.assertTrue(SurveyTally._meta.get_field("survey").one_to_one)
        fields = {f.name: type(f) for f in SurveyTally._meta.concrete_fields}
        self.assertEqual(set(fields), {"uuid", "survey", "payload", "final"})
        self.assertIs(fields["payload"], SealedField)
        for model in apps.get_models():
            for field in model._meta.get_fields():
                if field.is_relation and not field.auto_created:
                    self.assertIsNot(field.related_model, SurveyTally, f"{model} {field}")
                    self.assertIsNot(field.related_model, PendingAnswer, f"{model} {field}")

    def test_the_tally_of_an_anonymous_answer_keeps_only_the_declared_attributes(self):
        Survey.objects.filter(pk=self.anonymous.pk).update(breakdowns=["agency"])
        self.anonymous.refresh_from_db()
        for number in range(5):
            person = make_employee(None, unit=self.unit, number=f"T{number}", name=f"同仁{number}")
            services.answer_submit(survey=self.anonymous, employee=person, answers={"pick": "是"})
        count_as_closed(self.anonymous)
        stored = SurveyTally.objects.values().get()
        self.assertTrue(stored["payload"].startswith("anx1:"))
        cells = ballots.tally_read([self.anonymous.pk])[self.anonymous.pk]
        self.assertEqual({(d, g) for d, g, *_ in cells}, {("", ""), ("agency", self.agency.pk)})
        self.assertEqual(cells[("agency", self.agency.pk, "pick", "是")], [5, 0.0, 0.0])
