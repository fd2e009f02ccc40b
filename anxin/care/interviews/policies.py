"""Who may see the interviews with personnel heads (decision 0046): the counselling
room (the intake coordinator and the counsellors) of the scope, and nobody else; hr,
supervisors and the agencies themselves never read the answers (404 or 403)."""

from django.http import Http404, HttpRequest

from anxin.care.interviews.models import Interview
from anxin.people.roles import Role, scope_of

ROOM = (Role.INTAKE, Role.COUNSELOR)


def interviews_for_room(request: HttpRequest):
    return Interview.objects.filter(scope_of(request).subtree_q("agency__"))


def interview_for_room(request: HttpRequest, interview_uuid) -> Interview:
    interview = (
        interviews_for_room(request)
        .select_related("agency", "interviewer")
        .filter(uuid=interview_uuid)
        .first()
    )
    if interview is None:
        raise Http404
    return interview
