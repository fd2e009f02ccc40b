"""The service results and the evaluation dossier in Debian's Chromium: the external
reviewer signs in with two factors, opens both from the menu; the pages pass axe-core's
WCAG 2.2 AA rules and name nobody."""

import pytest
from playwright.sync_api import expect

from anxin.plans.loader import load_preset
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, follow_menu, sign_in, text


@pytest.fixture
def plan(org):
    return load_preset("taipei-114")


@pytest.mark.browser
def test_the_reviewer_reads_the_results_and_the_dossier(page, watch, base_url, people, plan):
    """The reviewer's home links both pages; the dashboard shows a chart with its table,
    the dossier its sections, each audit-clean, and neither shows the employee's name."""
    person = people["reviewer"]
    sign_in(page, base_url, person.username, PASSWORD, otp_key=person.otp_key, watch=watch)
    expect(page.get_by_role("heading", level=1)).to_have_text(text("External reviewer"))

    follow_menu(page, "Service results")
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Service results"))
    expect(page.locator("figure svg").first).to_be_visible()
    expect(page.locator("table.report-table").first).to_be_visible()
    audit(page, watch)
    assert "王小美" not in page.content()

    follow_menu(page, "Evaluation dossier")
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Evaluation dossier"))
    expect(page.get_by_text(text("No data yet")).first).to_be_visible()
    audit(page, watch)
