"""Case conferences (個案研討會議, 003 §伍.三.(一)).

The pages of one conference answer its participants only, whatever their role; anybody
else, signed in, gets 404 (conferences/policies.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anxin.core.audit import UNAVAILABLE_EDIT, is_unavailable
from anxin.core.refusals import Refused, show_refusal
from anxin.counseling.conferences import policies, services
from anxin.counseling.conferences.forms import (
    PURPOSE,
    ActionItemForm,
    CaseCodeForm,
    ConferenceForm,
    ConsentForm,
    DecisionsForm,
)
from anxin.counseling.conferences.models import CaseConference
from anxin.people.roles import Role, role_required

LIST_LIMIT = 200


def _role(request: HttpRequest) -> str:
    return request.active_role.role


def _posted(request: HttpRequest):
    """The POST data, or None on GET (an empty POST is still a submitted form)."""
    return request.POST if request.method == "POST" else None


def _participant(request: HttpRequest) -> None:
    """Signed in, in a role that can take part; others get 404 like any outsider."""
    if request.active_role is None or request.active_role.role not in policies.PARTICIPANT_ROLE:
        raise Http404


@require_GET
@role_required(*policies.PARTICIPANT_ROLE)
def conference_list(request: HttpRequest) -> HttpResponse:
    """The conferences this person takes part in, the coming ones first."""
    items = policies.conferences_for(request)
    now = timezone.now()
    upcoming = items.filter(starts_at__gte=now).order_by("starts_at")[:LIST_LIMIT]
    past = items.filter(starts_at__lt=now).order_by("-starts_at")[:LIST_LIMIT]
    return render(
        request,
        "counseling/conferences/list.html",
        {
            "upcoming": upcoming,
            "past": past,
            "can_schedule": _role(request) in policies.SCHEDULER_ROLES,
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(*policies.SCHEDULER_ROLES)
def conference_create(request: HttpRequest) -> HttpResponse:
    """Schedule a conference for a case: first which case (by code), then when, where,
    with whom and on what."""
    cases = policies.cases_for_scheduler(request)
    code_form = CaseCodeForm(request.GET if "case" in request.GET else None, cases=cases)
    if not code_form.is_bound or not code_form.is_valid():
        return render(request, "counseling/conferences/pick_case.html", {"code_form": code_form})
    case = code_form.cleaned_data["case"]
    employee = case.employee
    form = ConferenceForm(
        _posted(request),
        unit_heads=policies.unit_heads_for(employee),
        personnel_heads=policies.personnel_heads_for(employee),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        conference = services.conference_schedule(
            case=case,
            scheduled_by=request.user,
            scheduler_role=_role(request),
            starts_at=data["starts_at"],
            place=data["place"],
            agenda=data["agenda"],
            unit_head=data["unit_head"],
            personnel_head=data["personnel_head"],
        )
        messages.success(
            request,
            _("The conference has been scheduled. The employee has been asked for consent."),
        )
        return redirect(conference)
    return render(request, "counseling/conferences/form.html", {"case": case, "form": form})


@require_GET
@login_required
def conference_detail(request: HttpRequest, conference_uuid) -> HttpResponse:
    """One conference; every sealed field shown is a logged read."""
    _participant(request)
    conference, me = policies.get_conference(request, conference_uuid)
    text = services.conference_read(
        conference=conference, participant=me, actor=request.user, role=_role(request)
    )
    actions = []
    if text is not None:
        actions = services.action_items_read(
            conference=conference, actor=request.user, role=_role(request)
        )
    return render(
        request,
        "counseling/conferences/detail.html",
        {
            "conference": conference,
            "me": me,
            "text": text,
            "actions": actions,
            "participants": conference.participants.select_related("user"),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def conference_decisions(request: HttpRequest, conference_uuid) -> HttpResponse:
    """The record of decisions, kept by the counselling room's side; saving it marks the
    conference held. Two people saving at once: the second is refused (StaleEdit)."""
    _participant(request)
    conference, me = policies.get_conference_for_organiser(request, conference_uuid)
    if request.method == "POST":
        form = DecisionsForm(request.POST, conference=conference)
        if form.is_valid():
            try:
                services.conference_record_decisions(
                    conference=conference,
                    decisions=form.cleaned_data["decisions"],
                    expected_version=form.cleaned_data["version"],
                )
            except Refused as refused:
                show_refusal(request, refused, form=form)
            else:
                messages.success(request, _("The decisions have been saved."))
                return redirect(conference)
    else:
        text = services.conference_read(
            conference=conference, participant=me, actor=request.user, role=_role(request)
        )
        if is_unavailable(text.decisions):
            messages.error(request, UNAVAILABLE_EDIT)
            return redirect(conference)
        form = DecisionsForm(
            conference=conference,
            initial={"decisions": text.decisions, "version": conference.version},
        )
    return render(
        request, "counseling/conferences/decisions.html", {"conference": conference, "form": form}
    )


@require_http_methods(["GET", "POST"])
@login_required
def conference_action_add(request: HttpRequest, conference_uuid) -> HttpResponse:
    _participant(request)
    conference, _me = policies.get_conference_for_organiser(request, conference_uuid)
    participants = list(conference.participants.select_related("user"))
    form = ActionItemForm(_posted(request), conference=conference, participants=participants)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.action_item_add(
            conference=conference, text=data["text"], owner=data["owner"], due_on=data["due_on"]
        )
        messages.success(request, _("The action item has been added."))
        return redirect(conference)
    return render(
        request, "counseling/conferences/action_form.html", {"conference": conference, "form": form}
    )


@require_POST
@login_required
def conference_action_done(request: HttpRequest, conference_uuid, item_uuid) -> HttpResponse:
    """Its owner marks an action item done."""
    _participant(request)
    conference, _me = policies.get_conference(request, conference_uuid)
    item = policies.get_action_for_owner(request, conference, item_uuid)
    services.action_item_done(item=item)
    messages.success(request, _("The action item is marked done."))
    return redirect(conference)


@require_http_methods(["GET", "POST"])
@role_required(Role.EMPLOYEE)
def conference_consent(request: HttpRequest, conference_uuid) -> HttpResponse:
    """The employee reads why, with whom (by role) and when, and agrees or declines."""
    conference = policies.get_conference_for_employee(request, conference_uuid)
    form = ConsentForm(_posted(request), conference=conference)
    if request.method == "POST" and form.is_valid():
        agree = form.cleaned_data["answer"] == "agree"
        try:
            services.conference_answer(conference=conference, agree=agree)
        except Refused as refused:  # answered a moment ago, in another tab
            show_refusal(request, refused)
            return redirect("counseling:conference_consent", conference.uuid)
        if agree:
            messages.success(request, _("Thank you. The conference will be held as shown."))
        else:
            messages.success(request, _("Thank you. The conference will not take place."))
        return redirect("counseling:conference_consent", conference.uuid)
    return render(
        request,
        "counseling/conferences/consent.html",
        {
            "conference": conference,
            "form": form,
            "purpose": PURPOSE,
            "pending": conference.consent == CaseConference.Consent.PENDING,
            "roles": sorted({p.get_role_display() for p in conference.participants.all()}),
        },
    )
