"""Who may see which questionnaire and survey. Builders (`hr` for its agency, `eap_admin`
for the authority) see what is owned within their scope; an employee sees the surveys of
his or her audience. Anything else answers 404."""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from anxin.people.roles import Role, scope_of
from anxin.surveys.followup import follow_up_surveys
from anxin.surveys.models import QuestionnaireVersion, Response, Survey
from anxin.surveys.services import is_eligible, visible_q

BUILDERS = (Role.HR, Role.EAP_ADMIN)
RESPONDENTS = (Role.EMPLOYEE,)


def version_for_builder(request: HttpRequest, questionnaire_uuid, number: int):
    return get_object_or_404(
        QuestionnaireVersion.objects.select_related("questionnaire__owner"),
        visible_q(scope_of(request), "questionnaire__"),
        questionnaire__uuid=questionnaire_uuid,
        number=number,
    )


def survey_for_builder(request: HttpRequest, survey_uuid) -> Survey:
    return get_object_or_404(
        Survey.objects.select_related("version", "scope"),
        visible_q(scope_of(request)),
        uuid=survey_uuid,
    )


def survey_for_respondent(request: HttpRequest, survey_uuid) -> Survey:
    """The survey if the signed-in employee is in its audience (open or not: the page says
    when it opens or that it has closed)."""
    survey = get_object_or_404(Survey.objects.select_related("version"), uuid=survey_uuid)
    employee = request.employee
    if employee is None or not is_eligible(survey, employee):
        raise Http404
    return survey


# --- follow-up of identified surveys (docs/decisions/0013-survey-schedules.md) -----------

FOLLOW_UP = (Role.HR,)


def survey_for_follow_up(request: HttpRequest, survey_uuid) -> Survey:
    """An identified survey whose audience overlaps the hr officer's agency; its follow-up
    list then shows the people of that agency only."""
    return get_object_or_404(follow_up_surveys(scope_of(request)), uuid=survey_uuid)


def response_for_follow_up(request: HttpRequest, survey: Survey, response_uuid):
    """A submitted answer to that survey by someone within the officer's agency."""
    return get_object_or_404(
        Response.objects.select_related("employee__unit"),
        scope_of(request).subtree_q("employee__unit__"),
        survey=survey,
        uuid=response_uuid,
        status=Response.Status.SUBMITTED,
    )
