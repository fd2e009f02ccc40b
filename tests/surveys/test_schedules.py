"""Person-relative schedules: the month arithmetic of answering windows, and the
schedules refused (docs/decisions/0013-survey-schedules.md)."""

from datetime import date

from django.db import IntegrityError, transaction
from django.test import SimpleTestCase
from django.urls import reverse

from anxin.plans.loader import load_preset
from anxin.surveys import services
from anxin.surveys.models import Survey
from anxin.surveys.schedules import anchor_range, window_for
from tests.surveys.base import SurveyTestCase


def schedule(
    *, start, end, unit="months", opens=date(2020, 1, 1), closes=date(2030, 12, 31), **extra
) -> Survey:
    """An unsaved survey with a schedule: enough for the window arithmetic."""
    return Survey(
        schedule=extra.get("kind", Survey.Schedule.HIRE_DATE),
        window_start=start,
        window_end=end,
        window_unit=unit,
        opens_on=opens,
        closes_on=closes,
    )


class WindowArithmeticTests(SimpleTestCase):
    def test_one_to_three_months_after_a_hire_on_the_31st_of_january_in_a_leap_year(self):
        """Hired 2024-01-31: from 2024-02-29 (February has no 31st) to 2024-04-30."""
        self.assertEqual(
            window_for(schedule(start=1, end=3), date(2024, 1, 31)),
            (date(2024, 2, 29), date(2024, 4, 30)),
        )

    def test_one_to_three_months_after_a_hire_on_the_31st_of_january_in_a_common_year(self):
        self.assertEqual(
            window_for(schedule(start=1, end=3), date(2025, 1, 31)),
            (date(2025, 2, 28), date(2025, 4, 30)),
        )

    def test_the_month_after_the_first_anniversary_of_a_leap_day_hire(self):
        """Hired 2024-02-29: the anniversary falls on 2025-02-28 (no 29th), and the month
        after it runs to 2025-03-29, counted from the hire date rather than from the
        clipped anniversary (which would give 03-28)."""
        self.assertEqual(
            window_for(schedule(start=12, end=13), date(2024, 2, 29)),
            (date(2025, 2, 28), date(2025, 3, 29)),
        )

    def test_the_month_after_the_first_anniversary_at_a_year_end(self):
        self.assertEqual(
            window_for(schedule(start=12, end=13), date(2024, 12, 31)),
            (date(2025, 12, 31), date(2026, 1, 31)),
        )

    def test_a_hire_on_the_30th_of_november_reaches_february_28(self):
        self.assertEqual(
            window_for(schedule(start=1, end=3), date(2024, 11, 30)),
            (date(2024, 12, 30), date(2025, 2, 28)),
        )

    def test_days_count_plainly_over_month_ends_and_leap_days(self):
        self.assertEqual(
            window_for(schedule(start=7, end=21, unit="days"), date(2024, 2, 22)),
            (date(2024, 2, 29), date(2024, 3, 14)),
        )

    def test_the_surveys_own_dates_bound_the_window(self):
        bounded = schedule(start=1, end=3, opens=date(2024, 3, 15), closes=date(2024, 4, 10))
        self.assertEqual(
            window_for(bounded, date(2024, 1, 31)), (date(2024, 3, 15), date(2024, 4, 10))
        )
        self.assertIsNone(window_for(bounded, date(2023, 6, 1)))
        self.assertIsNone(window_for(bounded, date(2024, 4, 1)))

    def test_the_anchor_range_finds_every_hire_whose_window_contains_the_day(self):
        """Over two leap years, each hire date is in the range exactly when (or, for
        clipped months, possibly also when) its window contains the day."""
        survey = schedule(start=1, end=3)
        days = [date(2024, 1, 1).fromordinal(n) for n in range(738_900, 739_700, 7)]
        hires = [date(2023, 1, 1).fromordinal(n) for n in range(738_520, 739_700)]
        for day in days:
            low, high = anchor_range(survey, day)
            for hire in hires:
                opens, closes = window_for(survey, hire)
                if opens <= day <= closes:
                    self.assertTrue(low <= hire <= high, (day, hire))


class PlanWindowTests(SurveyTestCase):
    def test_the_taipei_plan_windows_read_the_same_way(self):
        """The plan's new-hire windows (003 §陸) and a survey's give the same dates."""
        plan = load_preset("taipei-114")
        spans = plan.new_hire_survey_dates(date(2024, 2, 29))
        surveys = [
            schedule(start=w.start_months, end=w.end_months) for w in plan.new_hire_survey_windows
        ]
        self.assertEqual([window_for(s, date(2024, 2, 29)) for s in surveys], spans)
        self.assertEqual(spans[1], (date(2025, 2, 28), date(2025, 3, 29)))


class RefusedScheduleTests(SurveyTestCase):
    def post(self, **overrides):
        data = {
            "title": "諮商後滿意度",
            "scope": self.agency.pk,
            "opens_on": "114/01/01",
            "closes_on": "114/12/31",
            "mode": "identified",
            "schedule": "case_closed",
            "window_start": "7",
            "window_end": "21",
            "window_unit": "days",
            "remind_days_before": "3",
        }
        data.update(overrides)
        self.login(self.hr)
        return self.client.post(
            reverse(
                "surveys:survey_new", args=[self.version.questionnaire.uuid, self.version.number]
            ),
            data,
        )

    def test_an_identified_survey_after_counselling_is_refused_in_zh_hant(self):
        count = Survey.objects.count()
        response = self.post()
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].errors["mode"]
        self.assertIn("諮商", errors[0])
        self.assertContains(response, "諮商後滿意度")  # what was typed is kept
        self.assertEqual(Survey.objects.count(), count)

    def test_the_service_and_the_database_refuse_it_too(self):
        with self.assertRaises(Exception) as caught:
            services.survey_create(
                version=self.version,
                owner=self.agency,
                actor=self.hr,
                title="x",
                scope=self.agency,
                staff_categories=[],
                opens_on=date(2025, 1, 1),
                closes_on=date(2025, 12, 31),
                mode=Survey.Mode.IDENTIFIED,
                schedule=Survey.Schedule.CASE_CLOSED,
            )
        self.assertEqual(caught.exception.code, "case_identified")
        with self.assertRaises(IntegrityError), transaction.atomic():
            Survey.objects.filter(pk=self.confidential.pk).update(
                schedule=Survey.Schedule.CASE_CLOSED, mode=Survey.Mode.IDENTIFIED
            )

    def test_a_window_closing_before_it_opens_is_refused(self):
        response = self.post(mode="confidential", window_start="21", window_end="7")
        self.assertIn("window_end", response.context["form"].errors)

    def test_an_event_without_the_event_schedule_is_refused(self):
        from tests.events.base import make_event

        event = make_event(self.hr, self.agency)
        response = self.post(mode="confidential", event=str(event.pk))
        self.assertIn("event", response.context["form"].errors)

    def test_a_confidential_survey_after_counselling_is_set_up(self):
        response = self.post(mode="confidential")
        survey = Survey.objects.get(title="諮商後滿意度")
        self.assertRedirects(
            response,
            reverse("surveys:survey_detail", args=[survey.uuid]),
            fetch_redirect_response=False,
        )
        self.assertEqual(
            (survey.schedule, survey.window_start, survey.window_end, survey.window_unit),
            ("case_closed", 7, 21, "days"),
        )
        page = self.client.get(reverse("surveys:survey_detail", args=[survey.uuid]))
        self.assertContains(page, 'id="schedule"')

    def test_the_set_up_page_shows_the_plans_new_hire_windows(self):
        load_preset("taipei-114")
        self.login(self.hr)
        page = self.client.get(
            reverse(
                "surveys:survey_new", args=[self.version.questionnaire.uuid, self.version.number]
            )
        )
        self.assertContains(page, "到職滿1年後之次月內")
