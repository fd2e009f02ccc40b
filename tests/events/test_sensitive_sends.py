"""Invitations to an event over self-declared attributes keep no list of the invited
longer than the sending needs (issue 10 item 3, decisions 0021 and 0025): the event keeps
no Invitation rows, only their count; the task carries only a
send's id, the send's list is struck off as people are notified and deleted when it
ends, the task row is forgotten, mail is deleted once sent, and the inbox items (no
title) expire when registration closes; `run-due` deletes them."""

from datetime import timedelta

from django.apps import apps
from django.core import mail
from django.db.models import ForeignKey, OneToOneField
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from anxin.core.due import run_due
from anxin.core.models import BulkRecipient, BulkSend, Notification, OutgoingMail
from anxin.core.tasks import Worker
from anxin.events import services
from anxin.people.models import Employee, User
from anxin.people.services import declaration_save
from tests.base import make_employee, make_user
from tests.events.base import EventsTestCase, make_event


def references(users: list[User], employees: list[Employee]) -> dict[tuple[str, str], int]:
    """Rows of every table that point at these people, by (model, field)."""
    found = {}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, ForeignKey | OneToOneField):
                continue
            targets = {User: users, Employee: employees}.get(field.related_model)
            if targets is None:
                continue
            count = model._base_manager.filter(**{f"{field.name}__in": targets}).count()
            if count:
                found[(model._meta.label, field.name)] = count
    return found


class SensitiveSendTests(EventsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.carers = []
        for n in range(3):
            user = make_user(f"carer{n}", email=f"carer{n}@example.gov.tw")
            employee = make_employee(user, unit=cls.unit, number=f"C{n:04}", name=f"照顧者{n}")
            declaration_save(
                employee=employee, attributes=["carer"], expected_version=None, actor=user
            )
            cls.carers.append(employee)

    def run_queue(self) -> None:
        """What `anxin worker` does with every queued task, here in the test's process."""
        worker = Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="worker-a",
            excluded_queue_names=[],
        )
        while (result := DBTaskResult.objects.ready().get_locked()) is not None:
            result.claim(worker.worker_id)
            with self.captureOnCommitCallbacks(execute=True):
                worker.run_task(result)

    def test_no_list_of_the_invited_outlives_the_send(self):
        users = [employee.user for employee in self.carers]
        before = references(users, self.carers)
        closes = timezone.now() + timedelta(days=7)
        event = make_event(
            self.eap_admin,
            self.authority,
            title="照顧有力量",
            audience_declared=["carer"],
            registration_closes_at=closes,
        )
        services.event_publish(event=event, actor=self.eap_admin)

        # Queued: the task's arguments name the send, not the people.
        task = DBTaskResult.objects.get()
        self.assertEqual(list(task.args_kwargs["kwargs"]), ["send_id"])
        self.assertEqual(task.args_kwargs["args"], [])
        self.assertEqual(BulkRecipient.objects.count(), 3)

        self.run_queue()

        self.assertEqual(len(mail.outbox), 3)
        self.assertFalse(DBTaskResult.objects.exists())  # the finished task is forgotten
        self.assertFalse(BulkSend.objects.exists())
        self.assertFalse(BulkRecipient.objects.exists())
        self.assertFalse(OutgoingMail.objects.exists())  # deleted once sent
        notes = list(Notification.objects.filter(recipient__in=users))
        self.assertEqual(len(notes), 3)
        for note in notes:
            self.assertNotIn("照顧有力量", note.subject + note.body)
            self.assertEqual(note.expires_at, closes)

        grown = {
            key: count
            for key, count in references(users, self.carers).items()
            if count > before.get(key, 0)
        }
        self.assertEqual(grown, {("core.Notification", "recipient"): 3})

        # Registration has closed: the inbox items go; nothing of the send is left.
        run_due(closes + timedelta(minutes=1))
        self.assertFalse(Notification.objects.filter(recipient__in=users).exists())
        grown = {
            key: count
            for key, count in references(users, self.carers).items()
            if count > before.get(key, 0)
        }
        self.assertEqual(grown, {})

    def test_an_expired_item_is_not_shown_before_run_due_deletes_it(self):
        carer = self.carers[0].user
        Notification.objects.create(
            recipient=carer, subject="邀請", expires_at=timezone.now() - timedelta(minutes=1)
        )
        self.login(carer)
        self.assertNotContains(self.client.get("/inbox/"), "邀請")

    def test_a_sensitive_send_without_a_date_expires_after_the_set_days(self):
        """Cancelling a sensitive event tells the registered without a title; the item
        goes after ANXIN_SENSITIVE_INBOX_DAYS (14) at the latest."""
        event = make_event(
            self.eap_admin, self.authority, audience_declared=["carer"], publish=True
        )
        self.run_queue()
        Notification.objects.all().delete()
        services.registration_create(
            event=event, employee=self.carers[0], actor=self.carers[0].user
        )
        services.event_cancel(event=event, reason="講師生病")
        self.run_queue()
        note = Notification.objects.get(recipient=self.carers[0].user)
        self.assertNotIn("講師生病", note.body)
        self.assertLessEqual(note.expires_at, timezone.now() + timedelta(days=14))
        self.assertGreater(note.expires_at, timezone.now() + timedelta(days=13))
