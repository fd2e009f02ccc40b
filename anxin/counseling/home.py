"""What the counselling room adds to the home pages (anxin/core/home.py).

- The counsellor's day: today's and the rest of this week's appointments, and the work
  waiting (e-mail station replies due, sessions held without a record, flow steps due,
  conference action items), each a count with links.
- The intake coordinator's queue for the day with each request's deadline clock.
- The flow steps waiting for the HR officer's or the coordinator's role.

A client's name shows only on the appointments of the counsellor's own cases. Nothing
here reads a sealed field, so nothing is written to the access log (as on the case list).
Each card runs a fixed number of queries.
"""

from datetime import datetime, time, timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from anxin.core.home import home_card
from anxin.counseling import policies
from anxin.counseling.booking.models import Appointment
from anxin.counseling.conferences.models import CaseConference, ConferenceActionItem
from anxin.counseling.flows.models import FlowRun, FlowStepRun, StepRole
from anxin.counseling.models import SessionRecord
from anxin.counseling.station.models import StationThread
from anxin.counseling.waiting import waiting_elsewhere
from anxin.people.roles import Role

# How many items of each kind a home page lists; the count says how many there are.
SHOWN = 5
# The appointments listed for the week (a full week fits well under it).
WEEK_SHOWN = 60
# A reply is "due" on the home page from this long before its deadline.
REPLY_DUE_SOON = timedelta(hours=24)
# A session record belongs to an appointment when it was held this close to its start.
RECORD_WINDOW = timedelta(hours=12)
# Statuses of a held appointment whose record is expected.
HELD = (Appointment.Status.BOOKED, Appointment.Status.ATTENDED)


def _name(user) -> str:
    return user.display_name or user.get_username()


def _day_bounds(now: datetime) -> tuple[datetime, datetime, datetime]:
    """The start of today, of tomorrow and of next Monday, in local time."""
    today = timezone.localtime(now).date()
    start = timezone.make_aware(datetime.combine(today, time.min))
    tomorrow = start + timedelta(days=1)
    monday = start + timedelta(days=7 - today.weekday())
    return start, tomorrow, monday


@home_card("counselor_day", roles=[Role.COUNSELOR], template="counseling/home/_day.html", weight=10)
def counselor_day(request, role) -> dict:
    """Today's and the rest of this week's appointments in the counsellor's slots. The
    client's name only for the counsellor's own cases (`own`)."""
    now = timezone.now()
    start, tomorrow, monday = _day_bounds(now)
    appointments = list(
        Appointment.objects.filter(
            slot__counselor=request.user,
            status__in=Appointment.ACTIVE,
            slot__starts_at__gte=start,
            slot__starts_at__lt=monday,
        )
        .select_related("slot__room", "case", "employee")
        .order_by("slot__starts_at", "pk")[:WEEK_SHOWN]
    )
    for appointment in appointments:
        appointment.own = appointment.case.counselor_id == request.user.pk
    return {
        "greeting_name": _name(request.user),
        "today_appointments": [a for a in appointments if a.slot.starts_at < tomorrow],
        "week_appointments": [a for a in appointments if a.slot.starts_at >= tomorrow],
        "week_ends": monday - timedelta(days=1),
        "today": start,
    }


def unrecorded_appointments(user, now: datetime):
    """Appointments of the user's open cases, held in the user's slots, that no session
    record of the case matches (held within RECORD_WINDOW of the appointment's start)."""
    recorded = SessionRecord.objects.filter(
        case=OuterRef("case"),
        held_at__gte=OuterRef("slot__starts_at") - RECORD_WINDOW,
        held_at__lte=OuterRef("slot__starts_at") + RECORD_WINDOW,
    )
    return Appointment.objects.filter(
        slot__counselor=user,
        case__counselor=user,
        case__closed_on__isnull=True,
        status__in=HELD,
        slot__ends_at__lte=now,
    ).exclude(Exists(recorded))


@home_card("counselor_waiting", roles=[Role.COUNSELOR])
def counselor_waiting(request, role) -> dict:
    """The work waiting for the counsellor, for the page's "What to do next"."""
    now = timezone.now()
    user = request.user
    station = StationThread.objects.filter(
        counselor=user, status=StationThread.Status.OPEN, awaiting_reply=True
    ).aggregate(
        awaiting=_count(Q()),
        overdue=_count(Q(due_at__lt=now)),
        due_soon=_count(Q(due_at__gte=now, due_at__lt=now + REPLY_DUE_SOON)),
    )
    unrecorded = unrecorded_appointments(user, now).select_related("slot", "case")
    steps = FlowStepRun.objects.filter(
        run__counselor=user,
        run__status=FlowRun.Status.OPEN,
        role=StepRole.COUNSELOR,
        done_at__isnull=True,
    ).select_related("run")
    actions = ConferenceActionItem.objects.filter(owner=user, done_at__isnull=True).exclude(
        conference__status=CaseConference.Status.CANCELLED
    )
    today = timezone.localdate(now)
    return {
        "station_due": station,
        "unrecorded_count": unrecorded.count(),
        "unrecorded": list(unrecorded.order_by("slot__starts_at", "pk")[:SHOWN]),
        "steps_count": steps.count(),
        "steps_overdue": steps.filter(due_at__lt=now).count(),
        "steps": list(steps.order_by("due_at", "pk")[:SHOWN]),
        "actions_count": actions.count(),
        "actions_overdue": actions.filter(due_on__lt=today).count(),
        "actions": list(
            actions.select_related("conference__case").order_by("due_on", "pk")[:SHOWN]
        ),
        "now": now,
        "today_date": today,
    }


def _count(condition: Q) -> Count:
    return Count("pk", filter=condition)


# --- the intake coordinator -------------------------------------------------------------------


@home_card(
    "intake_day", roles=[Role.INTAKE], template="counseling/home/_intake_day.html", weight=10
)
def intake_day(request, role) -> dict:
    """The waiting requests, the nearest deadline first, with their clocks."""
    now = timezone.now()
    waiting = policies.waiting_with_deadlines(request)
    return {
        "greeting_name": _name(request.user),
        "queue_total": waiting.count(),
        "queue_overdue": waiting.filter(deadline__lt=now).count(),
        "queue": list(waiting.order_by("deadline", "received_at", "pk")[:10]),
        "channels": waiting_elsewhere(request),
        "now": now,
    }


# --- the HR officer and the intake coordinator --------------------------------------------


@home_card(
    "role_flow_steps",
    roles=[Role.HR, Role.INTAKE],
    template="counseling/home/_flow_steps.html",
    weight=15,
)
def role_flow_steps(request, role) -> dict:
    """The open flow steps of the person's scope that wait for his or her role: how
    many, how many late."""
    now = timezone.now()
    steps = FlowStepRun.objects.filter(
        role=role.role,
        done_at__isnull=True,
        run__status=FlowRun.Status.OPEN,
    ).filter(role.scope.subtree_q("run__unit__"))
    return {
        "flow_steps": steps.aggregate(total=_count(Q()), overdue=_count(Q(due_at__lt=now))),
    }
