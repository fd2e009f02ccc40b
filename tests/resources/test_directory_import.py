"""Import and export of the directory as JSON and ODS, and of public long-term-care
facility lists as CSV or ODS: all or nothing, with row-by-row zh-Hant messages."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile

from anxin.core.sheets import sheet_bytes
from anxin.resources.directory.models import Service
from tests.resources.directory_base import DirectoryTestCase

CARE_CSV = (
    "機構名稱,服務項目,地址,行政區,緯度,經度,電話\n"
    "好日子日間照顧中心,日間照顧,松仁路100號,信義區,25.033,121.5673,02-2723-0000\n"
    "安家居家長照機構,居家服務,中正路439號,士林區,25.0924,121.5265,02-2881-0000\n"
)


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


class ExportTestCase(DirectoryTestCase):
    def test_json_export_reads_back_as_the_same_entries(self):
        self.login(self.eap_admin)
        response = self.client.get("/resources/directory/export.json")
        entries = json.loads(response.content)["entries"]
        self.assertEqual(entries[0]["name"], "法律扶助諮詢")
        self.assertEqual(entries[0]["hours"], "星期一 09:30-12:00 六樓第一會議室")
        response = self.client.post(
            "/resources/directory/import/", {"file": upload("d.json", response.content)}
        )
        self.assertEqual(response.context["outcome"].updated, 1)
        self.assertEqual(Service.objects.count(), 1)

    def test_ods_export_reads_back(self):
        self.login(self.eap_admin)
        response = self.client.get("/resources/directory/export.ods")
        self.assertEqual(response["Content-Type"], "application/vnd.oasis.opendocument.spreadsheet")
        response = self.client.post(
            "/resources/directory/import/", {"file": upload("d.ods", response.content)}
        )
        self.assertTrue(response.context["outcome"].applied, response.context["outcome"].errors)
        self.assertEqual(response.context["outcome"].updated, 1)

    def test_an_unknown_format_is_404_and_an_employee_may_not_export(self):
        self.login(self.eap_admin)
        self.assertEqual(self.client.get("/resources/directory/export.xml").status_code, 404)
        self.login(self.alice)
        self.assertEqual(self.client.get("/resources/directory/export.json").status_code, 403)


class ImportTestCase(DirectoryTestCase):
    def post(self, name: str, data: bytes, url: str = "/resources/directory/import/"):
        self.login(self.eap_admin)
        return self.client.post(url, {"file": upload(name, data)})

    def test_an_ods_file_is_imported(self):
        rows = [
            ["機構", "服務名稱", "資源類別", "服務面向", "服務時間", "緯度", "經度"],
            ["員工協談室", "個別協談", "諮詢及協談", "情緒", "星期二 09:00-17:00", None, None],
            ["社會局", "福利諮詢", "社會福利", "family", "", "25.04", "121.56"],
        ]
        response = self.post("new.ods", sheet_bytes("ods", "資源", rows))
        self.assertTrue(response.context["outcome"].applied, response.context["outcome"].errors)
        talk = Service.objects.get(name="個別協談")
        self.assertEqual(talk.service_area, "emotion")
        self.assertEqual(talk.hours.get().weekday, 1)

    def test_one_bad_row_and_nothing_is_imported_each_row_named(self):
        rows = [
            ["機構", "服務名稱", "資源類別", "緯度", "經度"],
            ["好機構", "好服務", "心理相關", "25.0", "121.5"],
            ["壞機構", "缺經度", "心理相關", "25.0", None],
            ["壞機構", "怪類別", "算命", None, None],
            ["", "沒有機構", "", None, None],
        ]
        response = self.post("bad.ods", sheet_bytes("ods", "資源", rows))
        outcome = response.context["outcome"]
        self.assertFalse(outcome.applied)
        self.assertEqual(Service.objects.count(), 1)  # the base's entry only
        by_line = {error.line: error.message for error in outcome.errors}
        self.assertEqual(sorted(by_line), [3, 4, 5])
        self.assertIn("經度", by_line[3])
        self.assertIn("算命", by_line[4])
        self.assertIn("機構", by_line[5])
        self.assertContains(response, "資料均未匯入")

    def test_bad_json_is_refused_as_a_whole(self):
        response = self.post("d.json", b"{not json")
        self.assertIsNone(response.context["outcome"])
        self.assertTrue(response.context["form"].errors["file"])

    def test_an_hr_officer_cannot_overwrite_another_agencys_entry(self):
        self.login(self.other_hr)
        data = json.dumps([{"organisation": "民政處", "name": "法律扶助諮詢"}]).encode()
        response = self.client.post(
            "/resources/directory/import/", {"file": upload("d.json", data)}
        )
        self.assertFalse(response.context["outcome"].applied)
        self.legal.refresh_from_db()
        self.assertEqual(self.legal.category, "法律諮詢")

    def test_a_care_facility_list_lands_on_the_map(self):
        response = self.post("care.csv", CARE_CSV.encode(), "/resources/directory/map/import/")
        self.assertEqual(response.context["outcome"].created, 2)
        place = Service.objects.get(organisation__name="好日子日間照顧中心")
        self.assertEqual(place.category, "長期照顧等家庭照顧資訊及資源")
        self.assertEqual(str(place.latitude), "25.033000")

    def test_a_care_facility_without_coordinates_is_named(self):
        data = CARE_CSV.replace("25.0924,121.5265", ",").encode()
        response = self.post("care.csv", data, "/resources/directory/map/import/")
        outcome = response.context["outcome"]
        self.assertFalse(outcome.applied)
        self.assertEqual({e.line for e in outcome.errors}, {3})
        self.assertIn("緯度", outcome.errors[0].message)
        self.assertEqual(Service.objects.count(), 1)

    def test_the_import_page_answers_get_and_refuses_an_employee(self):
        self.login(self.eap_admin)
        self.assertEqual(self.client.get("/resources/directory/import/").status_code, 200)
        self.login(self.alice)
        self.assertEqual(self.client.get("/resources/directory/import/").status_code, 403)
