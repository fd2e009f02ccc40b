"""Authorization-matrix rows of the survey export pages (tests/test_authorization_matrix.py)."""

from anxin.core.jobs import job_create
from anxin.people.roles import Role
from anxin.surveys.models import Survey, SurveyExport
from anxin.surveys.tasks import JOB_KIND
from tests.matrix_profiles import EAP_OFFICE, NOT_ALLOWED
from tests.surveys.base import EVERY_TYPE, make_survey, publish

# Another agency's survey: its hr officer gets 404; the authority's admin sees it.
OTHER_AGENCY = EAP_OFFICE.but({Role.HR: "404"})
# An export is its starter's (the EAP administrator here): hr gets 404, other roles 403.
STARTER_ONLY = EAP_OFFICE.but({Role.HR: "404"})
EXPORT = "/surveys/manage/surveys/{exports_survey}/export/"

ROWS = [
    ("surveys:export_new", "GET", EXPORT, EAP_OFFICE),
    # An empty POST answers with the form and its errors (200): no export starts.
    ("surveys:export_new", "POST", EXPORT, EAP_OFFICE),
    ("surveys:export_new", "PUT", EXPORT, NOT_ALLOWED),
    (
        "surveys:export_new",
        "GET",
        "/surveys/manage/surveys/{exports_elsewhere}/export/",
        OTHER_AGENCY,
    ),
    ("surveys:export_download", "GET", "/surveys/manage/exports/{exports_job}/", STARTER_ONLY),
    ("surveys:export_download", "POST", "/surveys/manage/exports/{exports_job}/", NOT_ALLOWED),
]


def placeholders(cls) -> dict:
    version = publish(owner=cls.agency, actor=cls.hr, data=EVERY_TYPE)
    survey = make_survey(version, owner=cls.agency, actor=cls.hr, mode=Survey.Mode.CONFIDENTIAL)
    other = publish(owner=cls.other_agency, actor=cls.eap_admin, data=EVERY_TYPE)
    elsewhere = make_survey(other, owner=cls.other_agency, actor=cls.eap_admin)
    job = job_create(kind=JOB_KIND, owner=cls.eap_admin)
    SurveyExport.objects.create(
        job=job, survey=survey, format="csv", filename="x.csv", rows=0, content=b"\xef\xbb\xbf"
    )
    return {
        "exports_survey": survey.uuid,
        "exports_elsewhere": elsewhere.uuid,
        "exports_job": job.uuid,
    }
