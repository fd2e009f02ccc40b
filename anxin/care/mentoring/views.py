"""Mentoring's pages: hr's pairs, mentors and completion rates; the pair's own pages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anxin.care.mentoring import services
from anxin.care.mentoring.forms import ConfirmForm, MentorForm, ReassignForm, TalkForm
from anxin.care.mentoring.models import MentoringPair
from anxin.care.mentoring.policies import (
    HR,
    PAIR,
    hire_for_hr,
    is_mentee,
    mentor_for_hr,
    own_pairs,
    pair_for_hr,
    pair_for_member,
    pairs_for_hr,
    talk_for_member,
)
from anxin.core.locking import StaleEdit
from anxin.core.refusals import Refused, show_refusal
from anxin.people.roles import Role, role_required, scope_of
from anxin.plans.services import plan_for_authority

RATE_READERS = (Role.HR, Role.EAP_ADMIN)
CLOSED_SHOWN = 50


def _with_talk_counts(pairs):
    return pairs.select_related("mentee__unit", "mentor__unit").annotate(
        talks_held=Count("talks", filter=Q(talks__held_on__isnull=False)),
        talks_planned=Count("talks"),
    )


# --- hr -----------------------------------------------------------------------------------


@require_GET
@role_required(*HR)
def pairs(request: HttpRequest) -> HttpResponse:
    """New hires to pair (with the proposed mentor), the active pairs (a new hire's
    private request for another mentor marked), the latest closed ones."""
    scope = scope_of(request)
    today = timezone.localdate()
    settings = services.mentoring_of(scope, on=today)
    active = _with_talk_counts(pairs_for_hr(request).filter(status=MentoringPair.Status.ACTIVE))
    closed = _with_talk_counts(
        pairs_for_hr(request).exclude(status=MentoringPair.Status.ACTIVE).order_by("-closed_at")
    )[:CLOSED_SHOWN]
    mentors = [m for m in services.mentors_trained(scope, settings) if m.trained_on]
    load = {m.pk: m.active_pairs for m in mentors}
    active = list(active.order_by("-change_asked_at", "ends_on"))
    for one in active:  # another mentor to choose from: the nearest trained ones
        one.choices = services.nearest_mentors(mentors, one.mentee, load, exclude={one.mentor_id})
    return render(
        request,
        "care/mentoring/pairs.html",
        {
            "settings": settings,
            "proposals": services.proposals(scope, today=today),
            "mentors": mentors,
            "active": active,
            "closed": list(closed),
        },
    )


@require_POST
@role_required(*HR)
def confirm(request: HttpRequest) -> HttpResponse:
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a trained mentor."))
        return redirect("care:mentoring_pairs")
    mentee = hire_for_hr(request, form.cleaned_data["mentee"])
    mentor = mentor_for_hr(request, form.cleaned_data["mentor"])
    try:
        services.pair_confirm(
            actor=request.user,
            scope=scope_of(request),
            mentee=mentee,
            mentor=mentor,
            today=timezone.localdate(),
        )
    except Refused as refused:
        show_refusal(request, refused)
    else:
        messages.success(request, _("The pair is confirmed; both have been told."))
    return redirect("care:mentoring_pairs")


@require_POST
@role_required(*HR)
def reassign(request: HttpRequest, pair_uuid) -> HttpResponse:
    pair = pair_for_hr(request, pair_uuid)
    form = ReassignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a trained mentor."))
        return redirect("care:mentoring_pairs")
    mentor = mentor_for_hr(request, form.cleaned_data["mentor"])
    try:
        services.pair_reassign(
            actor=request.user,
            scope=scope_of(request),
            pair=pair,
            mentor=mentor,
            today=timezone.localdate(),
        )
    except Refused as refused:
        show_refusal(request, refused)
    else:
        messages.success(request, _("The new hire has another mentor; both have been told."))
    return redirect("care:mentoring_pairs")


@require_http_methods(["GET", "POST"])
@role_required(*HR)
def mentors(request: HttpRequest) -> HttpResponse:
    """The agency's mentors, trained or not yet (from the events app); hr adds one by
    employee number."""
    scope = scope_of(request)
    form = MentorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.mentor_add(actor=request.user, scope=scope, **form.cleaned_data)
        except Refused as refused:
            show_refusal(request, refused, form=form, field="number")
        else:
            messages.success(request, _("The trained mentor is recorded."))
            return redirect("care:mentoring_mentors")
    return render(
        request,
        "care/mentoring/mentors.html",
        {
            "form": form,
            "settings": (settings := services.mentoring_of(scope)),
            "mentors": services.mentors_trained(scope, settings),
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(*RATE_READERS)
def classes(request: HttpRequest) -> HttpResponse:
    """The plan's mentors' trainings and the events generated for them (decision 0062);
    the EAP administrator generates the missing ones as draft events."""
    scope = scope_of(request)
    plan = plan_for_authority(scope.root_id)
    settings = plan.mentoring if plan else None
    if request.method == "POST":
        if request.active_role.role != Role.EAP_ADMIN or plan is None:
            raise PermissionDenied
        try:
            made = services.mentor_classes_generate(actor=request.user, plan=plan, owner_unit=scope)
        except Refused as refused:
            show_refusal(request, refused)
        else:
            messages.success(
                request, _("%(count)d classes added as draft events.") % {"count": len(made)}
            )
        return redirect("care:mentoring_classes")
    found = services.mentor_classes_of(plan)
    return render(
        request,
        "care/mentoring/classes.html",
        {
            "rows": [(t, found.get(t.key, [])) for t in (settings.trainings if settings else ())],
            "can_generate": request.active_role.role == Role.EAP_ADMIN,
        },
    )


@require_POST
@role_required(*HR)
def mentor_retire(request: HttpRequest, mentor_pk: int) -> HttpResponse:
    services.mentor_retire(mentor=mentor_for_hr(request, mentor_pk))
    messages.success(request, _("The mentor will no longer be proposed."))
    return redirect("care:mentoring_mentors")


@require_GET
@role_required(*RATE_READERS)
def rates(request: HttpRequest) -> HttpResponse:
    """Completion rates by agency: counts through the k rule, never a note or a name."""
    return render(
        request,
        "care/mentoring/rates.html",
        {"rates": services.completion_rates(scope_of(request))},
    )


# --- the pair -----------------------------------------------------------------------------


@require_GET
@role_required(*PAIR)
def mine(request: HttpRequest) -> HttpResponse:
    """The employee's mentoring, as new hire and as mentor."""
    pairs = list(_with_talk_counts(own_pairs(request)).order_by("-starts_on"))
    me = request.employee
    return render(
        request,
        "care/mentoring/mine.html",
        {
            "as_mentee": [p for p in pairs if me and p.mentee_id == me.pk],
            "as_mentor": [p for p in pairs if me and p.mentor_id == me.pk],
        },
    )


@require_GET
@role_required(*PAIR)
def pair(request: HttpRequest, pair_uuid) -> HttpResponse:
    the_pair = pair_for_member(request, pair_uuid)
    return render(
        request,
        "care/mentoring/pair.html",
        {
            "pair": the_pair,
            "talks": list(the_pair.talks.all()),
            "is_mentee": is_mentee(request, the_pair),
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(*PAIR)
def talk(request: HttpRequest, pair_uuid, talk_uuid) -> HttpResponse:
    """A talk: log it (when, which topic, a note for the two of them) or read it."""
    the_talk = talk_for_member(request, pair_uuid, talk_uuid)
    if request.method == "POST":
        form = TalkForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.talk_log(
                    talk=the_talk,
                    held_on=data["held_on"],
                    topic=data["topic"],
                    note=data["note"],
                    expected_version=data["version"],
                    today=timezone.localdate(),
                )
            except StaleEdit as stale:
                show_refusal(request, stale, form=form)
            except Refused as refused:
                show_refusal(request, refused, form=form)
            else:
                messages.success(request, _("The talk is logged."))
                return redirect("care:mentoring_pair", the_talk.pair.uuid)
        note = ""
    else:
        note = services.talk_note(the_talk, actor=request.user, role=Role.EMPLOYEE)
        form = TalkForm(
            initial={
                "held_on": the_talk.held_on or min(the_talk.due_on, timezone.localdate()),
                "topic": the_talk.topic,
                "note": note,
                "version": the_talk.version,
            }
        )
    return render(
        request,
        "care/mentoring/talk.html",
        {"pair": the_talk.pair, "talk": the_talk, "form": form, "note": note},
    )


@require_POST
@role_required(*PAIR)
def change(request: HttpRequest, pair_uuid) -> HttpResponse:
    """The new hire asks hr, privately, for another mentor (the mentor gets 404)."""
    the_pair = pair_for_member(request, pair_uuid)
    if not is_mentee(request, the_pair):
        raise Http404
    try:
        services.change_ask(pair=the_pair, now=timezone.now())
    except Refused as refused:
        show_refusal(request, refused)
    else:
        messages.success(
            request,
            _("Your request went to hr alone; your mentor is not told. hr will be in touch."),
        )
    return redirect("care:mentoring_pair", the_pair.uuid)
