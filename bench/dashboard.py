"""The service-results dashboard at a city's size, against a plain SQL aggregate of the
same figures measured in the same run (issue 16; docs/decisions/0057-indicators-as-data.md).

Seeds the demo authority with N employees (70,000 by default, a Taipei-size city) and a
year of services: counselling requests, cases and sessions with their quota entries,
event sessions with their attendances, a needs survey put to every employee with its
invitations and submitted responses, each person's first self-test of the year (the
self-tests' unlinked tally rows) and the year's outcome-measure tally (rows as the
services write them, inserted in batches). Then it times,
each the best of `--repeat` runs after a warm-up run:

- the dashboard page through the test client (eap_admin, second factor passed), the
  counselling section by month; against the floor: one GROUP BY per table of the page
  (period × breakdown: count, distinct people, sum), the same figures without suppression;
- `dashboard()` for every section by quarter (what the dossier and the ODS export count),
  against the GROUP BYs of every table.

Run: `ANXIN_DEMO=1 .venv/bin/python bench/dashboard.py [--employees N] [--postgres [URL]]`.
SQLite runs in a temporary file; PostgreSQL in a database named anxin_bench_run on the
server of `--postgres URL` (or of DATABASE_URL), created and dropped by the script.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
import warnings
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# A run of its own on a shared server: ANXIN_BENCH_DATABASE names another database.
RUN_DATABASE = os.environ.get("ANXIN_BENCH_DATABASE", "anxin_bench_run")


def _server_url(url: str, database: str) -> str:
    """`url` (or the local server) with its database name replaced."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url or "postgres://postgres@127.0.0.1:5432/postgres")
    return urlunsplit(parts._replace(path=f"/{database}"))


def _recreate_database(url: str, *, drop_only: bool = False) -> None:
    import psycopg

    with psycopg.connect(_server_url(url, "postgres"), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {RUN_DATABASE}")
        if not drop_only:
            admin.execute(f"CREATE DATABASE {RUN_DATABASE}")


def _exists(url: str) -> bool:
    import psycopg

    with psycopg.connect(_server_url(url, "postgres"), autocommit=True) as admin:
        found = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [RUN_DATABASE])
        return found.fetchone() is not None


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=70_000)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each case")
    parser.add_argument("--postgres", nargs="?", const="", default=None, metavar="URL")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the database a run with --reuse seeded and kept (seed it if missing)",
    )
    parser.add_argument(
        "--queries", type=int, default=0, metavar="N", help="print the N slowest queries"
    )
    args = parser.parse_args(argv)
    if args.postgres is None and os.environ.get("DATABASE_URL", "").startswith("postgres"):
        args.postgres = os.environ["DATABASE_URL"]
    return args


def configure(args: argparse.Namespace) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anxin.settings")
    os.environ.setdefault("ANXIN_DEMO", "1")
    args.workdir = tempfile.mkdtemp(prefix="anxin-bench-")
    os.environ.setdefault("ANXIN_VAR_DIR", args.workdir)
    if args.reuse:
        args.keep = True
    if args.postgres is not None:
        if not (args.reuse and _exists(args.postgres)):
            _recreate_database(args.postgres)
        os.environ["DATABASE_URL"] = _server_url(args.postgres, RUN_DATABASE)
    elif args.reuse:
        kept = Path(tempfile.gettempdir()) / f"{RUN_DATABASE}.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{kept}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{args.workdir}/bench.sqlite3"
    django.setup()


if __name__ == "__main__":
    ARGS = parse_args()
    configure(ARGS)

from django.db.models import Count, Sum  # noqa: E402
from django.db.models.functions import TruncMonth, TruncQuarter  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from anxin.assessments.models import Instrument, SelfTestTally  # noqa: E402
from anxin.assessments.services import instruments_load  # noqa: E402
from anxin.counseling.models import (  # noqa: E402
    Case,
    CounsellingRequest,
    OutcomeTally,
    QuotaEntry,
    SessionRecord,
)
from anxin.events.attendance.models import Attendance  # noqa: E402
from anxin.events.models import Event, EventSession, Registration  # noqa: E402
from anxin.people import demo  # noqa: E402
from anxin.people.models import Employee, OrgUnit, RoleAssignment, User  # noqa: E402
from anxin.plans.models import ProgramPlan  # noqa: E402
from anxin.reports.dashboard import dashboard, definitions  # noqa: E402
from anxin.surveys import services as survey_services  # noqa: E402
from anxin.surveys.models import Response, Survey, SurveyInvitation  # noqa: E402

BATCH = 5000
MODES = ["face_to_face", "phone", "video"]
CONCERNS = ["情緒困擾", "工作壓力", "家庭關係", "法律諮詢", "財務規劃"]


def _at(rng: random.Random, year: int) -> datetime:
    day = rng.randrange(0, 360)
    return datetime(year, 1, 1, 9, tzinfo=timezone.get_current_timezone()) + timedelta(
        days=day, hours=rng.randrange(0, 8)
    )


def seed(*, employees: int, seed: int = 116) -> dict:
    """The authority, its employees, a year of services. Sizes per 70,000 employees:
    4,200 requests and cases, up to 21,000 sessions and quota entries, 600 event sessions
    with 24,000 attendances."""
    rng = random.Random(seed)
    start = time.perf_counter()
    demo.demo_generate(employees=employees)
    authority = OrgUnit.objects.get(code=demo.AUTHORITY_CODE)
    admin = User.objects.create(username="bench-eap-admin", display_name="效能測試")
    TOTPDevice.objects.create(user=admin, name="bench", confirmed=True)
    RoleAssignment.objects.create(user=admin, role="eap_admin", scope=authority)
    plan = ProgramPlan.objects.create(slug="bench", name="效能測試計畫", authority=authority)
    staff = list(Employee.objects.filter(authority=authority).values_list("pk", flat=True))
    year = timezone.localdate().year
    scale = employees / 70_000
    now = timezone.now()

    requests = []
    for _ in range(int(4200 * scale)):
        requests.append(
            CounsellingRequest(
                employee_id=rng.choice(staff), plan=plan, concern="x",
                concern_name=rng.choice(CONCERNS), urgency="soon", mode=rng.choice(MODES),
                gender_preference="any", contact_method="phone", statement_accepted_at=now,
            )
        )  # fmt: skip
    CounsellingRequest.objects.bulk_create(requests, batch_size=BATCH)
    requests = list(CounsellingRequest.objects.order_by("pk"))
    for item in requests:
        item.received_at = _at(rng, year)
    CounsellingRequest.objects.bulk_update(requests, ["received_at"], batch_size=BATCH)
    cases = [
        Case(
            code=f"B{n:06d}", request=item, employee_id=item.employee_id, plan=plan,
            counselor=admin, opened_by=admin,
        )
        for n, item in enumerate(requests)
    ]  # fmt: skip
    Case.objects.bulk_create(cases, batch_size=BATCH)
    cases = list(Case.objects.select_related("request").order_by("pk"))
    for case in cases:
        case.opened_at = case.request.received_at + timedelta(days=rng.randrange(1, 10))
    Case.objects.bulk_update(cases, ["opened_at"], batch_size=BATCH)
    sessions, quota = [], []
    for case in cases:
        for k in range(5):
            held = case.opened_at + timedelta(days=7 * (k + 1))
            if held.year != year:
                break
            minutes = rng.choice([50, 50, 60])
            sessions.append(
                SessionRecord(case=case, held_at=held, minutes=minutes, mode=rng.choice(MODES),
                              author=admin)
            )  # fmt: skip
            quota.append(
                QuotaEntry(employee_id=case.employee_id, plan=plan, year=year - 1911,
                           hours=Decimal(minutes) / 60, source_kind="session", label="晤談")
            )  # fmt: skip
    SessionRecord.objects.bulk_create(sessions, batch_size=BATCH)
    QuotaEntry.objects.bulk_create(quota, batch_size=BATCH)

    units = list(OrgUnit.objects.filter(parent=authority).values_list("pk", flat=True))
    events = Event.objects.bulk_create(
        [
            Event(owner_unit_id=rng.choice(units), audience_unit=authority,
                  kind=rng.choice(Event.Kind.values), title=f"課程{n}",
                  capacity=60, learning_hours=Decimal(2),
                  status=Event.Status.PUBLISHED, created_by=admin)
            for n in range(int(600 * scale) or 1)
        ]
    )  # fmt: skip
    event_sessions = []
    for event in events:
        starts = _at(rng, year)
        event_sessions.append(
            EventSession(event=event, starts_at=starts, ends_at=starts + timedelta(hours=2))
        )
    EventSession.objects.bulk_create(event_sessions, batch_size=BATCH)
    registrations, seen = [], set()
    for event in events:
        for person in rng.sample(staff, min(40, len(staff))):
            registrations.append(Registration(event=event, employee_id=person, status="registered"))
            seen.add((event.pk, person))
    Registration.objects.bulk_create(registrations, batch_size=BATCH)
    session_of = {s.event_id: s for s in EventSession.objects.all()}
    attendances = [
        Attendance(registration=r, session=session_of[r.event_id], status="present",
                   source="roster", recorded_by=admin)
        for r in Registration.objects.all()
    ]  # fmt: skip
    Attendance.objects.bulk_create(attendances, batch_size=BATCH)
    invitations = _seed_survey(rng, authority=authority, admin=admin, year=year)
    takers = _seed_selftests(rng, authority=authority, year=year, scale=scale)
    _seed_outcomes(rng, authority=authority, year=year, scale=scale)
    return {
        "employees": len(staff),
        "requests": len(requests),
        "sessions": len(sessions),
        "attendances": len(attendances),
        "invitations": invitations,
        "selftests": takers,
        "admin": admin,
        "authority": authority,
        "year": year,
        "seconds": time.perf_counter() - start,
    }


PRESET = ROOT / "anxin" / "surveys" / "presets" / "needs_survey.yaml"


def _seed_survey(rng: random.Random, *, authority, admin, year: int) -> int:
    """The needs survey put to every employee in May, with invitations as the schedule
    writes them and a submitted response from 60% of them."""
    import yaml

    definition = yaml.safe_load(PRESET.read_text(encoding="utf-8"))["questionnaire"]
    definition.pop("example_wording", None)
    definition.pop("note", None)
    version = survey_services.questionnaire_create(
        owner=authority, actor=admin, definition=definition
    )
    survey_services.version_publish(version=version, expected_version=version.version)
    version.refresh_from_db()
    opens, closes = datetime(year, 5, 1).date(), datetime(year, 5, 31).date()
    survey = survey_services.survey_create(
        version=version, owner=authority, actor=admin, title="員工需求調查", scope=authority,
        staff_categories=[], opens_on=opens, closes_on=closes, mode=Survey.Mode.CONFIDENTIAL,
    )  # fmt: skip
    staff = list(Employee.objects.filter(authority=authority).values_list("pk", flat=True))
    SurveyInvitation.objects.bulk_create(
        [
            SurveyInvitation(survey=survey, employee_id=person, opens_on=opens, closes_on=closes)
            for person in staff
        ],
        batch_size=BATCH,
    )
    now = timezone.now()
    Response.objects.bulk_create(
        [
            Response(survey=survey, employee_id=person, status=Response.Status.SUBMITTED,
                     answers={}, submitted_at=now)
            for person in staff
            if rng.random() < 0.6
        ],
        batch_size=BATCH,
    )  # fmt: skip
    return len(staff)


def _seed_selftests(rng: random.Random, *, authority, year: int, scale: float) -> int:
    """Each taker's first test of the year, one tally row per score, as
    `self_test_submit` writes them (per 70,000 employees: 14,000 takers)."""
    instruments_load()
    instruments = [instrument for instrument in Instrument.objects.all()]
    employees = list(
        Employee.objects.filter(authority=authority).values_list("unit_id", "gender")[
            : int(14_000 * scale)
        ]
    )
    rows = []
    for unit, gender in employees:
        instrument = rng.choice(instruments)
        month = datetime(year, rng.randrange(1, 13), 1).date()
        for score in instrument.parsed.scores:
            rows.append(
                SelfTestTally(instrument=instrument, score=score.key,
                              band=rng.choice(score.bands).key, month=month, agency_id=unit,
                              gender=gender, age_band="40-49", first_of_year=True,
                              first_of_quarter=True)
            )  # fmt: skip
    SelfTestTally.objects.bulk_create(rows, batch_size=BATCH)
    return len(employees)


def _seed_outcomes(rng: random.Random, *, authority, year: int, scale: float) -> None:
    """The year's WHO-5 pairs (per 70,000 employees: 2,000 of the 4,200 cases)."""
    pairs = int(2000 * scale)
    shares = {"improved": 0.55, "unchanged": 0.35, "worse": 0.10}
    OutcomeTally.objects.bulk_create(
        [
            OutcomeTally(authority=authority, year=year, instrument="who5", change=change,
                         pairs=int(pairs * share), change_sum=rng.uniform(-1, 1) * pairs)
            for change, share in shares.items()
        ]
    )  # fmt: skip


# --- the floor: the same figures as plain GROUP BYs -----------------------------------------

# For each source: the queryset, its date field, its person field, its value field, and the
# field of each breakdown (the unit: the employee's unit, folded to agencies by the page).
FLOOR = {
    "counselling_requests": (CounsellingRequest.objects, "received_at", "employee_id", None,
                             {"unit": "employee__unit_id", "gender": "employee__gender",
                              "concern": "concern_name", "channel": "mode"}),
    "counselling_cases": (Case.objects, "opened_at", "employee_id", None,
                          {"unit": "employee__unit_id", "gender": "employee__gender",
                           "kind": "kind", "concern": "request__concern_name"}),
    "counselling_sessions": (SessionRecord.objects, "held_at", "case__employee_id", "minutes",
                             {"channel": "mode", "unit": "case__employee__unit_id",
                              "gender": "case__employee__gender",
                              "concern": "case__request__concern_name"}),
    "counselling_quota": (QuotaEntry.objects, "created_at", "employee_id", "hours",
                          {"unit": "employee__unit_id", "gender": "employee__gender",
                           "charged_for": "source_kind"}),
    "event_sessions": (EventSession.objects, "starts_at", None, None,
                       {"unit": "event__owner_unit_id", "event_kind": "event__kind"}),
    "event_attendances": (Attendance.objects, "session__starts_at", "registration__employee_id",
                          None, {"unit": "registration__employee__unit_id",
                                 "gender": "registration__employee__gender",
                                 "event_kind": "session__event__kind"}),
    "survey_invitations": (SurveyInvitation.objects, "opens_on", "employee_id", None,
                           {"survey": "survey_id", "unit": "employee__unit_id",
                            "gender": "employee__gender"}),
    "selftest_takers": (SelfTestTally.objects.filter(first_of_year=True), "month", None, None,
                        {"instrument": "instrument_id", "unit": "agency_id",
                         "gender": "gender"}),
    "selftest_bands": (SelfTestTally.objects.filter(first_of_year=True), "month", None, None,
                       {"band": "band", "unit": "agency_id"}),
}  # fmt: skip


def floor(*, sections: list[str] | None, period: str, year: int) -> int:
    """Every table's GROUP BY; returns the number of groups (so that nothing is skipped)."""
    trunc = TruncMonth if period == "month" else TruncQuarter
    groups = 0
    for section in definitions():
        if sections is not None and section.key not in sections:
            continue
        for indicator in section.indicators:
            if indicator.source not in FLOOR:
                continue
            manager, when, person, value, fields = FLOOR[indicator.source]
            for dimension in indicator.by:
                aggregates = {"n": Count("pk")}
                if person:
                    aggregates["people"] = Count(person, distinct=True)
                if value:
                    aggregates["value"] = Sum(value)
                rows = (
                    manager.filter(**{f"{when}__year": year})
                    .annotate(period=trunc(when))
                    .values("period", fields[dimension])
                    .annotate(**aggregates)
                )
                groups += len(list(rows))
    if sections is None or "surveys" in sections:
        groups += len(list(Response.objects.values("survey_id").annotate(n=Count("pk"))))
    if sections is None or "outcomes" in sections:
        groups += len(
            list(
                OutcomeTally.objects.filter(year=year)
                .values("instrument", "change")
                .annotate(n=Sum("pairs"), value=Sum("change_sum"))
            )
        )
    return groups


def best_of(repeat: int, action) -> float:
    action()
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def _signed_in(admin: User) -> Client:
    client = Client()
    client.force_login(admin)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=admin).persistent_id
    session.save()
    return client


def measure(seeded: dict, *, repeat: int = 3) -> dict:
    client = _signed_in(seeded["admin"])
    year, authority = seeded["year"], seeded["authority"]
    query = {"section": "counselling", "year": year, "period": "month", "by": "unit"}

    def page():
        response = client.get("/reports/", query)
        assert response.status_code == 200, response.status_code

    def whole():
        dashboard(node=authority, year=year, period="quarter", k=5)

    return {
        "dashboard page (counselling, by month)": (
            best_of(repeat, page),
            best_of(repeat, lambda: floor(sections=["counselling"], period="month", year=year)),
        ),
        "dashboard() every section, by quarter": (
            best_of(repeat, whole),
            best_of(repeat, lambda: floor(sections=None, period="quarter", year=year)),
        ),
    }


def kept() -> dict | None:
    """What an earlier run seeded and kept (--reuse), or None when nothing was."""
    admin = User.objects.filter(username="bench-eap-admin").first()
    if admin is None:
        return None
    authority = OrgUnit.objects.get(code=demo.AUTHORITY_CODE)
    return {
        "employees": Employee.objects.filter(authority=authority).count(),
        "requests": CounsellingRequest.objects.count(),
        "sessions": SessionRecord.objects.count(),
        "attendances": Attendance.objects.count(),
        "invitations": SurveyInvitation.objects.count(),
        "selftests": sum(  # a taker's first test is one row per score: count the first's
            SelfTestTally.objects.filter(
                first_of_year=True, instrument=instrument, score=instrument.parsed.scores[0].key
            ).count()
            for instrument in Instrument.objects.all()
            if instrument.parsed.scores
        ),
        "admin": admin,
        "authority": authority,
        "year": timezone.localdate().year,
        "seconds": 0.0,
    }


def slowest(seeded: dict, n: int) -> None:
    """The queries of one `dashboard()` of every section, the slowest first."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        dashboard(node=seeded["authority"], year=seeded["year"], period="quarter", k=5)
    timed = sorted(queries.captured_queries, key=lambda query: -float(query["time"]))
    total = sum(float(query["time"]) for query in timed)
    print(f"{len(timed)} queries, {total:.3f} s in the database")
    for query in timed[:n]:
        print(f"{float(query['time']):7.3f}  {query['sql'][:600]}")


def report(seeded: dict, figures: dict) -> None:
    from django.db import connection

    print(
        f"database: {connection.vendor}; employees {seeded['employees']:,}; requests and cases "
        f"{seeded['requests']:,}; sessions {seeded['sessions']:,}; attendances "
        f"{seeded['attendances']:,}; survey invitations {seeded['invitations']:,}; self-test "
        f"takers {seeded['selftests']:,}; seeded in {seeded['seconds']:.1f} s"
    )
    print(f"{'case':42} {'seconds':>9} {'floor':>9} {'ratio':>7}")
    for case, (seconds, base) in figures.items():
        print(f"{case:42} {seconds:9.3f} {base:9.3f} {seconds / base:7.1f}")


def main(args: argparse.Namespace) -> None:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    warnings.filterwarnings("ignore", message="No directory at")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    try:
        call_command("migrate", verbosity=0)
        seeded = kept() if args.reuse else None
        if seeded is None:
            seeded = seed(employees=args.employees)
        # The planner's statistics, as autovacuum's analyze keeps them in a live database
        # (right after the bulk seeding PostgreSQL has none, and picks a nested loop that
        # takes ten seconds over the attendances).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        report(seeded, measure(seeded, repeat=args.repeat))
        if args.queries:
            slowest(seeded, args.queries)
    finally:
        connection.close()
        if not args.keep:
            shutil.rmtree(args.workdir, ignore_errors=True)
            if args.postgres is not None:
                _recreate_database(args.postgres, drop_only=True)


if __name__ == "__main__":
    main(ARGS)
