"""The outreach pages: HR's overview, the imports (upload, preview, apply, report,
templates) and the employee's own setting (issue 14, item 3)."""

import shutil
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anxin.care.outreach import template
from anxin.care.outreach.models import LifeEvent, OutreachPreference, OutreachSend
from anxin.care.outreach.tasks import JOB_KIND
from anxin.core.models import Job
from anxin.people.models import OrgUnit
from anxin.people.services import orgunit_create
from tests.care.outreach_base import HEADERS, Kind, OutreachTestCase
from tests.people.roster_files import csv_bytes

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
OVERVIEW = "/care/outreach/"
IMPORT = "/care/outreach/import/life-events/"
MINE = "/care/outreach/mine/"


class PagesTestCase(OutreachTestCase):
    def setUp(self):
        self.media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.media, ignore_errors=True)
        override = override_settings(MEDIA_ROOT=Path(self.media), TASKS=IMMEDIATE,
                                     LANGUAGE_CODE="zh-hant")  # fmt: skip
        override.enable()
        self.addCleanup(override.disable)
        today = timezone.localdate()
        self.day = f"{today.year - 1911}/{today.month:02d}/{today.day:02d}"

    def upload(self, rows, action, url=IMPORT, kind=Kind.LIFE_EVENTS):
        data = csv_bytes(rows, header=HEADERS[kind])
        return self.client.post(url, {"file": SimpleUploadedFile("異動.csv", data),
                                      "action": action})  # fmt: skip

    def test_it_shows_the_import_page(self):
        self.login(self.hr)
        response = self.client.get(IMPORT)
        self.assertContains(response, "匯入：人事異動")
        self.assertContains(response, "異動類別")
        self.assertContains(response, "/care/outreach/import/life-events/template.ods")

    def test_an_unknown_kind_is_not_found(self):
        self.login(self.hr)
        self.assertEqual(self.client.get("/care/outreach/import/salaries/").status_code, 404)

    def test_a_preview_changes_nothing_and_reports(self):
        self.login(self.hr)
        response = self.upload([["E0001", "", "結婚", self.day]], "preview")
        job = Job.objects.get(owner=self.hr, kind=JOB_KIND)
        self.assertRedirects(response, f"/jobs/{job.uuid}/", fetch_redirect_response=False)
        self.assertFalse(LifeEvent.objects.exists())
        report = self.client.get(f"/care/outreach/report/{job.uuid}/")
        self.assertContains(report, "匯入預覽")
        self.assertContains(report, "尚未變更任何資料")

    def test_an_import_applies_and_reports_counts_only(self):
        self.login(self.hr)
        self.upload([["E0001", "王小美", "喪假", self.day]], "apply")
        job = Job.objects.get(owner=self.hr, kind=JOB_KIND)
        self.assertTrue(job.result["applied"])
        report = self.client.get(f"/care/outreach/report/{job.uuid}/")
        self.assertContains(report, "檔案已匯入。")
        self.assertNotContains(report, "王小美")
        self.assertNotContains(report, "E0001")
        self.assertEqual(list((Path(self.media) / "imports").iterdir()), [])

    def test_a_wrong_file_reports_its_rows(self):
        self.login(self.hr)
        self.upload([["E0002", "", "結婚", self.day]], "apply")
        job = Job.objects.get(owner=self.hr, kind=JOB_KIND)
        report = self.client.get(f"/care/outreach/report/{job.uuid}/")
        self.assertContains(report, "未做任何變更")
        self.assertContains(report, "員工編號 E0002 屬於您負責範圍以外的員工。")

    def test_a_report_is_its_owners_only(self):
        self.login(self.hr)
        self.upload([["E0001", "", "結婚", self.day]], "preview")
        job = Job.objects.get(owner=self.hr, kind=JOB_KIND)
        self.login(self.eap_admin)
        self.assertEqual(self.client.get(f"/care/outreach/report/{job.uuid}/").status_code, 404)

    def test_an_empty_post_is_answered_on_the_form(self):
        self.login(self.hr)
        response = self.client.post(IMPORT, {"action": "apply"})
        self.assertContains(response, "請選擇要上傳的檔案。")

    def test_a_file_without_the_columns_is_refused_on_the_form(self):
        self.login(self.hr)
        response = self.client.post(
            IMPORT,
            {"file": SimpleUploadedFile("a.csv", "甲,乙\n1,2\n".encode()), "action": "apply"},
        )
        self.assertContains(response, "標題列缺少這些欄位")
        self.assertFalse(Job.objects.exists())

    def test_templates_download_and_import_cleanly_as_previews(self):
        self.login(self.hr)
        for fmt in template.FORMATS:
            response = self.client.get(f"{IMPORT}template.{fmt}")
            self.assertEqual(response.status_code, 200)
            self.assertIn("attachment", response["Content-Disposition"])
        self.assertEqual(self.client.get(f"{IMPORT}template.pdf").status_code, 404)

    def test_the_wrong_method_and_outsiders_are_refused(self):
        self.login(self.hr)
        self.assertEqual(self.client.post(OVERVIEW).status_code, 405)
        self.assertEqual(self.client.delete(IMPORT).status_code, 405)
        self.login(self.alice)
        self.assertEqual(self.client.get(OVERVIEW).status_code, 403)
        self.assertEqual(self.client.get(IMPORT).status_code, 403)
        self.login(self.supervisor)
        self.assertEqual(self.client.get(OVERVIEW).status_code, 403)
        self.client.logout()
        self.assertEqual(self.client.get(OVERVIEW).status_code, 302)

    def test_the_overview_shows_imports_and_counts_by_unit_through_k(self):
        self.login(self.hr)
        self.upload([["E0001", "", "結婚", self.day]], "apply")
        response = self.client.get(OVERVIEW)
        self.assertContains(response, "異動.csv")
        self.assertContains(response, "各單位的關懷事由數")
        self.assertContains(response, "第一科")
        self.assertContains(response, "kanon-hidden")  # one person: hidden
        self.assertNotContains(response, "王小美")

    def test_the_overview_runs_a_fixed_number_of_queries(self):
        self.login(self.hr)
        self.client.get(OVERVIEW)

        def grow(n):
            today = timezone.localdate()
            for _ in range(n):
                unit = orgunit_create(name=f"科{OrgUnit.objects.count()}", kind="unit",
                                      parent=self.agency)  # fmt: skip
                OutreachSend.objects.create(unit=unit, reason="life_event", way="invitation",
                                            sent_on=today)  # fmt: skip

        grow(2)
        small = self.count_queries()
        grow(20)
        with self.assertNumQueries(small):
            self.client.get(OVERVIEW)

    def count_queries(self) -> int:
        with CaptureQueriesContext(connection) as queries:
            self.client.get(OVERVIEW)
        return len(queries)

    def test_the_employee_turns_outreach_messages_off_and_on(self):
        self.login(self.alice)
        response = self.client.get(MINE)
        self.assertContains(response, "關懷訊息")
        self.assertContains(response, "checked")
        response = self.client.post(MINE, {}, follow=True)
        self.assertContains(response, "您不會再收到這類訊息")
        self.assertTrue(OutreachPreference.objects.get(employee=self.alice_employee).messages_off)
        self.client.post(MINE, {"messages_on": "on"})
        self.assertFalse(OutreachPreference.objects.get(employee=self.alice_employee).messages_off)

    def test_the_employee_page_is_the_employees_only(self):
        self.login(self.hr)
        self.assertEqual(self.client.get(MINE).status_code, 403)
        self.login(self.alice)
        self.assertEqual(self.client.put(MINE).status_code, 405)
