"""The plan pages in Debian's Chromium: the EAP administrator reaches them from the menu,
and the list and every preset's page pass axe-core's WCAG 2.2 AA rules."""

import pytest
from playwright.sync_api import expect

from anxin.plans.loader import preset_slugs, read_preset
from anxin.plans.services import plans_load
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, follow_menu, sign_in, text


@pytest.mark.browser
def test_every_preset_page_passes_the_audit(page, watch, base_url, people, org):
    """Each preset, loaded for the test authority, is listed and its page audited."""
    documents = [read_preset(slug) for slug in preset_slugs()]
    for document in documents:
        document.data["authority"] = {"name": org["authority"].name, "code": org["authority"].code}
    plans = [load.plan for load in plans_load(documents=documents)]
    admin = people["eap_admin"]
    sign_in(page, base_url, admin.username, PASSWORD, otp_key=admin.otp_key, watch=watch)

    follow_menu(page, "Plans")
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Programme plans"))
    audit(page, watch)

    for plan in plans:
        with page.expect_navigation():
            page.get_by_role("link", name=plan.name, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(plan.name)
        audit(page, watch)
        page.go_back()
