"""Attendance, learning hours, completion and certificates (docs/decisions/0010).

- A session's QR code carries a random token; an employee who scans it, signs in and
  presses "check in" within the session's window is recorded present (late after the
  grace period, with the minutes from arrival to the end).
- The facilitator ticks the roster of a session: present, late or partly present with
  the minutes attended, absent.
- Learning hours of a registration: the minutes of the sessions attended (whole session
  when present), floored to half hours, capped at the event's learning hours.
- Completion: every session of a single talk; for other events the plan's share of the
  sessions (default 75 %), each counted when at least half of it was attended. Meeting
  the rule sets `Registration.completed_at` (prerequisites use it); losing it by a
  correction clears it and revokes a certificate already issued.

Every write runs inside `transaction.atomic`.
"""

import math
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_FLOOR, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anxin.core.locking import StaleEdit
from anxin.core.refusals import Refused
from anxin.core.roc import roc_year
from anxin.events.attendance.models import (
    Attendance,
    Certificate,
    CertificateCounter,
    CheckInCode,
)
from anxin.events.models import Event, EventSession, Registration
from anxin.people.models import Employee
from anxin.plans.config import CertificateSettings
from anxin.plans.services import plan_for_authority

# Check-in opens this long before a session starts and closes when it ends.
CHECK_IN_OPENS_BEFORE = timedelta(minutes=30)
# Arriving later than this after the start is late: the minutes count from arrival.
LATE_AFTER = timedelta(minutes=10)
# Learning hours are counted in half hours, rounded down.
HOURS_STEP = Decimal("0.5")
# A session counts towards completion when at least this share of it was attended.
SESSION_COUNTS_FROM = Decimal("0.5")
# Crockford's base32: no I, L, O or U, so that a code read off paper is typed right.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12


# --- plan ---------------------------------------------------------------------------------


def certificate_settings(event: Event) -> CertificateSettings:
    """The certificate settings of the plan in force for the event's authority."""
    plan = plan_for_authority(event.owner_unit.root_id)
    return plan.certificate_settings if plan else CertificateSettings()


def issuer_name(event: Event, settings: CertificateSettings) -> str:
    if settings.issuer:
        return settings.issuer
    plan = plan_for_authority(event.owner_unit.root_id)
    if plan and plan.authority_name:
        return plan.authority_name
    return event.owner_unit.authority().name


# --- learning hours and completion -------------------------------------------------------


def session_minutes(session: EventSession) -> int:
    return int((session.ends_at - session.starts_at).total_seconds() // 60)


def learning_hours(minutes: int, cap: Decimal) -> Decimal:
    """Minutes attended as learning hours: half hours, rounded down, at most `cap`."""
    halves = (Decimal(minutes) / 60 / HOURS_STEP).to_integral_value(rounding=ROUND_FLOOR)
    return min(halves * HOURS_STEP, Decimal(cap)).quantize(Decimal("0.1"))


def sessions_needed(event: Event, session_count: int, share: int) -> int:
    """How many sessions complete the event: all of a single talk, else the plan's share
    of them, rounded up (at least one)."""
    if session_count == 0:
        return 0
    if event.kind == Event.Kind.TALK:
        return session_count
    return max(1, math.ceil(session_count * share / 100))


@dataclass
class Summary:
    """A registration's attendance as the rules read it."""

    attended: int  # sessions counted towards completion
    sessions: int
    needed: int
    minutes: int
    hours: Decimal
    first_day: date | None
    last_day: date | None

    @property
    def complete(self) -> bool:
        return self.sessions > 0 and self.attended >= self.needed


def summarise(
    event: Event, sessions: list[EventSession], attendances: list[Attendance], share: int
) -> Summary:
    """One registration's summary from its attendance rows (no query)."""
    by_session = {attendance.session_id: attendance for attendance in attendances}
    attended = minutes = 0
    days: list[date] = []
    for session in sessions:
        attendance = by_session.get(session.pk)
        if attendance is None:
            continue
        length = session_minutes(session)
        spent = attendance.attended_minutes(length)
        if spent <= 0:
            continue
        minutes += spent
        days.append(timezone.localtime(session.starts_at).date())
        if Decimal(spent) >= Decimal(length) * SESSION_COUNTS_FROM:
            attended += 1
    return Summary(
        attended=attended,
        sessions=len(sessions),
        needed=sessions_needed(event, len(sessions), share),
        minutes=minutes,
        hours=learning_hours(minutes, event.learning_hours),
        first_day=min(days) if days else None,
        last_day=max(days) if days else None,
    )


def summaries(event: Event, registrations: list[Registration]) -> dict[int, Summary]:
    """The summary of each registration, in three queries whatever their number (plan,
    sessions, attendance)."""
    share = certificate_settings(event).completion_share
    sessions = list(event.sessions.all())
    rows: dict[int, list[Attendance]] = {registration.pk: [] for registration in registrations}
    for attendance in Attendance.objects.filter(registration_id__in=list(rows)):
        rows[attendance.registration_id].append(attendance)
    return {pk: summarise(event, sessions, found, share) for pk, found in rows.items()}


def summary_of(registration: Registration) -> Summary:
    return summaries(registration.event, [registration])[registration.pk]


def _completion_update(registration: Registration, *, now: datetime) -> None:
    """Set or clear `completed_at` after the attendance changed; losing the completion
    revokes a certificate, regaining it reinstates that certificate."""
    complete = summary_of(registration).complete
    if complete and registration.completed_at is None:
        registration.completed_at = now
        registration.save(update_fields=["completed_at"])
        Certificate.objects.filter(registration=registration, revoked_at__isnull=False).update(
            revoked_at=None
        )
    elif not complete and registration.completed_at is not None:
        registration.completed_at = None
        registration.save(update_fields=["completed_at"])
        Certificate.objects.filter(registration=registration, revoked_at__isnull=True).update(
            revoked_at=now
        )


# --- QR check-in --------------------------------------------------------------------------


def _new_token() -> str:
    return secrets.token_urlsafe(18)


@transaction.atomic
def check_in_code_for(session: EventSession) -> CheckInCode:
    """The session's check-in code, made the first time it is asked for."""
    code, _created = CheckInCode.objects.get_or_create(
        session=session, defaults={"token": _new_token()}
    )
    return code


@transaction.atomic
def check_in_code_rotate(*, session: EventSession, now: datetime | None = None) -> CheckInCode:
    """Replace the token: a QR code photographed and passed round stops working."""
    code = check_in_code_for(session)
    code.token = _new_token()
    code.rotated_at = now or timezone.now()
    code.save(update_fields=["token", "rotated_at"])
    return code


def check_in_window(session: EventSession) -> tuple[datetime, datetime]:
    return session.starts_at - CHECK_IN_OPENS_BEFORE, session.ends_at


def _active_registration(event: Event, employee: Employee) -> Registration | None:
    return Registration.objects.filter(
        event=event, employee=employee, status=Registration.Status.REGISTERED
    ).first()


def registered_for(event: Event, employee: Employee) -> bool:
    """Whether the employee holds a place (registered, not waiting) at the event."""
    return _active_registration(event, employee) is not None


def check_in_problem(session: EventSession, employee: Employee, *, now: datetime):
    """Why this employee cannot check in to this session now (a Refused), or
    None. The page shows it before the button is pressed; `check_in` checks again."""
    opens, closes = check_in_window(session)
    if now < opens:
        return Refused(
            "too_early",
            _("Check-in for this session opens at %(time)s, half an hour before it starts.")
            % {"time": timezone.localtime(opens).strftime("%H:%M")},
        )
    if now >= closes:
        return Refused(
            "too_late",
            _("This session has ended: check-in is closed. Ask the facilitator to record you."),
        )
    registration = _active_registration(session.event, employee)
    if registration is None:
        return Refused(
            "not_registered",
            _(
                "You are not registered for this event, so you cannot check in. If you are on "
                "the waiting list, ask the facilitator."
            ),
        )
    existing = (
        Attendance.objects.filter(registration=registration, session=session)
        .exclude(status=Attendance.Status.ABSENT)
        .first()
    )
    if existing is not None:
        when = existing.arrived_at or existing.recorded_at
        return Refused(
            "already_checked_in",
            _("You have already checked in to this session (at %(time)s).")
            % {"time": timezone.localtime(when).strftime("%H:%M")},
        )
    return None


@transaction.atomic
def check_in(
    *, session: EventSession, employee: Employee, actor, now: datetime | None = None
) -> Attendance:
    """Record the employee's arrival: present, or late (minutes from arrival to the end)
    after the grace period. Refused outside the window, for someone not registered, and
    a second time."""
    now = now or timezone.now()
    # The event row's lock serialises a double tap with itself.
    Event.objects.select_for_update().get(pk=session.event_id)
    problem = check_in_problem(session, employee, now=now)
    if problem is not None:
        raise problem
    registration = _active_registration(session.event, employee)
    late = now > session.starts_at + LATE_AFTER
    minutes = int((session.ends_at - now).total_seconds() // 60) if late else None
    attendance, _created = Attendance.objects.update_or_create(
        registration=registration,
        session=session,
        defaults={
            "status": Attendance.Status.LATE if late else Attendance.Status.PRESENT,
            "arrived_at": now,
            "minutes": minutes,
            "source": Attendance.Source.QR,
            "recorded_by": actor,
        },
    )
    _completion_update(registration, now=now)
    return attendance


# --- the facilitator's roster -------------------------------------------------------------


def seen_stamp(attendance: Attendance | None) -> str:
    """What the facilitator's form saw of a row, to refuse a save over a newer one."""
    return f"{attendance.pk}:{attendance.recorded_at.isoformat()}" if attendance else ""


@dataclass
class Tick:
    registration: Registration
    status: str  # "" for "not recorded"
    minutes: int | None
    seen: str


@transaction.atomic
def attendance_record(
    *, session: EventSession, ticks: list[Tick], actor, now: datetime | None = None
) -> int:
    """Save the facilitator's ticks for one session, all or nothing. A row someone else
    changed since the form was opened (a QR check-in, another organiser) is not
    overwritten: StaleEdit, nothing saved. Returns the number of rows changed."""
    now = now or timezone.now()
    Event.objects.select_for_update().get(pk=session.event_id)
    stored = {
        attendance.registration_id: attendance
        for attendance in Attendance.objects.filter(
            session=session, registration__in=[tick.registration for tick in ticks]
        )
    }
    length = session_minutes(session)
    changed: list[Registration] = []
    for tick in ticks:
        current = stored.get(tick.registration.pk)
        minutes = tick.minutes if tick.status in ("late", "partial") else None
        if current is None and not tick.status:
            continue
        if current is not None and (current.status, current.minutes) == (tick.status, minutes):
            continue
        if seen_stamp(current) != tick.seen:
            raise StaleEdit
        if minutes is not None and minutes > length:
            raise Refused(
                "minutes_too_many",
                _("No more than the session's %(minutes)d minutes can be attended.")
                % {"minutes": length},
            )
        if not tick.status:
            current.delete()
        else:
            Attendance.objects.update_or_create(
                registration=tick.registration,
                session=session,
                defaults={
                    "status": tick.status,
                    "minutes": minutes,
                    "source": Attendance.Source.ROSTER,
                    "recorded_by": actor,
                },
            )
        changed.append(tick.registration)
    for registration in changed:
        _completion_update(registration, now=now)
    return len(changed)


# --- certificates -------------------------------------------------------------------------


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str | None:
    """A code as typed (lower case, hyphens, spaces, O for 0, I or L for 1) in its stored
    form, or None when it cannot be one."""
    folded = (text or "").upper().replace("-", "").replace(" ", "")
    folded = folded.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    if len(folded) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in folded):
        return None
    return folded


def _next_number(authority_id: int, year: int) -> str:
    counter, _created = CertificateCounter.objects.select_for_update().get_or_create(
        authority_id=authority_id, roc_year=year
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{year}-{counter.last:05d}"


@transaction.atomic
def certificate_issue(
    *, registration: Registration, actor, now: datetime | None = None
) -> Certificate:
    """Issue the certificate of a registration that met the attendance rule (or return
    the one already issued). Refused with the attendance in the message otherwise; then
    nothing is stored, not even a number."""
    now = now or timezone.now()
    registration = (
        Registration.objects.select_for_update()
        .select_related("event__owner_unit", "employee")
        .get(pk=registration.pk)
    )
    event = registration.event
    summary = summary_of(registration)
    if registration.status != Registration.Status.REGISTERED or not summary.complete:
        raise Refused(
            "not_completed",
            _(
                "%(name)s has not met the attendance rule of this event (%(attended)d of "
                "%(sessions)d sessions attended, %(needed)d needed): no certificate was issued."
            )
            % {
                "name": registration.employee.name,
                "attended": summary.attended,
                "sessions": summary.sessions,
                "needed": summary.needed,
            },
        )
    existing = Certificate.objects.filter(registration=registration).first()
    if existing is not None:
        if existing.revoked_at is not None:
            existing.revoked_at = None
            existing.save(update_fields=["revoked_at"])
        return existing
    settings = certificate_settings(event)
    authority_id = event.owner_unit.root_id
    code = new_code()
    while Certificate.objects.filter(code=code).exists():  # 60 bits: practically never
        code = new_code()
    return Certificate.objects.create(
        registration=registration,
        authority_id=authority_id,
        number=_next_number(authority_id, roc_year(timezone.localtime(now).date())),
        code=code,
        holder_name=registration.employee.name,
        title="" if event.is_sensitive else event.title,
        sensitive=event.is_sensitive,
        first_day=summary.first_day,
        last_day=summary.last_day,
        hours=summary.hours,
        issuer=issuer_name(event, settings),
        issued_by=actor,
    )


@transaction.atomic
def certificates_issue_all(*, event: Event, actor) -> list[Certificate]:
    """Certificates for everyone registered who completed the event and has none."""
    registrations = Registration.objects.filter(
        event=event,
        status=Registration.Status.REGISTERED,
        completed_at__isnull=False,
        certificate__isnull=True,
    )
    return [certificate_issue(registration=r, actor=actor) for r in registrations]


def certificate_by_code(code: str) -> Certificate | None:
    return Certificate.objects.filter(code=code).first()


def masked_name(name: str) -> str:
    """王○美: the first and last characters, the rest hidden (王○ for two)."""
    name = name.strip()
    if len(name) <= 1:
        return "○"
    if len(name) == 2:
        return name[0] + "○"
    return name[0] + "○" * (len(name) - 2) + name[-1]
