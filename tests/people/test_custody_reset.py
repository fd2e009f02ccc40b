"""A reset under dual control: asked by the sysadmin, approved by an auditor or an EAP
administrator, completed by the holder through a one-time link (decision 0017)."""

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from anxin.core.models import Notification, OutgoingMail
from anxin.core.refusals import Refused
from anxin.people.custody import services
from anxin.people.custody.models import CustodyRequest, SecurityLog
from anxin.people.custody.views import TOTP_SESSION
from tests.base import PASSWORD
from tests.people.custody_base import CustodyTestCase, totp_code

NEW = "a new password only she knows 7"


def _actions(item) -> list[str]:
    return list(
        SecurityLog.objects.filter(request=item).order_by("id").values_list("action", flat=True)
    )


class ResetRequestTestCase(CustodyTestCase):
    def test_it_asks_from_the_page_and_tells_the_holder_and_the_approvers(self):
        """Nothing changes yet; the holder learns of it at once; approvers are told."""
        self.login(self.sysadmin)
        response = self.client.post(
            "/people/custody/reset/", {"account": "counselor", "reason": "lost phone"}
        )
        self.assertRedirects(response, "/people/custody/", fetch_redirect_response=False)
        item = CustodyRequest.objects.get(target=self.counselor)
        self.assertEqual(
            (item.kind, item.status, item.requested_by), ("reset", "pending", self.sysadmin)
        )
        self.assertTrue(self.counselor.check_password(PASSWORD))
        told = set(Notification.objects.values_list("recipient__username", flat=True))
        self.assertEqual(told, {"counselor", "auditor", "eapadmin", "eapadmin2"})
        self.assertEqual(_actions(item), ["reset_requested"])

    def test_it_refuses_an_unknown_account_and_a_second_open_reset(self):
        self.login(self.sysadmin)
        response = self.client.post("/people/custody/reset/", {"account": "nobody", "reason": "x"})
        self.assertContains(response, "沒有「nobody」這個帳號")
        self.ask_reset()
        response = self.client.post(
            "/people/custody/reset/", {"account": "counselor", "reason": "x"}
        )
        self.assertContains(response, "已有待核准或進行中的重設")
        self.assertEqual(CustodyRequest.objects.filter(target=self.counselor).count(), 1)

    def test_it_refuses_an_account_without_an_e_mail_address(self):
        with self.assertRaisesMessage(Refused, "沒有電子郵件地址"):
            self.ask_reset(target=self.hr)

    def test_the_page_answers_only_get_and_post(self):
        self.login(self.sysadmin)
        self.assertEqual(self.client.put("/people/custody/reset/").status_code, 405)

    def test_an_outsider_cannot_ask(self):
        """An EAP administrator asks for grants, not resets; an employee for nothing."""
        for person in (self.eap_admin, self.alice, self.auditor):
            self.login(person)
            response = self.client.post(
                "/people/custody/reset/", {"account": "counselor", "reason": "x"}
            )
            self.assertEqual(response.status_code, 403)
        self.assertFalse(CustodyRequest.objects.exists())


class ApprovedResetTestCase(CustodyTestCase):
    """The path that works: each step, what the holder and the auditor are told, and
    what is stored."""

    def setUp(self):
        self.item = self.ask_reset()
        self.old_device = TOTPDevice.objects.get(user=self.counselor)
        # The counsellor (or whoever holds her session) is signed in somewhere.
        self.old_session = Client()
        self.old_session.force_login(self.counselor)
        session = self.old_session.session
        session[DEVICE_ID_SESSION_KEY] = self.old_device.persistent_id
        session.save()

    def approve_on_the_page(self) -> str:
        self.login(self.auditor)
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(f"/people/custody/{self.item.uuid}/approve/")
        self.assertRedirects(response, "/people/custody/", fetch_redirect_response=False)
        self.client.logout()
        (link_mail,) = [m for m in mail.outbox if "/people/custody/link/" in m.body]
        self.assertEqual(link_mail.to, ["counselor@example.gov.tw"])
        return link_mail.body.split("/people/custody/link/")[1].split("/")[0]

    def use_link(self, token: str, *, password: str = NEW):
        response = self.client.get(f"/people/custody/link/{token}/")
        self.assertRedirects(response, "/people/custody/link/", fetch_redirect_response=False)
        response = self.client.get("/people/custody/link/")
        self.assertContains(response, "<svg")  # the QR code of the new authenticator
        key = self.client.session[TOTP_SESSION]
        return self.client.post(
            "/people/custody/link/",
            {"new_password1": password, "new_password2": password, "token": totp_code(key)},
        ), key

    def test_it_stores_only_a_hash_of_the_token_and_sends_it_once(self):
        """The token is in one e-mail and nowhere else: not the request row, not an inbox
        item, not the outbox."""
        token = self.approve_on_the_page()
        self.item.refresh_from_db()
        self.assertEqual(self.item.status, "approved")
        self.assertEqual(self.item.token_hash, services.token_digest(token))
        stored = [
            *CustodyRequest.objects.values_list("reason", "decision_note", "token_hash"),
            *Notification.objects.values_list("subject", "body", "url"),
            *OutgoingMail.objects.values_list("subject", "body"),
            *SecurityLog.objects.values_list("detail", flat=False),
        ]
        self.assertNotIn(token, repr(stored))

    def test_it_tells_the_holder_and_the_auditors_without_secrets(self):
        self.approve_on_the_page()
        holder = Notification.objects.filter(recipient=self.counselor).order_by("id")
        self.assertEqual(holder.count(), 2)  # asked, then approved
        self.assertIn("一次性連結", holder.last().body)
        auditor = Notification.objects.filter(recipient=self.auditor).order_by("id").last()
        self.assertIn("已核准", auditor.subject)
        for row in Notification.objects.all():
            self.assertNotIn("/people/custody/link/", row.body + row.url)
        holder_mail = [m for m in mail.outbox if m.to == ["counselor@example.gov.tw"]]
        self.assertEqual(len(holder_mail), 2)  # the notification and the link, apart

    def test_the_holder_sets_a_password_and_authenticator_and_old_sessions_end(self):
        token = self.approve_on_the_page()
        self.assertEqual(self.old_session.get("/counselling/cases/").status_code, 200)
        response, key = self.use_link(token)
        self.assertContains(response, "新密碼已設定")
        self.counselor.refresh_from_db()
        self.assertTrue(self.counselor.check_password(NEW))
        self.assertFalse(self.counselor.check_password(PASSWORD))
        devices = list(TOTPDevice.objects.filter(user=self.counselor))
        self.assertEqual([(d.key, d.confirmed) for d in devices], [(key, True)])
        self.assertFalse(TOTPDevice.objects.filter(pk=self.old_device.pk).exists())
        # The session opened before the reset is over, and stored nowhere.
        response = self.old_session.get("/counselling/cases/")
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/account/sign-in/"))
        for session in Session.objects.all():
            self.assertNotEqual(session.get_decoded().get("_auth_user_id"), str(self.counselor.pk))
        self.item.refresh_from_db()
        self.assertEqual((self.item.status, self.item.token_hash), ("done", ""))
        self.assertEqual(
            _actions(self.item), ["reset_requested", "approved", "link_sent", "reset_done"]
        )
        done = Notification.objects.filter(subject__contains="已設定新密碼與驗證器")
        self.assertEqual(
            set(done.values_list("recipient__username", flat=True)), {"counselor", "auditor"}
        )

    def test_the_link_works_once(self):
        token = self.approve_on_the_page()
        self.use_link(token)
        response = self.client.get(f"/people/custody/link/{token}/")
        self.assertContains(response, "連結無效", status_code=404)
        self.assertEqual(self.client.get("/people/custody/link/").status_code, 404)

    def test_a_wrong_code_or_a_weak_password_sets_nothing(self):
        token = self.approve_on_the_page()
        self.client.get(f"/people/custody/link/{token}/")
        self.client.get("/people/custody/link/")
        response = self.client.post(
            "/people/custody/link/",
            {"new_password1": NEW, "new_password2": NEW, "token": "000000"},
        )
        self.assertContains(response, "驗證碼不符")
        response = self.client.post(
            "/people/custody/link/",
            {"new_password1": "12345", "new_password2": "12345", "token": "000000"},
        )
        self.assertEqual(response.status_code, 200)
        self.counselor.refresh_from_db()
        self.assertTrue(self.counselor.check_password(PASSWORD))
        self.assertTrue(TOTPDevice.objects.filter(pk=self.old_device.pk).exists())

    def test_an_expired_link_is_refused_and_logged(self):
        token = self.approve(self.item, now=timezone.now() - services.LINK_VALID - timedelta(1))
        response = self.client.get(f"/people/custody/link/{token}/")
        self.assertContains(response, "已過期", status_code=404)
        self.item.refresh_from_db()
        self.assertEqual(self.item.status, "expired")
        self.assertEqual(_actions(self.item)[-2:], ["expired", "link_refused"])
        self.assertTrue(self.counselor.check_password(PASSWORD))

    def test_the_holder_is_told_of_a_refusal_and_nothing_changes(self):
        self.login(self.eap_admin)
        response = self.client.post(
            f"/people/custody/{self.item.uuid}/refuse/", {"note": "not confirmed with her"}
        )
        self.assertRedirects(response, "/people/custody/", fetch_redirect_response=False)
        self.item.refresh_from_db()
        self.assertEqual((self.item.status, self.item.decided_by), ("refused", self.eap_admin))
        self.assertTrue(
            Notification.objects.filter(
                recipient=self.counselor, subject__contains="已拒絕"
            ).exists()
        )
        self.assertFalse(self.item.token_hash)
        self.assertEqual(
            self.client.post(f"/people/custody/{self.item.uuid}/approve/").status_code, 302
        )
        self.item.refresh_from_db()
        self.assertEqual(self.item.status, "refused")

    def test_an_employee_without_a_second_factor_sets_a_password_only(self):
        self.alice.email = "alice@example.gov.tw"
        self.alice.save(update_fields=["email"])
        token = self.approve(self.ask_reset(target=self.alice))
        self.client.get(f"/people/custody/link/{token}/")
        response = self.client.get("/people/custody/link/")
        self.assertNotContains(response, 'name="token"')
        self.client.post("/people/custody/link/", {"new_password1": NEW, "new_password2": NEW})
        self.alice.refresh_from_db()
        self.assertTrue(self.alice.check_password(NEW))
        self.assertFalse(TOTPDevice.objects.filter(user=self.alice).exists())


class ExpiryTestCase(CustodyTestCase):
    def test_the_job_expires_unapproved_requests_and_unused_links(self):
        waiting = self.ask_reset()
        later = timezone.now() + services.REQUEST_VALID + timedelta(minutes=1)
        self.assertEqual(services.custody_expire(now=later), 1)
        waiting.refresh_from_db()
        self.assertEqual(waiting.status, "expired")
        self.assertEqual(_actions(waiting), ["reset_requested", "expired"])
        with self.assertRaisesMessage(Refused, "不在等待核准"):
            services.custody_approve(
                item=waiting, approver=self.auditor, role="auditor", scope=self.authority
            )
        self.assertEqual(services.custody_expire(now=later), 0)
