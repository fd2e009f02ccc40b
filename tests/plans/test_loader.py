"""A bad plan file is answered with file, line and key, and changes nothing."""

from django.test import TestCase

from anxin.people.models import OrgUnit
from anxin.people.services import orgunit_create
from anxin.plans.loader import PlanFileError, load_plan_file, load_preset, read_preset
from anxin.plans.models import ProgramPlan
from tests.plans.base import TempFiles, line_of, preset_text


class BadFileTestCase(TestCase):
    def setUp(self):
        self.files = TempFiles(self)
        self.text = preset_text("taoyuan-104")

    def assert_refused(self, text: str, *, line: int, key: str, words: str) -> PlanFileError:
        """Loading `text` fails with an error at `line` naming `key`, and writes nothing."""
        path = self.files.write("bad.yaml", text)
        units, plans = OrgUnit.objects.count(), ProgramPlan.objects.count()
        with self.assertRaises(PlanFileError) as caught:
            load_plan_file(path)
        wanted = f"{path}:{line}: {key}: "
        messages = [str(error) for error in caught.exception.errors]
        self.assertTrue(
            any(m.startswith(wanted) and words in m for m in messages),
            f"no error starting {wanted!r} with {words!r} in {messages}",
        )
        self.assertEqual((OrgUnit.objects.count(), ProgramPlan.objects.count()), (units, plans))
        return caught.exception

    def test_it_names_a_syntax_error(self):
        """A broken line gives the parser's line and the key being read."""
        text = self.text.replace("    reply_days: 3", "    reply_days: 3: days")
        self.assert_refused(
            text,
            line=line_of(text, "reply_days: 3: days"),
            key="channels[2].reply_days",
            words="YAML syntax error: mapping values are not allowed here",
        )

    def test_it_names_a_syntax_error_inside_a_list(self):
        """An unclosed flow list is reported with the item being read."""
        text = self.text.replace("  hours_per_year: 4", "  hours_per_year: [4")
        self.assert_refused(
            text,
            line=line_of(text, "  text: 每人每年度以提供4小時"),
            key="counselling_quota.hours_per_year[0]",
            words="YAML syntax error",
        )

    def test_it_names_an_unknown_key(self):
        """A misspelt key is an error at its own line, with a suggestion."""
        text = self.text.replace("    reply_days: 3", "    reply_day: 3")
        error = self.assert_refused(
            text,
            line=line_of(text, "reply_day: 3"),
            key="channels[2].reply_day",
            words="unknown key; did you mean 'reply_days'?",
        )
        self.assertTrue(any("reply_days" in str(e) and "required" in str(e) for e in error.errors))

    def test_it_names_a_wrong_type(self):
        """A number written as words is refused at its line."""
        text = self.text.replace("  hours_per_year: 4", "  hours_per_year: four")
        self.assert_refused(
            text,
            line=line_of(text, "hours_per_year: four"),
            key="counselling_quota.hours_per_year",
            words="'four' is not of type 'integer'",
        )

    def test_it_names_an_unquoted_phone_number(self):
        """A crisis line number YAML reads as an integer must be quoted."""
        text = self.text.replace('  - number: "1925"', "  - number: 1925")
        self.assert_refused(
            text,
            line=line_of(text, "- number: 1925"),
            key="crisis_lines[0].number",
            words="1925 is not of type 'string'",
        )

    def test_it_names_a_missing_required_key(self):
        """A missing key is reported at the line of the object that lacks it."""
        text = self.text.replace("    name: 7858（請幫我吧）諮商專線\n    number:", "    number:")
        self.assert_refused(
            text,
            line=line_of(text, "  - key: hotline"),
            key="channels[1].name",
            words="required key is missing",
        )

    def test_it_names_a_missing_top_level_section(self):
        """Without crisis lines the file is refused at its first line."""
        start = self.text.index("crisis_lines:")
        end = self.text.index("self_test:")
        text = self.text[:start] + self.text[end:]
        self.assert_refused(text, line=line_of(text, "slug:"), key="crisis_lines", words="required")

    def test_it_names_a_duplicate_key(self):
        """YAML would keep the last of two equal keys silently; the loader refuses."""
        text = self.text.replace("slug: taoyuan-104\n", "slug: taoyuan-104\nslug: taoyuan-105\n")
        self.assert_refused(
            text, line=line_of(text, "slug: taoyuan-105"), key="slug", words="duplicate key"
        )

    def test_it_names_a_step_that_leads_nowhere(self):
        """A flow step pointing at an unknown step is refused at that line."""
        text = self.text.replace("        next: counsel\n", "        next: counsell\n")
        self.assert_refused(
            text,
            line=line_of(text, "next: counsell"),
            key="case_flows[0].steps[0].next",
            words="no step 'counsell'",
        )

    def test_it_names_a_citation_of_an_unlisted_document(self):
        """Every source must cite a document the plan lists, so the page can be checked."""
        text = self.text.replace("  source: 000 §4.1(1)\n", "  source: 009 §4.1(1)\n", 1)
        self.assert_refused(
            text,
            line=line_of(text, "source: 009 §4.1(1)"),
            key="counselling_quota.source",
            words="citation '009 §4.1(1)'",
        )

    def test_it_names_a_bad_enumeration_value(self):
        """A staff category the people app does not know is refused."""
        text = self.text.replace("    - janitor ", "    - jannitor ")
        self.assert_refused(
            text,
            line=line_of(text, "- jannitor"),
            key="eligibility.staff_categories[2]",
            words="'jannitor' is not one of",
        )

    def test_it_refuses_a_period_ending_before_it_starts(self):
        text = self.text.replace('end: "2015-12-31"', 'end: "2014-12-31"')
        self.assert_refused(
            text, line=line_of(text, 'end: "2014'), key="period.end", words="at least start"
        )

    def test_it_refuses_an_impossible_date(self):
        text = self.text.replace('start: "2015-01-01"', 'start: "2015-02-30"')
        self.assert_refused(
            text, line=line_of(text, "2015-02-30"), key="period.start", words="is not a 'date'"
        )

    def test_it_refuses_a_file_that_is_not_a_mapping(self):
        self.assert_refused("- just\n- a list\n", line=1, key="(top level)", words="mapping")

    def test_it_reports_every_fault_at_once(self):
        """Several faults are all reported, sorted by line."""
        text = self.text.replace("  hours_per_year: 4", "  hours_per_year: four").replace(
            "    reply_days: 3", "    reply_day: 3"
        )
        error = self.assert_refused(
            text,
            line=line_of(text, "hours_per_year: four"),
            key="counselling_quota.hours_per_year",
            words="integer",
        )
        lines = [e.line for e in error.errors]
        self.assertGreaterEqual(len(lines), 2)
        self.assertEqual(lines, sorted(lines))

    def test_it_names_a_missing_file(self):
        missing = str(self.files.root / "nowhere.yaml")
        with self.assertRaises(PlanFileError) as caught:
            load_plan_file(missing)
        self.assertIn(f"{missing}:1: (file): no such file", str(caught.exception))

    def test_it_refuses_a_bad_reload_without_touching_the_stored_plan(self):
        """A bad edit of a loaded plan leaves the stored plan as it was."""
        plan = load_preset("taoyuan-104")
        before = ProgramPlan.objects.get(pk=plan.pk)
        text = self.text.replace("  hours_per_year: 4", "  hours_per_year: 0")
        self.assert_refused(
            text,
            line=line_of(text, "hours_per_year: 0"),
            key="counselling_quota.hours_per_year",
            words="less than the minimum of 1",
        )
        after = ProgramPlan.objects.get(pk=plan.pk)
        self.assertEqual(after.config, before.config)
        self.assertEqual(after.loaded_at, before.loaded_at)

    def test_it_refuses_an_agency_code_of_a_unit_that_is_not_an_authority(self):
        """The plan's authority code held by an agency is an error at authority.code."""
        city = orgunit_create(name="某市政府", kind="authority")
        orgunit_create(name="某局", kind="agency", parent=city, code="379000000A")
        text = preset_text("taipei-114")
        self.assert_refused(
            text,
            line=line_of(text, "code: 379000000A"),
            key="authority.code",
            words="not an authority",
        )

    def test_a_preset_slug_must_be_its_file_name(self):
        with self.assertRaises(PlanFileError) as caught:
            read_preset("no-such-preset")
        self.assertIn("no preset 'no-such-preset'", str(caught.exception))
