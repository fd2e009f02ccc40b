"""The shell keeps each role's menu bar short enough for one line at 1280 px (the browser
test tests/browser/test_navigation.py measures it) and puts the person's own pages in
the account drop-down, not in the bar."""

from django.test import SimpleTestCase

from anxin.core.menu import USER, menu_for
from anxin.people.roles import Role
from tests.base import BaseTestCase

# Home, five pages or drop-downs, the inbox: what fits at 1280 px in English too.
MOST = 7


class MenuLayoutTestCase(SimpleTestCase):
    def test_every_roles_bar_has_a_few_items(self):
        for role in Role:
            with self.subTest(role=role):
                bar = [item for item in menu_for(role) if item.key != USER]
                self.assertLessEqual(len(bar), MOST, [str(item.label) for item in bar])

    def test_sign_in_security_is_in_the_account_menu_of_staff(self):
        counsellor = menu_for(Role.COUNSELOR)
        account = next(item for item in counsellor if item.key == USER)
        self.assertEqual([entry.url_name for entry in account.children], ["otp_setup"])
        self.assertNotIn("otp_setup", [item.url_name for item in counsellor])


class AccountMenuPageTestCase(BaseTestCase):
    def test_the_account_menu_names_the_role_and_holds_security_and_sign_out(self):
        self.login(self.counselor)
        response = self.client.get("/")
        menu = response.content.decode().split('class="dropdown-menu dropdown-menu-end')[1]
        menu = menu.split("</ul>")[0]
        self.assertIn('href="/account/two-factor/setup/"', menu)
        self.assertIn('action="/account/sign-out/"', menu)
        self.assertEqual(response.context["anxin_role_name"], Role.COUNSELOR.label)
