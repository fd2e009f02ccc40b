"""The roster pages: upload, the background task with its job page, the report and the
template downloads."""

import shutil
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from anxin.core.jobs import job_create
from anxin.core.models import Job
from anxin.people.models import Employee
from anxin.people.roster import roster_parse
from anxin.people.tasks import JOB_KIND
from tests.base import BaseTestCase, give_role, make_user
from tests.people.roster_files import GOOD_ROWS, HEADER, csv_bytes, xlsx_bytes

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
URL = "/people/roster/"


class RosterPageTestCase(BaseTestCase):
    def setUp(self):
        self.media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.media, ignore_errors=True)
        override = override_settings(MEDIA_ROOT=Path(self.media), TASKS=IMMEDIATE,
                                     LANGUAGE_CODE="zh-hant")  # fmt: skip
        override.enable()
        self.addCleanup(override.disable)

    def upload(self, data: bytes, name: str = "名冊.csv", **extra):
        return self.client.post(URL, {"file": SimpleUploadedFile(name, data)}, **extra)

    def stored_files(self) -> list[Path]:
        folder = Path(self.media) / "imports"
        return list(folder.iterdir()) if folder.exists() else []


class UploadTestCase(RosterPageTestCase):
    def test_it_shows_the_form_the_templates_and_recent_imports(self):
        self.login(self.eap_admin)
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'enctype="multipart/form-data"')
        self.assertContains(response, "/people/roster/template.xlsx")
        self.assertContains(response, "員工編號")

    def test_it_imports_in_the_background_and_reports_the_counts(self):
        """The upload becomes a job; its page links to the report, which counts."""
        self.login(self.eap_admin)
        response = self.upload(csv_bytes(GOOD_ROWS))
        job = Job.objects.get(owner=self.eap_admin, kind=JOB_KIND)
        self.assertRedirects(response, f"/jobs/{job.uuid}/", fetch_redirect_response=False)
        self.assertEqual(job.status, Job.Status.SUCCEEDED)
        self.assertEqual(job.percent, 100)
        self.assertEqual(job.result["counts"]["created"], 2)
        self.assertEqual(Employee.objects.filter(number="E0003").count(), 1)

        report_url = f"/people/roster/{job.uuid}/"
        self.assertEqual(job.result["next_url"], report_url)
        self.assertContains(self.client.get(f"/jobs/{job.uuid}/"), report_url)
        report = self.client.get(report_url)
        self.assertContains(report, "名冊.csv")
        self.assertEqual(report.context["counts"]["deactivated"], 1)
        self.assertContains(self.client.get(URL), report_url)
        # The uploaded roster (with birth dates) is not kept once imported.
        self.assertEqual(self.stored_files(), [])

    def test_it_reports_row_by_row_in_chinese_and_applies_nothing(self):
        self.login(self.hr)
        rows = [*GOOD_ROWS[:2], ["E0005", "", "379100000G", "", "公務人員", "女", "114/02/30",
                                 "114/01/02", ""]]  # fmt: skip
        before = Employee.objects.count()
        self.upload(xlsx_bytes(rows), "roster.xlsx")
        job = Job.objects.get(owner=self.hr, kind=JOB_KIND)
        self.assertEqual(job.status, Job.Status.FAILED)
        self.assertEqual(Employee.objects.count(), before)
        report = self.client.get(f"/people/roster/{job.uuid}/")
        self.assertContains(report, "未做任何變更")
        self.assertContains(report, "姓名")
        self.assertContains(report, "<td>4</td>", count=2)
        self.assertContains(report, "114/02/30")

    def test_it_keeps_bad_input_on_the_form(self):
        """No file, a wrong kind, an empty file, a header lacking columns: the form
        answers and no job starts."""
        self.login(self.eap_admin)
        cases = [
            (self.client.post(URL, {}), "請選擇要上傳的名冊檔案"),
            (self.upload(b"%PDF-1.4", "roster.pdf"), "roster.pdf"),
            (self.upload(b"", "roster.csv"), "檔案是空的"),
            (self.upload(csv_bytes(GOOD_ROWS, header=HEADER[:3]), "r.csv"), "人員類別"),
        ]
        for response, text in cases:
            with self.subTest(text=text):
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, text)
                self.assertTrue(response.context["form"].errors)
        self.assertFalse(Job.objects.exists())
        self.assertEqual(self.stored_files(), [])

    @override_settings(TASKS=DUMMY)
    def test_it_stores_the_upload_privately_until_a_worker_takes_it(self):
        self.login(self.eap_admin)
        self.upload(csv_bytes(GOOD_ROWS))
        job = Job.objects.get(kind=JOB_KIND)
        self.assertEqual(job.status, Job.Status.QUEUED)
        (stored,) = self.stored_files()
        self.assertEqual(stored.name, f"{job.uuid}.csv")
        self.assertEqual(stored.stat().st_mode & 0o777, 0o600)
        report = self.client.get(f"/people/roster/{job.uuid}/")
        self.assertContains(report, f"/jobs/{job.uuid}/")

    def test_it_refuses_the_wrong_method(self):
        self.login(self.eap_admin)
        self.assertEqual(self.client.put(URL).status_code, 405)
        self.assertEqual(self.client.delete(URL).status_code, 405)

    def test_it_sends_an_anonymous_visitor_to_sign_in(self):
        response = self.client.get(URL)
        self.assertRedirects(
            response, "/account/sign-in/?next=/people/roster/", fetch_redirect_response=False
        )
        self.assertEqual(self.upload(csv_bytes(GOOD_ROWS)).status_code, 302)
        self.assertFalse(Job.objects.exists())

    def test_it_refuses_an_employee_and_a_counselor(self):
        for person in (self.alice, self.counselor):
            self.login(person)
            self.assertEqual(self.client.get(URL).status_code, 403)
            self.assertEqual(self.upload(csv_bytes(GOOD_ROWS)).status_code, 403)
        self.assertFalse(Job.objects.exists())


class ReportTestCase(RosterPageTestCase):
    def test_it_shows_a_report_to_its_owner_only(self):
        self.login(self.hr)
        self.upload(csv_bytes(GOOD_ROWS[1:2]))
        job = Job.objects.get(kind=JOB_KIND)
        url = f"/people/roster/{job.uuid}/"
        self.assertEqual(self.client.get(url).status_code, 200)

        other_hr = make_user("other-hr")
        give_role(other_hr, "hr", self.agency)
        for person in (self.eap_admin, other_hr):
            self.login(person)
            self.assertEqual(self.client.get(url).status_code, 404)
        self.login(self.outsider)  # an employee (Alice left with the import)
        self.assertEqual(self.client.get(url).status_code, 403)

    def test_it_answers_404_for_another_kind_of_job(self):
        job = job_create(kind="report", owner=self.eap_admin)
        self.login(self.eap_admin)
        self.assertEqual(self.client.get(f"/people/roster/{job.uuid}/").status_code, 404)

    def test_it_refuses_the_wrong_method(self):
        job = job_create(kind=JOB_KIND, owner=self.eap_admin)
        self.login(self.eap_admin)
        self.assertEqual(self.client.post(f"/people/roster/{job.uuid}/").status_code, 405)


class TemplateDownloadTestCase(RosterPageTestCase):
    def test_it_serves_each_format(self):
        self.login(self.hr)
        for fmt, start in (("csv", "\ufeff員工編號".encode()), ("xlsx", b"PK"), ("ods", b"PK")):
            with self.subTest(fmt=fmt):
                response = self.client.get(f"/people/roster/template.{fmt}")
                self.assertEqual(response.status_code, 200)
                self.assertTrue(response.content.startswith(start))
                self.assertIn(f"roster-template.{fmt}", response["Content-Disposition"])

    def test_it_matches_the_documented_files(self):
        """docs/roster-template.* are what `anxin roster-template` writes: the CSV and XLSX
        byte for byte (fixed archive times), the ODS row for row (odfpy's namespace list
        depends on what the process loaded before)."""
        docs = Path(__file__).resolve().parents[2] / "docs"
        self.login(self.hr)
        for fmt in ("csv", "xlsx", "ods"):
            with self.subTest(fmt=fmt):
                served = self.client.get(f"/people/roster/template.{fmt}").content
                documented = (docs / f"roster-template.{fmt}").read_bytes()
                if fmt == "ods":
                    self.assertEqual(
                        roster_parse(documented, "t.ods"), roster_parse(served, "t.ods")
                    )
                else:
                    self.assertEqual(documented, served)

    def test_it_answers_404_for_another_format_and_refuses_outsiders(self):
        self.login(self.hr)
        self.assertEqual(self.client.get("/people/roster/template.pdf").status_code, 404)
        self.assertEqual(self.client.post("/people/roster/template.csv").status_code, 405)
        self.login(self.alice)
        self.assertEqual(self.client.get("/people/roster/template.csv").status_code, 403)
        self.client.logout()
        self.assertEqual(self.client.get("/people/roster/template.csv").status_code, 302)
