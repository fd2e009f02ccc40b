"""Term warnings: the EAP administrator sees the members whose term ends within 60 days
(on the bodies page and the home page); each member with an account is told once a term,
by inbox and e-mail (`warn_terms_ending`); a renewal tells him or her again."""

from datetime import date, datetime, time, timedelta

from django.core import mail
from django.test import RequestFactory
from django.utils import timezone

from anxin.core.due import run_due
from anxin.core.models import DueRun, Notification
from anxin.governance import services
from anxin.governance.home import terms_ending_card
from anxin.governance.models import GovernanceLog
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


class TermEditTest(GovernanceTestCase):
    """The EAP administrator renews a member's term (a later end clears "told", so the
    due job warns again before the new end) or ends it today; logged, stale pages and
    other roles refused."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.member.term_end = date(YEAR, 12, 31)
        cls.member.save()

    def post(self, data, member=None):
        member = member or self.member
        return self.client.post(f"/governance/members/{member.pk}/term/", data)

    def test_a_renewal_clears_told_and_the_due_job_warns_again(self):
        DueRun.objects.filter(name="warn_terms_ending").delete()
        first = timezone.make_aware(datetime.combine(date(YEAR, 11, 15), time(9)))
        with self.captureOnCommitCallbacks(execute=True):
            run_due(first)
        self.member.refresh_from_db()
        self.assertEqual(self.member.term_warned_on, date(YEAR, 11, 15))
        self.login(self.eap_admin)
        page = self.client.get(f"/governance/members/{self.member.pk}/term/")
        self.assertContains(page, "續任時請填新的任期迄日")
        response = self.post({"term_end": "116/12/31", "version": self.member.version})
        self.assertRedirects(response, "/governance/bodies/", fetch_redirect_response=False)
        self.member.refresh_from_db()
        self.assertEqual(self.member.term_end, date(YEAR + 1, 12, 31))
        self.assertIsNone(self.member.term_warned_on)
        entry = GovernanceLog.objects.get()
        self.assertEqual((entry.action, entry.member), (GovernanceLog.Action.TERM_CHANGED,
                                                        self.member))  # fmt: skip
        DueRun.objects.filter(name="warn_terms_ending").delete()
        later = timezone.make_aware(datetime.combine(date(YEAR + 1, 11, 15), time(9)))
        with self.captureOnCommitCallbacks(execute=True):
            outcomes = {o.name: o for o in run_due(later)}
        self.assertEqual(
            outcomes["warn_terms_ending"].summary, "told 1 member(s) that their term ends soon"
        )
        self.assertEqual(Notification.objects.filter(recipient=self.member_user).count(), 2)

    def test_ending_now_keeps_told(self):
        self.member.term_warned_on = date(YEAR, 11, 15)
        self.member.save()
        self.login(self.eap_admin)
        response = self.post({"term_end": "", "version": 1, "end": "now"})
        self.assertEqual(response.status_code, 302)
        self.member.refresh_from_db()
        self.assertEqual(self.member.term_end, timezone.localdate())
        self.assertEqual(self.member.term_warned_on, date(YEAR, 11, 15))

    def test_an_end_before_the_start_and_a_stale_page_are_refused(self):
        self.login(self.eap_admin)
        response = self.post({"term_end": "114/12/31", "version": 1})
        self.assertContains(response, "任期迄日不得早於起日")
        response = self.post({"term_end": "116/12/31", "version": 0})
        self.assertContains(response, "已有其他人儲存變更")
        self.member.refresh_from_db()
        self.assertEqual((self.member.term_end, self.member.version), (date(YEAR, 12, 31), 1))
        self.assertFalse(GovernanceLog.objects.exists())

    def test_only_the_eap_administrator_of_the_authority(self):
        self.login(self.member_user)
        self.assertEqual(self.post({"term_end": "", "version": 1}).status_code, 403)
        self.login(self.hr)
        self.assertEqual(self.post({"term_end": "", "version": 1}).status_code, 403)
        self.login(self.eap_admin)
        self.assertEqual(
            self.client.put(f"/governance/members/{self.member.pk}/term/").status_code, 405
        )
        self.member.refresh_from_db()
        self.assertEqual(self.member.term_end, date(YEAR, 12, 31))


class TermsHomeCardTest(GovernanceTestCase):
    """The EAP administrator's home page lists the terms ending, in one query; no card when
    there is none."""

    def test_the_card_shows_the_terms_ending_and_only_then(self):
        self.login(self.eap_admin)
        self.assertNotContains(self.client.get("/"), "60日內任期屆滿")
        self.named.term_end = timezone.localdate() + timedelta(days=30)
        self.named.save()
        home = self.client.get("/")
        self.assertContains(home, "60日內任期屆滿")
        self.assertContains(home, f"/governance/members/{self.named.pk}/term/")
        self.assertContains(home, "張委員")

    def test_it_runs_one_query(self):
        request = RequestFactory().get("/")
        request.user = self.eap_admin
        request.active_role = self.eap_admin.role_assignments.select_related("scope").get()
        with self.assertNumQueries(1):
            terms_ending_card(request, request.active_role)
