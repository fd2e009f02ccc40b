"""Events pages: the organisers' list, form and event page; the employee's list, event
page and registration; the facilitator's roster. Organiser pages show counts, never who
an audience over self-declared attributes matched (DESIGN.md invariant 10)."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, F, Max, Min, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anxin.core.locking import StaleEdit
from anxin.core.refusals import Refused, show_refusal
from anxin.events import services
from anxin.events.forms import EventCancelForm, EventForm, PublishForm, SessionForm, VersionForm
from anxin.events.models import Event, Invitation, Registration
from anxin.events.policies import (
    ORGANISERS,
    PARTICIPANTS,
    event_for_employee,
    event_for_organiser,
    event_for_roster,
    organised_events,
    own_registration,
    session_for_organiser,
)
from anxin.people.roles import role_required, scope_of
from anxin.plans.services import plan_for_authority

# Below this, a count of people matched by self-declared attributes is shown as "fewer
# than", so that a narrow audience does not single anyone out.
SMALL_COUNT = 5

REGISTERED = Q(registrations__status=Registration.Status.REGISTERED)
WAITLISTED = Q(registrations__status=Registration.Status.WAITLISTED)
APPLIED = Q(registrations__status=Registration.Status.APPLIED)
# Which form field a refusal of the event service belongs to.
ERROR_FIELDS = {
    "capacity_below_registrations": "capacity",
    "allocation_locked": "allocation",
    "lottery_needs_closing": "registration_closes_at",
    "roster_must_be_private": "roster",
    "roster_stays_private": "roster",
}
# What a refused stale save says where the house's general message would not fit.
STALE_EVENT = gettext_lazy(
    "Someone else changed this event after you opened the page: nothing was done. The page "
    "now shows the current version; check it and try again."
)


def shown_count(count: int, sensitive: bool) -> int | None:
    """The count as an organiser sees it: None ("fewer than 5") for a small non-zero
    count of a sensitive event."""
    return None if sensitive and 0 < count < SMALL_COUNT else count


def _with_counts(events):
    return events.annotate(
        registered_count=Count("registrations", filter=REGISTERED, distinct=True),
        waitlisted_count=Count("registrations", filter=WAITLISTED, distinct=True),
        applied_count=Count("registrations", filter=APPLIED, distinct=True),
        invited_count=F("invited_total"),
    )


def _target_groups(request: HttpRequest) -> list:
    """The target groups of the plan in force for the organiser's authority."""
    plan = plan_for_authority(scope_of(request).root_id)
    return plan.target_groups if plan else []


def _counts(event: Event) -> dict:
    sensitive = event.is_sensitive
    return {
        "invited": shown_count(event.invited_count, sensitive),
        "registered": shown_count(event.registered_count, sensitive),
        "waitlisted": shown_count(event.waitlisted_count, sensitive),
        "applied": shown_count(event.applied_count, sensitive),
    }


# --- organisers -------------------------------------------------------------------------


@require_GET
@role_required(*ORGANISERS)
def event_manage_list(request: HttpRequest) -> HttpResponse:
    events = list(
        _with_counts(organised_events(request))
        .select_related("owner_unit")
        .prefetch_related("sessions")
        .order_by("-created_at")
    )
    rows = [{"event": event, "counts": _counts(event)} for event in events]
    return render(request, "events/manage_list.html", {"rows": rows, "small": SMALL_COUNT})


@require_http_methods(["GET", "POST"])
@role_required(*ORGANISERS)
def event_create(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    form = EventForm(request.POST or None, scope=scope, target_groups=_target_groups(request))
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                actor=request.user, owner_unit=scope, data=form.cleaned_data
            )
        except Refused as refused:
            show_refusal(request, refused, form=form, field=ERROR_FIELDS.get(refused.code))
        else:
            messages.success(request, _("The event is saved as a draft. Add its sessions next."))
            return redirect("events:manage_detail", event.uuid)
    return render(request, "events/event_form.html", {"form": form, "event": None})


@require_http_methods(["GET", "POST"])
@role_required(*ORGANISERS)
def event_edit(request: HttpRequest, event_uuid) -> HttpResponse:
    event = event_for_organiser(request, event_uuid)
    form = EventForm(
        request.POST or None,
        instance=event,
        scope=scope_of(request),
        target_groups=_target_groups(request),
        initial={"version": event.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(
                event=event,
                data=form.cleaned_data,
                expected_version=form.cleaned_data["version"] or 0,
            )
        except StaleEdit as stale:
            show_refusal(request, stale, form=form)
        except Refused as refused:
            show_refusal(request, refused, form=form, field=ERROR_FIELDS.get(refused.code))
        else:
            messages.success(request, _("The event is saved."))
            return redirect("events:manage_detail", event.uuid)
    return render(request, "events/event_form.html", {"form": form, "event": event})


def _manage_detail(request: HttpRequest, event: Event, **forms) -> HttpResponse:
    event = (
        _with_counts(Event.objects.filter(pk=event.pk))
        .select_related("audience_unit", "facilitator", "prerequisite")
        .prefetch_related("sessions")
        .get()
    )
    matched = None
    if event.status == Event.Status.DRAFT:
        matched = shown_count(len(services.audience_match_ids(event)), event.is_sensitive)
    return render(
        request,
        "events/manage_detail.html",
        {
            "event": event,
            "counts": _counts(event),
            "matched": matched,
            "small": SMALL_COUNT,
            "session_form": forms.get("session_form")
            or SessionForm(initial={"version": event.version}),
            "publish_form": forms.get("publish_form")
            or PublishForm(initial={"version": event.version}),
            "publish_error": forms.get("publish_error"),
            "edit_sessions": event.status == Event.Status.DRAFT,
        },
    )


def _session_fields(form: SessionForm) -> dict:
    return {
        name: form.cleaned_data[name] for name in ("starts_at", "ends_at", "place", "online_link")
    }


@require_GET
@role_required(*ORGANISERS)
def event_manage_detail(request: HttpRequest, event_uuid) -> HttpResponse:
    return _manage_detail(request, event_for_organiser(request, event_uuid))


@require_POST
@role_required(*ORGANISERS)
def event_session_add(request: HttpRequest, event_uuid) -> HttpResponse:
    event = event_for_organiser(request, event_uuid)
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            services.session_add(event=event, **_session_fields(form))
        except StaleEdit:
            messages.error(request, STALE_EVENT)
            return redirect("events:manage_detail", event.uuid)
        except Refused as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(request, _("The session is added."))
            return redirect("events:manage_detail", event.uuid)
    return _manage_detail(request, event, session_form=form)


@require_http_methods(["GET", "POST"])
@role_required(*ORGANISERS)
def event_session_edit(request: HttpRequest, event_uuid, session_pk: int) -> HttpResponse:
    """Move or re-place one session of a draft (e.g. a generated season's date)."""
    session = session_for_organiser(request, event_uuid, session_pk)
    event = session.event
    if event.status != Event.Status.DRAFT:
        messages.error(request, _("Only the sessions of a draft can be changed."))
        return redirect("events:manage_detail", event.uuid)
    initial = {
        "starts_at": timezone.localtime(session.starts_at),
        "ends_at": timezone.localtime(session.ends_at),
        "place": session.place,
        "online_link": session.online_link,
        "version": event.version,
    }
    form = SessionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(
                session=session,
                expected_version=form.cleaned_data["version"],
                **_session_fields(form),
            )
        except StaleEdit:
            show_refusal(request, StaleEdit(STALE_EVENT), form=form)
        except Refused as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(request, _("The session is saved."))
            return redirect("events:manage_detail", event.uuid)
    return render(
        request,
        "events/session_form.html",
        {
            "form": form,
            "event": event,
            "session": session,
            "remove_form": VersionForm(initial={"version": event.version}),
        },
    )


@require_POST
@role_required(*ORGANISERS)
def event_session_remove(request: HttpRequest, event_uuid, session_pk: int) -> HttpResponse:
    session = session_for_organiser(request, event_uuid, session_pk)
    form = VersionForm(request.POST)
    form.is_valid()
    try:
        services.session_remove(session=session, expected_version=form.cleaned_data.get("version"))
    except StaleEdit:
        messages.error(request, STALE_EVENT)
    except Refused as refused:
        show_refusal(request, refused)
    else:
        messages.success(request, _("The session is removed."))
    return redirect("events:manage_detail", session.event.uuid)


@require_http_methods(["GET", "POST"])
@role_required(*ORGANISERS)
def event_cancel_manage(request: HttpRequest, event_uuid) -> HttpResponse:
    """The organiser cancels the event with a reason; the people registered are told."""
    event = event_for_organiser(request, event_uuid)
    if event.status == Event.Status.CANCELLED:
        messages.info(request, _("This event is already cancelled."))
        return redirect("events:manage_detail", event.uuid)
    form = EventCancelForm(request.POST or None, initial={"version": event.version})
    if request.method == "POST" and form.is_valid():
        try:
            told = services.event_cancel(
                event=event,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleEdit:
            show_refusal(request, StaleEdit(STALE_EVENT), form=form)
        except Refused as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(
                request,
                _("The event is cancelled; the people registered for it are being told.")
                if told
                else _("The event is cancelled."),
            )
            return redirect("events:manage_detail", event.uuid)
    return render(request, "events/cancel_form.html", {"form": form, "event": event})


@require_POST
@role_required(*ORGANISERS)
def event_publish(request: HttpRequest, event_uuid) -> HttpResponse:
    event = event_for_organiser(request, event_uuid)
    form = PublishForm(request.POST)
    form.is_valid()
    try:
        invited = services.event_publish(
            event=event,
            actor=request.user,
            confirm_empty=form.cleaned_data.get("confirm_empty", False),
            expected_version=form.cleaned_data.get("version"),
        )
    except StaleEdit:
        messages.error(request, STALE_EVENT)
        return redirect("events:manage_detail", event.uuid)
    except Refused as refused:
        # Shown in its own place on the event page, above the publish button.
        return _manage_detail(request, event, publish_form=form, publish_error=refused)
    shown = shown_count(invited, event.is_sensitive)
    if shown is None:
        messages.success(
            request,
            _("The event is published; fewer than %(small)d people are invited.")
            % {"small": SMALL_COUNT},
        )
    else:
        messages.success(
            request, _("The event is published; %(count)d people are invited.") % {"count": shown}
        )
    return redirect("events:manage_detail", event.uuid)


# --- facilitator --------------------------------------------------------------------


@require_GET
@login_required
def event_roster(request: HttpRequest, event_uuid) -> HttpResponse:
    event = event_for_roster(request, event_uuid)
    registrations = (
        Registration.objects.filter(event=event)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("employee__unit")
        .order_by("status", "created_at", "pk")
    )
    return render(request, "events/roster.html", {"event": event, "registrations": registrations})


@require_GET
@login_required
def facilitating(request: HttpRequest) -> HttpResponse:
    """The events the signed-in user leads or speaks at, whatever role he or she acts in:
    those still to come and the last half-year's, latest first, each with the way to its
    roster and attendance (a facilitator may have no employee record, hence no event list
    of his or her own)."""
    since = timezone.now() - timedelta(days=183)
    events = (
        Event.objects.filter(facilitator=request.user)
        .exclude(status=Event.Status.DRAFT)
        .annotate(
            first=Min("sessions__starts_at"),
            last=Max("sessions__ends_at"),
            registered=Count(
                "registrations",
                filter=Q(registrations__status=Registration.Status.REGISTERED),
                distinct=True,
            ),
        )
        .filter(last__gte=since)
        .order_by("-last", "pk")
    )
    now = timezone.now()
    rows = [{"event": event, "past": event.last < now} for event in events]
    return render(request, "events/facilitating.html", {"rows": rows})


# --- employees --------------------------------------------------------------------------


@require_GET
@role_required(*PARTICIPANTS)
def my_events(request: HttpRequest) -> HttpResponse:
    employee = request.employee
    now = timezone.now()
    candidates = (
        Event.objects.filter(
            status=Event.Status.PUBLISHED,
            owner_unit__path__startswith=f"/{employee.authority_id}/",
            sessions__ends_at__gte=now,
        )
        .distinct()
        .select_related("audience_unit")
        .prefetch_related("sessions")
        .order_by("pk")
    )
    invited = set(Invitation.objects.filter(employee=employee).values_list("event_id", flat=True))
    own = {
        r.event_id: r
        for r in Registration.objects.filter(employee=employee).exclude(
            status=Registration.Status.CANCELLED
        )
    }
    events = services.eligible_events(
        candidates, employee, invited_ids=invited | set(own), actor=request.user
    )
    # Events cancelled while the employee was registered stay listed, marked cancelled.
    cancelled = (
        Event.objects.filter(
            status=Event.Status.CANCELLED,
            registrations__employee=employee,
            registrations__cancelled_at=F("cancelled_at"),
            sessions__ends_at__gte=now,
        )
        .distinct()
        .prefetch_related("sessions")
    )
    events = [*events, *cancelled]
    events.sort(key=lambda e: services.first_start(e) or now)
    rows = [{"event": event, "registration": own.get(event.pk)} for event in events]
    # The events taken part in, ended within two years, each with its certificate if any.
    taken = (
        Registration.objects.filter(
            employee=employee,
            status=Registration.Status.REGISTERED,
            event__status=Event.Status.PUBLISHED,
        )
        .annotate(last=Max("event__sessions__ends_at"))
        .filter(last__lt=now, last__gte=now - timedelta(days=730))
        .select_related("event", "certificate")
        .order_by("-last", "pk")
    )
    return render(request, "events/my_events.html", {"rows": rows, "taken": taken})


@require_GET
@role_required(*PARTICIPANTS)
def event_detail(request: HttpRequest, event_uuid) -> HttpResponse:
    event = event_for_employee(request, event_uuid)
    registration = own_registration(request, event)
    if event.status == Event.Status.CANCELLED:
        # Told of the cancellation: those who were registered, waiting or applied.
        if not Registration.objects.filter(event=event, employee=request.employee).exists():
            raise Http404
        return render(request, "events/detail.html", {"event": event, "registration": None})
    if registration is None and not services.employee_eligible(
        event, request.employee, actor=request.user
    ):
        # Outside the audience: 404 like an event that does not exist, since a refusal
        # would confirm that an event for some group exists (invariant 10).
        raise Http404
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "registration": registration,
            "closed": services.registration_closed(event, now=timezone.now()),
            "roster_url": reverse("events:roster", args=[event.uuid])
            if event.facilitator_id == request.user.pk
            else "",
        },
    )


@require_POST
@role_required(*PARTICIPANTS)
def event_register(request: HttpRequest, event_uuid) -> HttpResponse:
    event = event_for_employee(request, event_uuid)
    try:
        registration = services.registration_create(
            event=event, employee=request.employee, actor=request.user
        )
    except Refused as refused:
        if refused.code == "not_eligible":
            raise Http404 from None  # as on the event's page
        show_refusal(request, refused)
        return redirect("events:detail", event.uuid)
    if registration.status == Registration.Status.REGISTERED:
        messages.success(request, _("You are registered."))
    elif registration.status == Registration.Status.APPLIED:
        messages.success(
            request,
            _(
                "You have applied. Places are drawn by lot when registration closes; "
                "you will be told."
            ),
        )
    else:
        messages.info(
            request,
            _("The event is full: you are on the waiting list and will be told if a place frees."),
        )
    return redirect("events:detail", event.uuid)


@require_POST
@role_required(*PARTICIPANTS)
def event_cancel(request: HttpRequest, event_uuid) -> HttpResponse:
    event = event_for_employee(request, event_uuid)
    registration = own_registration(request, event)
    if registration is None:
        messages.error(request, _("You have no registration for this event to cancel."))
        return redirect("events:detail", event.uuid)
    try:
        services.registration_cancel(registration=registration)
    except Refused as refused:
        # Cancelled meanwhile (a second tab, or the event was cancelled): told, not an error.
        messages.info(request, refused.message)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("events:detail", event.uuid)
