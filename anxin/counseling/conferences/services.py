"""What changes state in case conferences: scheduling, the employee's answer, the record
of decisions, action items. Sealed text goes in through `seal_into()` and comes out only
through `read_sealed_fields()`, each read logged against the employee's file."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from anxin.core.audit import read_sealed_fields
from anxin.core.locking import save_versioned
from anxin.core.notifications import notify
from anxin.core.refusals import Refused
from anxin.core.roc import format_short
from anxin.core.sealed import seal_into
from anxin.counseling.conferences.models import (
    CaseConference,
    ConferenceActionItem,
    ConferenceParticipant,
)
from anxin.counseling.conferences.policies import PURPOSE_CONFERENCE
from anxin.counseling.models import Case
from anxin.people.roles import Role

# The part a participant takes (not the active role he or she acts in).
Part = ConferenceParticipant.Role


# What a change the conference's present state does not allow says, by its code.
REFUSALS = {
    "case_closed": _("This case is closed: its records can no longer be changed."),
    "past": _("Choose a date and time in the future."),
    "answered": _("You have already answered."),
    "not_agreed": _("The conference can be held only once the employee has agreed."),
    "not_participant": _("The owner of an action item is one of the conference's participants."),
}


def _refused(code: str) -> Refused:
    return Refused(code, REFUSALS[code])


def _when(conference: CaseConference) -> str:
    local = timezone.localtime(conference.starts_at)
    return f"{format_short(local.date())} {local:%H:%M}"


def _lazy_format(message: str, **values) -> str:
    """`message` % `values`, translated when rendered, into each recipient's language."""
    return lazy(lambda: gettext(message) % values, str)()


@transaction.atomic
def conference_schedule(
    *,
    case: Case,
    scheduled_by,
    scheduler_role: str,
    starts_at: datetime,
    place: str,
    agenda: str,
    unit_head,
    personnel_head,
) -> CaseConference:
    """Schedule a conference and ask the employee, in the inbox only and with no content,
    whether he or she agrees. Nobody in the employee's chain is told anything yet."""
    if case.is_closed:
        raise _refused("case_closed")
    if starts_at <= timezone.now():
        raise _refused("past")
    conference = CaseConference(
        case=case, starts_at=starts_at, place=place, scheduled_by=scheduled_by
    )
    seal_into(conference, "agenda", agenda)
    seal_into(conference, "decisions", "")
    conference.save()
    people = [(case.counselor, Part.COUNSELOR), (unit_head, Part.UNIT_HEAD)]
    people.append((personnel_head, Part.PERSONNEL_HEAD))
    if scheduler_role == Role.INTAKE and scheduled_by != case.counselor:
        people.append((scheduled_by, Part.COORDINATOR))
    seen = set()
    for user, role in people:
        if user.pk not in seen:
            seen.add(user.pk)
            ConferenceParticipant.objects.create(conference=conference, user=user, role=role)
    if case.employee.user is not None:
        notify(
            recipients=[case.employee.user],
            template="generic",
            context={
                "subject": _("Your agreement is asked for"),
                "body": _("Please open the link to read the request and give your answer."),
            },
            url=reverse("counseling:conference_consent", args=[conference.uuid]),
            email=False,
        )
    return conference


@transaction.atomic
def conference_answer(*, conference: CaseConference, agree: bool) -> CaseConference:
    """The employee's answer. Agreed: the participants are told the time and place.
    Declined: the conference is cancelled and only its counselling-room side is told."""
    conference = CaseConference.objects.select_for_update().get(pk=conference.pk)
    if conference.consent != CaseConference.Consent.PENDING:
        raise _refused("answered")
    conference.consent_answered_at = timezone.now()
    if agree:
        conference.consent = CaseConference.Consent.AGREED
        conference.status = CaseConference.Status.SCHEDULED
        recipients = [p.user for p in conference.participants.select_related("user")]
        body = _lazy_format(
            gettext_noop(
                "A case conference you take part in will be held on %(when)s at %(place)s."
            ),
            when=_when(conference),
            place=conference.place,
        )
        subject = _("A case conference has been scheduled")
    else:
        conference.consent = CaseConference.Consent.DECLINED
        conference.status = CaseConference.Status.CANCELLED
        organisers = (Part.COUNSELOR, Part.COORDINATOR)
        recipients = [
            p.user
            for p in conference.participants.filter(role__in=organisers).select_related("user")
        ]
        body = _("A case conference you scheduled has been cancelled.")
        subject = _("A case conference has been cancelled")
    conference.save(update_fields=["consent", "consent_answered_at", "status"])
    notify(
        recipients=recipients,
        template="generic",
        context={"subject": subject, "body": body},
        url=conference.get_absolute_url(),
        email=False,
    )
    return conference


@dataclass(frozen=True)
class ConferenceText:
    agenda: str
    decisions: str


def conference_read(
    *, conference: CaseConference, participant: ConferenceParticipant, actor, role: str
) -> ConferenceText | None:
    """The agenda and decisions for a participant, each read logged against the employee.
    Before the employee agrees only the counselling room's side reads them; None else."""
    if not (conference.is_agreed or participant.is_organiser):
        return None
    values = read_sealed_fields(
        conference,
        CaseConference.SEALED,
        actor=actor,
        role=role,
        purpose=PURPOSE_CONFERENCE,
        subject_uuid=conference.case.employee.uuid,
    )
    return ConferenceText(**values)


@transaction.atomic
def conference_record_decisions(
    *, conference: CaseConference, decisions: str, expected_version: int
) -> CaseConference:
    """Write the decisions and mark the conference held; refused without the employee's
    agreement, and with StaleEdit if someone saved them meanwhile."""
    if not conference.is_agreed or not conference.is_open:
        raise _refused("not_agreed")
    seal_into(conference, "decisions", decisions)
    conference.status = CaseConference.Status.HELD
    save_versioned(conference, expected_version=expected_version, fields=["decisions", "status"])
    return conference


# --- action items ----------------------------------------------------------------------------


@transaction.atomic
def action_item_add(
    *, conference: CaseConference, text: str, owner, due_on: date
) -> ConferenceActionItem:
    if not conference.is_agreed or not conference.is_open:
        raise _refused("not_agreed")
    if not conference.participants.filter(user=owner).exists():
        raise _refused("not_participant")
    item = ConferenceActionItem(conference=conference, owner=owner, due_on=due_on)
    seal_into(item, "text", text)
    item.save()
    if owner != conference.case.counselor:
        notify(
            recipients=[owner],
            template="generic",
            context={
                "subject": _("An action item of a case conference is yours"),
                "body": _lazy_format(
                    gettext_noop("It is due on %(date)s."), date=format_short(due_on)
                ),
            },
            url=conference.get_absolute_url(),
            email=False,
        )
    return item


@transaction.atomic
def action_item_done(*, item: ConferenceActionItem) -> ConferenceActionItem:
    item = ConferenceActionItem.objects.select_for_update().get(pk=item.pk)
    if item.done_at is None:
        item.done_at = timezone.now()
        item.save(update_fields=["done_at"])
    return item


def action_items_read(
    *, conference: CaseConference, actor, role: str
) -> list[tuple[ConferenceActionItem, str]]:
    """Each action item with its text, each read logged against the employee."""
    subject = conference.case.employee.uuid
    return [
        (
            item,
            read_sealed_fields(
                item,
                ConferenceActionItem.SEALED,
                actor=actor,
                role=role,
                purpose=PURPOSE_CONFERENCE,
                subject_uuid=subject,
            )["text"],
        )
        for item in conference.action_items.select_related("owner")
    ]
