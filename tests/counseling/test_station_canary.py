"""The station's canary: a random marker written into a station message and its reply
shows up on no page another role can reach (the admin site too), in no log line, no
notification and no e-mail."""

import logging
import uuid

from django.core import mail

import tests.counseling.test_canary as canary
from anxin.core.models import Notification
from anxin.counseling.station.models import StationThread


class StationCanaryTestCase(canary.CanaryTestCase):
    # The session-record canary runs in its own module.
    test_no_other_role_ever_sees_a_marker = None

    def test_no_other_role_ever_sees_a_station_message(self):
        marker = f"CANARY-{uuid.uuid4().hex}"
        capture = canary._Capture()
        root = logging.getLogger()
        previous = root.level
        root.addHandler(capture)
        root.setLevel(logging.DEBUG)
        try:
            self.login(self.alice)
            self.client.post("/counselling/station/write/", {"body": f"我想死 {marker}"})
            thread = StationThread.objects.filter(employee=self.alice_employee).latest("pk")
            self.assertTrue(thread.risk_flag)
            self.login(self.intake)
            assign = f"/counselling/station/inbox/{thread.uuid}/"
            self.assertNotContains(self.client.get(assign), marker)
            self.client.post(assign, {"counselor": self.counselor.pk, "version": thread.version})
            self.login(self.counselor)
            self.client.post(
                thread.get_absolute_url(), {"body": f"回覆 {marker}", "version": thread.version + 1}
            )
            self.assertContains(self.client.get(thread.get_absolute_url()), marker)
            paths = [
                path.format(**self.placeholders)
                for _name, method, path, _answers in canary.matrix.MATRIX
                if method == "GET"
            ] + [
                thread.get_absolute_url(),
                assign,
                f"/counselling/station/mine/{thread.uuid}/",
            ]
            checked = 0
            for role in (
                "hr", "eap_admin", "supervisor", "care_worker", "committee", "auditor",
                "sysadmin", "provider_admin", "intake",
            ):  # fmt: skip
                user = self.people[role]
                self.login(user)
                extra = self.admin_paths() if role == "sysadmin" else []
                for path in paths + extra:
                    self.assertNotIn(marker, self.body(self.client.get(path)), f"{path} as {role}")
                    checked += 1
            for user in (self.counselor2, self.outsider):
                self.login(user)
                for path in paths:
                    self.assertNotIn(marker, self.body(self.client.get(path)), f"{path} as {user}")
        finally:
            root.removeHandler(capture)
            root.setLevel(previous)
        self.assertGreater(checked, 200)
        for line in capture.lines:
            self.assertNotIn(marker, line)
        for note in Notification.objects.all():
            self.assertNotIn(marker, note.subject + note.body)
        for message in mail.outbox:
            self.assertNotIn(marker, message.subject + message.body)
