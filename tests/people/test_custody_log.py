"""The security log: append-only in the app and in the database, and the auditor's page
with the sealed reads an account made after a reset or a grant (decision 0017)."""

import uuid

from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anxin.core.audit import access_log_append
from anxin.people.custody import services
from anxin.people.custody.models import SecurityLog
from anxin.people.models import SensitiveDeclaration
from tests.people.custody_base import CustodyTestCase


class AppendOnlyTestCase(CustodyTestCase):
    def setUp(self):
        self.item = self.ask_reset()
        self.row = SecurityLog.objects.get(request=self.item)

    def test_the_app_refuses_to_change_or_delete_a_row(self):
        self.row.detail = "nothing happened"
        with self.assertRaises(TypeError):
            self.row.save()
        with self.assertRaises(TypeError):
            self.row.delete()
        with self.assertRaises(TypeError):
            SecurityLog.objects.filter(pk=self.row.pk).update(detail="x")
        with self.assertRaises(TypeError):
            SecurityLog.objects.all().delete()
        self.assertEqual(SecurityLog.objects.get(pk=self.row.pk).detail, "")

    def test_the_database_refuses_update_and_delete(self):
        """Whatever code (or person at a SQL prompt through the app's role) tries."""
        for sql in (
            "UPDATE people_securitylog SET detail = 'x'",
            "DELETE FROM people_securitylog",
        ):
            with (
                self.assertRaises(DatabaseError, msg=sql),
                transaction.atomic(),
                connection.cursor() as cursor,
            ):
                cursor.execute(sql)
        self.assertEqual(SecurityLog.objects.get(pk=self.row.pk).detail, "")

    def test_postgresql_refuses_a_truncate_that_would_lose_rows(self):
        if connection.vendor != "postgresql":
            # SQLite has no TRUNCATE; its DELETE is refused above.
            self.assertEqual(connection.vendor, "sqlite")
            return
        with self.assertRaises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("TRUNCATE people_securitylog")
        self.assertTrue(SecurityLog.objects.filter(pk=self.row.pk).exists())


class AuditorPageTestCase(CustodyTestCase):
    def sealed_read(self, actor) -> None:
        declaration, _new = SensitiveDeclaration.objects.get_or_create(employee=self.alice_employee)
        access_log_append(
            actor=actor,
            role="counselor",
            record=declaration,
            field="payload",
            purpose="case_work",
            subject_uuid=uuid.uuid4(),
        )

    def test_it_shows_every_step_and_the_reads_made_after_a_grant(self):
        item = services.grant_request(
            target=self.alice, role_to_grant="counselor", scope=self.agency,
            actor=self.eap_admin, role="eap_admin", actor_scope=self.authority, reason="new",
        )  # fmt: skip
        self.sealed_read(self.alice)  # before the grant: not counted
        services.custody_approve(
            item=item, approver=self.auditor, role="auditor", scope=self.authority,
            now=timezone.now(),
        )  # fmt: skip
        self.sealed_read(self.alice)
        self.login(self.auditor)
        response = self.client.get("/people/custody/log/")
        self.assertContains(response, "申請角色指派")
        granted = [r for r in response.context["rows"] if r.action == "role_granted"]
        self.assertEqual([r.reads_after for r in granted], [1])
        response = self.client.get(f"/people/custody/log/{item.uuid}/")
        self.assertEqual(len(response.context["reads"]), 1)
        self.assertContains(response, "people.sensitivedeclaration")
        self.assertContains(response, "case_work")

    def test_the_page_runs_a_fixed_number_of_queries(self):
        """One row or six, with their reads counted: the same number of queries."""
        self.login(self.auditor)
        counts = []
        for _round in range(2):
            for n in range(1 if not counts else 5):
                services.security_log_append(
                    actor=self.sysadmin, action="role_granted", subject=self.hr, detail=str(n)
                )
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(self.client.get("/people/custody/log/").status_code, 200)
            counts.append(len(captured))
        self.assertEqual(counts[0], counts[1])

    def test_only_the_auditor_reads_it(self):
        for person in (self.sysadmin, self.eap_admin, self.counselor, self.alice):
            self.login(person)
            self.assertEqual(self.client.get("/people/custody/log/").status_code, 403)
        self.login(self.auditor)
        self.assertEqual(self.client.post("/people/custody/log/").status_code, 405)
