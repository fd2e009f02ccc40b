"""The season generator: Taipei's plan turned into a half-year of draft events, with the
plan's counts, lengths, sizes and audiences (decision 0011)."""

import itertools
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.test import SimpleTestCase
from django.utils import timezone

from anxin.core.refusals import Refused
from anxin.events import services
from anxin.events.models import Event, Season
from anxin.events.season import HalfYear, season_generate, season_proposal, season_publish
from anxin.plans import config as c
from anxin.plans.loader import parse_plan_text
from anxin.plans.models import ProgramPlan
from anxin.plans.services import plans_load
from tests.events.base import EventsTestCase

PRESET = Path(apps.get_app_config("plans").path) / "presets" / "taipei-114.yaml"
PERIOD = (date(2025, 1, 1), date(2026, 12, 31))


def taipei_document():
    return parse_plan_text(PRESET.read_text(encoding="utf-8"), PRESET.name)


def taipei_groups() -> list[c.TargetGroup]:
    return [c.TargetGroup.from_dict(group) for group in taipei_document().data["target_groups"]]


def propose(year: int, half: int, **extra):
    return season_proposal(
        target_groups=taipei_groups(),
        staff_categories=["civil_servant", "technician"],
        half=HalfYear(year, half),
        period=PERIOD,
        today=date(year, 1 if half == 1 else 7, 1) - timedelta(days=60),
        **extra,
    )


def by_series(proposal) -> dict[str, list]:
    series: dict[str, list] = {}
    for event in proposal.events:
        series.setdefault(event.series, []).append(event)
    return series


class TaipeiSeasonTests(SimpleTestCase):
    def test_it_reproduces_taipeis_counts_lengths_and_sizes(self):
        """For each half of 2025 and 2026: the workshops four times, 3 hours, about 10 or 20
        people; one support group of 4 meetings; three rounds of the health series; the
        new-hire lecture (2 hours, at most 35) and one of the four 研習班 terms."""
        for year in (2025, 2026):
            for half in (1, 2):
                with self.subTest(year=year, half=half):
                    series = by_series(propose(year, half))
                    expected = {
                        # name: (events, meetings each, hours each, capacity, kind)
                        "自我探索": (4, 1, 3, 10, "workshop"),
                        "真·避風港": (4, 1, 3, 10, "workshop"),
                        "藝術減壓支持性團體": (1, 4, 3, 10, "support_group"),
                        "自我敘說": (4, 1, 3, 20, "workshop"),
                        "照顧有力量": (4, 1, 3, 20, "workshop"),
                        "心理衛生": (4, 1, 3, 20, "workshop"),
                        "健康生活系列課程": (3, 3, 2, 30, "series"),
                        "職場適應專題講座（各機關）": (1, 1, 2, 35, "talk"),
                        "新進人員研習班": (1, 1, 2, 30, "training"),
                    }
                    self.assertEqual(set(series), set(expected))
                    for name, (count, meetings, hours, size, kind) in expected.items():
                        events = series[name]
                        self.assertEqual(len(events), count, name)
                        for event in events:
                            self.assertEqual(len(event.meetings), meetings, name)
                            self.assertEqual(event.capacity, size, name)
                            self.assertEqual(event.kind, kind, name)
                            self.assertEqual(event.learning_hours, hours * meetings, name)
                            for starts, ends in event.meetings:
                                self.assertEqual(ends - starts, timedelta(hours=hours), name)

    def test_it_sets_the_age_band_of_each_year_on_the_half_years_first_day(self):
        """114年: 60 and over; 115年: 55 to 59, reckoned on 1 January or 1 July."""
        for year, half, low, high in ((2025, 1, 60, None), (2026, 1, 55, 59), (2026, 2, 55, 59)):
            for event in by_series(propose(year, half))["自我探索"]:
                audience = event.audience
                self.assertEqual(
                    (audience["audience_age_min"], audience["audience_age_max"]), (low, high)
                )
                self.assertEqual(audience["audience_age_on"], HalfYear(year, half).start)
                self.assertEqual(audience["audience_declared"], [])

    def test_it_fills_declared_attributes_and_months_since_hiring(self):
        series = by_series(propose(2026, 1))
        self.assertEqual(
            series["藝術減壓支持性團體"][0].audience["audience_declared"], ["disability"]
        )
        for name in ("自我敘說", "照顧有力量", "心理衛生"):
            self.assertEqual(series[name][0].audience["audience_declared"], ["carer"])
        lecture = series["職場適應專題講座（各機關）"][0].audience
        self.assertEqual(lecture["audience_months_hired_max"], 13)
        self.assertIsNone(lecture["audience_age_on"])
        health = series["健康生活系列課程"][0].audience
        self.assertEqual(health["audience_categories"], ["civil_servant", "technician"])
        self.assertEqual((health["audience_age_min"], health["audience_declared"]), (None, []))

    def test_it_lists_what_it_does_not_schedule(self):
        """As-needed entries, entries without any count or shape, one-to-one mentoring and
        events for roles are listed to be added by hand."""
        not_scheduled = {item["name"]: item["reason"] for item in propose(2026, 1).not_scheduled}
        self.assertEqual(not_scheduled["客製化心理健康促進課程"], "as_needed")
        self.assertEqual(not_scheduled["即將退休人員關懷講座"], "no_count")
        self.assertEqual(not_scheduled["資深職場導師一對一晤談"], "not_an_event")
        self.assertEqual(not_scheduled["知能提升及心理健康促進課程或工作坊"], "as_needed")
        self.assertEqual(len(not_scheduled), 11)

    def test_it_proposes_working_days_in_the_half_year_without_overlaps(self):
        proposal = propose(2026, 1)
        meetings = sorted(m for event in proposal.events for m in event.meetings)
        self.assertEqual(len(meetings), 4 * 5 + 4 + 3 * 3 + 2)
        for (_starts, ends), (next_starts, _ends) in itertools.pairwise(meetings):
            self.assertLessEqual(ends, next_starts)
        for starts, _ends in meetings:
            day = timezone.localtime(starts)
            self.assertLess(day.weekday(), 5)
            self.assertIn(day.hour, (9, 14))
            self.assertTrue(date(2026, 1, 1) <= day.date() <= date(2026, 6, 30))
        # Spread over the half-year: every month has some.
        self.assertEqual(
            set(Counter(timezone.localtime(s).month for s, _e in meetings)), {1, 2, 3, 4, 5, 6}
        )

    def test_it_spreads_the_health_series_over_its_two_month_cycles(self):
        """Three sessions every two months: round 1 in Jan–Feb, 2 in Mar–Apr, 3 in May–Jun."""
        rounds = by_series(propose(2026, 1))["健康生活系列課程"]
        for n, event in enumerate(rounds):
            months = {timezone.localtime(s).month for s, _e in event.meetings}
            self.assertLessEqual(months, {2 * n + 1, 2 * n + 2})

    def test_it_avoids_what_the_place_holds_already(self):
        first = propose(2026, 1)
        busy = [m for event in first.events for m in event.meetings]
        second = propose(2026, 1, busy=busy)
        for starts, ends in (m for event in second.events for m in event.meetings):
            self.assertTrue(all(ends <= b or starts >= e for b, e in busy))

    def test_it_starts_two_weeks_after_today_and_refuses_a_half_year_that_is_over(self):
        groups = taipei_groups()
        proposal = season_proposal(
            target_groups=groups, staff_categories=[], half=HalfYear(2026, 1), period=PERIOD,
            today=date(2026, 3, 1),
        )  # fmt: skip
        first = min(m[0] for event in proposal.events for m in event.meetings)
        self.assertGreaterEqual(timezone.localtime(first).date(), date(2026, 3, 15))
        with self.assertRaises(Refused) as raised:
            season_proposal(
                target_groups=groups, staff_categories=[], half=HalfYear(2026, 1),
                period=PERIOD, today=date(2026, 6, 20),
            )  # fmt: skip
        self.assertEqual(raised.exception.code, "half_year_over")

    def test_plan_period_and_yearly_counts_split_between_halves(self):
        """4 研習班 over a two-year plan: one a half-year; a yearly 3 is 2 then 1."""
        yearly = c.TargetGroup.from_dict(
            {"key": "x", "name": "x", "source": "s", "criteria": {"all_staff": True},
             "events": [{"name": "年度講座", "format": "lecture", "sessions": 3, "per": "year",
                         "source": "s"}]}
        )  # fmt: skip
        counts = []
        for half in (1, 2):
            proposal = season_proposal(
                target_groups=[yearly], staff_categories=[], half=HalfYear(2026, half),
                period=(date(2026, 1, 1), None), today=date(2025, 12, 1),
            )  # fmt: skip
            counts.append(len(proposal.events))
        self.assertEqual(counts, [2, 1])


class SeasonServiceTests(EventsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        document = taipei_document()
        document.data["authority"] = {"name": cls.authority.name, "code": cls.authority.code}
        cls.plan = plans_load(documents=[document])[0].plan

    def generate(self, half=None, **extra):
        return season_generate(
            actor=self.eap_admin, authority=self.authority, half=half or HalfYear(2026, 1),
            place="員工協談室團體室",
            today=date(2025, 11, 1), **extra,
        )  # fmt: skip

    def test_it_stores_draft_events_owned_by_the_authority(self):
        season = self.generate()
        self.assertEqual((season.plan, season.year, season.half), (self.plan, 2026, 1))
        events = season.events.all()
        self.assertEqual(events.count(), 26)
        self.assertFalse(events.exclude(status="draft").exists())
        self.assertFalse(events.exclude(owner_unit=self.authority).exists())
        self.assertFalse(events.exclude(audience_unit=self.authority).exists())
        group = events.get(title="藝術減壓支持性團體")
        self.assertEqual(group.sessions.count(), 4)
        self.assertEqual(group.learning_hours, Decimal("12"))
        self.assertEqual(group.audience_declared, ["disability"])
        self.assertEqual(group.audience_categories, self.plan.staff_categories)
        self.assertEqual(group.sessions.first().place, "員工協談室團體室")
        self.assertEqual(len(season.not_scheduled), 11)

    def test_generating_twice_is_refused_and_nothing_is_duplicated(self):
        self.generate()
        with self.assertRaises(Refused) as raised:
            self.generate()
        self.assertEqual(raised.exception.code, "season_exists")
        self.assertEqual(Season.objects.count(), 1)
        self.assertEqual(Event.objects.count(), 26)

    def test_it_refuses_without_plan_events_and_stores_nothing(self):
        ProgramPlan.objects.filter(pk=self.plan.pk).update(config={"target_groups": []})
        with self.assertRaises(Refused) as raised:
            self.generate()
        self.assertEqual(raised.exception.code, "no_plan_events")
        self.assertFalse(Season.objects.exists())

    def test_it_keeps_clear_of_sessions_booked_at_the_place(self):
        """A talk already booked in the room on a proposed afternoon moves the season."""
        proposal = propose(2026, 1)
        starts, ends = proposal.events[0].meetings[0]
        other = services.event_create(
            actor=self.hr, owner_unit=self.agency,
            data={"kind": "talk", "title": "既有講座", "capacity": 5, "audience_unit": self.agency},
        )  # fmt: skip
        services.session_add(event=other, starts_at=starts, ends_at=ends, place="員工協談室 團體室")
        season = self.generate()
        clash = season.events.filter(sessions__starts_at__lt=ends, sessions__ends_at__gt=starts)
        self.assertFalse(clash.exists())

    def test_publishing_the_season_keeps_the_empty_audience_warning(self):
        """Publish all: events whose audience matches nobody stay drafts and are reported;
        with confirmation they are published too."""
        season = self.generate()
        result = season_publish(season=season, actor=self.eap_admin)
        # Alice (born 1985, hired 2015) matches only the open health series.
        self.assertEqual(
            {e.title for e in result.published},
            set(Event.objects.filter(kind="series").values_list("title", flat=True)),
        )
        self.assertEqual(len(result.published), 3)
        self.assertEqual(len(result.left), 23)
        self.assertEqual({error.code for _event, error in result.left}, {"audience_empty"})
        result = season_publish(season=season, actor=self.eap_admin, confirm_empty=True)
        self.assertEqual(len(result.published), 23)
        self.assertFalse(season.events.filter(status="draft").exists())
