"""The convener approves the minutes in Anxin: the secretariat submits the draft, the
convener (told by inbox and e-mail, shown on the home card) approves or returns it with
a comment, then the secretariat publishes. Without a convener account the secretariat
records the approval given outside Anxin, as before (decision 0070)."""

from datetime import date, timedelta

from django.core import mail
from django.utils import timezone

from anxin.core.models import Notification
from anxin.core.refusals import Refused
from anxin.governance import services
from anxin.governance.models import Meeting, Member
from anxin.people.roles import Role
from tests.base import give_role, make_user
from tests.governance.base import YEAR, GovernanceTestCase


class ConvenerApprovalTest(GovernanceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.convener_user = make_user("deputy", email="deputy@example.org")
        give_role(cls.convener_user, Role.COMMITTEE, cls.authority)
        Member.objects.create(
            body=cls.circle, user=cls.convener_user, name="人事處副處長",
            position=Member.Position.CONVENER, term_start=date(YEAR, 1, 1),
        )  # fmt: skip
        cls.eap_admin.email = "eap@example.org"
        cls.eap_admin.save()

    def setUp(self):
        self.meeting = self.schedule(on=date(YEAR, 2, 10))
        services.minutes_save(meeting=self.meeting, text="一、報告事項。", expected_version=1)
        self.meeting.refresh_from_db()

    def submit(self):
        self.login(self.eap_admin)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                f"/governance/meetings/{self.meeting.pk}/submit/",
                {"version": self.meeting.version},
            )
        self.assertRedirects(
            response, f"/governance/meetings/{self.meeting.pk}/", fetch_redirect_response=False
        )
        self.meeting.refresh_from_db()

    def test_it_tells_the_convener_and_shows_the_minutes_on_the_home_card(self):
        self.submit()
        self.assertEqual(self.meeting.minutes_status, Meeting.Minutes.SUBMITTED)
        note = Notification.objects.get(recipient=self.convener_user)
        self.assertIn(self.meeting.title, note.subject)
        self.assertEqual([m.to for m in mail.outbox], [["deputy@example.org"]])
        self.login(self.convener_user)
        home = self.client.get("/")
        self.assertContains(home, "待您核定的會議紀錄")
        self.assertContains(home, f"/governance/meetings/{self.meeting.pk}/")
        page = self.client.get(f"/governance/meetings/{self.meeting.pk}/")
        self.assertContains(page, "一、報告事項。")
        self.assertContains(page, f"/governance/meetings/{self.meeting.pk}/return/")

    def test_the_convener_approves_then_the_secretariat_publishes(self):
        self.submit()
        self.login(self.convener_user)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                f"/governance/meetings/{self.meeting.pk}/approve/",
                {"version": self.meeting.version},
            )
        self.meeting.refresh_from_db()
        self.assertEqual(self.meeting.minutes_status, Meeting.Minutes.APPROVED)
        self.assertEqual(self.meeting.approved_by, self.convener_user)
        self.assertTrue(Notification.objects.filter(recipient=self.eap_admin).exists())
        self.login(self.eap_admin)
        self.client.post(
            f"/governance/meetings/{self.meeting.pk}/publish/", {"version": self.meeting.version}
        )
        self.meeting.refresh_from_db()
        self.assertTrue(self.meeting.is_published)

    def test_the_convener_returns_the_minutes_with_a_comment(self):
        self.submit()
        self.login(self.convener_user)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                f"/governance/meetings/{self.meeting.pk}/return/",
                {"version": self.meeting.version, "comment": "第二點請補充辦理期程"},
            )
        self.meeting.refresh_from_db()
        self.assertEqual(self.meeting.minutes_status, Meeting.Minutes.DRAFT)
        self.assertEqual(self.meeting.return_comment, "第二點請補充辦理期程")
        told = Notification.objects.get(recipient=self.eap_admin)
        self.assertIn("第二點請補充辦理期程", told.body)
        self.login(self.eap_admin)
        self.assertContains(
            self.client.get(f"/governance/meetings/{self.meeting.pk}/"), "第二點請補充辦理期程"
        )

    def test_a_return_needs_a_comment(self):
        self.submit()
        self.login(self.convener_user)
        response = self.client.post(
            f"/governance/meetings/{self.meeting.pk}/return/",
            {"version": self.meeting.version, "comment": ""},
        )
        self.assertEqual(response.status_code, 200)
        self.meeting.refresh_from_db()
        self.assertEqual(self.meeting.minutes_status, Meeting.Minutes.SUBMITTED)

    def test_the_secretariat_cannot_approve_for_a_convener_with_an_account(self):
        with self.assertRaises(Refused) as refused:
            services.minutes_approve(
                meeting=self.meeting, actor=self.eap_admin, expected_version=self.meeting.version
            )
        self.assertEqual(refused.exception.code, "convener")
        self.submit()
        with self.assertRaises(Refused):
            services.minutes_approve(
                meeting=self.meeting, actor=self.eap_admin, expected_version=self.meeting.version
            )

    def test_the_convener_cannot_approve_a_draft_not_submitted(self):
        with self.assertRaises(Refused) as refused:
            services.minutes_approve(
                meeting=self.meeting,
                actor=self.convener_user,
                expected_version=self.meeting.version,
            )
        self.assertEqual(refused.exception.code, "not_submitted")

    def test_submitted_minutes_cannot_change(self):
        self.submit()
        with self.assertRaises(Refused) as refused:
            services.minutes_save(
                meeting=self.meeting, text="改寫", expected_version=self.meeting.version
            )
        self.assertEqual(refused.exception.code, "submitted")

    def test_a_stale_approval_is_refused(self):
        self.submit()
        with self.assertRaises(Refused):
            services.minutes_approve(
                meeting=self.meeting,
                actor=self.convener_user,
                expected_version=self.meeting.version - 1,
            )

    def test_another_member_cannot_approve_or_return(self):
        self.submit()
        self.login(self.member_user)
        for step in ("approve", "return"):
            response = self.client.post(
                f"/governance/meetings/{self.meeting.pk}/{step}/",
                {"version": self.meeting.version, "comment": "x"},
            )
            self.assertEqual(response.status_code, 404, step)
        self.assertNotContains(
            self.client.get(f"/governance/meetings/{self.meeting.pk}/"), "一、報告事項。"
        )

    def test_it_refuses_the_wrong_method_and_the_hr_officer(self):
        self.login(self.convener_user)
        url = f"/governance/meetings/{self.meeting.pk}/approve/"
        self.assertEqual(self.client.get(url).status_code, 405)
        self.login(self.hr)
        self.assertEqual(self.client.post(url).status_code, 403)

    def test_a_convener_out_of_term_neither_approves_nor_is_asked(self):
        self.submit()
        yesterday = timezone.localdate() - timedelta(days=1)
        Member.objects.filter(user=self.convener_user).update(term_end=yesterday)
        self.login(self.convener_user)
        self.assertNotContains(
            self.client.get("/"), f'href="/governance/meetings/{self.meeting.pk}/"'
        )
        response = self.client.post(
            f"/governance/meetings/{self.meeting.pk}/approve/", {"version": self.meeting.version}
        )
        self.assertEqual(response.status_code, 404)
        self.meeting.refresh_from_db()
        self.assertEqual(self.meeting.minutes_status, Meeting.Minutes.SUBMITTED)
        with self.assertRaises(Refused):
            services.minutes_approve(
                meeting=self.meeting,
                actor=self.convener_user,
                expected_version=self.meeting.version,
            )
        # The body has no convener in term: the secretariat records the approval again.
        other = self.schedule(on=date(YEAR, 5, 10))
        services.minutes_save(meeting=other, text="紀錄", expected_version=1)
        other.refresh_from_db()
        with self.assertRaises(Refused) as refused:
            services.minutes_submit(
                meeting=other, actor=self.eap_admin, expected_version=other.version
            )
        self.assertEqual(refused.exception.code, "no_convener")


class WithoutConvenerAccountTest(GovernanceTestCase):
    def test_the_secretariat_records_the_approval_and_cannot_submit(self):
        meeting = self.schedule(on=date(YEAR, 2, 10))
        services.minutes_save(meeting=meeting, text="紀錄", expected_version=1)
        meeting.refresh_from_db()
        with self.assertRaises(Refused) as refused:
            services.minutes_submit(
                meeting=meeting, actor=self.eap_admin, expected_version=meeting.version
            )
        self.assertEqual(refused.exception.code, "no_convener")
        self.login(self.eap_admin)
        page = self.client.get(f"/governance/meetings/{meeting.pk}/")
        self.assertNotContains(page, f"/governance/meetings/{meeting.pk}/submit/")
        self.client.post(f"/governance/meetings/{meeting.pk}/approve/", {"version": 2})
        meeting.refresh_from_db()
        self.assertEqual(meeting.minutes_status, Meeting.Minutes.APPROVED)
        self.assertEqual(meeting.approved_by, self.eap_admin)
