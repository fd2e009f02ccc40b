"""Outreach overview (HR's page, /care/outreach/): queries and time with 50 and with 400
units that have counts, in one run; the queries must not grow with the units."""

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
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from anxin.care.outreach.models import OutreachSend  # noqa: E402
from anxin.people.models import OrgUnit, RoleAssignment, User  # noqa: E402
from anxin.people.roles import Role  # noqa: E402
from anxin.people.services import orgunit_create  # noqa: E402

REASONS = ("life_event", "overtime", "family_care")
WAYS = ("invitation", "not_sent", "supervisor_prompt")


def grow(agency: OrgUnit, units: int) -> None:
    """`units` units under `agency`, each with a few count rows."""
    today = timezone.localdate()
    rows = []
    for i in range(units):
        unit = orgunit_create(name=f"單位{OrgUnit.objects.count()}", kind="unit", parent=agency)
        for j in range(6):
            rows.append(
                OutreachSend(unit=unit, reason=REASONS[(i + j) % 3], way=WAYS[j % 3], sent_on=today)
            )
    OutreachSend.objects.bulk_create(rows)


def measure(client: Client) -> tuple[float, int]:
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get("/care/outreach/")
        elapsed = time.perf_counter() - start
    assert response.status_code == 200, response.status_code
    return elapsed, len(queries)


def main() -> None:
    call_command("migrate", verbosity=0)
    authority = orgunit_create(name="範例市政府", kind="authority", code="379000000A")
    agency = orgunit_create(name="社會局", kind="agency", parent=authority, code="379100000G")
    user = User.objects.create_user("bench-eap", password="x")
    RoleAssignment.objects.create(user=user, role=Role.EAP_ADMIN, scope=authority)
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, confirmed=True, name="bench")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    grow(agency, 50)
    measure(client)
    small_time, small_queries = measure(client)
    grow(agency, 350)
    large_time, large_queries = measure(client)
    print(f"units with counts: 50 and 400; queries {small_queries} and {large_queries}")
    print(f"time (ms): {small_time * 1000:.0f} and {large_time * 1000:.0f}")
    assert small_queries == large_queries, "the overview's queries grow with the units"


if __name__ == "__main__":
    # Pages render without the collected static files' manifest.
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, ALLOWED_HOSTS=["testserver"]):
        main()
