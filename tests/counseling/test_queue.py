"""The intake queue, a request's page and the assignment that opens a case."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from anxin.core.models import AccessLog, Notification
from anxin.counseling.models import Case, CounsellingRequest
from anxin.people.services import orgunit_create
from tests.base import give_role, make_employee, make_user
from tests.counseling.base import CounselingTestCase

QUEUE = "/counselling/queue/"


class QueueTestCase(CounselingTestCase):
    def test_it_lists_waiting_requests_urgent_first_then_oldest(self):
        old = self.make_request(urgency="routine")
        urgent = self.make_request(urgency="urgent")
        soon = self.make_request(urgency="soon")
        self.make_case(self.make_request(urgency="urgent"))  # assigned: not in the queue
        self.login(self.intake)
        response = self.client.get(QUEUE)
        self.assertEqual(list(response.context["items"]), [urgent, soon, old])

    def test_it_shows_metadata_only(self):
        """No sealed text and no read of it on the list."""
        self.make_request(details="MARKER-queue-d41", preferred_times="MARKER-queue-t9")
        self.login(self.intake)
        response = self.client.get(QUEUE)
        self.assertNotContains(response, "MARKER-queue")
        self.assertNotContains(response, "王小美")
        self.assertContains(response, "情緒")
        self.assertFalse(AccessLog.objects.exists())

    def test_it_runs_a_fixed_number_of_queries(self):
        def count() -> int:
            self.client.get(QUEUE)
            with CaptureQueriesContext(connection) as context:
                response = self.client.get(QUEUE)
            self.assertEqual(response.status_code, 200)
            return len(context)

        self.login(self.intake)
        for _ in range(10):
            self.make_request()
        small = count()
        for _ in range(90):
            self.make_request()
        self.assertEqual(count(), small)

    def test_it_answers_405_and_refuses_other_roles(self):
        self.login(self.intake)
        self.assertEqual(self.client.post(QUEUE).status_code, 405)
        for user in (self.alice, self.hr, self.supervisor, self.auditor, self.sysadmin,
                     self.counselor, self.eap_admin):  # fmt: skip
            self.login(user)
            self.assertEqual(self.client.get(QUEUE).status_code, 403, user)

    def test_it_keeps_to_the_coordinators_scope(self):
        """A coordinator scoped to another agency neither sees nor opens the request."""
        item = self.make_request()
        other = make_user("intake-edu")
        give_role(other, "intake", self.other_agency)
        self.login(other)
        self.assertEqual(list(self.client.get(QUEUE).context["items"]), [])
        self.assertEqual(self.client.get(item.get_absolute_url()).status_code, 404)


class RequestDetailTestCase(CounselingTestCase):
    def test_it_shows_the_text_and_logs_a_triage_read(self):
        item = self.make_request(details="需要談談", preferred_times="週三晚上")
        self.login(self.intake)
        response = self.client.get(item.get_absolute_url())
        self.assertContains(response, "需要談談")
        self.assertContains(response, "週三晚上")
        self.assertContains(response, "0912-345-678")
        reads = AccessLog.objects.filter(record_uuid=item.uuid)
        self.assertEqual(reads.count(), 3)
        self.assertEqual({row.purpose for row in reads}, {"triage"})
        self.assertEqual({row.subject_uuid for row in reads}, {self.alice_employee.uuid})
        self.assertEqual({row.actor for row in reads}, {self.intake})

    def test_it_offers_only_the_authoritys_counsellors(self):
        elsewhere = orgunit_create(name="他市政府", kind="authority", code="999")
        stranger = make_user("stranger-counselor")
        give_role(stranger, "counselor", elsewhere)
        item = self.make_request()
        self.login(self.intake)
        response = self.client.get(item.get_absolute_url())
        offered = set(response.context["form"].fields["counselor"].queryset)
        self.assertEqual(offered, {self.counselor, self.counselor2})
        response = self.client.post(item.get_absolute_url(), {"counselor": stranger.pk})
        self.assertTrue(response.context["form"].has_error("counselor", "invalid_choice"))
        self.assertFalse(Case.objects.exists())

    def test_assigning_opens_a_case_and_tells_the_employee_without_detail(self):
        item = self.make_request(concern="finance")
        Notification.objects.all().delete()
        self.login(self.intake)
        response = self.client.post(item.get_absolute_url(), {"counselor": self.counselor2.pk})
        self.assertRedirects(response, QUEUE)
        case = Case.objects.get()
        self.assertEqual(case.counselor, self.counselor2)
        self.assertEqual(case.kind, Case.Kind.GENERAL)
        self.assertRegex(case.code, r"^TPE1\d\d-0001$")
        item.refresh_from_db()
        self.assertEqual(item.status, CounsellingRequest.Status.ASSIGNED)
        [note] = Notification.objects.all()
        self.assertEqual(note.recipient, self.alice)
        for secret in ("財務", "finance", "counselor2", case.code):
            self.assertNotIn(secret, note.subject + note.body)
        # Assigned: the coordinator no longer reads the text, and cannot assign twice.
        before = AccessLog.objects.count()
        response = self.client.get(item.get_absolute_url())
        self.assertIsNone(response.context["form"])
        self.assertEqual(AccessLog.objects.count(), before)
        self.client.post(item.get_absolute_url(), {"counselor": self.counselor.pk})
        self.assertEqual(Case.objects.count(), 1)

    def test_it_answers_405_and_refuses_outsiders(self):
        item = self.make_request()
        url = item.get_absolute_url()
        self.login(self.intake)
        self.assertEqual(self.client.delete(url).status_code, 405)
        for user in (self.alice, self.hr, self.supervisor, self.auditor, self.sysadmin,
                     self.counselor):  # fmt: skip
            self.login(user)
            self.assertEqual(self.client.get(url).status_code, 403, user)
        self.assertFalse(AccessLog.objects.filter(outcome="granted").exists())

    def test_it_answers_404_for_an_unknown_request(self):
        self.login(self.intake)
        response = self.client.get(f"{QUEUE}00000000-0000-0000-0000-000000000000/")
        self.assertEqual(response.status_code, 404)


class OutsiderRequestTestCase(CounselingTestCase):
    def test_another_employees_request_is_not_his(self):
        """The outsider employee's list never holds Alice's request."""
        self.make_request()
        other_user = make_user("bob")
        make_employee(other_user, unit=self.unit, number="E0009", name="李四")
        self.login(other_user)
        response = self.client.get("/counselling/my-requests/")
        self.assertEqual(list(response.context["items"]), [])
