"""The employee's list keeps the events taken part in, with completion and the way to the
certificate, so that a certificate stays within reach after the event."""

from datetime import timedelta

from django.urls import reverse

from anxin.events.attendance import services as attendance
from tests.events.attendance_base import AttendanceTestCase, event_with_sessions, register, tick


class PastEventsTests(AttendanceTestCase):
    def test_a_completed_event_lists_its_certificate_and_an_unfinished_one_does_not(self):
        past = self.now - timedelta(days=20)
        done = event_with_sessions(
            self.eap_admin, self.authority, [past], facilitator=self.facilitator,
            title="情緒管理講座",
        )  # fmt: skip
        missed = event_with_sessions(
            self.eap_admin, self.authority, [past - timedelta(days=3)],
            facilitator=self.facilitator, title="理財規劃講座",
        )  # fmt: skip
        mine = register(done, self.alice_employee, self.alice)
        register(missed, self.alice_employee, self.alice)
        tick(mine, done.sessions.get(), "present", actor=self.facilitator)
        certificate = attendance.certificate_issue(registration=mine, actor=self.facilitator)
        self.login(self.alice)
        response = self.client.get(reverse("events:mine"))
        taken = list(response.context["taken"])
        self.assertEqual([r.event.title for r in taken], ["情緒管理講座", "理財規劃講座"])
        self.assertContains(response, reverse("events:certificate_pdf", args=[certificate.uuid]))
        self.assertContains(response, "情緒管理講座")
        # Someone else does not see Alice's past events.
        self.login(self.outsider)
        response = self.client.get(reverse("events:mine"))
        self.assertNotContains(response, "情緒管理講座")
