"""hr's mentoring pages (pairs, mentors, completion rates) with 10 and with 400 units, in
one run: each unit has a trained mentor (the plan's mentors' class completed in the
events app), a new hire waiting for a mentor, and a pair with its monthly talks; every
third pair is closed. The pages must run the same number of queries at both sizes.

Run: `.venv/bin/python bench/mentoring_pages.py` (BENCH_DATABASE_URL for PostgreSQL).
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
    os.environ.setdefault("ANXIN_VAR_DIR", workdir)

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from anxin.care.mentoring import services  # noqa: E402
from anxin.care.mentoring.models import Mentor, MentoringPair  # noqa: E402
from anxin.events.models import Registration  # noqa: E402
from anxin.people.models import Employee, RoleAssignment, User  # noqa: E402
from anxin.people.roles import Role  # noqa: E402
from anxin.people.services import orgunit_create  # noqa: E402
from anxin.plans.loader import read_preset  # noqa: E402
from anxin.plans.models import ProgramPlan  # noqa: E402

PAGES = ("/care/mentoring/pairs/", "/care/mentoring/mentors/", "/care/mentoring/rates/")


def seed(*, units: int, tag: str = "A") -> dict:
    """An authority under Taipei's plan, one agency of `units` units, and its hr officer;
    written through the services where they exist (the class's completions as the
    events app's attendance leaves them)."""
    authority = orgunit_create(name=f"基準市政府{tag}", kind="authority", code=f"BENCHM{tag}")
    agency = orgunit_create(name=f"基準局{tag}", kind="agency", parent=authority)
    plan = ProgramPlan.objects.create(
        slug=f"bench-mentoring-{tag}".lower(), name="plan", authority=authority,
        period_start=date(2000, 1, 1), config=read_preset("taipei-114").data,
    )  # fmt: skip
    hr = User.objects.create_user(username=f"bench-hr-{tag}", password="bench-password-x")
    TOTPDevice.objects.create(user=hr, confirmed=True, name="bench")
    RoleAssignment.objects.create(user=hr, role=Role.HR, scope=agency)
    today = timezone.localdate()
    classes = services.mentor_classes_generate(actor=hr, plan=plan, owner_unit=authority)
    people = []
    for u in range(units):
        unit = orgunit_create(name=f"第{u + 1}科", kind="unit", parent=agency)
        for role, hired in (("M", date(2005, 1, 1)), ("N", today - timedelta(days=10)),
                            ("P", today - timedelta(days=40))):  # fmt: skip
            people.append(
                Employee(
                    authority=authority,
                    unit=unit,
                    number=f"{tag}{role}{u:04d}",
                    name=f"員工{role}{u}",
                    staff_category="civil_servant",
                    gender="F",
                    birth_date=date(1980, 1, 1),
                    hire_date=hired,
                )
            )
    Employee.objects.bulk_create(people, batch_size=500)
    by_number = {e.number: e for e in Employee.objects.filter(authority=authority)}
    mentors = Mentor.objects.bulk_create(
        Mentor(employee=by_number[f"{tag}M{u:04d}"], added_by=hr) for u in range(units)
    )
    now = timezone.now()
    Registration.objects.bulk_create(
        Registration(event=event, employee=m.employee, status="registered", completed_at=now)
        for m in mentors
        for event in classes
    )
    for u, mentor in enumerate(mentors):
        pair = services._open_pair(
            actor=hr, mentee=by_number[f"{tag}P{u:04d}"], mentor=mentor,
            starts_on=today - timedelta(days=40), ends_on=today + timedelta(days=320),
            cadence=1,
        )  # fmt: skip
        if u % 3 == 0:
            MentoringPair.objects.filter(pk=pair.pk).update(
                status=MentoringPair.Status.COMPLETED, closed_at=now
            )
    return {"hr": hr, "units": units, "agency": agency}


def signed_in(user: User) -> Client:
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    return client


def measure(seeded: dict, repeat: int = 3) -> dict[str, tuple[int, float]]:
    """Each page's (queries, best time in seconds)."""
    client = signed_in(seeded["hr"])
    result = {}
    for url in PAGES:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            client.get(url)
            best = min(best, time.perf_counter() - start)
        result[url] = (len(queries), best)
    return result


def main() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    small = measure(seed(units=10, tag="S"))
    large = measure(seed(units=400, tag="L"))
    failed = False
    for url in PAGES:
        (q1, t1), (q2, t2) = small[url], large[url]
        print(f"{url}: 10 units {q1} queries {t1 * 1000:.0f} ms; "
              f"400 units {q2} queries {t2 * 1000:.0f} ms")  # fmt: skip
        failed |= q1 != q2
    if failed:
        sys.exit("the queries grow with the units")


if __name__ == "__main__":
    main()
