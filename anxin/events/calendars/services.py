"""Calendars: an iCalendar file for one registration, and each person's private feed of
his or her events, readable by any calendar client (RFC 5545, written with `icalendar`).

What a calendar carries (docs/decisions/0012):
- Times with `TZID=Asia/Taipei` and its VTIMEZONE, so that a client shows the wall-clock
  time the organiser set whatever its own zone.
- One VEVENT per session, its UID stable (`<event uuid>-<session id>@anxin`), so that a
  client updates rather than duplicates an event when the feed changes.
- A calendar is seen by others (shared calendars, a colleague at one's screen, a phone's
  lock screen), so an event whose membership is a personal fact (a private roster,
  `Event.is_sensitive`: an audience by age or sealed attributes, a sensitive target
  group of the plan, a support group, group counselling; decision 0018) shows only a neutral
  summary: no title, description, place or link; the details are in Anxin, behind
  sign-in, at the event's URL.
- The feed and a registration's file follow one rule (`ON_CALENDAR`): a place and a
  waiting-list place (TENTATIVE) are on the calendar; an application still waiting for
  its lottery draw is not, until drawn (decision 0040). The feed adds the events the
  person facilitates; a cancelled registration drops out, an event its organiser
  cancelled stays as CANCELLED so that the person sees it was called off.
- Each calendar keeps one UID from fetch to fetch (the feed's per person, a file's per
  registration), so that a client sees one calendar rather than a new one each time.
"""

import hashlib
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from anxin.events.calendars.models import CalendarFeed
from anxin.events.models import Event, EventSession, Registration

PRODID = "-//Anxin//Events//ZH-TW"
# Sessions that ended longer ago than this are left out of the feed.
FEED_PAST = timedelta(days=180)
# A fetch updates `last_used_at` at most this often (calendar clients poll).
USE_RESOLUTION = timedelta(hours=1)

REGISTERED = "registered"
WAITLISTED = "waitlisted"
FACILITATING = "facilitating"
# The registrations a calendar shows: not an application waiting for its draw.
ON_CALENDAR = (Registration.Status.REGISTERED, Registration.Status.WAITLISTED)


# --- tokens ------------------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_feed_reset(*, user) -> str:
    """Make the user's feed link, or replace it (the old link then answers 404). Returns
    the raw token, to be shown once; only its hash is kept."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        user=user,
        defaults={
            "token_hash": token_hash(token),
            "created_at": timezone.now(),
            "last_used_at": None,
        },
    )
    return token


@transaction.atomic
def calendar_feed_stop(*, user) -> None:
    CalendarFeed.objects.filter(user=user).delete()


def feed_by_token(token: str) -> CalendarFeed | None:
    if not token or len(token) > 100:
        return None
    return (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=token_hash(token), user__is_active=True)
        .first()
    )


def feed_used(feed: CalendarFeed, *, now: datetime) -> None:
    """Note the fetch, at most hourly: one UPDATE that matches nothing in between."""
    CalendarFeed.objects.filter(pk=feed.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - USE_RESOLUTION)
    ).update(last_used_at=now)


# --- what goes in ------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """An event in a person's calendar, and why: registered, waitlisted or facilitating."""

    event: Event
    role: str
    sessions: tuple[EventSession, ...]


def is_discreet(event: Event) -> bool:
    """Is being at this event a personal fact that a calendar must not show?"""
    return event.is_sensitive


def feed_entries(user, *, now: datetime) -> list[Entry]:
    """The user's active registrations and the events he or she facilitates, with their
    sessions not long past: four queries whatever their number."""
    recent = Prefetch(
        "event__sessions",
        queryset=EventSession.objects.filter(ends_at__gte=now - FEED_PAST),
        to_attr="recent_sessions",
    )
    registrations = (
        Registration.objects.filter(
            employee__user=user,
            employee__is_active=True,
            status__in=ON_CALENDAR,
        )
        .select_related("event")
        .prefetch_related(recent)
        .order_by("pk")
    )
    entries = [
        Entry(
            event=r.event,
            role=REGISTERED if r.status == Registration.Status.REGISTERED else WAITLISTED,
            sessions=tuple(r.event.recent_sessions),
        )
        for r in registrations
    ]
    seen = {entry.event.pk for entry in entries}
    facilitated = (
        Event.objects.filter(facilitator=user)
        .exclude(status=Event.Status.DRAFT)
        .prefetch_related(
            Prefetch(
                "sessions",
                queryset=EventSession.objects.filter(ends_at__gte=now - FEED_PAST),
                to_attr="recent_sessions",
            )
        )
        .order_by("pk")
    )
    entries += [
        Entry(event=event, role=FACILITATING, sessions=tuple(event.recent_sessions))
        for event in facilitated
        if event.pk not in seen
    ]
    return entries


def registration_entry(registration: Registration) -> Entry | None:
    """The registration as a calendar entry, or None if it is not on the calendar."""
    if registration.status not in ON_CALENDAR:
        return None
    event = registration.event
    return Entry(
        event=event,
        role=REGISTERED if registration.status == Registration.Status.REGISTERED else WAITLISTED,
        sessions=tuple(event.sessions.all()),
    )


# --- writing -----------------------------------------------------------------------------


def session_uid(session: EventSession, event: Event) -> str:
    return f"{event.uuid}-{session.pk}@anxin"


def feed_uid(user) -> str:
    """The feed's calendar UID: the same at every fetch and after the link is replaced,
    one per person, and not the person's id."""
    digest = salted_hmac("anxin.events.calendar-feed", str(user.pk)).digest()
    return f"{uuid.UUID(bytes=digest[:16])}@anxin"


def registration_uid(registration: Registration) -> str:
    return f"{registration.uuid}@anxin"


def _status(entry: Entry) -> str:
    if entry.event.status == Event.Status.CANCELLED:
        return "CANCELLED"
    return "TENTATIVE" if entry.role == WAITLISTED else "CONFIRMED"


def _vevent(entry: Entry, session: EventSession, *, url: str, now: datetime) -> VEvent:
    event = entry.event
    start = timezone.localtime(session.starts_at)
    end = timezone.localtime(session.ends_at)
    vevent = VEvent.new(
        uid=session_uid(session, event),
        stamp=now,
        start=start,
        end=end,
        url=url,
        sequence=event.version,
    )
    if is_discreet(event):
        summary = _("Anxin event")
        description = _("The details are in Anxin, after signing in: %(url)s") % {"url": url}
        location = ""
    else:
        summary = event.title
        parts = [event.description.strip()] if event.description.strip() else []
        # An online link is for those who hold a place (and the facilitator).
        if session.online_link and entry.role != WAITLISTED:
            parts.append(_("Online link: %(link)s") % {"link": session.online_link})
        parts.append(url)
        description = "\n\n".join(parts)
        location = session.place or (
            session.online_link if session.online_link and entry.role != WAITLISTED else ""
        )
    if entry.role == WAITLISTED:
        summary = _("(Waiting list) %(summary)s") % {"summary": summary}
    vevent.add("summary", summary)
    vevent.add("description", description)
    if location:
        vevent.add("location", location)
    vevent.add("status", _status(entry))
    vevent.add("class", "PRIVATE")
    return vevent


def calendar_bytes(
    entries: Iterable[Entry], *, uid: str, url_for, name: str, now: datetime
) -> bytes:
    """The iCalendar text of `entries` as the calendar `uid`; `url_for(entry)` gives each
    event's absolute URL in Anxin."""
    calendar = Calendar.new(prodid=PRODID, uid=uid, name=name, refresh_interval=timedelta(hours=1))
    calendar.add("method", "PUBLISH")
    for entry in entries:
        url = url_for(entry)
        for session in entry.sessions:
            calendar.add_component(_vevent(entry, session, url=url, now=now))
    calendar.add_missing_timezones()
    return calendar.to_ical()
