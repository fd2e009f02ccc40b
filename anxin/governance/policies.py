"""Who may see and do what in governance: the EAP administrator (the secretariat, 人事處)
runs the bodies, meetings, work plan and rewards of his or her authority; a committee
member reads the bodies, calendar, meetings and work plan of the authority, the minutes
once published, and notes progress on and closes the action items he or she owns; a
body's convener reads and answers its minutes submitted for approval; the files of a
meeting reach only the body's members and the EAP administrator. A member whose term
has ended (or not begun) is not the body's for either. Anything of another
authority answers 404."""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from anxin.governance.models import (
    ActionItem,
    Body,
    Meeting,
    MeetingDocument,
    Member,
    RewardProposal,
    WorkPlanItem,
)
from anxin.people.roles import Role

READERS = (Role.EAP_ADMIN, Role.COMMITTEE)
MANAGERS = (Role.EAP_ADMIN,)


def authority_id(request: HttpRequest) -> int | None:
    """The authority above the active role's scope (no query)."""
    scope = request.active_role.scope if request.active_role else None
    if scope is None or not scope.path:
        return None
    return scope.root_id


def is_manager(request: HttpRequest) -> bool:
    return request.active_role is not None and request.active_role.role in MANAGERS


def bodies_for(request: HttpRequest) -> QuerySet[Body]:
    return Body.objects.filter(authority_id=authority_id(request))


def meetings_for(request: HttpRequest) -> QuerySet[Meeting]:
    return Meeting.objects.filter(body__authority_id=authority_id(request)).select_related("body")


def get_meeting_for_reader(request: HttpRequest, pk: int) -> Meeting:
    meeting = meetings_for(request).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def get_meeting_for_manager(request: HttpRequest, pk: int) -> Meeting:
    if not is_manager(request):
        raise Http404
    return get_meeting_for_reader(request, pk)


def get_meeting_for_convener(request: HttpRequest, pk: int) -> Meeting:
    """A meeting of a body whose convener, in term today, is the signed-in person."""
    meeting = (
        meetings_for(request)
        .filter(
            Member.serving(timezone.localdate(), "body__members__"),
            pk=pk,
            body__members__user=request.user,
            body__members__position=Member.Position.CONVENER,
        )
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def get_meeting_for_approver(request: HttpRequest, pk: int) -> Meeting:
    """The EAP administrator (who records a convener's approval given outside Anxin) or
    the body's convener; the services decide which of them may approve."""
    if is_manager(request):
        return get_meeting_for_reader(request, pk)
    return get_meeting_for_convener(request, pk)


def get_document_for_reader(request: HttpRequest, pk: int) -> MeetingDocument:
    """A meeting's file: the EAP administrator's, and a member's of the meeting's body
    whose term holds today (a former member's answers 404)."""
    documents = MeetingDocument.objects.filter(
        meeting__body__authority_id=authority_id(request)
    ).select_related("meeting")
    if not is_manager(request):
        documents = documents.filter(
            Member.serving(timezone.localdate(), "meeting__body__members__"),
            meeting__body__members__user=request.user,
        )
    document = documents.filter(pk=pk).first()
    if document is None:
        raise Http404
    return document


def get_document_for_manager(request: HttpRequest, pk: int) -> MeetingDocument:
    """A meeting's file the EAP administrator may replace or delete (the services decide
    when)."""
    if not is_manager(request):
        raise Http404
    return get_document_for_reader(request, pk)


def get_member_for_manager(request: HttpRequest, pk: int) -> Member:
    """A member of one of the authority's bodies, whose term the EAP administrator edits
    (the HR officer does not manage the bodies: MANAGERS)."""
    member = (
        Member.objects.filter(body__authority_id=authority_id(request), pk=pk)
        .select_related("body", "group", "user")
        .first()
    )
    if member is None or not is_manager(request):
        raise Http404
    return member


def my_actions(request: HttpRequest) -> QuerySet[ActionItem]:
    """The action items the signed-in person owns, across the authority's meetings."""
    return ActionItem.objects.filter(
        meeting__body__authority_id=authority_id(request), owner__user=request.user
    )


def get_published_meeting_for_reader(request: HttpRequest, pk: int) -> Meeting:
    """The minutes as a file: the manager's at any stage, a member's once published."""
    meeting = get_meeting_for_reader(request, pk)
    if not is_manager(request) and not meeting.is_published:
        raise Http404
    return meeting


def get_action_for_owner(request: HttpRequest, pk: int) -> ActionItem:
    """An action item its owner (or the EAP administrator) may close."""
    items = ActionItem.objects.filter(
        meeting__body__authority_id=authority_id(request)
    ).select_related("meeting", "owner")
    if not is_manager(request):
        items = items.filter(owner__user=request.user)
    item = items.filter(pk=pk).first()
    if item is None:
        raise Http404
    return item


def get_workplan_item_for_manager(request: HttpRequest, pk: int) -> WorkPlanItem:
    item = WorkPlanItem.objects.filter(authority_id=authority_id(request), pk=pk).first()
    if item is None or not is_manager(request):
        raise Http404
    return item


def get_reward_for_manager(request: HttpRequest, pk: int) -> RewardProposal:
    proposal = RewardProposal.objects.filter(authority_id=authority_id(request), pk=pk).first()
    if proposal is None or not is_manager(request):
        raise Http404
    return proposal
