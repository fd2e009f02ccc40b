"""Anonymous surveys: the receipt (who answered) and the answer (what was answered) cannot
be joined. The test reads the schema, so that a field added later that would open a join
path fails it."""

from django.apps import apps
from django.db import models

from anxin.surveys import services
from anxin.surveys.models import AnonymousAnswer, AnonymousReceipt, Response, Survey
from tests.surveys.base import SurveyTestCase

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
        """The two tables share only the survey column. The receipt has no time at all;
        the answer's time is a date (the day). Both primary keys are random UUIDs, so that
        neither an id nor an ORDER BY lines a receipt up with an answer."""
        receipt = {f.name: f for f in AnonymousReceipt._meta.concrete_fields}
        answer = {f.name: f for f in AnonymousAnswer._meta.concrete_fields}
        shared = {
            name
            for name in receipt.keys() & answer.keys()
            if name != "id" or receipt[name].is_relation
        }
        self.assertEqual(shared, {"survey"})
        self.assertFalse(
            [f for f in receipt.values() if isinstance(f, (*TIME_FIELDS, models.DateField))]
        )
        self.assertFalse([f for f in answer.values() if isinstance(f, TIME_FIELDS)])
        self.assertEqual(type(answer["submitted_on"]), models.DateField)
        for model in (AnonymousReceipt, AnonymousAnswer):
            pk = model._meta.pk
            self.assertIsInstance(pk, models.UUIDField)
            self.assertEqual(pk.default.__name__, "uuid4")
            self.assertFalse(model._meta.ordering)
            self.assertFalse(
                [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False)
                 or getattr(f, "auto_now_add", False)]
            )  # fmt: skip

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
        self.assertFalse(labels & {*PERSON_MODELS, "surveys.AnonymousReceipt", "surveys.Response"})


class StoredRowTests(SurveyTestCase):
    def test_an_anonymous_answer_stores_nothing_that_names_the_person(self):
        services.answer_submit(
            survey=self.anonymous, employee=self.alice_employee, answers={"pick": "是"}
        )
        receipt = AnonymousReceipt.objects.get()
        answer = AnonymousAnswer.objects.get()
        self.assertNotEqual(receipt.pk, answer.pk)
        self.assertEqual(receipt.employee, self.alice_employee)
        self.assertEqual(answer.answers, {"pick": "是"})
        stored = AnonymousAnswer.objects.values().get()
        self.assertEqual(set(stored), {"id", "survey_id", "submitted_on", "answers"})
        for trace in (str(self.alice_employee.uuid), "王小美", self.alice_employee.number):
            self.assertNotIn(trace, repr(stored))
        self.assertFalse(Response.objects.exists())

    def test_confidential_and_identified_answers_are_linked(self):
        for survey in (self.confidential, self.identified):
            services.answer_submit(survey=survey, employee=self.alice_employee, answers={})
        self.assertEqual(Response.objects.filter(employee=self.alice_employee).count(), 2)
        self.assertFalse(AnonymousAnswer.objects.exists())


class TallySchemaTests(SurveyTestCase):
    """The analysis tallies (docs/decisions/0014-survey-analysis.md) hold the answers again,
    with the declared coarse attributes: they must not open a way back to the person."""

    def test_a_tally_relates_only_to_its_survey_and_a_top_level_agency(self):
        from anxin.surveys.models import AnswerTally

        self.assertEqual(
            relations(AnswerTally), {"survey": "surveys.Survey", "agency": "people.OrgUnit"}
        )
        for model in apps.get_models():
            for field in model._meta.get_fields():
                if field.is_relation and not field.auto_created:
                    self.assertIsNot(field.related_model, AnswerTally, f"{model} {field}")

    def test_a_tally_has_no_time_no_order_and_nothing_in_common_with_the_receipt(self):
        from anxin.surveys.models import AnswerTally

        fields = {f.name: f for f in AnswerTally._meta.concrete_fields}
        self.assertFalse(
            [f for f in fields.values() if isinstance(f, (*TIME_FIELDS, models.DateField))]
        )
        self.assertIsInstance(AnswerTally._meta.pk, models.UUIDField)
        self.assertEqual(AnswerTally._meta.pk.default.__name__, "uuid4")
        self.assertFalse(AnswerTally._meta.ordering)
        receipt = {f.name for f in AnonymousReceipt._meta.concrete_fields}
        self.assertEqual((receipt & fields.keys()) - {"id"}, {"survey"})

    def test_the_tally_of_an_anonymous_answer_keeps_only_the_declared_attributes(self):
        from anxin.surveys.models import AnswerTally

        Survey.objects.filter(pk=self.anonymous.pk).update(breakdowns=["agency"])
        self.anonymous.refresh_from_db()
        services.answer_submit(
            survey=self.anonymous, employee=self.alice_employee, answers={"pick": "是"}
        )
        stored = list(AnswerTally.objects.values())
        self.assertEqual({row["agency_id"] for row in stored}, {self.agency.pk})  # not 第一科
        self.assertEqual({(r["gender"], r["age_band"], r["staff_category"]) for r in stored},
                         {("", "", "")})  # fmt: skip
        for trace in (str(self.alice_employee.uuid), "王小美", self.alice_employee.number):
            self.assertNotIn(trace, repr(stored))
