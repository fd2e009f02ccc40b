"""Roster import: time and queries for N and 8N rows, as ratios measured in one run."""

import csv
import io
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anxin.settings")
os.environ.setdefault("ANXIN_DEMO", "1")
workdir = tempfile.mkdtemp(prefix="anxin-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
os.environ.setdefault("ANXIN_VAR_DIR", workdir)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from anxin.people import demo  # noqa: E402
from anxin.people.models import Employee, OrgUnit  # noqa: E402
from anxin.people.roster import roster_import  # noqa: E402


def roster_csv(count: int, offset: int) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["員工編號", "姓名", "機關代碼", "人員類別", "性別", "出生日期", "到職日期"])
    for person in demo.demo_people(count, seed=offset):
        writer.writerow([
            f"B{offset}-{person['number']}", person["name"], person["agency_code"],
            person["staff_category"], person["gender"],
            person["birth_date"].isoformat(), person["hire_date"].isoformat(),
        ])  # fmt: skip
    return buffer.getvalue().encode()


def measure(count: int, offset: int, authority: OrgUnit) -> tuple[float, int]:
    data = roster_csv(count, offset)
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        outcome = roster_import(data=data, filename="roster.csv", scope=authority)
        elapsed = time.perf_counter() - start
    assert outcome.applied, outcome.errors[:3]
    return elapsed, len(queries)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 250
    call_command("migrate", verbosity=0)
    demo.demo_generate(employees=0)
    authority = OrgUnit.objects.get(kind=OrgUnit.Kind.AUTHORITY)
    # Each file covers every agency, so each import deactivates the previous one's rows:
    # both runs do the same kinds of work.
    small_time, small_queries = measure(n, 1, authority)
    large_time, large_queries = measure(8 * n, 2, authority)
    print(f"rows: {n} and {8 * n}; employees now {Employee.objects.count()}")
    print(f"time ratio (8x rows):    {large_time / small_time:.2f}")
    print(f"query ratio (8x rows):   {large_queries / small_queries:.2f}")
    print(f"rows per second (large): {8 * n / large_time:.0f}")


if __name__ == "__main__":
    main()
