"""Where the dashboard's figures come from: one function per source, counting the records
of a subtree between two dates in the database (`@counted`, `_count`).

A record is one thing that happened to one person (a request, a session, an attendance,
a self-test taken): it is counted by dimension by period, with the people behind each
count (COUNT DISTINCT), so that a cell of fewer than k people is hidden even when they
make many records (anxin/reports/dashboard.py), and a number read beside the count
(minutes, hours, days) is summed. On PostgreSQL a source is one query (GROUPING SETS);
elsewhere one per column and one per other table (decisions 0073, 0076).

A record source (`@source`, returning `Fetched` records) still works: the dashboard counts
its records into the same cells in Python; none of the sources here is one any more.

The sources read the service apps' tables and write nothing. Nothing clinical is read:
the concern is what the employee chose from the plan's service areas on the request, the
channel is how a session was held.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import NamedTuple

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import (
    Case as CaseWhen,
)
from django.db.models import (
    CharField,
    Count,
    DateField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import (
    Cast,
    Coalesce,
    Concat,
    Greatest,
    Least,
    NullIf,
    Trunc,
    TruncDate,
)
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
from anxin.surveys.models import AnonymousReceipt, Response, Survey, SurveyInvitation
from anxin.surveys.satisfaction import closed_tallies, satisfaction_answers


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


Source = Callable[[OrgUnit, date, date], Fetched]
SOURCES: dict[str, Source] = {}


def source(name: str) -> Callable[[Source], Source]:
    def decorator(func: Source) -> Source:
        SOURCES[name] = func
        return func

    return decorator


# --- sources counted by the database ------------------------------------------------------
#
# A counted source does not return its records: the database counts them, one GROUP BY
# per shape the dashboard asks for. A shape is (row, column): `row` a dimension or None
# (the column totals), `column` "period", a split dimension, or None (the row totals).
# Each cell is (records, people, value): the number of records, the number of distinct
# people behind them (COUNT DISTINCT, so that the k rule on people stays exact) and the
# sum of the values. The `unit` dimension is counted by the person's unit path, which the
# dashboard folds into the child units of the chosen one: a person has one unit, so the
# people of the paths add up.

PERIOD = "period"


@dataclass
class Counted:
    cells: dict  # {(row, column): {(row key, column key): (records, people, value)}}
    labels: dict  # {dimension: {key: label}}


CountedSource = Callable[[OrgUnit, date, date, str, frozenset], Counted]
COUNTED: dict[str, CountedSource] = {}
# Sources whose records belong to nobody (an event's sessions): no person is counted in
# their tables, so the k rule has nobody to protect there (decision 0082). Declared by the
# code, never by the indicators file, which an authority edits.
PEOPLELESS: set[str] = set()


def counted(name: str, *, people: bool = True) -> Callable[[CountedSource], CountedSource]:
    def decorator(func: CountedSource) -> CountedSource:
        COUNTED[name] = func
        if not people:
            PEOPLELESS.add(name)
        return func

    return decorator


def _aggregates(person, value, when=None, suffix: str = "", records=None) -> dict:
    n = Count("pk", filter=when) if records is None else Sum(records, filter=when)
    aggregates = {f"n{suffix}": n}
    if person and person != "pk":
        aggregates[f"p{suffix}"] = Count(person, distinct=True, filter=when)
    if value is not None:
        aggregates[f"v{suffix}"] = Sum(value, filter=when)
    return aggregates


def _cell(item: dict, person, suffix: str = "") -> tuple:
    n = item[f"n{suffix}"] or 0
    people = n if person == "pk" else item.get(f"p{suffix}", 0)
    return (n, people, float(item.get(f"v{suffix}") or 0))


def _fixed(row) -> bool:
    return bool(row) and row != "unit" and bool(DIMENSIONS[row].choices)


def _count(
    queryset, moment, period, shapes, keys, *, person=None, value=None, records=None
) -> dict:
    """The cells of every shape of `queryset`: `moment` the field (or the expression of a
    date) dated by period, `keys` {dimension: expression}, `person` the field of the
    person's key ("pk" when each record is a person of its own), `value` an expression
    summed beside the count, `records` the number of records a row stands for (one when
    None: the rows are counted).

    One query per column (the periods, a split, the whole) counts the totals and every
    dimension of fixed choices (genders, channels ...) by conditional aggregates; one
    GROUP BY per other shape (units, concerns, surveys ...). A dimension of fixed
    choices whose records carry another key is counted by a GROUP BY too, so that no
    record is lost.

    On PostgreSQL every shape is counted in one query instead, by `GROUPING SETS`
    (`_count_grouping_sets`): one scan of the records and their joins, the same cells.
    """
    queryset = queryset.order_by()
    if connections[queryset.db].vendor == "postgresql":
        cells = _count_grouping_sets(
            queryset, moment, period, shapes, keys, person=person, value=value, records=records
        )
        if cells is not None:
            return cells
    if person in (None, "pk"):
        # Nobody's records, or each a person of its own: people add up like the records,
        # so each row's total is the sum of its columns, without a query of its own.
        by_column = {(row, column) for row, column in shapes if column is not None}
        summed = {
            (row, None): min((c for r, c in by_column if r == row), default=None, key=str)
            for row, column in shapes
            if column is None
        }
        if by_column and summed and all(summed.values()):
            cells = _count(
                queryset, moment, period, by_column, keys,
                person=person, value=value, records=records,
            )  # fmt: skip
            for (row, _whole), column in summed.items():
                totals: dict = {}
                for (key, _at), cell in cells[(row, column)].items():
                    before = totals.get((key, None), (0, 0, 0.0))
                    totals[(key, None)] = tuple(a + b for a, b in zip(before, cell, strict=True))
                cells[(row, None)] = totals
            return cells

    def columns(column) -> dict:
        if column == PERIOD:
            return {"c": Trunc(moment, period, output_field=DateField())}
        return {"c": keys[column]} if column else {}

    cells: dict = {}
    grouped = []
    for column in {column for _row, column in shapes}:
        fixed = [row for row, at in shapes if at == column and _fixed(row)]
        grouped += [
            (row, column) for row, at in shapes if at == column and row and row not in fixed
        ]
        aggregates = _aggregates(person, value, records=records)
        for row in fixed:
            for index, (key, _label) in enumerate(DIMENSIONS[row].choices):
                when = Q(**{f"k_{row}": key})
                aggregates |= _aggregates(person, value, when, f"_{row}_{index}", records)
        counted = queryset.alias(**{f"k_{row}": keys[row] for row in fixed})
        names = columns(column)
        if names:
            found = counted.values(**names).annotate(**aggregates)
        else:
            found = [counted.aggregate(**aggregates)]
        totals = cells.setdefault((None, column), {})
        for row in fixed:
            cells[(row, column)] = {}
        strays = set()
        for item in found:
            if not item["n"]:
                continue
            at = item.get("c")
            totals[(None, at)] = _cell(item, person)
            for row in fixed:
                seen = 0
                for index, (key, _label) in enumerate(DIMENSIONS[row].choices):
                    cell = _cell(item, person, f"_{row}_{index}")
                    if cell[0]:
                        cells[(row, column)][(key, at)] = cell
                        seen += cell[0]
                if seen != item["n"]:
                    strays.add((row, column))
        grouped += sorted(strays, key=str)
    for row, column in grouped:
        found = queryset.values(r=keys[row], **columns(column)).annotate(
            **_aggregates(person, value, records=records)
        )
        cells[(row, column)] = {
            (item["r"], item.get("c")): _cell(item, person) for item in found if item["n"]
        }
    return cells


def _count_grouping_sets(queryset, moment, period, shapes, keys, *, person, value, records):
    """`_count` in one query on PostgreSQL: the ORM writes the query grouped by every key of
    the shapes; its GROUP BY is replaced by GROUPING SETS, one set per shape, and GROUPING()
    tells the set of each result row. One scan of the records and their joins."""
    names = {d: f"k_{d}" for d in sorted({d for shape in shapes for d in shape if d})}
    expressions = {
        name: Trunc(moment, period, output_field=DateField()) if d == PERIOD else keys[d]
        for d, name in names.items()
    }
    counted = queryset.values(**expressions).annotate(**_aggregates(person, value, records=records))
    compiler = counted.query.get_compiler(using=queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:  # a filter that nothing can match (as the ORM finds nothing)
        return {shape: {} for shape in shapes}
    head, by, ordinals = sql.rpartition(" GROUP BY ")
    if not (by and head.startswith("SELECT ")) or not all(
        part.strip().isdigit() for part in ordinals.split(",")
    ):  # pragma: no cover (another GROUP BY than by the keys' positions: count by shape)
        return None
    compiled = {name: compiler.compile(counted.query.annotations[name]) for name in expressions}
    order = list(expressions)
    grouping_params, sets_params, sets_sql, masks = [], [], [], {}
    for name in order:
        grouping_params += compiled[name][1]
    for shape in shapes:
        members = [names[d] for d in shape if d]
        sets_sql.append("(" + ", ".join(compiled[name][0] for name in members) + ")")
        for name in members:
            sets_params += compiled[name][1]
        # GROUPING(a, b, ...): a bit per key, the first the highest, set when not grouped.
        mask = sum(
            1 << (len(order) - 1 - index) for index, name in enumerate(order) if name not in members
        )
        masks[mask] = shape
    grouping = ", ".join(compiled[name][0] for name in order)
    sql = (
        f"SELECT GROUPING({grouping}) AS g, {head[len('SELECT ') :]}"
        f" GROUP BY GROUPING SETS ({', '.join(sets_sql)})"
    )
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, [*grouping_params, *params, *sets_params])
        columns = [column.name for column in cursor.description]
        found = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    cells: dict = {shape: {} for shape in shapes}
    for item in found:
        if not item["n"]:
            continue
        row, column = masks[item["g"]]
        at = item.get(names[column]) if column else None
        if column == PERIOD and isinstance(at, datetime):
            at = at.date()
        key = item.get(names[row]) if row else None
        cells[(row, column)][(key, at)] = _cell(item, person)
    return cells


def _concern(field: str):
    """The concern of a record, "" when it came from no request (shown as such)."""
    return Coalesce(NullIf(F(field), Value("")), Value(""), output_field=CharField())


def _person_keys(employee: str = "employee", **keys) -> dict:
    return {
        "unit": F(f"{employee}__unit__path"),
        "gender": F(f"{employee}__gender"),
        **keys,
    }


def _hours(cells: dict) -> dict:
    """The cells with their summed minutes turned into hours."""
    for shape in cells.values():
        for position, (n, people, minutes) in shape.items():
            shape[position] = (n, people, minutes / 60)
    return cells


class _Days(Func):
    """The number of days from the second date to the first (dates, e.g. `TruncDate`,
    which takes the local date in the current time zone)."""

    output_field = IntegerField()
    arg_joiner = " - "
    template = "(%(expressions)s)"

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(ROUND(julianday(%(expressions)s)) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


class _Minutes(Func):
    """The whole minutes from the second date-time to the first (rounded down)."""

    output_field = IntegerField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(FLOOR(EXTRACT(EPOCH FROM (%(expressions)s)) / 60) AS INTEGER)",
            arg_joiner=" - ",
            **extra,
        )

    def as_sqlite(self, compiler, connection, **extra):
        # django_timestamp_diff: Django's own function of SQLite connections (microseconds).
        return self.as_sql(
            compiler,
            connection,
            template="(django_timestamp_diff(%(expressions)s) / 60000000)",
            **extra,
        )


class _YearStart(Func):
    """The first day of a year given as a number."""

    output_field = DateField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="MAKE_DATE(%(expressions)s, 1, 1)")

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="(CAST(%(expressions)s AS TEXT) || '-01-01')"
        )


def _between(queryset, node: OrgUnit, unit: str, moment: str, start: date, end: date):
    """`queryset` narrowed to `node`'s subtree (through the `unit` path, e.g.
    "employee__unit__") and to `moment` (a date-time field) in [start, end)."""
    low, high = _bounds(start, end)
    return queryset.filter(node.subtree_q(unit), **{f"{moment}__gte": low, f"{moment}__lt": high})


def _no_concern() -> str:
    return gettext("Not from a request (case flow)")


def _no_concern_labels(cells: dict) -> dict:
    """The label of the empty concern (a case opened without a request)."""
    if any(row == "concern" for row, _column in cells):
        return {"concern": {"": _no_concern()}}
    return {}


@counted("counselling_requests")
def counselling_requests(node, start, end, period, shapes) -> Counted:
    queryset = _between(
        CounsellingRequest.objects, node, "employee__unit__", "received_at", start, end
    )
    keys = _person_keys(concern=F("concern_name"), channel=F("mode"))
    return Counted(
        _count(queryset, "received_at", period, shapes, keys, person="employee_id"),
        {},
    )


@counted("counselling_cases")
def counselling_cases(node, start, end, period, shapes) -> Counted:
    queryset = _between(Case.objects, node, "employee__unit__", "opened_at", start, end)
    keys = _person_keys(kind=F("kind"), concern=_concern("request__concern_name"))
    cells = _count(queryset, "opened_at", period, shapes, keys, person="employee_id")
    return Counted(cells, _no_concern_labels(cells))


@counted("counselling_sessions")
def counselling_sessions(node, start, end, period, shapes) -> Counted:
    """Sessions held, with their hours (the minutes summed, then turned into hours)."""
    queryset = _between(
        SessionRecord.objects, node, "case__employee__unit__", "held_at", start, end
    )
    keys = _person_keys(
        "case__employee", channel=F("mode"), concern=_concern("case__request__concern_name")
    )
    cells = _count(
        queryset,
        "held_at",
        period,
        shapes,
        keys,
        person="case__employee_id",
        value=F("minutes"),
    )
    return Counted(_hours(cells), _no_concern_labels(cells))


@counted("counselling_waiting")
def counselling_waiting(node, start, end, period, shapes) -> Counted:
    """A case opened from a request, counted in the period of its first session, with the
    days from the request to that session (between their local dates)."""
    earlier = SessionRecord.objects.filter(case_id=OuterRef("case_id")).filter(
        Q(held_at__lt=OuterRef("held_at")) | Q(held_at=OuterRef("held_at"), pk__lt=OuterRef("pk"))
    )
    firsts = _between(
        SessionRecord.objects, node, "case__employee__unit__", "held_at", start, end
    ).filter(~Exists(earlier), case__request__isnull=False)
    keys = _person_keys("case__employee", channel=F("case__request__mode"))
    days = _Days(TruncDate("held_at"), TruncDate("case__request__received_at"))
    cells = _count(
        firsts,
        "held_at",
        period,
        shapes,
        keys,
        person="case__employee_id",
        value=days,
    )
    return Counted(cells, {})


@counted("counselling_quota")
def counselling_quota(node, start, end, period, shapes) -> Counted:
    """Hours charged to (or given back to) the yearly quotas."""
    queryset = _between(QuotaEntry.objects, node, "employee__unit__", "created_at", start, end)
    keys = _person_keys(charged_for=F("source_kind"))
    cells = _count(
        queryset,
        "created_at",
        period,
        shapes,
        keys,
        person="employee_id",
        value=F("hours"),
    )
    return Counted(cells, {})


@counted("event_sessions", people=False)
def event_sessions(node, start, end, period, shapes) -> Counted:
    """Sessions of events that were not cancelled, under the unit that owns the event
    (nobody's: no people are counted)."""
    queryset = _between(
        EventSession.objects, node, "event__owner_unit__", "starts_at", start, end
    ).exclude(event__status=Event.Status.CANCELLED)
    keys = {"unit": F("event__owner_unit__path"), "event_kind": F("event__kind")}
    return Counted(_count(queryset, "starts_at", period, shapes, keys), {})


@counted("event_attendances")
def event_attendances(node, start, end, period, shapes) -> Counted:
    """Each attendance (present, late or partly present) with the hours attended: the
    session's whole length when present, else the minutes recorded (at most the length)."""
    attended = Attendance.objects.exclude(status=Attendance.Status.ABSENT)
    queryset = _between(
        attended, node, "registration__employee__unit__", "session__starts_at", start, end
    )
    whole = _Minutes("session__ends_at", "session__starts_at")
    minutes = CaseWhen(
        When(status=Attendance.Status.PRESENT, then=whole),
        default=Least(Coalesce("minutes", Value(0)), whole),
        output_field=IntegerField(),
    )
    keys = _person_keys("registration__employee", event_kind=F("session__event__kind"))
    cells = _count(
        queryset, "session__starts_at", period, shapes, keys,
        person="registration__employee_id", value=minutes,
    )  # fmt: skip
    return Counted(_hours(cells), {})


@counted("survey_invitations")
def survey_invitations(node, start, end, period, shapes) -> Counted:
    """Each invitation to a survey that opened in the period, answered or not (a submitted
    response, or the receipt of an anonymous answer). One query per column and per other
    shape, and one for the surveys' titles."""
    invitations = SurveyInvitation.objects.filter(
        node.subtree_q("employee__unit__"), opens_on__gte=start, opens_on__lt=end
    )
    # The invitations answered, each set found once (a semi-join, then a hashed IN),
    # rather than two EXISTS probed for every invitation in every query.
    same = {"survey_id": OuterRef("survey_id"), "employee_id": OuterRef("employee_id")}
    window = SurveyInvitation.objects.filter(opens_on__gte=start, opens_on__lt=end)
    submitted = Response.objects.filter(status=Response.Status.SUBMITTED, **same)
    answered = Q(pk__in=window.filter(Exists(submitted)).values("pk")) | Q(
        pk__in=window.filter(Exists(AnonymousReceipt.objects.filter(**same))).values("pk")
    )
    keys = _person_keys(
        survey=F("survey_id"),
        answered=CaseWhen(When(answered, then=Value("yes")), default=Value("no")),
    )
    cells = _count(invitations, "opens_on", period, shapes, keys, person="employee_id")
    surveys = {key for (row, _at), found in cells.items() if row == "survey" for key, _c in found}
    titles = dict(Survey.objects.filter(pk__in=surveys).values_list("pk", "title"))
    return Counted(cells, {"survey": titles})


def _tallies(node: OrgUnit, start: date, end: date):
    """The tally rows of each person's first self-test of the year (one row per score),
    and the instruments (their names, scores and bands). One query for the instruments."""
    rows = SelfTestTally.objects.filter(
        node.subtree_q("agency__"), month__gte=start, month__lt=end, first_of_year=True
    )
    instruments = {
        instrument.pk: instrument.parsed
        for instrument in Instrument.objects.filter(
            Q(authority__isnull=True) | Q(authority_id=node.root_id)
        )
    }
    return rows, instruments


# A tally row names nobody: each counts as a person of its own (people = records).
_TALLY_KEYS = {"unit": F("agency__path"), "gender": F("gender")}


@counted("selftest_takers")
def selftest_takers(node, start, end, period, shapes) -> Counted:
    """A person's first test of each instrument in the year (its first score's row)."""
    rows, instruments = _tallies(node, start, end)
    names = {pk: definition.name for pk, definition in instruments.items()}
    first_scores = Q(pk__in=[])
    for pk, definition in instruments.items():
        if definition.scores:
            first_scores |= Q(instrument_id=pk, score=definition.scores[0].key)
    keys = {**_TALLY_KEYS, "instrument": F("instrument_id")}
    cells = _count(rows.filter(first_scores), "month", period, shapes, keys, person="pk")
    return Counted(cells, {"instrument": names})


@counted("selftest_bands")
def selftest_bands(node, start, end, period, shapes) -> Counted:
    """Each score of a person's first test in the year, by its band."""
    rows, instruments = _tallies(node, start, end)
    labels = {}
    for pk, definition in instruments.items():
        for score in definition.scores:
            for band in score.bands:
                labels[f"{pk}:{score.key}:{band.key}"] = (
                    f"{definition.name} {score.label}：{band.label}"
                )
    band = Concat(
        Cast("instrument_id", CharField()), Value(":"), "score", Value(":"), "band",
        output_field=CharField(),
    )  # fmt: skip
    keys = {**_TALLY_KEYS, "band": band}
    cells = _count(rows, "month", period, shapes, keys, person="pk")
    return Counted(cells, {"band": labels})


@counted("care_workers")
def care_workers(node, start, end, period, shapes) -> Counted:
    """Each care worker in term at some time between the two dates (active now, or ended
    after `start`), under his or her own unit, so that each lands in one row; the term
    dimension tells a term begun in the range from one carried over (dated its first day
    in the range). A number of people, not of events: the indicator splits by term
    instead of by period."""
    low, _high = _bounds(start, end)
    queryset = CareWorker.objects.filter(
        node.subtree_q("employee__unit__"),
        status__in=(CareWorker.Status.ACTIVE, CareWorker.Status.ENDED),
        term_start__lt=end,
        term_end__gte=start,
    ).filter(Q(ended_at__isnull=True) | Q(ended_at__gte=low))
    keys = _person_keys(
        term=CaseWhen(When(term_start__gte=start, then=Value("new")), default=Value("continuing"))
    )
    on = Greatest("term_start", Value(start), output_field=DateField())
    return Counted(_count(queryset, on, period, shapes, keys, person="employee_id"), {})


@counted("outreach_sends")
def outreach_sends(node, start, end, period, shapes) -> Counted:
    """Each outreach message sent (an invitation to the employee, a care prompt to a
    supervisor or an HR officer), by the unit of the person it concerns. The rows name
    nobody (care's OutreachSend); each is about one person, so each row counts as a
    person of its own and the people rule is the count rule. Messages held back are not
    read: their number would tell who turned the messages off (decision 0047)."""
    queryset = OutreachSend.objects.filter(
        node.subtree_q("unit__"), sent_on__gte=start, sent_on__lt=end
    ).exclude(way=OutreachSend.Way.NOT_SENT)
    keys = {"unit": F("unit__path"), "reason": F("reason"), "way": F("way")}
    return Counted(_count(queryset, "sent_on", period, shapes, keys, person="pk"), {})


@counted("outcome_pairs")
def outcome_pairs(node, start, end, period, shapes) -> Counted:
    """Each completed pair of a case's outcome measure (WHO-5 at the start and the close),
    by the direction of its change, from the yearly tally of authorities in the subtree
    (decision 0072). The tally names no case and no person: each pair counts as a person
    of its own (as an outreach message does), so the people rule is the count rule; a
    row stands for its `pairs` records and the changes summed, so that a cell's mean is
    the tally's. A year's pairs are dated its first day: the tally knows no finer period."""
    queryset = OutcomeTally.objects.filter(
        node.subtree_q("authority__"), year__gte=start.year, year__lt=end.year
    )
    keys = {"unit": F("authority__path"), "instrument": F("instrument"), "change": F("change")}
    cells = _count(
        queryset, _YearStart("year"), period, shapes, keys,
        person="pk", value=F("change_sum"), records=F("pairs"),
    )  # fmt: skip
    found = {key for (row, _at), cell in cells.items() if row == "instrument" for key, _c in cell}
    names = {
        instrument.key: instrument.parsed.name
        for instrument in Instrument.objects.filter(key__in=found)
    }
    return Counted(cells, {"instrument": names})


# --- satisfaction (decision 0077) ----------------------------------------------------------
#
# Events' and surveys' satisfaction: the answers to satisfaction questions (the scale
# questions a questionnaire marks; all of an event feedback survey's when it marks none),
# each in its level (above the middle of the scale: satisfied), read from the surveys'
# sealed tallies, as the survey's own analysis reads them (anxin/surveys/satisfaction.py).
# One query per source: the tallies with their surveys; the counting is done in Python
# over the tallies' groups, never over answers. A record is one answer to one question;
# an answer is dated by its survey's closing day (answers carry no time: an anonymous
# answer has none at all) and placed where the tally tells: the event's unit, the agency
# when the survey was reported by agency, else the survey's owner. The people behind a
# cell are its respondents: exact for one question (one answer each); for several
# questions the largest number of one question's answers in the cell, which is no more
# than the respondents behind it, so the k rule on people is never looser than it should
# be (summing them would count a respondent once per question). Only what the survey's
# analysis page gives away is counted: a question's answers of a group whose levels the
# page does not show (it hides a point that its shown figures cannot give back) count in
# no level and no total (`Answers.counted`), so that no figure here, nor any difference of
# them, narrows down a count the analysis hides.

SATISFACTION = "satisfaction"
DIMENSIONS[SATISFACTION] = Dimension(
    SATISFACTION,
    _("Satisfaction"),
    (
        ("satisfied", _("Satisfied")),
        ("neutral", pgettext_lazy("satisfaction", "Neutral")),
        ("not_satisfied", _("Not satisfied")),
    ),
)
DIMENSIONS["question"] = Dimension("question", _("Satisfaction question"))


def _period_start(on: date, period: str) -> date:
    if period == "month":
        return on.replace(day=1)
    if period == "quarter":
        return date(on.year, 3 * ((on.month - 1) // 3) + 1, 1)
    return date(on.year, 1, 1)


def _folded(node: OrgUnit, path: str) -> str:
    """`path` folded to the child of `node` it runs through (`node`'s own path for its
    own), so that each unit row is one key and its respondents are never added up."""
    rest = path[len(node.path) :].strip("/")
    return f"{node.path}{rest.split('/')[0]}/" if rest else node.path


@dataclass(frozen=True)
class _Placed:
    """Answers of one question of one survey in one level, placed on a unit's path."""

    question: tuple  # (survey id, question key): the respondents of one question
    path: str
    on: date
    keys: dict
    count: int


def _satisfaction_cells(node, period, shapes, placed: list[_Placed]) -> dict:
    cells: dict = {}
    for row, column in shapes:
        found: dict = {}
        for item in placed:
            position = tuple(
                None
                if dimension is None
                else _folded(node, item.path)
                if dimension == "unit"
                else _period_start(item.on, period)
                if dimension == PERIOD
                else item.keys[dimension]
                for dimension in (row, column)
            )
            per_question = found.setdefault(position, {})
            per_question[item.question] = per_question.get(item.question, 0) + item.count
        cells[(row, column)] = {
            position: (sum(counts.values()), max(counts.values()), 0.0)
            for position, counts in found.items()
        }
    return cells


def _closed_before(end: date) -> date:
    """The day the surveys counted closed before: `end`, and never today or later (a
    survey's results are read once it has closed, as its analysis shows them)."""
    return min(end, timezone.localdate())


@counted("event_satisfaction")
def event_satisfaction(node, start, end, period, shapes) -> Counted:
    """The satisfaction answers of events' feedback surveys closed in the period, under
    the unit that owns the event, by the event's kind (and the survey, titled after its
    event). One query."""
    tallies = closed_tallies(start, _closed_before(end)).filter(
        node.subtree_q("survey__event__owner_unit__")
    )
    placed, titles = [], {}
    for answers in satisfaction_answers(tallies):
        if not answers.counted:
            continue
        survey = answers.survey
        titles[survey.pk] = survey.title
        placed.append(
            _Placed(
                (survey.pk, answers.question.key),
                survey.event.owner_unit.path,
                survey.closes_on,
                {
                    "event_kind": survey.event.kind,
                    "survey": survey.pk,
                    SATISFACTION: answers.level,
                },
                answers.count,
            )
        )
    return Counted(_satisfaction_cells(node, period, shapes, placed), {"survey": titles})


@counted("survey_satisfaction")
def survey_satisfaction(node, start, end, period, shapes) -> Counted:
    """The satisfaction answers of the surveys closed in the period that are not about an
    event (those are the events' figure), by survey and question, placed by agency when
    the survey was reported by agency (each agency's answers in its own row; those of no
    agency under the owner), else under the survey's owner. A survey owned above `node`
    counts only through agencies within it. One query."""
    above = [int(part) for part in node.path.strip("/").split("/")[:-1] if part]
    tallies = closed_tallies(start, _closed_before(end)).filter(
        node.subtree_q("survey__owner__") | Q(survey__owner_id__in=above),
        survey__event__isnull=True,
    )
    everyone: dict = {}
    by_agency: dict = {}
    for answers in satisfaction_answers(tallies, "agency"):
        position = (answers.survey.pk, answers.question.key, answers.level)
        if answers.group is None:
            everyone[position] = answers
        else:
            by_agency.setdefault(position, []).append(answers)
    placed, titles, questions = [], {}, {}
    for position, whole in everyone.items():
        survey, question = whole.survey, whole.question
        titles[survey.pk] = survey.title
        key = f"{survey.pk}:{question.key}"
        questions[key] = f"{survey.title}：{question.number}. {question.text}"
        root = survey.owner.path.strip("/").split("/")[0]
        groups = by_agency.get(position, [])
        parts = [
            (f"/{root}/" if str(item.group) == root else f"/{root}/{item.group}/", item.count)
            for item in groups
            if item.counted
        ]
        rest = whole.count - sum(item.count for item in groups)
        if rest > 0 and whole.counted:
            parts.append((survey.owner.path, rest))
        for path, count in parts:
            if not path.startswith(node.path):
                continue
            placed.append(
                _Placed(
                    (survey.pk, question.key),
                    path,
                    survey.closes_on,
                    {"survey": survey.pk, "question": key, SATISFACTION: whole.level},
                    count,
                )
            )
    labels = {"survey": titles, "question": questions}
    return Counted(_satisfaction_cells(node, period, shapes, placed), labels)
