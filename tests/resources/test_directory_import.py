"""Import and export of the directory as JSON and ODS, and of public long-term-care
facility lists as CSV or ODS: checked whole on the form, then previewed or imported in the
background (anxin/core/imports.py), all or nothing, with row-by-row zh-Hant messages."""

import json
import shutil
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from anxin.core.jobs import job_give_up
from anxin.core.models import Job
from anxin.core.sheets import sheet_bytes
from anxin.resources.directory.models import Service
from anxin.resources.directory.tasks import JOB_KIND, directory_import_given_up
from tests.resources.directory_base import DirectoryTestCase

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CARE_CSV = (
    "機構名稱,服務項目,地址,行政區,緯度,經度,電話\n"
    "好日子日間照顧中心,日間照顧,松仁路100號,信義區,25.033,121.5673,02-2723-0000\n"
    "安家居家長照機構,居家服務,中正路439號,士林區,25.0924,121.5265,02-2881-0000\n"
)
IMPORT = "/resources/directory/import/"
CARE_IMPORT = "/resources/directory/map/import/"


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


class ImportPageTestCase(DirectoryTestCase):
    """The import runs as its task at once (as a worker would shortly after); the upload
    is kept under a temporary MEDIA_ROOT until it has ended."""

    def setUp(self):
        media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, media, ignore_errors=True)
        self.imports = Path(media) / "imports"
        override = override_settings(MEDIA_ROOT=Path(media), TASKS=IMMEDIATE,
                                     LANGUAGE_CODE="zh-hant")  # fmt: skip
        override.enable()
        self.addCleanup(override.disable)

    def send(self, name: str, data: bytes, url: str = IMPORT, action: str = "apply"):
        """Upload a file (`action` "apply" or "preview") and open the report its job
        links to; the upload's own answer when the file was refused on the form."""
        response = self.client.post(url, {"file": upload(name, data), "action": action})
        if response.status_code != 302:
            return response
        job = Job.objects.filter(kind=JOB_KIND).latest("created_at")
        self.assertRedirects(response, f"/jobs/{job.uuid}/", fetch_redirect_response=False)
        self.assertEqual(job.result["next_url"], f"{IMPORT}{job.uuid}/")
        return self.client.get(job.result["next_url"])

    def post(self, name: str, data: bytes, url: str = IMPORT, action: str = "apply"):
        self.login(self.eap_admin)
        return self.send(name, data, url, action)


class ExportTestCase(ImportPageTestCase):
    def test_json_export_reads_back_as_the_same_entries(self):
        self.login(self.eap_admin)
        response = self.client.get("/resources/directory/export.json")
        entries = json.loads(response.content)["entries"]
        self.assertEqual(entries[0]["name"], "法律扶助諮詢")
        self.assertEqual(entries[0]["hours"], "星期一 09:30-12:00 六樓第一會議室")
        report = self.send("d.json", response.content)
        self.assertEqual(report.context["counts"]["updated"], 1)
        self.assertEqual(Service.objects.count(), 1)

    def test_ods_export_reads_back(self):
        self.login(self.eap_admin)
        response = self.client.get("/resources/directory/export.ods")
        self.assertEqual(response["Content-Type"], "application/vnd.oasis.opendocument.spreadsheet")
        report = self.send("d.ods", response.content)
        self.assertTrue(report.context["result"]["applied"], report.context["errors"])
        self.assertEqual(report.context["counts"]["updated"], 1)

    def test_an_unknown_format_is_404_and_an_employee_may_not_export(self):
        self.login(self.eap_admin)
        self.assertEqual(self.client.get("/resources/directory/export.xml").status_code, 404)
        self.login(self.alice)
        self.assertEqual(self.client.get("/resources/directory/export.json").status_code, 403)


class ImportTestCase(ImportPageTestCase):
    def test_an_ods_file_is_imported(self):
        rows = [
            ["機構", "服務名稱", "資源類別", "服務面向", "服務時間", "緯度", "經度"],
            ["員工協談室", "個別協談", "諮詢及協談", "情緒", "星期二 09:00-17:00", None, None],
            ["社會局", "福利諮詢", "社會福利", "family", "", "25.04", "121.56"],
        ]
        response = self.post("new.ods", sheet_bytes("ods", "資源", rows))
        self.assertTrue(response.context["result"]["applied"], response.context["errors"])
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
        self.assertFalse(response.context["result"]["applied"])
        self.assertEqual(Service.objects.count(), 1)  # the base's entry only
        by_line = {error.line: error.message for error in response.context["errors"]}
        self.assertEqual(sorted(by_line), [3, 4, 5])
        self.assertIn("經度", by_line[3])
        self.assertIn("算命", by_line[4])
        self.assertIn("機構", by_line[5])
        self.assertContains(response, "未做任何變更")  # nothing was changed

    def test_bad_json_is_refused_as_a_whole(self):
        response = self.post("d.json", b"{not json")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["file"])
        self.assertFalse(Job.objects.exists())

    def test_an_hr_officer_cannot_overwrite_another_agencys_entry(self):
        self.login(self.other_hr)
        data = json.dumps([{"organisation": "民政處", "name": "法律扶助諮詢"}]).encode()
        response = self.send("d.json", data)
        self.assertFalse(response.context["result"]["applied"])
        self.legal.refresh_from_db()
        self.assertEqual(self.legal.category, "法律諮詢")

    def test_a_care_facility_list_lands_on_the_map(self):
        response = self.post("care.csv", CARE_CSV.encode(), CARE_IMPORT)
        self.assertEqual(response.context["counts"]["created"], 2)
        place = Service.objects.get(organisation__name="好日子日間照顧中心")
        self.assertEqual(place.category, "長期照顧等家庭照顧資訊及資源")
        self.assertEqual(str(place.latitude), "25.033000")

    def test_a_care_facility_without_coordinates_is_named(self):
        data = CARE_CSV.replace("25.0924,121.5265", ",").encode()
        response = self.post("care.csv", data, CARE_IMPORT)
        errors = response.context["errors"]
        self.assertFalse(response.context["result"]["applied"])
        self.assertEqual({e.line for e in errors}, {3})
        self.assertIn("緯度", errors[0].message)
        self.assertEqual(Service.objects.count(), 1)

    def test_the_import_page_answers_get_and_refuses_an_employee(self):
        self.login(self.eap_admin)
        self.assertEqual(self.client.get("/resources/directory/import/").status_code, 200)
        self.login(self.alice)
        self.assertEqual(self.client.get("/resources/directory/import/").status_code, 403)


class PreviewTestCase(ImportPageTestCase):
    """A preview checks every row and counts what the file would do; nothing is written
    until the same file is imported with "Check and import"."""

    ROWS = [
        ["機構", "服務名稱", "資源類別", "緯度", "經度"],
        ["民政處", "法律扶助諮詢", "法律諮詢", None, None],
        ["新機構", "新服務", "心理相關", "25.0", "121.5"],
    ]

    def test_a_preview_counts_and_writes_nothing(self):
        report = self.post("new.ods", sheet_bytes("ods", "資源", self.ROWS), action="preview")
        self.assertTrue(report.context["result"]["preview"])
        self.assertFalse(report.context["result"]["applied"])
        self.assertEqual(report.context["counts"], {"created": 1, "updated": 1})
        self.assertContains(report, "「檢查並匯入」")
        self.assertEqual(Service.objects.count(), 1)
        self.assertEqual(Job.objects.get().status, Job.Status.SUCCEEDED)
        self.assertEqual(list(self.imports.iterdir()), [])  # the upload is not kept

    def test_a_post_without_an_action_previews(self):
        self.login(self.eap_admin)
        self.client.post(IMPORT, {"file": upload("new.ods", sheet_bytes("ods", "資源", self.ROWS))})
        self.assertTrue(Job.objects.get().result["preview"])
        self.assertEqual(Service.objects.count(), 1)

    def test_a_preview_names_the_bad_rows_too(self):
        rows = [*self.ROWS, ["壞機構", "怪類別", "算命", None, None]]
        report = self.post("bad.ods", sheet_bytes("ods", "資源", rows), action="preview")
        self.assertEqual([e.line for e in report.context["errors"]], [4])
        self.assertIn("算命", report.context["errors"][0].message)
        self.assertEqual(Job.objects.get().status, Job.Status.FAILED)

    def test_one_bad_row_and_the_good_ones_are_not_written_either(self):
        """All or nothing: the good row before the bad one is not imported."""
        rows = [*self.ROWS, ["壞機構", "缺緯度", "心理相關", None, "121.5"]]
        report = self.post("bad.ods", sheet_bytes("ods", "資源", rows))
        self.assertFalse(report.context["result"]["applied"])
        self.assertEqual(report.context["result"]["error_total"], 1)
        self.assertFalse(Service.objects.filter(name="新服務").exists())
        self.legal.refresh_from_db()
        self.assertEqual(self.legal.category, "法律諮詢")
        # The report lists the row and what is wrong, in the page's table.
        self.assertContains(report, "<td>4</td>", html=False)
        self.assertContains(report, "緯度")


class ReportTestCase(ImportPageTestCase):
    def test_the_report_is_its_importers_only_and_listed_on_the_page(self):
        report = self.post("care.csv", CARE_CSV.encode(), CARE_IMPORT, action="preview")
        job = Job.objects.get()
        self.assertTrue(job.result["care"])
        self.assertContains(report, "/resources/directory/map/import/")
        self.assertContains(self.client.get(CARE_IMPORT), f"{IMPORT}{job.uuid}/")
        self.assertNotContains(self.client.get(IMPORT), f"{IMPORT}{job.uuid}/")
        self.login(self.other_hr)
        self.assertEqual(self.client.get(f"{IMPORT}{job.uuid}/").status_code, 404)
        self.login(self.alice)
        self.assertEqual(self.client.get(f"{IMPORT}{job.uuid}/").status_code, 403)

    def test_giving_up_reports_the_stop_and_removes_the_file(self):
        self.login(self.eap_admin)
        with override_settings(TASKS=DUMMY):  # queued only: the test gives it up itself
            self.client.post(CARE_IMPORT, {"file": upload("c.csv", CARE_CSV.encode())})
        job = Job.objects.get()
        job_give_up(task_id=job.task_id, failure=Job.Failure.ERROR)  # as the worker does
        (stored,) = self.imports.iterdir()
        scope, owner = self.authority.pk, self.eap_admin.pk
        args = ("c.csv", "eap_admin", scope, owner, True, "zh-hant", True)
        directory_import_given_up(str(job.uuid), stored.name, *args)
        job.refresh_from_db()
        self.assertTrue(job.result["crashed"])
        self.assertEqual(list(self.imports.iterdir()), [])
        self.assertContains(self.client.get(f"{IMPORT}{job.uuid}/"), "未做任何變更")
