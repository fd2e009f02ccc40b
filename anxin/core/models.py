"""The shared kernel's records: the access log, the inbox and background-job progress."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLog(models.Model):
    """One read (or refused read) of a sealed record. Append-only and hash-chained: each
    row carries an HMAC over its own content and the previous row's HMAC, so
    `anxin verify-audit` finds an edited or deleted row. On PostgreSQL and SQLite a
    trigger refuses UPDATE and DELETE (migration 0003), on PostgreSQL another one refuses
    TRUNCATE (migration 0006)."""

    class Outcome(models.TextChoices):
        GRANTED = "granted", _("Read")
        DENIED = "denied", _("Refused")
        # The reader was allowed, but the sealed value did not open (tampered, copied from
        # another record, or sealed under a key no longer in the ring): nothing was shown.
        UNREADABLE = "unreadable", _("Could not be opened")

    at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
        verbose_name=_("reader"),
    )
    actor_label = models.CharField(_("reader"), max_length=150)
    actor_role = models.CharField(_("role"), max_length=20, blank=True)
    record_type = models.CharField(_("record type"), max_length=100)
    record_uuid = models.UUIDField(_("record"))
    field = models.CharField(_("field"), max_length=60)
    subject_uuid = models.UUIDField(_("whose file"), null=True, blank=True, db_index=True)
    purpose = models.CharField(_("purpose"), max_length=60)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("access-log entry")
        verbose_name_plural = _("access log")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.record_type}"


class AccessLogHead(models.Model):
    """The chain's tip: one row, locked while a log row is appended so that concurrent
    writers form one chain. `mac` is an HMAC with the audit key over the count and the
    last hash, so that nobody without the key can move the head back to an earlier row
    (anxin.core.audit)."""

    last_hash = models.CharField(max_length=64, default="0" * 64)
    count = models.BigIntegerField(default=0)
    mac = models.CharField(max_length=64, blank=True, default="")

    def __str__(self) -> str:
        return f"access-log head ({self.count})"


class Notification(models.Model):
    """An inbox item. Never clinical: notifications carry time, place and links only."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set for a notification whose list of recipients is itself personal (an invitation
    # chosen by self-declared attributes): `run-due` deletes it at this time.
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.subject


class Job(models.Model):
    """Progress of a long background task (import, report, bulk mail) that a page polls.

    `task_id` names the task-queue row that does the work (anxin.core.tasks), so that the
    worker can put a job back in the queue when the task's worker died, and mark it
    failed, with `failure`, when the task is given up."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Finished")
        FAILED = "failed", _("Failed")

    class Failure(models.TextChoices):
        ERROR = (
            "error",
            _(
                "The job stopped on an error each time it was tried. The system administrator "
                "sees it in the list of failed tasks."
            ),
        )
        WORKER_LOST = (
            "worker_lost",
            _(
                "The background worker stopped in the middle of this job each time it was "
                "tried. The system administrator sees it in the list of failed tasks."
            ),
        )

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=60)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    # A machine-readable outcome (counts, row errors) that the job's page renders.
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True, db_index=True)
    # How many times a worker has started the task (a restart after a crash counts).
    attempts = models.PositiveSmallIntegerField(default=0)
    failure = models.CharField(max_length=20, choices=Failure.choices, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.uuid}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.SUCCEEDED:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    @property
    def is_restarting(self) -> bool:
        """Waiting in the queue again after a try that did not finish."""
        return self.status == self.Status.QUEUED and self.attempts > 0


class DueRun(models.Model):
    """The last run of one periodic job of `anxin run-due` (anxin.core.due). A run claims
    the row by setting `running_since` in one conditional UPDATE, so two copies of the
    command started together never run a job twice."""

    name = models.CharField(max_length=100, unique=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    running_since = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class OutgoingMail(models.Model):
    """An e-mail waiting to leave, or sent. `notify()` writes it in the same transaction
    as the inbox item; it is sent once that transaction commits, and a send that fails is
    tried again by `run-due` (job `send_outbox`) until the server takes it. Notifications
    carry no clinical content, so neither does this table; sent rows are pruned."""

    recipient = models.EmailField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The exception's class name only: a server's reply might quote the message.
    last_error = models.CharField(max_length=100, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # A mail whose recipient list is personal (a sensitive invitation) is deleted once
    # sent instead of being kept for SENT_RETENTION.
    forget_when_sent = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["sent_at", "next_attempt_at"], name="outgoing_mail_due"),
        ]

    def __str__(self) -> str:
        return f"mail {self.pk} to {self.recipient}"


class BulkSend(models.Model):
    """A notification to many people that the worker sends (`notify_later`). The task's
    arguments carry only this row's id; the people wait in `BulkRecipient`, each row
    deleted in the same transaction that writes that person's inbox item and mail, so
    that a send restarted after a crash notifies each person exactly once. The send and
    what is left of its list are deleted when it ends: no list outlives its sending."""

    template = models.CharField(max_length=60)
    context = models.JSONField(default=dict)
    url = models.CharField(max_length=300, blank=True)
    email = models.BooleanField(default=True)
    # The list is itself personal (chosen by self-declared attributes, or people after
    # counselling): inbox items expire, mail is forgotten once sent, the task row goes.
    sensitive = models.BooleanField(default=False)
    expires_at = models.DateTimeField(null=True, blank=True)
    job = models.ForeignKey(Job, on_delete=models.SET_NULL, null=True, blank=True)
    total = models.PositiveIntegerField(default=0)
    delivered = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"bulk send {self.pk} ({self.template})"


class BulkRecipient(models.Model):
    """One person a `BulkSend` has still to notify."""

    send = models.ForeignKey(BulkSend, on_delete=models.CASCADE, related_name="pending")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["send", "user"], name="bulk_recipient_once"),
        ]

    def __str__(self) -> str:
        return f"{self.send_id}: {self.user_id}"


class WorkerBeat(models.Model):
    """A running `anxin worker`: it writes `beat_at` every few seconds while it lives. A
    task whose worker has not beaten for the lease time is taken to be orphaned, and is
    queued again (anxin.core.tasks)."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"worker {self.worker_id} on {self.host} ({self.pid})"
