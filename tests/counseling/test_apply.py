"""The online application (附表一) and the employee's own list of requests."""

from django.db import connection

from anxin.core.models import Notification
from anxin.counseling.models import CounsellingRequest
from anxin.people.models import Employee
from tests.base import make_employee, make_user
from tests.counseling.base import CounselingTestCase, application

APPLY = "/counselling/apply/"
MINE = "/counselling/my-requests/"


class ApplyTestCase(CounselingTestCase):
    def test_it_stores_the_request_and_lists_it_for_the_employee(self):
        """A valid application is stored, waiting, and shows on the employee's list."""
        self.login(self.alice)
        response = self.client.post(APPLY, application())
        self.assertRedirects(response, MINE)
        item = CounsellingRequest.objects.get()
        self.assertEqual(item.employee, self.alice_employee)
        self.assertEqual(item.status, CounsellingRequest.Status.WAITING)
        self.assertEqual(item.concern_name, "情緒")
        response = self.client.get(MINE)
        self.assertContains(response, "情緒")
        self.assertContains(response, str(CounsellingRequest.Status.WAITING.label))

    def test_it_comes_pre_set_from_a_self_test_and_sends_nothing(self):
        """From a self-test's crisis result the form is pre-set to urgent; nothing is
        stored or sent until the employee sends it."""
        self.login(self.alice)
        response = self.client.get(APPLY + "?from=self-test")
        self.assertEqual(response.context["form"]["urgency"].value(), "urgent")
        self.assertTrue(response.context["from_self_test"])
        self.assertFalse(CounsellingRequest.objects.exists())
        self.assertFalse(Notification.objects.exists())
        plain = self.client.get(APPLY)
        self.assertIsNone(plain.context["form"]["urgency"].value())

    def test_it_shows_the_form_with_the_plans_service_areas_and_statement(self):
        self.login(self.alice)
        response = self.client.get(APPLY)
        self.assertEqual(response.status_code, 200)
        for name in ("健康", "婚姻", "家庭", "財務", "法律", "情緒"):
            self.assertContains(response, name)
        self.assertContains(response, "陞遷")  # the 001 §捌 statement, in zh-Hant

    def test_it_seals_the_free_text_in_the_database(self):
        """The raw row holds ciphertext: the typed words are nowhere in it."""
        self.login(self.alice)
        marker = "MARKER-apply-7c1e"
        self.client.post(
            APPLY,
            application(
                details=f"details {marker}",
                preferred_times=f"times {marker}",
                contact_value=f"{marker}@example.com",
                contact_method="email",
            ),
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT details, preferred_times, contact_value FROM counseling_counsellingrequest"
            )
            rows = cursor.fetchall()
        self.assertEqual(len(rows), 1)
        for value in rows[0]:
            self.assertTrue(value.startswith("anx1:"))
            self.assertNotIn(marker, value)

    def test_it_requires_the_statement_and_keeps_what_was_typed(self):
        self.login(self.alice)
        data = application(details="我想談談工作壓力")
        del data["accept"]
        response = self.client.post(APPLY, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "我想談談工作壓力")
        self.assertTrue(response.context["form"].has_error("accept", "required"))
        self.assertFalse(CounsellingRequest.objects.exists())

    def test_it_refuses_a_concern_outside_the_plan_and_a_bad_contact(self):
        self.login(self.alice)
        response = self.client.post(
            APPLY, application(concern="astrology", contact_method="email", contact_value="x")
        )
        form = response.context["form"]
        self.assertTrue(form.has_error("concern", "invalid_choice"))
        self.assertTrue(form.has_error("contact_value", "email"))
        response = self.client.post(APPLY, application(contact_value="call me"))
        self.assertTrue(response.context["form"].has_error("contact_value", "phone"))
        self.assertFalse(CounsellingRequest.objects.exists())

    def test_it_tells_an_employee_the_plan_does_not_serve(self):
        """Taipei's plan does not serve teachers: a clear message, not a bare 403."""
        teacher = make_user("teacher")
        make_employee(
            teacher, unit=self.unit, number="T0001", name="林老師",
            staff_category=Employee.StaffCategory.TEACHER,
        )  # fmt: skip
        self.login(teacher)
        response = self.client.get(APPLY)
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "counseling/not_eligible.html")
        self.assertContains(response, "不在")
        response = self.client.post(APPLY, application())
        self.assertTemplateUsed(response, "counseling/not_eligible.html")
        self.assertFalse(CounsellingRequest.objects.exists())

    def test_it_notifies_only_the_coordinators_and_says_nothing_of_the_request(self):
        """Invariant 4: the only inbox items go to the plan authority's intake
        coordinators; they carry neither the employee's name nor the concern."""
        unit_head = make_user("unithead")
        from tests.base import give_role

        give_role(unit_head, "supervisor", self.unit)
        self.login(self.alice)
        self.client.post(APPLY, application(concern="marriage", details="婚姻問題"))
        notes = list(Notification.objects.all())
        self.assertEqual([note.recipient for note in notes], [self.intake])
        text = notes[0].subject + notes[0].body + notes[0].url
        for secret in ("王小美", "alice", "E0001", "婚姻", "marriage", "第一科", "社會局"):
            self.assertNotIn(secret, text)
        self.assertIn("等候", notes[0].subject)

    def test_it_answers_405_to_other_methods(self):
        self.login(self.alice)
        self.assertEqual(self.client.put(APPLY).status_code, 405)
        self.assertEqual(self.client.post(MINE).status_code, 405)

    def test_it_refuses_staff_roles(self):
        for user in (self.hr, self.supervisor, self.auditor, self.sysadmin, self.counselor):
            self.login(user)
            self.assertEqual(self.client.get(APPLY).status_code, 403, user)
            self.assertEqual(self.client.get(MINE).status_code, 403, user)

    def test_it_shows_an_employee_only_his_or_her_requests(self):
        request = self.make_request(concern="legal")
        self.login(self.outsider)
        response = self.client.get(MINE)
        self.assertEqual(list(response.context["items"]), [])
        # The page's own content; the menu names the legal advice service to everyone.
        main = response.content.decode().split("<main", 1)[1]
        self.assertTrue(request.concern_name)
        self.assertNotIn(request.concern_name, main)
