"""Directory search: time of a zh-Hant search (FTS5 on SQLite, trigram over CJK bigrams
on PostgreSQL) against a plain query (`icontains` on the entry's name and description)
over N entries, as ratios measured in one run, with the queries each runs.

Run: `.venv/bin/python bench/directory_search.py [N]` (default N = 10,000) on SQLite, or
with `BENCH_DATABASE_URL=postgres://...` on an empty PostgreSQL database."""

import os
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anxin.settings")
workdir = tempfile.mkdtemp(prefix="anxin-bench-")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3"
)
os.environ.setdefault("ANXIN_VAR_DIR", workdir)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from anxin.people.models import OrgUnit, User  # noqa: E402
from anxin.resources.directory import search  # noqa: E402
from anxin.resources.directory.models import Organisation, Service  # noqa: E402

WORDS = ["法律", "諮詢", "稅務", "長照", "心理", "健康", "家庭", "財務", "照顧", "社會福利",
         "日間", "居家", "門診", "協談", "專線", "講座", "婚姻", "親子"]  # fmt: skip
QUERIES = ["法律", "稅", "長照", "心理 諮詢"]
REPEAT = 20


def seed(count: int) -> None:
    call_command("migrate", verbosity=0)
    authority = OrgUnit.objects.create(name="範例市政府", kind="authority", code="379900000A")
    owner = User.objects.create_user("bench-owner")
    organisation = Organisation.objects.create(authority=authority, name="範例機構")
    rng = random.Random(15)
    rows = []
    for number in range(count):
        name = "".join(rng.sample(WORDS, 2)) + f"服務{number}"
        description = "、".join(rng.sample(WORDS, 4))
        rows.append(Service(
            authority=authority, agency=authority, organisation=organisation, owner=owner,
            name=name, description=description, last_verified=date.today(),
            search_tokens=search.tokens(name, "範例機構", description),
        ))  # fmt: skip
    for service in Service.objects.bulk_create(rows, batch_size=1000):
        search.index_service(service)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE resources_service")


def timed(make) -> tuple[float, int, int]:
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        for _ in range(REPEAT):
            found = len(list(make().values_list("pk", flat=True)[:50]))
            total = make().count()
        seconds = (time.perf_counter() - start) / REPEAT
    return seconds, len(queries) // REPEAT, total + 0 * found


def plain(query: str):
    condition = Q()
    for word in query.split():
        condition &= Q(name__icontains=word) | Q(description__icontains=word)
    return Service.objects.filter(condition)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    seed(count)
    print(f"{connection.vendor}, {count:,} entries, {REPEAT} runs of count + first page each")
    for query in QUERIES:
        fts, fts_queries, fts_total = timed(lambda q=query: search.search(Service.objects, q))
        base, base_queries, base_total = timed(lambda q=query: plain(q))
        print(
            f"{query:>6}: search {fts * 1000:7.1f} ms ({fts_queries} queries, {fts_total} found)"
            f"  plain {base * 1000:7.1f} ms ({base_queries} queries, {base_total} found)"
            f"  ratio {fts / base:5.2f}"
        )


if __name__ == "__main__":
    main()
