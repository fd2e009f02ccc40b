"""The care-worker group's meetings: scheduled at the plan's cadence, the care workers in
term invited by inbox and e-mail, attendance and notes recorded after the meeting, never
a text naming a colleague; the care worker sees his or her meetings ahead at home."""

from datetime import date, timedelta

from django.utils import timezone

from anxin.care.workers import meetings
from anxin.care.workers.models import CareMeeting, CareMeetingInvitation
from anxin.core.models import Notification, OutgoingMail
from anxin.core.refusals import Refused
from anxin.people.roles import Role
from anxin.plans.models import ProgramPlan
from tests.base import give_role, make_employee, make_user
from tests.care.workers_base import WorkersTestCase, active_care_worker


class MeetingServicesTestCase(WorkersTestCase):
    def setUp(self):
        self.bob.email = "bob@example.org"
        self.bob.save()
        self.bob_term = active_care_worker(self.bob_employee, [self.unit2], actor=self.hr)
        # A care worker of 教育局 is outside 社會局's group.
        self.other_term = active_care_worker(
            self.outsider_employee, [self.other_agency], actor=self.eap_admin
        )
        Notification.objects.all().delete()
        OutgoingMail.objects.all().delete()
        self.soon = timezone.now() + timedelta(days=14)

    def schedule(self, **extra):
        data = {
            "actor": self.hr,
            "unit": self.agency,
            "starts_at": self.soon,
            "place": "三樓會議室",
        }
        data.update(extra)
        data.setdefault("agenda", "關懷技巧分享")
        return meetings.meeting_schedule(**data)

    def test_it_invites_the_care_workers_in_term_of_the_group_by_inbox_and_mail(self):
        meeting = self.schedule()
        invited = CareMeetingInvitation.objects.filter(meeting=meeting)
        self.assertEqual([i.care_worker_id for i in invited], [self.bob_term.pk])
        note = Notification.objects.get()
        self.assertEqual(note.recipient, self.bob)
        self.assertIn("三樓會議室", note.body)
        self.assertEqual(
            list(OutgoingMail.objects.values_list("recipient", flat=True)), ["bob@example.org"]
        )

    def test_it_refuses_a_meeting_in_the_past(self):
        with self.assertRaises(Refused):
            self.schedule(starts_at=timezone.now() - timedelta(hours=1))
        self.assertFalse(CareMeeting.objects.exists())

    def test_an_agenda_or_notes_naming_a_colleague_are_refused(self):
        with self.assertRaisesMessage(Refused, "王小美"):
            self.schedule(agenda="討論王小美的近況")
        meeting = self.schedule()
        meeting.starts_at = timezone.now() - timedelta(hours=1)
        meeting.save()
        with self.assertRaisesMessage(Refused, "陳大文"):
            meetings.meeting_record(
                meeting=meeting, present=set(), notes="陳大文請假中", expected_version=1
            )
        meeting.refresh_from_db()
        self.assertEqual(meeting.status, CareMeeting.Status.SCHEDULED)

    def test_attendance_is_recorded_once_the_meeting_has_begun(self):
        meeting = self.schedule()
        invitation = meeting.invitations.get()
        with self.assertRaises(Refused):
            meetings.meeting_record(
                meeting=meeting, present={invitation.pk}, notes="", expected_version=1
            )
        later = self.soon + timedelta(hours=2)
        meetings.meeting_record(
            meeting=meeting,
            present={invitation.pk},
            notes="分享轉介流程",
            expected_version=1,
            now=later,
        )
        invitation.refresh_from_db()
        meeting.refresh_from_db()
        self.assertTrue(invitation.attended)
        self.assertEqual(meeting.status, CareMeeting.Status.HELD)

    def test_cancelling_tells_the_invited(self):
        meeting = self.schedule()
        Notification.objects.all().delete()
        meetings.meeting_cancel(meeting=meeting, expected_version=1)
        self.assertEqual(Notification.objects.get().recipient, self.bob)
        with self.assertRaises(Refused):
            meetings.meeting_cancel(meeting=CareMeeting.objects.get(), expected_version=2)

    def test_the_cadence_is_the_plans_or_six_months(self):
        self.assertEqual(self.plan.care_worker_meeting_months, 6)
        plan = ProgramPlan(config={"care_workers": {"meeting_months": 4, "source": "x"}})
        self.assertEqual(plan.care_worker_meeting_months, 4)
        held = CareMeeting(
            unit=self.agency,
            starts_at=timezone.make_aware(timezone.datetime(2026, 1, 31, 10)),
            status=CareMeeting.Status.HELD,
        )
        cadence = meetings.cadence_of([held], months=6, now=timezone.now())
        self.assertEqual(cadence.due_by, date(2026, 7, 31))
        self.assertTrue(cadence.is_late(date(2026, 8, 1)))
        self.assertEqual(meetings.months_after(date(2026, 8, 31), 6), date(2027, 2, 28))


class MeetingPagesTestCase(WorkersTestCase):
    def setUp(self):
        self.bob_term = active_care_worker(self.bob_employee, [self.unit2], actor=self.hr)
        self.meeting = meetings.meeting_schedule(
            actor=self.hr,
            unit=self.agency,
            starts_at=timezone.now() + timedelta(days=7),
            place="三樓會議室",
            agenda="",
        )

    def test_hr_schedules_a_meeting_from_the_page(self):
        self.login(self.hr)
        response = self.client.post(
            "/care/workers/meetings/",
            {
                "starts_at": (timezone.localdate() + timedelta(days=30)).isoformat() + "T14:00",
                "place": "禮堂",
                "agenda": "年度計畫",
            },
        )
        meeting = CareMeeting.objects.get(place="禮堂")
        self.assertRedirects(response, f"/care/workers/meetings/{meeting.pk}/")
        self.assertEqual(meeting.invitations.count(), 1)
        page = self.client.get("/care/workers/meetings/")
        self.assertContains(page, "禮堂")
        self.assertEqual(page.context["cadence"].months, 6)
        cadence = page.context["cadence"]
        self.assertEqual(cadence.next_scheduled, timezone.localdate(self.meeting.starts_at))

    def test_hr_of_another_agency_gets_404(self):
        other_hr = make_user("hr2")
        give_role(other_hr, Role.HR, self.other_agency)
        self.login(other_hr)
        self.assertEqual(
            self.client.get(f"/care/workers/meetings/{self.meeting.pk}/").status_code, 404
        )

    def test_the_care_worker_sees_the_meeting_at_home_and_on_his_page(self):
        self.login(self.bob)
        home = self.client.get("/")
        self.assertContains(home, "三樓會議室")
        mine = self.client.get("/care/workers/my-meetings/")
        self.assertContains(mine, "三樓會議室")

    def test_the_care_worker_sees_his_own_attendance_only(self):
        carol = make_user("carol")
        carol_employee = make_employee(carol, unit=self.unit2, number="E0010", name="李佳玲")
        active_care_worker(carol_employee, [self.unit2], actor=self.hr)
        meeting = meetings.meeting_schedule(
            actor=self.hr,
            unit=self.agency,
            starts_at=timezone.now() + timedelta(days=1),
            place="二樓",
            agenda="",
        )
        bob_invitation = meeting.invitations.get(care_worker=self.bob_term)
        meetings.meeting_record(
            meeting=meeting,
            present={bob_invitation.pk},
            notes="",
            expected_version=1,
            now=timezone.now() + timedelta(days=2),
        )
        CareMeeting.objects.filter(pk=meeting.pk).update(
            starts_at=timezone.now() - timedelta(days=1)
        )
        self.login(self.bob)
        page = self.client.get("/care/workers/my-meetings/")
        self.assertContains(page, "二樓")
        self.assertNotContains(page, "李佳玲")
