"""Outreach that offers help to the person only: life events, overtime and family-care leave.

What HR imports (life events, monthly overtime hours, monthly family-care leave days) is
kept per employee; what Anxin did about it is kept as `OutreachSignal` (one reason to
reach one person, handled once) and `OutreachSend` (a count row: unit, reason, way; no
person), so that HR's page can show what was sent by unit through the k rule and never
who (decision 0047).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anxin.people.models import Employee, OrgUnit

__all__ = [
    "FamilyCareMonth",
    "LifeEvent",
    "OutreachImport",
    "OutreachPreference",
    "OutreachSend",
    "OutreachSignal",
    "OvertimeMonth",
]


class OutreachImport(models.Model):
    """One applied file (a preview leaves none): what HR's page lists as imported."""

    class Kind(models.TextChoices):
        LIFE_EVENTS = "life_events", _("Personnel changes")
        OVERTIME = "overtime", _("Monthly overtime hours")
        FAMILY_CARE = "family_care", _("Family-care leave days")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    scope = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    filename = models.CharField(_("file"), max_length=200)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    signals = models.PositiveIntegerField(_("reasons to reach out"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filename}"


class LifeEvent(models.Model):
    """A personnel change of one employee, as imported (the same event imported twice is
    one row), or as a roster import showed it (`source` empty; decision 0065)."""

    class Kind(models.TextChoices):
        MARRIAGE = "marriage", _("marriage")
        BIRTH = "birth", _("birth of a child")
        BEREAVEMENT = "bereavement", _("bereavement")
        RETIREMENT = "retirement", _("retirement")
        TRANSFER = "transfer", _("transfer")
        UNPAID_LEAVE = "unpaid_leave", _("unpaid leave")
        RETURN = "return", _("return from unpaid leave")
        # The roster shows only that someone is no longer in it: retired, resigned or on
        # unpaid leave. Followed up when the plan lists retirement or unpaid leave.
        LEFT = "left", _("left the staff roster")

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    on = models.DateField(_("date"))
    source = models.ForeignKey(
        OutreachImport, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["employee", "kind", "on"], name="care_lifeevent_once")
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.kind} {self.on}"


class OvertimeMonth(models.Model):
    """Overtime hours of one employee in one month (`month` is its first day); a later
    import of the same month replaces the hours."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("month"))
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1)
    source = models.ForeignKey(OutreachImport, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["employee", "month"], name="care_overtime_once")
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.month:%Y-%m} {self.hours}"


class FamilyCareMonth(models.Model):
    """Family-care leave days of one employee in one month (`month` is its first day)."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("month"))
    days = models.DecimalField(_("leave days"), max_digits=5, decimal_places=1)
    source = models.ForeignKey(OutreachImport, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["employee", "month"], name="care_familycare_once")
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.month:%Y-%m} {self.days}"


class OutreachSignal(models.Model):
    """One reason to reach one employee (a life event, an overtime month over the
    threshold, family-care leave over the window), handled once: `key` tells two reasons
    of the same kind apart (the event and its date, the month)."""

    class Reason(models.TextChoices):
        LIFE_EVENT = "life_event", _("Life events")
        OVERTIME = "overtime", _("Overtime")
        FAMILY_CARE = "family_care", _("Family-care leave")

    class Outcome(models.TextChoices):
        INVITED = "invited", _("Invitation sent")
        MAILED = "mailed", _("Invitation sent by e-mail only")
        TURNED_OFF = "turned_off", _("Not sent: outreach messages turned off")
        NO_ACCOUNT = "no_account", _("Not sent: no account to reach")
        QUIET = "quiet", _("Counted, not sent: quiet period")

        @classmethod
        def sent(cls) -> tuple[str, ...]:
            """The outcomes that are a message to the person (the quiet period counts them)."""
            return (cls.INVITED, cls.MAILED)

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason to reach out"), max_length=20, choices=Reason.choices)
    key = models.CharField(max_length=40)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    handled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "reason", "key"], name="care_outreachsignal_once"
            )
        ]
        indexes = [
            models.Index(fields=["employee", "handled_at"], name="care_outreachsignal_quiet")
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.reason} {self.key}"


class OutreachSend(models.Model):
    """One thing sent (or held back), by unit, reason and way, without the person: the
    rows HR's page counts through the k rule. Each signal has one row of way
    INVITATION or NOT_SENT; a named care prompt adds one row of its own."""

    class Way(models.TextChoices):
        INVITATION = "invitation", _("Invitations to the employee")
        SUPERVISOR_PROMPT = "supervisor_prompt", _("Care prompts to supervisors")
        HR_PROMPT = "hr_prompt", _("Care prompts to HR officers")
        NOT_SENT = "not_sent", _("Not sent (turned off, or no account)")
        QUIET = "quiet", _("Counted, not sent (quiet period)")

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(
        _("reason to reach out"), max_length=20, choices=OutreachSignal.Reason.choices
    )
    way = models.CharField(_("way"), max_length=20, choices=Way.choices)
    sent_on = models.DateField(_("sent on"))

    class Meta:
        indexes = [models.Index(fields=["sent_on"], name="care_outreachsend_on")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.reason} {self.way} {self.sent_on}"


class OutreachPreference(models.Model):
    """The employee's own choice: outreach messages off. Every send reads it."""

    employee = models.OneToOneField(
        Employee, on_delete=models.CASCADE, related_name="outreach_preference"
    )
    messages_off = models.BooleanField(_("outreach messages turned off"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.employee_id} off={self.messages_off}"
