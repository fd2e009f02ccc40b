"""Invitations and reminders of the run-due job: each person once per survey, through the
worker, in his or her own answering window (docs/decisions/0013-survey-schedules.md)."""

from datetime import date, datetime, timedelta

from django.core import mail
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from anxin.core.due import run_due
from anxin.core.models import BulkSend, Notification
from anxin.plans.config import add_months
from anxin.plans.models import ProgramPlan
from anxin.surveys import ballots, schedules, services
from anxin.surveys.models import Survey, SurveyInvitation
from tests.base import make_employee, make_user
from tests.surveys.base import SurveyTestCase

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def queued(task: DBTaskResult) -> tuple[list[int], str]:
    """Whom a queued bulk send will notify, and with which template: the task itself
    carries only the send's id (decision 0021)."""
    send = BulkSend.objects.get(pk=task.args_kwargs["kwargs"]["send_id"])
    return sorted(send.pending.values_list("user_id", flat=True)), send.template


def at(year: int, month: int, day: int, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour, 0))


def new_hire_survey(version, *, owner, actor, opens, closes, mode="identified", start=1, end=3,
                    **extra) -> Survey:  # fmt: skip
    return services.survey_create(
        version=version,
        owner=owner,
        actor=actor,
        title=extra.pop("title", "新進人員關懷問卷"),
        scope=extra.pop("scope", owner),
        staff_categories=[],
        opens_on=opens,
        closes_on=closes,
        mode=mode,
        schedule=Survey.Schedule.HIRE_DATE,
        window_start=start,
        window_end=end,
        window_unit=Survey.WindowUnit.MONTHS,
        **extra,
    )


def quiet_fixed_surveys() -> None:
    """The base class's surveys for their whole audience count as invited already, so
    that only what a test sets up sends anything."""
    Survey.objects.filter(schedule="").update(invited_at=timezone.now())


class NewHireInvitationTests(SurveyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        quiet_fixed_surveys()
        cls.bob_user = make_user("bob", email="bob@example.com")
        cls.bob = make_employee(
            cls.bob_user, unit=cls.unit, number="E0100", name="林新人", hire_date=date(2024, 1, 31)
        )
        cls.carol_user = make_user("carol")
        cls.carol = make_employee(
            cls.carol_user,
            unit=cls.unit,
            number="E0101",
            name="張閏日",
            hire_date=date(2024, 2, 29),
        )
        cls.survey = new_hire_survey(
            cls.version, owner=cls.agency, actor=cls.hr,
            opens=date(2024, 1, 1), closes=date(2025, 12, 31),
        )  # fmt: skip
        cls.anniversary = new_hire_survey(
            cls.version, owner=cls.agency, actor=cls.hr, title="到職滿一年關懷問卷",
            opens=date(2024, 1, 1), closes=date(2025, 12, 31), start=12, end=13,
        )  # fmt: skip

    def invited(self, survey=None) -> dict[str, tuple[date, date]]:
        rows = SurveyInvitation.objects.filter(survey=survey or self.survey).values_list(
            "employee__number", "opens_on", "closes_on"
        )
        return {number: (opens, closes) for number, opens, closes in rows}

    def test_it_invites_on_the_first_day_of_each_persons_window(self):
        """Hired 2024-01-31: invited on 2024-02-29, not the day before; hired 2024-02-29:
        on 2024-03-29. Alice, hired in 2015, never."""
        schedules.invitations_send(now=at(2024, 2, 28))
        self.assertEqual(self.invited(), {})
        schedules.invitations_send(now=at(2024, 2, 29))
        self.assertEqual(self.invited(), {"E0100": (date(2024, 2, 29), date(2024, 4, 30))})
        schedules.invitations_send(now=at(2024, 3, 28))
        self.assertNotIn("E0101", self.invited())
        schedules.invitations_send(now=at(2024, 3, 29))
        self.assertEqual(self.invited()["E0101"], (date(2024, 3, 29), date(2024, 5, 29)))
        self.assertNotIn("E0001", self.invited())

    def test_the_first_anniversary_window_of_a_leap_day_hire(self):
        """Hired 2024-02-29: invited to the anniversary questionnaire on 2025-02-28, to
        answer by 2025-03-29."""
        schedules.invitations_send(now=at(2025, 2, 27))
        self.assertNotIn("E0101", self.invited(self.anniversary))
        schedules.invitations_send(now=at(2025, 2, 28))
        self.assertEqual(
            self.invited(self.anniversary)["E0101"], (date(2025, 2, 28), date(2025, 3, 29))
        )

    def test_a_late_run_still_invites_within_the_window_and_never_twice(self):
        self.assertEqual(schedules.invitations_send(now=at(2024, 4, 10)), 2)
        self.assertEqual(schedules.invitations_send(now=at(2024, 4, 10, 15)), 0)
        self.assertEqual(schedules.invitations_send(now=at(2024, 4, 20)), 0)
        self.assertEqual(SurveyInvitation.objects.filter(survey=self.survey).count(), 2)

    def test_a_window_that_passed_unseen_invites_nobody(self):
        self.assertEqual(schedules.invitations_send(now=at(2024, 6, 1)), 0)

    def test_the_invitation_goes_through_the_worker(self):
        """The job enqueues a task (the worker sends it); nothing is in any inbox yet."""
        before = DBTaskResult.objects.count()
        schedules.invitations_send(now=at(2024, 2, 29))
        self.assertEqual(DBTaskResult.objects.count(), before + 1)
        task = DBTaskResult.objects.latest("enqueued_at")
        self.assertEqual(queued(task)[0], [self.bob_user.pk])
        self.assertEqual(queued(task)[1], "survey_invitation")
        self.assertFalse(Notification.objects.exists())

    @override_settings(TASKS=IMMEDIATE_TASKS)
    def test_the_invitation_names_the_survey_and_the_personal_closing_day(self):
        with self.captureOnCommitCallbacks(execute=True):
            schedules.invitations_send(now=at(2024, 2, 29))
        note = Notification.objects.get(recipient=self.bob_user)
        self.assertIn("新進人員關懷問卷", note.subject)
        self.assertIn("113年4月30日", note.body)
        self.assertEqual(note.url, reverse("surveys:answer", args=[self.survey.uuid]))
        self.assertEqual([m.to for m in mail.outbox], [["bob@example.com"]])

    def test_run_due_runs_it(self):
        outcomes = {o.name: o for o in run_due(at(2024, 2, 29))}
        self.assertEqual(outcomes["survey_invitations"].status, "ran")
        self.assertIn("invited 1", outcomes["survey_invitations"].summary)

    def test_the_job_costs_the_same_queries_for_few_or_many_new_hires(self):
        """One query finds a survey's people, one insert invites them and one task per
        closing day (here one) carries the notification."""
        with CaptureQueriesContext(connection) as few:
            schedules.invitations_send(now=at(2024, 2, 29))
        SurveyInvitation.objects.all().delete()
        for n in range(8):
            make_employee(
                make_user(f"hire{n}"), unit=self.unit, number=f"E02{n:02d}", name=f"新人{n}",
                hire_date=date(2024, 1, 31),
            )  # fmt: skip
        with CaptureQueriesContext(connection) as many:
            schedules.invitations_send(now=at(2024, 2, 29))
        self.assertEqual(SurveyInvitation.objects.filter(survey=self.survey).count(), 9)
        self.assertEqual(len(few), len(many))


class AnsweringWindowTests(SurveyTestCase):
    """Real dates: the employee answers within his or her own window only."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        quiet_fixed_surveys()
        today = timezone.localdate()
        cls.bob_user = make_user("bob")
        cls.bob = make_employee(
            cls.bob_user, unit=cls.unit, number="E0100", name="林新人",
            hire_date=add_months(today, -1),
        )  # fmt: skip
        cls.survey = new_hire_survey(
            cls.version, owner=cls.agency, actor=cls.hr,
            opens=today - timedelta(days=400), closes=today + timedelta(days=400),
        )  # fmt: skip
        schedules.invitations_send(now=timezone.now())

    def test_the_invited_employee_sees_it_with_the_personal_closing_day(self):
        self.login(self.bob_user)
        response = self.client.get(reverse("surveys:my_surveys"))
        rows = response.context["rows"]
        self.assertEqual([row["survey"] for row in rows].count(self.survey), 1)
        row = next(row for row in rows if row["survey"] == self.survey)
        self.assertEqual(row["closes_on"], add_months(self.bob.hire_date, 3))

    def test_someone_not_invited_neither_sees_it_nor_reaches_it(self):
        self.login(self.alice)
        response = self.client.get(reverse("surveys:my_surveys"))
        self.assertNotIn(self.survey, [row["survey"] for row in response.context["rows"]])
        page = self.client.get(reverse("surveys:answer", args=[self.survey.uuid]))
        self.assertEqual(page.status_code, 404)

    def test_after_the_personal_window_it_is_closed_though_the_survey_is_open(self):
        yesterday = timezone.localdate() - timedelta(days=1)
        SurveyInvitation.objects.filter(survey=self.survey).update(
            opens_on=yesterday - timedelta(days=30), closes_on=yesterday
        )
        self.login(self.bob_user)
        page = self.client.get(reverse("surveys:answer", args=[self.survey.uuid]))
        self.assertEqual(page.context["state"], "closed")
        with self.assertRaises(Exception) as caught:
            services.answer_submit(survey=self.survey, employee=self.bob, answers={})
        self.assertEqual(caught.exception.code, "closed")

    def test_the_employee_list_costs_the_same_queries_with_more_invitations(self):
        self.login(self.bob_user)
        self.client.get(reverse("surveys:my_surveys"))
        with CaptureQueriesContext(connection) as few:
            before = len(self.client.get(reverse("surveys:my_surveys")).context["rows"])
        for n in range(3):
            survey = new_hire_survey(
                self.version, owner=self.agency, actor=self.hr, title=f"問卷{n}",
                opens=self.survey.opens_on, closes=self.survey.closes_on,
            )  # fmt: skip
            schedules.invitations_send(now=timezone.now())
            self.assertTrue(SurveyInvitation.objects.filter(survey=survey).exists())
        with CaptureQueriesContext(connection) as many:
            response = self.client.get(reverse("surveys:my_surveys"))
        self.assertEqual(len(response.context["rows"]), before + 3)
        self.assertEqual(len(few), len(many))


class ReminderTests(SurveyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        quiet_fixed_surveys()
        cls.bob_user = make_user("bob")
        cls.bob = make_employee(
            cls.bob_user, unit=cls.unit, number="E0100", name="林新人", hire_date=date(2024, 1, 31)
        )
        cls.dan_user = make_user("dan")
        cls.dan = make_employee(
            cls.dan_user, unit=cls.unit, number="E0102", name="趙同梯", hire_date=date(2024, 1, 31)
        )
        cls.survey = new_hire_survey(
            cls.version, owner=cls.agency, actor=cls.hr, mode="anonymous",
            opens=date(2024, 1, 1), closes=date(2025, 12, 31),
        )  # fmt: skip
        schedules.invitations_send(now=at(2024, 2, 29))

    def answer(self, employee, *, batched: bool = False):
        """Answer as if on a day within the window (the answer services use today): the
        sealed pending answer `answer_submit` writes, or the receipt its batch writes."""
        from anxin.surveys import ballots
        from anxin.surveys.models import AnonymousReceipt

        if batched:
            AnonymousReceipt.objects.create(survey=self.survey, employee=employee)
        else:
            ballots.pending_add(survey=self.survey, employee=employee, answers={}, attributes={})

    def test_it_reminds_once_three_days_before_the_personal_closing_day(self):
        """Window closes 2024-04-30: no reminder on 04-26, one on 04-27, none after."""
        self.answer(self.dan)
        self.assertEqual(schedules.reminders_send(now=at(2024, 4, 26)), 0)
        before = DBTaskResult.objects.count()
        self.assertEqual(schedules.reminders_send(now=at(2024, 4, 27)), 1)
        task = DBTaskResult.objects.exclude(pk__in=[]).order_by("-enqueued_at").first()
        self.assertEqual(DBTaskResult.objects.count(), before + 1)
        self.assertEqual(queued(task)[0], [self.bob_user.pk])
        self.assertEqual(queued(task)[1], "survey_reminder")
        self.assertEqual(schedules.reminders_send(now=at(2024, 4, 28)), 0)
        self.assertEqual(schedules.reminders_send(now=at(2024, 4, 30)), 0)

    def test_nobody_who_answered_is_reminded_and_nobody_is_shown_who_did_not(self):
        """Neither the one whose answer waits for its batch nor the one with a receipt."""
        self.answer(self.bob)
        self.answer(self.dan, batched=True)
        self.assertEqual(schedules.reminders_send(now=at(2024, 4, 27)), 0)
        self.login(self.hr)
        page = self.client.get(reverse("surveys:survey_detail", args=[self.survey.uuid]))
        self.assertNotContains(page, "林新人")
        self.assertNotContains(page, "趙同梯")

    def test_no_reminder_on_the_day_of_the_invitation(self):
        SurveyInvitation.objects.filter(survey=self.survey).update(invited_at=at(2024, 4, 27, 8))
        self.assertEqual(schedules.reminders_send(now=at(2024, 4, 27)), 0)
        self.assertEqual(schedules.reminders_send(now=at(2024, 4, 28)), 2)

    def test_no_reminder_when_the_survey_asks_for_none(self):
        Survey.objects.filter(pk=self.survey.pk).update(remind_days_before=0)
        self.assertEqual(schedules.reminders_send(now=at(2024, 4, 27)), 0)


class WholeAudienceTests(SurveyTestCase):
    """A survey for its whole audience: invited when it opens, reminded before closing."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        quiet_fixed_surveys()
        cls.survey = services.survey_create(
            version=cls.version, owner=cls.agency, actor=cls.hr, title="年度需求調查",
            scope=cls.agency, staff_categories=[], opens_on=date(2024, 11, 1),
            closes_on=date(2025, 2, 28), mode=Survey.Mode.CONFIDENTIAL,
        )  # fmt: skip

    def test_it_invites_the_audience_once_when_it_opens(self):
        self.assertEqual(schedules.invitations_send(now=at(2024, 10, 31)), 0)
        self.assertEqual(schedules.invitations_send(now=at(2024, 11, 1)), 1)  # Alice
        self.assertEqual(schedules.invitations_send(now=at(2024, 11, 2)), 0)
        task = DBTaskResult.objects.latest("enqueued_at")
        self.assertEqual(queued(task)[0], [self.alice.pk])

    def test_it_reminds_those_who_have_not_answered_once(self):
        bob = make_employee(make_user("bob"), unit=self.unit, number="E0100", name="林")
        schedules.invitations_send(now=at(2024, 11, 1))
        from anxin.surveys.models import Response

        Response.objects.create(
            survey=self.survey, employee=bob, status=Response.Status.SUBMITTED, answers={}
        )
        self.assertEqual(schedules.reminders_send(now=at(2025, 2, 24)), 0)
        self.assertEqual(schedules.reminders_send(now=at(2025, 2, 25)), 1)
        self.assertEqual(schedules.reminders_send(now=at(2025, 2, 26)), 0)
        task = DBTaskResult.objects.latest("enqueued_at")
        self.assertEqual(queued(task)[0], [self.alice.pk])


class AnonymousPersonalWindowTests(SurveyTestCase):
    """In an anonymous person-relative survey the day of answering could point at the few
    people whose window it falls in: the answer keeps no day at all (decision 0019; 0013
    kept the survey's opening day)."""

    def test_the_answer_carries_no_day(self):
        from anxin.surveys.models import AnonymousAnswer

        quiet_fixed_surveys()
        today = timezone.localdate()
        bob = make_employee(
            make_user("bob"), unit=self.unit, number="E0101", name="林新人",
            hire_date=add_months(today, -1),
        )  # fmt: skip
        opens = today - timedelta(days=200)
        survey = new_hire_survey(
            self.version, owner=self.agency, actor=self.hr, mode=Survey.Mode.ANONYMOUS,
            opens=opens, closes=today + timedelta(days=200),
        )  # fmt: skip
        schedules.invitations_send(now=timezone.now())
        ProgramPlan.objects.create(slug="k2", name="計畫", authority=self.authority, k_threshold=2)
        alice = self.alice_employee
        for person in (bob, alice):
            services.answer_submit(survey=self.anonymous, employee=person, answers={"pick": "是"})
        schedules.invitations_send(now=timezone.now())
        services.answer_submit(survey=survey, employee=bob, answers={})
        SurveyInvitation.objects.create(
            survey=survey, employee=alice, opens_on=survey.opens_on, closes_on=survey.closes_on
        )
        services.answer_submit(survey=survey, employee=alice, answers={})
        for answered in (survey, self.anonymous):
            ballots.survey_ballots_count(
                survey=answered, today=answered.closes_on + timedelta(days=1)
            )
        stored = list(AnonymousAnswer.objects.values())
        self.assertEqual(len(stored), 4)
        self.assertEqual({key for row in stored for key in row}, {"id", "survey_id", "answers"})
