"""Care-worker group meetings at the plan's cadence (issue 14 item 1; the Veterans Affairs
Council's care group meets every six months; `ProgramPlan.care_worker_meeting_months`).

hr (for its agency) or the EAP administrator (for the authority) schedules a meeting of
the group of a unit's subtree: every care worker in term there is invited by inbox and
e-mail. After the meeting the organiser records who came and short notes. The agenda and
the notes are about the group's work (training, promotion, how to refer), never about a
named colleague: a text that names an employee of the authority is refused (decision
0061). The care worker sees his or her upcoming meetings on the home page.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.care.workers.coverage import active_on
from anxin.care.workers.models import CareMeeting, CareMeetingInvitation, CareWorker
from anxin.care.workers.services import years_after
from anxin.core.locking import save_versioned
from anxin.core.notifications import notify
from anxin.core.refusals import Refused
from anxin.core.roc import format_long
from anxin.people.models import Employee, OrgUnit

MeetingStatus = CareMeeting.Status


def months_after(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has fewer days)."""
    years, month = divmod(day.month - 1 + months, 12)
    target = years_after(day.replace(day=1), years).replace(month=month + 1)
    for last in (day.day, 30, 29, 28):
        try:
            return target.replace(day=last)
        except ValueError:
            continue
    return target


@dataclass(frozen=True)
class Cadence:
    months: int
    last_held: date | None
    next_scheduled: date | None

    @property
    def due_by(self) -> date | None:
        """The day by which the next meeting should be held (None: none held yet)."""
        return months_after(self.last_held, self.months) if self.last_held else None

    def is_late(self, today: date) -> bool:
        return self.due_by is not None and self.due_by < today and self.next_scheduled is None


def meetings_in(scope: OrgUnit):
    """The meetings of groups in `scope` (hr: its agency's; the EAP administrator's: all
    of the authority's), each with its numbers of invited and present."""
    return (
        CareMeeting.objects.filter(unit__path__startswith=scope.path)
        .select_related("unit")
        .annotate(
            invited=Count("invitations"),
            present=Count("invitations", filter=Q(invitations__attended=True)),
        )
        .order_by("-starts_at")
    )


def cadence_of(meetings: list[CareMeeting], *, months: int, now: datetime) -> Cadence:
    held = [m.starts_at for m in meetings if m.status == MeetingStatus.HELD]
    ahead = [
        m.starts_at for m in meetings if m.status == MeetingStatus.SCHEDULED and m.starts_at >= now
    ]
    return Cadence(
        months=months,
        last_held=timezone.localdate(max(held)) if held else None,
        next_scheduled=timezone.localdate(min(ahead)) if ahead else None,
    )


def _check_no_names(text: str, unit: OrgUnit) -> None:
    """The agenda and the notes are about the group's work: a text naming an employee of
    the authority (two characters or more) is refused, with the name."""
    if not text.strip():
        return
    names = Employee.objects.filter(authority_id=unit.root_id).values_list("name", flat=True)
    for name in names.iterator():
        if len(name) >= 2 and name in text:
            raise Refused(
                "names_a_colleague",
                _(
                    "The text names %(name)s. The group's agenda and notes are about its "
                    "work, never about a colleague: write it without names."
                )
                % {"name": name},
            )


def invitees_of(unit: OrgUnit, on: date):
    """The care workers in term on `on` whose employee works in `unit`'s subtree."""
    return (
        active_on(on)
        .filter(employee__unit__path__startswith=unit.path)
        .select_related("employee__user")
    )


@transaction.atomic
def meeting_schedule(
    *,
    actor,
    unit: OrgUnit,
    starts_at: datetime,
    place: str,
    agenda: str,
    now: datetime | None = None,
) -> CareMeeting:
    """Schedule a meeting of the group of `unit` and invite its care workers in term
    (inbox and e-mail)."""
    now = now or timezone.now()
    if starts_at <= now:
        raise Refused("past_meeting", _("A meeting is scheduled in the future."))
    _check_no_names(agenda, unit)
    meeting = CareMeeting.objects.create(
        unit=unit, starts_at=starts_at, place=place, agenda=agenda, created_by=actor
    )
    invited = list(invitees_of(unit, timezone.localdate(now)))
    CareMeetingInvitation.objects.bulk_create(
        [CareMeetingInvitation(meeting=meeting, care_worker=cw) for cw in invited]
    )
    users = [cw.employee.user for cw in invited if cw.employee.user_id is not None]
    if users:
        local = timezone.localtime(starts_at)
        notify(
            recipients=users,
            template="care_meeting_invitation",
            context={
                "day": format_long(local.date()),
                "time": f"{local:%H:%M}",
                "place": place,
                "group": unit.name,
            },
            url=reverse("care:workers_meetings_mine"),
        )
    return meeting


@transaction.atomic
def meeting_record(
    *,
    meeting: CareMeeting,
    present: set[int],
    notes: str,
    expected_version: int,
    now: datetime | None = None,
) -> CareMeeting:
    """After the meeting: who came (invitation ids in `present`) and the notes."""
    now = now or timezone.now()
    if meeting.status == MeetingStatus.CANCELLED:
        raise Refused("cancelled", _("This meeting was cancelled."))
    if meeting.starts_at > now:
        raise Refused("not_yet", _("Attendance is recorded once the meeting has begun."))
    _check_no_names(notes, meeting.unit)
    meeting.status = MeetingStatus.HELD
    meeting.notes = notes
    save_versioned(meeting, expected_version=expected_version, fields=["status", "notes"])
    invitations = CareMeetingInvitation.objects.filter(meeting=meeting)
    invitations.filter(pk__in=present).update(attended=True)
    invitations.exclude(pk__in=present).update(attended=False)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: CareMeeting, expected_version: int) -> CareMeeting:
    """Call a scheduled meeting off; the invited are told."""
    if meeting.status != MeetingStatus.SCHEDULED:
        raise Refused("not_scheduled", _("Only a scheduled meeting can be cancelled."))
    meeting.status = MeetingStatus.CANCELLED
    save_versioned(meeting, expected_version=expected_version, fields=["status"])
    users = [
        invitation.care_worker.employee.user
        for invitation in meeting.invitations.select_related("care_worker__employee__user")
        if invitation.care_worker.employee.user_id is not None
    ]
    if users:
        notify(
            recipients=users,
            template="care_meeting_cancelled",
            context={"day": format_long(timezone.localdate(meeting.starts_at))},
            url=reverse("care:workers_meetings_mine"),
        )
    return meeting


def meetings_of(care_worker_ids: list[int]):
    """The invitations of one person's terms, with their meetings, latest first."""
    return (
        CareMeetingInvitation.objects.filter(care_worker_id__in=care_worker_ids)
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .select_related("meeting__unit")
        .order_by("-meeting__starts_at")
    )


def upcoming_for(employee: Employee, now: datetime) -> list[CareMeetingInvitation]:
    """The scheduled meetings ahead that `employee` is invited to, soonest first."""
    return list(
        CareMeetingInvitation.objects.filter(
            care_worker__employee=employee,
            meeting__status=MeetingStatus.SCHEDULED,
            meeting__starts_at__gte=now,
        )
        .exclude(care_worker__status=CareWorker.Status.ENDED)
        .select_related("meeting__unit")
        .order_by("meeting__starts_at")[:3]
    )
