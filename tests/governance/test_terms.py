"""Term warnings: the EAP administrator sees the members whose term ends within 60 days;
each member with an account is told once, by inbox and e-mail (`warn_terms_ending`)."""

from datetime import date, datetime, time

from django.core import mail
from django.utils import timezone

from anxin.core.due import run_due
from anxin.core.models import DueRun, Notification
from anxin.governance import services
from tests.governance.base import YEAR, GovernanceTestCase


class TermWarningTest(GovernanceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.member.term_end = date(YEAR, 12, 31)
        cls.member.save()
        cls.named.term_end = date(YEAR, 12, 1)  # no account: shown, nobody to tell
        cls.named.save()
        cls.convener.term_end = date(YEAR + 1, 6, 30)  # not within 60 days
        cls.convener.save()

    def test_it_tells_a_member_once(self):
        self.assertEqual(services.terms_warn(today=date(YEAR, 10, 31)), 0)  # 61 days before
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(services.terms_warn(today=date(YEAR, 11, 1)), 1)
        self.assertEqual(services.terms_warn(today=date(YEAR, 11, 2)), 0)
        note = Notification.objects.get(recipient=self.member_user)
        self.assertIn("本府暨所屬機關（構）員工協助方案工作圈", note.body)
        self.assertIn("115年12月31日", note.body)
        self.assertEqual([m.to for m in mail.outbox], [["member@example.org"]])

    def test_the_due_job_tells_the_member(self):
        DueRun.objects.filter(name="warn_terms_ending").delete()
        now = timezone.make_aware(datetime.combine(date(YEAR, 11, 15), time(9)))
        outcomes = {o.name: o for o in run_due(now)}
        self.assertEqual(
            outcomes["warn_terms_ending"].summary, "told 1 member(s) that their term ends soon"
        )

    def test_the_eap_administrator_sees_the_terms_ending(self):
        self.login(self.eap_admin)
        response = self.client.get("/governance/bodies/")
        self.assertContains(response, "60日內任期屆滿")
        ending = response.context["terms_ending"]
        today = timezone.localdate()
        expected = [
            m.name
            for m in (self.named, self.member, self.convener)
            if today <= m.term_end <= today + services.TERM_WARNING
        ]
        self.assertEqual([m.name for m in ending], expected)

    def test_terms_ending_lists_by_the_day_given(self):
        ending = services.terms_ending(authority_id=self.authority.pk, today=date(YEAR, 11, 1))
        self.assertEqual([m.name for m in ending], ["張委員", "劉委員"])

    def test_a_member_does_not_see_the_list(self):
        self.login(self.member_user)
        self.assertNotContains(self.client.get("/governance/bodies/"), "60日內任期屆滿")
