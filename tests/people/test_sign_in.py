from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from anxin.people.models import RoleAssignment
from tests.base import PASSWORD, BaseTestCase, give_role, make_user


def current_code(device: TOTPDevice, *, offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = timezone.now().timestamp() + offset
    return f"{totp.token():06d}"


class SignInTestCase(BaseTestCase):
    def sign_in(self, username: str, password: str = PASSWORD, address: str = "10.0.0.1"):
        return self.client.post(
            "/account/sign-in/",
            {"username": username, "password": password},
            REMOTE_ADDR=address,
        )

    def test_it_signs_an_employee_in_without_a_second_factor(self):
        response = self.sign_in("alice")
        self.assertRedirects(response, "/", fetch_redirect_response=False)
        self.assertContains(self.client.get("/"), "王小美")

    def test_it_uses_argon2_in_production(self):
        self.assertEqual(
            settings.PASSWORD_HASHERS[1], "django.contrib.auth.hashers.Argon2PasswordHasher"
        )
        from anxin import settings as project_settings

        self.assertEqual(
            project_settings.PASSWORD_HASHERS[0],
            "django.contrib.auth.hashers.Argon2PasswordHasher",
        )

    def test_it_asks_a_staff_member_for_the_second_factor(self):
        response = self.sign_in("counselor")
        self.assertRedirects(
            response, "/account/two-factor/?next=%2F", fetch_redirect_response=False
        )
        # Nothing but the second-factor pages is reachable before the code.
        self.assertRedirects(
            self.client.get("/inbox/"),
            "/account/two-factor/?next=%2Finbox%2F",
            fetch_redirect_response=False,
        )
        device = TOTPDevice.objects.get(user=self.counselor)
        response = self.client.post("/account/two-factor/", {"token": current_code(device)})
        self.assertRedirects(response, "/", fetch_redirect_response=False)
        self.assertEqual(self.client.get("/inbox/").status_code, 200)

    def test_it_refuses_a_code_used_twice(self):
        device = TOTPDevice.objects.get(user=self.counselor)
        code = current_code(device)
        self.sign_in("counselor")
        self.client.post("/account/two-factor/", {"token": code})
        self.client.post("/account/sign-out/")
        self.sign_in("counselor")
        response = self.client.post("/account/two-factor/", {"token": code})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["form"].errors.as_data()["token"][0].code, "invalid")
        self.assertRedirects(
            self.client.get("/"), "/account/two-factor/?next=%2F", fetch_redirect_response=False
        )

    def test_it_refuses_a_wrong_code(self):
        self.sign_in("counselor")
        device = TOTPDevice.objects.get(user=self.counselor)
        wrong = f"{(int(current_code(device)) + 1) % 1000000:06d}"
        response = self.client.post("/account/two-factor/", {"token": wrong})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(response.context["form"].is_valid())

    def test_it_enrols_a_staff_member_without_a_device(self):
        newcomer = make_user("newcomer")
        RoleAssignment.objects.create(user=newcomer, role="intake", scope=self.authority)
        response = self.sign_in("newcomer")
        self.assertRedirects(
            response, "/account/two-factor/setup/?next=%2F", fetch_redirect_response=False
        )
        page = self.client.get("/account/two-factor/setup/")
        self.assertContains(page, "<svg")
        device = TOTPDevice.objects.get(user=newcomer, confirmed=False)
        response = self.client.post("/account/two-factor/setup/", {"token": current_code(device)})
        self.assertRedirects(response, "/", fetch_redirect_response=False)
        device.refresh_from_db()
        self.assertTrue(device.confirmed)

    def test_it_does_not_let_a_password_alone_enrol_a_second_device(self):
        self.sign_in("counselor")
        response = self.client.get("/account/two-factor/setup/")
        self.assertRedirects(response, "/account/two-factor/", fetch_redirect_response=False)
        self.assertEqual(TOTPDevice.objects.filter(user=self.counselor).count(), 1)

    def test_it_locks_out_after_repeated_failures_per_username_and_address(self):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            self.sign_in("alice", "wrong password")
        response = self.sign_in("alice")  # even the right password is refused now
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "暫停登入", status_code=429)
        # The same account from another address is not locked out...
        self.assertEqual(self.sign_in("alice", address="10.0.0.2").status_code, 302)
        self.client.post("/account/sign-out/")
        # ...nor another account from the same address.
        self.assertEqual(self.sign_in("outsider").status_code, 302)

    def test_the_lockout_ends_after_the_cool_off(self):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            self.sign_in("alice", "wrong password")
        from axes.models import AccessAttempt

        AccessAttempt.objects.update(
            attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
        )
        self.assertEqual(self.sign_in("alice").status_code, 302)

    def test_it_refuses_a_deactivated_user_on_the_next_request(self):
        self.login(self.alice)
        self.assertEqual(self.client.get("/").status_code, 200)
        self.alice.is_active = False
        self.alice.save()
        response = self.client.get("/")
        self.assertRedirects(response, "/account/sign-in/?next=/", fetch_redirect_response=False)

    def test_a_removed_role_takes_effect_on_the_next_request(self):
        self.login(self.hr)
        self.assertEqual(self.client.get("/people/organisation/").status_code, 200)
        RoleAssignment.objects.filter(user=self.hr).delete()
        self.assertIn(self.client.get("/people/organisation/").status_code, (403, 302))

    def test_it_signs_out_by_post_only(self):
        self.login(self.alice)
        self.assertEqual(self.client.get("/account/sign-out/").status_code, 405)
        self.assertEqual(self.client.get("/").status_code, 200)
        self.client.post("/account/sign-out/")
        self.assertEqual(self.client.get("/").status_code, 302)

    def test_an_idle_session_expires(self):
        self.login(self.alice)
        self.assertTrue(settings.SESSION_SAVE_EVERY_REQUEST)
        self.assertLessEqual(settings.SESSION_COOKIE_AGE, 60 * 60)
        Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
        self.assertEqual(self.client.get("/").status_code, 302)

    def test_the_role_switcher_changes_the_home_page(self):
        both = make_user("both")
        give_role(both, "hr", self.agency)
        give_role(both, "auditor", self.authority)
        self.login(both)
        first = self.client.get("/")
        self.assertContains(first, "role-switch")
        roles = first.wsgi_request.roles
        auditor = next(role for role in roles if role.role == "auditor")
        self.client.post("/switch-role/", {"role": auditor.key})
        self.assertEqual(self.client.get("/").wsgi_request.active_role.role, "auditor")
        # A role the person does not hold is ignored.
        self.client.post("/switch-role/", {"role": f"eap_admin:{self.authority.pk}"})
        self.assertEqual(self.client.get("/").wsgi_request.active_role.role, "auditor")

    @override_settings(LANGUAGE_CODE="zh-hant")
    def test_it_switches_language(self):
        self.login(self.alice)
        self.client.post("/i18n/set-language/", {"language": "en", "next": "/"})
        self.assertContains(self.client.get("/"), 'lang="en"')
        # Remembered for notifications and e-mails.
        self.alice.refresh_from_db()
        self.assertEqual(self.alice.language, "en")


class DefaultRoleTestCase(BaseTestCase):
    def test_a_staff_member_who_is_also_an_employee_starts_in_the_staff_role(self):
        from tests.base import make_employee

        make_employee(self.hr, unit=self.unit, number="E0100", name="人事承辦")
        self.login(self.hr)
        response = self.client.get("/")
        self.assertEqual(response.wsgi_request.active_role.role, "hr")
        self.assertEqual([r.role for r in response.wsgi_request.roles], ["hr", "employee"])
