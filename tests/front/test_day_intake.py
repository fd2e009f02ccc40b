"""The intake coordinator's home page (issue 13, item 1): the day's queue with each
request's deadline clock, nearest deadline first; and HR's flow steps."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anxin.counseling.flows.models import FlowRun, FlowStepRun
from anxin.counseling.models import CounsellingRequest
from tests.counseling.base import CounselingTestCase
from tests.test_zh_hant_pages import report


class IntakeDayTestCase(CounselingTestCase):
    def received(self, urgency: str, days_ago: float) -> CounsellingRequest:
        item = self.make_request(urgency=urgency)
        CounsellingRequest.objects.filter(pk=item.pk).update(
            received_at=timezone.now() - timedelta(days=days_ago)
        )
        return item

    def home(self, user=None):
        self.login(user or self.intake)
        return self.client.get("/")

    def test_it_lists_the_queue_nearest_deadline_first_with_clocks(self):
        late = self.received("urgent", 3)  # due a day ago
        soon = self.received("soon", 1)  # six days left
        routine = self.received("routine", 13.5)  # half a day left
        response = self.home()
        queue = response.context["queue"]
        self.assertEqual(queue, [late, routine, soon])
        self.assertEqual(response.context["queue_total"], 3)
        self.assertEqual(response.context["queue_overdue"], 1)
        self.assertContains(response, "已逾期 1\xa0日")  # overdue by a day
        self.assertContains(response, "尚餘 5\xa0日、23\xa0小時")  # six days less a moment
        self.assertContains(response, "1 件申請已超過派案期限")
        self.assertContains(response, late.get_absolute_url())
        self.assertEqual(report("intake", "/", response.content.decode()), [])

    def test_an_empty_queue_and_assigned_requests_count_nothing(self):
        self.make_case(self.received("urgent", 5))
        response = self.home()
        self.assertEqual(response.context["queue"], [])
        self.assertEqual(response.context["queue_overdue"], 0)
        self.assertContains(response, "0 件等待中")

    def test_it_keeps_the_query_count_fixed(self):
        def queries() -> int:
            self.home()
            with CaptureQueriesContext(connection) as context:
                self.assertEqual(self.client.get("/").status_code, 200)
            return len(context)

        self.received("urgent", 1)
        small = queries()
        for days in range(15):
            self.received("soon", days)
        self.assertEqual(queries(), small)

    def test_hr_and_the_coordinator_see_the_flow_steps_waiting_for_their_role(self):
        now = timezone.now()
        for employee, unit in ((self.alice_employee, self.unit),
                               (self.outsider_employee, self.other_agency)):  # fmt: skip
            run = FlowRun.objects.create(
                plan=self.plan, flow_key="non_voluntary", flow_name="非自願轉介",
                definition={}, kind="non_voluntary", employee=employee, unit=unit,
                started_by=self.supervisor,
            )  # fmt: skip
            FlowStepRun.objects.create(
                run=run, step_key="notify", action="通知人事", role="hr",
                reached_at=now - timedelta(days=2), due_at=now - timedelta(hours=1),
            )  # fmt: skip
            FlowStepRun.objects.create(
                run=run, step_key="assess", action="評估危險性", role="intake",
                reached_at=now - timedelta(days=2), due_at=now + timedelta(hours=5),
            )  # fmt: skip
        response = self.home(self.hr)  # HR of 社會局: Alice's flow only
        self.assertEqual(response.context["flow_steps"], {"total": 1, "overdue": 1})
        self.assertContains(response, "/counselling/flows/")
        response = self.home(self.intake)  # the coordinator of the authority: both
        self.assertEqual(response.context["flow_steps"], {"total": 2, "overdue": 0})
        self.assertContains(response, "2 個步驟待記錄")
