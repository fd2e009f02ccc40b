"""Models of account custody; imported by anxin/people/models.py.

A `CustodyRequest` is one reset or grant, from request to approval (or refusal, or
expiry) to use. Of the one-time link only a SHA-256 hash is kept: the token itself
leaves in one e-mail and is stored nowhere. `SecurityLog` is append-only: the model
refuses updates and deletes, and database triggers refuse UPDATE and DELETE (and, on
PostgreSQL, a TRUNCATE that would lose rows) whatever code tries (migration 0003).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Imported at the end of anxin/people/models.py, after the models named here.
from anxin.people.choices import Role

__all__ = ["CustodyRequest", "SecurityLog"]


class CustodyRequest(models.Model):
    class Kind(models.TextChoices):
        RESET = "reset", _("Password and second-factor reset")
        GRANT = "grant", _("Role grant")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved, link sent")
        DONE = "done", _("Done")
        REFUSED = "refused", _("Refused")
        EXPIRED = "expired", _("Expired")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    target = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="custody_requests",
        verbose_name=_("account"),
    )
    # A grant: the role and its scope. A reset: `scope` places the request for approvers
    # (the account's unit or role scope), `role` is empty.
    role = models.CharField(_("role"), max_length=20, blank=True, choices=Role.choices)
    scope = models.ForeignKey(
        "people.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("scope"),
    )
    reason = models.CharField(_("reason for the request"), max_length=300)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_role = models.CharField(max_length=20)
    requested_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_role = models.CharField(max_length=20, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=300, blank=True)
    # A reset's one-time link: the hex SHA-256 of the token, never the token.
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    link_expires_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("account custody request")
        verbose_name_plural = _("account custody requests")
        ordering = ["-requested_at"]
        constraints = [
            # One open reset per account: a second would race the first for its link.
            models.UniqueConstraint(
                fields=["target"],
                condition=Q(kind="reset", status__in=["pending", "approved"]),
                name="custody_one_open_reset",
            ),
            models.UniqueConstraint(
                fields=["target", "role", "scope"],
                condition=Q(kind="grant", status="pending"),
                name="custody_one_open_grant",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.uuid}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.APPROVED)


class SecurityLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("the security log is append-only")

    def delete(self):
        raise TypeError("the security log is append-only")


class SecurityLog(models.Model):
    """One step of account custody, or another change of who may sign in as whom and in
    which role (accounts created or deactivated, roles granted or removed). No secret and
    no clinical content: names, roles, scopes and times."""

    class Action(models.TextChoices):
        RESET_REQUESTED = "reset_requested", _("Reset requested")
        GRANT_REQUESTED = "grant_requested", _("Role grant requested")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")
        EXPIRED = "expired", _("Expired")
        LINK_SENT = "link_sent", _("One-time link sent")
        LINK_REFUSED = "link_refused", _("Used or expired link opened")
        RESET_DONE = "reset_done", _("Password and authenticator set by the holder")
        ROLE_GRANTED = "role_granted", _("Role granted")
        ROLE_REMOVED = "role_removed", _("Role removed")
        ACCOUNT_CREATED = "account_created", _("Account created")
        ACCOUNT_CHANGED = "account_changed", _("Account changed")
        ATTEMPT_REFUSED = "attempt_refused", _("Attempt refused")

    at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    actor_label = models.CharField(_("done by"), max_length=150)
    actor_role = models.CharField(_("role"), max_length=20, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    request = models.ForeignKey(
        CustodyRequest,
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="log",
        db_constraint=False,
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    subject_label = models.CharField(_("account"), max_length=150, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    objects = SecurityLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("security-log entry")
        verbose_name_plural = _("security log")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("the security log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("the security log is append-only")
