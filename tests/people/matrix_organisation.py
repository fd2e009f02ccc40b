"""Authorization-matrix rows of the organisation import and the first-run page (issue 13,
item 7): the EAP administrator only."""

from anxin.core.jobs import job_create
from anxin.people.organisation.tasks import JOB_KIND
from anxin.people.roles import Role
from tests.matrix_profiles import EAP_ADMIN, NOT_ALLOWED

ROWS = [
    ("people:organisation_import", "GET", "/people/organisation/import/", EAP_ADMIN),
    # An empty POST is answered on the form (200), like the roster's.
    ("people:organisation_import", "POST", "/people/organisation/import/", EAP_ADMIN),
    ("people:organisation_template", "GET", "/people/organisation/import/template.xlsx",
     EAP_ADMIN),
    ("people:organisation_template", "GET", "/people/organisation/import/template.pdf",
     EAP_ADMIN.but(inside="404")),
    # A report is its owner's (the matrix's EAP administrator started this one).
    ("people:organisation_report", "GET", "/people/organisation/import/{organisation_job}/",
     EAP_ADMIN),
    ("people:organisation_report", "GET", "/people/organisation/import/{organisation_other}/",
     EAP_ADMIN.but(inside="404")),
    ("people:first_run", "GET", "/people/first-run/", EAP_ADMIN),
    ("people:first_run", "POST", "/people/first-run/", NOT_ALLOWED),
]  # fmt: skip


def placeholders(test) -> dict:
    other = test.people[Role.HR]
    return {
        "organisation_job": job_create(kind=JOB_KIND, owner=test.people[Role.EAP_ADMIN]).uuid,
        "organisation_other": job_create(kind=JOB_KIND, owner=other).uuid,
    }
