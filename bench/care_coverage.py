"""The care-worker coverage map at 400 units: the page (and its ODS export) against a plain
SQL count of the same data in the same run, as ratios, with the queries of each.

Seeds an authority with 20 agencies of 19 units each (400 units with the agencies and the
authority), an employee per unit and a care worker in term for two units of three, then
times the EAP administrator's coverage page over the whole authority.

Run: `.venv/bin/python bench/care_coverage.py [UNITS_PER_AGENCY]` (default 19).
"""

import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anxin.settings")
workdir = tempfile.mkdtemp(prefix="anxin-bench-")
if __name__ == "__main__":
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3"
    )

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from anxin.care.workers.models import CareWorker  # noqa: E402
from anxin.people.models import Employee, OrgUnit, RoleAssignment, User  # noqa: E402
from anxin.people.roles import Role  # noqa: E402
from anxin.people.services import orgunit_create  # noqa: E402

URL = "/care/workers/coverage/"


def seed(*, agencies: int = 20, units_per_agency: int = 19) -> dict:
    """The organisation, one employee per unit, care workers in term for two units of
    three (written as the services leave them), and an EAP administrator."""
    authority = orgunit_create(name="基準市政府", kind="authority", code="BENCH00000")
    today = timezone.localdate()
    now = timezone.now()
    count = 0
    for a in range(agencies):
        agency = orgunit_create(name=f"基準局{a:02d}", kind="agency", parent=authority)
        for u in range(units_per_agency):
            unit = orgunit_create(name=f"第{u + 1}科", kind="unit", parent=agency)
            count += 1
            employee = Employee.objects.create(
                authority=authority, unit=unit, number=f"B{a:02d}{u:03d}", name=f"員工{a}-{u}",
                staff_category="civil_servant", gender="F", birth_date=date(1980, 1, 1),
                hire_date=date(2010, 1, 1),
            )  # fmt: skip
            if u % 3:
                care_worker = CareWorker.objects.create(
                    employee=employee, route="agency", status="active", nominated_at=now,
                    consented_at=now, approved_at=now, term_start=today - timedelta(days=400),
                    term_end=today + timedelta(days=(u * 7) % 400), listed=True,
                )  # fmt: skip
                care_worker.units.add(unit)
    admin = User.objects.create_user(username="bench-admin", password="bench-password-x")
    TOTPDevice.objects.create(user=admin, confirmed=True, name="bench")
    RoleAssignment.objects.create(user=admin, role=Role.EAP_ADMIN, scope=authority)
    return {"authority": authority, "admin": admin, "units": count + agencies + 1}


def signed_in(admin: User) -> Client:
    client = Client(HTTP_HOST="localhost")
    client.force_login(admin)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=admin).persistent_id
    session.save()
    return client


def best_of(repeat: int, action) -> tuple[float, object]:
    result = action()
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return best, result


def floor(authority: OrgUnit) -> tuple:
    """The least any reader of the map must do: one plain SQL count of the units and of
    the care-worker links in term under the authority."""
    units = OrgUnit._meta.db_table
    links = CareWorker.units.through._meta.db_table
    workers = CareWorker._meta.db_table
    today = timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {units} WHERE path LIKE %s), "
            f"(SELECT COUNT(*) FROM {links} l JOIN {workers} w ON w.id = l.careworker_id "
            f"WHERE w.status = 'active' AND w.term_start <= %s AND w.term_end >= %s)",
            [authority.path + "%", today, today],
        )
        return cursor.fetchone()


def measure(seeded: dict, repeat: int = 5) -> dict:
    client = signed_in(seeded["admin"])

    def page():
        response = client.get(URL)
        assert response.status_code == 200, response.status_code
        return response

    def sheet():
        response = client.get("/care/workers/coverage.ods")
        assert response.status_code == 200, response.status_code
        return response

    page_time, _ = best_of(repeat, page)
    sheet_time, _ = best_of(repeat, sheet)
    floor_time, _ = best_of(repeat, lambda: floor(seeded["authority"]))
    with CaptureQueriesContext(connection) as page_queries:
        page()
    return {
        "page": page_time,
        "sheet": sheet_time,
        "floor": floor_time,
        "queries": len(page_queries),
    }


def main() -> None:
    from django.core.management import call_command

    units_per_agency = int(sys.argv[1]) if len(sys.argv) > 1 else 19
    call_command("migrate", verbosity=0)
    seeded = seed(units_per_agency=units_per_agency)
    result = measure(seeded)
    print(f"units: {seeded['units']}; care workers: {CareWorker.objects.count()}")
    print(f"coverage page: {result['page'] * 1000:.1f} ms, {result['queries']} queries")
    print(f"ODS export:    {result['sheet'] * 1000:.1f} ms")
    print(f"plain SQL count (floor): {result['floor'] * 1000:.2f} ms")
    print(f"ratio page/floor: {result['page'] / result['floor']:.0f}")
    print(f"ratio ODS/floor:  {result['sheet'] / result['floor']:.0f}")


if __name__ == "__main__":
    main()
