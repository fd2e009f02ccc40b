"""The well-being questionnaire (the outcome measure, decisions 0072 and 0079) in Debian's
Chromium, answered with the keyboard only: the employee opens it from "My counselling
requests", leaves an answer out (the page keeps what she chose and says in Chinese what is
missing), answers it with her consent; after the case is closed she answers it once more
and the pair is counted; on a later case she declines it. Every page passes axe-core's
WCAG 2.2 AA rules."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from anxin.assessments.services import instruments_load
from anxin.counseling import services
from anxin.counseling.outcomes.forms import CONSENT_STATEMENT
from anxin.counseling.outcomes.models import OutcomeMeasure, OutcomeTally
from anxin.people.models import Employee
from anxin.people.roles import Role
from anxin.plans.loader import load_preset
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import PageWatch, audit, follow_menu, sign_in, text

ITEMS = ("cheerful", "calm", "active", "rested", "interest")
VALUES = (5, 4, 3, 2, 1, 0)  # the options' order on the page (WHO-5's scale)


def _open_case(people) -> OutcomeMeasure:
    """A request of 王小美's opened as a case by the intake coordinator: the case offers
    the questionnaire."""
    employee = Employee.objects.get(number="E0001")
    item = services.request_submit(
        employee=employee, plan=load_preset("taipei-114"), concern="emotion", urgency="soon",
        mode="phone", gender_preference="any", contact_method="phone",
        contact_value="0912-345-678", details="", preferred_times="",
    )  # fmt: skip
    case = services.case_open(
        item=item, counselor=people[Role.COUNSELOR].user, actor=people[Role.INTAKE].user
    )
    return OutcomeMeasure.objects.get(case=case)


def _focused(page: Page) -> dict:
    return page.evaluate(
        "() => ({name: document.activeElement.name || '', type: document.activeElement.type || '',"
        " text: (document.activeElement.textContent || '').trim()})"
    )


def _tab_to(page: Page, *, name: str = "", button: str = "") -> None:
    """Press Tab until the control named `name` (or the button reading `button`) has the
    focus, as a keyboard user moves through the page."""
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if (name and focused["name"] == name) or (
            button and focused["type"] == "submit" and focused["text"] == button
        ):
            return
    raise AssertionError(f"Tab never reached {name or button!r}")


def _choose(page: Page, key: str, value: int) -> None:
    """Tab into the item's group of options and pick `value` with the arrow keys (the
    first option takes Space when none is chosen yet)."""
    _tab_to(page, name=key)
    page.keyboard.press("Space")
    for _ in range(VALUES.index(value)):
        page.keyboard.press("ArrowRight")
    expect(page.locator(f"input[name={key}][value='{value}']")).to_be_checked()


def _press(page: Page, label: str) -> None:
    """Tab to the button reading `label` and press Enter; wait for the next page."""
    _tab_to(page, button=text(label))
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _open_from_my_requests(page: Page, watch: PageWatch, link: str) -> None:
    follow_menu(page, "My counselling requests")
    audit(page, watch)
    with page.expect_navigation():
        page.get_by_role("link", name=text(link)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Well-being questionnaire"))
    audit(page, watch)


@pytest.mark.browser
def test_the_employee_answers_at_the_start_and_the_close_with_the_keyboard(
    page, watch, base_url, people, org
):
    instruments_load()
    item = _open_case(people)
    employee = people[Role.EMPLOYEE]
    sign_in(page, base_url, employee.username, PASSWORD, watch=watch)
    _open_from_my_requests(
        page, watch, "Answer the well-being questionnaire at the start of your counselling"
    )
    expect(page.get_by_text(text(CONSENT_STATEMENT))).to_be_visible()

    # Four answers and the consent, the fifth left out: refused, what she chose kept.
    start = (1, 1, 2, 1, 2)  # 28 of 100
    page.locator("body").focus()
    for key, value in zip(ITEMS[:4], start[:4], strict=True):
        _choose(page, key, value)
    _tab_to(page, name="consent")
    page.keyboard.press("Space")
    _press(page, "Send my answers")
    expect(page.get_by_role("alert")).to_contain_text(
        text("Some questions need your attention; the answers you chose are kept.")
    )
    missing = page.locator("#interest-error")
    expect(missing).to_have_text(text("Please choose an answer to this question."))
    expect(missing).to_have_text("請選擇本題的答案。")  # in Chinese, not the English msgid
    for key, value in zip(ITEMS[:4], start[:4], strict=True):
        expect(page.locator(f"input[name={key}][value='{value}']")).to_be_checked()
    expect(page.locator("input[name=interest][aria-invalid=true]")).to_have_count(len(VALUES))
    expect(page.locator("#id_consent")).to_be_checked()
    audit(page, watch)
    item.refresh_from_db()
    assert item.status == OutcomeMeasure.Status.OFFERED

    page.locator("body").focus()
    _choose(page, "interest", start[4])
    _press(page, "Send my answers")
    expect(page).to_have_url(f"{base_url}/counselling/my-requests/")
    expect(page.get_by_role("main")).to_contain_text(text("Thank you for your answers."))
    audit(page, watch)
    item.refresh_from_db()
    assert item.status == OutcomeMeasure.Status.STARTED
    assert item.consented_at is not None and item.start.startswith("anx1:")

    # The counsellor closes the case: the closing questionnaire waits on her page.
    case = item.case
    services.case_close(
        case=case, outcome="resolved", closed_on=date.today(), expected_version=case.version
    )
    _open_from_my_requests(
        page, watch, "Answer the well-being questionnaire at the close of your counselling"
    )
    expect(page.locator("#id_consent")).to_have_count(0)
    page.locator("body").focus()
    for key, value in zip(ITEMS, (4, 3, 3, 3, 4), strict=True):  # 68 of 100
        _choose(page, key, value)
    _press(page, "Send my answers")
    expect(page.get_by_role("main")).to_contain_text(text("Thank you for your answers."))
    audit(page, watch)
    item.refresh_from_db()
    assert item.status == OutcomeMeasure.Status.COMPLETE
    tally = OutcomeTally.objects.get()
    assert (tally.change, tally.pairs, tally.change_sum) == ("improved", 1, 40.0)

    # A later case: she declines, and nothing more is asked.
    later = _open_case(people)
    _open_from_my_requests(
        page, watch, "Answer the well-being questionnaire at the start of your counselling"
    )
    page.locator("body").focus()
    _press(page, "I prefer not to answer")
    expect(page.get_by_role("main")).to_contain_text(
        text("Thank you. You will not be asked again.")
    )
    audit(page, watch)
    later.refresh_from_db()
    assert later.status == OutcomeMeasure.Status.DECLINED
    assert later.start == ""
