"""The care map's facility-list import in Debian's Chromium: an EAP administrator previews
a list with a facility missing its coordinates, follows the progress page to a report that
names the row and changed nothing, then imports the corrected list and sees the counts.
Every page passes axe-core."""

import pytest
from playwright.sync_api import expect

from anxin.resources.directory.models import Service
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, sign_in, text
from tests.resources.directory_base import make_plan

HEADER = "機構名稱,服務項目,地址,行政區,緯度,經度\n"
GOOD = "好日子日間照顧中心,日間照顧,松仁路100號,信義區,25.033,121.5673\n"
NO_LATITUDE = "安家居家長照機構,居家服務,中正路439號,士林區,,121.5265\n"


@pytest.fixture
def immediate_tasks(settings):
    """The live server runs the import task at once, as a worker would shortly after."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _send(page, tmp_path, name: str, content: str, button: str) -> None:
    path = tmp_path / name
    path.write_text(HEADER + content, encoding="utf-8")
    page.locator("#id_file").set_input_files(str(path))
    with page.expect_navigation():
        page.get_by_role("button", name=text(button)).click()
    link = page.get_by_role("link", name=text("See the result"))
    expect(link).to_be_visible()
    with page.expect_navigation():
        link.click()


@pytest.mark.browser
def test_it_previews_names_the_bad_row_and_imports_all_or_nothing(
    page, watch, base_url, people, org, tmp_path, immediate_tasks
):
    make_plan(org["authority"])
    admin = people["eap_admin"]
    sign_in(page, base_url, admin.username, PASSWORD, otp_key=admin.otp_key, watch=watch)
    page.goto(f"{base_url}/resources/directory/map/import/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        text("Import a long-term-care facility list")
    )
    audit(page, watch)

    _send(page, tmp_path, "care-bad.csv", GOOD + NO_LATITUDE, "Preview the changes")
    problems = page.get_by_role("table", name=text("Problems found, by row of the spreadsheet"))
    expect(problems.get_by_role("row").filter(has_text="3")).to_have_count(1)
    assert not Service.objects.exists()
    audit(page, watch)

    page.goto(f"{base_url}/resources/directory/map/import/")
    _send(page, tmp_path, "care-good.csv", GOOD, "Check and import")
    expect(page.get_by_role("status")).to_contain_text("1")
    assert Service.objects.filter(organisation__name="好日子日間照顧中心").exists()
    audit(page, watch)
