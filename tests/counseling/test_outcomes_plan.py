"""The plan's `outcomes` setting (decision 0079): which measure a case offers (WHO-5 when
the plan says nothing), none at all, or another registered measure usable as a pair; a key
the registry does not know, or a measure whose score has no meaningful change, is refused
when the plan is read; the plan page shows the setting."""

from unittest import mock

from anxin.assessments.definitions import Definition
from anxin.assessments.measures import builtin_measures
from anxin.assessments.services import instruments_load
from anxin.core import measures
from anxin.counseling.outcomes.models import OutcomeMeasure
from anxin.plans.loader import PlanFileError, load_plan_file
from tests.counseling.base import CounselingTestCase
from tests.plans.base import TempFiles, line_of, preset_text

SOURCE = "DESIGN.md outcome measures"


def with_outcomes(section: str) -> str:
    """The Taipei preset with an `outcomes` section appended."""
    return preset_text("taipei-114").rstrip("\n") + "\n" + section


def who5_alike(key: str) -> Definition:
    """A measure another provider registers: WHO-5's items under another key and name."""
    data = dict(builtin_measures()["who5"].data)
    data["key"] = key
    data["name"] = {"zh-hant": "另一份幸福感量表", "en": "Another well-being measure"}
    return Definition.from_data(data)


class OutcomePlanSettingTests(CounselingTestCase):
    @classmethod
    def setUpTestData(cls):
        instruments_load()
        super().setUpTestData()

    def setUp(self):
        self.files = TempFiles(self)

    def load(self, section: str):
        return load_plan_file(self.files.write("plan.yaml", with_outcomes(section)))

    def refused(self, section: str) -> list[str]:
        with self.assertRaises(PlanFileError) as caught:
            self.load(section)
        return [str(error) for error in caught.exception.errors]

    def test_without_the_section_every_case_offers_who5(self):
        settings = self.plan.outcome_settings
        self.assertEqual(
            (settings.instrument, settings.remind_after_days, settings.lapse_after_days),
            ("who5", 14, 60),
        )
        item = OutcomeMeasure.objects.get(case=self.make_case())
        self.assertEqual(item.instrument, "who5")

    def test_a_plan_with_outcomes_off_offers_nothing_at_case_open(self):
        plan = self.load(f"outcomes:\n  instrument: none\n  source: {SOURCE}\n")
        self.assertEqual(plan.pk, self.plan.pk)
        case = self.make_case()
        self.assertFalse(OutcomeMeasure.objects.filter(case=case).exists())
        self.login(self.alice)
        response = self.client.get("/counselling/my-requests/")
        self.assertNotContains(response, "/counselling/well-being/")

    def test_a_plan_naming_another_registered_measure_uses_it(self):
        other = who5_alike("calm5")
        providers = [lambda key: other if key == "calm5" else None, *measures._providers]
        catalogues = [lambda: {"calm5": other}, *measures._catalogues]
        with (
            mock.patch.object(measures, "_providers", providers),
            mock.patch.object(measures, "_catalogues", catalogues),
        ):
            self.load(f"outcomes:\n  instrument: calm5\n  source: {SOURCE}\n")
            item = OutcomeMeasure.objects.get(case=self.make_case())
            self.assertEqual((item.instrument, item.instrument_version), ("calm5", other.version))
            self.login(self.alice)
            response = self.client.get(f"/counselling/well-being/{item.uuid}/")
            self.assertContains(response, "另一份幸福感量表")

    def test_an_unknown_measure_is_refused_with_its_line(self):
        text = with_outcomes(f"outcomes:\n  instrument: who6\n  source: {SOURCE}\n")
        messages = self.refused(f"outcomes:\n  instrument: who6\n  source: {SOURCE}\n")
        line = line_of(text, "instrument: who6")
        self.assertTrue(
            any(
                f":{line}: outcomes.instrument: no measure 'who6' usable at a case's start "
                "and close (known: who5, none)" in message
                for message in messages
            ),
            messages,
        )

    def test_a_measure_without_a_meaningful_change_is_refused(self):
        """BSRS-5 is a registered measure, but its score names no meaningful change: a
        pair could not be counted as improved or worse."""
        self.assertIn("bsrs5", builtin_measures())
        messages = self.refused(f"outcomes:\n  instrument: bsrs5\n  source: {SOURCE}\n")
        self.assertTrue(any("no measure 'bsrs5'" in message for message in messages), messages)

    def test_an_unknown_key_and_a_lapse_before_the_reminder_are_refused(self):
        messages = self.refused(
            f"outcomes:\n  instrument: who5\n  remind_after: 3\n  source: {SOURCE}\n"
        )
        self.assertTrue(any("outcomes.remind_after: unknown key" in m for m in messages), messages)
        messages = self.refused(
            "outcomes:\n  instrument: who5\n  remind_after_days: 30\n"
            f"  lapse_after_days: 20\n  source: {SOURCE}\n"
        )
        wanted = "outcomes.lapse_after_days: must be greater than remind_after_days"
        self.assertTrue(any(wanted in m for m in messages), messages)

    def test_the_plan_page_shows_the_setting(self):
        self.login(self.eap_admin)
        url = self.plan.get_absolute_url()
        response = self.client.get(url)
        self.assertContains(response, "諮商個案開案與結案時的幸福感量表")
        self.assertContains(response, "WHO-5")
        self.assertContains(response, "結案後第 14 天提醒一次")
        self.load(
            "outcomes:\n  instrument: none\n"
            f"  source: {SOURCE}\n"
        )  # fmt: skip
        response = self.client.get(url)
        self.assertContains(response, SOURCE)
        self.assertNotContains(response, "結案後第 14 天提醒一次")
