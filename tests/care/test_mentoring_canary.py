"""The canary of mentoring notes and interview answers: a random marker written into a
talk's note shows up only for the pair, one written into an interview's answers only in
the counselling room; on no other page any role can reach (the admin site too), in no
log line, notification or e-mail."""

import logging
import uuid

from django.core import mail

import tests.counseling.test_canary as canary
from anxin.care.interviews.models import Interview
from anxin.care.mentoring.models import MentoringPair
from anxin.core.models import Notification
from anxin.people.models import User


class MentoringCanaryTestCase(canary.CanaryTestCase):
    # The session-record canary runs in its own module.
    test_no_other_role_ever_sees_a_marker = None

    def write(self, note_marker: str, answer_marker: str) -> list[str]:
        pair = MentoringPair.objects.get(uuid=self.placeholders["mentoring_pair"])
        talk = pair.talks.first()
        talk_url = f"/care/mentoring/{pair.uuid}/talks/{talk.uuid}/"
        self.login(self.alice)
        self.client.post(
            talk_url,
            {"held_on": pair.starts_on.isoformat(), "topic": "stress",
             "note": f"壓力 {note_marker}", "version": talk.version},
        )  # fmt: skip
        self.login(User.objects.get(username="matrix-mentor"))
        self.assertContains(self.client.get(talk_url), note_marker)
        interview = Interview.objects.get(uuid=self.placeholders["interview"])
        interview_url = f"/care/interviews/{interview.uuid}/"
        self.login(self.intake)
        self.client.post(
            interview_url,
            {"stress": f"業務量大 {answer_marker}", "adaptation": "", "concerns": "",
             "version": interview.version},
        )  # fmt: skip
        self.login(self.counselor)
        self.assertContains(self.client.get(interview_url), answer_marker)
        return [talk_url, f"/care/mentoring/{pair.uuid}/", interview_url]

    def test_no_one_outside_the_pair_or_the_room_sees_a_marker(self):
        note_marker = f"CANARY-{uuid.uuid4().hex}"
        answer_marker = f"CANARY-{uuid.uuid4().hex}"
        capture = canary._Capture()
        root = logging.getLogger()
        previous = root.level
        root.addHandler(capture)
        root.setLevel(logging.DEBUG)
        try:
            extra = self.write(note_marker, answer_marker)
            paths = [
                path.format(**self.placeholders)
                for _name, method, path, _answers in canary.matrix.MATRIX
                if method == "GET"
            ] + extra
            both = (note_marker, answer_marker)
            visitors = [
                *(self.people[role] for role in (
                    "hr", "eap_admin", "supervisor", "care_worker", "committee", "auditor",
                    "sysadmin", "provider_admin",
                )),
                self.outsider, self.counselor2,
            ]  # fmt: skip
            checked = 0
            for user in visitors:
                self.login(user)
                more = self.admin_paths() if user.is_superuser else []
                # counselor2 is of the counselling room: the answers are his to read.
                markers = (note_marker,) if user == self.counselor2 else both
                for path in paths + more:
                    body = self.body(self.client.get(path))
                    for marker in markers:
                        self.assertNotIn(marker, body, f"{path} as {user}")
                    checked += 1
            for user, marker in ((self.intake, note_marker), (self.alice, answer_marker)):
                self.login(user)
                for path in paths:
                    self.assertNotIn(marker, self.body(self.client.get(path)), f"{path} as {user}")
        finally:
            root.removeHandler(capture)
            root.setLevel(previous)
        self.assertGreater(checked, 200)
        for line in capture.lines:
            for marker in both:
                self.assertNotIn(marker, line)
        for note in Notification.objects.all():
            for marker in both:
                self.assertNotIn(marker, note.subject + note.body)
        for message in mail.outbox:
            for marker in both:
                self.assertNotIn(marker, message.subject + message.body)
