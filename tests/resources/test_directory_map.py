"""The care-resource map: the list by district with distances, the map itself only with
the tile source the EAP administrator set (map_views.py)."""

from decimal import Decimal

from anxin.resources.directory.map_views import distance_km
from anxin.resources.directory.models import DirectoryMap
from anxin.resources.directory.services import directory_map_save
from tests.resources.directory_base import DirectoryTestCase, make_entry, make_many

CARE = "長期照顧等家庭照顧資訊及資源"


class MapTestCase(DirectoryTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        place = {"category": CARE, "organisation": "長照機構"}
        cls.day_care = make_entry(
            cls.authority, cls.eap_admin, name="日間照顧", district="信義區",
            latitude=Decimal("25.033"), longitude=Decimal("121.5673"), **place,
        )  # fmt: skip
        cls.home_care = make_entry(
            cls.authority, cls.eap_admin, name="居家服務", district="士林區",
            latitude=Decimal("25.0924"), longitude=Decimal("121.5265"), **place,
        )  # fmt: skip
        cls.no_place = make_entry(cls.authority, cls.eap_admin, name="1966專線", **place)

    def test_without_a_tile_source_it_lists_by_district(self):
        self.login(self.alice)
        response = self.client.get("/resources/directory/map/")
        self.assertNotContains(response, 'id="care-map"')
        self.assertNotContains(response, "leaflet.js")
        self.assertEqual([d for d, _ in response.context["districts"]], ["信義區", "士林區"])
        self.assertNotContains(response, "1966專線")  # no coordinates: not a place
        self.assertNotContains(response, "法律扶助諮詢")  # not a care category

    def test_it_gives_the_distance_from_a_chosen_place(self):
        self.login(self.alice)
        response = self.client.get("/resources/directory/map/", {"near": self.day_care.pk})
        rows = {r["service"].pk: r["km"] for _, rs in response.context["districts"] for r in rs}
        self.assertEqual(rows[self.day_care.pk], 0)
        self.assertAlmostEqual(rows[self.home_care.pk], 7.6, delta=0.3)
        self.assertContains(response, "公里")
        response = self.client.get(
            "/resources/directory/map/", {"latitude": "25.0924", "longitude": "121.5265"}
        )
        rows = {r["service"].pk: r["km"] for _, rs in response.context["districts"] for r in rs}
        self.assertEqual(rows[self.home_care.pk], 0)

    def test_with_a_tile_source_it_draws_the_map_and_lets_its_origin_in(self):
        directory_map_save(
            authority=self.authority,
            tile_url="https://tiles.example.gov.tw/{z}/{x}/{y}.png",
            attribution="範例市政府",
        )
        self.login(self.alice)
        response = self.client.get("/resources/directory/map/")
        self.assertContains(response, 'id="care-map"')
        self.assertContains(response, "vendor/leaflet/leaflet.js")
        self.assertIn("https://tiles.example.gov.tw", response["Content-Security-Policy"])
        self.assertEqual(len(response.context["markers"]), 2)

    def test_the_eap_admin_sets_the_tile_source(self):
        self.login(self.eap_admin)
        url = "/resources/directory/map/tiles/"
        self.assertEqual(self.client.get(url).status_code, 200)
        response = self.client.post(url, {"tile_url": "https://t.example/{z}/{x}.png"})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(DirectoryMap.objects.exists())
        response = self.client.post(url, {"tile_url": "https://t.example/{z}/{x}/{y}.png"})
        self.assertRedirects(response, "/resources/directory/map/")
        self.assertEqual(DirectoryMap.objects.get().tile_url, "https://t.example/{z}/{x}/{y}.png")

    def test_only_the_eap_admin_sets_the_tile_source(self):
        self.login(self.hr)
        self.assertEqual(self.client.get("/resources/directory/map/tiles/").status_code, 403)
        self.login(self.alice)
        self.assertEqual(self.client.post("/resources/directory/map/").status_code, 405)

    def test_it_runs_a_fixed_number_of_queries_at_10_and_1000_places(self):
        self.login(self.alice)
        make_many(self.authority, self.eap_admin, 7)
        Service = type(self.day_care)
        Service.objects.filter(organisation__name="大量機構").update(category=CARE)
        with self.assertNumQueries(QUERIES):
            response = self.client.get("/resources/directory/map/", {"near": self.day_care.pk})
        self.assertEqual(response.context["count"], 9)
        make_many(self.authority, self.eap_admin, 991)
        Service.objects.filter(organisation__name="大量機構").update(category=CARE)
        with self.assertNumQueries(QUERIES):
            response = self.client.get("/resources/directory/map/", {"near": self.day_care.pk})
        self.assertEqual(response.context["count"], 1000)

    def test_distance_is_a_great_circle(self):
        self.assertAlmostEqual(distance_km((25.0, 121.0), (26.0, 121.0)), 111.2, delta=0.1)


QUERIES = 12
