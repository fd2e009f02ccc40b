"""The questionnaire builder: drafts, questions, presets, publishing, frozen versions."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from anxin.core.locking import StaleEdit
from anxin.core.refusals import Refused
from anxin.surveys import definitions, services
from anxin.surveys.models import Preset, QuestionnaireVersion, Survey
from tests.base import BaseTestCase
from tests.surveys.base import EVERY_TYPE, definition, publish, question


def editor(version, name="surveys:version_edit", **extra):
    return reverse(
        name,
        kwargs={"questionnaire_uuid": version.questionnaire.uuid, "number": version.number,
                **extra},
    )  # fmt: skip


class PresetTests(BaseTestCase):
    def test_it_loads_the_presets_idempotently(self):
        """The command loads the four presets; loading again changes nothing."""
        out = StringIO()
        call_command("load_survey_presets", stdout=out)
        self.assertEqual(
            set(Preset.objects.values_list("key", flat=True)),
            {"needs_survey", "satisfaction_counselling", "event_feedback", "new_hire_care"},
        )
        out = StringIO()
        call_command("load_survey_presets", stdout=out)
        self.assertEqual(out.getvalue().count("unchanged"), 4)

    def test_every_preset_is_marked_as_example_wording(self):
        services.presets_load()
        for preset in Preset.objects.all():
            self.assertTrue(preset.definition["example_wording"], preset.key)
            self.assertTrue(preset.definition["note"], preset.key)

    def test_it_refuses_a_bad_preset_file_and_stores_nothing(self):
        bad = self.tmp_file("key: bad\nquestionnaire:\n  title: x\n  sections: []\n")
        with self.assertRaises(services.PresetFileError) as caught:
            services.presets_load(paths=[bad])
        self.assertIn("bad.yaml", caught.exception.errors[0])
        self.assertFalse(Preset.objects.exists())

    def tmp_file(self, text):
        import tempfile
        from pathlib import Path

        folder = Path(tempfile.mkdtemp())
        path = folder / "bad.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    def test_it_copies_a_preset_into_a_new_draft(self):
        """The page button copies a preset; the draft stays marked as example wording and
        cannot be published until the wording is marked as reviewed."""
        services.presets_load()
        self.login(self.hr)
        response = self.client.post(reverse("surveys:preset_copy", args=["new_hire_care"]))
        version = QuestionnaireVersion.objects.get()
        self.assertRedirects(response, editor(version))
        self.assertEqual(version.questionnaire.owner, self.agency)
        self.assertTrue(version.is_draft and version.definition["example_wording"])
        with self.assertRaises(Refused) as caught:
            services.version_publish(version=version, expected_version=version.version)
        self.assertEqual(caught.exception.code, "example_wording")
        response = self.client.post(
            editor(version),
            {"title": "新進人員關懷問卷", "intro": "", "wording_reviewed": "on",
             "lock": version.version},
        )  # fmt: skip
        self.assertRedirects(response, editor(version))
        version.refresh_from_db()
        self.assertNotIn("example_wording", version.definition)
        services.version_publish(version=version, expected_version=version.version)

    def test_it_refuses_copying_with_the_wrong_method_or_role(self):
        services.presets_load()
        self.login(self.hr)
        url = reverse("surveys:preset_copy", args=["event_feedback"])
        self.assertEqual(self.client.get(url).status_code, 405)
        self.login(self.alice)
        self.assertEqual(self.client.post(url).status_code, 403)


class BuilderTests(BaseTestCase):
    def setUp(self):
        self.login(self.hr)
        self.client.post(reverse("surveys:questionnaire_new"), {"title": "年度調查"})
        self.version = QuestionnaireVersion.objects.get()

    def add(self, **fields):
        data = {"section": "第一部分", "type": "single", "text": "題目", "options": "是\n否",
                "lock": self.version.version, **fields}  # fmt: skip
        response = self.client.post(editor(self.version, "surveys:question_new"), data)
        self.version.refresh_from_db()
        return response

    def test_it_creates_a_draft_owned_by_the_officers_agency(self):
        self.assertEqual(self.version.questionnaire.owner, self.agency)
        self.assertEqual(self.version.title, "年度調查")
        self.assertEqual(self.client.get(editor(self.version)).status_code, 200)

    def test_it_adds_and_edits_questions_with_a_condition(self):
        self.assertRedirects(self.add(text="有無使用服務？"), editor(self.version))
        self.add(type="long_text", text="原因", options="", show_if_question="q1",
                 show_if_equals="否", required="on")  # fmt: skip
        parsed = self.version.parsed
        self.assertEqual([q.key for q in parsed.questions], ["q1", "q2"])
        self.assertEqual(parsed.question("q2").show_if, {"question": "q1", "equals": "否"})
        response = self.client.post(
            editor(self.version, "surveys:question_edit", key="q1"),
            {"section": "第一部分", "type": "single", "text": "改過的題目", "options": "是\n否",
             "lock": self.version.version},
        )  # fmt: skip
        self.assertRedirects(response, editor(self.version))
        self.version.refresh_from_db()
        self.assertEqual(self.version.parsed.question("q1").text, "改過的題目")

    def test_it_refuses_a_condition_on_a_later_question_keeping_what_was_typed(self):
        """Editing q1 to depend on q2 (which comes later) is refused in zh-Hant, with the
        form as typed and nothing stored."""
        self.add()
        self.add(text="第二題")
        url = editor(self.version, "surveys:question_edit", key="q1")
        response = self.client.post(
            url,
            {"section": "第一部分", "type": "single", "text": "依賴後題", "options": "是\n否",
             "show_if_question": "q2", "show_if_equals": "是", "lock": self.version.version},
        )  # fmt: skip
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertEqual([e.code for e in form.non_field_errors().as_data()], ["condition_later"])
        self.assertIn("較早", form.non_field_errors()[0])
        self.assertContains(response, "依賴後題")
        self.version.refresh_from_db()
        self.assertEqual(self.version.parsed.question("q1").text, "題目")

    def test_it_refuses_a_choice_question_without_options(self):
        response = self.add(options="只有一個")
        self.assertEqual(response.context["form"].errors.as_data()["options"][0].code, "options")

    def test_it_refuses_removing_a_question_another_depends_on(self):
        self.add()
        self.add(type="short_text", options="", show_if_question="q1", show_if_equals="是")
        url = editor(self.version, "surveys:question_delete", key="q1")
        self.client.post(url, {"lock": self.version.version})
        self.version.refresh_from_db()
        self.assertEqual(len(self.version.parsed.questions), 2)
        url = editor(self.version, "surveys:question_delete", key="q2")
        self.client.post(url, {"lock": self.version.version})
        self.version.refresh_from_db()
        self.assertEqual(len(self.version.parsed.questions), 1)

    def test_it_refuses_a_stale_edit(self):
        """Two officers editing the same draft: the second save is refused, not lost."""
        lock = self.version.version
        self.add()
        response = self.add(text="另一人的題目", lock=lock)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(self.version.parsed.questions), 1)
        with self.assertRaises(StaleEdit):
            services.draft_update(
                version=self.version, expected_version=lock, definition=EVERY_TYPE
            )

    def test_it_refuses_to_publish_a_questionnaire_with_no_question(self):
        url = editor(self.version, "surveys:version_publish")
        response = self.client.post(url, {"lock": self.version.version}, follow=True)
        self.version.refresh_from_db()
        self.assertTrue(self.version.is_draft)
        self.assertContains(response, "至少")

    def test_a_published_version_is_frozen_and_edits_make_a_new_draft(self):
        self.add()
        self.client.post(
            editor(self.version, "surveys:version_publish"), {"lock": self.version.version}
        )
        self.version.refresh_from_db()
        self.assertEqual(self.version.status, "published")
        frozen = dict(self.version.definition)
        # Every way of changing it is refused.
        self.add(text="不該出現")
        self.client.post(editor(self.version), {"title": "改名", "lock": self.version.version})
        self.client.post(
            editor(self.version, "surveys:question_delete", key="q1"),
            {"lock": self.version.version},
        )
        self.version.refresh_from_db()
        self.assertEqual(self.version.definition, frozen)
        with self.assertRaises(Refused) as caught:
            services.draft_update(
                version=self.version, expected_version=self.version.version, definition=EVERY_TYPE
            )
        self.assertEqual(caught.exception.code, "frozen")
        # A new draft version is a copy; making it again returns the same draft.
        url = reverse("surveys:version_new", args=[self.version.questionnaire.uuid])
        self.client.post(url)
        self.client.post(url)
        draft = QuestionnaireVersion.objects.get(questionnaire=self.version.questionnaire, number=2)
        self.assertTrue(draft.is_draft)
        self.assertEqual(draft.definition, frozen)
        self.assertEqual(QuestionnaireVersion.objects.count(), 2)

    def test_another_agencys_officer_gets_404(self):
        other = self.make_other_hr()
        self.login(other)
        self.assertEqual(self.client.get(editor(self.version)).status_code, 404)
        self.login(self.eap_admin)
        self.assertEqual(self.client.get(editor(self.version)).status_code, 200)

    def make_other_hr(self):
        from tests.base import give_role, make_user

        user = make_user("hr-other")
        give_role(user, "hr", self.other_agency)
        return user

    def test_the_editor_refuses_the_wrong_method_and_the_employee(self):
        self.assertEqual(self.client.put(editor(self.version)).status_code, 405)
        self.login(self.alice)
        self.assertEqual(self.client.get(editor(self.version)).status_code, 403)


class SurveySetupTests(BaseTestCase):
    def setUp(self):
        self.version = publish(owner=self.agency, actor=self.hr, data=EVERY_TYPE)
        self.login(self.hr)

    def post(self, **fields):
        data = {"title": "需求調查", "scope": self.unit.pk, "opens_on": "114/11/01",
                "closes_on": "114/11/30", "mode": "anonymous", **fields}  # fmt: skip
        return self.client.post(editor(self.version, "surveys:survey_new"), data)

    def test_it_sets_up_a_survey_with_roc_dates_and_an_audience(self):
        response = self.post(staff_categories=["civil_servant", "contract"])
        survey = Survey.objects.get()
        self.assertRedirects(response, reverse("surveys:survey_detail", args=[survey.uuid]))
        self.assertEqual(survey.scope, self.unit)
        self.assertEqual(survey.staff_categories, ["civil_servant", "contract"])
        self.assertEqual(str(survey.opens_on), "2025-11-01")

    def test_it_refuses_dates_out_of_order_and_an_audience_outside_the_scope(self):
        response = self.post(opens_on="114/12/01")
        self.assertEqual(
            response.context["form"].errors.as_data()["closes_on"][0].code, "dates_out_of_order"
        )
        response = self.post(scope=self.other_agency.pk)
        self.assertIn("scope", response.context["form"].errors)
        self.assertFalse(Survey.objects.exists())

    def test_it_refuses_a_survey_of_a_draft(self):
        draft = services.version_new_draft(questionnaire=self.version.questionnaire)
        response = self.client.get(editor(draft, "surveys:survey_new"))
        self.assertRedirects(response, editor(draft))
        with self.assertRaises(Refused):
            services.survey_create(
                version=draft, owner=self.agency, actor=self.hr, title="x", scope=self.agency,
                staff_categories=[], opens_on=self.version.published_at.date(),
                closes_on=self.version.published_at.date(), mode="anonymous",
            )  # fmt: skip

    def test_definition_helpers_keep_the_published_copy_untouched(self):
        """with_question copies: the version's stored definition is not mutated."""
        before = repr(self.version.definition)
        definitions.with_question(
            self.version.definition, section="第一部分", question=question("zz", "date")
        )
        self.assertEqual(repr(self.version.definition), before)
        self.assertEqual(definition(question("a", "date"))["title"], "測試問卷")
