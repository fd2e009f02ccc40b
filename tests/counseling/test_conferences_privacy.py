"""Agenda, decisions and action items are sealed to the participants: every read is
logged against the employee, who sees it; everybody else gets 404."""

from django.db import connection

from anxin.core.models import AccessLog
from anxin.counseling.conferences import services
from anxin.people.choices import Role
from tests.base import give_role, make_user
from tests.counseling.conferences_base import AGENDA, ConferenceTestCase

DECISIONS = "調整為半日班三個月"


class PrivacyTestCase(ConferenceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.conference = cls.make_conference(agree=True)
        services.conference_record_decisions(
            conference=cls.conference, decisions=DECISIONS, expected_version=1
        )
        services.action_item_add(
            conference=cls.conference, text="安排職務再設計", owner=cls.hr,
            due_on=cls.conference.starts_at.date(),
        )  # fmt: skip

    def test_each_participant_reads_it(self):
        """Counsellor, unit head and personnel head each see agenda and decisions."""
        for user in (self.counselor, self.supervisor, self.hr):
            self.login(user)
            response = self.client.get(self.conference.get_absolute_url())
            self.assertContains(response, AGENDA)
            self.assertContains(response, DECISIONS)
            self.assertContains(response, "安排職務再設計")

    def test_non_participants_get_404(self):
        """Another hr, another supervisor, another counsellor, the coordinator who did not
        schedule it, the auditor, the sysadmin and the employee: 404, nothing shown."""
        supervisor_elsewhere = make_user("supervisor-elsewhere")
        give_role(supervisor_elsewhere, "supervisor", self.other_agency)
        for user in (self.other_hr, self.other_supervisor, self.counselor2, self.intake,
                     self.auditor, self.sysadmin, self.alice, self.eap_admin):  # fmt: skip
            self.login(user)
            for path in ("", "decisions/", "actions/new/"):
                response = self.client.get(self.conference.get_absolute_url() + path)
                self.assertEqual(response.status_code, 404, (user, path))
                self.assertNotContains(response, AGENDA, status_code=404)

    def test_the_list_shows_ones_own_conferences_only(self):
        self.login(self.hr)
        response = self.client.get("/counselling/conferences/")
        self.assertEqual(list(response.context["upcoming"]), [self.conference])
        self.login(self.other_hr)
        response = self.client.get("/counselling/conferences/")
        self.assertEqual(list(response.context["upcoming"]), [])
        self.assertNotContains(response, self.case.code)

    def test_a_participant_in_another_role_gets_404(self):
        """The HR officer who also counsels: acting as counsellor she is not the personnel
        head, so the page answers 404; back as hr, she reads it."""
        give_role(self.hr, "counselor", self.authority)
        self.login(self.hr)
        self.client.post("/switch-role/", {"role": f"counselor:{self.authority.pk}"})
        self.assertEqual(self.client.get(self.conference.get_absolute_url()).status_code, 404)
        self.client.post("/switch-role/", {"role": f"hr:{self.agency.pk}"})
        self.assertEqual(self.client.get(self.conference.get_absolute_url()).status_code, 200)

    def test_the_raw_rows_hold_ciphertext(self):
        """Agenda, decisions and action-item text are stored sealed."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT agenda, decisions FROM counseling_caseconference WHERE id = %s",
                [self.conference.pk],
            )
            agenda, decisions = cursor.fetchone()
            cursor.execute("SELECT text FROM counseling_conferenceactionitem")
            [(text,)] = cursor.fetchall()
        for raw, plain in ((agenda, AGENDA), (decisions, DECISIONS), (text, "安排職務再設計")):
            self.assertTrue(raw.startswith("anx1:"))
            self.assertNotIn(plain, raw)

    def test_every_read_is_logged_and_the_employee_sees_it(self):
        """Reading the page logs agenda, decisions and each action item against Alice;
        her "Who read my file" lists the supervisor's reads."""
        AccessLog.objects.all().delete()
        self.login(self.supervisor)
        self.client.get(self.conference.get_absolute_url())
        rows = AccessLog.objects.filter(actor=self.supervisor)
        self.assertEqual(
            sorted(rows.values_list("field", flat=True)), ["agenda", "decisions", "text"]
        )
        for row in rows:
            self.assertEqual(row.purpose, "conference")
            self.assertEqual(row.subject_uuid, self.alice_employee.uuid)
            self.assertEqual(row.actor_role, "supervisor")
        self.login(self.alice)
        response = self.client.get("/people/me/access-log/")
        staff_looks = [look for look in response.context["log"].looks if not look.own]
        # The supervisor's three reads, shown as the one look they were, under his role.
        self.assertEqual(sum(look.rows for look in staff_looks), rows.count())
        self.assertEqual({look.role for look in staff_looks}, {str(Role.SUPERVISOR.label)})
        self.assertContains(response, str(Role.SUPERVISOR.label))

    def test_a_refused_visitor_reads_nothing(self):
        """A 404 leaves no granted read in the log."""
        AccessLog.objects.all().delete()
        self.login(self.other_hr)
        self.client.get(self.conference.get_absolute_url())
        self.assertFalse(AccessLog.objects.filter(outcome=AccessLog.Outcome.GRANTED).exists())

    def test_it_refuses_the_wrong_method(self):
        self.login(self.hr)
        self.assertEqual(self.client.post(self.conference.get_absolute_url()).status_code, 405)
        self.assertEqual(self.client.post("/counselling/conferences/").status_code, 405)
