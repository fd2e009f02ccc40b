"""The case page's one timeline (issue 13, item 1): sessions, e-mail station messages,
flow steps, consents and conferences, newest first, with ROC dates; nothing but the
session records is read, so only they are logged."""

from datetime import date, timedelta
from uuid import uuid4

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anxin.core.models import AccessLog
from anxin.counseling.conferences.models import CaseConference
from anxin.counseling.consent.models import ConsentRecord
from anxin.counseling.flows.models import FlowRun, FlowStepRun
from anxin.counseling.station.models import StationMessage, StationThread
from tests.counseling.base import CounselingTestCase


class CaseTimelineTestCase(CounselingTestCase):
    def setUp(self):
        self.case = self.make_case()
        self.url = self.case.get_absolute_url()
        self.now = timezone.now()

    def ago(self, days: float):
        return self.now - timedelta(days=days)

    def thread(self, counselor, days: float) -> StationThread:
        thread = StationThread.objects.create(
            plan=self.plan,
            employee=self.alice_employee,
            token_hash=uuid4().hex * 2,
            due_at=self.now,
            counselor=counselor,
        )
        StationMessage.objects.create(thread=thread, side="writer", created_at=self.ago(days))
        return thread

    def fill(self) -> dict:
        """One of each kind, a day apart: the newest is the session."""
        session = self.make_session(self.case)  # a day ago
        thread = self.thread(self.counselor, 2)
        run = FlowRun.objects.create(
            plan=self.plan, flow_key="crisis", flow_name="危機處理", definition={},
            kind="crisis", employee=self.alice_employee, unit=self.unit,
            started_by=self.supervisor, counselor=self.counselor, case=self.case,
        )  # fmt: skip
        step = FlowStepRun.objects.create(
            run=run, step_key="assess", action="評估風險", role="counselor",
            reached_at=self.ago(3), due_at=self.ago(2.5),
        )  # fmt: skip
        consent = ConsentRecord.objects.create(
            employee=self.alice_employee, case=self.case, scope="attendance",
            purpose="referral_feedback", recipient="人事室", valid_until=date(2099, 1, 1),
            method="in_app", recorded_by=self.counselor,
        )  # fmt: skip
        ConsentRecord.objects.filter(pk=consent.pk).update(created_at=self.ago(4))
        conference = CaseConference.objects.create(
            case=self.case, starts_at=self.ago(5), place="第二會議室",
            consent="agreed", status="held", scheduled_by=self.counselor,
        )  # fmt: skip
        return {"session": session, "message": thread, "step": step, "consent": consent,
                "conference": conference}  # fmt: skip

    def test_it_shows_one_timeline_newest_first_with_roc_dates(self):
        made = self.fill()
        self.login(self.counselor)
        response = self.client.get(self.url)
        kinds = [entry.kind for entry in response.context["timeline"]]
        self.assertEqual(kinds, ["session", "message", "step", "consent", "conference"])
        times = [entry.at for entry in response.context["timeline"]]
        self.assertEqual(times, sorted(times, reverse=True))
        self.assertContains(response, made["message"].get_absolute_url())
        self.assertContains(response, made["step"].run.get_absolute_url())
        self.assertContains(response, made["conference"].get_absolute_url())
        self.assertContains(response, f"/consents/{made['consent'].uuid}/")
        self.assertContains(response, "評估風險")
        self.assertContains(response, "第二會議室")
        roc_year = timezone.localdate().year - 1911
        self.assertContains(response, f"民國{roc_year}年")
        self.assertContains(response, "presenting_concern text")  # the record itself
        self.assertContains(response, "時間軸")

    def test_it_leaves_out_another_counsellors_station_conversation(self):
        self.thread(self.counselor2, 1)
        self.login(self.counselor)
        response = self.client.get(self.url)
        self.assertEqual(response.context["timeline"], [])
        self.assertContains(response, "尚無晤談紀錄")

    def test_only_the_session_records_and_request_are_read_and_logged(self):
        """Messages, flow notes and consent texts are not read on the case page."""
        self.fill()
        self.login(self.counselor)
        before = set(AccessLog.objects.values_list("pk", flat=True))
        self.client.get(self.url)
        kinds = set(AccessLog.objects.exclude(pk__in=before).values_list("record_type", flat=True))
        self.assertEqual(kinds, {"counseling.counsellingrequest", "counseling.sessionrecord"})

    def test_it_runs_a_fixed_number_of_queries_besides_the_session_reads(self):
        """Each kind costs one query however many there are (the session records are
        read one by one, each with its log row, as before)."""

        def count() -> int:
            self.client.get(self.url)
            with CaptureQueriesContext(connection) as context:
                self.assertEqual(self.client.get(self.url).status_code, 200)
            return len(context)

        self.login(self.counselor)
        self.thread(self.counselor, 1)
        small = count()
        for days in range(2, 12):
            self.thread(self.counselor, days)
        self.assertEqual(count(), small)
