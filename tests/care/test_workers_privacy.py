"""A care worker never sees a colleague's counselling, self-test or outreach data (issue 14,
"Bad input and privacy"): being a care worker of a unit opens nothing of its people.

Alice (第一科) asks for counselling with a marker in her request, takes a self-test, and
gets an inbox message with a marker (outreach reaches the person by the inbox); Bob, the
care worker covering 第一科, walks every page of the care-worker app and Alice's own
pages, as a care worker and as an employee: no marker, and Alice's things answer 404 or
403."""

import uuid
from datetime import timedelta

from django.utils import timezone

from anxin.assessments.models import Instrument
from anxin.assessments.services import instruments_load, self_test_submit
from anxin.care.workers import meetings, services
from anxin.core.models import Notification
from anxin.people.roles import SESSION_KEY, Role
from anxin.people.services import orgunit_create
from tests.assessments.base import bsrs5
from tests.base import give_role, make_employee, make_user
from tests.care import matrix_workers
from tests.counseling.base import CounselingTestCase


class CareWorkerPrivacyTestCase(CounselingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.unit2 = orgunit_create(name="第二科", kind="unit", parent=cls.agency)
        cls.bob = make_user("bob")
        cls.bob_employee = make_employee(cls.bob, unit=cls.unit2, number="E0003", name="林志明")
        give_role(cls.bob, Role.CARE_WORKER, cls.agency)
        term = services.careworker_nominate(
            actor=cls.hr, employee=cls.bob_employee, units=[cls.agency], specialties=[]
        )
        services.careworker_consent(care_worker=term, agree=True, listed=True)
        cls.marker = f"CANARY-{uuid.uuid4().hex}"
        cls.request = cls.make_request(details=f"details {cls.marker}")
        cls.case = cls.make_case(cls.request)
        instruments_load()
        cls.result, _ = self_test_submit(
            employee=cls.alice_employee,
            instrument=Instrument.objects.get(key="bsrs5"),
            answers=bsrs5((3, 3, 3, 3, 3)),
            actor=cls.alice,
        )
        cls.note = Notification.objects.create(
            recipient=cls.alice, subject=f"outreach {cls.marker}", url="/"
        )
        meeting = meetings.meeting_schedule(
            actor=cls.hr,
            unit=cls.agency,
            starts_at=timezone.now() + timedelta(days=3),
            place="三樓會議室",
            agenda="",
        )
        cls.placeholders = {
            "care_worker": term.pk,
            "care_worker_other": term.pk,
            "meeting": meeting.pk,
            "meeting_other": meeting.pk,
        }

    def paths(self) -> list[str]:
        paths = [
            path.format(**self.placeholders)
            for _name, method, path, _reach in matrix_workers.ROWS
            if method == "GET"
        ]
        return [
            *paths,
            "/",
            "/inbox/",
            f"/inbox/{self.note.pk}/",
            self.request.get_absolute_url(),
            self.case.get_absolute_url(),
            f"/self-tests/results/{self.result.uuid}/",
            "/self-tests/bsrs5/history/",
            "/self-tests/statistics/",
        ]

    def walk(self) -> dict[str, int]:
        answers = {}
        for path in self.paths():
            response = self.client.get(path)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            self.assertNotIn(self.marker, body.decode(errors="replace"), path)
            if self.case.code not in path:  # the language switch repeats the path
                self.assertNotIn(self.case.code, body.decode(errors="replace"), path)
            answers[path] = response.status_code
        return answers

    def test_the_care_worker_role_sees_nothing_of_alice(self):
        self.login(self.bob)
        answers = self.walk()
        for path in (
            self.request.get_absolute_url(),
            self.case.get_absolute_url(),
            f"/self-tests/results/{self.result.uuid}/",
            "/self-tests/statistics/",
        ):
            self.assertIn(answers[path], (403, 404), path)

    def test_the_care_worker_as_an_employee_sees_nothing_of_alice(self):
        self.login(self.bob)
        session = self.client.session
        session[SESSION_KEY] = Role.EMPLOYEE.value
        session.save()
        answers = self.walk()
        self.assertEqual(answers[f"/self-tests/results/{self.result.uuid}/"], 404)
        self.assertIn(answers[self.case.get_absolute_url()], (403, 404))
        # His own history is his: Alice's result is not in it (the walk found no marker,
        # and her result's page is 404).
        self.assertEqual(answers["/care/workers/map/"], 200)
