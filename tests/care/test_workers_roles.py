"""The care_worker role goes with the term: given when both sides have agreed and the term
has begun, taken back when it ends without renewal; a role held before is left alone.
And the notice of a term ending within 60 days, to the care worker and hr, sent once."""

from datetime import datetime, time, timedelta

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from anxin.care.workers import services
from anxin.care.workers.due import care_worker_terms_ending
from anxin.care.workers.models import CareWorker
from anxin.core.models import Notification, OutgoingMail
from anxin.core.refusals import Refused
from anxin.people.custody.models import SecurityLog
from anxin.people.custody.services import role_grant_for_duty
from anxin.people.models import RoleAssignment
from anxin.people.roles import Role
from tests.base import make_employee, make_user
from tests.care.workers_base import WorkersTestCase, active_care_worker

Status = CareWorker.Status


def holds_care_worker_role(user) -> bool:
    return RoleAssignment.objects.filter(user=user, role=Role.CARE_WORKER).exists()


class RoleWithTheTermTestCase(WorkersTestCase):
    def test_an_approved_offer_gives_the_role_over_the_agency(self):
        offer = services.careworker_volunteer(employee=self.alice_employee, specialties=[])
        self.assertFalse(holds_care_worker_role(self.alice))
        services.careworker_approve(care_worker=offer, actor=self.hr, agree=True)
        assignment = RoleAssignment.objects.get(user=self.alice, role=Role.CARE_WORKER)
        self.assertEqual(assignment.scope, self.agency)
        log = SecurityLog.objects.get(subject=self.alice, action=SecurityLog.Action.ROLE_GRANTED)
        self.assertEqual(log.actor, self.hr)
        self.assertIn("care-worker term", log.detail)

    def test_an_accepted_nomination_gives_the_role_and_a_declined_one_does_not(self):
        active_care_worker(self.alice_employee, [self.unit], actor=self.hr)
        self.assertTrue(holds_care_worker_role(self.alice))
        carol = make_user("carol")
        carol_employee = make_employee(carol, unit=self.unit, number="E0009", name="李佳玲")
        nomination = services.careworker_nominate(
            actor=self.hr, employee=carol_employee, units=[self.unit], specialties=[]
        )
        self.assertFalse(holds_care_worker_role(carol))
        services.careworker_consent(care_worker=nomination, agree=False)
        self.assertFalse(holds_care_worker_role(carol))

    def test_a_term_beginning_later_gives_the_role_on_its_first_day(self):
        offer = services.careworker_volunteer(employee=self.alice_employee, specialties=[])
        start = timezone.localdate() + timedelta(days=10)
        services.careworker_approve(care_worker=offer, actor=self.hr, agree=True, term_start=start)
        self.assertFalse(holds_care_worker_role(self.alice))
        self.assertEqual(services.careworkers_roll(on=start - timedelta(days=1)), (0, 0))
        self.assertFalse(holds_care_worker_role(self.alice))
        self.assertEqual(services.careworkers_roll(on=start), (1, 0))
        self.assertTrue(holds_care_worker_role(self.alice))

    def test_the_role_goes_when_the_term_ends_without_renewal(self):
        care_worker = active_care_worker(self.alice_employee, [self.unit], actor=self.hr)
        last_day = care_worker.term_end
        services.careworkers_roll(on=last_day)
        self.assertTrue(holds_care_worker_role(self.alice))
        self.assertEqual(services.careworkers_roll(on=last_day + timedelta(days=1)), (0, 1))
        self.assertFalse(holds_care_worker_role(self.alice))
        self.assertTrue(
            SecurityLog.objects.filter(
                subject=self.alice, action=SecurityLog.Action.ROLE_REMOVED
            ).exists()
        )

    def test_a_renewed_term_keeps_the_role_past_the_first_end(self):
        care_worker = active_care_worker(self.alice_employee, [self.unit], actor=self.hr)
        first_end = care_worker.term_end
        services.careworker_renew(care_worker=care_worker, expected_version=care_worker.version)
        services.careworkers_roll(on=first_end + timedelta(days=1))
        self.assertTrue(holds_care_worker_role(self.alice))

    def test_ending_a_term_takes_the_role_back_and_the_next_request_acts_without_it(self):
        care_worker = active_care_worker(self.alice_employee, [self.unit], actor=self.hr)
        # A staff role signs in with two factors: Alice has set hers up.
        TOTPDevice.objects.create(user=self.alice, name="phone", confirmed=True)
        self.login(self.alice)
        self.assertEqual(self.client.get("/care/workers/my-meetings/").status_code, 200)
        services.careworker_end(
            care_worker=care_worker,
            reason=CareWorker.EndReason.STEPPED_DOWN,
            expected_version=CareWorker.objects.get(pk=care_worker.pk).version,
            actor=self.hr,
        )
        self.assertFalse(holds_care_worker_role(self.alice))
        self.assertEqual(self.client.get("/care/workers/my-meetings/").status_code, 403)

    def test_a_duty_never_gives_a_role_that_needs_a_second_person(self):
        with self.assertRaises(Refused):
            role_grant_for_duty(
                user=self.alice, role=Role.COUNSELOR, scope=self.agency, actor=self.hr, duty="x"
            )
        self.assertFalse(RoleAssignment.objects.filter(user=self.alice).exists())

    def test_a_role_held_before_the_term_stays_after_it(self):
        # Bob was given the role by hand (workers_base): his term neither gives nor takes it.
        care_worker = active_care_worker(self.bob_employee, [self.unit2], actor=self.hr)
        self.assertFalse(care_worker.role_granted)
        services.careworkers_roll(on=care_worker.term_end + timedelta(days=1))
        self.assertTrue(holds_care_worker_role(self.bob))


class TermEndingNoticeTestCase(WorkersTestCase):
    def setUp(self):
        self.alice.email = "alice@example.org"
        self.alice.save()
        self.hr.email = "hr@example.org"
        self.hr.save()
        self.care_worker = active_care_worker(self.alice_employee, [self.unit], actor=self.hr)
        Notification.objects.all().delete()
        OutgoingMail.objects.all().delete()

    def test_it_tells_the_care_worker_and_hr_of_the_agency_once(self):
        on = self.care_worker.term_end - timedelta(days=59)
        self.assertEqual(services.careworkers_notify_ending(on=on), 1)
        mine = Notification.objects.get(recipient=self.alice)
        self.assertIn("/care/workers/mine/", mine.url)
        hr = Notification.objects.get(recipient=self.hr)
        self.assertIn(f"/care/workers/{self.care_worker.pk}/", hr.url)
        self.assertIn("王小美", hr.body)
        self.assertEqual(
            set(OutgoingMail.objects.values_list("recipient", flat=True)),
            {"alice@example.org", "hr@example.org"},
        )
        # The EAP administrator (not hr of the agency) and the others are not told.
        self.assertEqual(Notification.objects.count(), 2)
        self.assertEqual(services.careworkers_notify_ending(on=on + timedelta(days=1)), 0)
        self.assertEqual(Notification.objects.count(), 2)

    def test_it_waits_until_sixty_days_before_the_end(self):
        on = self.care_worker.term_end - timedelta(days=61)
        self.assertEqual(services.careworkers_notify_ending(on=on), 0)
        self.assertFalse(Notification.objects.exists())

    def test_a_renewed_term_gets_its_own_notice_before_its_new_end(self):
        services.careworkers_notify_ending(on=self.care_worker.term_end - timedelta(days=30))
        renewed = services.careworker_renew(
            care_worker=CareWorker.objects.get(pk=self.care_worker.pk),
            expected_version=CareWorker.objects.get(pk=self.care_worker.pk).version,
        )
        self.assertEqual(
            services.careworkers_notify_ending(on=renewed.term_end - timedelta(days=10)), 1
        )
        self.assertEqual(Notification.objects.filter(recipient=self.alice).count(), 2)

    def test_the_due_job_runs_it(self):
        day = self.care_worker.term_end - timedelta(days=5)
        now = timezone.make_aware(datetime.combine(day, time(9)))
        self.assertIn("1 told", care_worker_terms_ending(now=now))
        self.assertIn("0 told", care_worker_terms_ending(now=now))
