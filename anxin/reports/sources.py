"""Where the dashboard's records come from: one function per source, one query each
(two for the surveys), returning the records of a subtree between two dates.

A record is one thing that happened to one person (a request, a session, an attendance,
a self-test taken): the person's key (None for an event session, which is nobody's), the
day it happened, the value of each of the source's dimensions, and a number read beside
the count (minutes, hours, days). The dashboard counts records by dimension by period and
counts the people behind each count, so that a cell of fewer than k people is hidden even
when they make many records (anxin/reports/dashboard.py).

The sources read the service apps' tables and write nothing. Nothing clinical is read:
the concern is what the employee chose from the plan's service areas on the request, the
channel is how a session was held.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from django.db.models import F, Min, Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from anxin.assessments.models import Instrument, SelfTestTally
from anxin.care.outreach.models import OutreachSend, OutreachSignal
from anxin.care.workers.models import CareWorker
from anxin.counseling.models import (
    Case,
    CounsellingRequest,
    OutcomeTally,
    QuotaEntry,
    SessionRecord,
)
from anxin.counseling.modes import Mode
from anxin.events.attendance.models import Attendance
from anxin.events.models import Event, EventSession
from anxin.people.models import Employee, OrgUnit
from anxin.surveys.models import AnonymousReceipt, Response, SurveyInvitation


class Record(NamedTuple):
    person: object | None  # a key of the person, None when the record is nobody's
    on: date
    path: str  # the organisation path of the person's unit (or the event's owner)
    dims: dict
    value: float = 0.0


@dataclass(frozen=True)
class Dimension:
    key: str
    title: object  # lazy text
    # The label of each key, when the dimension has fixed choices; otherwise the labels
    # come with the records (names of agencies, surveys, instruments).
    choices: tuple[tuple[str, object], ...] = ()


def _choices(text_choices) -> tuple[tuple[str, object], ...]:
    return tuple((value, label) for value, label in text_choices.choices)


DIMENSIONS = {
    dimension.key: dimension
    for dimension in (
        Dimension("unit", _("Organisation unit")),
        Dimension("gender", _("Gender"), _choices(Employee.Gender)),
        Dimension("concern", _("Kind of concern")),
        Dimension("channel", pgettext_lazy("counselling mode", "Channel"), _choices(Mode)),
        Dimension("kind", _("Kind of case"), _choices(Case.Kind)),
        Dimension("charged_for", _("Charged for"), _choices(QuotaEntry.SourceKind)),
        Dimension("event_kind", _("Kind of event"), _choices(Event.Kind)),
        Dimension("survey", _("Survey")),
        Dimension("answered", _("Answered"), (("yes", _("Answered")), ("no", _("Not answered")))),
        Dimension("instrument", _("Self-test")),
        Dimension("band", _("Result")),
        Dimension("change", pgettext_lazy("outcome", "Change"), _choices(OutcomeTally.Change)),
        Dimension(
            "term",
            _("Term"),
            (("new", _("Term began in the year")), ("continuing", _("Term from an earlier year"))),
        ),
        Dimension("reason", _("Reason to reach out"), _choices(OutreachSignal.Reason)),
        Dimension(
            "way",
            _("Way"),
            tuple(
                (value, label)
                for value, label in OutreachSend.Way.choices
                if value != OutreachSend.Way.NOT_SENT
            ),
        ),
    )
}


@dataclass
class Fetched:
    """What a source returns: its records, and the labels of dimension keys that are not
    fixed choices (a survey's title, an instrument's name)."""

    records: list[Record]
    labels: dict  # {dimension: {key: label}}


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end, time.min, tzinfo=zone),
    )


def _day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


Source = Callable[[OrgUnit, date, date], Fetched]
SOURCES: dict[str, Source] = {}


def source(name: str) -> Callable[[Source], Source]:
    def decorator(func: Source) -> Source:
        SOURCES[name] = func
        return func

    return decorator


def _between(queryset, node: OrgUnit, unit: str, moment: str, start: date, end: date):
    """`queryset` narrowed to `node`'s subtree (through the `unit` path, e.g.
    "employee__unit__") and to `moment` (a date-time field) in [start, end)."""
    low, high = _bounds(start, end)
    return queryset.filter(node.subtree_q(unit), **{f"{moment}__gte": low, f"{moment}__lt": high})


def _person_rows(queryset, node, moment, start, end, *fields, employee="employee"):
    """The rows (person, moment, unit path, gender, *fields) of `queryset` in `node`'s
    subtree with `moment` in [start, end); `employee` is the path to the person."""
    return _between(queryset, node, f"{employee}__unit__", moment, start, end).values_list(
        f"{employee}_id", moment, f"{employee}__unit__path", f"{employee}__gender", *fields
    )


def _no_concern() -> str:
    return gettext("Not from a request (case flow)")


@source("counselling_requests")
def counselling_requests(node: OrgUnit, start: date, end: date) -> Fetched:
    rows = _person_rows(
        CounsellingRequest.objects, node, "received_at", start, end, "concern_name", "mode"
    )
    return Fetched(
        [
            Record(person, _day(at), path, {"gender": g, "concern": concern, "channel": mode})
            for person, at, path, g, concern, mode in rows
        ],
        {},
    )


@source("counselling_cases")
def counselling_cases(node: OrgUnit, start: date, end: date) -> Fetched:
    rows = _person_rows(
        Case.objects, node, "opened_at", start, end, "kind", "request__concern_name"
    )
    return Fetched(
        [
            Record(
                person,
                _day(at),
                path,
                {"gender": g, "kind": kind, "concern": concern or _no_concern()},
            )
            for person, at, path, g, kind, concern in rows
        ],
        {},
    )


@source("counselling_sessions")
def counselling_sessions(node: OrgUnit, start: date, end: date) -> Fetched:
    rows = _person_rows(
        SessionRecord.objects, node, "held_at", start, end,
        "mode", "case__request__concern_name", "minutes", employee="case__employee",
    )  # fmt: skip
    return Fetched(
        [
            Record(
                person,
                _day(at),
                path,
                {"channel": mode, "gender": g, "concern": concern or _no_concern()},
                minutes / 60,
            )
            for person, at, path, g, mode, concern, minutes in rows
        ],
        {},
    )


@source("counselling_waiting")
def counselling_waiting(node: OrgUnit, start: date, end: date) -> Fetched:
    """A case opened from a request, counted in the period of its first session, with the
    days from the request to that session."""
    low, high = _bounds(start, end)
    rows = (
        Case.objects.filter(node.subtree_q("employee__unit__"), request__isnull=False)
        .annotate(first=Min("sessions__held_at"))
        .filter(first__gte=low, first__lt=high)
        .values_list(
            "employee_id", "first", "request__received_at", "employee__unit__path",
            "request__mode",
        )
    )  # fmt: skip
    return Fetched(
        [
            Record(
                person,
                _day(first),
                path,
                {"channel": mode},
                (_day(first) - _day(received)).days,
            )
            for person, first, received, path, mode in rows
        ],
        {},
    )


@source("counselling_quota")
def counselling_quota(node: OrgUnit, start: date, end: date) -> Fetched:
    """Hours charged to (or given back to) the yearly quotas."""
    rows = _person_rows(QuotaEntry.objects, node, "created_at", start, end, "source_kind", "hours")
    return Fetched(
        [
            Record(person, _day(at), path, {"gender": g, "charged_for": kind}, float(hours))
            for person, at, path, g, kind, hours in rows
        ],
        {},
    )


@source("event_sessions")
def event_sessions(node: OrgUnit, start: date, end: date) -> Fetched:
    """Sessions of events that were not cancelled, under the unit that owns the event."""
    rows = (
        _between(EventSession.objects, node, "event__owner_unit__", "starts_at", start, end)
        .exclude(event__status=Event.Status.CANCELLED)
        .values_list("starts_at", "event__owner_unit__path", "event__kind")
    )
    return Fetched(
        [Record(None, _day(at), path, {"event_kind": kind}) for at, path, kind in rows], {}
    )


@source("event_attendances")
def event_attendances(node: OrgUnit, start: date, end: date) -> Fetched:
    """Each attendance (present, late or partly present) with the hours attended."""
    attended = Attendance.objects.exclude(status=Attendance.Status.ABSENT).annotate(
        length=F("session__ends_at") - F("session__starts_at")
    )
    rows = _person_rows(
        attended, node, "session__starts_at", start, end,
        "session__event__kind", "status", "minutes", "length", employee="registration__employee",
    )  # fmt: skip
    records = []
    for person, at, path, g, kind, status, minutes, length in rows:
        whole = int(length.total_seconds() // 60) if isinstance(length, timedelta) else 0
        attended = whole if status == Attendance.Status.PRESENT else min(minutes or 0, whole)
        records.append(
            Record(person, _day(at), path, {"gender": g, "event_kind": kind}, attended / 60)
        )
    return Fetched(records, {})


@source("survey_invitations")
def survey_invitations(node: OrgUnit, start: date, end: date) -> Fetched:
    """Each invitation to a survey that opened in the period, answered or not (a submitted
    response, or the receipt of an anonymous answer)."""
    invitations = SurveyInvitation.objects.filter(
        node.subtree_q("employee__unit__"), opens_on__gte=start, opens_on__lt=end
    ).values_list(
        "survey_id", "employee_id", "opens_on", "employee__unit__path", "employee__gender",
        "survey__title",
    )  # fmt: skip
    invitations = list(invitations)
    surveys = {row[0] for row in invitations}
    answered = set(
        Response.objects.filter(
            survey_id__in=surveys, status=Response.Status.SUBMITTED
        ).values_list("survey_id", "employee_id")
    ) | set(
        AnonymousReceipt.objects.filter(survey_id__in=surveys).values_list(
            "survey_id", "employee_id"
        )
    )
    titles = {}
    records = []
    for survey, person, on, path, g, title in invitations:
        titles[survey] = title
        done = "yes" if (survey, person) in answered else "no"
        records.append(Record(person, on, path, {"survey": survey, "gender": g, "answered": done}))
    return Fetched(records, {"survey": titles})


def _tallies(node: OrgUnit, start: date, end: date):
    """Each person's first self-test of the year, one row per score; and the instruments
    (their names, scores and bands)."""
    rows = SelfTestTally.objects.filter(
        node.subtree_q("agency__"), month__gte=start, month__lt=end, first_of_year=True
    ).values_list("id", "month", "agency__path", "gender", "instrument_id", "score", "band")
    instruments = {
        instrument.pk: instrument.parsed
        for instrument in Instrument.objects.filter(
            Q(authority__isnull=True) | Q(authority_id=node.root_id)
        )
    }
    return rows, instruments


@source("selftest_takers")
def selftest_takers(node: OrgUnit, start: date, end: date) -> Fetched:
    """A person's first test of each instrument in the year (its first score's row)."""
    rows, instruments = _tallies(node, start, end)
    names = {pk: definition.name for pk, definition in instruments.items()}
    first_score = {pk: d.scores[0].key for pk, d in instruments.items() if d.scores}
    return Fetched(
        [
            Record(pk, month, path, {"gender": g, "instrument": instrument})
            for pk, month, path, g, instrument, score, _band in rows
            if first_score.get(instrument) == score
        ],
        {"instrument": names},
    )


@source("selftest_bands")
def selftest_bands(node: OrgUnit, start: date, end: date) -> Fetched:
    """Each score of a person's first test in the year, by its band."""
    rows, instruments = _tallies(node, start, end)
    labels = {}
    for pk, definition in instruments.items():
        for score in definition.scores:
            for band in score.bands:
                labels[f"{pk}:{score.key}:{band.key}"] = (
                    f"{definition.name} {score.label}：{band.label}"
                )
    return Fetched(
        [
            Record(pk, month, path, {"gender": g, "band": f"{instrument}:{score}:{band}"})
            for pk, month, path, g, instrument, score, band in rows
        ],
        {"band": labels},
    )


@source("care_workers")
def care_workers(node: OrgUnit, start: date, end: date) -> Fetched:
    """Each care worker in term at some time between the two dates (active now, or ended
    after `start`), under his or her own unit, so that each lands in one row; the term
    dimension tells a term begun in the range from one carried over. A number of people,
    not of events: the indicator splits by term instead of by period."""
    low, _high = _bounds(start, end)
    rows = (
        CareWorker.objects.filter(
            node.subtree_q("employee__unit__"),
            status__in=(CareWorker.Status.ACTIVE, CareWorker.Status.ENDED),
            term_start__lt=end,
            term_end__gte=start,
        )
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=low))
        .values_list("employee_id", "term_start", "employee__unit__path", "employee__gender")
    )
    return Fetched(
        [
            Record(
                person,
                max(begun, start),
                path,
                {"gender": g, "term": "new" if begun >= start else "continuing"},
            )
            for person, begun, path, g in rows
        ],
        {},
    )


@source("outreach_sends")
def outreach_sends(node: OrgUnit, start: date, end: date) -> Fetched:
    """Each outreach message sent (an invitation to the employee, a care prompt to a
    supervisor or an HR officer), by the unit of the person it concerns. The rows name
    nobody (care's OutreachSend); each is about one person, so each row counts as a
    person of its own and the people rule is the count rule. Messages held back are not
    read: their number would tell who turned the messages off (decision 0047)."""
    rows = (
        OutreachSend.objects.filter(node.subtree_q("unit__"), sent_on__gte=start, sent_on__lt=end)
        .exclude(way=OutreachSend.Way.NOT_SENT)
        .values_list("pk", "sent_on", "unit__path", "reason", "way")
    )
    return Fetched(
        [
            Record(("outreach", pk), on, path, {"reason": reason, "way": way})
            for pk, on, path, reason, way in rows
        ],
        {},
    )


@source("outcome_pairs")
def outcome_pairs(node: OrgUnit, start: date, end: date) -> Fetched:
    """Each completed pair of a case's outcome measure (WHO-5 at the start and the close),
    by the direction of its change, from the yearly tally of authorities in the subtree
    (decision 0072). The tally names no case and no person: each pair counts as a person
    of its own (as an outreach message does), so the people rule is the count rule, and
    each carries the mean change of its row as its value, so that a cell's mean is the
    tally's. A year's pairs are dated its first day: the tally knows no finer period."""
    rows = OutcomeTally.objects.filter(
        node.subtree_q("authority__"), year__gte=start.year, year__lt=end.year
    ).values_list("pk", "year", "authority__path", "instrument", "change", "pairs", "change_sum")
    rows = list(rows)
    names = {
        key: definition.name
        for key, definition in (
            (instrument.key, instrument.parsed)
            for instrument in Instrument.objects.filter(key__in={row[3] for row in rows})
        )
    }
    return Fetched(
        [
            Record(
                ("outcome", pk, n),
                date(year, 1, 1),
                path,
                {"instrument": instrument, "change": change},
                total / pairs,
            )
            for pk, year, path, instrument, change, pairs, total in rows
            for n in range(pairs)
        ],
        {"instrument": names},
    )
