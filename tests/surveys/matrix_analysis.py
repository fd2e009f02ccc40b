"""Authorization-matrix rows of the survey analysis page (tests/test_authorization_matrix.py)."""

from anxin.people.roles import Role
from anxin.surveys.models import Survey
from tests.matrix_profiles import EAP_OFFICE, NOT_ALLOWED
from tests.surveys.base import EVERY_TYPE, make_survey, publish

# Another agency's survey: its hr officer gets 404; the authority's admin sees it.
OTHER_AGENCY = EAP_OFFICE.but({Role.HR: "404"})
PAGE = "/surveys/manage/surveys/{%s}/analysis/"

ROWS = [
    ("surveys:survey_analysis", "GET", PAGE % "analysis_closed", EAP_OFFICE),
    ("surveys:survey_analysis", "GET", PAGE % "analysis_closed" + "?by=gender", EAP_OFFICE),
    ("surveys:survey_analysis", "GET", PAGE % "analysis_elsewhere", OTHER_AGENCY),
    ("surveys:survey_analysis", "POST", PAGE % "analysis_closed", NOT_ALLOWED),
]


def placeholders(cls) -> dict:
    version = publish(owner=cls.agency, actor=cls.hr, data=EVERY_TYPE)
    closed = make_survey(version, owner=cls.agency, actor=cls.hr, days=(-9, -1))
    Survey.objects.filter(pk=closed.pk).update(breakdowns=["gender"])
    other = publish(owner=cls.other_agency, actor=cls.eap_admin, data=EVERY_TYPE)
    elsewhere = make_survey(other, owner=cls.other_agency, actor=cls.eap_admin,
                            days=(-9, -1))  # fmt: skip
    return {"analysis_closed": closed.uuid, "analysis_elsewhere": elsewhere.uuid}
