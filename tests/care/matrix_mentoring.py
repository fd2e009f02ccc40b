"""Authorization-matrix rows of mentoring (tests/test_authorization_matrix.py).

Alice (the employee) is the new hire of a pair whose mentor is a colleague of 社會局;
hr of 社會局 keeps the pairs and mentors; the eap_admin reads completion rates."""

from datetime import date

from anxin.care.mentoring import services
from anxin.care.mentoring.models import Mentor
from anxin.people.roles import Role
from tests.base import make_employee, make_user
from tests.matrix_profiles import EAP_OFFICE, HR_OFFICERS, NOT_ALLOWED, OWN_SERVICES

P = "/care/mentoring/{mentoring_pair}/"
# hr's pages: hr of the agency alone (the eap_admin is not an hr officer).
HR_PAGES = HR_OFFICERS

ROWS = [
    ("care:mentoring_mine", "GET", "/care/mentoring/", OWN_SERVICES),
    ("care:mentoring_mine", "POST", "/care/mentoring/", NOT_ALLOWED),
    ("care:mentoring_pair", "GET", P, OWN_SERVICES),
    ("care:mentoring_pair", "POST", P, NOT_ALLOWED),
    ("care:mentoring_talk", "GET", P + "talks/{mentoring_talk}/", OWN_SERVICES),
    ("care:mentoring_talk", "PUT", P + "talks/{mentoring_talk}/", NOT_ALLOWED),
    # An empty form is shown again with its errors (200).
    ("care:mentoring_talk", "POST", P + "talks/{mentoring_talk}/", OWN_SERVICES),
    # Another pair's talk: 404 for the employee.
    ("care:mentoring_pair", "GET", "/care/mentoring/{other_pair}/", OWN_SERVICES.but(inside="404")),
    ("care:mentoring_change", "POST", P + "change/", OWN_SERVICES),
    ("care:mentoring_change", "GET", P + "change/", NOT_ALLOWED),
    ("care:mentoring_pairs", "GET", "/care/mentoring/pairs/", HR_PAGES),
    ("care:mentoring_pairs", "POST", "/care/mentoring/pairs/", NOT_ALLOWED),
    ("care:mentoring_confirm", "POST", "/care/mentoring/pairs/confirm/", HR_PAGES),
    ("care:mentoring_confirm", "GET", "/care/mentoring/pairs/confirm/", NOT_ALLOWED),
    (
        "care:mentoring_reassign",
        "POST",
        P.replace("mentoring/", "mentoring/pairs/") + "reassign/",
        HR_PAGES,
    ),
    (
        "care:mentoring_reassign",
        "GET",
        P.replace("mentoring/", "mentoring/pairs/") + "reassign/",
        NOT_ALLOWED,
    ),
    ("care:mentoring_mentors", "GET", "/care/mentoring/mentors/", HR_PAGES),
    ("care:mentoring_mentors", "POST", "/care/mentoring/mentors/", HR_PAGES),
    ("care:mentoring_mentors", "PUT", "/care/mentoring/mentors/", NOT_ALLOWED),
    (
        "care:mentoring_mentor_retire",
        "POST",
        "/care/mentoring/mentors/{mentor_pk}/retire/",
        HR_PAGES,
    ),
    (
        "care:mentoring_mentor_retire",
        "GET",
        "/care/mentoring/mentors/{mentor_pk}/retire/",
        NOT_ALLOWED,
    ),
    ("care:mentoring_rates", "GET", "/care/mentoring/rates/", EAP_OFFICE),
    ("care:mentoring_rates", "POST", "/care/mentoring/rates/", NOT_ALLOWED),
    ("care:mentoring_classes", "GET", "/care/mentoring/classes/", EAP_OFFICE),
    # Generating the mentors' classes is the EAP administrator's (as the care workers').
    (
        "care:mentoring_classes",
        "POST",
        "/care/mentoring/classes/",
        EAP_OFFICE.but({Role.HR: "403"}),
    ),
    ("care:mentoring_classes", "PUT", "/care/mentoring/classes/", NOT_ALLOWED),
]


def placeholders(test) -> dict:
    mentor_employee = make_employee(
        make_user("matrix-mentor"), unit=test.unit, number="M9001", name="林資深"
    )
    mentor = Mentor.objects.create(employee=mentor_employee, added_by=test.hr)
    spare = Mentor.objects.create(
        employee=make_employee(None, unit=test.unit, number="M9002", name="周備用"),
        added_by=test.hr,
    )
    other_hire = make_employee(None, unit=test.unit, number="M9003", name="許新人")
    today = date.today()
    pair = services._open_pair(
        actor=test.hr, mentee=test.alice_employee, mentor=mentor, starts_on=today,
        ends_on=date(today.year + 1, 12, 31), cadence=1,
    )  # fmt: skip
    other = services._open_pair(
        actor=test.hr, mentee=other_hire, mentor=mentor, starts_on=today,
        ends_on=date(today.year + 1, 12, 31), cadence=1,
    )  # fmt: skip
    return {
        "mentoring_pair": pair.uuid,
        "mentoring_talk": pair.talks.first().uuid,
        "other_pair": other.uuid,
        "mentor_pk": spare.pk,
    }
