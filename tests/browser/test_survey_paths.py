"""Surveys in Debian's Chromium: an hr officer puts a questionnaire to a person-relative
survey (the new-hire questionnaire, with its breakdowns), and after the periodic job has
invited the new hire finds her on the follow-up list; the central EAP team reads the
analysis of a closed survey, chooses a breakdown with the keyboard, sees the hidden
cells marked and each chart with its table. Every page shown passes axe-core's WCAG 2.2
AA rules."""

import re
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from playwright.sync_api import expect

from anxin.people.models import Employee
from anxin.surveys.models import Survey, SurveyInvitation
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, follow_menu, sign_in, text
from tests.browser.reflow import assert_reflows
from tests.surveys.base import definition, make_survey, publish, question

QUESTIONNAIRE = "新進人員適應問卷"


def _follow(page, link) -> None:
    with page.expect_navigation():
        link.click()


def _field(page, msgid: str):
    return page.get_by_label(re.compile("^" + re.escape(text(msgid))))


def _roc(day: date) -> str:
    return f"{day.year - 1911}/{day.month:02d}/{day.day:02d}"


def _employee(org, number: str, name: str, **extra) -> Employee:
    fields = {
        "staff_category": Employee.StaffCategory.CIVIL_SERVANT,
        "gender": Employee.Gender.FEMALE,
        "birth_date": date(1990, 5, 1),
        "hire_date": date(2015, 8, 1),
    }
    fields.update(extra)
    return Employee.objects.create(
        authority=org["authority"], unit=org["unit"], number=number, name=name, **fields
    )


@pytest.mark.browser
def test_hr_sets_up_the_new_hire_survey_and_follows_it_up(page, watch, base_url, people, org):
    from anxin.surveys import schedules

    hr = people["hr"]
    publish(
        owner=org["agency"], actor=hr.user,
        data=definition(question("fit", "likert5"), question("need", "long_text"),
                        title=QUESTIONNAIRE),
    )  # fmt: skip
    _employee(org, "N001", "周新人", hire_date=timezone.localdate() - timedelta(days=20))

    sign_in(page, base_url, hr.username, PASSWORD, otp_key=hr.otp_key, watch=watch)
    follow_menu(page, "Questionnaires and surveys")
    audit(page, watch)
    _follow(page, page.get_by_role("link", name=QUESTIONNAIRE))
    _follow(page, page.get_by_role("link", name=text("Put to a survey")))
    expect(page.get_by_role("heading", level=1)).to_have_text(text("Put to a survey"))
    audit(page, watch)
    assert_reflows(page)

    today = timezone.localdate()
    _field(page, "Survey title").fill("115年新進人員適應調查")
    _field(page, "Opens on").fill(_roc(today))
    _field(page, "Closes on").fill(_roc(today + timedelta(days=180)))
    page.get_by_role("radio", name=str(Survey.Mode.IDENTIFIED.label)).check()
    _field(page, "Who is invited, and when").select_option(Survey.Schedule.HIRE_DATE)
    _field(page, "Answering opens after").fill("3")
    _field(page, "Answering closes after").fill("1")
    _field(page, "Counted in").select_option(Survey.WindowUnit.MONTHS)
    page.get_by_role("checkbox", name=text("Gender"), exact=True).check()
    page.get_by_role("checkbox", name=text("Age band"), exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name=text("Set up the survey")).click()

    # A window that closes before it opens is refused there; the rest is kept.
    closes = _field(page, "Answering closes after")
    expect(closes).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#{closes.get_attribute('id')}_error")).to_have_text(
        text("The answering window cannot close before it opens.")
    )
    expect(page.get_by_role("checkbox", name=text("Age band"), exact=True)).to_be_checked()
    expect(page.get_by_role("radio", name=str(Survey.Mode.IDENTIFIED.label))).to_be_checked()
    audit(page, watch)
    assert not Survey.objects.exists()

    _field(page, "Answering opens after").fill("0")
    closes.fill("3")
    with page.expect_navigation():
        page.get_by_role("button", name=text("Set up the survey")).click()
    expect(page.get_by_role("status")).to_have_text(text("The survey was set up."))
    expect(page.locator("#schedule")).to_contain_text(str(Survey.Schedule.HIRE_DATE.label))
    audit(page, watch)
    survey = Survey.objects.get()
    assert (survey.schedule, survey.window_unit, survey.breakdowns) == (
        "hire_date", "months", ["gender", "age_band"],
    )  # fmt: skip

    # The periodic job invites the new hire; the follow-up list then names her.
    assert schedules.invitations_send(now=timezone.now()) == 1
    follow_menu(page, "Questionnaires and surveys")
    _follow(page, page.get_by_role("link", name=text("Follow-up of identified surveys")))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        text("Follow-up of identified surveys")
    )
    audit(page, watch)
    assert_reflows(page)
    _follow(page, page.get_by_role("link", name="115年新進人員適應調查"))
    people_table = page.locator("#follow-up")
    row = people_table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="周新人"))
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell").nth(1)).not_to_have_text("—")  # invited
    expect(row.get_by_role("cell").nth(2)).to_have_text("—")  # not answered yet
    audit(page, watch)
    assert SurveyInvitation.objects.get().employee.name == "周新人"


@pytest.fixture
def closed_survey(org, people):
    """A survey of 社會局 broken down by gender, answered by seven women and three men,
    closed yesterday."""
    from anxin.surveys import ballots, services

    hr = people["hr"]
    version = publish(
        owner=org["agency"], actor=hr.user,
        data=definition(question("pick", "single", options=["是", "否"]),
                        question("agree", "likert5"), title="員工需求調查"),
    )  # fmt: skip
    survey = make_survey(version, owner=org["agency"], actor=hr.user, days=(-10, 7))
    survey.breakdowns = ["gender"]
    survey.save(update_fields=["breakdowns"])
    for number in range(10):
        woman = number < 7
        employee = _employee(
            org, f"R{number:03d}", f"填答者{number}",
            gender=Employee.Gender.FEMALE if woman else Employee.Gender.MALE,
            birth_date=date(1980, 1, 1) + relativedelta(years=number),
        )  # fmt: skip
        answers = {"pick": "是" if number % 2 else "否", "agree": 1 + number % 5}
        services.answer_submit(survey=survey, employee=employee, answers=answers)
    today = timezone.localdate()
    Survey.objects.filter(pk=survey.pk).update(
        opens_on=today - timedelta(days=10), closes_on=today - timedelta(days=1)
    )
    survey.refresh_from_db()
    # The survey_ballots job's closing batch (decision 0019).
    ballots.survey_ballots_count(survey=survey, today=today)
    return survey


@pytest.mark.browser
def test_the_eap_team_reads_a_closed_surveys_analysis_by_gender(
    page, watch, base_url, people, closed_survey
):
    admin = people["eap_admin"]
    sign_in(page, base_url, admin.username, PASSWORD, otp_key=admin.otp_key, watch=watch)
    follow_menu(page, "Questionnaires and surveys")
    _follow(page, page.get_by_role("link", name=closed_survey.title))
    _follow(page, page.get_by_role("link", name=text("Analysis")))
    expect(page.locator("#respondents")).to_have_text("10")
    audit(page, watch)
    assert_reflows(page)

    # Each chart is an image named by its title and description, with its table next.
    chart = page.get_by_role(
        "img",
        name=re.compile(re.escape(text("Question %(number)s: share of each answer", number=1))),
    )
    expect(chart).to_be_visible()
    first = page.get_by_role("region", name=re.compile(r"^1\. "))
    expect(first.get_by_role("table")).to_have_count(1)
    expect(first.get_by_role("table")).to_contain_text("是")

    # The breakdown, chosen with the keyboard only.
    by = page.get_by_label(text("Break down by"))
    by.focus()
    page.keyboard.press("ArrowDown")
    expect(by).to_have_value("gender")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name=text("Show"))).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?by=gender$"))
    expect(page.get_by_label(text("Break down by"))).to_have_value("gender")

    groups = page.locator("#respondents-by-group")
    expect(groups).to_contain_text(text("Respondents by %(dimension)s", dimension=text("Gender")))
    explanation = text(
        "Hidden to protect privacy: fewer than %(k)s people, or a number that would "
        "reveal such a group.", k=5,
    )  # fmt: skip

    # Three men are fewer than k = 5: hidden, and the women's 7 with them (10 − 7 = 3);
    # the total stays. A sighted reader sees "*", a screen reader hears why.
    def group_row(label):
        return groups.get_by_role("row").filter(has=page.get_by_role("rowheader", name=label))

    for label in (Employee.Gender.FEMALE.label, Employee.Gender.MALE.label):
        hidden = group_row(str(label)).locator(".kanon-hidden")
        expect(hidden).to_have_attribute("title", explanation)
        expect(hidden.locator("[aria-hidden=true]")).to_have_text("*")
        expect(hidden.locator(".visually-hidden")).to_have_text(explanation)
    expect(group_row(text("Total")).get_by_role("cell")).to_have_text("10")
    by_gender = first.get_by_role("table", name=re.compile(re.escape(text("Gender"))))
    expect(by_gender.locator(".kanon-hidden").first).to_be_visible()
    means = page.get_by_role(
        "img",
        name=re.compile(re.escape(
            text("Question %(number)s: mean by %(dimension)s", number=2, dimension=text("Gender"))
        )),
    )  # fmt: skip
    expect(means).to_be_visible()
    audit(page, watch)
    assert_reflows(page)
