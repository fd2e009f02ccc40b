"""Authorization-matrix rows of the survey pages (tests/test_authorization_matrix.py)."""

from anxin.surveys import services
from anxin.surveys.models import Survey
from tests.surveys.base import EVERY_TYPE, make_survey, publish

EMPLOYEE_ONLY = "login ok " + "403 " * 10
BUILDERS = "login 403 403 403 403 ok ok 403 403 403 403 403"
# Another agency's questionnaire: its hr officer gets 404; the authority's admin sees it.
OTHER_AGENCY = "login 403 403 403 403 404 ok 403 403 403 403 403"
ALL_405 = "405 " * 12
Q = "/surveys/manage/questionnaires/{surveys_q}"
V1 = Q + "/v1"
V2 = Q + "/v2"

ROWS = [
    ("surveys:my_surveys", "GET", "/surveys/", EMPLOYEE_ONLY),
    ("surveys:my_surveys", "POST", "/surveys/", ALL_405),
    ("surveys:answer", "GET", "/surveys/{surveys_open}/", EMPLOYEE_ONLY),
    # An empty POST answers with the form and its errors (200): nothing is stored.
    ("surveys:answer", "POST", "/surveys/{surveys_open}/", EMPLOYEE_ONLY),
    ("surveys:answer", "PUT", "/surveys/{surveys_open}/", ALL_405),
    # A survey of another agency's audience: 404 to Alice.
    ("surveys:answer", "GET", "/surveys/{surveys_elsewhere}/", "login 404 " + "403 " * 10),
    ("surveys:manage", "GET", "/surveys/manage/", BUILDERS),
    ("surveys:manage", "POST", "/surveys/manage/", ALL_405),
    ("surveys:questionnaire_new", "POST", "/surveys/manage/questionnaires/new/", BUILDERS),
    ("surveys:questionnaire_new", "GET", "/surveys/manage/questionnaires/new/", ALL_405),
    ("surveys:preset_copy", "POST", "/surveys/manage/presets/event_feedback/copy/", BUILDERS),
    ("surveys:preset_copy", "GET", "/surveys/manage/presets/event_feedback/copy/", ALL_405),
    ("surveys:version_edit", "GET", V1 + "/", BUILDERS),
    # A published version refuses the change and shows itself again (redirect).
    ("surveys:version_edit", "POST", V1 + "/", BUILDERS),
    ("surveys:version_edit", "PUT", V1 + "/", ALL_405),
    (
        "surveys:version_edit",
        "GET",
        "/surveys/manage/questionnaires/{surveys_other_q}/v1/",
        OTHER_AGENCY,
    ),
    ("surveys:version_new", "POST", Q + "/new-version/", BUILDERS),
    ("surveys:version_new", "GET", Q + "/new-version/", ALL_405),
    # Without the lock value the publication is refused as a stale edit (redirect).
    ("surveys:version_publish", "POST", V2 + "/publish/", BUILDERS),
    ("surveys:version_publish", "GET", V2 + "/publish/", ALL_405),
    ("surveys:question_new", "GET", V2 + "/questions/new/", BUILDERS),
    ("surveys:question_new", "POST", V2 + "/questions/new/", BUILDERS),
    ("surveys:question_new", "PUT", V2 + "/questions/new/", ALL_405),
    ("surveys:question_edit", "GET", V2 + "/questions/pick/", BUILDERS),
    ("surveys:question_edit", "POST", V2 + "/questions/pick/", BUILDERS),
    (
        "surveys:question_edit",
        "GET",
        V2 + "/questions/nosuch/",
        "login 403 403 403 403 404 404 " + "403 " * 5,
    ),
    ("surveys:question_delete", "POST", V2 + "/questions/pick/delete/", BUILDERS),
    ("surveys:question_delete", "GET", V2 + "/questions/pick/delete/", ALL_405),
    ("surveys:survey_new", "GET", V1 + "/survey/", BUILDERS),
    ("surveys:survey_new", "POST", V1 + "/survey/", BUILDERS),
    ("surveys:survey_new", "PUT", V1 + "/survey/", ALL_405),
    ("surveys:survey_detail", "GET", "/surveys/manage/surveys/{surveys_open}/", BUILDERS),
    (
        "surveys:survey_detail",
        "GET",
        "/surveys/manage/surveys/{surveys_elsewhere}/",
        OTHER_AGENCY,
    ),
    ("surveys:survey_detail", "POST", "/surveys/manage/surveys/{surveys_open}/", ALL_405),
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
