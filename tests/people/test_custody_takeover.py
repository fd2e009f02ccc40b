"""The takeover path of issue 10, step by step, each step refused (invariant 12).

Tried on the demo before decision 0017: the sysadmin opened the admin's password form for a
counsellor, set a password, signed in as the counsellor, enrolled a fresh authenticator
and read a session record; the admin's TOTP-device pages showed and edited secrets.
"""

from django_otp.plugins.otp_totp.models import TOTPDevice

from anxin.core.refusals import Refused
from anxin.people.custody import services
from anxin.people.custody.models import CustodyRequest, SecurityLog
from anxin.people.models import Employee, RoleAssignment, User
from tests.base import PASSWORD
from tests.people.custody_base import CustodyTestCase

NEW = "a password the sysadmin chose 42"


class AdminTakeoverTestCase(CustodyTestCase):
    """Through the admin site, as the sysadmin."""

    def setUp(self):
        self.login(self.sysadmin)
        self.device = TOTPDevice.objects.get(user=self.counselor)

    def assert_counsellor_untouched(self):
        self.counselor.refresh_from_db()
        self.assertTrue(self.counselor.check_password(PASSWORD))
        self.assertFalse(self.counselor.check_password(NEW))
        self.assertEqual(self.counselor.email, "counselor@example.gov.tw")
        self.assertFalse(self.counselor.is_superuser)
        self.assertEqual(list(TOTPDevice.objects.filter(user=self.counselor)), [self.device])

    def test_it_offers_no_password_form_for_another_account(self):
        """The admin's password form is gone: GET does not show it, POST sets nothing."""
        url = f"/admin/people/user/{self.counselor.pk}/password/"
        response = self.client.get(url, follow=True)
        self.assertNotContains(response, 'name="password1"')
        self.client.post(url, {"password1": NEW, "password2": NEW})
        self.assert_counsellor_untouched()

    def test_the_account_page_shows_no_password_hash_and_sets_no_password(self):
        """The account page is read-only but for the display name and the active flag:
        no password, e-mail, superuser flag, groups or permissions can be set."""
        url = f"/admin/people/user/{self.counselor.pk}/change/"
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, self.counselor.password.split("$")[-1])
        for field in ("password", "email", "is_superuser", "is_staff", "groups",
                      "user_permissions", "username"):  # fmt: skip
            self.assertNotContains(response, f'name="{field}"')
        self.client.post(
            url,
            {
                "display_name": "諮商師",
                "is_active": "on",
                "password": NEW,
                "email": "root@example.gov.tw",
                "is_superuser": "on",
                "groups": [],
            },
        )
        self.assert_counsellor_untouched()
        self.counselor.refresh_from_db()
        self.assertEqual(self.counselor.display_name, "諮商師")
        logged = SecurityLog.objects.get(action="account_changed", subject=self.counselor)
        self.assertEqual(logged.actor, self.sysadmin)

    def test_an_account_created_in_the_admin_has_no_usable_password(self):
        """A new account's password is set by its holder through an approved reset, never
        typed by the sysadmin; the creation is logged."""
        response = self.client.post(
            "/admin/people/user/add/",
            {
                "username": "newcomer",
                "display_name": "新同仁",
                "email": "new@example.gov.tw",
                "password1": NEW,
                "password2": NEW,
                "is_superuser": "on",
            },
        )
        self.assertEqual(response.status_code, 302)
        user = User.objects.get(username="newcomer")
        self.assertFalse(user.has_usable_password())
        self.assertFalse(user.is_superuser)
        self.assertTrue(SecurityLog.objects.filter(action="account_created", subject=user).exists())

    def test_it_cannot_delete_an_account(self):
        url = f"/admin/people/user/{self.counselor.pk}/delete/"
        self.assertEqual(self.client.post(url, {"post": "yes"}).status_code, 403)
        self.assertTrue(User.objects.filter(pk=self.counselor.pk).exists())

    def test_the_device_pages_show_no_secret_and_change_nothing(self):
        """The authenticator pages list who has one; no key, no QR code, no add, change or
        delete."""
        base = "/admin/otp_totp/totpdevice/"
        pages = [base, f"{base}{self.device.pk}/change/"]
        for page in pages:
            response = self.client.get(page)
            self.assertEqual(response.status_code, 200, page)
            self.assertNotContains(response, self.device.key)
            self.assertNotContains(response, "otpauth://")
            self.assertNotContains(response, "qrcode")
            self.assertNotContains(response, 'name="key"')
        for page in (f"{base}{self.device.pk}/config/", f"{base}{self.device.pk}/qrcode/"):
            response = self.client.get(page, follow=True)
            self.assertNotContains(response, self.device.key)
            self.assertNotContains(response, "otpauth://")
            self.assertTrue(response["Content-Type"].startswith("text/html"))  # no QR image
        self.assertEqual(self.client.get(f"{base}add/").status_code, 403)
        response = self.client.post(
            f"{base}add/", {"user": self.counselor.pk, "name": "mine", "key": "00" * 20}
        )
        self.assertEqual(response.status_code, 403)
        response = self.client.post(
            f"{base}{self.device.pk}/change/",
            {"user": self.counselor.pk, "name": "x", "key": "00" * 20, "confirmed": "on"},
        )
        self.assertEqual(response.status_code, 403)
        delete = f"{base}{self.device.pk}/delete/"
        self.assertEqual(self.client.post(delete, {"post": "yes"}).status_code, 403)
        self.assert_counsellor_untouched()

    def test_the_admin_grants_no_role_that_reads_sealed_content_or_the_logs(self):
        """Counsellor, intake, provider administrator, auditor (and the approvers' and
        requesters' roles) are not offered; a forged POST is refused."""
        url = "/admin/people/roleassignment/add/"
        response = self.client.get(url)
        self.assertContains(response, 'value="hr"')
        for role in ("counselor", "intake", "provider_admin", "auditor", "eap_admin", "sysadmin"):
            self.assertNotContains(response, f'value="{role}"')
            response = self.client.post(
                url, {"user": self.alice.pk, "role": role, "scope": self.authority.pk}
            )
            self.assertEqual(response.status_code, 200, role)  # the form, with its error
            self.assertFalse(RoleAssignment.objects.filter(user=self.alice, role=role).exists())

    def test_the_admin_grants_no_role_to_oneself(self):
        url = "/admin/people/roleassignment/add/"
        response = self.client.post(
            url, {"user": self.sysadmin.pk, "role": "hr", "scope": self.authority.pk}
        )
        self.assertContains(response, "任何人都不能將角色指派給自己。")
        self.assertFalse(RoleAssignment.objects.filter(user=self.sysadmin, role="hr").exists())

    def test_a_grant_cannot_be_changed_into_another_role(self):
        """Turning an HR grant into a counsellor's is refused; removing one is logged."""
        grant = RoleAssignment.objects.get(user=self.hr, role="hr")
        url = f"/admin/people/roleassignment/{grant.pk}/change/"
        response = self.client.post(
            url, {"user": self.hr.pk, "role": "counselor", "scope": self.agency.pk}
        )
        self.assertEqual(response.status_code, 403)
        grant.refresh_from_db()
        self.assertEqual(grant.role, "hr")
        self.client.post(f"/admin/people/roleassignment/{grant.pk}/delete/", {"post": "yes"})
        self.assertFalse(RoleAssignment.objects.filter(pk=grant.pk).exists())
        self.assertTrue(SecurityLog.objects.filter(action="role_removed", subject=self.hr).exists())

    def test_a_permitted_grant_is_logged(self):
        url = "/admin/people/roleassignment/add/"
        response = self.client.post(
            url, {"user": self.alice.pk, "role": "committee", "scope": self.authority.pk}
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(RoleAssignment.objects.filter(user=self.alice, role="committee").exists())
        row = SecurityLog.objects.get(action="role_granted", subject=self.alice)
        self.assertEqual((row.actor, row.detail), (self.sysadmin, "committee @ 範例市政府"))

    def test_an_employee_record_cannot_be_tied_to_another_account(self):
        """Tying Alice's record to the sysadmin's account would open her self-tests."""
        url = f"/admin/people/employee/{self.alice_employee.pk}/change/"
        self.assertNotContains(self.client.get(url), 'name="user"')
        data = {
            "user": self.sysadmin.pk,
            "authority": self.authority.pk,
            "number": "E0001",
            "name": "王小美",
            "unit": self.unit.pk,
            "staff_category": "civil_servant",
            "gender": "F",
            "birth_date": "1985-04-01",
            "hire_date": "2015-08-01",
            "email": "E0001@example.gov.tw",
            "is_active": "on",
        }
        self.client.post(url, data)
        self.assertEqual(Employee.objects.get(pk=self.alice_employee.pk).user, self.alice)

    def test_the_sysadmin_cannot_reach_the_counsellors_cases(self):
        """The end of the old path: signed in as himself, the sysadmin has no case page,
        and the counsellor's password is still only the counsellor's."""
        self.assertEqual(self.client.get("/counselling/cases/").status_code, 403)
        self.client.logout()
        response = self.client.post("/account/sign-in/", {"username": "counselor", "password": NEW})
        self.assertEqual(response.status_code, 200)  # the form again, with its error
        self.assertNotIn("_auth_user_id", self.client.session)


class CustodyRulesTestCase(CustodyTestCase):
    """Self-approval, approval in the requester's role, requests about oneself."""

    def test_nobody_approves_what_he_or_she_asked_for(self):
        item = services.grant_request(
            target=self.alice, role_to_grant="counselor", scope=self.agency,
            actor=self.eap_admin, role="eap_admin", actor_scope=self.authority, reason="new",
        )  # fmt: skip
        with self.assertRaisesMessage(Refused, "必須由另一人核准"):
            services.custody_approve(
                item=item, approver=self.eap_admin, role="auditor", scope=self.authority
            )
        item.refresh_from_db()
        self.assertEqual(item.status, "pending")
        self.assertFalse(RoleAssignment.objects.filter(user=self.alice, role="counselor").exists())
        refused = SecurityLog.objects.get(action="attempt_refused", actor=self.eap_admin)
        self.assertEqual(refused.request, item)

    def test_a_person_of_the_requesters_role_cannot_approve(self):
        item = services.grant_request(
            target=self.alice, role_to_grant="intake", scope=self.agency,
            actor=self.eap_admin, role="eap_admin", actor_scope=self.authority, reason="new",
        )  # fmt: skip
        with self.assertRaisesMessage(Refused, "不同角色"):
            services.custody_approve(
                item=item, approver=self.second_admin, role="eap_admin", scope=self.authority
            )
        self.assertEqual(CustodyRequest.objects.get(pk=item.pk).status, "pending")

    def test_nobody_approves_a_request_about_his_or_her_own_account(self):
        item = self.ask_reset(target=self.auditor)
        with self.assertRaisesMessage(Refused, "自己"):
            services.custody_approve(
                item=item, approver=self.auditor, role="auditor", scope=self.authority
            )

    def test_nobody_asks_for_a_reset_or_a_grant_for_himself_or_herself(self):
        with self.assertRaisesMessage(Refused, "自己"):
            self.ask_reset(target=self.sysadmin)
        with self.assertRaisesMessage(Refused, "自己"):
            services.grant_request(
                target=self.eap_admin, role_to_grant="auditor", scope=self.authority,
                actor=self.eap_admin, role="eap_admin", actor_scope=self.authority, reason="x",
            )  # fmt: skip

    def test_the_sysadmin_cannot_approve_at_all(self):
        """The sysadmin asks; approving is not his role, on the page or in the service."""
        item = services.grant_request(
            target=self.alice, role_to_grant="counselor", scope=self.agency,
            actor=self.eap_admin, role="eap_admin", actor_scope=self.authority, reason="new",
        )  # fmt: skip
        self.login(self.sysadmin)
        response = self.client.post(f"/people/custody/{item.uuid}/approve/")
        self.assertEqual(response.status_code, 403)
        with self.assertRaisesMessage(Refused, "不能核准"):
            services.custody_approve(item=item, approver=self.sysadmin, role="sysadmin", scope=None)
        self.assertEqual(CustodyRequest.objects.get(pk=item.pk).status, "pending")


class AdminRefusalTestCase(CustodyTestCase):
    """A non-admin who opens /admin/ is refused plainly, in zh-Hant; no redirect loop."""

    def test_a_signed_in_non_admin_gets_a_plain_refusal(self):
        for person in (self.alice, self.counselor, self.eap_admin, self.auditor):
            self.login(person)
            for url in ("/admin/", "/admin/login/?next=/admin/", "/admin/people/user/"):
                response = self.client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hant")
                self.assertEqual(response.status_code, 403, (person, url))
                self.assertContains(response, "管理後台僅供系統管理者使用", status_code=403)

    def test_an_anonymous_visitor_is_sent_to_sign_in(self):
        response = self.client.get("/admin/", follow=True)
        self.assertEqual(response.redirect_chain[-1][0], "/account/sign-in/?next=%2Fadmin%2F")
        self.assertEqual(response.status_code, 200)

    def test_the_sysadmin_gets_in(self):
        self.login(self.sysadmin)
        self.assertEqual(self.client.get("/admin/").status_code, 200)
        self.assertRedirects(
            self.client.get("/admin/login/"), "/admin/", fetch_redirect_response=False
        )

    def test_an_unverified_sysadmin_does_not_get_in(self):
        self.login(self.sysadmin, verified=False)
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/account/two-factor/"))
