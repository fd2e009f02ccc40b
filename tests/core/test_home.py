from tests.base import BaseTestCase


class HomeTestCase(BaseTestCase):
    def test_it_shows_the_employee_home(self):
        self.login(self.alice)
        r = self.client.get("/")
        self.assertContains(r, "王小美")

    def test_it_shows_the_hr_home_with_figures(self):
        self.login(self.hr)
        r = self.client.get("/")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "範例市政府社會局")
