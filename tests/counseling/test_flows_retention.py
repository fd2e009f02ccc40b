"""The retention purge: sealed content of cases closed longer ago than the plan's period
is emptied, a purge log without content is kept, and a second run changes nothing."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from anxin.core.due import registry, run_due
from anxin.counseling import services as counselling
from anxin.counseling.flows import retention
from anxin.counseling.flows.models import FlowStepRun, PurgeLog
from anxin.counseling.models import CounsellingRequest, SessionRecord
from tests.counseling.flows_base import FlowTestCase

TODAY = date(2036, 6, 1)


class RetentionTests(FlowTestCase):
    def make_closed_case(self, closed_on: date):
        case = self.make_case()
        self.make_session(case, assessment="RETENTION-MARKER")
        counselling.case_close(
            case=case, outcome="resolved", closed_on=closed_on, expected_version=case.version
        )
        return case

    def test_it_purges_cases_closed_before_the_retention_period_only(self):
        """Ten years by default: closed 2026-05-31 goes on 2036-06-01, 2026-06-01 stays."""
        old = self.make_closed_case(date(2026, 5, 31))
        kept = self.make_closed_case(date(2026, 6, 1))
        run = self.start()
        run.case = old
        run.save()
        self.record(run, notes="RETENTION-NOTE")
        logs = retention.retention_purge(today=TODAY)
        self.assertEqual([log.case_code for log in logs], [old.code])
        self.assertEqual(
            logs[0].counts,
            {"conferences": 0, "consents": 0, "flow_step_notes": 1, "request": 1,
             "session_records": 1},
        )  # fmt: skip
        record = SessionRecord.objects.get(case=old)
        self.assertEqual([getattr(record, f) for f in SessionRecord.SEALED], [""] * 6)
        self.assertEqual(CounsellingRequest.objects.get(pk=old.request_id).details, "")
        self.assertEqual(FlowStepRun.objects.get(run=run, done_at__isnull=False).notes, "")
        self.assertNotEqual(SessionRecord.objects.get(case=kept).assessment, "")
        self.assertNotIn("MARKER", str(logs[0].counts))

    def test_it_is_idempotent(self):
        self.make_closed_case(date(2020, 1, 1))
        self.assertEqual(len(retention.retention_purge(today=TODAY)), 1)
        self.assertEqual(retention.retention_purge(today=TODAY), [])
        self.assertEqual(PurgeLog.objects.count(), 1)

    def test_it_follows_the_plans_retention_years(self):
        self.plan.config["retention"] = {"counselling_records_years": 20, "source": "test"}
        self.plan.save()
        self.make_closed_case(date(2020, 1, 1))
        self.assertEqual(retention.retention_purge(today=TODAY), [])

    def test_it_leaves_open_cases_alone(self):
        case = self.make_case()
        self.make_session(case)
        self.assertEqual(retention.retention_purge(today=TODAY), [])

    def test_it_runs_a_purger_another_part_registers(self):
        """A purger registered later is called for each case past retention."""
        seen = []

        @retention.purger("test_extra")
        def extra(case):
            seen.append(case.code)
            return 2

        try:
            case = self.make_closed_case(date(2020, 1, 1))
            log = retention.retention_purge(today=TODAY)[0]
            self.assertEqual((seen, log.counts["test_extra"]), ([case.code], 2))
        finally:
            del retention.PURGERS["test_extra"]

    def test_it_is_a_daily_job_of_run_due(self):
        self.make_closed_case(date(2020, 1, 1))
        now = timezone.make_aware(datetime(2036, 6, 1, 3, 0))
        outcomes = {o.name: o for o in run_due(now)}
        self.assertEqual(
            outcomes["counselling_retention_purge"].summary, "wrote 1 purge log entries"
        )
        self.assertEqual(registry.jobs["counselling_retention_purge"].every, timedelta(days=1))
        self.assertEqual(PurgeLog.objects.count(), 1)


class OtherPartsRetentionTests(FlowTestCase):
    """The conferences' and the consents' sealed content of a case goes with it."""

    def test_it_purges_conferences_and_consents_of_the_case(self):
        from anxin.counseling.conferences import services as conferences
        from anxin.counseling.conferences.models import CaseConference
        from anxin.counseling.consent import services as consent
        from anxin.counseling.consent.models import ConsentRecord

        case = self.make_case()
        conferences.conference_schedule(
            case=case, scheduled_by=self.counselor, scheduler_role="counselor",
            starts_at=timezone.now() + timedelta(days=3), place="協談室A",
            agenda="AGENDA-MARKER", unit_head=self.supervisor, personnel_head=self.hr,
        )  # fmt: skip
        record = consent.consent_propose(
            case=case, scope="attendance", purpose="referral_feedback", recipient="人事室",
            valid_until=date(2027, 1, 1), scope_text="SCOPE-MARKER", purpose_text="P",
            actor=self.counselor,
        )  # fmt: skip
        counselling.case_close(
            case=case, outcome="resolved", closed_on=date(2026, 1, 5), expected_version=case.version
        )
        logs = retention.retention_purge(today=TODAY)
        self.assertEqual(logs[0].counts["conferences"], 1)
        self.assertEqual(logs[0].counts["consents"], 1)
        self.assertEqual(CaseConference.objects.get(case=case).agenda, "")
        record = ConsentRecord.objects.get(pk=record.pk)
        self.assertEqual((record.scope_text, record.purpose_text), ("", ""))
        self.assertEqual(retention.retention_purge(today=TODAY), [])
