"""Survey analysis and export at the size of a Taipei-size authority, against a plain SQL
floor measured in the same run (issue 5, docs/decisions/0014-survey-analysis.md).

Seeds 70,000 employees and 1,000,000 answers (answered questions) to the annual needs
survey, anonymous, reported by gender, age band, staff category and agency, spread over
three yearly rounds (the page shows this year's round with the trend of the earlier ones).
The rows are those `services.answer_submit` writes (one sealed pending answer each,
`ballots.pending_add`), inserted in large batches instead of one transaction per answer;
then each round, closed, is counted by the closing batch of the `survey_ballots` job
(`ballots.survey_ballots_count`: receipts and answers shuffled, the sealed tally), as
after any survey's closing (decision 0019). Then it times:

- the analysis page through the test client, signed in as eap_admin with the second
  factor passed, overall and by gender, against reading and opening the same sealed
  tallies (one SELECT);
- the ODS export task run inline: the raw data, against a plain SELECT of the same answers
  and against a minimal odfpy loop writing the same cells; and the results tables (when
  the task offers `kind="results"`), against the GROUP BY floor of the page;
- submitting an answer through the service on the loaded database, against plain
  INSERTs of the same rows.

Each time is the best of `--repeat` runs after one warm-up run.

Run: `ANXIN_DEMO=1 .venv/bin/python bench/survey_analysis.py [--employees N] [--answers N]
[--postgres [URL]]`. SQLite runs in a temporary file; PostgreSQL in a database named
anxin_bench_run on the server of `--postgres URL` (or of DATABASE_URL), created and dropped
by the script: the database DATABASE_URL names is never touched.
"""

from __future__ import annotations

import argparse
import inspect
import io
import json
import os
import random
import shutil
import sys
import tempfile
import time
import warnings
from datetime import date, timedelta
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
RUN_DATABASE = "anxin_bench_run"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=70_000)
    parser.add_argument(
        "--answers", type=int, default=1_000_000, help="answered questions, over all rounds"
    )
    parser.add_argument("--rounds", type=int, default=3, help="yearly rounds of the survey")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each case")
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument(
        "--postgres",
        nargs="?",
        const="",
        default=None,
        metavar="URL",
        help="run on PostgreSQL (the server of URL, of DATABASE_URL, or the local one)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args(argv)
    if args.postgres is None and os.environ.get("DATABASE_URL", "").startswith("postgres"):
        args.postgres = os.environ["DATABASE_URL"]
    return args


def _server_url(url: str, database: str) -> str:
    """`url` (or the local server) with its database name replaced."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url or DEFAULT_SERVER)
    return urlunsplit(parts._replace(path=f"/{database}"))


def _recreate_database(url: str, *, drop_only: bool = False) -> None:
    import psycopg

    with psycopg.connect(_server_url(url, "postgres"), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {RUN_DATABASE}")
        if not drop_only:
            admin.execute(f"CREATE DATABASE {RUN_DATABASE}")


def configure(args: argparse.Namespace) -> None:
    """Point Django at a fresh database of the bench's own, then set it up."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anxin.settings")
    os.environ.setdefault("ANXIN_DEMO", "1")
    args.workdir = tempfile.mkdtemp(prefix="anxin-bench-")
    os.environ.setdefault("ANXIN_VAR_DIR", args.workdir)
    if args.postgres is not None:
        _recreate_database(args.postgres)
        os.environ["DATABASE_URL"] = _server_url(args.postgres, RUN_DATABASE)
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{args.workdir}/bench.sqlite3"
    django.setup()


if __name__ == "__main__":
    ARGS = parse_args()
    configure(ARGS)

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from anxin.core.jobs import job_create  # noqa: E402
from anxin.core.sealed import seal_into  # noqa: E402
from anxin.people import demo  # noqa: E402
from anxin.people.models import Employee, OrgUnit, RoleAssignment, User  # noqa: E402
from anxin.surveys import analysis, ballots, exports, services, tasks  # noqa: E402
from anxin.surveys.demo_answers import needs_answer  # noqa: E402
from anxin.surveys.models import (  # noqa: E402
    AnonymousAnswer,
    AnonymousReceipt,
    PendingAnswer,
    Survey,
    SurveyTally,
)

PRESET = ROOT / "anxin" / "surveys" / "presets" / "needs_survey.yaml"
BREAKDOWNS = ["gender", "age_band", "staff_category", "agency"]
# Rows per INSERT batch while seeding.
BATCH = 5000


# --- seeding ------------------------------------------------------------------------------


def questionnaire_definition() -> dict:
    """The needs-survey preset, reviewed, with a 0–10 rating and a number added, so that
    every kind of figure the analysis computes is there: 9 questions (single ×3, multiple
    ×2, Likert, rating, number, long text)."""
    import yaml

    data = yaml.safe_load(PRESET.read_text(encoding="utf-8"))["questionnaire"]
    data.pop("example_wording", None)
    data.pop("note", None)
    needs = data["sections"][1]["questions"]
    needs[-1:-1] = [
        {
            "key": "recommend",
            "type": "rating10",
            "text": "您有多大可能向同事推薦員工協助方案？（0 到 10）",
        },
        {
            "key": "overtime",
            "type": "number",
            "text": "上個月您大約加班幾小時？",
            "min": 0,
            "max": 200,
        },
    ]
    return data


def _insert(model, objects: list) -> None:
    """Insert unsaved model instances as Django would (same columns, same prepared values),
    in batches: executemany on SQLite, COPY on PostgreSQL."""
    if not objects:
        return
    fields = [f for f in model._meta.concrete_fields]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    rows = [
        [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields] for obj in objects
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(fields))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
            for start in range(0, len(rows), BATCH):
                cursor.executemany(sql, rows[start : start + BATCH])


def _answers(rng: random.Random, employee: Employee, on: date, year_index: float) -> dict:
    age = (on - employee.birth_date).days // 365
    answers = needs_answer(rng, age=age, gender=employee.gender, year_index=year_index)
    if rng.random() < 0.92:
        base = 7.5 if answers["used"] == "有" else 6
        answers["recommend"] = min(10, max(0, round(rng.gauss(base, 2))))
    if rng.random() < 0.85:
        answers["overtime"] = max(0, round(rng.gauss(12, 10)))
    return answers


def _answered(answers: dict) -> int:
    return sum(1 for value in answers.values() if value not in (None, "", []))


def _round_dates(today: date, years_back: int) -> tuple[date, date]:
    closes = today - timedelta(days=1)
    opens = closes - timedelta(days=27)
    year = opens.year - years_back
    opens = opens.replace(year=year, day=min(opens.day, 28))
    return opens, opens + timedelta(days=27)


def seed(*, employees: int, answers: int, rounds: int, seed: int = 114) -> dict:
    """The authority, its employees, the eap_admin account, the questionnaire and its
    rounds with their answers. Returns what the measurements need."""
    rng = random.Random(seed)
    timings = {}
    start = time.perf_counter()
    demo.demo_generate(employees=employees)
    timings["employees"] = time.perf_counter() - start
    authority = OrgUnit.objects.get(code=demo.AUTHORITY_CODE)

    admin = User.objects.create(username="bench-eap-admin", display_name="效能測試")
    TOTPDevice.objects.create(user=admin, name="bench", confirmed=True)
    RoleAssignment.objects.create(user=admin, role="eap_admin", scope=authority)

    version = services.questionnaire_create(
        owner=authority, actor=admin, definition=questionnaire_definition()
    )
    services.version_publish(version=version, expected_version=version.version)
    version.refresh_from_db()

    today = timezone.localdate()
    staff = list(
        Employee.objects.filter(authority=authority)
        .select_related("unit")
        .only("pk", "gender", "birth_date", "staff_category", "unit__path")
        .order_by("pk")
    )
    start = time.perf_counter()
    surveys, answered, responses, tallies = [], 0, 0, 0
    for index in range(rounds):
        opens, closes = _round_dates(today, rounds - 1 - index)
        survey = services.survey_create(
            version=version,
            owner=authority,
            actor=admin,
            title=f"{version.title}（{opens.year - 1911} 年）",
            scope=authority,
            staff_categories=[],
            opens_on=opens,
            closes_on=closes,
            mode=Survey.Mode.ANONYMOUS,
            breakdowns=BREAKDOWNS,
        )
        surveys.append(survey)
        quota = answers * (index + 1) // rounds - answered
        year_index = index / max(rounds - 1, 1)
        respondents = iter(rng.sample(staff, len(staff)))
        batch: list[PendingAnswer] = []
        with transaction.atomic():
            while quota > 0:
                employee = next(respondents, None)
                if employee is None:
                    print(f"round {index + 1}: every employee answered, {quota} answers short")
                    break
                day = opens + timedelta(days=rng.randrange((closes - opens).days + 1))
                given = _answers(rng, employee, day, year_index)
                attributes = analysis.answer_attributes(survey, employee, on=day)
                batch.append(_pending(survey, employee, given, attributes))
                quota -= _answered(given)
                answered += _answered(given)
                responses += 1
                tallies += len(ballots.tally_rows(survey, answers=given))
                if len(batch) >= BATCH:
                    _insert(PendingAnswer, batch)
                    batch.clear()
            _insert(PendingAnswer, batch)
    timings["answers"] = time.perf_counter() - start
    start = time.perf_counter()
    for survey in surveys:
        ballots.survey_ballots_count(survey=survey, today=today)
    timings["batches"] = time.perf_counter() - start
    _analyse_tables()
    return {
        "authority": authority,
        "admin": admin,
        "surveys": surveys,
        "survey": surveys[-1],
        "employees": len(staff),
        "answered": answered,
        "responses": responses,
        "tallies": tallies,
        "respondents": AnonymousAnswer.objects.filter(survey=surveys[-1]).count(),
        "timings": timings,
    }


def _pending(survey: Survey, employee: Employee, given: dict, attributes: dict) -> PendingAnswer:
    """The row `ballots.pending_add` writes, unsaved."""
    pending = PendingAnswer(survey=survey, token=ballots.ballot_token(survey, employee))
    value = {"answers": given, "attributes": attributes, "employee": employee.pk}
    seal_into(pending, "payload", ballots._padded(value))
    return pending


def _analyse_tables() -> None:
    """Planner statistics, as a running database has them (autovacuum on PostgreSQL)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for model in (SurveyTally, AnonymousAnswer, AnonymousReceipt, Employee):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
        else:
            cursor.execute("ANALYZE")


# --- measuring ----------------------------------------------------------------------------


def best_of(repeat: int, action) -> tuple[float, object]:
    """The shortest of `repeat` timed runs after one warm-up run, and the last result."""
    result = action()
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return best, result


def _signed_in(admin: User) -> Client:
    client = Client()
    client.force_login(admin)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=admin).persistent_id
    session.save()
    return client


def _fetch(sql: str, params: list) -> list:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def floor_analysis(surveys: list[Survey], by: str = "") -> list:
    """What any reader of the figures must do: one SELECT of the rounds' sealed tallies
    (counts, sums and sums of squares per group, question and answer, added up by the
    batch job; decision 0019), opened. `by` changes nothing: every breakdown is in them."""
    return list(ballots.tally_read([s.pk for s in surveys]).values())


def floor_read(survey: Survey) -> list[dict]:
    """The same answers as the raw export, read with one plain SELECT."""
    rows = _fetch(
        f"SELECT answers FROM {AnonymousAnswer._meta.db_table} WHERE survey_id = %s",
        [survey.pk],
    )
    return [json.loads(value) if isinstance(value, str) else value for (value,) in rows]


def floor_ods(survey: Survey) -> bytes:
    """The same cells as the raw ODS export written with the least odfpy code: one SELECT,
    a row per answer, the stored values as they are (no labels, no shuffling)."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    questions = exports.raw_questions(survey.version.parsed, include_text=False)
    document = OpenDocumentSpreadsheet()
    table = Table(name="data")
    for number, answers in enumerate(floor_read(survey), start=1):
        row = TableRow()
        for value in [number, 114, *(answers.get(q.key) for q in questions)]:
            if value is None:
                row.addElement(TableCell())
                continue
            if isinstance(value, list):
                value = "、".join(value)
            if isinstance(value, int | float):
                cell = TableCell(valuetype="float", value=str(value))
            else:
                cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(value)))
            row.addElement(cell)
        table.addElement(row)
    document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def _export(admin: User, survey: Survey, fmt: str, kind: str = "") -> dict:
    """The export task run inline, as the worker runs it (the file is stored with its job)."""
    job = job_create(kind=tasks.JOB_KIND, owner=admin)
    extra = [kind] if kind else []
    return tasks.survey_export_task.call(str(job.uuid), survey.pk, fmt, False, *extra)


def _has_results_export() -> bool:
    """Whether the export task also writes the results tables (`kind="results"`)."""
    return "kind" in inspect.signature(tasks.survey_export_task.func).parameters


def _submit_cases(seeded: dict, count: int) -> tuple[Survey, list[Employee]]:
    """An open survey of the same questionnaire and the employees who will answer it."""
    survey = seeded["survey"]
    today = timezone.localdate()
    open_survey = services.survey_create(
        version=survey.version,
        owner=seeded["authority"],
        actor=seeded["admin"],
        title="效能測試（開放中）",
        scope=seeded["authority"],
        staff_categories=[],
        opens_on=today - timedelta(days=3),
        closes_on=today + timedelta(days=7),
        mode=Survey.Mode.ANONYMOUS,
        breakdowns=BREAKDOWNS,
    )
    people = list(
        Employee.objects.filter(authority=seeded["authority"], is_active=True)
        .select_related("unit")
        .order_by("?")[: 2 * count]
    )
    return open_survey, people


def measure_submit(seeded: dict, count: int) -> dict:
    """`answer_submit` on the loaded database, against a plain INSERT of the same sealed
    pending row in one transaction per answer."""
    survey, people = _submit_cases(seeded, count)
    rng = random.Random(7)
    today = timezone.localdate()
    given = [_answers(rng, person, today, 1.0) for person in people]
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        for person, answers in zip(people[:count], given[:count], strict=True):
            services.answer_submit(survey=survey, employee=person, answers=answers)
        service = (time.perf_counter() - start) / count
    start = time.perf_counter()
    for person, answers in zip(people[count:], given[count:], strict=True):
        attributes = analysis.answer_attributes(survey, person, on=today)
        with transaction.atomic():
            _insert(PendingAnswer, [_pending(survey, person, answers, attributes)])
    floor = (time.perf_counter() - start) / (len(people) - count)
    return {"service": service, "floor": floor, "queries": len(queries) / count}


def measure(seeded: dict, *, repeat: int = 3, submissions: int = 200) -> dict:
    """Time every case and its floor. Returns {case: (seconds, floor seconds)} plus
    figures to check."""
    survey, surveys, admin = seeded["survey"], seeded["surveys"], seeded["admin"]
    client = _signed_in(admin)
    url = reverse("surveys:survey_analysis", args=[survey.uuid])

    def page(query: str = ""):
        response = client.get(url + query)
        assert response.status_code == 200, response.status_code
        return response

    results = {}
    results["analysis page"] = (
        best_of(repeat, page)[0],
        best_of(repeat, lambda: floor_analysis(surveys))[0],
    )
    results["analysis page, by gender"] = (
        best_of(repeat, lambda: page("?by=gender"))[0],
        best_of(repeat, lambda: floor_analysis(surveys, "gender"))[0],
    )
    results["survey_analysis() alone"] = (
        best_of(repeat, lambda: analysis.survey_analysis(survey))[0],
        results["analysis page"][1],
    )
    read_floor = best_of(repeat, lambda: floor_read(survey))[0]
    ods_floor = best_of(repeat, lambda: floor_ods(survey))[0]
    export_time, outcome = best_of(repeat, lambda: _export(admin, survey, "ods"))
    assert outcome["rows"] == seeded["respondents"], outcome
    results["raw ODS export (vs SELECT)"] = (export_time, read_floor)
    results["raw ODS export (vs odfpy loop)"] = (export_time, ods_floor)
    if _has_results_export():
        results["results ODS export (vs GROUP BY)"] = (
            best_of(repeat, lambda: _export(admin, survey, "ods", "results"))[0],
            results["analysis page"][1],
        )
    figures = {"results": results}
    if submissions:
        submit = measure_submit(seeded, submissions)
        results["submitting one answer"] = (submit["service"], submit["floor"])
        figures["queries per submission"] = submit["queries"]
    figures["respondents shown"] = analysis.survey_analysis(survey).respondents.count
    return figures


def report(seeded: dict, figures: dict) -> None:
    timings = seeded["timings"]
    print(
        f"database: {connection.vendor}; employees {seeded['employees']:,}; "
        f"{seeded['answered']:,} answers (answered questions) in {seeded['responses']:,} "
        f"responses over {len(seeded['surveys'])} rounds, {seeded['tallies']:,} tallied items; "
        f"this round {seeded['respondents']:,} respondents"
    )
    print(
        f"seeding: employees {timings['employees']:.1f} s, answers {timings['answers']:.1f} s, "
        f"closing batches {timings['batches']:.1f} s"
    )
    print(f"{'case':34} {'seconds':>9} {'floor':>9} {'ratio':>7}")
    for case, (seconds, floor) in figures["results"].items():
        print(f"{case:34} {seconds:9.3f} {floor:9.3f} {seconds / floor:7.1f}")
    if "queries per submission" in figures:
        print(f"queries per submission: {figures['queries per submission']:.1f}")


def main(args: argparse.Namespace) -> None:
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host, mail kept in memory
    warnings.filterwarnings("ignore", message="No directory at")
    # Static files as in tests: no collectstatic manifest in a fresh folder (a manifest
    # lookup is a dictionary lookup; the page's time does not depend on it).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    try:
        call_command("migrate", verbosity=0)
        seeded = seed(employees=args.employees, answers=args.answers, rounds=args.rounds)
        figures = measure(seeded, repeat=args.repeat, submissions=args.submissions)
        assert figures["respondents shown"] == seeded["respondents"]
        report(seeded, figures)
    finally:
        connection.close()
        if not args.keep:
            shutil.rmtree(args.workdir, ignore_errors=True)
            if args.postgres is not None:
                _recreate_database(args.postgres, drop_only=True)


if __name__ == "__main__":
    main(ARGS)
