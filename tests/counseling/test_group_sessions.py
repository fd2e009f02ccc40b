"""Group counselling as events: scheduled by the counselling room as an ordinary event
with sessions and registrations, its roster the facilitator's only, linked to the group
request it answers, whose requester sees held and how many attended, never who."""

from datetime import timedelta

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from anxin.core.refusals import Refused
from anxin.core.roc import format_long
from anxin.counseling.booking import services as booking
from anxin.counseling.groups import services
from anxin.counseling.groups.models import GroupSession
from anxin.counseling.providers.models import GroupRequest
from anxin.events import services as events
from anxin.events.models import Event, Invitation, Registration
from tests.counseling.group_sessions_base import GroupSessionsTestCase, weekly
from tests.events.base import IMMEDIATE_TASKS


@override_settings(TASKS=IMMEDIATE_TASKS)
class ScheduleTests(GroupSessionsTestCase):
    def test_it_creates_a_published_event_with_weekly_meetings(self):
        """Three weekly meetings: a published group counselling event led by the
        counsellor, its roster private, the unit's staff invited."""
        sessions = weekly(3)
        event = self.schedule(sessions=sessions)
        self.assertEqual(event.kind, Event.Kind.GROUP_COUNSELLING)
        self.assertEqual(event.status, Event.Status.PUBLISHED)
        self.assertTrue(event.private_roster)
        self.assertEqual(event.facilitator, self.counselor)
        self.assertEqual([(s.starts_at, s.ends_at) for s in event.sessions.all()], sessions)
        self.assertEqual(event.sessions.first().place, "第一科會議室")
        # A private roster keeps the count, not the list (decision 0025); the rule decides.
        event.refresh_from_db()
        self.assertEqual(event.invited_total, 2)
        self.assertFalse(Invitation.objects.filter(event=event).exists())
        for employee in (self.alice_employee, self.bob_employee):
            self.assertTrue(events.employee_eligible(event, employee, actor=employee.user))
        self.assertIsNone(GroupSession.objects.get(event=event).group_request)

    def test_it_schedules_the_request_it_answers(self):
        item = self.make_request()
        sessions = weekly(2)
        event = self.schedule(group_request=item, sessions=sessions)
        item.refresh_from_db()
        self.assertEqual(item.status, GroupRequest.Status.SCHEDULED)
        self.assertEqual(item.scheduled_at, sessions[0][0])
        self.assertEqual((item.counselor, item.place), (self.counselor, "第一科會議室"))
        self.assertEqual(item.group_session.event, event)

    def test_it_refuses_a_request_scheduled_twice(self):
        item = self.make_request()
        self.schedule(group_request=item)
        item.refresh_from_db()
        with self.assertRaises(Refused) as raised:
            self.schedule(group_request=item)
        self.assertEqual(raised.exception.code, "already_scheduled")
        self.assertEqual(Event.objects.count(), 1)

    def test_it_refuses_a_room_taken_by_a_counselling_time_and_saves_nothing(self):
        room = booking.room_create(authority=self.authority, name="諮商室A", location="市府 3 樓")
        sessions = weekly(2)
        start, end = sessions[1]
        booking.slot_publish(
            counselor=self.other_counselor, starts_at=start, ends_at=end,
            mode="face_to_face", room=room,
        )  # fmt: skip
        item = self.make_request()
        with self.assertRaises(Refused) as raised:
            self.schedule(group_request=item, sessions=sessions, room=room, place="")
        self.assertEqual(raised.exception.code, "room_taken")
        # The day is a ROC date, as every date the person reads.
        self.assertIn(format_long(timezone.localtime(start)), str(raised.exception.message))
        self.assertNotIn(start.date().isoformat(), str(raised.exception.message))
        self.assertFalse(Event.objects.exists())
        item.refresh_from_db()
        self.assertEqual(item.status, GroupRequest.Status.REQUESTED)

    def test_it_refuses_a_counsellor_offering_a_counselling_time_then(self):
        start, end = weekly()[0]
        booking.slot_publish(
            counselor=self.counselor, starts_at=start, ends_at=end, mode="phone", room=None
        )
        with self.assertRaises(Refused) as raised:
            self.schedule()
        self.assertEqual(raised.exception.code, "counselor_busy")

    def test_a_room_names_the_place(self):
        room = booking.room_create(authority=self.authority, name="諮商室A", location="市府 3 樓")
        event = self.schedule(room=room, place="")
        self.assertEqual(event.sessions.get().place, "諮商室A（市府 3 樓）")


@override_settings(TASKS=IMMEDIATE_TASKS)
class MembershipAndPrivacyTests(GroupSessionsTestCase):
    def register(self, event, employee):
        return events.registration_create(event=event, employee=employee, actor=employee.user)

    def test_employees_register_and_membership_is_fixed_from_the_first_meeting(self):
        """Registration as for any event; after the first meeting starts it is closed."""
        event = self.schedule(sessions=weekly(2), capacity=1)
        self.assertEqual(self.register(event, self.alice_employee).status, "registered")
        self.assertEqual(self.register(event, self.bob_employee).status, "waitlisted")
        later = event.sessions.first().starts_at + timedelta(minutes=1)
        self.assertTrue(events.registration_closed(event, now=later))

    def test_the_roster_is_the_facilitators_only(self):
        """The leading counsellor sees the names; the organisers, the coordinator and
        another counsellor get 404."""
        event = self.schedule()
        self.register(event, self.alice_employee)
        url = reverse("events:roster", args=[event.uuid])
        self.login(self.counselor)
        self.assertContains(self.client.get(url), "王小美")
        for user in (self.eap_admin, self.intake, self.other_counselor, self.hr):
            self.login(user)
            self.assertEqual(self.client.get(url).status_code, 404, user)

    def test_the_events_organisers_do_not_manage_it(self):
        event = self.schedule()
        self.login(self.eap_admin)
        response = self.client.get(reverse("events:manage_list"))
        self.assertNotContains(response, event.title)
        self.assertEqual(
            self.client.get(reverse("events:manage_detail", args=[event.uuid])).status_code, 404
        )
        response = self.client.get(reverse("events:create"))
        self.assertNotIn(
            Event.Kind.GROUP_COUNSELLING, dict(response.context["form"].fields["kind"].choices)
        )

    def test_a_calendar_shows_it_neutrally(self):
        """Taking part in group counselling is private: "安心活動" in the .ics."""
        event = self.schedule(description="壓力調適")
        self.register(event, self.alice_employee)
        self.login(self.alice)
        response = self.client.get(reverse("events:registration_ics", args=[event.uuid]))
        text = response.content.decode().replace("\r\n ", "")
        self.assertNotIn("團體諮商", text)
        self.assertNotIn("第一科會議室", text)
        self.assertEqual(str(Calendar.from_ical(response.content).events[0]["SUMMARY"]), "安心活動")


@override_settings(TASKS=IMMEDIATE_TASKS)
class OutcomeTests(GroupSessionsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.item = cls.make_request()
        cls.event = cls.schedule(group_request=cls.item, sessions=weekly(2))
        cls.registrations = [
            events.registration_create(event=cls.event, employee=e, actor=e.user)
            for e in (cls.alice_employee, cls.bob_employee)
        ]
        cls.after = cls.event.sessions.last().ends_at + timedelta(minutes=1)

    def record(self, now=None):
        return services.group_session_record_outcome(
            group_session=GroupSession.objects.get(event=self.event), now=now or self.after
        )

    def test_it_records_held_with_the_attendance_count(self):
        """Two members, one attended: held, attendance 1; HR's page shows the count and
        no name."""
        events.registration_complete(registration=self.registrations[0])
        item = self.record()
        self.assertEqual((item.status, item.attendance), (GroupRequest.Status.HELD, 1))
        self.login(self.hr)
        response = self.client.get(reverse("counseling:providers_group_detail", args=[item.uuid]))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "已召開")
        self.assertContains(response, '<dd class="col-sm-9">1</dd>', html=False)
        for name in ("王小美", "林小明"):
            self.assertNotContains(response, name)

    def test_it_refuses_before_the_last_meeting(self):
        events.registration_complete(registration=self.registrations[0])
        with self.assertRaises(Refused) as raised:
            self.record(now=self.after - timedelta(days=1))
        self.assertEqual(raised.exception.code, "not_over")
        self.item.refresh_from_db()
        self.assertEqual(self.item.status, GroupRequest.Status.SCHEDULED)

    def test_it_refuses_without_attendance(self):
        with self.assertRaises(Refused) as raised:
            self.record()
        self.assertEqual(raised.exception.code, "no_attendance")

    def test_it_refuses_a_second_outcome(self):
        events.registration_complete(registration=self.registrations[0])
        self.record()
        with self.assertRaises(Refused) as raised:
            self.record()
        self.assertEqual(raised.exception.code, "outcome_recorded")

    def test_it_counts_only_registered_members(self):
        """A cancelled registration does not count, even if marked completed before."""
        events.registration_complete(registration=self.registrations[0])
        events.registration_complete(registration=self.registrations[1])
        Registration.objects.filter(pk=self.registrations[1].pk).update(status="cancelled")
        self.assertEqual(services.attended_count(self.event), 1)
