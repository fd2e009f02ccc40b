"""Questionnaires, their versions, surveys and answers (docs/decisions/0008-surveys.md,
0019-anonymous-batches.md).

Anonymous surveys keep two tables that cannot be joined: `AnonymousReceipt` says who
answered (to refuse a second answer) and `AnonymousAnswer` holds what was answered. They
share only the survey: no key, no time, no order. An answer is first sealed into
`PendingAnswer` (who and what together, ciphertext only, found again by a keyed token);
a job (`ballots.py`) moves pending answers in shuffled batches into receipts, answers and
the sealed `SurveyTally`, so that neither storage order, keys, transaction ids nor time
pairs a receipt with an answer. Confidential and identified surveys keep `Response`,
linked to the employee, with drafts.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.core.fields import SealedField
from anxin.surveys import definitions


class Preset(models.Model):
    """A questionnaire preset loaded from `anxin/surveys/presets/*.yaml` (example wording
    an authority reviews before use); copied into a new draft from the builder."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    definition = models.JSONField(_("definition"))
    source_file = models.CharField(_("source file"), max_length=200)
    loaded_at = models.DateTimeField(_("loaded"), auto_now=True)

    class Meta:
        verbose_name = _("questionnaire preset")
        verbose_name_plural = _("questionnaire presets")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key

    @property
    def title(self) -> str:
        return self.definition.get("title", self.key)


class Questionnaire(models.Model):
    """A questionnaire across its versions, owned by the organisation unit of the person who
    created it (an agency for hr, the authority for eap_admin)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        "people.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self) -> str:
        return f"questionnaire {self.uuid}"


class QuestionnaireVersion(models.Model):
    """One version of a questionnaire. A draft is edited (with optimistic locking); a
    published version is frozen: changes go into a new draft version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    definition = models.JSONField(_("definition"))
    title = models.CharField(_("title"), max_length=200)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)  # optimistic lock of the draft

    class Meta:
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        ordering = ["questionnaire", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="questionnaire_version_unique"
            ),
            models.UniqueConstraint(
                fields=["questionnaire"],
                condition=Q(status="draft"),
                name="questionnaire_one_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def parsed(self) -> definitions.Definition:
        cached = getattr(self, "_parsed", None)
        if cached is None or cached.data is not self.definition:
            cached = self._parsed = definitions.parse(self.definition)
        return cached


class Survey(models.Model):
    """A published questionnaire version put to an audience between two dates, in one of
    three anonymity modes."""

    class Mode(models.TextChoices):
        ANONYMOUS = "anonymous", _("Anonymous")
        CONFIDENTIAL = "confidential", _("Confidential")
        IDENTIFIED = "identified", _("Identified")

    class Schedule(models.TextChoices):
        # docs/decisions/0013-survey-schedules.md
        FIXED = "", _("The whole audience, between the survey's dates")
        HIRE_DATE = "hire_date", _("Each person, counted from his or her hire date")
        CASE_CLOSED = (
            "case_closed",
            _("Each person, counted from the closing of a counselling case"),
        )
        EVENT_ENDED = "event_ended", _("Each participant, counted from the end of an event")

    class WindowUnit(models.TextChoices):
        DAYS = "days", _("days")
        MONTHS = "months", _("months")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, related_name="surveys"
    )
    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(
        "people.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    scope = models.ForeignKey(
        "people.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("audience: organisation unit"),
    )
    # Staff category codes (Employee.StaffCategory); empty: every category.
    staff_categories = models.JSONField(_("audience: staff categories"), default=list)
    # Person-relative schedule: each person is invited with an own answering window,
    # from `window_start` to `window_end` (days or months) after the anchor, bounded by the
    # survey's dates. For EVENT_ENDED, `event` is the event the survey collects feedback on;
    # without one, the survey stands for every event organised within its owner that has
    # none of its own (a copy per event is made when the event ends).
    schedule = models.CharField(
        _("schedule"), max_length=12, choices=Schedule.choices, default="", blank=True
    )
    window_start = models.PositiveSmallIntegerField(_("answering opens after"), default=0)
    window_end = models.PositiveSmallIntegerField(_("answering closes after"), default=0)
    window_unit = models.CharField(
        _("counted in"), max_length=6, choices=WindowUnit.choices, default=WindowUnit.DAYS
    )
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("event"),
    )
    remind_days_before = models.PositiveSmallIntegerField(
        _("reminder, days before closing"), default=3
    )
    # A survey for the whole audience: when the audience was invited and reminded.
    invited_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    mode = models.CharField(_("anonymity"), max_length=12, choices=Mode.choices)
    # What the answers are reported by (analysis.DIMENSIONS keys), told to respondents on
    # the first page; only these attributes are stored with each answer
    # (docs/decisions/0014-survey-analysis.md).
    breakdowns = models.JSONField(_("reported by"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="survey_dates_in_order"
            ),
            # Satisfaction after counselling must never name who had counselling.
            models.CheckConstraint(
                condition=~Q(schedule="case_closed", mode="identified"),
                name="survey_case_schedule_not_identified",
            ),
            models.CheckConstraint(
                condition=Q(window_end__gte=models.F("window_start")),
                name="survey_window_in_order",
            ),
            models.UniqueConstraint(
                fields=["event"], condition=Q(event__isnull=False), name="survey_one_per_event"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, on=None) -> bool:
        today = on or timezone.localdate()
        return self.opens_on <= today <= self.closes_on

    @property
    def allows_drafts(self) -> bool:
        return self.mode != self.Mode.ANONYMOUS

    @property
    def is_person_relative(self) -> bool:
        return bool(self.schedule)

    @property
    def is_discreet(self) -> bool:
        """Whether its invitations must not say what it is about: after counselling (who
        had it is nobody's business) or after a sensitive event (invariant 10)."""
        return self.schedule == self.Schedule.CASE_CLOSED or bool(
            self.event_id and self.event.is_sensitive
        )


class AnonymousReceipt(models.Model):
    """Who has answered an anonymous survey, so that a second answer is refused (the
    pending token refuses it before the batch). Nothing else: no time, no answer, no
    order (random primary key); written by the batch job, shuffled, with its batch's
    answers (decision 0019)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("anonymous-survey receipt")
        verbose_name_plural = _("anonymous-survey receipts")
        constraints = [
            models.UniqueConstraint(fields=["survey", "employee"], name="anonymous_receipt_once")
        ]

    def __str__(self) -> str:
        return "receipt"


class AnonymousAnswer(models.Model):
    """What was answered to an anonymous survey: the survey and the answers. No link to
    anyone, no time at all, a random primary key; written by the batch job in a shuffled
    batch, and all of a survey's answers rewritten in one shuffled batch after it closes
    (decision 0019)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    answers = models.JSONField()

    class Meta:
        verbose_name = _("anonymous answer")
        verbose_name_plural = _("anonymous answers")

    def __str__(self) -> str:
        return "anonymous answer"


class Response(models.Model):
    """An answer to a confidential or identified survey, linked to the employee; a draft
    until submitted."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.CASCADE, related_name="survey_responses"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    answers = models.JSONField(default=dict)
    saved_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.UniqueConstraint(fields=["survey", "employee"], name="survey_response_once")
        ]
        indexes = [models.Index(fields=["survey", "status"], name="survey_response_status")]

    def __str__(self) -> str:
        return f"response {self.uuid}"


class SurveyInvitation(models.Model):
    """A person invited to a person-relative survey, with his or her own answering
    window (within the survey's dates). One per person and survey: re-running the
    schedule never invites twice. Carries no reason (no case, no event): the invitation
    itself is all that is kept."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="+")
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.UniqueConstraint(fields=["survey", "employee"], name="survey_invitation_once"),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="survey_invitation_dates_in_order",
            ),
        ]
        indexes = [
            models.Index(fields=["employee", "closes_on"], name="survey_invitation_employee")
        ]

    def __str__(self) -> str:
        return f"invitation {self.pk}"


class SurveyExport(models.Model):
    """The file of one export of a survey: its anonymised answers (anxin/surveys/exports.py),
    its results tables or its PDF report (anxin/surveys/report.py), kept with its background
    job: only the person who started the job downloads it, and it goes when the job's
    record is pruned (core `prune_jobs`)."""

    class Kind(models.TextChoices):
        RAW = "raw", _("Answer data")
        RESULTS = "results", _("Results tables")
        REPORT = "report", _("PDF report")

    job = models.OneToOneField("core.Job", on_delete=models.CASCADE, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.RAW)
    format = models.CharField(max_length=4)
    include_text = models.BooleanField(default=False)
    filename = models.CharField(max_length=255)
    rows = models.PositiveIntegerField(default=0)
    content = models.BinaryField(editable=False)

    class Meta:
        verbose_name = _("survey export")
        verbose_name_plural = _("survey exports")

    def __str__(self) -> str:
        return self.filename


class PendingAnswer(models.Model):
    """A submitted answer waiting for its batch (decision 0019): the survey, a keyed token
    of survey and person (HMAC under the data key: refuses a second answer, names nobody
    without the key) and, sealed, who answered (anonymous surveys), what, and the declared
    attributes for the tallies, padded to a size class. No time, a random primary key.
    The batch job (`ballots.py`) deletes it when it writes the receipt, the answer and
    the tallies."""

    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=100)
    payload = SealedField()

    class Meta:
        verbose_name = _("pending answer")
        verbose_name_plural = _("pending answers")
        constraints = [
            models.UniqueConstraint(fields=["survey", "token"], name="pending_answer_once")
        ]

    def __str__(self) -> str:
        return "pending answer"


class SurveyTally(models.Model):
    """What the analysis counts, for one survey, sealed as one value (decision 0019): per
    breakdown group, question and answer, the count, sum and sum of squares. Written only
    by the batch job, a batch at a time, so that no row belongs to one respondent, and
    readable only with the data key: an insider sees neither per-person rows nor the
    small groups the k rule hides. `final`: the survey has closed and its anonymous
    answers were rewritten in one shuffled batch."""

    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.OneToOneField(Survey, on_delete=models.CASCADE, related_name="+")
    payload = SealedField()
    final = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("survey tally")
        verbose_name_plural = _("survey tallies")

    def __str__(self) -> str:
        return "survey tally"
