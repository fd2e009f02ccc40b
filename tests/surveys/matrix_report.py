"""Authorization-matrix rows of the results export and the PDF report: the same export
pages as the raw data (tests/surveys/matrix_exports.py), asked for results or a report."""

from anxin.core.jobs import job_create
from anxin.people.roles import Role
from anxin.surveys.models import SurveyExport
from anxin.surveys.tasks import JOB_KIND
from tests.matrix_profiles import EAP_OFFICE, NOT_ALLOWED
from tests.surveys.base import EVERY_TYPE, make_survey, publish

# An export is its starter's (the EAP administrator here): hr gets 404, other roles 403.
STARTER_ONLY = EAP_OFFICE.but({Role.HR: "404"})
EXPORT = "/surveys/manage/surveys/{report_survey}/export/"
DOWNLOAD = "/surveys/manage/exports/{report_job}/"

ROWS = [
    ("surveys:export_new", "GET", EXPORT + "?kind=results", EAP_OFFICE),
    ("surveys:export_new", "GET", EXPORT + "?kind=report", EAP_OFFICE),
    ("surveys:export_download", "GET", DOWNLOAD, STARTER_ONLY),
    ("surveys:export_download", "DELETE", DOWNLOAD, NOT_ALLOWED),
]


def placeholders(cls) -> dict:
    version = publish(owner=cls.agency, actor=cls.hr, data=EVERY_TYPE)
    closed = make_survey(version, owner=cls.agency, actor=cls.hr, days=(-9, -1))
    job = job_create(kind=JOB_KIND, owner=cls.eap_admin)
    SurveyExport.objects.create(
        job=job,
        survey=closed,
        kind=SurveyExport.Kind.REPORT,
        format="pdf",
        filename="report.pdf",
        content=b"%PDF-1.7",
    )
    return {"report_survey": closed.uuid, "report_job": job.uuid}
