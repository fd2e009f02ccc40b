"""Self-test services: loading instrument files, submitting a test, reading one's own
results, and the aggregate that never opens a sealed value."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from django.db import transaction
from django.db.models import Count, DateTimeField, Max, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from anxin.assessments.definitions import (
    InstrumentFileError,
    Outcome,
    builtin_files,
    read_instrument_file,
)
from anxin.assessments.models import (
    Instrument,
    SelfTestHistory,
    SelfTestReminder,
    SelfTestResult,
    SelfTestTally,
)
from anxin.core import kanon
from anxin.core.audit import is_unavailable, read_sealed
from anxin.core.notifications import notify_later
from anxin.core.sealed import seal_into
from anxin.people.ages import AGE_BANDS, age_band  # the aggregate's age bands
from anxin.people.models import Employee, OrgUnit
from anxin.people.roles import Role
from anxin.plans.config import add_months
from anxin.plans.models import ProgramPlan
from anxin.plans.services import plan_for_authority, plan_for_employee

PURPOSE = "self_view"
EMPLOYEE_ROLE = Role.EMPLOYEE


# --- loading instruments -----------------------------------------------------------------


@dataclass(frozen=True)
class InstrumentLoad:
    instrument: Instrument
    action: str  # "created", "updated" or "unchanged"


def instruments_load(*, paths: list[Path | str] | None = None) -> list[InstrumentLoad]:
    """Validate every file (the built-in ones when `paths` is None), then store them all
    or none. Loading the same file twice changes nothing. A file whose content changed
    must raise its version once results exist, and a version never goes down."""
    paths = [Path(path) for path in paths] if paths is not None else builtin_files()
    documents: list[tuple[Path, dict]] = []
    errors: list[str] = []
    for path in paths:
        try:
            documents.append((path, read_instrument_file(path)))
        except InstrumentFileError as exc:
            errors.extend(exc.errors)
    keys = [data["key"] for _path, data in documents]
    for path, data in documents:
        if keys.count(data["key"]) > 1:
            errors.append(
                f"{path.name}: key: another file in this load has the key '{data['key']}'"
            )
    if errors:
        raise InstrumentFileError(errors)
    with transaction.atomic():
        return [_store(path, data) for path, data in documents]


def _store(path: Path, data: dict) -> InstrumentLoad:
    authority = None
    if code := data.get("authority_code"):
        authority = OrgUnit.objects.filter(
            code=code, kind=OrgUnit.Kind.AUTHORITY, parent=None
        ).first()
        if authority is None:
            raise InstrumentFileError(
                [f"{path.name}: authority_code: no authority has the agency code {code}"]
            )
    existing = Instrument.objects.select_for_update().filter(key=data["key"]).first()
    if existing is None:
        instrument = Instrument.objects.create(
            key=data["key"],
            version=data["version"],
            authority=authority,
            definition=data,
            source_file=path.name,
        )
        return InstrumentLoad(instrument, "created")
    if existing.definition == data and existing.authority_id == getattr(authority, "pk", None):
        return InstrumentLoad(existing, "unchanged")
    if data["version"] < existing.version:
        raise InstrumentFileError(
            [f"{path.name}: version: {data['version']} is older than the loaded {existing.version}"]
        )
    if (
        data["version"] == existing.version
        and SelfTestResult.objects.filter(instrument=existing).exists()
    ):
        raise InstrumentFileError(
            [
                f"{path.name}: version: the content changed but the version did not; results "
                f"were taken with version {existing.version}, so raise the version"
            ]
        )
    existing.version = data["version"]
    existing.authority = authority
    existing.definition = data
    existing.source_file = path.name
    existing.is_active = True
    existing.save()
    return InstrumentLoad(existing, "updated")


# --- who is offered what -----------------------------------------------------------------


def instruments_for(employee: Employee) -> QuerySet[Instrument]:
    """The instruments offered to `employee`: the built-in ones and those of the
    employee's authority. When the employee's plan lists instruments (self_test.
    instruments), only those."""
    offered = Instrument.objects.filter(is_active=True).filter(
        Q(authority__isnull=True) | Q(authority_id=employee.authority_id)
    )
    plan = plan_for_employee(employee)
    listed = plan.self_test_instruments if plan else None
    if listed:
        offered = offered.filter(key__in=listed)
    return offered.order_by("key")


def instrument_for(employee: Employee, key: str) -> Instrument:
    instrument = instruments_for(employee).filter(key=key).first()
    if instrument is None:
        raise Http404
    return instrument


# --- the non-identifying attributes of the tally -----------------------------------------


def agency_of(employee: Employee) -> OrgUnit:
    """The agency or school the employee works in (the deepest one above the unit), or
    the authority for staff placed directly under it."""
    ids = [int(part) for part in employee.unit.path.strip("/").split("/")]
    agency = (
        OrgUnit.objects.filter(pk__in=ids, kind__in=[OrgUnit.Kind.AGENCY, OrgUnit.Kind.SCHOOL])
        .order_by("-path")
        .first()
    )
    return agency or OrgUnit.objects.get(pk=ids[0])


def _local_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


# --- taking a test -----------------------------------------------------------------------


@transaction.atomic
def self_test_submit(
    *,
    employee: Employee,
    instrument: Instrument,
    answers: dict[str, int],
    actor,
    now: datetime | None = None,
) -> tuple[SelfTestResult, Outcome]:
    """Score the answers, seal the result, append it to the employee's sealed history and
    count it in the unlinked tally; one transaction. Nothing is sent to anyone. `now` is
    for the demo's past results; a result taken in the app is dated by the clock."""
    outcome = instrument.parsed.score(answers)
    now = now or timezone.now()
    today = timezone.localdate(now)
    earlier = list(
        SelfTestResult.objects.filter(
            employee=employee,
            instrument=instrument,
            taken_at__gte=_local_start(date(today.year, 1, 1)),
        ).values_list("taken_at", flat=True)
    )
    quarter_start = _local_start(_quarter_start(today))
    first_of_year = not earlier
    first_of_quarter = not any(taken >= quarter_start for taken in earlier)

    result = SelfTestResult(
        employee=employee,
        instrument=instrument,
        instrument_version=instrument.version,
        taken_at=now,
    )
    seal_into(result, "payload", outcome.as_payload())
    result.save()

    history, _created = SelfTestHistory.objects.get_or_create(
        employee=employee, instrument=instrument
    )
    history = SelfTestHistory.objects.select_for_update().get(pk=history.pk)
    series = (
        read_sealed(
            history,
            "payload",
            actor=actor,
            purpose=PURPOSE,
            subject_uuid=employee.uuid,
            role=EMPLOYEE_ROLE,
        )
        or []
    )
    # A history that does not open (logged, the auditors told) is kept as it is, not
    # overwritten: it may open again once its key is back. The result stands on its own.
    if not is_unavailable(series):
        payload = outcome.as_payload()
        series.append(
            {
                "at": now.isoformat(),
                "result": str(result.uuid),
                "scores": payload["scores"],
                "bands": payload["bands"],
            }
        )
        seal_into(history, "payload", series)
        history.save(update_fields=["payload"])

    agency = agency_of(employee)
    attributes = {
        "instrument": instrument,
        "month": today.replace(day=1),
        "agency": agency,
        "gender": employee.gender,
        "age_band": age_band(employee.birth_date, today),
        "first_of_year": first_of_year,
        "first_of_quarter": first_of_quarter,
    }
    SelfTestTally.objects.bulk_create(
        [SelfTestTally(score=key, band=band, **attributes) for key, band in outcome.bands.items()]
    )
    return result, outcome


# --- reading one's own results -----------------------------------------------------------


def result_read(*, result_uuid, employee: Employee, actor) -> tuple[SelfTestResult, dict]:
    """Open one result for its employee. Anyone else's attempt is logged as refused in the
    owner's access log and answered 404, like a result that does not exist."""
    result = (
        SelfTestResult.objects.select_related("instrument", "employee")
        .filter(uuid=result_uuid)
        .first()
    )
    if result is None:
        raise Http404
    payload = read_sealed(
        result,
        "payload",
        actor=actor,
        purpose=PURPOSE,
        subject_uuid=result.employee.uuid,
        allowed=result.employee_id == employee.pk,
        role=EMPLOYEE_ROLE,
    )
    return result, payload


def history_read(*, employee: Employee, instrument: Instrument, actor) -> list[dict]:
    """The employee's series for one instrument, oldest first: one sealed read."""
    history = SelfTestHistory.objects.filter(employee=employee, instrument=instrument).first()
    if history is None:
        return []
    series = read_sealed(
        history,
        "payload",
        actor=actor,
        purpose=PURPOSE,
        subject_uuid=employee.uuid,
        role=EMPLOYEE_ROLE,
    )
    if is_unavailable(series):
        return []
    for point in series or []:
        point["at"] = datetime.fromisoformat(point["at"])
    return series or []


def result_counts(employee: Employee) -> dict[int, int]:
    """How many results the employee has of each instrument (no sealed read)."""
    rows = (
        SelfTestResult.objects.filter(employee=employee)
        .values("instrument_id")
        .annotate(n=Count("id"))
    )
    return {row["instrument_id"]: row["n"] for row in rows}


# --- the aggregate -----------------------------------------------------------------------


def period_bounds(year: int, quarter: int | None) -> tuple[date, date, str]:
    """First month, last month (inclusive) and the tally flag that counts each person
    once in that period."""
    if quarter:
        first = date(year, 3 * quarter - 2, 1)
        return first, date(year, 3 * quarter, 1), "first_of_quarter"
    return date(year, 1, 1), date(year, 12, 1), "first_of_year"


@dataclass
class DimensionTable:
    """One band-distribution table: rows are the groups of a dimension."""

    title: str
    rows: list[tuple[str, kanon.Line]]  # (group label, its suppressed line)
    table: kanon.SuppressedTable


@dataclass
class ScoreTables:
    score_key: str
    label: str
    band_labels: list[str]
    tables: list[DimensionTable]


@dataclass
class InstrumentAggregate:
    instrument: Instrument
    participation: kanon.Entry
    scores: list[ScoreTables]


def aggregate(
    *, scope: OrgUnit, year: int, quarter: int | None, k: int
) -> list[InstrumentAggregate]:
    """Participation and band distribution by agency, gender and age band, for the
    tally rows of agencies within `scope`, each person counted once in the period. Every
    table goes through kanon.suppress_table. One query for the counts, one for the
    agency names, one for the instruments."""
    first, last, flag = period_bounds(year, quarter)
    rows = (
        SelfTestTally.objects.filter(
            scope.subtree_q("agency__"), month__gte=first, month__lte=last, **{flag: True}
        )
        .values("instrument_id", "score", "band", "agency_id", "gender", "age_band")
        .annotate(n=Count("id"))
    )
    counts: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(lambda: defaultdict(int))))
    agency_ids: set[int] = set()
    for row in rows:
        per_score = counts[row["instrument_id"]][row["score"]]
        per_score["agency"][(row["agency_id"], row["band"])] += row["n"]
        per_score["gender"][(row["gender"], row["band"])] += row["n"]
        per_score["age"][(row["age_band"], row["band"])] += row["n"]
        agency_ids.add(row["agency_id"])
    agencies = list(OrgUnit.objects.filter(pk__in=agency_ids).order_by("path"))
    genders = list(Employee.Gender.choices)
    age_labels = {
        "u30": gettext("Under 30"),
        "30s": gettext("30–39"),
        "40s": gettext("40–49"),
        "50s": gettext("50–59"),
        "60p": gettext("60 and over"),
    }
    dimensions = [
        ("agency", gettext("Agency"), [(unit.pk, unit.name) for unit in agencies]),
        ("gender", gettext("Gender"), [(key, str(label)) for key, label in genders]),
        ("age", gettext("Age band"), [(key, age_labels[key]) for key, *_ in AGE_BANDS]),
    ]
    instruments = Instrument.objects.filter(
        Q(authority__isnull=True) | Q(authority_id=scope.root_id)
    ).order_by("key")
    result = []
    for instrument in instruments:
        definition = instrument.parsed
        score_tables = []
        participation = None
        for score in definition.scores:
            band_keys = [band.key for band in score.bands]
            per_score = counts[instrument.pk][score.key]
            tables = []
            for dimension, title, groups in dimensions:
                table = kanon.suppress_table(
                    {
                        group: {
                            band: per_score[dimension].get((group, band), 0) for band in band_keys
                        }
                        for group, _label in groups
                    },
                    k=k,
                    rows=[group for group, _label in groups],
                    columns=band_keys,
                )
                labels = [label for _group, label in groups]
                tables.append(
                    DimensionTable(title, list(zip(labels, table.lines, strict=True)), table)
                )
                if participation is None and dimension == "agency":
                    participation = table.total
            score_tables.append(
                ScoreTables(score.key, score.label, [band.label for band in score.bands], tables)
            )
        result.append(InstrumentAggregate(instrument, participation, score_tables))
    return result


# --- reminders at the plan's cadence ---------------------------------------------------------


def reminder_enabled(employee: Employee) -> bool:
    reminder = SelfTestReminder.objects.filter(employee=employee).first()
    return reminder is None or reminder.enabled


@transaction.atomic
def reminder_set(*, employee: Employee, enabled: bool) -> SelfTestReminder:
    """Turn the employee's cadence reminder on or off."""
    reminder, _ = SelfTestReminder.objects.select_for_update().get_or_create(employee=employee)
    reminder.enabled = enabled
    reminder.save(update_fields=["enabled"])
    return reminder


# Earlier than any result or reminder: stands in for "never" when comparing dates.
_NEVER = datetime(2000, 1, 1, tzinfo=UTC)


def reminders_due(*, plan, now: datetime) -> QuerySet[Employee]:
    """The plan's employees to remind now: active, with an active account, served by the
    plan, reminder not turned off, and neither a self-test nor a reminder within the
    plan's cadence. One query, however many employees."""
    months = plan.self_test_cadence_months
    if not months:
        return Employee.objects.none()
    cutoff_day = add_months(timezone.localtime(now).date(), -months)
    cutoff = timezone.make_aware(datetime.combine(cutoff_day, time.max))
    never = Value(_NEVER, output_field=DateTimeField())
    return (
        Employee.objects.filter(
            authority_id=plan.authority_id,
            is_active=True,
            user__is_active=True,
            staff_category__in=plan.staff_categories,
        )
        .exclude(self_test_reminder__enabled=False)
        .annotate(
            last_taken=Coalesce(Max("self_test_results__taken_at"), never),
            last_sent=Coalesce("self_test_reminder__last_sent_at", never),
        )
        .filter(last_taken__lte=cutoff, last_sent__lte=cutoff)
    )


def reminders_send(*, now: datetime) -> int:
    """Remind, by inbox and e-mail through the worker, every employee whose plan's
    self-test cadence has passed; record the sending first, so that a second run the same
    day reminds nobody twice. Returns how many were reminded."""
    reminded = 0
    authority_ids = ProgramPlan.objects.values_list("authority_id", flat=True).distinct().order_by()
    for authority_id in authority_ids:
        plan = plan_for_authority(authority_id, on=timezone.localtime(now).date())
        if plan is None or not plan.self_test_cadence_months:
            continue
        with transaction.atomic():
            due = list(reminders_due(plan=plan, now=now).values_list("pk", "user_id"))
            if not due:
                continue
            employee_ids = [pk for pk, _user in due]
            SelfTestReminder.objects.bulk_create(
                [SelfTestReminder(employee_id=pk) for pk in employee_ids],
                ignore_conflicts=True,
            )
            SelfTestReminder.objects.filter(employee_id__in=employee_ids).update(last_sent_at=now)
            notify_later(
                user_ids=[user for _pk, user in due],
                template="self_test_reminder",
                context={"months": plan.self_test_cadence_months},
                url=reverse("assessments:list"),
            )
        reminded += len(due)
    return reminded
