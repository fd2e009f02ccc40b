"""The survey export in Debian's Chromium: an hr officer opens a survey with enough
answers, starts an XLSX export, follows the progress page and downloads a file that
reads back as the answers. Every page passes axe-core."""

import io

import pytest
from playwright.sync_api import expect

from anxin.people.models import Employee
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, sign_in, text, visit
from tests.surveys.base import definition, make_survey, publish, question


@pytest.fixture
def immediate_tasks(settings):
    """The live server runs the export task at once, as a worker would shortly after."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.mark.browser
def test_it_exports_a_survey_as_xlsx(page, watch, base_url, people, org, immediate_tasks):
    from datetime import timedelta

    from anxin.surveys import ballots, services

    hr = people["hr"]
    data = definition(
        question("pick", "single", options=["是", "否"]), question("wish", "long_text")
    )
    version = publish(owner=org["agency"], actor=hr.user, data=data)
    survey = make_survey(version, owner=org["agency"], actor=hr.user)
    for number in range(6):
        employee = Employee.objects.create(
            authority=org["authority"], unit=org["unit"], number=f"X{number}",
            name=f"填答者{number}", staff_category=Employee.StaffCategory.CIVIL_SERVANT,
            gender=Employee.Gender.MALE, birth_date="1980-01-01", hire_date="2010-01-01",
        )  # fmt: skip
        answers = {"pick": "是" if number % 2 else "否", "wish": "紓壓課程"}
        services.answer_submit(survey=survey, employee=employee, answers=answers)
    # Written as the survey_ballots job writes them after closing (decision 0019).
    ballots.survey_ballots_count(survey=survey, today=survey.closes_on + timedelta(days=1))

    sign_in(page, base_url, hr.username, PASSWORD, otp_key=hr.otp_key, watch=watch)
    visit(page, f"{base_url}/surveys/manage/surveys/{survey.uuid}/", watch)
    with page.expect_navigation():
        page.get_by_role("link", name=text("Export results or answers")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Export results or answers"))
    audit(page, watch)

    page.get_by_label(text("XLSX (Excel)")).check()
    with page.expect_navigation():
        page.get_by_role("button", name=text("Start the export")).click()
    audit(page, watch)  # the progress page
    link = page.get_by_role("link", name=text("See the result"))
    expect(link).to_be_visible()
    with page.expect_download() as download_info:
        link.click()
    import openpyxl

    content = download_info.value.path().read_bytes()
    rows = list(openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    assert len(rows) == 7
    assert sorted(row[2] for row in rows[1:]) == ["否", "否", "否", "是", "是", "是"]
    assert all(len(row) == 3 for row in rows)  # the free text was not asked for

    visit(page, f"{base_url}/surveys/manage/surveys/{survey.uuid}/export/", watch)
    expect(page.get_by_role("table")).to_contain_text("XLSX")


@pytest.mark.browser
def test_it_makes_the_pdf_report_of_a_closed_survey(
    page, watch, base_url, people, org, immediate_tasks
):
    """From the analysis page of a closed survey to the PDF report: the export page comes
    with the report chosen, the progress page links to a PDF."""
    from datetime import timedelta

    from django.utils import timezone

    from anxin.surveys import ballots, services
    from anxin.surveys.models import Survey

    hr = people["hr"]
    data = definition(question("pick", "single", options=["是", "否"]), title="年度需求調查")
    version = publish(owner=org["agency"], actor=hr.user, data=data)
    survey = make_survey(version, owner=org["agency"], actor=hr.user, title="年度需求調查")
    for number in range(6):
        employee = Employee.objects.create(
            authority=org["authority"], unit=org["unit"], number=f"Y{number}",
            name=f"填答者{number}", staff_category=Employee.StaffCategory.CIVIL_SERVANT,
            gender=Employee.Gender.MALE, birth_date="1980-01-01", hire_date="2010-01-01",
        )  # fmt: skip
        services.answer_submit(survey=survey, employee=employee, answers={"pick": "是"})
    today = timezone.localdate()
    Survey.objects.filter(pk=survey.pk).update(
        opens_on=today - timedelta(days=10), closes_on=today - timedelta(days=1)
    )
    survey.refresh_from_db()
    ballots.survey_ballots_count(survey=survey, today=today)  # the job's closing batch

    sign_in(page, base_url, hr.username, PASSWORD, otp_key=hr.otp_key, watch=watch)
    visit(page, f"{base_url}/surveys/manage/surveys/{survey.uuid}/analysis/", watch)
    audit(page, watch)
    with page.expect_navigation():
        page.get_by_role("link", name=text("PDF report with charts")).click()
    expect(page.get_by_label(text("PDF report with charts"))).to_be_checked()
    audit(page, watch)
    with page.expect_navigation():
        page.get_by_role("button", name=text("Start the export")).click()
    link = page.get_by_role("link", name=text("See the result"))
    expect(link).to_be_visible()
    with page.expect_download() as download_info:
        link.click()
    assert download_info.value.path().read_bytes().startswith(b"%PDF")
    assert download_info.value.suggested_filename.endswith(".pdf")
