"""The outcome measure's canary: the employee's WHO-5 answers at the start and the close
(scores 28 and 76, a change of +48, numbers chosen to stand out) show up on the case's
counsellor's page only: on no page another role can reach (the admin site, the dashboard
and the dossier's exports included), in no log line, no notification and no e-mail."""

import io
import logging
import re
from datetime import date

from django.core import mail
from odf import opendocument, teletype

import tests.counseling.test_canary as canary
from anxin.assessments.services import instruments_load
from anxin.core.models import Notification
from anxin.counseling import services
from anxin.counseling.outcomes.models import OutcomeMeasure, OutcomeTally

ITEMS = ("cheerful", "calm", "active", "rested", "interest")
START, CLOSE = (1, 1, 1, 1, 3), (4, 4, 4, 3, 4)  # 28 and 76
# As the counsellor's page shows the pair (bare numbers occur in charts' coordinates and
# in calendars).
MARKERS = ("<td>28</td><td>76</td>", "+48")
# In a log line, a notice or an e-mail: the scores as numbers of their own.
LOOSE = re.compile(r"(?<![\d.])(28|76)\.0(?!\d)|\+48")


class OutcomeCanaryTestCase(canary.CanaryTestCase):
    # The session-record canary runs in its own module.
    test_no_other_role_ever_sees_a_marker = None

    @classmethod
    def setUpTestData(cls):
        instruments_load()
        super().setUpTestData()

    def answer(self, item, values, **extra):
        data = {key: str(value) for key, value in zip(ITEMS, values, strict=True)}
        self.client.post(f"/counselling/well-being/{item.uuid}/", {**data, **extra})

    def test_no_other_role_ever_sees_the_outcome_answers(self):
        capture = canary._Capture()
        root = logging.getLogger()
        previous = root.level
        root.addHandler(capture)
        root.setLevel(logging.DEBUG)
        try:
            case = self.make_case()
            item = OutcomeMeasure.objects.get(case=case)
            self.login(self.alice)
            self.answer(item, START, consent="on")
            case.refresh_from_db()
            services.case_close(
                case=case, outcome="resolved", closed_on=date.today(),
                expected_version=case.version,
            )  # fmt: skip
            self.answer(item, CLOSE)
            item.refresh_from_db()
            self.assertEqual(item.status, OutcomeMeasure.Status.COMPLETE)
            self.assertEqual(OutcomeTally.objects.get().pairs, 1)
            self.login(self.counselor)
            page = self.body(self.client.get(case.get_absolute_url()))
            for marker in MARKERS:
                self.assertIn(marker, page)
            paths = [
                path.format(**self.placeholders)
                for _name, method, path, _answers in canary.matrix.MATRIX
                if method == "GET"
            ] + [case.get_absolute_url(), f"/counselling/well-being/{item.uuid}/"]
            checked = 0
            for role in (
                "hr", "eap_admin", "supervisor", "care_worker", "committee", "auditor",
                "sysadmin", "provider_admin", "intake",
            ):  # fmt: skip
                self.login(self.people[role])
                extra = self.admin_paths() if role == "sysadmin" else []
                for path in paths + extra:
                    text = self.body(self.client.get(path))
                    for marker in MARKERS:
                        self.assertNotIn(marker, text, f"{path} as {role}")
                    checked += 1
            for user in (self.counselor2, self.outsider):
                self.login(user)
                for path in paths:
                    text = self.body(self.client.get(path))
                    for marker in MARKERS:
                        self.assertNotIn(marker, text, f"{path} as {user}")
            # The dossier's spreadsheet and text, read back: one pair is below k.
            self.login(self.eap_admin)
            year = date.today().year
            for fmt in ("ods", "odt"):
                response = self.client.get(f"/reports/dossier/{year}.{fmt}")
                self.assertEqual(response.status_code, 200)
                document = opendocument.load(io.BytesIO(response.content))
                text = teletype.extractText(document.body)
                self.assertIn("諮商前後幸福感變化", text)
                self.assertNotIn("+48", text)
        finally:
            root.removeHandler(capture)
            root.setLevel(previous)
        self.assertGreater(checked, 200)
        for line in capture.lines:
            self.assertNotIn('"cheerful"', line)
            self.assertNotIn("cheerful=", line)
            self.assertIsNone(LOOSE.search(line), line)
        for note in Notification.objects.all():
            self.assertIsNone(LOOSE.search(note.subject + note.body))
        for message in mail.outbox:
            self.assertIsNone(LOOSE.search(message.subject + message.body))
