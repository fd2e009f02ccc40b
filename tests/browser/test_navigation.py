"""Each role's menu bar fits the screen: at 1280×800 and 1366×768 the bar is one line and
no label breaks inside a word (today's 「首/頁」); at 375×667 (a phone) the menu folds
behind a toggle that the keyboard opens. Every state shown passes axe-core."""

import re

import pytest
from playwright.sync_api import Page, expect

from anxin.core.models import Notification
from anxin.people.models import RoleAssignment
from anxin.people.roles import Role
from tests.browser.conftest import PASSWORD, ROLES
from tests.browser.helpers import audit, sign_in, text

DESKTOPS = [{"width": 1280, "height": 800}, {"width": 1366, "height": 768}]
PHONE = {"width": 375, "height": 667}
SHOWN = re.compile(r"\bcollapse show\b")

# What of the bar does not sit on one line: the top-level items whose top differs from the
# first's, the labels whose text runs over more than one line box, the items past the
# right edge of the window, and a bar taller than its tallest item (a second row).
LAYOUT = """() => {
    const nav = document.querySelector("header nav.navbar");
    const row = nav.querySelector(":scope > .container-fluid");
    const items = [
        row.querySelector(".navbar-brand"),
        ...row.querySelectorAll(".navbar-nav > .nav-item"),
        ...row.querySelectorAll(".navbar-controls > *"),
    ].filter((el) => el.getClientRects().length);
    const name = (el) => el.textContent.trim().replace(/\\s+/g, " ");
    const first = items[1].getBoundingClientRect();
    const offRow = items.slice(1).filter((el) => {
        const box = el.getBoundingClientRect();
        return box.top >= first.bottom || box.bottom <= first.top;
    }).map(name);
    const lines = (el) => {  // the line boxes of the label's visible text
        const tops = new Set();
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const hidden = node.parentElement.closest(".visually-hidden");
            if (hidden || !node.textContent.trim()) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            for (const r of range.getClientRects()) tops.add(Math.round(r.top));
        }
        return tops.size;
    };
    const labels = [...row.querySelectorAll(".nav-link, .navbar-controls .btn")]
        .filter((el) => el.getClientRects().length);
    const broken = labels.filter((el) => lines(el) > 1).map(name);
    const style = getComputedStyle(row);
    const inner = row.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    const tallest = Math.max(...items.map((el) => el.getBoundingClientRect().height));
    const width = document.documentElement.clientWidth;
    const outside = items.filter((el) => el.getBoundingClientRect().right > width).map(name);
    return {offRow, broken, outside, inner, tallest, count: items.length};
}"""


def assert_one_line(page: Page) -> None:
    size = page.viewport_size
    layout = page.evaluate(LAYOUT)
    where = f"{page.url} at {size['width']}×{size['height']}"
    assert layout["count"] > 2, f"no menu bar on {where}"
    assert not layout["offRow"], f"menu items on a second row on {where}: {layout['offRow']}"
    assert not layout["broken"], f"labels broken over lines on {where}: {layout['broken']}"
    assert not layout["outside"], f"menu items past the right edge on {where}: {layout['outside']}"
    assert layout["inner"] <= layout["tallest"] + 1, f"the menu bar is two rows on {where}"


def assert_phone_menu(page: Page) -> None:
    """The menu hides behind the toggle, which Tab reaches and Enter opens and closes."""
    toggle = page.get_by_role("button", name=text("Show or hide the menu"))
    menu = page.locator("#main-menu")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_have_attribute("aria-controls", "main-menu")
    expect(menu).to_be_hidden()
    audit(page)

    page.locator("body").focus()
    for _ in range(5):  # the skip link, the brand, then the toggle
        page.keyboard.press("Tab")
        if toggle.evaluate("(el) => el === document.activeElement"):
            break
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")
    expect(menu).to_have_class(SHOWN)  # opened, the transition over
    expect(menu).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu.get_by_role("link", name=text("Home"), exact=True)).to_be_visible()
    audit(page)

    toggle.focus()
    page.keyboard.press("Enter")
    expect(menu).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")


def _sign_in(page, watch, base_url, person) -> None:
    # An unread message: its notice sits in the bar too.
    Notification.objects.create(recipient=person.user, subject="通知", body="測試")
    sign_in(page, base_url, person.username, PASSWORD, otp_key=person.otp_key, watch=watch)


@pytest.mark.browser
@pytest.mark.parametrize("role", ROLES)
def test_it_fits_each_roles_menu_on_one_line(role, page, watch, base_url, people):
    """A person of each role (with an unread message) sees the menu bar on one line at
    1280×800 and 1366×768, every label whole, and at 375×667 a collapsed menu that the
    keyboard opens; in English too the bar is one line at 1280 px. Each state passes the
    audit."""
    _sign_in(page, watch, base_url, people[role])
    for size in DESKTOPS:
        page.set_viewport_size(size)
        assert_one_line(page)
        audit(page, watch)
    page.set_viewport_size(PHONE)
    assert_phone_menu(page)

    # English labels are longer: the bar still fits at 1280 px.
    page.set_viewport_size(DESKTOPS[0])
    page.get_by_role("button", name="English", exact=True).focus()
    with page.expect_navigation():  # by keyboard: a pointer left on the bar would hover
        page.keyboard.press("Enter")
    assert_one_line(page)
    audit(page, watch)


@pytest.mark.browser
def test_it_fits_the_menu_of_a_person_with_several_roles(page, watch, base_url, people, org):
    """The intake coordinator who is also a counsellor and an employee has the longest
    menu and the role switch: the bar is still one line, and the account menu, opened
    with the keyboard, holds the switch and passes the audit."""
    person = people[Role.INTAKE]
    RoleAssignment.objects.create(user=person.user, role=Role.COUNSELOR, scope=org["authority"])
    RoleAssignment.objects.create(user=person.user, role=Role.HR, scope=org["agency"])
    _sign_in(page, watch, base_url, person)
    for size in DESKTOPS:
        page.set_viewport_size(size)
        assert_one_line(page)

    account = page.locator(".navbar-controls").get_by_role("button", name=text("Account"))
    account.focus()
    page.keyboard.press("Enter")
    switch = page.get_by_label(text("Acting as"))
    expect(switch).to_be_visible()
    audit(page, watch)

    page.set_viewport_size(PHONE)
    page.reload()
    assert_phone_menu(page)


@pytest.mark.browser
def test_the_error_pages_pass_the_audit(page, watch, base_url, people):
    """The 404 page, signed in (with the menu) and anonymous, and the 403 page of a staff
    page asked for by an employee: in the frame, audit-clean. (Chromium reports the 4xx
    status on the console, so these audits leave the console out.)"""
    _sign_in(page, watch, base_url, people[Role.EMPLOYEE])
    response = page.goto(f"{base_url}/no-such-page/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Page not found"))
    expect(page.get_by_role("link", name=text("Home"), exact=True)).to_be_visible()
    audit(page)

    response = page.goto(f"{base_url}/counselling/cases/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Not available in this role"))
    audit(page)

    page.context.clear_cookies()
    response = page.goto(f"{base_url}/no-such-page/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Page not found"))
    audit(page)


@pytest.mark.browser
def test_the_csrf_failure_page_passes_the_audit(page, watch, base_url, people):
    """A form sent without its CSRF cookie (it expired, or the browser dropped it) lands
    on the frame's own page, translated and audit-clean, not Django's bare one."""
    page.goto(f"{base_url}/account/sign-in/")
    page.context.clear_cookies()
    page.locator("#id_username").fill(people[Role.EMPLOYEE].username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.locator("main").get_by_role("button", name=text("Sign in")).click()
    assert posted.value.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(text("The form has expired"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant-TW")
    audit(page)
