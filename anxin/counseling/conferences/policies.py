"""Who may see which case conference. Anything outside a person's reach answers 404.

- Only participants see a conference, each in the role he or she takes part in (a unit
  head acting as supervisor, a personnel head as hr, the counsellor as counsellor, a
  coordinator as intake): another hr, supervisor or counsellor, the auditor and the
  sysadmin get 404.
- The unit head and the personnel head see nothing of it until the employee has agreed:
  before that, even the conference's existence would tell the employee's chain that he
  or she is in counselling (DESIGN.md invariant 4).
- The employee of the case sees the consent page of his or her own conferences only.
- A conference is scheduled for an open case by its counsellor, or by an intake
  coordinator whose scope covers the employee.
"""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from anxin.counseling.conferences.models import (
    CaseConference,
    ConferenceActionItem,
    ConferenceParticipant,
)
from anxin.counseling.models import Case
from anxin.counseling.policies import role_holders
from anxin.people.models import User
from anxin.people.roles import Role

PURPOSE_CONFERENCE = "conference"

# The part a participant takes (not the active role he or she acts in).
Part = ConferenceParticipant.Role

# The active role a participant acts in, for each way of taking part.
PARTICIPANT_ROLE = {
    Role.COUNSELOR: Part.COUNSELOR,
    Role.INTAKE: Part.COORDINATOR,
    Role.SUPERVISOR: Part.UNIT_HEAD,
    Role.HR: Part.PERSONNEL_HEAD,
}
SCHEDULER_ROLES = (Role.COUNSELOR, Role.INTAKE)


def _participant_role(request: HttpRequest) -> str | None:
    active = request.active_role
    return PARTICIPANT_ROLE.get(active.role) if active is not None else None


# --- who can be invited ----------------------------------------------------------------------


def _holders(role: str, employee) -> QuerySet[User]:
    """Active users holding `role` over the employee's unit, by name."""
    return role_holders(role, employee.unit).order_by("display_name", "username")


def unit_heads_for(employee) -> QuerySet[User]:
    return _holders(Role.SUPERVISOR, employee)


def personnel_heads_for(employee) -> QuerySet[User]:
    return _holders(Role.HR, employee)


# --- scheduling ------------------------------------------------------------------------------


def cases_for_scheduler(request: HttpRequest) -> QuerySet[Case]:
    """Open cases this counsellor holds, or open cases in this coordinator's scope."""
    open_cases = Case.objects.filter(closed_on__isnull=True).select_related("employee__unit")
    if request.active_role.role == Role.COUNSELOR:
        return open_cases.filter(counselor=request.user)
    if request.active_role.role == Role.INTAKE:
        return open_cases.filter(request.active_role.scope.subtree_q("employee__unit__"))
    return open_cases.none()


# --- participants ----------------------------------------------------------------------------


def conferences_for(request: HttpRequest) -> QuerySet[CaseConference]:
    role = _participant_role(request)
    if role is None:
        return CaseConference.objects.none()
    items = CaseConference.objects.filter(participants__user=request.user, participants__role=role)
    if role in (Part.UNIT_HEAD, Part.PERSONNEL_HEAD):
        items = items.filter(consent=CaseConference.Consent.AGREED)
    return items.select_related("case")


def get_conference(
    request: HttpRequest, conference_uuid
) -> tuple[CaseConference, ConferenceParticipant]:
    """The conference and this person's participation in it, or 404."""
    conference = conferences_for(request).filter(uuid=conference_uuid).first()
    if conference is None:
        raise Http404
    me = conference.participants.get(user=request.user)
    return conference, me


def get_conference_for_organiser(
    request: HttpRequest, conference_uuid
) -> tuple[CaseConference, ConferenceParticipant]:
    """Only the counselling room's side keeps the record and adds action items."""
    conference, me = get_conference(request, conference_uuid)
    if not me.is_organiser:
        raise Http404
    return conference, me


def get_action_for_owner(
    request: HttpRequest, conference: CaseConference, item_uuid
) -> ConferenceActionItem:
    item = conference.action_items.filter(uuid=item_uuid, owner=request.user).first()
    if item is None:
        raise Http404
    return item


# --- the employee ----------------------------------------------------------------------------


def get_conference_for_employee(request: HttpRequest, conference_uuid) -> CaseConference:
    conference = (
        CaseConference.objects.filter(uuid=conference_uuid, case__employee=request.employee)
        .prefetch_related("participants")
        .first()
    )
    if conference is None:
        raise Http404
    return conference
