"""Authorization-matrix rows of the survey pages (tests/test_authorization_matrix.py)."""

from anxin.people.roles import Role
from anxin.surveys import services
from anxin.surveys.models import Survey
from tests.matrix_profiles import EAP_OFFICE, NOT_ALLOWED, OWN_SERVICES
from tests.surveys.base import EVERY_TYPE, make_survey, publish

# Another agency's questionnaire: its hr officer gets 404; the authority's admin sees it.
OTHER_AGENCY = EAP_OFFICE.but({Role.HR: "404"})
Q = "/surveys/manage/questionnaires/{surveys_q}"
V1 = Q + "/v1"
V2 = Q + "/v2"

ROWS = [
    ("surveys:my_surveys", "GET", "/surveys/", OWN_SERVICES),
    ("surveys:my_surveys", "POST", "/surveys/", NOT_ALLOWED),
    ("surveys:answer", "GET", "/surveys/{surveys_open}/", OWN_SERVICES),
    # An empty POST answers with the form and its errors (200): nothing is stored.
    ("surveys:answer", "POST", "/surveys/{surveys_open}/", OWN_SERVICES),
    ("surveys:answer", "PUT", "/surveys/{surveys_open}/", NOT_ALLOWED),
    # A survey of another agency's audience: 404 to Alice.
    ("surveys:answer", "GET", "/surveys/{surveys_elsewhere}/", OWN_SERVICES.but(inside="404")),
    ("surveys:manage", "GET", "/surveys/manage/", EAP_OFFICE),
    ("surveys:manage", "POST", "/surveys/manage/", NOT_ALLOWED),
    ("surveys:questionnaire_new", "POST", "/surveys/manage/questionnaires/new/", EAP_OFFICE),
    ("surveys:questionnaire_new", "GET", "/surveys/manage/questionnaires/new/", NOT_ALLOWED),
    ("surveys:preset_copy", "POST", "/surveys/manage/presets/event_feedback/copy/", EAP_OFFICE),
    ("surveys:preset_copy", "GET", "/surveys/manage/presets/event_feedback/copy/", NOT_ALLOWED),
    ("surveys:version_edit", "GET", V1 + "/", EAP_OFFICE),
    # A published version refuses the change and shows itself again (redirect).
    ("surveys:version_edit", "POST", V1 + "/", EAP_OFFICE),
    ("surveys:version_edit", "PUT", V1 + "/", NOT_ALLOWED),
    (
        "surveys:version_edit",
        "GET",
        "/surveys/manage/questionnaires/{surveys_other_q}/v1/",
        OTHER_AGENCY,
    ),
    ("surveys:version_new", "POST", Q + "/new-version/", EAP_OFFICE),
    ("surveys:version_new", "GET", Q + "/new-version/", NOT_ALLOWED),
    # Without the lock value the publication is refused as a stale edit (redirect).
    ("surveys:version_publish", "POST", V2 + "/publish/", EAP_OFFICE),
    ("surveys:version_publish", "GET", V2 + "/publish/", NOT_ALLOWED),
    ("surveys:question_new", "GET", V2 + "/questions/new/", EAP_OFFICE),
    ("surveys:question_new", "POST", V2 + "/questions/new/", EAP_OFFICE),
    ("surveys:question_new", "PUT", V2 + "/questions/new/", NOT_ALLOWED),
    ("surveys:question_edit", "GET", V2 + "/questions/pick/", EAP_OFFICE),
    ("surveys:question_edit", "POST", V2 + "/questions/pick/", EAP_OFFICE),
    (
        "surveys:question_edit",
        "GET",
        V2 + "/questions/nosuch/",
        EAP_OFFICE.but(inside="404"),
    ),
    ("surveys:question_delete", "POST", V2 + "/questions/pick/delete/", EAP_OFFICE),
    ("surveys:question_delete", "GET", V2 + "/questions/pick/delete/", NOT_ALLOWED),
    ("surveys:survey_new", "GET", V1 + "/survey/", EAP_OFFICE),
    ("surveys:survey_new", "POST", V1 + "/survey/", EAP_OFFICE),
    ("surveys:survey_new", "PUT", V1 + "/survey/", NOT_ALLOWED),
    ("surveys:survey_detail", "GET", "/surveys/manage/surveys/{surveys_open}/", EAP_OFFICE),
    (
        "surveys:survey_detail",
        "GET",
        "/surveys/manage/surveys/{surveys_elsewhere}/",
        OTHER_AGENCY,
    ),
    ("surveys:survey_detail", "POST", "/surveys/manage/surveys/{surveys_open}/", NOT_ALLOWED),
]


def placeholders(cls) -> dict:
    services.presets_load()
    version = publish(owner=cls.agency, actor=cls.hr, data=EVERY_TYPE)
    services.version_new_draft(questionnaire=version.questionnaire)
    survey = make_survey(version, owner=cls.agency, actor=cls.hr, mode=Survey.Mode.IDENTIFIED)
    other = publish(owner=cls.other_agency, actor=cls.eap_admin, data=EVERY_TYPE)
    elsewhere = make_survey(other, owner=cls.other_agency, actor=cls.eap_admin)
    return {
        "surveys_q": version.questionnaire.uuid,
        "surveys_other_q": other.questionnaire.uuid,
        "surveys_open": survey.uuid,
        "surveys_elsewhere": elsewhere.uuid,
    }
