"""Governance: the plan's bodies (a steering group, a working circle) with their members
and groups, their meetings (agenda, attendance, minutes, decisions, action items), the
authority's annual work plan, and reward proposals (decision 0055).

Minutes, decisions and action items are administrative text, never clinical: the services
refuse text that quotes a case code (`services.check_not_clinical`)."""

import uuid
from datetime import date
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anxin.people.models import OrgUnit


class Body(models.Model):
    """A steering group or working circle of an authority, made from its plan's
    `governance_bodies` (the plan's words are kept as they are)."""

    authority = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    key = models.SlugField(max_length=40)
    name = models.CharField(_("name"), max_length=120)
    convener = models.CharField(_("convener"), max_length=200, blank=True)
    secretariat = models.CharField(_("secretariat"), max_length=200, blank=True)
    composition = models.TextField(_("composition"), blank=True)
    members_min = models.PositiveSmallIntegerField(null=True, blank=True)
    members_max = models.PositiveSmallIntegerField(null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    # The plan's meetings of the body as the plan set them (name, cadence, per_year,
    # months, extraordinary, note, source): the cadence meetings are scheduled at.
    meetings_planned = models.JSONField(default=list)

    class Meta:
        verbose_name = _("body")
        constraints = [
            models.UniqueConstraint(fields=["authority", "key"], name="body_key_per_authority")
        ]
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class WorkingGroup(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="groups")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(_("name"), max_length=120)
    duties = models.JSONField(default=list)  # the plan's duty texts, in its order
    months = models.JSONField(default=list)  # the months the group's work runs in
    period = models.CharField(_("period"), max_length=200, blank=True)
    has_leader = models.BooleanField(default=False)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("working group")
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="group_number_per_body")
        ]
        ordering = ["body", "number"]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class Member(models.Model):
    """A person on a body: an account with the committee role, or a named person."""

    class Position(models.TextChoices):
        CONVENER = "convener", _("Convener")
        SECRETARIAT = "secretariat", _("Secretariat")
        GROUP_LEADER = "group_leader", _("Group leader")
        MEMBER = "member", _("Member")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members")
    group = models.ForeignKey(
        WorkingGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committee_seats",
    )
    name = models.CharField(_("name"), max_length=80)
    title = models.CharField(_("job title"), max_length=120, blank=True)
    position = models.CharField(
        _("position on the body"), max_length=20, choices=Position.choices, default=Position.MEMBER
    )
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    # When the member was told that the term ends soon (`services.terms_warn`): once a
    # term; a renewal that moves the end later clears it (`services.member_term_set`).
    term_warned_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("member")
        ordering = ["body", "position", "group__number", "pk"]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def serving(on: date, prefix: str = "") -> Q:
        """The members whose term holds on `on` (begun and not ended): only they reach the
        body's files and approve its minutes. `prefix` is the path to the member from the
        model filtered (e.g. "body__members__"); keep it in the same `filter()` call as the
        member's other conditions, so that they are one member's."""
        return Q(**{f"{prefix}term_start__lte": on}) & (
            Q(**{f"{prefix}term_end__isnull": True}) | Q(**{f"{prefix}term_end__gte": on})
        )

    def serves_on(self, on: date) -> bool:
        return self.term_start <= on and (self.term_end is None or self.term_end >= on)


class Meeting(models.Model):
    """A meeting of a body: `kind` is the name of one of the plan's meetings of the body
    (定期會議) or "" for an extraordinary one; outside the plan's window it carries a
    reason. Where the body's convener has an account, the secretariat submits the draft
    and the convener approves it or returns it with a comment (decision 0070)."""

    class Minutes(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting the convener's approval")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(_("meeting"), max_length=120, blank=True)
    title = models.CharField(_("title"), max_length=160)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    window_reason = models.TextField(_("reason for the date"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_status = models.CharField(max_length=10, choices=Minutes.choices, default=Minutes.DRAFT)
    version = models.PositiveIntegerField(default=1)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # The convener's comment when he or she last returned the draft.
    return_comment = models.TextField(_("comment on returning the minutes"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        ordering = ["held_on", "pk"]
        indexes = [models.Index(fields=["body", "held_on"], name="meeting_body_date")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.minutes_status == self.Minutes.PUBLISHED


class ActionItem(models.Model):
    """A follow-up decided at a meeting: one owner, a due date; open until closed, and
    carried to each later meeting's agenda until then."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions")
    text = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="actions")
    due_on = models.DateField(_("due date"))
    closed_on = models.DateField(null=True, blank=True)
    closing_note = models.CharField(_("how it was closed"), max_length=300, blank=True)
    reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("action item")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class ActionProgress(models.Model):
    """A note of progress the owner writes on an open action item."""

    action = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="progress")
    note = models.CharField(_("progress note"), max_length=300)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "written_at", "pk"]

    def __str__(self) -> str:
        return self.note


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("agenda item"), max_length=300)
    document = models.CharField(_("meeting document"), max_length=300, blank=True)
    # Set for an open action item carried from an earlier meeting.
    carried = models.ForeignKey(
        ActionItem, on_delete=models.CASCADE, null=True, blank=True, related_name="carried_to"
    )

    class Meta:
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "carried"], name="action_carried_once_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return self.title


def _document_path(instance: "MeetingDocument", filename: str) -> str:
    """A name that says nothing of the document: its own title stays in the database."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"governance/meetings/{instance.meeting_id}/{uuid.uuid4().hex}{suffix}"


class MeetingDocument(models.Model):
    """A file of a meeting (會議資料), optionally for one agenda item, kept through Django's
    storage and served only to the body's members and the EAP administrator. While the
    minutes are a draft the secretariat may replace the file with a new version (the row
    and its title stay; `version` counts) or delete it (decision 0078)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    agenda_item = models.ForeignKey(
        "AgendaItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="files"
    )
    title = models.CharField(_("document title"), max_length=200)
    file = models.FileField(upload_to=_document_path, max_length=200)
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("meeting document")
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.title


class GovernanceLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("the governance log is append-only")

    def delete(self):
        raise TypeError("the governance log is append-only")


class GovernanceLog(models.Model):
    """A governance change that erases what was there: a meeting document deleted or
    replaced, a member's term changed (decision 0078). Append-only; names, titles and
    dates, never clinical content."""

    class Action(models.TextChoices):
        DOCUMENT_REPLACED = "document_replaced", _("Document replaced")
        DOCUMENT_DELETED = "document_deleted", _("Document deleted")
        TERM_CHANGED = "term_changed", _("Term changed")

    at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    actor_label = models.CharField(_("done by"), max_length=150)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="log"
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="log"
    )
    detail = models.CharField(_("detail"), max_length=300)

    objects = GovernanceLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("governance log entry")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%Y-%m-%d}"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.present}"


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.CharField(_("meeting decision"), max_length=500)
    # The member whose proposal the meeting adopted, if any: 004 §肆.一.(一).
    proposed_by = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="adopted"
    )

    class Meta:
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.text


class WorkPlanItem(models.Model):
    """A row of the annual work plan in 003 §陸's three columns (推動面向 / 工作項目 /
    具體做法), with its owner, target, status and evidence."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDER_WAY = "under_way", _("Under way")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    authority = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    aspect = models.CharField(_("aspect"), max_length=60)
    item = models.CharField(_("work item"), max_length=120)
    practice = models.TextField(_("practice"))
    owner_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("owning unit")
    )
    target = models.CharField(_("target indicator"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    evidence = models.TextField(_("evidence"), blank=True)
    events = models.ManyToManyField("events.Event", blank=True, related_name="+")
    surveys = models.ManyToManyField("surveys.Survey", blank=True, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("work plan item")
        ordering = ["year", "pk"]

    def __str__(self) -> str:
        return self.item


class RewardProposal(models.Model):
    """A proposal to reward a member under one of the plan's rules; eap_admin decides."""

    class Rule(models.TextChoices):
        # The plan's `rewards` rules (docs/plans.md); the plan's own words are shown
        # beside each proposal when the plan in force names the rule.
        FULL_ATTENDANCE_ADOPTED = (
            "full_attendance_adopted",
            _("Full attendance with an adopted proposal"),
        )
        EFFECTIVE_WORK = "effective_work", _("Effective work")
        CARE_WORKER = "care_worker", _("Care worker who did well")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined for a reward")

    authority = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    rule = models.CharField(_("rule"), max_length=40, choices=Rule.choices)
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="rewards"
    )
    name = models.CharField(_("name"), max_length=80)
    grounds = models.CharField(_("grounds"), max_length=300)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("reward proposal")
        ordering = ["year", "rule", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "rule", "member"], name="reward_once_per_rule_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.rule})"
