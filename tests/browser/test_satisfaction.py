"""Satisfaction in Debian's Chromium (decision 0077): an hr officer marks a Likert question
of a draft as a satisfaction question in the builder; the EAP team reads the surveys'
satisfaction on the service-results dashboard, by level with each row's shares. Every
page shown passes axe-core's WCAG 2.2 AA rules."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from anxin.people.models import Employee
from anxin.surveys.models import QuestionnaireVersion, Survey
from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, sign_in, text
from tests.surveys.base import definition, make_survey, publish, question


@pytest.fixture
def closed_survey(org, people):
    """A survey of 社會局 whose `agree` question is marked, answered by 25 people (agree
    1 to 5 five times each: 10 satisfied, 5 neutral, 10 not satisfied), closed yesterday."""
    from anxin.surveys import ballots, services

    hr = people["hr"]
    version = publish(
        owner=org["agency"], actor=hr.user,
        data=definition(question("agree", "likert5", satisfaction=True), title="服務滿意度調查"),
    )  # fmt: skip
    survey = make_survey(
        version, owner=org["agency"], actor=hr.user, days=(-10, 7), title="服務滿意度調查"
    )
    for number in range(25):
        employee = Employee.objects.create(
            authority=org["authority"], unit=org["unit"], number=f"S{number:03d}",
            name=f"填答者{number}", staff_category=Employee.StaffCategory.CIVIL_SERVANT,
            gender=Employee.Gender.FEMALE, birth_date=date(1985, 1, 1),
            hire_date=date(2015, 8, 1),
        )  # fmt: skip
        services.answer_submit(survey=survey, employee=employee, answers={"agree": 1 + number % 5})
    today = timezone.localdate()
    Survey.objects.filter(pk=survey.pk).update(
        opens_on=today - timedelta(days=10), closes_on=today - timedelta(days=1)
    )
    survey.refresh_from_db()
    ballots.survey_ballots_count(survey=survey, today=today)
    return survey


@pytest.mark.browser
def test_hr_marks_a_satisfaction_question(page, watch, base_url, people, org):
    from anxin.surveys import services

    hr = people["hr"]
    draft = services.questionnaire_create(
        owner=org["agency"], actor=hr.user, definition=definition(title="活動回饋")
    )
    sign_in(page, base_url, hr.username, PASSWORD, otp_key=hr.otp_key, watch=watch)
    page.goto(
        f"{base_url}/surveys/manage/questionnaires/{draft.questionnaire.uuid}/v1/questions/new/"
    )
    page.locator("#id_type").select_option("likert5")
    page.locator("#id_text").fill("整體而言我很滿意")
    box = page.get_by_label(text("Counts as satisfaction on the service-results dashboard"))
    box.check()
    audit(page, watch)
    with page.expect_navigation():
        page.get_by_role("button", name=text("Save the question")).click()
    stored = QuestionnaireVersion.objects.get(pk=draft.pk).definition
    assert stored["sections"][-1]["questions"][-1]["satisfaction"] is True


@pytest.mark.browser
def test_the_eap_team_reads_the_surveys_satisfaction(page, watch, base_url, people, closed_survey):
    admin = people["eap_admin"]
    sign_in(page, base_url, admin.username, PASSWORD, otp_key=admin.otp_key, watch=watch)
    year = closed_survey.closes_on.year
    page.goto(f"{base_url}/reports/?section=surveys&year={year}&period=quarter&by=survey")
    table = page.get_by_role("table").filter(has_text="服務滿意度調查").last
    expect(table).to_contain_text(text("Satisfied"))
    expect(table).to_contain_text(text("Not satisfied"))
    # 25 answers: 10 satisfied, 5 neutral, 10 not satisfied; k = 5. The share of each
    # level is the row under the survey's.
    expect(table.get_by_role("row", name=re.compile("^服務滿意度調查"))).to_have_count(1)
    row = table.get_by_role("row", name=re.compile("^服務滿意度調查"))
    expect(row).to_have_accessible_name("服務滿意度調查 10 5 10 25")
    shares = table.get_by_role("row", name=re.compile("^" + re.escape(text("Share in per cent"))))
    expect(shares.first).to_contain_text("40.0")
    audit(page, watch)
