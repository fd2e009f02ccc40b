"""The four presets load, validate, and hold what their seeds say."""

from datetime import date

from django.test import TestCase

from anxin.people.models import Employee, OrgUnit, RoleAssignment, SensitiveDeclaration
from anxin.plans import config
from anxin.plans.loader import (
    load_preset,
    plan_schema,
    preset_slugs,
    read_preset,
)
from anxin.plans.models import ProgramPlan


class PresetTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.taoyuan = load_preset("taoyuan-104")
        cls.chiayi = load_preset("chiayi-105")
        cls.taipei = load_preset("taipei-114")
        cls.pingtung = load_preset("pingtung")

    def test_it_ships_the_four_presets(self):
        """One preset for each seed authority."""
        self.assertEqual(preset_slugs(), ["chiayi-105", "pingtung", "taipei-114", "taoyuan-104"])

    def test_it_validates_every_preset(self):
        """Each preset passes the schema and the loader's own checks."""
        for slug in preset_slugs():
            with self.subTest(slug=slug):
                self.assertEqual(read_preset(slug).slug, slug)

    def test_it_creates_each_authority_as_a_top_level_unit(self):
        """Loading creates the authority (kind authority) with its materialised path."""
        for plan, name in [
            (self.taoyuan, "桃園市政府"),
            (self.chiayi, "嘉義市政府"),
            (self.taipei, "臺北市政府"),
            (self.pingtung, "屏東縣政府"),
        ]:
            with self.subTest(name=name):
                unit = plan.authority
                self.assertEqual(unit.name, name)
                self.assertEqual(unit.kind, OrgUnit.Kind.AUTHORITY)
                self.assertIsNone(unit.parent)
                self.assertEqual(unit.path, f"/{unit.pk}/")
        self.assertEqual(self.taipei.authority.code, "379000000A")

    def test_it_stores_periods_and_k(self):
        """Periods come from the seeds' years; k is the default 5 everywhere."""
        self.assertEqual(
            (self.taoyuan.period_start, self.taoyuan.period_end),
            (date(2015, 1, 1), date(2015, 12, 31)),
        )
        self.assertEqual(
            (self.taipei.period_start, self.taipei.period_end),
            (date(2025, 1, 1), date(2026, 12, 31)),
        )
        self.assertEqual(self.pingtung.period_start, date(2023, 3, 6))
        self.assertIsNone(self.pingtung.period_end)
        self.assertEqual({p.k_threshold for p in ProgramPlan.objects.all()}, {5})
        self.assertEqual(self.taoyuan.source_file, "taoyuan-104.yaml")

    def test_taoyuan_has_its_channels_and_quota(self):
        """000 §4.1: 4 free hours; hotline 03-3027858 of about 30 minutes; e-mail in 3 days."""
        plan = self.taoyuan
        self.assertEqual(plan.free_counselling_hours, 4)
        self.assertEqual(
            [c.key for c in plan.channels], ["application", "hotline", "email_station"]
        )
        self.assertEqual(plan.channel("hotline").number, "03-3027858")
        self.assertEqual(plan.hotline_call_minutes, 30)
        self.assertEqual(plan.email_reply_days, 3)
        self.assertEqual(plan.channel("email_station").email, "eapcenter.service@gmail.com")
        self.assertIsNone(plan.channel("clinic"))

    def test_taoyuan_has_8_service_areas_and_9_line_groups(self):
        """000 §4.4: the 8 服務內涵 and the 9 LINE topic groups."""
        self.assertEqual(len(self.taoyuan.service_areas), 8)
        channels = self.taoyuan.topic_channels
        self.assertEqual(len(channels), 9)
        self.assertEqual(channels[0].name, "職場新手Easy Go")
        self.assertTrue(all(channel.medium == "LINE" for channel in channels))

    def test_taoyuan_advanced_care_worker_class_requires_the_beginner_class(self):
        """000 §4.2: both classes give a certificate; the advanced one needs the first."""
        trainings = {t.key: t for t in self.taoyuan.care_worker_trainings}
        self.assertEqual(trainings["advanced"].requires, ("beginner",))
        self.assertEqual(trainings["beginner"].requires, ())
        self.assertTrue(all(t.certificate for t in trainings.values()))

    def test_crisis_lines_start_with_1925_and_add_the_citys_own(self):
        """FACTS.md order 1925, 1995, 1980, 113; Taoyuan adds 03-3027858."""
        numbers = [line.number for line in self.taoyuan.crisis_lines]
        self.assertEqual(numbers, ["1925", "1995", "1980", "113", "03-3027858"])
        for plan in (self.chiayi, self.taipei, self.pingtung):
            self.assertEqual(
                [line.number for line in plan.crisis_lines], ["1925", "1995", "1980", "113"]
            )

    def test_chiayi_has_a_3_monthly_self_test(self):
        """002 §伍.三.(三).2.(2).C: a stress self-test every 3 months; others on demand."""
        self.assertEqual(self.chiayi.self_test_cadence_months, 3)
        self.assertIsNone(self.taipei.self_test_cadence_months)
        self.assertIsNone(self.pingtung.self_test_cadence_months)

    def test_chiayi_non_voluntary_flow_branches_on_immediate_danger(self):
        """Annex 1: danger leads to forced care or police, both branches to notification."""
        flow = self.chiayi.case_flow("non_voluntary")
        self.assertEqual(flow.start.key, "assess")
        after = [step.key for step in flow.successors("assess")]
        self.assertEqual(after, ["emergency", "notify"])
        self.assertEqual(flow.step("emergency").next, "notify")
        self.assertTrue(flow.step("follow_up").confidential_record)
        self.assertTrue(flow.step("follow_up").is_end)

    def test_chiayi_crisis_flow_branches_on_casualties(self):
        """Annex 2: casualties or not; refusing help leads to active care."""
        flow = self.chiayi.case_flow("crisis")
        self.assertEqual([b.when for b in flow.start.branches], ["有人員傷亡", "無人員傷亡"])
        self.assertEqual(flow.step("help").branches[0].next, "active_care")
        self.assertEqual(
            flow.step("follow_up").action, "繼續關懷追蹤，將處理情形作成紀錄，以密件保存"
        )
        self.assertIsNotNone(self.chiayi.case_flow("general").reference)

    def test_chiayi_legal_advice_has_its_weekdays(self):
        """002 §伍.三.(二).1: Monday and Friday at city hall, Wednesday at the West district."""
        slots = self.chiayi.channel("legal_advice").schedule
        self.assertEqual([slot.weekdays for slot in slots], [("mon", "fri"), ("wed",)])
        self.assertEqual((slots[0].start, slots[0].end), ("09:30", "12:00"))

    def test_taipei_workshops_have_their_counts_hours_sizes_and_ages(self):
        """003 §陸: 「自我探索」 4 sessions a half-year of 3 hours for about 10 people."""
        group = self.taipei.target_group("older_staff")
        self.assertTrue(group.sensitive)
        event = next(e for e in group.events if e.name == "自我探索")
        self.assertEqual((event.sessions, event.per, event.hours), (4, "half_year", 3))
        self.assertEqual((event.size, event.size_rule), (10, "about"))
        self.assertEqual(
            [(band.year, band.min_age, band.max_age) for band in event.audience_by_year],
            [(2025, 60, None), (2026, 55, 59)],
        )
        carers = self.taipei.target_group("carers")
        self.assertEqual({e.size for e in carers.events if e.size}, {20})

    def test_taipei_new_hire_questionnaire_windows(self):
        """1-3 months after joining, and the month after the first anniversary."""
        dates = self.taipei.new_hire_survey_dates(date(2025, 1, 31))
        self.assertEqual(
            dates,
            [(date(2025, 2, 28), date(2025, 4, 30)), (date(2026, 1, 31), date(2026, 2, 28))],
        )
        self.assertEqual(self.taoyuan.new_hire_survey_windows, [])

    def test_taipei_has_4_bullying_resource_categories(self):
        """003 §伍.二.(四)3: 4 categories of resources for bullying and harassment."""
        directory = self.taipei.resource_categories[0]
        self.assertEqual(directory.categories, ("諮詢及協談", "心理相關", "法律諮詢", "社會福利"))

    def test_pingtung_governance_bodies(self):
        """004 §參: steering group of 6 yearly; working circle 19-23 in 6 groups quarterly,
        with 2 review meetings a year."""
        steering = self.pingtung.governance_body("steering_group")
        self.assertEqual((steering.members_min, steering.members_max), (6, 6))
        self.assertEqual([(m.cadence, m.per_year) for m in steering.meetings], [("year", 1)])
        circle = self.pingtung.governance_body("working_circle")
        self.assertEqual((circle.members_min, circle.members_max), (19, 23))
        self.assertEqual(len(circle.groups), 6)
        self.assertEqual(
            [(m.cadence, m.per_year) for m in circle.meetings], [("quarter", 4), ("half_year", 2)]
        )
        self.assertEqual(circle.groups[0].months, (11, 12, 1, 2))
        self.assertFalse(circle.groups[5].has_leader)
        self.assertEqual(self.pingtung.care_workers["min_per_department"], 1)

    def test_defaults_where_the_seeds_are_silent(self):
        """Retention 10 years and overtime thresholds 45/80/100 (FACTS.md); overtime care
        is on only in Taipei, whose seed names it."""
        for plan in (self.taoyuan, self.chiayi, self.taipei, self.pingtung):
            self.assertEqual(plan.counselling_records_retention_years, 10)
            thresholds = plan.overtime_thresholds
            self.assertEqual(
                (
                    thresholds.avg_6_months_hours,
                    thresholds.avg_2_to_6_months_hours,
                    thresholds.previous_month_hours,
                ),
                (45, 80, 100),
            )
            self.assertEqual(thresholds.enabled, plan is self.taipei)
        self.assertIsNone(self.taipei.free_counselling_hours)
        self.assertIn("公務人員請假規則", self.taoyuan.leave_rule)
        self.assertEqual(self.taipei.leave_rule, "")

    def test_an_empty_plan_answers_with_defaults(self):
        """A plan without configuration (made by hand) still answers every accessor."""
        plan = ProgramPlan(slug="empty", name="Empty", config={})
        self.assertEqual(plan.channels, [])
        self.assertIsNone(plan.channel("hotline"))
        self.assertIsNone(plan.free_counselling_hours)
        self.assertEqual(plan.counselling_records_retention_years, 10)
        self.assertFalse(plan.overtime_thresholds.enabled)
        self.assertEqual(plan.crisis_lines, [])


class SchemaInStepTestCase(TestCase):
    """The schema's enumerations match the models and choices the code uses."""

    def test_staff_categories_match_the_employee_model(self):
        schema = plan_schema()
        self.assertEqual(
            schema["$defs"]["staff_category"]["enum"], list(Employee.StaffCategory.values)
        )

    def test_declared_attributes_and_roles_match_the_people_models(self):
        criteria = plan_schema()["$defs"]["target_group"]["properties"]["criteria"]["properties"]
        self.assertEqual(criteria["declared"]["enum"], list(SensitiveDeclaration.Attribute.values))
        self.assertEqual(criteria["roles"]["items"]["enum"], list(RoleAssignment.Role.values))

    def test_enumerations_match_the_config_choices(self):
        schema = plan_schema()
        defs = schema["$defs"]
        pairs = [
            (defs["channel"]["properties"]["kind"]["enum"], config.ChannelKind),
            (defs["event"]["properties"]["format"]["enum"], config.EventFormat),
            (defs["event"]["properties"]["per"]["enum"], config.Cadence),
            (defs["event"]["properties"]["size_rule"]["enum"], config.SizeRule),
            (
                schema["properties"]["service_model"]["properties"]["model"]["enum"],
                config.ServiceModel,
            ),
            (
                schema["properties"]["surveys"]["items"]["properties"]["kind"]["enum"],
                config.SurveyKind,
            ),
            (
                schema["properties"]["resource_categories"]["items"]["properties"]["kind"]["enum"],
                config.ResourceKind,
            ),
        ]
        for enum, choices in pairs:
            with self.subTest(choices=choices.__name__):
                self.assertEqual(enum, list(choices.values))
