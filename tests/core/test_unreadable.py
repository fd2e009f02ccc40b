"""A sealed value that does not open: `read_sealed()` logs it, tells the auditors, and
returns an `Unavailable` that renders as a plain note. The log row survives the caller's
transaction rolling back: it is written again, on its own, when the request ends."""

from django.core.signals import request_finished, request_started
from django.db import transaction
from django.template import engines
from django.test import TransactionTestCase
from django.utils import timezone

from anxin.core.audit import (
    Unavailable,
    flush_unreadable,
    is_unavailable,
    read_sealed,
    read_sealed_fields,
    verify_chain,
)
from anxin.core.models import AccessLog, Notification
from anxin.people import services
from anxin.people.models import SensitiveDeclaration
from anxin.people.services import orgunit_create
from tests.base import BaseTestCase, give_role, make_employee, make_user


def tamper(declaration: SensitiveDeclaration, other: SensitiveDeclaration) -> None:
    SensitiveDeclaration.objects.filter(pk=declaration.pk).update(payload=other.payload)
    declaration.refresh_from_db()


class Rollback(Exception):
    pass


class DurableLogTests(TransactionTestCase):
    """Real commits and rollbacks, on SQLite and PostgreSQL."""

    def setUp(self):
        # As each request starts: forget what tests in a never-committed TestCase left.
        request_started.send(sender=self.__class__)
        authority = orgunit_create(name="範例市政府", kind="authority", code="379000000A")
        self.auditor = make_user("privacy", email="privacy@example.gov.tw")
        give_role(self.auditor, "auditor", authority)
        self.alice = make_user("alice")
        self.alice_employee = make_employee(
            self.alice, unit=authority, number="E0001", name="王小美"
        )
        bob = make_employee(make_user("bob"), unit=authority, number="E0002", name="陳大文")
        declarations = [
            services.declaration_save(
                employee=person, attributes=["carer"], expected_version=None, actor=person.user
            )
            for person in (self.alice_employee, bob)
        ]
        self.declaration = declarations[0]
        tamper(self.declaration, declarations[1])

    def read(self):
        return read_sealed(
            self.declaration,
            "payload",
            actor=self.alice,
            purpose="self_view",
            subject_uuid=self.alice_employee.uuid,
        )

    def unreadable(self):
        return AccessLog.objects.filter(outcome=AccessLog.Outcome.UNREADABLE)

    def test_it_logs_and_alerts_at_once_outside_a_transaction(self):
        self.assertTrue(is_unavailable(self.read()))
        self.assertEqual(self.unreadable().count(), 1)
        self.assertEqual(Notification.objects.filter(recipient=self.auditor).count(), 1)

    def test_the_alert_gives_the_time_as_a_roc_date(self):
        self.read()
        note = Notification.objects.get(recipient=self.auditor)
        at = timezone.localtime(self.unreadable().get().at)
        self.assertIn(f"民國{at.year - 1911}年{at.month}月{at.day}日", note.body)
        self.assertNotIn(at.strftime("%Y-%m-%d"), note.body)

    def test_the_row_survives_the_callers_rollback(self):
        """The page's transaction fails after the read: the row it held is rolled back,
        and written again by the end of the request, in a transaction of its own."""
        with self.assertRaises(Rollback), transaction.atomic():
            self.assertTrue(is_unavailable(self.read()))
            self.assertEqual(self.unreadable().count(), 1)
            raise Rollback
        self.assertEqual(self.unreadable().count(), 0)
        request_finished.send(sender=self.__class__)
        row = self.unreadable().get()
        self.assertEqual((row.actor, row.field), (self.alice, "payload"))
        self.assertEqual(Notification.objects.filter(recipient=self.auditor).count(), 1)
        self.assertEqual(list(verify_chain()), [])
        # Written once: nothing stays pending.
        self.assertEqual(flush_unreadable(), 0)

    def test_a_committed_row_is_not_written_twice(self):
        with transaction.atomic():
            self.read()
        request_finished.send(sender=self.__class__)
        self.assertEqual(self.unreadable().count(), 1)
        self.assertEqual(Notification.objects.filter(recipient=self.auditor).count(), 1)

    def test_a_rolled_back_savepoint_is_written_again(self):
        """Only the savepoint around the read rolls back; the outer transaction commits."""
        with transaction.atomic(), self.assertRaises(Rollback), transaction.atomic():
            self.read()
            raise Rollback
        request_finished.send(sender=self.__class__)
        self.assertEqual(self.unreadable().count(), 1)


class UnavailableValueTests(BaseTestCase):
    def setUp(self):
        self.declaration = services.declaration_save(
            employee=self.alice_employee,
            attributes=["carer"],
            expected_version=None,
            actor=self.alice,
        )
        other = services.declaration_save(
            employee=self.outsider_employee,
            attributes=["carer"],
            expected_version=None,
            actor=self.outsider,
        )
        tamper(self.declaration, other)

    def render(self, source: str, **context) -> str:
        return engines["django"].from_string(source).render(context)

    def test_it_renders_as_a_note_through_the_usual_filters(self):
        value = Unavailable("details")
        for source in ("{{ v }}", "{{ v|linebreaksbr }}", '{{ v|default:"—" }}'):
            html = self.render(source, v=value)
            self.assertIn('<span class="sealed-unavailable', html, source)
            self.assertNotIn("&lt;", html, source)
        self.assertEqual(self.render("{% if v %}yes{% endif %}", v=value), "yes")

    def test_a_sealed_choice_shows_its_label_or_the_note(self):
        source = "{% load sealed %}{{ v|sealed_choice:choices }}"
        choices = [("low", "低"), ("high", "高")]
        self.assertEqual(self.render(source, v="high", choices=choices), "高")
        self.assertIn("sealed-unavailable", self.render(source, v=Unavailable("r"), choices=[]))

    def test_read_sealed_fields_marks_the_one_field(self):
        values = read_sealed_fields(
            self.declaration,
            ["payload"],
            actor=self.alice,
            purpose="self_view",
            subject_uuid=self.alice_employee.uuid,
        )
        self.assertTrue(is_unavailable(values["payload"]))
        self.assertEqual(values["payload"].field, "payload")

    def test_a_refusal_by_policy_still_answers_404_first(self):
        """Someone not allowed never learns whether the value would open."""
        from django.http import Http404

        with self.assertRaises(Http404):
            read_sealed(
                self.declaration,
                "payload",
                actor=self.hr,
                purpose="curiosity",
                subject_uuid=self.alice_employee.uuid,
                allowed=False,
            )
        row = AccessLog.objects.order_by("-id").first()
        self.assertEqual(row.outcome, AccessLog.Outcome.DENIED)

    def test_the_employee_sees_nothing_declared_rather_than_an_error(self):
        self.assertEqual(
            services.declaration_read(employee=self.alice_employee, actor=self.alice), {}
        )
