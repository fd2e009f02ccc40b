"""The case-flow pages: starting a flow, its steps, recording, assigning, the checklist."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anxin.core.models import AccessLog, Notification
from anxin.counseling.flows import services
from anxin.counseling.flows.models import FlowRun, FlowStepRun
from anxin.counseling.models import Case
from anxin.plans.loader import load_preset
from tests.base import give_role, make_user
from tests.counseling.flows_base import FlowTestCase

MARKER = "FLOWNOTE-7f3a9c"


class StartTests(FlowTestCase):
    url = "/counselling/flows/start/"

    def test_it_lets_a_supervisor_start_a_crisis_flow_for_his_unit(self):
        """The flow starts at its first step and the coordinators are told, by inbox."""
        self.login(self.supervisor)
        response = self.client.post(self.url, {"flow": "crisis", "employee_number": "E0001"})
        run = FlowRun.objects.get()
        self.assertRedirects(response, run.get_absolute_url())
        self.assertEqual(
            (run.kind, run.employee, run.started_by),
            ("crisis", self.alice_employee, self.supervisor),
        )
        self.assertEqual(run.steps.get().step_key, "event")
        self.assertTrue(Notification.objects.filter(recipient=self.intake).exists())
        self.assertFalse(Notification.objects.filter(recipient=self.hr).exists())

    def test_it_refuses_an_employee_outside_the_supervisors_unit(self):
        """Another agency's employee is an unknown number; what was typed stays."""
        self.login(self.supervisor)
        response = self.client.post(self.url, {"flow": "crisis", "employee_number": "E0002"})
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertTrue(form.has_error("employee_number", "unknown_employee"))
        self.assertEqual(form["employee_number"].value(), "E0002")
        self.assertFalse(FlowRun.objects.exists())

    def test_it_refuses_the_wrong_method_and_other_roles(self):
        self.login(self.supervisor)
        self.assertEqual(self.client.put(self.url).status_code, 405)
        self.login(self.alice)
        self.assertEqual(self.client.get(self.url).status_code, 403)
        self.login(self.counselor)
        self.assertEqual(self.client.get(self.url).status_code, 403)


class DetailTests(FlowTestCase):
    def setUp(self):
        self.run = self.start()
        self.record(self.run, way="notify_casualty", notes=MARKER)

    def test_it_shows_the_supervisor_statuses_and_never_notes(self):
        """The supervisor sees the steps and their state; the notes are not read."""
        self.login(self.supervisor)
        before = AccessLog.objects.count()
        response = self.client.get(self.run.get_absolute_url())
        self.assertContains(response, "確認危機事件有無人員傷亡")
        self.assertNotContains(response, MARKER)
        self.assertEqual(AccessLog.objects.count(), before)
        self.assertIsNone(response.context["step_form"])  # the open step is intake's

    def test_it_shows_the_coordinator_the_notes_and_logs_the_read(self):
        self.login(self.intake)
        before = AccessLog.objects.count()
        response = self.client.get(self.run.get_absolute_url())
        self.assertContains(response, MARKER)
        row = AccessLog.objects.order_by("-id").first()
        self.assertEqual(AccessLog.objects.count(), before + 1)
        self.assertEqual((row.field, row.subject_uuid), ("notes", self.alice_employee.uuid))
        self.assertIsNotNone(response.context["step_form"])

    def test_it_hides_a_counsellors_confidential_record_from_the_coordinator(self):
        """The follow-up record (密件) is read by the flow's counsellor only."""
        services.flow_assign(run=self.run, counselor=self.counselor, actor=self.intake)
        self.record(self.run)  # notify_casualty -> help
        self.record(self.run, actor=self.counselor, way="manage")
        self.record(self.run, actor=self.supervisor)  # manage -> follow_up
        self.record(self.run, actor=self.counselor, way="", notes="SECRET-FOLLOW-UP")
        self.login(self.intake)
        self.assertNotContains(self.client.get(self.run.get_absolute_url()), "SECRET-FOLLOW-UP")
        self.login(self.counselor)
        self.assertContains(self.client.get(self.run.get_absolute_url()), "SECRET-FOLLOW-UP")

    def test_it_answers_404_outside_the_scope_and_to_another_counsellor(self):
        other = make_user("other-supervisor")
        give_role(other, "supervisor", self.other_agency)
        self.login(other)
        self.assertEqual(self.client.get(self.run.get_absolute_url()).status_code, 404)
        self.login(self.counselor2)
        self.assertEqual(self.client.get(self.run.get_absolute_url()).status_code, 404)

    def test_it_refuses_the_wrong_method_and_the_employee(self):
        self.login(self.intake)
        self.assertEqual(self.client.post(self.run.get_absolute_url()).status_code, 405)
        self.login(self.alice)
        self.assertEqual(self.client.get(self.run.get_absolute_url()).status_code, 403)


class StepTests(FlowTestCase):
    def setUp(self):
        self.run = self.start()
        self.url = f"/counselling/flows/{self.run.uuid}/step/"

    def step(self) -> str:
        """The open step's uuid, as the page carries it."""
        return str(services.current_step(self.run).uuid)

    def test_it_records_the_coordinators_step_and_moves_along_the_branch(self):
        """Choosing "no casualties" leads to the notification step; notes are sealed."""
        self.login(self.intake)
        data = {"way": "notify", "notes": MARKER, "step": self.step()}
        response = self.client.post(self.url, data)
        self.assertRedirects(response, self.run.get_absolute_url())
        done = self.run.steps.get(step_key="event")
        self.assertEqual((done.done_by, done.branch), (self.intake, "無人員傷亡"))
        self.assertNotIn(MARKER, done.notes)  # ciphertext
        self.assertEqual(services.current_step(self.run).step_key, "notify")

    def test_it_refuses_a_step_of_another_role(self):
        """The supervisor cannot record the coordinator's step."""
        self.login(self.supervisor)
        self.client.post(self.url, {"way": "notify", "step": self.step()})
        self.assertIsNone(self.run.steps.get().done_at)

    def test_it_lets_the_supervisor_record_his_step_without_notes(self):
        self.record(self.run, way="notify")  # -> notify (intake)
        self.record(self.run)  # -> help (counselor)
        services.flow_assign(run=self.run, counselor=self.counselor, actor=self.intake)
        self.record(self.run, actor=self.counselor, way="active_care")
        self.login(self.supervisor)
        data = {"way": "manage", "notes": MARKER, "step": self.step()}
        response = self.client.post(self.url, data)
        self.assertEqual(response.status_code, 302)
        done = self.run.steps.get(step_key="active_care")
        self.assertEqual(done.done_by, self.supervisor)
        self.assertEqual(
            services.step_notes_read(step_run=done, actor=self.intake, role="intake"), ""
        )

    def test_it_keeps_a_bad_choice_and_answers_400(self):
        self.login(self.intake)
        response = self.client.post(
            self.url, {"way": "elsewhere", "notes": MARKER, "step": self.step()}
        )
        self.assertEqual(response.status_code, 400)
        self.assertTrue(response.context["step_form"].has_error("way", "invalid_choice"))
        self.assertContains(response, MARKER, status_code=400)  # what was typed stays

    def test_it_refuses_get_and_the_employee(self):
        self.login(self.intake)
        self.assertEqual(self.client.get(self.url).status_code, 405)
        self.login(self.alice)
        self.assertEqual(self.client.post(self.url, {"way": "notify"}).status_code, 403)


class AssignTests(FlowTestCase):
    def test_it_opens_a_case_of_the_flows_kind(self):
        run = self.start(key="non_voluntary")
        self.login(self.intake)
        url = f"/counselling/flows/{run.uuid}/assign/"
        self.assertEqual(self.client.post(url, {"counselor": self.counselor.pk}).status_code, 302)
        run.refresh_from_db()
        self.assertEqual((run.case.kind, run.counselor), (Case.Kind.NON_VOLUNTARY, self.counselor))
        self.assertTrue(run.case.code.startswith("TPE"))
        self.assertTrue(Notification.objects.filter(recipient=self.counselor).exists())
        self.assertEqual(self.client.get(url).status_code, 405)
        self.login(self.supervisor)
        self.assertEqual(self.client.post(url, {"counselor": self.counselor.pk}).status_code, 403)


class ChecklistTests(FlowTestCase):
    def test_it_lists_whom_to_tell_the_contact_points_and_the_crisis_lines(self):
        """Chiayi's casualty notification: head, family, medical; its contact point; the
        crisis lines; no note."""
        chiayi = load_preset("chiayi-105")
        run = self.start(plan=chiayi)
        self.record(run, way="notify_casualty", notes=MARKER)
        self.login(self.supervisor)
        response = self.client.get(f"/counselling/flows/{run.uuid}/checklist/")
        for line in chiayi.crisis_lines:
            self.assertContains(response, line.number)
        self.assertContains(response, chiayi.channel("contact_point").name)
        self.assertEqual(len(response.context["targets"]), 4)
        self.assertNotContains(response, MARKER)

    def test_it_refuses_post_and_the_outsider(self):
        run = self.start()
        self.login(self.supervisor)
        url = f"/counselling/flows/{run.uuid}/checklist/"
        self.assertEqual(self.client.post(url).status_code, 405)
        self.login(self.outsider)
        self.assertEqual(self.client.get(url).status_code, 403)


class ListTests(FlowTestCase):
    def test_it_shows_overdue_flows_first_and_highlighted(self):
        fresh = self.start(key="non_voluntary")
        late = self.start(key="crisis")
        FlowStepRun.objects.filter(run=late).update(due_at=timezone.now() - timedelta(hours=2))
        FlowStepRun.objects.filter(run=fresh).update(due_at=timezone.now() + timedelta(hours=2))
        self.login(self.supervisor)
        response = self.client.get("/counselling/flows/")
        self.assertEqual([run.pk for run in response.context["runs"]], [late.pk, fresh.pk])
        self.assertContains(response, "table-danger", count=1)

    def test_it_lists_only_the_flows_in_reach(self):
        self.start()
        other = make_user("other-supervisor")
        give_role(other, "supervisor", self.other_agency)
        self.login(other)
        self.assertEqual(len(self.client.get("/counselling/flows/").context["runs"]), 0)
        self.login(self.counselor)
        self.assertEqual(len(self.client.get("/counselling/flows/").context["runs"]), 0)
        self.assertEqual(self.client.post("/counselling/flows/").status_code, 405)
        self.login(self.alice)
        self.assertEqual(self.client.get("/counselling/flows/").status_code, 403)


class ListQueryTests(FlowTestCase):
    def test_it_runs_a_fixed_number_of_queries_whatever_the_number_of_flows(self):
        self.start()
        self.login(self.supervisor)
        with CaptureQueriesContext(connection) as first:
            self.client.get("/counselling/flows/")
        for _ in range(3):
            self.start(key="non_voluntary")
        with CaptureQueriesContext(connection) as second:
            self.client.get("/counselling/flows/")
        self.assertEqual(len(first), len(second))


class NotesNeverLeakTests(FlowTestCase):
    def test_it_shows_step_notes_to_no_other_role(self):
        """A marker in a step's notes appears on no flow page for the supervisor, HR, the
        auditor, the sysadmin, another counsellor or the employee."""
        run = self.start()
        self.record(run, way="notify_casualty", notes=MARKER)
        pages = [
            "/counselling/flows/",
            run.get_absolute_url(),
            f"/counselling/flows/{run.uuid}/checklist/",
            "/counselling/emergency/log/",
        ]
        for user in (self.supervisor, self.hr, self.auditor, self.sysadmin, self.counselor2,
                     self.alice, self.eap_admin):  # fmt: skip
            self.login(user)
            for page in pages:
                response = self.client.get(page)
                self.assertNotIn(MARKER, response.content.decode(), (user, page))
