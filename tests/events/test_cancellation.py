"""Cancelling an event: a reason, everyone told without sensitive details, registration
refused, the event marked cancelled."""

from django.test import override_settings
from django.urls import reverse

from anxin.core.models import Notification
from anxin.core.refusals import Refused
from anxin.events import services
from anxin.events.models import Event, Registration
from anxin.people.services import declaration_save
from tests.base import make_employee, make_user
from tests.events.base import IMMEDIATE_TASKS, EventsTestCase, make_event


@override_settings(TASKS=IMMEDIATE_TASKS)
class CancellationTests(EventsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.bob = make_employee(make_user("bob"), unit=cls.unit, number="B001", name="林小明")

    def test_the_organiser_cancels_with_a_reason_and_everyone_is_told(self):
        event = make_event(
            self.eap_admin, self.authority, publish=True, capacity=1, title="紓壓講座"
        )
        services.registration_create(event=event, employee=self.alice_employee, actor=self.alice)
        services.registration_create(event=event, employee=self.bob, actor=self.bob.user)
        Notification.objects.all().delete()
        self.login(self.eap_admin)
        response = self.client.post(
            reverse("events:manage_cancel", args=[event.uuid]), {"reason": "講師臨時生病"}
        )
        self.assertRedirects(response, reverse("events:manage_detail", args=[event.uuid]))
        event.refresh_from_db()
        self.assertEqual((event.status, event.cancel_reason), ("cancelled", "講師臨時生病"))
        self.assertFalse(Registration.objects.exclude(status="cancelled").exists())
        for user in (self.alice, self.bob.user):
            notice = Notification.objects.get(recipient=user)
            self.assertIn("紓壓講座", notice.subject)
            self.assertIn("講師臨時生病", notice.body)

    def test_a_sensitive_event_is_cancelled_without_title_or_reason_in_the_notice(self):
        declaration_save(
            employee=self.alice_employee, attributes=["carer"], expected_version=None,
            actor=self.alice,
        )  # fmt: skip
        event = make_event(
            self.eap_admin, self.authority, publish=True, title="照顧者團體",
            audience_declared=["carer"],
        )  # fmt: skip
        services.registration_create(event=event, employee=self.alice_employee, actor=self.alice)
        Notification.objects.all().delete()
        services.event_cancel(event=event, reason="照顧者團體改期")
        notice = Notification.objects.get(recipient=self.alice)
        self.assertNotIn("照顧者", notice.subject + notice.body)
        # The reason is on the event page, behind sign-in.
        self.login(self.alice)
        page = self.client.get(reverse("events:detail", args=[event.uuid]))
        self.assertContains(page, "照顧者團體改期")

    def test_registration_is_refused_and_the_list_marks_it_cancelled(self):
        event = make_event(self.eap_admin, self.authority, publish=True)
        services.registration_create(event=event, employee=self.alice_employee, actor=self.alice)
        services.event_cancel(event=event, reason="場地維修")
        with self.assertRaises(Refused) as raised:
            services.registration_create(event=event, employee=self.bob, actor=self.bob.user)
        self.assertEqual(raised.exception.code, "event_cancelled")
        self.login(self.alice)
        rows = self.client.get(reverse("events:mine")).context["rows"]
        self.assertEqual([(r["event"], r["event"].status) for r in rows], [(event, "cancelled")])
        # Bob never registered: the event is gone from his list and its page.
        self.login(self.bob.user)
        self.assertEqual(self.client.get(reverse("events:mine")).context["rows"], [])
        self.assertEqual(
            self.client.get(reverse("events:detail", args=[event.uuid])).status_code, 404
        )

    def test_a_reason_is_required_and_cancelling_twice_is_refused(self):
        event = make_event(self.eap_admin, self.authority, publish=True)
        self.login(self.eap_admin)
        response = self.client.post(
            reverse("events:manage_cancel", args=[event.uuid]), {"reason": "  "}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["form"].errors.as_data()["reason"][0].code, "required")
        self.assertEqual(Event.objects.get(pk=event.pk).status, "published")
        services.event_cancel(event=event, reason="停辦")
        with self.assertRaises(Refused) as raised:
            services.event_cancel(event=event, reason="再次")
        self.assertEqual(raised.exception.code, "already_cancelled")

    def test_hr_cannot_cancel_an_authority_event(self):
        event = make_event(self.eap_admin, self.authority, publish=True)
        self.login(self.hr)
        response = self.client.post(
            reverse("events:manage_cancel", args=[event.uuid]), {"reason": "x"}
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(Event.objects.get(pk=event.pk).status, "published")
