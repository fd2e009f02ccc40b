"""Which flows a plan runs, the step settings, and every way through every flow."""

from django.test import SimpleTestCase

from anxin.core.refusals import Refused
from anxin.counseling.flows import services
from anxin.counseling.flows.definitions import (
    as_flow,
    check_flow,
    default_flows,
    flow_definitions,
    is_built_in,
)
from anxin.counseling.flows.models import FlowRun, StepRole
from anxin.plans.config import DEFAULT_STEP_DEADLINE_HOURS, DEFAULT_STEP_ROLE, FlowStep
from anxin.plans.loader import load_preset, plan_schema
from tests.counseling.flows_base import PRESETS, FlowTestCase, paths


class StepSettingsTests(SimpleTestCase):
    def test_it_gives_a_step_without_role_or_deadline_the_defaults(self):
        """A step the plan gives no role is the counsellor's, due in 72 hours."""
        step = FlowStep.from_dict({"key": "a", "action": "do"})
        self.assertEqual((step.role, step.deadline_hours), (DEFAULT_STEP_ROLE, 72))
        self.assertEqual(DEFAULT_STEP_DEADLINE_HOURS, 72)
        self.assertEqual(step.notifies, ())

    def test_it_keeps_the_schema_roles_and_the_model_roles_in_step(self):
        """The schema's step roles are the StepRole choices."""
        step = plan_schema()["$defs"]["case_flow"]["properties"]["steps"]["items"]
        self.assertEqual(set(step["properties"]["role"]["enum"]), set(StepRole.values))

    def test_it_accepts_the_emergency_access_hours_in_a_plan(self):
        """`emergency_access.hours`: 1 to 168."""
        from jsonschema import Draft202012Validator

        schema = {
            **plan_schema()["properties"]["emergency_access"],
            "$defs": plan_schema()["$defs"],
        }
        self.assertTrue(Draft202012Validator(schema).is_valid({"hours": 6, "source": "0 §1"}))
        self.assertFalse(Draft202012Validator(schema).is_valid({"hours": 0, "source": "0 §1"}))

    def test_it_checks_the_built_in_flows(self):
        """The default set holds a valid non-voluntary and crisis flow."""
        self.assertEqual(set(default_flows()), {"non_voluntary", "crisis"})

    def test_it_refuses_a_flow_that_names_a_missing_step(self):
        """A `next` to no step is an error."""
        with self.assertRaises(ValueError):
            check_flow(
                {"key": "x", "name": "x", "source": "test", "steps": [
                    {"key": "a", "action": "do", "next": "b"}]}
            )  # fmt: skip
        with self.assertRaises(ValueError):
            check_flow({"key": "x", "name": "x", "source": "test", "steps": [
                {"key": "a", "action": "do", "role": "mayor"}]})  # fmt: skip


class FlowSetTests(FlowTestCase):
    def test_it_uses_chiayis_own_flows_and_the_default_set_elsewhere(self):
        """Chiayi draws both flows; Taipei names them without steps, Taoyuan and Pingtung
        have none: they run the built-in ones."""
        plans = {slug: load_preset(slug) for slug in PRESETS}
        self.assertFalse(is_built_in(plans["chiayi-105"], "crisis"))
        self.assertFalse(is_built_in(plans["chiayi-105"], "non_voluntary"))
        for slug in ("pingtung", "taipei-114", "taoyuan-104"):
            self.assertTrue(is_built_in(plans[slug], "crisis"), slug)
            self.assertTrue(is_built_in(plans[slug], "non_voluntary"), slug)
        self.assertIn("general", flow_definitions(plans["taipei-114"]))
        self.assertNotIn("general", flow_definitions(plans["chiayi-105"]))  # no steps

    def test_it_gives_chiayis_steps_a_role_and_deadline(self):
        """002 附件一/二 as configured: the coordinator assesses, the supervisor acts in
        an emergency; notification steps carry the checklist."""
        chiayi = load_preset("chiayi-105")
        flow = chiayi.case_flow("crisis")
        self.assertEqual(flow.step("event").role, "intake")
        self.assertEqual(flow.step("manage").role, "supervisor")
        self.assertIn("family", flow.step("notify_casualty").notifies)
        self.assertEqual(chiayi.case_flow("non_voluntary").step("emergency").deadline_hours, 1)

    def test_it_runs_every_way_of_every_flow_of_every_preset_to_its_end(self):
        """Each flow of each preset (and the default set) runs from start to end along
        every branch; each step reached gets its role and deadline."""
        walked = 0
        for slug in PRESETS:
            plan = load_preset(slug)
            for key, definition in flow_definitions(plan).items():
                flow = as_flow(definition)
                for path in paths(definition):
                    run = self.start(plan=plan, key=key)
                    self.assertEqual(run.kind, key if key != "general" else FlowRun.Kind.GENERAL)
                    for step_key, way in path:
                        current = services.current_step(run)
                        self.assertEqual(current.step_key, step_key)
                        step = flow.step(step_key)
                        self.assertEqual(current.role, step.role)
                        self.assertEqual(
                            (current.due_at - current.reached_at).total_seconds(),
                            step.deadline_hours * 3600,
                        )
                        self.record(run, way=way, notes=f"{slug} {step_key}")
                    run.refresh_from_db()
                    self.assertEqual(run.status, FlowRun.Status.DONE, (slug, key, path))
                    self.assertIsNone(services.current_step(run))
                    self.assertEqual(run.steps.count(), len(path))
                    walked += 1
        # Chiayi: 2 + 3 ways; three plans x (2 + 4) built-in; Taipei 3, Taoyuan 2 general.
        self.assertGreaterEqual(walked, 20)

    def test_it_refuses_a_way_the_step_does_not_offer_and_a_second_record(self):
        """Only the step's own ways; a step recorded already is not recorded again."""
        run = self.start()
        current = services.current_step(run)
        with self.assertRaises(ValueError):
            services.flow_step_record(step_run=current, actor=self.intake, way="nowhere")
        self.record(run)
        with self.assertRaises(Refused) as caught:
            services.flow_step_record(step_run=current, actor=self.intake, way="notify")
        self.assertEqual(caught.exception.code, "step_done")

    def test_it_keeps_running_a_flow_as_it_started_when_the_plan_changes(self):
        """The run holds a snapshot of its steps."""
        run = self.start()
        self.plan.config["case_flows"] = []
        self.plan.save()
        self.record(run)
        self.assertEqual(run.steps.count(), 2)
