"""The care-worker services: both sides agree before a term begins; terms follow the plan
and renew; a term ends on its day or when ended."""

from datetime import date, timedelta

from django.utils import timezone

from anxin.care.workers import services
from anxin.care.workers.models import CareWorker
from anxin.core.locking import StaleEdit
from anxin.core.models import Notification
from anxin.core.refusals import Refused
from anxin.plans.models import ProgramPlan
from tests.care.workers_base import WorkersTestCase, active_care_worker

Status = CareWorker.Status


class NominationTestCase(WorkersTestCase):
    def nominate(self, employee=None, units=None):
        return services.careworker_nominate(
            actor=self.hr,
            employee=employee or self.bob_employee,
            units=units or [self.unit2],
            specialties=["social_work"],
        )

    def test_it_asks_the_person_for_consent_and_begins_nothing(self):
        care_worker = self.nominate()
        self.assertEqual(care_worker.status, Status.NOMINATED)
        self.assertTrue(care_worker.awaits_employee())
        self.assertIsNone(care_worker.term_start)
        note = Notification.objects.get(recipient=self.bob)
        self.assertIn("/care/workers/mine/", note.url)
        self.assertEqual(Notification.objects.exclude(recipient=self.bob).count(), 0)

    def test_it_begins_the_plans_term_when_the_person_agrees(self):
        care_worker = services.careworker_consent(
            care_worker=self.nominate(), agree=True, listed=True, contact="分機 1234"
        )
        today = timezone.localdate()
        self.assertEqual(care_worker.status, Status.ACTIVE)
        self.assertEqual(care_worker.term_start, today)
        self.assertEqual(care_worker.term_end, services.years_after(today, 3) - timedelta(days=1))
        self.assertTrue(care_worker.listed)

    def test_it_uses_two_years_when_the_plan_is_silent(self):
        ProgramPlan.objects.filter(pk=self.plan.pk).update(config={})
        care_worker = services.careworker_consent(care_worker=self.nominate(), agree=True)
        self.assertEqual(
            care_worker.term_end, services.years_after(care_worker.term_start, 2) - timedelta(1)
        )

    def test_it_ends_a_declined_nomination(self):
        care_worker = services.careworker_consent(care_worker=self.nominate(), agree=False)
        self.assertEqual(care_worker.status, Status.ENDED)
        self.assertEqual(care_worker.end_reason, CareWorker.EndReason.DECLINED)
        with self.assertRaises(Refused):
            services.careworker_consent(care_worker=care_worker, agree=True)

    def test_it_refuses_a_second_open_nomination(self):
        self.nominate()
        with self.assertRaises(Refused) as refused:
            self.nominate()
        self.assertEqual(refused.exception.code, "already_open")

    def test_it_refuses_units_of_another_authority_and_no_unit(self):
        from anxin.people.services import orgunit_create

        elsewhere = orgunit_create(name="他市政府", kind="authority", code="999000000Z")
        with self.assertRaises(Refused):
            self.nominate(units=[elsewhere])
        with self.assertRaises(Refused):
            services.careworker_nominate(
                actor=self.hr, employee=self.bob_employee, units=[], specialties=[]
            )


class VolunteerTestCase(WorkersTestCase):
    def test_it_waits_for_the_agency_then_begins(self):
        care_worker = services.careworker_volunteer(employee=self.bob_employee, specialties=[])
        self.assertTrue(care_worker.awaits_agency())
        self.assertEqual(list(care_worker.units.all()), [self.unit2])
        care_worker = services.careworker_approve(
            care_worker=care_worker, actor=self.hr, agree=True
        )
        self.assertEqual(care_worker.status, Status.ACTIVE)

    def test_a_term_beginning_later_is_approved_until_its_day(self):
        care_worker = services.careworker_volunteer(employee=self.bob_employee, specialties=[])
        start = timezone.localdate() + timedelta(days=10)
        care_worker = services.careworker_approve(
            care_worker=care_worker, actor=self.hr, agree=True, term_start=start
        )
        self.assertEqual(care_worker.status, Status.APPROVED)
        self.assertEqual(services.careworkers_roll(on=start - timedelta(days=1)), (0, 0))
        self.assertEqual(services.careworkers_roll(on=start), (1, 0))
        care_worker.refresh_from_db()
        self.assertEqual(care_worker.status, Status.ACTIVE)

    def test_it_refuses_a_start_in_the_past_and_a_second_answer(self):
        care_worker = services.careworker_volunteer(employee=self.bob_employee, specialties=[])
        with self.assertRaises(Refused):
            services.careworker_approve(
                care_worker=care_worker, actor=self.hr, agree=True, term_start=date(2001, 1, 1)
            )
        services.careworker_approve(care_worker=care_worker, actor=self.hr, agree=False)
        with self.assertRaises(Refused):
            services.careworker_approve(care_worker=care_worker, actor=self.hr, agree=True)


class TermTestCase(WorkersTestCase):
    def test_it_renews_by_one_more_term(self):
        care_worker = active_care_worker(self.bob_employee, [self.unit2], actor=self.hr)
        end = care_worker.term_end
        services.careworker_renew(care_worker=care_worker, expected_version=care_worker.version)
        care_worker.refresh_from_db()
        self.assertEqual(
            care_worker.term_end, services.years_after(end + timedelta(1), 3) - timedelta(1)
        )
        self.assertEqual(care_worker.renewals, 1)

    def test_it_refuses_a_stale_renewal(self):
        care_worker = active_care_worker(self.bob_employee, [self.unit2], actor=self.hr)
        with self.assertRaises(StaleEdit):
            services.careworker_renew(
                care_worker=care_worker, expected_version=care_worker.version - 1
            )

    def test_it_ends_a_term_and_the_roll_ends_a_term_past_its_day(self):
        care_worker = active_care_worker(self.bob_employee, [self.unit2], actor=self.hr)
        self.assertEqual(services.careworkers_roll(on=care_worker.term_end), (0, 0))
        self.assertEqual(services.careworkers_roll(on=care_worker.term_end + timedelta(1)), (0, 1))
        care_worker.refresh_from_db()
        self.assertEqual(care_worker.end_reason, CareWorker.EndReason.TERM_OVER)
        again = active_care_worker(self.bob_employee, [self.unit2], actor=self.hr)
        services.careworker_end(
            care_worker=again, reason="stepped_down", expected_version=again.version
        )
        again.refresh_from_db()
        self.assertEqual(again.status, Status.ENDED)
        with self.assertRaises(Refused):
            services.careworker_end(
                care_worker=again, reason="stepped_down", expected_version=again.version
            )

    def test_years_after_keeps_29_february_in_range(self):
        self.assertEqual(services.years_after(date(2024, 2, 29), 2), date(2026, 2, 28))
