"""The two hooks: satisfaction after a counselling case closes (附表三) and feedback after
an event's last session (docs/decisions/0013-survey-schedules.md). Neither invitation says
why the person was invited."""

from datetime import date, datetime, timedelta

from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from anxin.core.models import Notification
from anxin.counseling import services as counseling
from anxin.events import services as events
from anxin.events.models import Registration
from anxin.plans.loader import load_preset
from anxin.surveys import schedules, services
from anxin.surveys.models import Survey, SurveyInvitation
from tests.base import give_role, make_employee, make_user
from tests.events.base import make_event
from tests.surveys.base import SurveyTestCase

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


def scheduled(version, *, owner, actor, schedule, start, end, mode="anonymous", **extra):
    today = timezone.localdate()
    return services.survey_create(
        version=version,
        owner=owner,
        actor=actor,
        title=extra.pop("title", "滿意度調查"),
        scope=extra.pop("scope", owner),
        staff_categories=[],
        opens_on=extra.pop("opens", today - timedelta(days=30)),
        closes_on=extra.pop("closes", today + timedelta(days=90)),
        mode=mode,
        schedule=schedule,
        window_start=start,
        window_end=end,
        window_unit=Survey.WindowUnit.DAYS,
        **extra,
    )


def quiet_fixed_surveys() -> None:
    """The base class's surveys for their whole audience count as invited already, so
    that only what a test sets up sends anything."""
    Survey.objects.filter(schedule="").update(invited_at=timezone.now())


@override_settings(TASKS=IMMEDIATE_TASKS)
class CaseClosedHookTests(SurveyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        quiet_fixed_surveys()
        cls.plan = load_preset("taipei-114")
        cls.alice.email = "alice@example.com"
        cls.alice.save(update_fields=["email"])
        cls.survey = scheduled(
            cls.version, owner=cls.authority, actor=cls.eap_admin, title="附表三諮商輔導滿意度",
            schedule=Survey.Schedule.CASE_CLOSED, start=3, end=17,
        )  # fmt: skip
        item = counseling.request_submit(
            employee=cls.alice_employee, plan=cls.plan, concern="emotion", urgency="soon",
            mode="face_to_face", gender_preference="any", contact_method="phone",
            contact_value="0912-345-678", details="最近睡不好", preferred_times="週二下午",
        )  # fmt: skip
        cls.case = counseling.case_open(item=item, counselor=cls.counselor, actor=cls.counselor)
        cls.closed_on = timezone.localdate() - timedelta(days=5)
        counseling.case_close(
            case=cls.case, outcome="resolved", closed_on=cls.closed_on,
            expected_version=cls.case.version,
        )  # fmt: skip

    def test_it_invites_the_employee_n_days_after_the_case_closes(self):
        """Window from 3 to 17 days after closing: nothing on day 2, an invitation on day 3
        with that window, and never a second one."""
        self.assertEqual(schedules.invitations_send(now=at(self.closed_on + timedelta(days=2))), 0)
        with self.captureOnCommitCallbacks(execute=True):
            count = schedules.invitations_send(now=at(self.closed_on + timedelta(days=3)))
        self.assertEqual(count, 1)
        invitation = SurveyInvitation.objects.get(survey=self.survey)
        self.assertEqual(invitation.employee, self.alice_employee)
        self.assertEqual(
            (invitation.opens_on, invitation.closes_on),
            (self.closed_on + timedelta(days=3), self.closed_on + timedelta(days=17)),
        )
        self.assertEqual(schedules.invitations_send(now=at(self.closed_on + timedelta(days=4))), 0)

    def test_the_invitation_is_personal_and_tells_nothing_of_counselling(self):
        with self.captureOnCommitCallbacks(execute=True):
            schedules.invitations_send(now=at(self.closed_on + timedelta(days=3)))
        notes = Notification.objects.filter(url__startswith="/surveys/")
        self.assertEqual([note.recipient for note in notes], [self.alice])
        note = notes[0]
        for text in (note.subject, note.body, mail.outbox[0].subject, mail.outbox[0].body):
            self.assertNotIn(self.case.code, text)
            self.assertNotIn("滿意度", text)
            self.assertNotIn("附表三", text)
        self.assertEqual(note.url, reverse("surveys:my_surveys"))
        self.assertEqual([m.to for m in mail.outbox], [["alice@example.com"]])

    def test_the_employee_answers_it_anonymously_in_the_window(self):
        schedules.invitations_send(now=timezone.now())
        self.login(self.alice)
        rows = self.client.get(reverse("surveys:my_surveys")).context["rows"]
        self.assertIn(self.survey, [row["survey"] for row in rows])
        services.answer_submit(survey=self.survey, employee=self.alice_employee, answers={})
        self.assertTrue(services.has_answered(self.survey, self.alice_employee))

    def test_an_open_case_invites_nobody(self):
        other = make_employee(make_user("bob"), unit=self.unit, number="E0100", name="林")
        item = counseling.request_submit(
            employee=other, plan=self.plan, concern="emotion", urgency="soon",
            mode="face_to_face", gender_preference="any", contact_method="phone",
            contact_value="0912", details="x", preferred_times="x",
        )  # fmt: skip
        counseling.case_open(item=item, counselor=self.counselor, actor=self.counselor)
        schedules.invitations_send(now=timezone.now())
        self.assertEqual(
            list(SurveyInvitation.objects.values_list("employee__number", flat=True)), ["E0001"]
        )

    def test_hr_sees_no_count_below_k_and_no_names(self):
        schedules.invitations_send(now=timezone.now())
        services.answer_submit(survey=self.survey, employee=self.alice_employee, answers={})
        self.login(self.eap_admin)
        page = self.client.get(reverse("surveys:survey_detail", args=[self.survey.uuid]))
        self.assertNotContains(page, "王小美")
        completion = page.context["completion"]
        self.assertTrue(completion.invited.suppressed)
        self.assertTrue(all(row.invited.suppressed for row in completion.rows))
        self.assertTrue(page.context["counts"]["answered"].suppressed)
        self.assertNotContains(page, '<dd class="col-sm-9" id="answered">1</dd>', html=False)


@override_settings(TASKS=IMMEDIATE_TASKS)
class EventEndedHookTests(SurveyTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        quiet_fixed_surveys()
        cls.bob_user = make_user("bob")
        cls.bob = make_employee(cls.bob_user, unit=cls.unit, number="E0100", name="林")
        cls.carol_user = make_user("carol")
        cls.carol = make_employee(cls.carol_user, unit=cls.unit, number="E0101", name="張")
        cls.event = make_event(cls.hr, cls.agency, publish=True, days_ahead=2, capacity=2)
        cls.ends = cls.event.sessions.get().ends_at
        for employee in (cls.alice_employee, cls.bob, cls.carol):  # Carol waits
            events.registration_create(event=cls.event, employee=employee, actor=employee.user)
        cls.feedback = scheduled(
            cls.version, owner=cls.agency, actor=cls.hr, title="活動意見回饋",
            schedule=Survey.Schedule.EVENT_ENDED, start=0, end=7, event=cls.event,
        )  # fmt: skip

    def test_it_invites_the_participants_once_the_last_session_has_ended(self):
        self.assertEqual(schedules.invitations_send(now=self.ends - timedelta(minutes=1)), 0)
        with self.captureOnCommitCallbacks(execute=True):
            count = schedules.invitations_send(now=self.ends + timedelta(hours=1))
        self.assertEqual(count, 2)
        self.assertEqual(
            set(SurveyInvitation.objects.values_list("employee__number", flat=True)),
            {"E0001", "E0100"},  # not Carol, on the waiting list
        )
        note = Notification.objects.get(recipient=self.bob_user, url__startswith="/surveys/")
        self.assertIn("活動意見回饋", note.subject)
        self.assertEqual(schedules.invitations_send(now=self.ends + timedelta(hours=2)), 0)

    def test_a_cancelled_registration_is_not_invited(self):
        registration = Registration.objects.get(event=self.event, employee=self.bob)
        events.registration_cancel(registration=registration)
        schedules.invitations_send(now=self.ends + timedelta(hours=1))
        self.assertNotIn(
            "E0100", SurveyInvitation.objects.values_list("employee__number", flat=True)
        )

    def test_a_sensitive_events_invitation_carries_no_title(self):
        sensitive = make_event(
            self.hr, self.agency, publish=True, days_ahead=3, title="照顧者支持團體",
            audience_declared=["carer"],
        )  # fmt: skip
        registration = Registration.objects.create(
            event=sensitive, employee=self.bob, status=Registration.Status.REGISTERED
        )
        self.assertTrue(registration.event.is_sensitive)
        survey = scheduled(
            self.version, owner=self.agency, actor=self.hr, title="照顧者支持團體回饋",
            schedule=Survey.Schedule.EVENT_ENDED, start=0, end=7, event=sensitive,
        )  # fmt: skip
        ends = sensitive.sessions.get().ends_at
        with self.captureOnCommitCallbacks(execute=True):
            schedules.invitations_send(now=ends + timedelta(hours=1))
        self.assertTrue(SurveyInvitation.objects.filter(survey=survey, employee=self.bob).exists())
        notes = Notification.objects.filter(recipient=self.bob_user, url__startswith="/surveys/")
        for note in notes:  # this one, and the other event's feedback (with its title)
            self.assertNotIn("照顧者", note.subject + note.body)
        self.assertEqual(
            sorted(note.url for note in notes),
            [reverse("surveys:my_surveys"), reverse("surveys:answer", args=[self.feedback.uuid])],
        )

    def test_the_authoritys_feedback_survey_stands_for_events_without_their_own(self):
        """An event with no feedback survey gets a copy of the authority's, with its own
        answers; the event with its own keeps that one."""
        admin_event = make_event(
            self.eap_admin, self.authority, publish=True, days_ahead=2, title="紓壓講座"
        )
        Registration.objects.create(
            event=admin_event, employee=self.bob, status=Registration.Status.REGISTERED
        )
        default = scheduled(
            self.version, owner=self.authority, actor=self.eap_admin, title="活動回饋（通用）",
            schedule=Survey.Schedule.EVENT_ENDED, start=1, end=10,
        )  # fmt: skip
        ends = admin_event.sessions.get().ends_at
        schedules.invitations_send(now=ends + timedelta(days=1))
        copy = Survey.objects.get(event=admin_event)
        self.assertEqual(copy.title, "活動回饋（通用）：紓壓講座")
        self.assertEqual((copy.version_id, copy.mode), (default.version_id, default.mode))
        self.assertTrue(SurveyInvitation.objects.filter(survey=copy, employee=self.bob).exists())
        self.assertFalse(SurveyInvitation.objects.filter(survey=default).exists())
        self.assertEqual(Survey.objects.filter(event=self.event).get(), self.feedback)
        schedules.invitations_send(now=ends + timedelta(days=1, hours=1))
        self.assertEqual(Survey.objects.filter(event=admin_event).count(), 1)

    def test_the_organiser_attaches_the_feedback_survey_in_the_form(self):
        other = make_event(self.hr, self.agency, publish=True, days_ahead=5, title="第二場")
        self.login(self.hr)
        response = self.client.post(
            reverse("surveys:survey_new", args=[self.version.questionnaire.uuid, 1]),
            {
                "title": "第二場回饋", "scope": self.agency.pk, "opens_on": "114/01/01",
                "closes_on": "120/12/31", "mode": "confidential", "schedule": "event_ended",
                "window_start": "0", "window_end": "7", "window_unit": "days",
                "event": str(other.pk), "remind_days_before": "2",
            },
        )  # fmt: skip
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Survey.objects.get(event=other).title, "第二場回饋")

    def test_another_agencys_officer_cannot_attach_to_this_event(self):
        officer = make_user("hr-other")
        give_role(officer, "hr", self.other_agency)
        self.login(officer)
        other_version = services.questionnaire_create(
            owner=self.other_agency, actor=officer, definition=self.version.definition
        )
        services.version_publish(version=other_version, expected_version=other_version.version)
        response = self.client.post(
            reverse("surveys:survey_new", args=[other_version.questionnaire.uuid, 1]),
            {
                "title": "x", "scope": self.other_agency.pk, "opens_on": "114/01/01",
                "closes_on": "120/12/31", "mode": "confidential", "schedule": "event_ended",
                "window_start": "0", "window_end": "7", "window_unit": "days",
                "event": str(self.event.pk), "remind_days_before": "2",
            },
        )  # fmt: skip
        self.assertEqual(response.status_code, 200)
        self.assertIn("event", response.context["form"].errors)
