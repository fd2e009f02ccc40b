"""What changes the governance records: bodies made from the plan, meetings at the plan's
cadence, minutes drafted, approved and published (optimistic locking), action items
carried to the next meeting until closed, the work plan, and reward proposals.

Views, the demo and the due jobs call these; none writes the models directly."""

import re
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, F, Q
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.core.locking import StaleEdit, save_versioned
from anxin.core.notifications import notify
from anxin.core.refusals import Refused
from anxin.governance.models import (
    ActionItem,
    ActionProgress,
    AgendaItem,
    Attendance,
    Body,
    Decision,
    GovernanceLog,
    Meeting,
    MeetingDocument,
    Member,
    RewardProposal,
    WorkingGroup,
    WorkPlanItem,
)
from anxin.governance.models import _document_path as document_path
from anxin.people.models import OrgUnit, User
from anxin.plans import config as c
from anxin.plans.models import ProgramPlan

# A case code as the counselling room writes it (TPE114-0042, decision 0004): letters,
# the ROC year, a dash, a number. Minutes and decisions never quote one.
CASE_CODE = re.compile(r"(?<![A-Za-z])[A-Za-z]{2,6}\d{2,3}-\d{3,6}(?!\d)")
# Reminders: once this many days before the due date, once more when overdue.
REMIND_BEFORE = timedelta(days=3)
# A meeting the year's schedule adds lands this many days into its window.
INTO_WINDOW = timedelta(days=14)
# A member is told this long before his or her term ends (once).
TERM_WARNING = timedelta(days=60)
# Minutes not approved yet: their meeting's agenda still takes carried action items.
NOT_APPROVED = (Meeting.Minutes.DRAFT, Meeting.Minutes.SUBMITTED)


def check_not_clinical(*texts: str) -> None:
    """Refuse governance text that quotes a case: minutes are not clinical."""
    if any(CASE_CODE.search(text or "") for text in texts):
        raise Refused(
            "clinical",
            _(
                "Minutes, decisions and action items never quote a case: remove the case "
                "code and write about the programme, not a person."
            ),
        )


# --- bodies -------------------------------------------------------------------------------


@transaction.atomic
def bodies_from_plan(*, plan: ProgramPlan) -> list[Body]:
    """The plan's governance bodies and their groups, made or brought up to date for the
    plan's authority; members and meetings are kept. Running twice changes nothing."""
    made = []
    for spec in plan.governance_bodies:
        body, _created = Body.objects.update_or_create(
            authority_id=plan.authority_id,
            key=spec.key,
            defaults={
                "name": spec.name,
                "convener": spec.convener,
                "secretariat": spec.secretariat,
                "composition": spec.composition,
                "members_min": spec.members_min,
                "members_max": spec.members_max,
                "source": spec.source,
                "meetings_planned": [asdict(meeting) for meeting in spec.meetings],
            },
        )
        for group in spec.groups:
            WorkingGroup.objects.update_or_create(
                body=body,
                number=group.number,
                defaults={
                    "name": group.name,
                    "duties": [duty.text for duty in group.duties],
                    "months": list(group.months),
                    "period": group.period,
                    "has_leader": group.has_leader,
                    "source": group.source,
                },
            )
        made.append(body)
    return made


@transaction.atomic
def member_add(
    *,
    body: Body,
    name: str,
    position: str,
    term_start: date,
    term_end: date | None = None,
    user: User | None = None,
    group: WorkingGroup | None = None,
    title: str = "",
) -> Member:
    if term_end is not None and term_end < term_start:
        raise Refused("term", _("A term cannot end before it starts."))
    if group is not None and group.body_id != body.pk:
        raise Refused("group", _("The group belongs to another body."))
    if position == Member.Position.GROUP_LEADER and (group is None or not group.has_leader):
        raise Refused("leader", _("Only a group that has a leader under the plan can have one."))
    return Member.objects.create(
        body=body,
        name=name,
        position=position,
        term_start=term_start,
        term_end=term_end,
        user=user,
        group=group,
        title=title,
    )


# --- the plan's cadence ---------------------------------------------------------------------

CADENCE_MONTHS = {
    "year": [list(range(1, 13))],
    "half_year": [list(range(1, 7)), list(range(7, 13))],
    "quarter": [[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]],
    "two_months": [[m, m + 1] for m in range(1, 13, 2)],
    "month": [[m] for m in range(1, 13)],
}


def _runs(months: list[int]) -> list[list[int]]:
    """Consecutive months within a calendar year: [1, 2, 3, 9, 10] -> [[1, 2, 3], [9, 10]]."""
    runs: list[list[int]] = []
    for month in sorted(set(months)):
        if runs and runs[-1][-1] == month - 1:
            runs[-1].append(month)
        else:
            runs.append([month])
    return runs


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


def meeting_windows(meeting: c.Meeting, year: int) -> list[tuple[date, date]]:
    """The windows in `year` in which the plan holds `meeting`: its months when it names
    them (each run of consecutive months one window: 1-3 and 9-12 for Pingtung's review
    meetings), else its cadence's periods. A meeting held only as needed has none."""
    runs = _runs(list(meeting.months)) if meeting.months else CADENCE_MONTHS.get(meeting.cadence)
    if not runs:
        return []
    return [(date(year, run[0], 1), _month_end(year, run[-1])) for run in runs]


def plan_meetings(body: Body) -> list[c.Meeting]:
    """The meetings the plan sets for `body`, as they were when the body was made from
    it (or last brought up to date)."""
    return [
        c.Meeting(**{**spec, "months": tuple(spec.get("months", ()))})
        for spec in body.meetings_planned
    ]


def in_window(meeting: c.Meeting, day: date) -> bool:
    return any(start <= day <= end for start, end in meeting_windows(meeting, day.year))


@transaction.atomic
def meeting_schedule(
    *,
    body: Body,
    kind: str,
    title: str,
    held_on: date,
    place: str = "",
    reason: str = "",
) -> Meeting:
    """Schedule a meeting of `body`: `kind` names one of the plan's meetings of the body,
    or is empty for an extraordinary one. A plan meeting outside the plan's window needs
    a reason; open action items of earlier meetings join its agenda."""
    reason = reason.strip()
    check_not_clinical(title, reason)
    if kind:
        spec = next((m for m in plan_meetings(body) if m.name == kind), None)
        if spec is None:
            raise Refused("kind", _("The plan sets no such meeting for this body."))
        if not in_window(spec, held_on) and not reason:
            raise Refused(
                "outside_window",
                _("The plan holds this meeting in %(months)s: give the reason for another date.")
                % {"months": spec.months_display or spec.cadence_label},
            )
    elif not reason:
        raise Refused("reason", _("An extraordinary meeting needs a reason."))
    meeting = Meeting.objects.create(
        body=body, kind=kind, title=title, held_on=held_on, place=place, window_reason=reason
    )
    carry_forward(meeting.body_id)
    return meeting


@transaction.atomic
def meetings_schedule_year(*, body: Body, year: int) -> int:
    """Schedule every meeting the plan sets for `body` in `year` that is not scheduled
    yet, one in each window. Running twice adds nothing."""
    made = 0
    for spec in plan_meetings(body):
        for start, end in meeting_windows(spec, year):
            exists = Meeting.objects.filter(
                body=body, kind=spec.name, held_on__range=(start, end)
            ).exists()
            if exists:
                continue
            held_on = min(start + INTO_WINDOW, end)
            meeting_schedule(body=body, kind=spec.name, title=spec.name, held_on=held_on)
            made += 1
    return made


# --- meetings ----------------------------------------------------------------------------


def _only_draft(meeting: Meeting) -> None:
    if meeting.minutes_status == Meeting.Minutes.SUBMITTED:
        raise Refused(
            "submitted",
            _("The minutes await the convener's approval: nothing can change until then."),
        )
    if meeting.minutes_status != Meeting.Minutes.DRAFT:
        raise Refused("published", _("The minutes are approved: this meeting is closed."))


def convener_accounts(body: Body) -> list[User]:
    """The accounts of the body's convener(s) in term today: they approve its minutes in
    Anxin."""
    return [
        member.user
        for member in body.members.filter(
            Member.serving(timezone.localdate()),
            position=Member.Position.CONVENER,
            user__isnull=False,
        ).select_related("user")
    ]


@transaction.atomic
def agenda_add(*, meeting: Meeting, title: str, document: str = "") -> AgendaItem:
    _only_draft(meeting)
    check_not_clinical(title, document)
    position = meeting.agenda.count() + 1
    return AgendaItem.objects.create(
        meeting=meeting, title=title, document=document, position=position
    )


@transaction.atomic
def attendance_record(*, meeting: Meeting, present: set[int]) -> int:
    """Mark each member of the meeting's body present (ids in `present`) or absent."""
    _only_draft(meeting)
    members = list(meeting.body.members.all())
    Attendance.objects.filter(meeting=meeting).delete()
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, member=member, present=member.pk in present)
        for member in members
    )
    return sum(1 for member in members if member.pk in present)


@transaction.atomic
def minutes_save(*, meeting: Meeting, text: str, expected_version: int) -> None:
    """Save the draft minutes, refused if someone saved them since they were opened."""
    _only_draft(meeting)
    check_not_clinical(text)
    meeting.minutes = text
    save_versioned(meeting, expected_version=expected_version, fields=["minutes"])


@transaction.atomic
def minutes_submit(*, meeting: Meeting, actor: User, expected_version: int) -> None:
    """The secretariat sends the draft to the body's convener for approval; the convener
    is told (inbox and e-mail). Until he or she answers, the meeting cannot change."""
    _only_draft(meeting)
    conveners = convener_accounts(meeting.body)
    if not conveners:
        raise Refused(
            "no_convener",
            _("The body's convener has no account: record the approval on his or her behalf."),
        )
    if not meeting.minutes.strip():
        raise Refused("empty", _("Write the minutes before approving them."))
    meeting.minutes_status = Meeting.Minutes.SUBMITTED
    meeting.submitted_by = actor
    save_versioned(
        meeting, expected_version=expected_version, fields=["minutes_status", "submitted_by"]
    )
    notify(
        recipients=conveners,
        template="governance_minutes_to_approve",
        context={"meeting": meeting.title, "body": meeting.body.name},
        url=reverse("governance:meeting_detail", args=[meeting.pk]),
    )


@transaction.atomic
def minutes_approve(*, meeting: Meeting, actor: User, expected_version: int) -> None:
    """Approve the minutes. Where the body's convener has an account, only that account
    approves, once the secretariat has submitted them; otherwise the secretariat records
    the convener's approval given outside Anxin (decision 0070)."""
    conveners = convener_accounts(meeting.body)
    if conveners:
        if actor.pk not in {user.pk for user in conveners}:
            raise Refused(
                "convener",
                _("The convener approves these minutes in Anxin: submit them for approval."),
            )
        if meeting.minutes_status != Meeting.Minutes.SUBMITTED:
            raise Refused("not_submitted", _("These minutes are not awaiting approval."))
    else:
        _only_draft(meeting)
    if not meeting.minutes.strip():
        raise Refused("empty", _("Write the minutes before approving them."))
    meeting.minutes_status = Meeting.Minutes.APPROVED
    meeting.approved_by = actor
    save_versioned(
        meeting, expected_version=expected_version, fields=["minutes_status", "approved_by"]
    )
    if meeting.submitted_by_id:
        _tell_secretariat(meeting, _("approved them"), "")


@transaction.atomic
def minutes_return(*, meeting: Meeting, actor: User, comment: str, expected_version: int) -> None:
    """The convener returns the submitted draft to the secretariat with a comment."""
    if actor.pk not in {user.pk for user in convener_accounts(meeting.body)}:
        raise Refused("convener", _("Only the body's convener returns its minutes."))
    if meeting.minutes_status != Meeting.Minutes.SUBMITTED:
        raise Refused("not_submitted", _("These minutes are not awaiting approval."))
    comment = comment.strip()
    if not comment:
        raise Refused("comment", _("Say what should change in the minutes."))
    check_not_clinical(comment)
    meeting.minutes_status = Meeting.Minutes.DRAFT
    meeting.return_comment = comment
    save_versioned(
        meeting, expected_version=expected_version, fields=["minutes_status", "return_comment"]
    )
    _tell_secretariat(meeting, _("returned them"), comment)


def _tell_secretariat(meeting: Meeting, outcome, comment: str) -> None:
    notify(
        recipients=[meeting.submitted_by],
        template="governance_minutes_answered",
        context={"meeting": meeting.title, "outcome": outcome, "comment": comment},
        url=reverse("governance:meeting_detail", args=[meeting.pk]),
    )


@transaction.atomic
def minutes_publish(*, meeting: Meeting, expected_version: int) -> None:
    """Publish approved minutes to the body's members; the open action items move to
    the agenda of the body's next meeting."""
    if meeting.minutes_status != Meeting.Minutes.APPROVED:
        raise Refused("not_approved", _("Only approved minutes can be published."))
    meeting.minutes_status = Meeting.Minutes.PUBLISHED
    meeting.published_at = timezone.now()
    save_versioned(
        meeting, expected_version=expected_version, fields=["minutes_status", "published_at"]
    )
    carry_forward(meeting.body_id)


def carry_forward(body_id: int) -> int:
    """Put each open action item of the body on the agenda of its next meeting: the
    earliest one after the meeting that decided it whose minutes are still a draft.
    Once that meeting's minutes are published, the item moves on to the one after; a
    published agenda keeps it as it was. Returns the number of items placed anew."""
    drafts = list(
        Meeting.objects.filter(body_id=body_id, minutes_status__in=NOT_APPROVED).order_by(
            "held_on", "pk"
        )
    )
    open_items = ActionItem.objects.filter(
        meeting__body_id=body_id, closed_on__isnull=True
    ).select_related("meeting")
    placed = {
        (row.carried_id, row.meeting_id): row.pk
        for row in AgendaItem.objects.filter(
            carried__in=open_items, meeting__minutes_status__in=NOT_APPROVED
        )
    }
    wanted: set[tuple[int, int]] = set()
    rows = []
    for item in open_items:
        target = next((m for m in drafts if m.held_on > item.meeting.held_on), None)
        if target is None:
            continue
        wanted.add((item.pk, target.pk))
        if (item.pk, target.pk) not in placed:
            rows.append(AgendaItem(meeting=target, position=0, title=item.text, carried=item))
    stale = [pk for key, pk in placed.items() if key not in wanted]
    AgendaItem.objects.filter(pk__in=stale).delete()
    AgendaItem.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def decision_add(*, meeting: Meeting, text: str, proposed_by: Member | None = None) -> Decision:
    _only_draft(meeting)
    check_not_clinical(text)
    if proposed_by is not None and proposed_by.body_id != meeting.body_id:
        raise Refused("member", _("The proposer is not a member of this body."))
    return Decision.objects.create(meeting=meeting, text=text, proposed_by=proposed_by)


@transaction.atomic
def action_add(*, meeting: Meeting, text: str, owner: Member, due_on: date) -> ActionItem:
    """An action item with one owner; it joins the agenda of the body's next meeting."""
    _only_draft(meeting)
    check_not_clinical(text)
    if owner.body_id != meeting.body_id:
        raise Refused("member", _("The owner is not a member of this body."))
    if due_on < meeting.held_on:
        raise Refused("due", _("The due date cannot be before the meeting."))
    item = ActionItem.objects.create(meeting=meeting, text=text, owner=owner, due_on=due_on)
    carry_forward(meeting.body_id)
    return item


@transaction.atomic
def action_close(*, action: ActionItem, note: str, on: date | None = None) -> None:
    """Close the action item; it leaves the agendas of the meetings not held yet."""
    if not action.is_open:
        raise Refused("closed", _("This action item is closed already."))
    check_not_clinical(note)
    on = on or timezone.localdate()
    action.closed_on = on
    action.closing_note = note
    action.save(update_fields=["closed_on", "closing_note"])
    AgendaItem.objects.filter(
        carried=action, meeting__held_on__gt=on, meeting__minutes_status__in=NOT_APPROVED
    ).delete()


@transaction.atomic
def action_progress(*, action: ActionItem, note: str, actor: User) -> ActionProgress:
    """The owner notes how an open action item is going."""
    if not action.is_open:
        raise Refused("closed", _("This action item is closed already."))
    note = note.strip()
    check_not_clinical(note)
    return ActionProgress.objects.create(action=action, note=note, written_by=actor)


def actions_remind(*, today: date) -> int:
    """Remind each owner with an account: once when the due date is near, once more
    when it has passed. Running twice a day reminds nobody twice."""
    due = ActionItem.objects.filter(
        closed_on__isnull=True, due_on__lte=today + REMIND_BEFORE, owner__user__isnull=False
    ).select_related("owner__user", "meeting")
    sent = 0
    for item in due:
        first = item.reminded_on is None
        overdue_again = (
            item.due_on < today and item.reminded_on <= item.due_on if not first else False
        )
        if not (first or overdue_again):
            continue
        with transaction.atomic():
            notify(
                recipients=[item.owner.user],
                template="governance_action_due",
                context={"text": item.text, "due": item.due_on, "meeting": item.meeting.title},
                url=reverse("governance:my_actions"),
            )
            item.reminded_on = today
            item.save(update_fields=["reminded_on"])
        sent += 1
    return sent


def _log(action: str, *, actor: User, detail: str, meeting=None, member=None) -> None:
    GovernanceLog.objects.create(
        at=timezone.now(),
        actor=actor,
        actor_label=actor.get_username(),
        action=action,
        meeting=meeting,
        member=member,
        detail=detail[:300],
    )


@transaction.atomic
def member_term_set(
    *, member: Member, term_end: date | None, actor: User, expected_version: int
) -> None:
    """Renew a member's term (a later end, or none) or end it (an earlier end: today for
    "end now"). An end moved later clears `term_warned_on`, so that the member is told
    again before the new end (decision 0078). Logged; refused if someone changed the
    member since the page was opened."""
    if term_end is not None and term_end < member.term_start:
        raise Refused("term", _("A term cannot end before it starts."))
    before = member.term_end
    later = before is not None and (term_end is None or term_end > before)
    member.term_end = term_end
    fields = ["term_end"]
    if later and member.term_warned_on is not None:
        member.term_warned_on = None
        fields.append("term_warned_on")
    save_versioned(member, expected_version=expected_version, fields=fields)
    _log(
        GovernanceLog.Action.TERM_CHANGED,
        actor=actor,
        member=member,
        detail=f"{member.name}: {before or '-'} -> {term_end or '-'}",
    )


def terms_ending(*, authority_id: int, today: date) -> list[Member]:
    """The authority's members whose term ends within TERM_WARNING of `today`."""
    return list(
        Member.objects.filter(
            body__authority_id=authority_id,
            term_end__gte=today,
            term_end__lte=today + TERM_WARNING,
        )
        .select_related("body", "user")
        .order_by("term_end", "pk")
    )


def terms_warn(*, today: date) -> int:
    """Tell each member with an account, once, that the term ends within TERM_WARNING
    (inbox and e-mail). Running twice tells nobody twice."""
    due = Member.objects.filter(
        term_end__gte=today,
        term_end__lte=today + TERM_WARNING,
        term_warned_on__isnull=True,
        user__isnull=False,
    ).select_related("body", "user")
    told = 0
    for member in due:
        with transaction.atomic():
            notify(
                recipients=[member.user],
                template="governance_term_ending",
                context={"body": member.body.name, "term_end": member.term_end},
                url=reverse("governance:bodies"),
            )
            member.term_warned_on = today
            member.save(update_fields=["term_warned_on"])
        told += 1
    return told


# --- meeting documents ----------------------------------------------------------------------


@transaction.atomic
def document_add(
    *,
    meeting: Meeting,
    title: str,
    upload: UploadedFile,
    content_type: str,
    actor: User,
    agenda_item: AgendaItem | None = None,
) -> MeetingDocument:
    """Keep an uploaded file (validated by the form: type and size) for the meeting,
    through Django's default storage."""
    _only_draft(meeting)
    check_not_clinical(title)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise Refused("agenda", _("The agenda item belongs to another meeting."))
    return MeetingDocument.objects.create(
        meeting=meeting,
        agenda_item=agenda_item,
        title=title,
        file=upload,
        filename=PurePath(upload.name).name[:200],
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )


def _only_draft_documents(meeting: Meeting) -> None:
    """The files of a meeting change while its minutes are a draft (decision 0078): once
    published they are part of the record; once approved they are the papers the convener
    approved with the minutes; while submitted the convener is reading them."""
    if meeting.is_published:
        raise Refused(
            "published",
            _(
                "The minutes are published: their documents are part of the record and can "
                "no longer be replaced or deleted."
            ),
        )
    _only_draft(meeting)


def _locked_meeting(document: MeetingDocument) -> Meeting:
    """The document's meeting, read again and locked: a submission at the same moment
    waits for this change, or this change sees the meeting submitted."""
    return Meeting.objects.select_for_update().get(pk=document.meeting_id)


@transaction.atomic
def document_replace(
    *,
    document: MeetingDocument,
    upload: UploadedFile,
    content_type: str,
    actor: User,
    expected_version: int,
) -> MeetingDocument:
    """A new version of the document (its title and agenda item kept): the new file is
    stored, the old one removed from the storage once the change is committed. Refused if
    the document changed since the page was opened; logged."""
    meeting = _locked_meeting(document)
    _only_draft_documents(meeting)
    old_name = document.file.name
    storage = document.file.storage
    new_name = storage.save(document_path(document, upload.name), upload)
    document.file = FieldFile(document, document.file.field, new_name)
    document.filename = PurePath(upload.name).name[:200]
    document.content_type = content_type
    document.size = upload.size
    document.uploaded_by = actor
    document.uploaded_at = timezone.now()
    try:
        save_versioned(
            document,
            expected_version=expected_version,
            fields=["file", "filename", "content_type", "size", "uploaded_by", "uploaded_at"],
        )
    except BaseException:
        storage.delete(new_name)
        raise
    _log(
        GovernanceLog.Action.DOCUMENT_REPLACED,
        actor=actor,
        meeting=meeting,
        detail=f"{document.title} (v{document.version})",
    )
    transaction.on_commit(lambda: storage.delete(old_name))
    return document


@transaction.atomic
def document_delete(*, document: MeetingDocument, actor: User, expected_version: int) -> None:
    """Delete a wrong document: the row now, its file from the storage once committed.
    Refused if the document changed since the page was opened; logged."""
    meeting = _locked_meeting(document)
    _only_draft_documents(meeting)
    name, storage = document.file.name, document.file.storage
    deleted, _rows = MeetingDocument.objects.filter(
        pk=document.pk, version=expected_version
    ).delete()
    if not deleted:
        raise StaleEdit
    _log(
        GovernanceLog.Action.DOCUMENT_DELETED,
        actor=actor,
        meeting=meeting,
        detail=f"{document.title} ({document.filename})",
    )
    transaction.on_commit(lambda: storage.delete(name))


# --- the annual work plan -------------------------------------------------------------------


@transaction.atomic
def workplan_item_add(
    *,
    authority: OrgUnit,
    year: int,
    aspect: str,
    item: str,
    practice: str,
    owner_unit: OrgUnit,
    target: str = "",
) -> WorkPlanItem:
    if not owner_unit.path.startswith(authority.path):
        raise Refused("unit", _("The owning unit is outside your authority."))
    return WorkPlanItem.objects.create(
        authority=authority,
        year=year,
        aspect=aspect,
        item=item,
        practice=practice,
        owner_unit=owner_unit,
        target=target,
    )


@transaction.atomic
def workplan_item_update(
    *,
    item: WorkPlanItem,
    status: str,
    evidence: str,
    expected_version: int,
    events=None,
    surveys=None,
) -> None:
    """Record progress (status, evidence; the events held and surveys run that show it),
    refused if someone saved the item since it was opened."""
    item.status = status
    item.evidence = evidence
    save_versioned(item, expected_version=expected_version, fields=["status", "evidence"])
    if events is not None:
        item.events.set(events)
    if surveys is not None:
        item.surveys.set(surveys)


@dataclass(frozen=True)
class WorkPlanRow:
    aspect: str
    item: str
    practice: str
    owner_unit: str
    target: str
    status: str
    status_label: str
    events: int
    surveys: int
    evidence: str


@dataclass(frozen=True)
class WorkPlanStatus:
    """The work plan of a year as the evaluation dossier reads it."""

    year: int
    rows: tuple[WorkPlanRow, ...]
    counts: dict  # status -> number of items

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def done(self) -> int:
        return self.counts.get(WorkPlanItem.Status.DONE, 0)

    @property
    def percent_done(self) -> int:
        active = self.total - self.counts.get(WorkPlanItem.Status.DROPPED, 0)
        return round(100 * self.done / active) if active else 0


def work_plan_status(*, authority_id: int, year: int) -> WorkPlanStatus:
    """Read-only: the authority's work plan of `year` (a calendar year) with each item's
    status and its evidence counted; one query. For the reports app's dossier."""
    items = (
        WorkPlanItem.objects.filter(authority_id=authority_id, year=year)
        .select_related("owner_unit")
        .annotate(
            n_events=Count("events", distinct=True), n_surveys=Count("surveys", distinct=True)
        )
        .order_by("pk")
    )
    rows = tuple(
        WorkPlanRow(
            aspect=item.aspect,
            item=item.item,
            practice=item.practice,
            owner_unit=item.owner_unit.name,
            target=item.target,
            status=item.status,
            status_label=str(item.get_status_display()),
            events=item.n_events,
            surveys=item.n_surveys,
            evidence=item.evidence,
        )
        for item in items
    )
    counts: dict = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return WorkPlanStatus(year=year, rows=rows, counts=counts)


# --- rewards -----------------------------------------------------------------------------


def care_worker_candidates(*, authority_id: int, year: int) -> list[tuple[str, str]]:
    """The hook for 004 §肆.二 (care workers who did well): (name, grounds) pairs drawn
    from the care network's activity. The care app does not record that activity yet;
    until it does there is none, and the personnel office proposes care workers by hand.
    When it does, read it here (governance may import care: pyproject's contracts)."""
    return []


def _full_attendance_adopted(body: Body, year: int) -> list[tuple[Member, str]]:
    meetings = Meeting.objects.filter(body=body, held_on__year=year).exclude(
        minutes_status__in=NOT_APPROVED
    )
    held = meetings.count()
    if not held:
        return []
    members = (
        body.members.annotate(
            attended=Count(
                "attendance",
                filter=Q(attendance__present=True, attendance__meeting__in=meetings),
                distinct=True,
            ),
            adopted_count=Count("adopted", filter=Q(adopted__meeting__in=meetings), distinct=True),
        )
        .filter(attended=held, adopted_count__gt=0)
        .order_by("pk")
    )
    return [
        (
            member,
            str(
                _("Attended all %(held)s meetings; %(adopted)s proposal(s) adopted")
                % {"held": held, "adopted": member.adopted_count}
            ),
        )
        for member in members
    ]


def _effective_work(body: Body, year: int) -> list[tuple[Member, str]]:
    """Members who closed every action item they owned this year by its due date."""
    members = (
        body.members.annotate(
            owned=Count("actions", filter=Q(actions__due_on__year=year), distinct=True),
            on_time=Count(
                "actions",
                filter=Q(
                    actions__due_on__year=year,
                    actions__closed_on__isnull=False,
                    actions__closed_on__lte=F("actions__due_on"),
                ),
                distinct=True,
            ),
        )
        .filter(owned__gt=0)
        .order_by("pk")
    )
    return [
        (
            member,
            str(_("Closed all %(owned)s action items on time") % {"owned": member.owned}),
        )
        for member in members
        if member.on_time == member.owned
    ]


@transaction.atomic
def rewards_propose(*, authority: OrgUnit, year: int, plan: ProgramPlan) -> int:
    """Proposals under each of the plan's reward rules for `year`, for eap_admin to
    decide. Running twice adds nothing; a decided proposal stays as decided."""
    made = 0
    bodies = {body.key: body for body in Body.objects.filter(authority=authority)}
    for rule in plan.reward_rules:
        found: list[tuple[Member | None, str, str]] = []
        body = bodies.get(rule.body)
        if rule.rule == "full_attendance_adopted" and body:
            found = [(m, m.name, why) for m, why in _full_attendance_adopted(body, year)]
        elif rule.rule == "effective_work" and body:
            found = [(m, m.name, why) for m, why in _effective_work(body, year)]
        elif rule.rule == "care_worker":
            found = [
                (None, name, why)
                for name, why in care_worker_candidates(authority_id=authority.pk, year=year)
            ]
        for member, name, grounds in found:
            _proposal, created = RewardProposal.objects.get_or_create(
                authority=authority,
                year=year,
                rule=rule.rule,
                member=member,
                defaults={"name": name, "grounds": grounds[:300]},
            )
            made += created
    return made


@transaction.atomic
def reward_propose(
    *, authority: OrgUnit, year: int, rule: str, name: str, grounds: str
) -> RewardProposal:
    """A proposal written by hand: a care worker (until the care app records their
    activity) or anyone the records do not show."""
    check_not_clinical(name, grounds)
    return RewardProposal.objects.create(
        authority=authority, year=year, rule=rule, name=name, grounds=grounds
    )


@transaction.atomic
def reward_decide(*, proposal: RewardProposal, approve: bool, actor: User) -> None:
    if proposal.status != RewardProposal.Status.PROPOSED:
        raise Refused("decided", _("This proposal has been decided already."))
    proposal.status = RewardProposal.Status.APPROVED if approve else RewardProposal.Status.DECLINED
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
