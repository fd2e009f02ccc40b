"""An advice service linked to its directory entry (decision 0068): the administrator
chooses the entry among the authority's; the employee reads the entry's place,
accessibility and contact on the advice pages, and the entry offers "book a time" to
employees only."""

from anxin.people.services import orgunit_create
from anxin.resources.advice.models import AdviceService
from anxin.resources.directory.services import service_delete
from tests.resources.advice_base import AdviceTestCase
from tests.resources.directory_base import make_entry


class DirectoryLinkTests(AdviceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.entry = make_entry(
            cls.authority,
            cls.eap_admin,
            organisation="民政處",
            name="法律扶助諮詢",
            address="中山路199號6樓",
            district="東區",
            accessibility="無障礙電梯可達六樓",
            phone="05-2254321",
        )
        cls.service.entry = cls.entry
        cls.service.save(update_fields=["entry"])

    def test_the_administrator_links_an_entry_of_the_authority(self):
        self.service.entry = None
        self.service.save(update_fields=["entry"])
        self.login(self.eap_admin)
        url = f"/resources/advice/services/{self.service.uuid}/"
        self.assertContains(self.client.get(url), "法律扶助諮詢（民政處）")
        data = {"name": "法律扶助諮詢", "slot_minutes": 30, "active": "on"}
        self.client.post(url, {**data, "entry": self.entry.pk})
        self.service.refresh_from_db()
        self.assertEqual(self.service.entry, self.entry)

    def test_an_entry_of_another_authority_cannot_be_linked(self):
        elsewhere = orgunit_create(name="他市政府", kind="authority", code="380000000A")
        foreign = make_entry(elsewhere, self.eap_admin, name="他市法律諮詢")
        self.login(self.eap_admin)
        url = f"/resources/advice/services/{self.service.uuid}/"
        response = self.client.post(
            url, {"name": "法律扶助諮詢", "slot_minutes": 30, "active": "on", "entry": foreign.pk}
        )
        self.assertEqual(response.status_code, 200)
        self.service.refresh_from_db()
        self.assertEqual(self.service.entry, self.entry)

    def test_the_employee_reads_the_entrys_place_accessibility_and_contact(self):
        self.login(self.alice)
        for url in ("/resources/advice/", f"/resources/advice/{self.service.uuid}/book/"):
            response = self.client.get(url)
            self.assertContains(response, "中山路199號6樓")
            self.assertContains(response, "無障礙電梯可達六樓")
            self.assertContains(response, "05-2254321")
            self.assertContains(response, f"/resources/directory/{self.entry.pk}/")

    def test_the_entry_offers_employees_to_book_a_time(self):
        book = f"/resources/advice/{self.service.uuid}/book/"
        self.login(self.alice)
        self.assertContains(self.client.get(f"/resources/directory/{self.entry.pk}/"), book)
        self.login(self.hr)
        self.assertNotContains(self.client.get(f"/resources/directory/{self.entry.pk}/"), book)

    def test_a_service_no_longer_offered_is_not_offered_by_the_entry(self):
        AdviceService.objects.filter(pk=self.service.pk).update(is_active=False)
        self.login(self.alice)
        response = self.client.get(f"/resources/directory/{self.entry.pk}/")
        self.assertNotContains(response, "/book/")

    def test_removing_the_entry_unlinks_the_service(self):
        service_delete(service=self.entry)
        self.service.refresh_from_db()
        self.assertIsNone(self.service.entry)
