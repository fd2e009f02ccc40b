"""The self-tests in Debian's Chromium: the employee takes BSRS-5 and WHO-5 from the menu,
reads the result and her history; the HR officer reads the anonymous statistics. Every
state shown passes axe-core's WCAG 2.2 AA rules."""

import re

import pytest
from playwright.sync_api import expect

from anxin.assessments.models import Instrument, SelfTestResult
from anxin.assessments.services import instruments_load, self_test_submit
from anxin.plans.loader import load_preset
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, follow_menu, ntext, sign_in, text

BSRS5_NAME = "簡式健康量表（BSRS-5，心情溫度計）"
WHO5_NAME = "WHO-5 幸福感指標"


@pytest.fixture
def self_tests(org):
    """The built-in instruments and the plan of the fixtures' authority (Taipei's preset:
    its agency code is the authority's), whose crisis lines start with 1925."""
    instruments_load()
    load_preset("taipei-114")
    return {instrument.key: instrument for instrument in Instrument.objects.all()}


def _follow(page, link) -> None:
    with page.expect_navigation():
        link.click()


def _see_my_result(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=text("See my result"), exact=True).click()


def _open_test(page, name: str) -> None:
    """From the list, the "Take the test" link of the card headed `name`."""
    card = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name=name))
    _follow(page, card.get_by_role("link", name=re.compile(re.escape(name))))
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def _questions(page):
    return page.locator("main form").get_by_role("group")


def _answer(page, number: int, label: str) -> None:
    """Choose the answer labelled `label` to question `number` (from 1)."""
    _questions(page).nth(number - 1).get_by_role("radio", name=label, exact=True).check()


@pytest.mark.browser
def test_it_takes_bsrs5_and_shows_the_crisis_lines_first(page, watch, base_url, people, self_tests):
    """The employee opens "Self-tests" from the menu and takes BSRS-5. Sent with one
    question unanswered, the form says so at that question and keeps the answers chosen;
    with a total of 16 the result opens with the crisis lines, 1925 first, and the offer
    to prepare a counselling application; the history shows the result in a chart and a
    table. The list, the form, the form with the error, the result and the history pass
    the audit."""
    employee = people["employee"]
    sign_in(page, base_url, employee.username, PASSWORD, watch=watch)

    follow_menu(page, "Self-tests")
    expect(page).to_have_url(f"{base_url}/self-tests/")
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Self-tests"))
    expect(page.get_by_role("heading", level=2, name=BSRS5_NAME)).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=WHO5_NAME)).to_be_visible()
    audit(page, watch)

    _open_test(page, BSRS5_NAME)
    expect(_questions(page)).to_have_count(6)
    audit(page, watch)

    # Sleep, tense, irritable: 3 each; depressed left out; inferior: 4; suicide: 0.
    for number, label in [(1, "厲害"), (2, "厲害"), (3, "厲害"), (5, "非常厲害"), (6, "完全沒有")]:
        _answer(page, number, label)
    missing = _questions(page).nth(3)
    # Chromium itself holds the form back; a browser that does not is answered by the server.
    assert missing.get_by_role("radio").first.evaluate("radio => radio.validity.valueMissing")
    page.locator("main form").evaluate("form => { form.noValidate = true; }")
    _see_my_result(page)
    expect(page.get_by_role("alert")).to_have_text(
        text("Some questions need your attention; the answers you chose are kept.")
    )
    expect(missing.get_by_text(text("Please choose an answer to this question."))).to_be_visible()
    expect(missing.get_by_role("radio").first).to_have_attribute("aria-invalid", "true")
    expect(missing.get_by_role("radio", checked=True)).to_have_count(0)
    for number, label in [(1, "厲害"), (2, "厲害"), (3, "厲害"), (5, "非常厲害"), (6, "完全沒有")]:
        expect(
            _questions(page).nth(number - 1).get_by_role("radio", name=label, exact=True)
        ).to_be_checked()
    assert not SelfTestResult.objects.exists()
    audit(page, watch)

    _answer(page, 4, "厲害")
    _see_my_result(page)
    result = SelfTestResult.objects.get()
    expect(page).to_have_url(f"{base_url}/self-tests/results/{result.uuid}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        text("Your result: %(name)s", name=BSRS5_NAME)
    )
    crisis = page.get_by_role("region", name=text("Please talk to someone now"))
    expect(crisis).to_be_visible()
    # At the top: right under the page heading, before the score.
    assert crisis.evaluate("section => section.previousElementSibling.tagName") == "H1"
    lines = crisis.get_by_role("listitem")
    expect(lines.first).to_contain_text("1925")
    expect(lines.first.get_by_role("link", name="1925")).to_have_attribute("href", "tel:1925")
    offer = crisis.get_by_role(
        "link", name=text("Prepare a counselling application (you decide whether to send it)")
    )
    expect(offer).to_have_attribute("href", "/counselling/apply/?from=self-test")
    # The offer leads to the application form; nothing is sent from here.
    assert page.request.get(f"{base_url}/counselling/apply/?from=self-test").status == 200
    score = page.get_by_role("region", name=re.compile(r"^總分:\s*16$"))
    expect(score.get_by_text("重度情緒困擾", exact=True)).to_be_visible()
    audit(page, watch)

    _follow(page, page.get_by_role("main").get_by_role("link", name=text("Back to the self-tests")))
    history_link = page.get_by_role(
        "link", name=ntext("My history (%(counter)s result)", "My history (%(counter)s results)", 1)
    )
    _follow(page, history_link)
    expect(page).to_have_url(f"{base_url}/self-tests/bsrs5/history/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        text("My history: %(name)s", name=BSRS5_NAME)
    )
    chart = page.get_by_role(
        "img",
        name=text(
            "Your results of %(name)s over time; the same numbers are in the table below.",
            name=BSRS5_NAME,
        ),
    )
    expect(chart).to_be_visible()
    expect(chart.locator("circle")).to_have_count(1)
    table = page.get_by_role("table", name=text("Your past results, oldest first"))
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table.locator("tbody tr td")).to_have_text(["16", "重度情緒困擾"])
    audit(page, watch)


@pytest.mark.browser
def test_it_takes_who5_by_keyboard_and_shows_the_band(page, watch, base_url, people, self_tests):
    """WHO-5 answered with the keyboard alone: Tab reaches the first answer of each
    question, the arrow keys choose, Enter on the button sends. "Less than half of the
    time" throughout scores 40, "Screening suggested", and no crisis block; the result
    passes the audit."""
    employee = people["employee"]
    sign_in(page, base_url, employee.username, PASSWORD, watch=watch)
    follow_menu(page, "Self-tests")
    _open_test(page, WHO5_NAME)

    page.get_by_role("main").focus()
    for number in range(1, 6):
        page.keyboard.press("Tab")
        question = _questions(page).nth(number - 1)
        first = question.get_by_role("radio").first
        expect(first).to_be_focused()
        expect(first).not_to_be_checked()
        for _step in range(3):  # 所有時間 → 大部分時間 → 超過一半的時間 → 少於一半的時間
            page.keyboard.press("ArrowRight")
        chosen = question.get_by_role("radio", name="少於一半的時間", exact=True)
        expect(chosen).to_be_focused()
        expect(chosen).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name=text("See my result"))).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    result = SelfTestResult.objects.get()
    expect(page).to_have_url(f"{base_url}/self-tests/results/{result.uuid}/")
    score = page.get_by_role("region", name=re.compile(r"^幸福感分數（0–100）:\s*40$"))
    expect(score.get_by_text("建議進一步篩檢", exact=True)).to_be_visible()
    expect(page.get_by_role("region", name=text("Please talk to someone now"))).to_have_count(0)
    audit(page, watch)


@pytest.mark.browser
def test_it_shows_the_hr_officer_statistics_without_names(
    page, watch, base_url, people, self_tests
):
    """The HR officer of 社會局 opens "Self-test statistics" from the menu after the
    employee took both tests: the page names the scope, shows a section per test, passes
    the audit and shows neither the employee's name nor her user name."""
    employee = people["employee"]
    answers = {"sleep": 3, "tense": 3, "irritable": 3, "depressed": 3, "inferior": 4, "suicide": 0}
    self_test_submit(
        employee=employee.user.employee,
        instrument=self_tests["bsrs5"],
        answers=answers,
        actor=employee.user,
    )
    self_test_submit(
        employee=employee.user.employee,
        instrument=self_tests["who5"],
        answers=dict.fromkeys(["cheerful", "calm", "active", "rested", "interest"], 2),
        actor=employee.user,
    )
    hr = people["hr"]
    sign_in(page, base_url, hr.username, PASSWORD, otp_key=hr.otp_key, watch=watch)

    follow_menu(page, "Self-test statistics")
    expect(page).to_have_url(f"{base_url}/self-tests/statistics/")
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Self-test statistics"))
    expect(page.get_by_role("main")).to_contain_text("範例市政府社會局")
    expect(page.get_by_role("region", name=BSRS5_NAME)).to_be_visible()
    expect(page.get_by_role("region", name=WHO5_NAME)).to_be_visible()
    content = page.content()
    assert "王小美" not in content
    assert employee.username not in content
    audit(page, watch)
