"""The surveys demo data: closed needs surveys with an analysis (themes included), an open
one, a satisfaction survey fed by closed cases and new-hire questionnaires on schedule;
in each preset authority, its satisfaction survey after counselling and a closed
half-year round counted."""

import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings

from anxin.counseling.demo import demo_counselling
from anxin.people import demo
from anxin.plans.models import ProgramPlan
from anxin.surveys import analysis
from anxin.surveys.demo import NEEDS_ANSWERS, demo_surveys
from anxin.surveys.models import Response, Survey, SurveyInvitation, SurveyTally


@override_settings(
    ANXIN_DEMO=True,
    TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
)
class SurveysDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.var = tempfile.mkdtemp()
        with override_settings(VAR_DIR=Path(cls.var)):
            demo.demo_generate(employees=500)
            call_command("load_plan", "--all", verbosity=0)
            call_command("load_plan", str(demo.demo_plan_file()), verbosity=0)
            demo.demo_accounts()
            demo_counselling()
            cls.summary = demo_surveys()

    def test_two_closed_needs_surveys_have_an_analysis_with_a_trend_and_themes(self):
        closed = Survey.objects.filter(title__endswith="需求調查").order_by("opens_on")
        self.assertEqual(closed.count(), 3)  # two closed rounds and this year's
        last = closed[1]
        result = analysis.survey_analysis(last)
        self.assertTrue(result.is_closed)
        self.assertEqual(result.respondents.count, NEEDS_ANSWERS[1])
        stress = next(q for q in result.questions if q.question.key == "stress")
        self.assertEqual(len(stress.trend), 2)
        suggestions = next(q for q in result.questions if q.question.key == "suggestions")
        labels = [row.label for row in suggestions.themes]
        self.assertIn("紓壓", labels[:3])
        self.assertTrue(suggestions.themes[0].examples)
        self.assertEqual(
            {d for d, _ in result.dimensions}, {"gender", "age_band", "staff_category", "agency"}
        )
        self.assertFalse(analysis.is_closed(closed[2]))

    def test_satisfaction_and_new_hire_surveys_invited_people_on_schedule(self):
        satisfaction = Survey.objects.get(
            schedule=Survey.Schedule.CASE_CLOSED, owner__code=demo.AUTHORITY_CODE
        )
        new_hire = Survey.objects.get(schedule=Survey.Schedule.HIRE_DATE)
        self.assertEqual(satisfaction.mode, Survey.Mode.ANONYMOUS)
        self.assertTrue(SurveyInvitation.objects.filter(survey=satisfaction).exists())
        invitations = SurveyInvitation.objects.filter(survey=new_hire).select_related("employee")
        self.assertTrue(invitations.exists())
        for invitation in invitations:
            window = (invitation.opens_on, invitation.closes_on)
            self.assertLessEqual(window[0], window[1])
            # One to three months after the hire date.
            self.assertGreater(invitation.opens_on, invitation.employee.hire_date)
        self.assertTrue(Response.objects.filter(survey=new_hire, status="submitted").exists())

    def test_each_preset_authority_has_its_surveys_answered_and_a_closed_round_counted(self):
        presets = ProgramPlan.objects.exclude(authority__code=demo.AUTHORITY_CODE)
        self.assertEqual(self.summary.authorities, presets.count())
        for plan in presets.select_related("authority"):
            with self.subTest(plan=plan.slug):
                owned = Survey.objects.filter(owner=plan.authority)
                # Its own copies of the questionnaires, not the demo authority's.
                self.assertFalse(owned.exclude(version__questionnaire__owner=plan.authority))
                satisfaction = owned.get(schedule=Survey.Schedule.CASE_CLOSED)
                invited = SurveyInvitation.objects.filter(survey=satisfaction)
                self.assertGreaterEqual(invited.count(), 5)  # whose case closed lately
                (closed,) = [survey for survey in owned.filter(schedule="")]
                result = analysis.survey_analysis(closed)
                self.assertTrue(result.is_closed)
                self.assertGreaterEqual(result.respondents.count, 10)
                self.assertTrue(SurveyTally.objects.filter(survey=closed).exists())

    def test_a_second_run_adds_nothing(self):
        before = Survey.objects.count()
        with override_settings(VAR_DIR=Path(self.var)):
            again = demo_surveys()
        self.assertEqual((again.surveys, again.answers), (0, 0))
        self.assertEqual(Survey.objects.count(), before)
