"""An event with a private roster keeps no list of whom its audience rule matched
(decision 0025): the count is kept on the event, and each person's eligibility is decided
afresh by the rule; an event made private later loses its list."""

from django.urls import reverse

from anxin.events import services
from anxin.events.models import Invitation
from anxin.people.services import declaration_save
from tests.base import make_employee, make_user
from tests.events.base import EventsTestCase, make_event


class PrivateInvitationTests(EventsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.carers = []
        for n in range(3):
            user = make_user(f"carer{n}")
            employee = make_employee(user, unit=cls.unit, number=f"C{n:04}", name=f"照顧者{n}")
            declaration_save(
                employee=employee, attributes=["carer"], expected_version=None, actor=user
            )
            cls.carers.append(employee)

    def test_a_private_roster_keeps_the_count_and_no_list(self):
        event = make_event(self.eap_admin, self.authority, audience_declared=["carer"])
        self.assertTrue(event.is_sensitive)
        invited = services.event_publish(event=event, actor=self.eap_admin)
        event.refresh_from_db()
        self.assertEqual(invited, 3)
        self.assertEqual(event.invited_total, 3)
        self.assertFalse(Invitation.objects.filter(event=event).exists())

    def test_the_rule_still_decides_who_may_register(self):
        event = make_event(
            self.eap_admin, self.authority, audience_declared=["carer"], publish=True
        )
        carer = self.carers[0]
        self.assertTrue(services.employee_eligible(event, carer, actor=carer.user))
        self.assertFalse(services.employee_eligible(event, self.alice_employee, actor=self.alice))
        self.login(carer.user)
        page = self.client.get(reverse("events:detail", args=[event.uuid]))
        self.assertEqual(page.status_code, 200)

    def test_an_open_roster_keeps_its_invitations(self):
        event = make_event(self.eap_admin, self.authority, publish=True)
        self.assertFalse(event.is_sensitive)
        event.refresh_from_db()
        self.assertGreater(event.invited_total, 0)
        self.assertEqual(Invitation.objects.filter(event=event).count(), event.invited_total)

    def test_an_event_made_private_later_loses_its_list(self):
        event = make_event(self.eap_admin, self.authority, publish=True)
        event.refresh_from_db()
        self.assertTrue(Invitation.objects.filter(event=event).exists())
        data = {name: getattr(event, name) for name in services.EDITABLE_FIELDS}
        data["private_roster"] = True
        services.event_update(event=event, data=data, expected_version=event.version)
        event.refresh_from_db()
        self.assertTrue(event.is_sensitive)
        self.assertFalse(Invitation.objects.filter(event=event).exists())
        self.assertGreater(event.invited_total, 0)
