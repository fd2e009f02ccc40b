"""The waiting days and the event hours, counted in the database, equal the ones counted by
hand (decision 0076): days between local dates across midnight, and each attendance's
hours by its status.

- waiting, 教育局 (the other agency): a request at 23:30 on 30 March, its first session at
  00:30 on 1 April: 2 days between local dates (1 in UTC), counted in April; a later
  session is not counted. 社會局 as tests/reports/base.py.
- attendances, 社會局: one session of 90½ minutes; p1 present (90 minutes), p2 late (60),
  p3 partly (200 recorded, at most 90), p4 (M) absent (not counted).
"""

from datetime import datetime, timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from anxin.events.attendance.models import Attendance
from anxin.events.models import Event, EventSession, Registration
from anxin.reports.dashboard import dashboard
from tests.base import make_employee
from tests.reports.base import YEAR, ReportsTestCase
from tests.reports.test_dashboard_figures import counts

SOCIAL, EDUCATION = "範例市政府社會局", "範例市政府教育局"


def local(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(YEAR, month, day, hour, minute, tzinfo=timezone.get_current_timezone())


class CountedSourcesTestCase(ReportsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        late_night = make_employee(None, unit=cls.other_agency, number="W1", name="夜歸人")
        case = cls.counselled(late_night, 3, "video")
        type(case.request).objects.filter(pk=case.request_id).update(
            received_at=local(3, 30, 23, 30)
        )
        cls.session(case, local(4, 1, 0, 30), 50, "video")
        cls.session(case, local(4, 20, 10), 50, "video")  # not the first: not counted

        event = Event.objects.create(
            owner_unit=cls.unit, audience_unit=cls.unit, kind=Event.Kind.WORKSHOP,
            title="舒壓工作坊", capacity=10, learning_hours=Decimal(2),
            status=Event.Status.PUBLISHED, created_by=cls.eap_admin,
        )  # fmt: skip
        starts = local(5, 5, 14)
        session = EventSession.objects.create(
            event=event, starts_at=starts, ends_at=starts + timedelta(minutes=90, seconds=30)
        )
        statuses = [
            (Attendance.Status.PRESENT, None),
            (Attendance.Status.LATE, 60),
            (Attendance.Status.PARTIAL, 200),
            (Attendance.Status.ABSENT, None),
        ]
        for person, (status, minutes) in zip(cls.colleagues, statuses, strict=False):
            registration = Registration.objects.create(
                event=event, employee=person, status="registered"
            )
            Attendance.objects.create(
                registration=registration, session=session, status=status, minutes=minutes,
                source=Attendance.Source.ROSTER, recorded_by=cls.eap_admin,
            )  # fmt: skip

    def board(self, period, sections):
        with translation.override("en"):
            return dashboard(node=self.authority, year=YEAR, period=period, k=1, sections=sections)

    def test_the_wait_is_counted_between_local_dates_in_the_first_sessions_month(self):
        table = self.board("month", ["counselling"]).indicator("waiting").table("unit")
        rows = {row.label: row for row in table.rows}
        april = 3
        self.assertEqual(counts(table)[EDUCATION], [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1])
        self.assertEqual(str(rows[EDUCATION].values[april]), "2.0")
        self.assertEqual(str(rows[EDUCATION].value_total), "2.0")
        # Alice's 19 days and the six colleagues' 24 are unchanged beside it.
        self.assertEqual(str(rows[SOCIAL].value_total), f"{(19 + 6 * 24) / 7:.1f}")

    def test_attendance_hours_follow_the_status_and_the_absent_are_not_counted(self):
        item = self.board("quarter", ["events"]).indicator("participants")
        table = item.table("unit")
        rows = {row.label: row for row in table.rows}
        self.assertEqual(counts(table)[SOCIAL], [0, 3, 0, 0, 3])
        # 90 (present: the whole session, in whole minutes) + 60 (late) + 90 (partly, at
        # most the session) = 240 minutes.
        self.assertEqual(str(rows[SOCIAL].values[1]), "4.0")
        self.assertEqual(str(table.total_value), "4.0")
        genders = counts(item.table("gender"))
        self.assertEqual(genders["Female"][-1], 3)  # p1–p3; p4 (M) was absent
        self.assertNotIn("Male", {k for k, v in genders.items() if v[-1]})

    def test_the_whole_dashboard_runs_a_fixed_number_of_queries(self):
        def whole() -> int:
            with CaptureQueriesContext(connection) as queries:
                self.board("quarter", None)
            return len(queries)

        small = whole()
        for n in range(5):
            person = make_employee(None, unit=self.unit, number=f"Q{n}", name=f"新同仁{n}")
            case = self.counselled(person, 9, "video")
            self.session(case, case.opened_at, 50, "video")
        self.assertEqual(whole(), small)
        # The units, the surveys' titles and the instruments, and one query per source on
        # PostgreSQL (GROUPING SETS), else one per column and one per other table; the two
        # satisfaction sources read their tallies in one query each (decision 0077).
        self.assertEqual(small, 17 if connection.vendor == "postgresql" else 55)
