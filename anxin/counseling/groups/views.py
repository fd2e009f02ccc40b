"""Group counselling pages of the counselling room: the list of groups, scheduling one
(alone or for a unit's group request), a group's page with counts, and recording the
answered request's outcome from the attendance. The roster is the events roster page,
open to the facilitator only."""

import uuid

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anxin.core.refusals import Refused, show_refusal
from anxin.counseling.booking.models import Room
from anxin.counseling.groups import services
from anxin.counseling.groups.forms import GroupSessionForm
from anxin.counseling.groups.policies import COUNSELLING_ROOM, group_event_for, group_events_for
from anxin.counseling.policies import counselors_for
from anxin.counseling.providers.models import GroupRequest
from anxin.counseling.providers.policies import get_group_request
from anxin.events.models import Registration
from anxin.people.models import OrgUnit, User
from anxin.people.roles import Role, role_required

REGISTERED = Q(registrations__status=Registration.Status.REGISTERED)
WAITLISTED = Q(registrations__status=Registration.Status.WAITLISTED)
ATTENDED = REGISTERED & Q(registrations__completed_at__isnull=False)


def _with_counts(events):
    return events.annotate(
        registered_count=Count("registrations", filter=REGISTERED, distinct=True),
        waitlisted_count=Count("registrations", filter=WAITLISTED, distinct=True),
        attended_count=Count("registrations", filter=ATTENDED, distinct=True),
    )


@require_GET
@role_required(*COUNSELLING_ROOM)
def group_list(request: HttpRequest) -> HttpResponse:
    events = list(
        _with_counts(group_events_for(request))
        .select_related("audience_unit", "facilitator", "group_session__group_request")
        .prefetch_related("sessions")
        .order_by("-created_at")
    )
    return render(request, "counseling/groups/list.html", {"events": events})


@require_http_methods(["GET", "POST"])
@role_required(*COUNSELLING_ROOM)
def group_create(request: HttpRequest) -> HttpResponse:
    """Schedule a group. With `?request=<uuid>` (the coordinator), for that group
    request: the unit is the request's, the places its expected participants."""
    role = request.active_role
    scope: OrgUnit = role.scope
    authority = scope.authority()
    item: GroupRequest | None = None
    if request.GET.get("request"):
        try:
            item = get_group_request(request, uuid.UUID(request.GET["request"]))
        except ValueError:
            raise Http404 from None
    initial = {"facilitator": request.user.pk}
    if item is not None:
        units = OrgUnit.objects.filter(pk=item.unit_id)
        initial.update(
            title=_("Group counselling: %(topic)s") % {"topic": item.get_topic_display()},
            audience_unit=item.unit_id,
            capacity=item.expected_participants,
            version=item.version,
        )
    else:
        units = OrgUnit.objects.filter(scope.subtree_q(), is_active=True).order_by("path")
    if role.role == Role.INTAKE:
        counselors = counselors_for(authority)
    else:
        counselors = User.objects.filter(pk=request.user.pk)
    form = GroupSessionForm(
        request.POST or None,
        initial=initial,
        units=units,
        counselors=counselors,
        rooms=Room.objects.filter(authority=authority, is_active=True),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            event = services.group_session_schedule(
                actor=request.user,
                authority=authority,
                title=data["title"],
                description=data["description"],
                audience_unit=data["audience_unit"],
                facilitator=data["facilitator"],
                capacity=data["capacity"],
                sessions=data["sessions"],
                room=data["room"],
                place=data["place"],
                online_link=data["online_link"],
                group_request=item,
                request_version=data["version"],
            )
        except Refused as refused:  # a stale edit included: the same form, shown again
            show_refusal(request, refused, form=form)
        else:
            messages.success(
                request, _("The group is scheduled and the staff of the unit are invited.")
            )
            return redirect("counseling_groups:group_detail", event.uuid)
    return render(request, "counseling/groups/form.html", {"form": form, "item": item})


@require_GET
@role_required(*COUNSELLING_ROOM)
def group_detail(request: HttpRequest, event_uuid) -> HttpResponse:
    event = group_event_for(request, event_uuid)
    counts = _with_counts(type(event).objects.filter(pk=event.pk)).values(
        "registered_count", "waitlisted_count", "attended_count"
    )[0]
    item = event.group_session.group_request
    return render(
        request,
        "counseling/groups/detail.html",
        {
            "event": event,
            "counts": counts,
            "item": item,
            "is_facilitator": event.facilitator_id == request.user.pk,
            "role": request.active_role.role,
            "can_record": item is not None and item.status == GroupRequest.Status.SCHEDULED,
        },
    )


@require_POST
@role_required(*COUNSELLING_ROOM)
def group_outcome(request: HttpRequest, event_uuid) -> HttpResponse:
    event = group_event_for(request, event_uuid)
    try:
        item = services.group_session_record_outcome(
            group_session=event.group_session, now=timezone.now()
        )
    except Refused as refused:  # a stale edit included
        show_refusal(request, refused)
    else:
        messages.success(
            request,
            _("The request is recorded as held, with %(count)d attending.")
            % {"count": item.attendance},
        )
    return redirect("counseling_groups:group_detail", event.uuid)
