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

    def test_it_lists_the_authority_plan_to_an_agency_hr_officer(self):
        from anxin.plans.loader import load_preset

        plan = load_preset("taipei-114")
        plan.authority = self.authority
        plan.save()
        self.login(self.hr)
        self.assertContains(self.client.get("/"), plan.get_absolute_url())
