"""Who reaches which conversation and call. Anything outside a person's reach answers 404.

- A writer reaches a conversation through its secret link only; a signed-in employee
  also through the list of his or her own conversations.
- An intake coordinator sees the metadata of the conversations in his or her scope (the
  employee's unit, or the plan's authority for an anonymous writer); never a message.
- A counsellor reads and answers only the conversations assigned to him or her, and sees
  only the calls he or she recorded.
"""

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from anxin.counseling.station import services
from anxin.counseling.station.models import HotlineCall, StationThread
from anxin.people.models import OrgUnit


def get_thread_by_token(token: str) -> StationThread:
    thread = services.thread_by_token(token)
    if thread is None:
        raise Http404
    return thread


# --- employee ------------------------------------------------------------------------------


def threads_of_employee(request: HttpRequest) -> QuerySet[StationThread]:
    if request.employee is None:
        return StationThread.objects.none()
    return StationThread.objects.filter(employee=request.employee)


def get_thread_for_employee(request: HttpRequest, thread_uuid) -> StationThread:
    return get_object_or_404(
        threads_of_employee(request).select_related("plan", "employee"), uuid=thread_uuid
    )


# --- intake coordinator --------------------------------------------------------------------


def threads_for_coordinator(request: HttpRequest) -> QuerySet[StationThread]:
    scope: OrgUnit = request.active_role.scope
    return StationThread.objects.filter(
        Q(employee__isnull=False, **{"employee__unit__path__startswith": scope.path})
        | Q(employee__isnull=True, **{"plan__authority__path__startswith": scope.path})
    )


def get_thread_for_coordinator(request: HttpRequest, thread_uuid) -> StationThread:
    return get_object_or_404(
        threads_for_coordinator(request).select_related("plan__authority", "counselor"),
        uuid=thread_uuid,
    )


# --- counsellor ------------------------------------------------------------------------------


def threads_for_counselor(request: HttpRequest) -> QuerySet[StationThread]:
    return StationThread.objects.filter(counselor=request.user)


def get_thread_for_counselor(request: HttpRequest, thread_uuid) -> StationThread:
    return get_object_or_404(
        threads_for_counselor(request).select_related("plan", "employee"), uuid=thread_uuid
    )


def calls_for_counselor(request: HttpRequest) -> QuerySet[HotlineCall]:
    return HotlineCall.objects.filter(counselor=request.user)


def get_call_for_counselor(request: HttpRequest, call_uuid) -> HotlineCall:
    return get_object_or_404(
        calls_for_counselor(request).select_related("employee", "plan"), uuid=call_uuid
    )
