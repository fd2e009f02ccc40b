"""The roster import in Debian's Chromium: an EAP administrator uploads a roster with a
bad row, follows the progress page to a report that names the row and changed nothing,
then uploads the corrected file and sees what it changed. Every page passes axe-core."""

import pytest
from playwright.sync_api import expect

from anxin.people.models import Employee
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, follow_menu, sign_in, text

HEADER = "員工編號,姓名,機關代碼,單位,人員類別,性別,出生日期,到職日期,電子郵件\n"
GOOD = "R0001,林美玲,379100000G,第一科,公務人員,女,074/03/15,103/08/01,\n"
BAD = "R0002,張志豪,379100000G,第一科,約聘僱人員,男,114/02/30,2016-02-15,\n"


@pytest.fixture
def immediate_tasks(settings):
    """The live server runs the import task at once, as a worker would shortly after."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _upload(page, tmp_path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(HEADER + content, encoding="utf-8")
    page.get_by_label(text("Roster file")).set_input_files(str(path))
    with page.expect_navigation():
        page.get_by_role("button", name=text("Check and import")).click()


def _follow_to_report(page) -> None:
    link = page.get_by_role("link", name=text("See the result"))
    expect(link).to_be_visible()
    with page.expect_navigation():
        link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Roster import report"))


@pytest.mark.browser
def test_it_imports_a_roster_all_or_nothing(
    page, watch, base_url, people, tmp_path, immediate_tasks
):
    admin = people["eap_admin"]
    sign_in(page, base_url, admin.username, PASSWORD, otp_key=admin.otp_key, watch=watch)
    follow_menu(page, "Roster import")  # in the drop-down of people and organisation
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Import the staff roster"))
    audit(page, watch)

    before = Employee.objects.count()
    _upload(page, tmp_path, "roster-bad.csv", GOOD + BAD)
    audit(page, watch)  # the progress page
    _follow_to_report(page)
    problems = page.get_by_role("table", name=text("Problems found, by row of the spreadsheet"))
    expect(problems.get_by_role("row").filter(has_text="3")).to_have_count(1)
    assert Employee.objects.count() == before
    audit(page, watch)

    page.goto(f"{base_url}/people/roster/")
    _upload(page, tmp_path, "roster-good.csv", GOOD)
    _follow_to_report(page)
    expect(page.get_by_role("status")).to_have_text(text("The roster was imported."))
    assert Employee.objects.filter(number="R0001", is_active=True).exists()
    audit(page, watch)
