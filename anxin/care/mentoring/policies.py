"""Who may see what of mentoring (decision 0045).

- hr of an agency sees the trained mentors, the new hires to pair and the pairs of its
  subtree (who with whom, when, which talks were held and on which topic), and the
  completion rates by agency through the k rule; never a talk's note.
- The mentor and the new hire see their pair and its talks, and read and write its
  notes; nobody else does (404).
"""

from django.http import Http404, HttpRequest

from anxin.care.mentoring.models import Mentor, MentoringPair, MentoringTalk
from anxin.people.models import Employee
from anxin.people.roles import Role, scope_of

HR = (Role.HR,)
PAIR = (Role.EMPLOYEE,)


def pairs_for_hr(request: HttpRequest):
    return MentoringPair.objects.filter(scope_of(request).subtree_q("agency__"))


def pair_for_hr(request: HttpRequest, pair_uuid) -> MentoringPair:
    pair = (
        pairs_for_hr(request)
        .select_related("mentee__unit", "mentor__unit", "agency")
        .filter(uuid=pair_uuid)
        .first()
    )
    if pair is None:
        raise Http404
    return pair


def mentor_for_hr(request: HttpRequest, mentor_pk) -> Mentor:
    mentor = (
        Mentor.objects.filter(scope_of(request).subtree_q("employee__unit__"), pk=mentor_pk)
        .select_related("employee__unit")
        .first()
    )
    if mentor is None:
        raise Http404
    return mentor


def hire_for_hr(request: HttpRequest, employee_uuid) -> Employee:
    hire = (
        Employee.objects.filter(scope_of(request).subtree_q("unit__"), uuid=employee_uuid)
        .select_related("unit")
        .first()
    )
    if hire is None:
        raise Http404
    return hire


def own_pairs(request: HttpRequest):
    """The pairs the signed-in employee is in, as mentor or new hire."""
    employee = request.employee
    if employee is None:
        return MentoringPair.objects.none()
    return MentoringPair.objects.filter(mentor=employee) | MentoringPair.objects.filter(
        mentee=employee
    )


def pair_for_member(request: HttpRequest, pair_uuid) -> MentoringPair:
    pair = (
        own_pairs(request)
        .select_related("mentee__user", "mentor__user", "mentee__unit", "mentor__unit")
        .filter(uuid=pair_uuid)
        .first()
    )
    if pair is None:
        raise Http404
    return pair


def talk_for_member(request: HttpRequest, pair_uuid, talk_uuid) -> MentoringTalk:
    pair = pair_for_member(request, pair_uuid)
    talk = MentoringTalk.objects.filter(pair=pair, uuid=talk_uuid).first()
    if talk is None:
        raise Http404
    talk.pair = pair
    return talk


def is_mentee(request: HttpRequest, pair: MentoringPair) -> bool:
    return request.employee is not None and pair.mentee_id == request.employee.pk
