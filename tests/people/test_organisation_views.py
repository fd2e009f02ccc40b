"""The organisation import pages, the template downloads, the first-run page and its
home card (issue 13, item 7)."""

import shutil
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from anxin.core.models import Job
from anxin.people.models import Employee, OrgUnit
from anxin.people.organisation import template
from anxin.people.organisation.services import organisation_parse
from anxin.people.organisation.tasks import JOB_KIND
from anxin.people.roles import Role
from anxin.plans.loader import load_preset
from tests.base import BaseTestCase, give_role, make_employee, make_user
from tests.people.roster_files import csv_bytes

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
URL = "/people/organisation/import/"
HEADER = ["類型", "機關代碼", "名稱", "上級機關代碼"]


class PagesTestCase(TestCase):
    """A new authority: its plan is loaded, nothing else."""

    @classmethod
    def setUpTestData(cls):
        cls.plan = load_preset("taipei-114")
        cls.authority = cls.plan.authority
        cls.admin = make_user("newadmin")
        give_role(cls.admin, Role.EAP_ADMIN, cls.authority)

    def setUp(self):
        self.media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.media, ignore_errors=True)
        override = override_settings(MEDIA_ROOT=Path(self.media), TASKS=IMMEDIATE,
                                     LANGUAGE_CODE="zh-hant")  # fmt: skip
        override.enable()
        self.addCleanup(override.disable)
        BaseTestCase.login(self, self.admin)

    def upload(self, data: bytes, action: str, name: str = "組織.csv"):
        return self.client.post(URL, {"file": SimpleUploadedFile(name, data), "action": action})

    def test_the_page_shows_the_form_columns_and_templates(self):
        response = self.client.get(URL)
        self.assertContains(response, "匯入組織")
        self.assertContains(response, "上級機關代碼")
        self.assertContains(response, "/people/organisation/import/template.ods")
        self.assertContains(response, "預覽變更")

    def test_a_preview_lists_the_changes_and_changes_nothing(self):
        response = self.upload(template.template_csv(), "preview")
        job = Job.objects.get(owner=self.admin, kind=JOB_KIND)
        self.assertRedirects(response, f"/jobs/{job.uuid}/", fetch_redirect_response=False)
        self.assertEqual(job.status, Job.Status.SUCCEEDED)
        self.assertTrue(job.result["preview"])
        self.assertFalse(OrgUnit.objects.filter(code="379931000N").exists())
        report = self.client.get(f"{URL}{job.uuid}/")
        self.assertContains(report, "組織匯入預覽")
        self.assertContains(report, "範例市立中山國民小學")
        self.assertContains(report, "尚未變更任何資料")

    def test_an_import_applies_and_reports(self):
        self.upload(template.template_csv(), "apply")
        job = Job.objects.get(owner=self.admin, kind=JOB_KIND)
        self.assertTrue(job.result["applied"])
        self.assertTrue(OrgUnit.objects.filter(code="379931000N", kind="school").exists())
        report = self.client.get(f"{URL}{job.uuid}/")
        self.assertContains(report, "組織已匯入。")
        self.assertEqual(list((Path(self.media) / "imports").iterdir()), [])

    def test_a_wrong_file_reports_every_row_in_zh_hant(self):
        rows = [["部門", "379999000X", "甲", ""], ["單位", "", "乙", ""]]
        self.upload(csv_bytes(rows, header=HEADER), "apply")
        job = Job.objects.get(owner=self.admin, kind=JOB_KIND)
        self.assertEqual(job.status, Job.Status.FAILED)
        report = self.client.get(f"{URL}{job.uuid}/")
        self.assertContains(report, "類型「部門」不是機關、學校或單位。")
        self.assertContains(report, "單位須在「上級機關代碼」填寫所屬機關或學校的機關代碼。")
        self.assertContains(report, "<td>2</td>", html=False)
        self.assertContains(report, "<td>3</td>", html=False)

    def test_a_file_without_the_columns_is_answered_on_the_form(self):
        response = self.upload(csv_bytes([["x"]], header=["類型"]), "apply")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "標題列缺少這些欄位")
        self.assertFalse(Job.objects.exists())

    def test_every_template_download_reads_back(self):
        for fmt in template.TEMPLATE_WRITERS:
            with self.subTest(fmt=fmt):
                response = self.client.get(f"{URL}template.{fmt}")
                self.assertEqual(response.status_code, 200)
                self.assertIn(f"organisation-template.{fmt}", response["Content-Disposition"])
                rows = organisation_parse(response.content, f"t.{fmt}")
                self.assertEqual(len(rows), len(template.TEMPLATE_ROWS))


class FirstRunTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.plan = load_preset("taipei-114")
        cls.authority = cls.plan.authority
        cls.admin = make_user("newadmin")
        give_role(cls.admin, Role.EAP_ADMIN, cls.authority)

    def setUp(self):
        BaseTestCase.login(self, self.admin)

    def states(self, response) -> list[bool]:
        return [step.done for step in response.context["steps"]]

    def test_a_new_authority_has_its_plan_and_nothing_else(self):
        response = self.client.get("/people/first-run/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.states(response), [True, False, False, False, False])
        self.assertContains(response, "初次設定")
        self.assertContains(response, 'href="/people/organisation/import/"')
        self.assertContains(response, 'href="/people/roster/"')
        self.assertContains(response, "已完成 1／5 個步驟。")

    def test_steps_follow_the_data(self):
        agency = OrgUnit.objects.create(name="甲局", kind="agency", code="379999000X",
                                        parent=self.authority)  # fmt: skip
        agency.path = f"{self.authority.path}{agency.pk}/"
        agency.save()
        self.assertEqual(self.states(self.client.get("/people/first-run/"))[:3],
                         [True, True, False])  # fmt: skip
        make_employee(None, unit=agency, number="X1", name="甲")
        give_role(make_user("c1"), Role.COUNSELOR, self.authority)
        self.assertEqual(self.states(self.client.get("/people/first-run/")),
                         [True, True, True, True, False])  # fmt: skip

    def test_the_home_card_shows_the_steps_left_in_a_fixed_number_of_queries(self):
        response = self.client.get("/")
        self.assertContains(response, "方案初次設定")
        self.assertContains(response, 'href="/people/first-run/"')
        with CaptureQueriesContext(connection) as small:
            self.client.get("/people/first-run/")
        for n in range(5):
            unit = OrgUnit.objects.create(name=f"局{n}", kind="agency", code=f"37999900{n}X",
                                          parent=self.authority)  # fmt: skip
            unit.path = f"{self.authority.path}{unit.pk}/"
            unit.save()
            make_employee(None, unit=unit, number=f"N{n}", name="乙")
        with CaptureQueriesContext(connection) as large:
            self.client.get("/people/first-run/")
        self.assertEqual(len(small), len(large))

    def test_the_menu_offers_both_pages(self):
        response = self.client.get("/people/first-run/")
        self.assertContains(response, 'href="/people/organisation/import/"')
        self.assertContains(response, "組織匯入")


class NotAnEmployeeAdminTestCase(BaseTestCase):
    def test_an_hr_officer_is_refused(self):
        self.login(self.hr)
        self.assertEqual(self.client.get(URL).status_code, 403)
        self.assertEqual(self.client.get("/people/first-run/").status_code, 403)

    def test_employees_unchanged_by_a_page_view(self):
        self.login(self.eap_admin)
        self.client.get("/people/first-run/")
        self.assertEqual(Employee.objects.count(), 2)


class RosterPagePointsToTheOrganisationTestCase(BaseTestCase):
    def test_the_roster_page_says_where_agency_codes_come_from(self):
        self.login(self.eap_admin)
        response = self.client.get("/people/roster/")
        self.assertContains(response, "以「組織匯入」建立")
        self.assertContains(response, 'href="/people/organisation/import/"')
        self.login(self.hr)
        response = self.client.get("/people/roster/")
        self.assertNotContains(response, 'href="/people/organisation/import/"')
