"""The directory's pages: every employee reads the list and an entry; the EAP
administrator and HR officers write (policies.py)."""

from datetime import date, timedelta

from anxin.resources.directory.models import Service
from tests.resources.directory_base import DirectoryTestCase, make_entry, make_many


class ListTestCase(DirectoryTestCase):
    def test_it_lists_the_entries_for_an_employee(self):
        self.login(self.alice)
        response = self.client.get("/resources/directory/")
        self.assertContains(response, "法律扶助諮詢")
        self.assertContains(response, "六樓第一會議室")
        self.assertContains(response, "法律諮詢")

    def test_it_searches_and_filters(self):
        make_entry(self.authority, self.eap_admin, name="全功能服務櫃台", organisation="稅務局",
                   service_area="finance", district="東區")  # fmt: skip
        self.login(self.alice)
        response = self.client.get("/resources/directory/", {"q": "稅"})
        self.assertContains(response, "全功能服務櫃台")
        self.assertNotContains(response, "法律扶助諮詢")
        response = self.client.get("/resources/directory/", {"area": "legal"})
        self.assertEqual([s.pk for s in response.context["page"]], [self.legal.pk])
        response = self.client.get("/resources/directory/", {"category": "法律諮詢"})
        self.assertEqual([s.pk for s in response.context["page"]], [self.legal.pk])
        response = self.client.get("/resources/directory/", {"district": "東區"})
        self.assertNotContains(response, "法律扶助諮詢")

    def test_an_unknown_category_filter_shows_nothing_rather_than_everything(self):
        self.login(self.alice)
        response = self.client.get("/resources/directory/", {"category": "不存在"})
        self.assertEqual(list(response.context["page"]), [])

    def test_editors_see_the_entries_due_for_verification(self):
        Service.objects.filter(pk=self.legal.pk).update(last_verified=date(2024, 12, 1))
        fresh = make_entry(self.authority, self.eap_admin, name="新服務")
        self.login(self.eap_admin)
        response = self.client.get("/resources/directory/", {"stale": "on"})
        shown = [s.pk for s in response.context["page"]]
        self.assertIn(self.legal.pk, shown)
        self.assertNotIn(fresh.pk, shown)
        self.assertContains(response, "待查核")
        self.login(self.alice)
        self.assertNotContains(self.client.get("/resources/directory/"), "待查核")

    def test_the_wrong_method_is_refused(self):
        self.login(self.alice)
        self.assertEqual(self.client.post("/resources/directory/").status_code, 405)

    def test_a_person_without_an_employee_record_or_role_is_refused(self):
        from tests.base import make_user

        self.client.force_login(make_user("nobody"))
        self.assertEqual(self.client.get("/resources/directory/").status_code, 403)

    def test_it_runs_a_fixed_number_of_queries_at_10_and_1000_entries(self):
        """Session, user, employee, roles, plan, count, page, hours, the inbox badge, the
        footer's plan, the session save: the same at any size,
        searched or not."""
        self.login(self.alice)
        make_many(self.authority, self.eap_admin, 9)
        self.assertEqual(Service.objects.count(), 10)
        with self.assertNumQueries(QUERIES):
            self.client.get("/resources/directory/")
        with self.assertNumQueries(QUERIES):
            self.client.get("/resources/directory/", {"q": "心理"})
        make_many(self.authority, self.eap_admin, 990)
        self.assertEqual(Service.objects.count(), 1000)
        with self.assertNumQueries(QUERIES):
            response = self.client.get("/resources/directory/")
        self.assertEqual(response.context["page"].paginator.count, 1000)
        with self.assertNumQueries(QUERIES):
            response = self.client.get("/resources/directory/", {"q": "心理", "page": 3})
        self.assertEqual(response.context["page"].paginator.count, 999)


QUERIES = 13


class DetailTestCase(DirectoryTestCase):
    def test_it_shows_an_entry_to_an_employee(self):
        self.login(self.alice)
        response = self.client.get(self.legal.get_absolute_url())
        self.assertContains(response, "聘請律師解答法律問題")
        self.assertContains(response, "西區")
        self.assertNotContains(response, "/edit/")

    def test_an_entry_of_another_authority_is_404(self):
        from anxin.people.services import orgunit_create

        elsewhere = orgunit_create(name="他市政府", kind="authority", code="379800000A")
        theirs = make_entry(elsewhere, self.eap_admin, name="他市服務")
        self.login(self.alice)
        self.assertEqual(self.client.get(theirs.get_absolute_url()).status_code, 404)

    def test_the_editor_sees_the_buttons(self):
        self.login(self.hr)
        self.assertContains(self.client.get(self.legal.get_absolute_url()), "/edit/")

    def test_the_wrong_method_is_refused(self):
        self.login(self.alice)
        self.assertEqual(self.client.post(self.legal.get_absolute_url()).status_code, 405)


FORM = {
    "organisation": "稅務局",
    "name": "全功能服務櫃台",
    "service_area": "finance",
    "category": "",
    "hours": "星期一 08:30-17:30 稅務局1樓\n週三 8:30-12:00",
    "district": "信義區",
    "latitude": "25.037",
    "longitude": "121.564",
    "accessibility": "無障礙櫃台",
    "languages": "華語",
}


class WriteTestCase(DirectoryTestCase):
    def test_the_eap_admin_adds_an_entry(self):
        self.login(self.eap_admin)
        response = self.client.post(
            "/resources/directory/new/", FORM | {"agency": self.authority.pk}
        )
        service = Service.objects.get(name="全功能服務櫃台")
        self.assertRedirects(response, service.get_absolute_url())
        self.assertEqual(service.owner, self.eap_admin)
        self.assertEqual(service.last_verified, date.today())
        self.assertEqual([h.weekday for h in service.hours.all()], [0, 2])

    def test_bad_hours_and_half_coordinates_are_refused_keeping_what_was_typed(self):
        self.login(self.eap_admin)
        data = FORM | {"agency": self.authority.pk, "hours": "每天早上", "longitude": ""}
        response = self.client.post("/resources/directory/new/", data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "每天早上")
        self.assertFalse(Service.objects.filter(name="全功能服務櫃台").exists())
        self.assertTrue(response.context["form"].errors["hours"])
        self.assertTrue(response.context["form"].non_field_errors())

    def test_an_hr_officer_edits_his_agencys_entry(self):
        self.login(self.hr)
        url = f"/resources/directory/{self.legal.pk}/edit/"
        self.assertEqual(self.client.get(url).status_code, 200)
        data = FORM | {"agency": self.agency.pk, "version": self.legal.version}
        response = self.client.post(url, data)
        self.assertRedirects(response, self.legal.get_absolute_url())
        self.legal.refresh_from_db()
        self.assertEqual(self.legal.name, "全功能服務櫃台")

    def test_a_second_save_of_the_same_version_is_refused(self):
        self.login(self.eap_admin)
        url = f"/resources/directory/{self.legal.pk}/edit/"
        data = FORM | {"agency": self.agency.pk, "version": self.legal.version}
        self.client.post(url, data)
        response = self.client.post(url, data | {"name": "又改了"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "又改了")
        self.assertFalse(Service.objects.filter(name="又改了").exists())

    def test_an_hr_officer_of_another_agency_gets_404(self):
        self.login(self.other_hr)
        url = f"/resources/directory/{self.legal.pk}/edit/"
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(
            self.client.post(f"/resources/directory/{self.legal.pk}/verify/").status_code, 404
        )

    def test_an_employee_cannot_write(self):
        self.login(self.alice)
        self.assertEqual(self.client.get("/resources/directory/new/").status_code, 403)

    def test_verify_and_delete(self):
        Service.objects.filter(pk=self.legal.pk).update(
            last_verified=date.today() - timedelta(days=500)
        )
        self.login(self.eap_admin)
        self.client.post(f"/resources/directory/{self.legal.pk}/verify/")
        self.legal.refresh_from_db()
        self.assertEqual(self.legal.last_verified, date.today())
        self.assertEqual(
            self.client.get(f"/resources/directory/{self.legal.pk}/verify/").status_code, 405
        )
        self.client.post(f"/resources/directory/{self.legal.pk}/delete/")
        self.assertFalse(Service.objects.filter(pk=self.legal.pk).exists())
