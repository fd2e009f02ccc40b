"""Authorization-matrix rows of outreach (issue 14, item 3): HR officers and the EAP
administrator import and see counts; the employee's own setting is the employee's."""

from anxin.care.outreach.actions import off_token
from anxin.care.outreach.tasks import JOB_KIND
from anxin.core.jobs import job_create
from anxin.people.roles import Role
from tests.matrix_profiles import EAP_OFFICE, EVERYONE, NOT_ALLOWED, OWN_SERVICES

ROWS = [
    ("care:outreach_overview", "GET", "/care/outreach/", EAP_OFFICE),
    ("care:outreach_overview", "POST", "/care/outreach/", NOT_ALLOWED),
    ("care:outreach_import", "GET", "/care/outreach/import/life-events/", EAP_OFFICE),
    ("care:outreach_import", "GET", "/care/outreach/import/overtime/", EAP_OFFICE),
    ("care:outreach_import", "GET", "/care/outreach/import/family-care/", EAP_OFFICE),
    # An empty POST is answered on the form (200), like the roster's.
    ("care:outreach_import", "POST", "/care/outreach/import/overtime/", EAP_OFFICE),
    ("care:outreach_import", "GET", "/care/outreach/import/salaries/",
     EAP_OFFICE.but(inside="404")),
    ("care:outreach_template", "GET", "/care/outreach/import/life-events/template.xlsx",
     EAP_OFFICE),
    ("care:outreach_template", "GET", "/care/outreach/import/overtime/template.pdf",
     EAP_OFFICE.but(inside="404")),
    # A report is its owner's (the matrix's HR officer started this one).
    ("care:outreach_report", "GET", "/care/outreach/report/{outreach_job}/",
     EAP_OFFICE.but({Role.EAP_ADMIN: "404"})),
    ("care:outreach_report", "GET", "/care/outreach/report/{missing}/",
     EAP_OFFICE.but(inside="404")),
    ("care:outreach_mine", "GET", "/care/outreach/mine/", OWN_SERVICES),
    ("care:outreach_mine", "POST", "/care/outreach/mine/", OWN_SERVICES),
    ("care:outreach_mine", "DELETE", "/care/outreach/mine/", NOT_ALLOWED),
    # The link of a mailed invitation: whoever holds it, signed in or not (decision 0064).
    ("care:outreach_off", "GET", "/care/outreach/off/{outreach_off}/", EVERYONE),
    ("care:outreach_off", "POST", "/care/outreach/off/{outreach_off}/", EVERYONE),
    ("care:outreach_off", "GET", "/care/outreach/off/altered/", EVERYONE.but(inside="404")),
    ("care:outreach_off", "POST", "/care/outreach/off/altered/", EVERYONE.but(inside="404")),
    ("care:outreach_off", "DELETE", "/care/outreach/off/{outreach_off}/", NOT_ALLOWED),
]  # fmt: skip


def placeholders(test) -> dict:
    return {
        "outreach_job": job_create(kind=JOB_KIND, owner=test.people[Role.HR]).uuid,
        "outreach_off": off_token(test.alice_employee.pk),
    }
