"""The dashboard's event, survey and self-test figures equal the ones counted by hand on a
small fixture of each, made through the apps' own services:

| what | 社會局 (the test agency) | 教育局 (the other agency) |
| self-tests (BSRS-5, first of the year) | 3 mild, 1 severe (a mild one took it twice) | 1 mild |
| survey invitations (identified survey) | 3 invited, 2 answered | 1 invited, none answered |
| event sessions | a talk of 2 sessions, and a cancelled one of 1 | none |
"""

from datetime import timedelta

from django.utils import timezone, translation

from anxin.assessments.models import Instrument
from anxin.assessments.services import instruments_load, self_test_submit
from anxin.events import services as events
from anxin.reports.dashboard import dashboard
from anxin.surveys import services as surveys
from anxin.surveys.models import Survey, SurveyInvitation
from tests.assessments.base import bsrs5
from tests.base import BaseTestCase, make_employee
from tests.events.base import make_event
from tests.reports.test_dashboard_figures import counts
from tests.surveys.base import definition, make_survey, publish, question

MILD, SEVERE = (1, 1, 1, 2, 2), (4, 4, 4, 4, 4)


class MoreFiguresTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        instruments_load()
        cls.bsrs5 = Instrument.objects.get(key="bsrs5")
        cls.year = timezone.localdate().year
        cls.mine = [
            make_employee(None, unit=cls.unit, number=f"M{n}", name=f"同仁{n}") for n in range(4)
        ]
        cls.theirs = make_employee(None, unit=cls.other_agency, number="O1", name="他局同仁")
        for person, totals in zip(cls.mine, (MILD, MILD, MILD, SEVERE), strict=True):
            cls.take(person, totals)
        cls.take(cls.mine[0], SEVERE)  # a second test in the year is not counted again
        cls.take(cls.theirs, MILD)

    @classmethod
    def take(cls, person, totals):
        self_test_submit(employee=person, instrument=cls.bsrs5, answers=bsrs5(totals), actor="test")

    def board(self, *, sections, period="year"):
        with translation.override("en"):
            return dashboard(
                node=self.authority, year=self.year, period=period, k=1, sections=sections
            )

    def test_self_test_takers_count_each_person_once_by_agency(self):
        table = self.board(sections=["selftests"]).indicator("selftest_takers").table("unit")
        figures = counts(table)
        self.assertEqual(figures["範例市政府社會局"][-1], 4)
        self.assertEqual(figures["範例市政府教育局"][-1], 1)
        self.assertEqual(figures["Total"][-1], 5)

    def test_self_test_bands_count_the_first_result(self):
        table = self.board(sections=["selftests"]).indicator("selftest_bands").table("band")
        figures = {label: cells[-1] for label, cells in counts(table).items()}
        definition = self.bsrs5.parsed
        first = definition.scores[0]
        with translation.override("en"):
            label = {b.key: f"{definition.name} {first.label}：{b.label}" for b in first.bands}
        mild = next(key for key in label if "mild" in key)
        severe = next(key for key in label if "severe" in key)
        # The first result of each person: 4 mild (the one who took it twice: mild first)
        # and 1 severe, whatever their agency.
        self.assertEqual(figures[label[mild]], 4)
        self.assertEqual(figures[label[severe]], 1)

    def test_survey_invitations_are_counted_answered_or_not(self):
        version = publish(
            owner=self.agency, actor=self.hr,
            data=definition(question("pick", "single", options=["是", "否"]), title="需求調查"),
        )  # fmt: skip
        survey = make_survey(
            version, owner=self.agency, actor=self.hr, mode=Survey.Mode.IDENTIFIED, days=(-3, 7)
        )
        for person in (*self.mine[:3], self.theirs):
            SurveyInvitation.objects.create(
                survey=survey, employee=person, opens_on=survey.opens_on, closes_on=survey.closes_on
            )
        for person in self.mine[:2]:
            surveys.answer_submit(survey=survey, employee=person, answers={"pick": "是"})
        table = self.board(sections=["surveys"]).indicator("response_rates").table("unit")
        rows = {row.label: row for row in table.rows}
        mine, theirs = rows["範例市政府社會局"], rows["範例市政府教育局"]
        answered = table.columns.index(next(c for c in table.columns if c.startswith("Answered")))
        self.assertEqual((mine.total.count, mine.cells[answered].count), (3, 2))
        self.assertEqual((theirs.total.count, theirs.cells[answered].count), (1, 0))

    def test_event_sessions_count_no_people_so_the_k_rule_hides_none(self):
        """Found on the demo: 「辦理場次」 hid May's one or two sessions as 「人數少於 5 人」,
        but a session belongs to nobody: two sessions show as 2 at k = 5, while the
        attendances beside them stay under the rule (decision 0082)."""
        talk = make_event(self.hr, self.agency, publish=True, days_ahead=-20)
        start = talk.sessions.get().starts_at + timedelta(days=1)
        events.session_add(
            event=talk, starts_at=start, ends_at=start + timedelta(hours=2), place="市府大樓"
        )
        with translation.override("en"):
            board = dashboard(
                node=self.authority, year=self.year, period="year", k=5, sections=["events"]
            )
        for dimension in ("unit", "event_kind"):
            table = board.indicator("event_sessions").table(dimension)
            self.assertEqual(counts(table)["Total"][-1], 2)
            self.assertFalse(any(cell.suppressed for row in table.rows for cell in row.cells))

    def test_event_sessions_leave_out_cancelled_events(self):
        talk = make_event(self.hr, self.agency, publish=True, days_ahead=-20)
        start = talk.sessions.get().starts_at + timedelta(days=1)
        events.session_add(
            event=talk, starts_at=start, ends_at=start + timedelta(hours=2), place="市府大樓"
        )
        cancelled = make_event(self.hr, self.agency, publish=True, days_ahead=-10)
        events.event_cancel(event=cancelled, reason="講師生病")
        table = self.board(sections=["events"]).indicator("event_sessions").table("unit")
        figures = counts(table)
        self.assertEqual(figures["範例市政府社會局"][-1], 2)
        self.assertEqual(figures["Total"][-1], 2)
