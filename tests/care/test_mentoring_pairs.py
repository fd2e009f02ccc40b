"""Pairs: proposed from hire dates and categories, confirmed by hr of the agency (both
told), a private request for another mentor (hr told, the mentor not), completion at
the end of the period, reminders before each talk, completion rates through the k rule."""

from datetime import timedelta

from anxin.care.mentoring import services
from anxin.care.mentoring.models import MentoringPair
from anxin.core.models import Notification
from anxin.core.refusals import Refused
from anxin.people.models import Employee
from tests.base import make_employee
from tests.care.mentoring_base import MentoringTestCase, train


class PairsTestCase(MentoringTestCase):
    def confirm(self, **extra):
        return services.pair_confirm(
            actor=self.hr, scope=self.agency, mentee=self.hire, mentor=self.mentor,
            today=self.today, **extra,
        )  # fmt: skip

    def test_it_proposes_the_trained_mentor_to_a_recent_hire(self):
        proposals = services.proposals(self.agency, today=self.today)
        self.assertEqual([(p.mentee, p.mentor) for p in proposals], [(self.hire, self.mentor)])

    def test_it_leaves_out_old_hires_other_categories_and_other_agencies(self):
        make_employee(
            None, unit=self.unit, number="E0200", name="教師甲",
            staff_category=Employee.StaffCategory.TEACHER, hire_date=self.today,
        )  # fmt: skip
        make_employee(None, unit=self.other_agency, number="E0201", name="他局新人",
                      hire_date=self.today)  # fmt: skip
        proposals = services.proposals(self.agency, today=self.today)
        self.assertEqual([p.mentee for p in proposals], [self.hire])

    def test_confirming_schedules_monthly_talks_and_tells_both(self):
        pair = self.confirm()
        self.assertEqual(pair.talks.count(), 12)  # Taipei: monthly for twelve months
        recipients = set(Notification.objects.values_list("recipient__username", flat=True))
        self.assertEqual(recipients, {"mentor", "hire"})
        self.assertEqual(services.proposals(self.agency, today=self.today), [])

    def test_it_refuses_a_mentor_of_another_agency_and_a_second_pair(self):
        self.confirm()
        with self.assertRaises(Refused) as refused:
            self.confirm()
        self.assertEqual(refused.exception.code, "already_paired")
        with self.assertRaises(Refused) as refused:
            services.pair_confirm(
                actor=self.hr, scope=self.other_agency, mentee=self.hire, mentor=self.mentor,
                today=self.today,
            )  # fmt: skip
        self.assertEqual(refused.exception.code, "mentee_outside")

    def test_a_change_request_tells_hr_and_not_the_mentor(self):
        pair = self.confirm()
        Notification.objects.all().delete()
        services.change_ask(pair=pair, now=pair.confirmed_at)
        recipients = list(Notification.objects.values_list("recipient__username", flat=True))
        self.assertEqual(recipients, ["hr"])
        body = Notification.objects.get().body
        self.assertNotIn(self.hire.name, body)
        self.assertNotIn(self.mentor_employee.name, body)

    def test_reassigning_ends_the_pair_and_starts_another(self):
        pair = self.confirm()
        other = services.mentor_add(
            actor=self.hr, scope=self.agency, number=self.alice_employee.number
        )
        with self.assertRaises(Refused) as refused:  # listed, not trained yet
            services.pair_reassign(
                actor=self.hr, scope=self.agency, pair=pair, mentor=other, today=self.today
            )
        self.assertEqual(refused.exception.code, "untrained")
        train(self.alice_employee, plan=self.plan, actor=self.eap_admin)
        new = services.pair_reassign(
            actor=self.hr, scope=self.agency, pair=pair, mentor=other, today=self.today
        )
        pair.refresh_from_db()
        self.assertEqual(pair.status, MentoringPair.Status.ENDED)
        self.assertEqual(new.mentor, self.alice_employee)
        self.assertEqual(new.ends_on, pair.ends_on)

    def test_pairs_complete_after_the_period(self):
        pair = self.confirm()
        self.assertEqual(services.pairs_complete(today=pair.ends_on - timedelta(days=1)), 0)
        self.assertEqual(services.pairs_complete(today=pair.ends_on), 1)
        pair.refresh_from_db()
        self.assertEqual(pair.status, MentoringPair.Status.COMPLETED)

    def test_both_are_reminded_once_before_a_talk(self):
        pair = self.confirm()
        Notification.objects.all().delete()
        first = pair.talks.first().due_on
        self.assertEqual(services.talks_remind(today=first - timedelta(days=3)), 1)
        self.assertEqual(services.talks_remind(today=first - timedelta(days=2)), 0)
        recipients = set(Notification.objects.values_list("recipient__username", flat=True))
        self.assertEqual(recipients, {"mentor", "hire"})

    def test_completion_rates_hide_small_groups(self):
        pair = self.confirm()
        services.pairs_complete(today=pair.ends_on)
        rates = services.completion_rates(self.agency)
        self.assertTrue(rates.completed.suppressed)
        self.assertEqual(str(rates.rate), "*")
        for number in range(6):
            hire = make_employee(
                None, unit=self.unit, number=f"E03{number:02d}", name=f"新{number}"
            )
            services.pair_confirm(actor=self.hr, scope=self.agency, mentee=hire,
                                  mentor=self.mentor, today=self.today)  # fmt: skip
        services.pairs_complete(today=pair.ends_on)
        rates = services.completion_rates(self.agency)
        self.assertEqual(rates.completed.count, 7)
        self.assertEqual(str(rates.rate), "100.0")
