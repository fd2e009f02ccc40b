"""Registration: places, the waiting list, promotion, prerequisites and refusals."""

from datetime import timedelta

from django.test import override_settings
from django.utils import timezone

from anxin.core.locking import StaleEdit
from anxin.core.models import Notification
from anxin.core.refusals import Refused
from anxin.events import services
from anxin.events.models import Event, Registration
from tests.base import make_employee, make_user
from tests.events.base import IMMEDIATE_TASKS, EventsTestCase, event_data, make_event


@override_settings(TASKS=IMMEDIATE_TASKS)
class RegistrationTests(EventsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.staff = []
        for n in range(3):
            user = make_user(f"staff{n}")
            cls.staff.append(make_employee(user, unit=cls.unit, number=f"S{n:03}", name=f"同仁{n}"))

    def register(self, event, employee):
        return services.registration_create(event=event, employee=employee, actor=employee.user)

    def assertRefused(self, code, call, *args, **kwargs):
        with self.assertRaises(Refused) as raised:
            call(*args, **kwargs)
        self.assertEqual(raised.exception.code, code)

    def test_it_fills_places_then_the_waiting_list_in_order(self):
        """First come, first served: two places, then the waiting list."""
        event = make_event(self.eap_admin, self.authority, publish=True, capacity=2)
        statuses = [self.register(event, e).status for e in [self.alice_employee, *self.staff]]
        self.assertEqual(statuses, ["registered", "registered", "waitlisted", "waitlisted"])

    def test_it_promotes_the_first_on_the_waiting_list_and_tells_him(self):
        """Cancelling a place moves the first waiting person up and notifies only him."""
        event = make_event(self.eap_admin, self.authority, publish=True, capacity=1)
        first = self.register(event, self.alice_employee)
        waiting = [self.register(event, e) for e in self.staff[:2]]
        Notification.objects.all().delete()  # the invitations
        services.registration_cancel(registration=first)
        waiting[0].refresh_from_db()
        waiting[1].refresh_from_db()
        self.assertEqual(waiting[0].status, Registration.Status.REGISTERED)
        self.assertIsNotNone(waiting[0].promoted_at)
        self.assertEqual(waiting[1].status, Registration.Status.WAITLISTED)
        promoted = Notification.objects.filter(recipient=self.staff[0].user)
        self.assertEqual(promoted.count(), 1)
        self.assertIn(str(event.uuid), promoted.get().url)
        self.assertFalse(Notification.objects.filter(recipient=self.staff[1].user).exists())

    def test_it_does_not_promote_when_a_waiting_place_is_cancelled(self):
        """Leaving the waiting list frees no place."""
        event = make_event(self.eap_admin, self.authority, publish=True, capacity=1)
        self.register(event, self.alice_employee)
        waiting = [self.register(event, e) for e in self.staff[:2]]
        services.registration_cancel(registration=waiting[0])
        waiting[1].refresh_from_db()
        self.assertEqual(waiting[1].status, Registration.Status.WAITLISTED)

    def test_it_promotes_when_the_capacity_grows(self):
        """A larger capacity on a published event moves waiting people up."""
        event = make_event(self.eap_admin, self.authority, publish=True, capacity=1)
        self.register(event, self.alice_employee)
        waiting = self.register(event, self.staff[0])
        services.event_update(
            event=event,
            data=event_data(self.authority, capacity=2),
            expected_version=event.version,
        )
        waiting.refresh_from_db()
        self.assertEqual(waiting.status, Registration.Status.REGISTERED)

    def test_it_requires_the_prerequisite_completed(self):
        """The advanced class admits only those who completed the beginner class."""
        beginner = make_event(self.eap_admin, self.authority, publish=True, kind="training")
        advanced = make_event(
            self.eap_admin, self.authority, publish=True, kind="training", prerequisite=beginner
        )
        self.assertRefused("prerequisite_missing", self.register, advanced, self.alice_employee)
        done = self.register(beginner, self.alice_employee)
        self.assertRefused("prerequisite_missing", self.register, advanced, self.alice_employee)
        services.registration_complete(registration=done)
        self.assertEqual(self.register(advanced, self.alice_employee).status, "registered")

    def test_it_refuses_registering_twice(self):
        """A second registration by the same person is refused, waiting or not."""
        event = make_event(self.eap_admin, self.authority, publish=True)
        self.register(event, self.alice_employee)
        self.assertRefused("already_registered", self.register, event, self.alice_employee)
        self.assertEqual(Registration.objects.count(), 1)

    def test_it_allows_registering_again_after_cancelling(self):
        """A cancelled registration does not block a new one."""
        event = make_event(self.eap_admin, self.authority, publish=True)
        services.registration_cancel(registration=self.register(event, self.alice_employee))
        self.assertEqual(self.register(event, self.alice_employee).status, "registered")

    def test_it_refuses_registration_after_closing(self):
        """After the closing time (or the first session's start) registration is refused."""
        event = make_event(
            self.eap_admin,
            self.authority,
            publish=True,
            registration_closes_at=timezone.now() - timedelta(minutes=1),
        )
        self.assertRefused("closed", self.register, event, self.alice_employee)
        started = make_event(self.eap_admin, self.authority, publish=True, days_ahead=0)
        later = services.first_start(started) + timedelta(minutes=5)
        with self.assertRaises(Refused) as raised:
            services.registration_create(
                event=started, employee=self.alice_employee, actor=self.alice, now=later
            )
        self.assertEqual(raised.exception.code, "closed")
        self.assertFalse(Registration.objects.exists())

    def test_it_refuses_a_draft(self):
        """A draft is not open for registration."""
        event = make_event(self.eap_admin, self.authority)
        self.assertRefused("not_open", self.register, event, self.alice_employee)

    def test_it_refuses_the_ineligible(self):
        """Someone outside the audience cannot register."""
        event = make_event(self.eap_admin, self.authority, audience_unit=self.agency, publish=True)
        self.assertRefused("not_eligible", self.register, event, self.outsider_employee)

    def test_it_refuses_a_capacity_below_the_registrations(self):
        """Capacity cannot go below the people registered; nothing is saved."""
        event = make_event(self.eap_admin, self.authority, publish=True, capacity=3)
        for employee in self.staff:
            self.register(event, employee)
        self.assertRefused(
            "capacity_below_registrations",
            services.event_update,
            event=event,
            data=event_data(self.authority, capacity=2, title="changed"),
            expected_version=event.version,
        )
        event.refresh_from_db()
        self.assertEqual((event.capacity, event.title), (3, "舒壓工作坊"))

    def test_it_refuses_a_stale_edit(self):
        """The second of two edits from the same version is refused."""
        event = make_event(self.eap_admin, self.authority)
        version = event.version
        services.event_update(event=event, data=event_data(self.authority, title="A"),
                              expected_version=version)  # fmt: skip
        with self.assertRaises(StaleEdit):
            services.event_update(event=event, data=event_data(self.authority, title="B"),
                                  expected_version=version)  # fmt: skip
        self.assertEqual(Event.objects.get(pk=event.pk).title, "A")

    def test_it_refuses_a_session_that_ends_before_it_starts(self):
        """A session ending at or before its start is refused and not stored."""
        event = make_event(self.eap_admin, self.authority)
        start = services.first_start(event)
        self.assertRefused(
            "session_ends_before_start",
            services.session_add,
            event=event,
            starts_at=start,
            ends_at=start - timedelta(hours=1),
        )
        self.assertEqual(event.sessions.count(), 1)

    def test_it_refuses_to_publish_an_audience_matching_nobody_unless_confirmed(self):
        """An empty audience is refused until the organiser confirms."""
        event = make_event(self.eap_admin, self.authority, audience_age_min=99)
        self.assertRefused(
            "audience_empty", services.event_publish, event=event, actor=self.eap_admin
        )
        event.refresh_from_db()
        self.assertEqual(event.status, Event.Status.DRAFT)
        self.assertEqual(
            services.event_publish(event=event, actor=self.eap_admin, confirm_empty=True), 0
        )
