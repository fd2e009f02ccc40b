"""No silent overwrite in events (DESIGN.md invariant 11, decision 0018): every state
change that two people can race on checks the version the page was opened at, or locks
the row and refuses what no longer applies, and says so in Traditional Chinese.

Each test plays the race the way it happens: both people open the page, the first saves,
the second saves from the page he or she still has. The PostgreSQL tests at the end run
the same changes in threads at the same moment."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import TransactionTestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from anxin.core.locking import StaleEdit
from anxin.core.refusals import Refused
from anxin.events import services
from anxin.events.attendance import services as attendance
from anxin.events.attendance.models import Attendance, Certificate, CertificateCounter
from anxin.events.models import Event, Invitation, Registration
from anxin.people.models import Employee, User
from anxin.people.services import orgunit_create
from tests.base import give_role, make_user
from tests.events.attendance_base import AttendanceTestCase, tick
from tests.events.base import IMMEDIATE_TASKS, EventsTestCase, make_event

# The words of the refusals, as the zh-Hant pages say them.
STALE_EVENT = "在您開啟頁面後，已有其他人變更此活動"
STALE_RECORD = "已有其他人儲存變更"
STALE_TICKS = "已有人報到或更改了本場次的出席紀錄"


def _local(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


@override_settings(TASKS=IMMEDIATE_TASKS)
class OrganiserRaceTests(EventsTestCase):
    """hr (Mr Lin) and a colleague (hr too, same agency) organise the same draft."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.colleague = make_user("colleague")
        give_role(cls.colleague, "hr", cls.agency)

    def setUp(self):
        self.event = make_event(self.hr, self.agency, title="舒壓工作坊")
        self.opened = self.event.version  # the version both pages show

    def colleague_edits(self, **changes) -> None:
        data = {f: getattr(self.event, f) for f in services.EDITABLE_FIELDS}
        services.event_update(
            event=Event.objects.get(pk=self.event.pk),
            data={**data, "private_roster": None, **changes},
            expected_version=self.opened,
        )

    def test_a_stale_edit_is_refused(self):
        """Both open the edit form; the colleague saves; Mr Lin's save is refused with
        the house's message and the colleague's title stays."""
        self.colleague_edits(title="同事的標題")
        self.login(self.hr)
        response = self.client.post(
            reverse("events:edit", args=[self.event.uuid]),
            {"kind": "workshop", "title": "我的標題", "capacity": 10, "learning_hours": "3",
             "audience_unit": self.agency.pk, "version": self.opened},
        )  # fmt: skip
        self.assertContains(response, STALE_RECORD)
        self.assertEqual(Event.objects.get(pk=self.event.pk).title, "同事的標題")

    def test_publishing_a_page_opened_before_an_audience_change_is_refused(self):
        """Mr Lin opened the event for everyone; the colleague narrowed it to staff over
        60; Mr Lin's publish, from his page, is refused: nobody is invited, still a draft."""
        self.colleague_edits(audience_age_min=60)
        self.login(self.hr)
        response = self.client.post(
            reverse("events:publish", args=[self.event.uuid]),
            {"version": self.opened, "confirm_empty": "on"},
            follow=True,
        )
        self.assertIn(STALE_EVENT, _messages(response))
        self.assertEqual(Event.objects.get(pk=self.event.pk).status, "draft")
        self.assertFalse(Invitation.objects.filter(event=self.event).exists())

    def test_publishing_twice_is_refused(self):
        """Both press publish from the same page: the second is refused, invitations are
        sent once."""
        self.login(self.colleague)
        url = reverse("events:publish", args=[self.event.uuid])
        form = {"version": self.opened, "confirm_empty": "on"}
        self.client.post(url, form)
        invited = Invitation.objects.filter(event=self.event).count()
        self.login(self.hr)
        response = self.client.post(url, form, follow=True)
        self.assertIn(STALE_EVENT, _messages(response))
        self.assertEqual(Invitation.objects.filter(event=self.event).count(), invited)
        self.assertEqual(Event.objects.get(pk=self.event.pk).version, self.opened + 1)

    def test_a_stale_cancellation_is_refused(self):
        """Mr Lin opened the cancel form; the colleague changed the event since: his
        cancellation (whose reason may speak of the old details) is refused."""
        self.colleague_edits(title="改期後的工作坊")
        self.login(self.hr)
        response = self.client.post(
            reverse("events:manage_cancel", args=[self.event.uuid]),
            {"reason": "講師請假", "version": self.opened},
        )
        self.assertContains(response, STALE_EVENT)
        self.assertEqual(Event.objects.get(pk=self.event.pk).status, "draft")

    def test_cancelling_twice_is_refused(self):
        """Both cancel from the same form: the second is told it is already cancelled and
        the first reason stays."""
        url = reverse("events:manage_cancel", args=[self.event.uuid])
        self.login(self.colleague)
        self.client.post(url, {"reason": "場地整修", "version": self.opened})
        self.login(self.hr)
        response = self.client.post(
            url, {"reason": "講師請假", "version": self.opened}, follow=True
        )
        self.assertIn("此活動已經取消", _messages(response))
        self.assertEqual(Event.objects.get(pk=self.event.pk).cancel_reason, "場地整修")
        with self.assertRaises(Refused) as raised:
            services.event_cancel(event=self.event, reason="講師請假")
        self.assertEqual(raised.exception.code, "already_cancelled")

    def test_a_stale_session_move_is_refused(self):
        """Both open the session's form; the colleague moves it a day; Mr Lin's move, from
        his form, is refused and the colleague's time stays."""
        session = self.event.sessions.get()
        url = reverse("events:session_edit", args=[self.event.uuid, session.pk])
        self.login(self.hr)
        version = self.client.get(url).context["form"].initial["version"]
        moved = session.starts_at + timedelta(days=1)
        services.session_update(
            session=session, starts_at=moved, ends_at=moved + timedelta(hours=3),
            place=session.place, expected_version=version,
        )  # fmt: skip
        later = session.starts_at + timedelta(days=2)
        response = self.client.post(
            url,
            {"starts_at": _local(later), "ends_at": _local(later + timedelta(hours=1)),
             "place": session.place, "version": version},
        )  # fmt: skip
        self.assertContains(response, STALE_EVENT)
        self.assertEqual(self.event.sessions.get().starts_at, moved)

    def test_a_stale_session_removal_is_refused(self):
        """Mr Lin opened the session's page; the colleague moved the session; Mr Lin's
        remove is refused and the session stays; removing one already gone is refused."""
        session = self.event.sessions.get()
        moved = session.starts_at + timedelta(days=1)
        services.session_update(
            session=session, starts_at=moved, ends_at=moved + timedelta(hours=3),
            place=session.place, expected_version=self.opened,
        )  # fmt: skip
        self.login(self.hr)
        response = self.client.post(
            reverse("events:session_remove", args=[self.event.uuid, session.pk]),
            {"version": self.opened},
            follow=True,
        )
        self.assertIn(STALE_EVENT, _messages(response))
        self.assertTrue(self.event.sessions.filter(pk=session.pk).exists())
        services.session_remove(session=session)
        with self.assertRaises(StaleEdit):
            services.session_remove(session=session)

    def test_an_edit_opened_before_a_cancellation_is_refused(self):
        """The colleague cancels while Mr Lin edits: the edit is refused, nothing
        reopened."""
        services.event_cancel(event=self.event, reason="場地整修")
        with self.assertRaises(StaleEdit):
            self.colleague_edits(title="我的標題")
        self.assertEqual(Event.objects.get(pk=self.event.pk).status, "cancelled")


@override_settings(TASKS=IMMEDIATE_TASKS)
class ParticipantRaceTests(EventsTestCase):
    def test_the_last_place_goes_to_one_person(self):
        """One place left, two people register: one gets it, the other the waiting list
        (the event row is locked while places are counted; the 300-person rush runs on
        PostgreSQL in test_rush.py)."""
        event = make_event(self.hr, self.agency, publish=True, capacity=1)
        colleague = Employee.objects.create(
            user=make_user("colleague"), authority=self.authority, unit=self.unit,
            number="E0009", name="張志明", staff_category="civil_servant", gender="M",
            birth_date=self.alice_employee.birth_date, hire_date=self.alice_employee.hire_date,
        )  # fmt: skip
        first = services.registration_create(event=event, employee=colleague, actor=None)
        second = services.registration_create(
            event=event, employee=self.alice_employee, actor=self.alice
        )
        self.assertEqual((first.status, second.status), ("registered", "waitlisted"))

    def test_cancelling_a_registration_twice_is_refused_with_a_message(self):
        """Alice cancels in two tabs: the second is told, not answered with an error."""
        event = make_event(self.hr, self.agency, publish=True)
        registration = services.registration_create(
            event=event, employee=self.alice_employee, actor=self.alice
        )
        stale = Registration.objects.get(pk=registration.pk)
        services.registration_cancel(registration=registration)
        with self.assertRaises(Refused) as raised:
            services.registration_cancel(registration=stale)
        self.assertEqual(raised.exception.code, "cancelled")
        self.login(self.alice)
        response = self.client.post(reverse("events:cancel", args=[event.uuid]), follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertIn("您沒有此活動的報名可以取消", _messages(response))


@override_settings(TASKS=IMMEDIATE_TASKS)
class AttendanceRaceTests(AttendanceTestCase):
    def test_two_people_ticking_the_same_row_the_second_is_refused(self):
        """The facilitator and the organiser both open the session's roster; the
        organiser ticks Alice absent; the facilitator's "present", from the page he
        still has, is refused and the organiser's tick stays."""
        self.login(self.facilitator)
        url = reverse("events:attendance_record", args=[self.event.uuid, self.session.pk])
        prefix = f"r{self.registration.pk}"
        tick(self.registration, self.session, "absent", actor=self.eap_admin)
        response = self.client.post(
            url, {f"{prefix}-status": "present", f"{prefix}-seen": ""}, follow=True
        )
        self.assertIn(STALE_TICKS, _messages(response))
        self.assertEqual(Attendance.objects.get(registration=self.registration).status, "absent")

    def test_a_check_in_after_the_page_opened_is_not_overwritten(self):
        """Alice checks in by QR after the facilitator opened the roster: his "absent"
        is refused."""
        attendance.check_in(session=self.session, employee=self.alice_employee, actor=self.alice)
        with self.assertRaises(StaleEdit):
            attendance.attendance_record(
                session=self.session,
                ticks=[attendance.Tick(self.registration, "absent", None, seen="")],
                actor=self.facilitator,
            )
        self.assertEqual(Attendance.objects.get(registration=self.registration).status, "present")

    def test_checking_in_twice_is_refused(self):
        """A double tap on "check in": the second is refused, one row."""
        attendance.check_in(session=self.session, employee=self.alice_employee, actor=self.alice)
        with self.assertRaises(Refused) as raised:
            attendance.check_in(
                session=self.session, employee=self.alice_employee, actor=self.alice
            )
        self.assertEqual(raised.exception.code, "already_checked_in")
        self.assertEqual(Attendance.objects.filter(registration=self.registration).count(), 1)

    def test_issuing_a_certificate_twice_gives_one_certificate_and_one_number(self):
        """The facilitator and Alice ask at once: one certificate, one number used."""
        tick(self.registration, self.session, "present", actor=self.facilitator)
        first = attendance.certificate_issue(registration=self.registration, actor=self.alice)
        second = attendance.certificate_issue(
            registration=self.registration, actor=self.facilitator
        )
        self.assertEqual(first.pk, second.pk)
        self.assertEqual(CertificateCounter.objects.get().last, 1)


@override_settings(TASKS=IMMEDIATE_TASKS)
class LotteryRaceTests(EventsTestCase):
    def test_drawing_twice_keeps_the_first_draw(self):
        """Two run-due jobs reach the same lottery: the second draws nothing and the
        positions stay."""
        closes = timezone.now() + timedelta(days=1)
        event = make_event(
            self.hr, self.agency, publish=True, allocation="lottery", registration_closes_at=closes
        )
        services.registration_create(event=event, employee=self.alice_employee, actor=self.alice)
        after = closes + timedelta(minutes=1)
        self.assertIsNotNone(services.lottery_draw(event=event, now=after, seed="a"))
        positions = list(Registration.objects.values_list("pk", "draw_position", "status"))
        self.assertIsNone(services.lottery_draw(event=event, now=after, seed="b"))
        self.assertEqual(
            list(Registration.objects.values_list("pk", "draw_position", "status")), positions
        )
        self.assertEqual(Event.objects.get(pk=event.pk).lottery_seed, "a")


# --- the same races in threads, on PostgreSQL --------------------------------------------


def _at_once(count: int, work) -> tuple[list, list[BaseException]]:
    """Run `work()` in `count` threads released together; their results and errors."""
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run():
        try:
            barrier.wait(timeout=30)
            results.append(work())
        except BaseException as error:  # collected and asserted by the caller
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@pytest.mark.postgres_only
@override_settings(TASKS=IMMEDIATE_TASKS)
class ThreadRaceTests(TransactionTestCase):
    """Eight people press the same button at the same moment."""

    def setUp(self):
        self.authority = orgunit_create(name="範例市政府", kind="authority")
        self.organiser = User.objects.create_user("organiser")
        give_role(self.organiser, "eap_admin", self.authority)
        self.user = User.objects.create_user("member")
        self.employee = Employee.objects.create(
            user=self.user, authority=self.authority, unit=self.authority, number="T0001",
            name="王小美", staff_category="civil_servant", gender="F",
            birth_date=timezone.localdate().replace(year=1980), hire_date=timezone.localdate(),
        )  # fmt: skip

    def test_one_publication_of_eight_at_once(self):
        event = make_event(self.organiser, self.authority)
        version = Event.objects.get(pk=event.pk).version
        results, errors = _at_once(
            8,
            lambda: services.event_publish(
                event=event, actor=self.organiser, confirm_empty=True, expected_version=version
            ),
        )
        self.assertEqual(len(results), 1)
        self.assertEqual(len(errors), 7)
        self.assertTrue(all(isinstance(error, StaleEdit) for error in errors), errors)
        self.assertEqual(Invitation.objects.filter(event=event).count(), 1)

    def test_one_lottery_draw_of_eight_at_once(self):
        closes = timezone.now() + timedelta(days=1)
        event = make_event(
            self.organiser, self.authority, publish=True, allocation="lottery",
            registration_closes_at=closes,
        )  # fmt: skip
        services.registration_create(event=event, employee=self.employee, actor=self.user)
        after = closes + timedelta(minutes=1)
        results, errors = _at_once(8, lambda: services.lottery_draw(event=event, now=after))
        self.assertEqual(errors, [])
        self.assertEqual(len([r for r in results if r is not None]), 1)

    def test_one_certificate_of_eight_at_once(self):
        start = timezone.now() - timedelta(minutes=5)
        event = make_event(
            self.organiser, self.authority, publish=True, facilitator=self.organiser,
            days_ahead=0,
        )  # fmt: skip
        session = event.sessions.get()
        session.starts_at, session.ends_at = start, start + timedelta(hours=3)
        session.save()
        registration = Registration.objects.create(
            event=event, employee=self.employee, status="registered"
        )
        tick(registration, session, "present", actor=self.organiser)
        results, errors = _at_once(
            8,
            lambda: attendance.certificate_issue(registration=registration, actor=self.organiser),
        )
        self.assertEqual(errors, [])
        self.assertEqual({certificate.pk for certificate in results}, {results[0].pk})
        self.assertEqual(Certificate.objects.count(), 1)
        self.assertEqual(CertificateCounter.objects.get().last, 1)

    def test_one_attendance_save_of_eight_from_the_same_page(self):
        event = make_event(self.organiser, self.authority, publish=True)
        session = event.sessions.get()
        registration = Registration.objects.create(
            event=event, employee=self.employee, status="registered"
        )

        minutes = iter(range(10, 90, 10))  # each person ticks "late" with other minutes

        def save():
            return attendance.attendance_record(
                session=session,
                ticks=[attendance.Tick(registration, "late", next(minutes), seen="")],
                actor=self.organiser,
            )

        results, errors = _at_once(8, save)
        self.assertEqual(results, [1])
        self.assertEqual(len(errors), 7)
        self.assertTrue(all(isinstance(error, StaleEdit) for error in errors), errors)
        self.assertEqual(Attendance.objects.filter(registration=registration).count(), 1)
