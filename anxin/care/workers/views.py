"""Care-worker pages: hr's and the EAP administrator's list, nomination, record and
coverage map (with its ODS export); the employee's own nominations and the care-worker
map of his or her unit."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anxin.care.workers import activity, commendations, meetings, services, training
from anxin.care.workers import coverage as cov
from anxin.care.workers.forms import (
    ActivityForm,
    ApproveForm,
    EndForm,
    ListingForm,
    MeetingForm,
    MeetingRecordForm,
    NominateForm,
    VersionForm,
    VolunteerForm,
)
from anxin.care.workers.models import CareWorker, Commendation
from anxin.care.workers.policies import (
    EMPLOYEES,
    MANAGERS,
    care_workers_for,
    employee_for_manager,
    get_care_worker_for_manager,
    get_meeting_for_manager,
    get_own_care_worker,
    own_care_workers,
    own_employee,
    units_for_manager,
)
from anxin.core import sheets
from anxin.core.refusals import Refused, show_refusal
from anxin.core.roc import format_month
from anxin.people.roles import Role, role_required, scope_of
from anxin.plans.services import k_of, plan_for_authority

# --- hr and the EAP administrator ---------------------------------------------------------


@require_GET
@role_required(*MANAGERS)
def workers_list(request: HttpRequest) -> HttpResponse:
    care_workers = list(
        care_workers_for(request)
        .exclude(status=CareWorker.Status.ENDED)
        .select_related("employee__unit")
        .prefetch_related("units")
        .order_by("employee__unit__path", "employee__number")
    )
    plan = plan_for_authority(scope_of(request).root_id)
    levels = training.training_levels(plan, [cw.employee_id for cw in care_workers])
    for care_worker in care_workers:
        care_worker.level = levels[care_worker.employee_id]
    return render(request, "care/workers/list.html", {"care_workers": care_workers})


@require_http_methods(["GET", "POST"])
@role_required(*MANAGERS)
def workers_nominate(request: HttpRequest) -> HttpResponse:
    form = NominateForm(
        request.POST or None,
        units=units_for_manager(request),
        find_employee=lambda number: employee_for_manager(request, number),
    )
    if request.method == "POST" and form.is_valid():
        try:
            care_worker = services.careworker_nominate(
                actor=request.user,
                employee=form.employee,
                units=form.cleaned_data["units"],
                specialties=form.cleaned_data["specialties"],
            )
        except Refused as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(
                request,
                _("%(name)s is nominated and asked for consent.")
                % {"name": care_worker.employee.name},
            )
            return redirect("care:workers_detail", care_worker.pk)
    return render(request, "care/workers/nominate.html", {"form": form})


@require_GET
@role_required(*MANAGERS)
def workers_detail(request: HttpRequest, pk: int) -> HttpResponse:
    care_worker = get_care_worker_for_manager(request, pk)
    version = {"version": care_worker.version}
    plan = plan_for_authority(care_worker.employee.authority_id)
    care_worker.level = training.training_levels(plan, [care_worker.employee_id])[
        care_worker.employee_id
    ]
    return render(
        request,
        "care/workers/detail.html",
        {
            "care_worker": care_worker,
            "approve_form": ApproveForm(),
            "renew_form": VersionForm(initial=version),
            "end_form": EndForm(initial=version),
            "term_years": services.term_years_for(care_worker.employee),
        },
    )


@require_POST
@role_required(*MANAGERS)
def workers_approve(request: HttpRequest, pk: int) -> HttpResponse:
    care_worker = get_care_worker_for_manager(request, pk)
    form = ApproveForm(request.POST)
    agree = request.POST.get("decision") != "refuse"
    if form.is_valid():
        try:
            services.careworker_approve(
                care_worker=care_worker,
                actor=request.user,
                agree=agree,
                term_start=form.cleaned_data["term_start"],
            )
        except Refused as refused:
            show_refusal(request, refused)
        else:
            messages.success(
                request, _("The offer is approved.") if agree else _("The offer is declined.")
            )
    else:
        messages.error(request, _("Give the first day of the term as a date."))
    return redirect("care:workers_detail", care_worker.pk)


@require_POST
@role_required(*MANAGERS)
def workers_renew(request: HttpRequest, pk: int) -> HttpResponse:
    care_worker = get_care_worker_for_manager(request, pk)
    form = VersionForm(request.POST)
    try:
        if not form.is_valid():
            raise Refused("version", _("Reload the page and try again."))
        services.careworker_renew(
            care_worker=care_worker, expected_version=form.cleaned_data["version"]
        )
    except Refused as refused:
        show_refusal(request, refused)
    else:
        messages.success(request, _("The term is renewed."))
    return redirect("care:workers_detail", care_worker.pk)


@require_POST
@role_required(*MANAGERS)
def workers_end(request: HttpRequest, pk: int) -> HttpResponse:
    care_worker = get_care_worker_for_manager(request, pk)
    form = EndForm(request.POST)
    try:
        if not form.is_valid():
            raise Refused("reason", _("Choose why the term ends."))
        services.careworker_end(
            care_worker=care_worker,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
            actor=request.user,
        )
    except Refused as refused:
        show_refusal(request, refused)
    else:
        messages.success(request, _("The term has ended."))
    return redirect("care:workers_detail", care_worker.pk)


def _coverage(request: HttpRequest) -> cov.Coverage:
    scope = scope_of(request)
    plan = plan_for_authority(scope.root_id)
    return cov.coverage_of(
        scope,
        minimum=plan.care_worker_min_per_department if plan else 1,
        minimum_is_set=plan.care_worker_minimum_is_set if plan else False,
        on=timezone.localdate(),
    )


@require_GET
@role_required(*MANAGERS)
def workers_coverage(request: HttpRequest) -> HttpResponse:
    return render(request, "care/workers/coverage.html", {"coverage": _coverage(request)})


@require_GET
@role_required(*MANAGERS)
def workers_coverage_ods(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        cov.coverage_ods(_coverage(request)), content_type=sheets.CONTENT_TYPES["ods"]
    )
    response["Content-Disposition"] = 'attachment; filename="care-worker-coverage.ods"'
    return response


@require_http_methods(["GET", "POST"])
@role_required(*MANAGERS)
def workers_classes(request: HttpRequest) -> HttpResponse:
    """The plan's care-worker trainings and the events generated for them; the EAP
    administrator generates the missing ones as draft events."""
    scope = scope_of(request)
    plan = plan_for_authority(scope.root_id)
    if request.method == "POST":
        if request.active_role.role != Role.EAP_ADMIN or plan is None:
            raise PermissionDenied
        made = training.classes_generate(actor=request.user, plan=plan, owner_unit=scope)
        messages.success(
            request, _("%(count)d classes added as draft events.") % {"count": len(made)}
        )
        return redirect("care:workers_classes")
    classes = training.classes_of(plan) if plan else {}
    rows = [
        (item, classes.get(item.key, []))
        for item in (training.ordered_trainings(plan) if plan else [])
    ]
    return render(
        request,
        "care/workers/classes.html",
        {
            "rows": rows,
            "plan": plan,
            "can_generate": request.active_role.role == Role.EAP_ADMIN,
            "show_requires": True,
        },
    )


@require_GET
@role_required(*MANAGERS)
def workers_activity_report(request: HttpRequest) -> HttpResponse:
    """The care workers' activity of the scope by unit and by month for a year, counts
    only, through the k rule."""
    scope = scope_of(request)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, 2000), today.year)
    k = k_of(plan_for_authority(scope.root_id))
    return render(
        request,
        "care/workers/activity_report.html",
        {
            "year": year,
            "years": list(range(today.year, today.year - 5, -1)),
            "by_unit": activity.by_unit(scope, year, k=k),
            "by_month": activity.by_month(scope, year, k=k),
            "categories": activity.Category.choices,
            "k": k,
        },
    )


def _year(request: HttpRequest) -> int:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or today.year)
    except ValueError:
        year = today.year
    return min(max(year, 2000), today.year)


def _commendations(request: HttpRequest, year: int) -> list[Commendation]:
    return list(
        Commendation.objects.filter(
            year=year, care_worker__employee__unit__path__startswith=scope_of(request).path
        )
        .select_related("care_worker__employee__unit")
        .order_by("care_worker__employee__unit__path", "care_worker__employee__number")
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.EAP_ADMIN)
def workers_commendations(request: HttpRequest) -> HttpResponse:
    """The year's commendation list: proposed by the plan's rule, decided here."""
    scope = scope_of(request)
    year = _year(request)
    plan = plan_for_authority(scope.root_id)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "propose":
                if plan is None:
                    raise Refused("no_plan", _("No plan is loaded for this authority."))
                added = commendations.commendations_propose(
                    authority=scope.authority(), plan=plan, year=year
                )
                messages.success(request, _("%(count)d added to the list.") % {"count": added})
            elif action in ("approve", "decline"):
                item = next(
                    (
                        c
                        for c in _commendations(request, year)
                        if str(c.pk) == request.POST.get("item")
                    ),
                    None,
                )
                if item is None:
                    raise Http404
                commendations.commendation_decide(
                    commendation=item, actor=request.user, approve=action == "approve"
                )
                messages.success(request, _("Saved."))
        except Refused as refused:
            show_refusal(request, refused)
        return redirect(f"{reverse('care:workers_commendations')}?year={year}")
    return render(
        request,
        "care/workers/commendations.html",
        {
            "year": year,
            "years": list(range(timezone.localdate().year, timezone.localdate().year - 5, -1)),
            "items": _commendations(request, year),
            "rule": plan.care_worker_commendation_rule if plan else None,
        },
    )


@require_GET
@role_required(Role.EAP_ADMIN)
def workers_commendations_ods(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    response = HttpResponse(
        commendations.commendations_ods(_commendations(request, year), year),
        content_type=sheets.CONTENT_TYPES["ods"],
    )
    response["Content-Disposition"] = f'attachment; filename="care-worker-commendations-{year}.ods"'
    return response


# --- the care-worker group's meetings -----------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(*MANAGERS)
def workers_meetings(request: HttpRequest) -> HttpResponse:
    """The group meetings of the scope at the plan's cadence; scheduling the next one
    invites the care workers in term."""
    scope = scope_of(request)
    plan = plan_for_authority(scope.root_id)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meetings.meeting_schedule(
                actor=request.user,
                unit=scope,
                starts_at=form.cleaned_data["starts_at"],
                place=form.cleaned_data["place"],
                agenda=form.cleaned_data["agenda"],
            )
        except Refused as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(
                request,
                _("The meeting is scheduled; %(count)d care workers are invited.")
                % {"count": meeting.invitations.count()},
            )
            return redirect("care:workers_meeting", meeting.pk)
    items = list(meetings.meetings_in(scope))
    months = plan.care_worker_meeting_months if plan else 6
    cadence = meetings.cadence_of(
        [m for m in items if m.unit_id == scope.pk], months=months, now=timezone.now()
    )
    return render(
        request,
        "care/workers/meetings.html",
        {
            "meetings": items,
            "cadence": cadence,
            "late": cadence.is_late(timezone.localdate()),
            "plan_sets_it": bool(plan and plan.care_workers.get("meeting_months")),
            "form": form,
            "scope": scope,
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(*MANAGERS)
def workers_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """One meeting: who is invited; after it, who came and the notes."""
    meeting = get_meeting_for_manager(request, pk)
    invitations = list(
        meeting.invitations.select_related("care_worker__employee__unit").order_by(
            "care_worker__employee__number"
        )
    )
    form = MeetingRecordForm(
        request.POST or None,
        invitations=invitations,
        initial={
            "present": [str(i.pk) for i in invitations if i.attended],
            "notes": meeting.notes,
            "version": meeting.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            meetings.meeting_record(
                meeting=meeting,
                present={int(pk) for pk in form.cleaned_data["present"]},
                notes=form.cleaned_data["notes"],
                expected_version=form.cleaned_data["version"],
            )
        except Refused as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(request, _("Saved."))
            return redirect("care:workers_meeting", meeting.pk)
    return render(
        request,
        "care/workers/meeting.html",
        {
            "meeting": meeting,
            "invitations": invitations,
            "form": form,
            "cancel_form": VersionForm(initial={"version": meeting.version}),
            "has_begun": meeting.starts_at <= timezone.now(),
        },
    )


@require_POST
@role_required(*MANAGERS)
def workers_meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_manager(request, pk)
    form = VersionForm(request.POST)
    try:
        if not form.is_valid():
            raise Refused("version", _("Reload the page and try again."))
        meetings.meeting_cancel(meeting=meeting, expected_version=form.cleaned_data["version"])
    except Refused as refused:
        show_refusal(request, refused)
    else:
        messages.success(request, _("The meeting is cancelled; the invited are told."))
    return redirect("care:workers_meeting", meeting.pk)


# --- the care worker ----------------------------------------------------------------------


def _own_terms(request: HttpRequest) -> list[CareWorker]:
    employee = getattr(request, "employee", None)
    if employee is None:
        return []
    return list(
        CareWorker.objects.filter(employee=employee)
        .exclude(status=CareWorker.Status.NOMINATED)
        .prefetch_related("units")
        .order_by("-nominated_at")
    )


@require_GET
@role_required(Role.CARE_WORKER)
def workers_meetings_mine(request: HttpRequest) -> HttpResponse:
    """The group meetings I am invited to: those ahead, and those held with whether I
    came. Nothing about anybody else's attendance."""
    terms = _own_terms(request)
    now = timezone.now()
    invitations = list(meetings.meetings_of([term.pk for term in terms]))
    return render(
        request,
        "care/workers/meetings_mine.html",
        {
            "ahead": [i for i in reversed(invitations) if i.meeting.starts_at >= now],
            "past": [i for i in invitations if i.meeting.starts_at < now],
        },
    )


@require_GET
@role_required(Role.CARE_WORKER)
def workers_unit(request: HttpRequest) -> HttpResponse:
    """The care worker's map: the units I cover and the care workers, listed or not,
    who cover them with me (names and the contact they gave; nothing else)."""
    terms = [term for term in _own_terms(request) if term.status != CareWorker.Status.ENDED]
    term = terms[0] if terms else None
    units = list(term.units.all()) if term else []
    peers = []
    if term is not None:
        peers = list(
            cov.active_on(timezone.localdate())
            .filter(units__in=units)
            .exclude(pk=term.pk)
            .select_related("employee__unit")
            .distinct()
            .order_by("employee__unit__path", "employee__number")
        )
    return render(request, "care/workers/unit.html", {"term": term, "units": units, "peers": peers})


@require_GET
@role_required(Role.CARE_WORKER)
def workers_training(request: HttpRequest) -> HttpResponse:
    """My training level: the plan's care-worker trainings, which I completed, and the
    classes generated for them."""
    employee = getattr(request, "employee", None)
    plan = plan_for_authority(employee.authority_id) if employee is not None else None
    rows = []
    if plan is not None and employee is not None:
        level = training.training_levels(plan, [employee.pk])[employee.pk]
        done = {t.key for t in level.completed}
        classes = training.classes_of(plan)
        rows = [
            (item, item.key in done, classes.get(item.key, []))
            for item in training.ordered_trainings(plan)
        ]
    return render(request, "care/workers/training.html", {"rows": rows, "plan": plan})


@require_http_methods(["GET", "POST"])
@role_required(Role.CARE_WORKER)
def workers_activity(request: HttpRequest) -> HttpResponse:
    """The care worker's own monthly counts of the six tasks, per unit covered."""
    employee = getattr(request, "employee", None)
    term = (
        CareWorker.objects.filter(employee=employee, status=CareWorker.Status.ACTIVE)
        .prefetch_related("units")
        .first()
        if employee is not None
        else None
    )
    if term is None:
        return render(request, "care/workers/activity.html", {"term": None})
    today = timezone.localdate()
    months = [
        (month.isoformat(), format_month(month))
        for month in activity.recent_months(today)
        if month >= activity.month_start(term.term_start)
    ]
    units = list(term.units.all())
    form = ActivityForm(request.POST or None, months=months, units=units)
    if request.method == "POST" and form.is_valid():
        unit = next(unit for unit in units if unit.pk == form.cleaned_data["unit"])
        try:
            activity.activity_record(
                care_worker=term,
                unit=unit,
                month=date.fromisoformat(form.cleaned_data["month"]),
                counts=form.counts(),
            )
        except Refused as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(request, _("Saved."))
            return redirect("care:workers_activity")
    return render(
        request,
        "care/workers/activity.html",
        {"term": term, "form": form, "rows": activity.own_table(term)},
    )


# --- the employee -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(*EMPLOYEES)
def workers_mine(request: HttpRequest) -> HttpResponse:
    """The person's own nominations and terms; the offer to become a care worker."""
    employee = own_employee(request)
    mine = list(own_care_workers(request).prefetch_related("units").order_by("-nominated_at"))
    is_open = any(cw.status != CareWorker.Status.ENDED for cw in mine)
    form = VolunteerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.careworker_volunteer(
                employee=employee,
                specialties=form.cleaned_data["specialties"],
                listed=form.cleaned_data["listed"],
                contact=form.cleaned_data["contact"],
            )
        except Refused as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(request, _("Thank you: your agency will answer your offer."))
            return redirect("care:workers_mine")
    for care_worker in mine:
        care_worker.listing_form = ListingForm(
            initial={"listed": care_worker.listed, "contact": care_worker.contact},
            prefix=f"cw{care_worker.pk}",
        )
    return render(
        request,
        "care/workers/mine.html",
        {"mine": mine, "form": None if is_open else form},
    )


@require_POST
@role_required(*EMPLOYEES)
def workers_answer(request: HttpRequest, pk: int) -> HttpResponse:
    care_worker = get_own_care_worker(request, pk)
    form = ListingForm(request.POST, prefix=f"cw{care_worker.pk}")
    agree = request.POST.get("decision") == "agree"
    if form.is_valid():
        try:
            services.careworker_consent(
                care_worker=care_worker,
                agree=agree,
                listed=form.cleaned_data["listed"],
                contact=form.cleaned_data["contact"],
            )
        except Refused as refused:
            show_refusal(request, refused)
        else:
            messages.success(
                request,
                _("Thank you: you are a care worker.") if agree else _("You declined."),
            )
    return redirect("care:workers_mine")


@require_POST
@role_required(*EMPLOYEES)
def workers_listing(request: HttpRequest, pk: int) -> HttpResponse:
    care_worker = get_own_care_worker(request, pk)
    form = ListingForm(request.POST, prefix=f"cw{care_worker.pk}")
    if form.is_valid():
        services.careworker_listing(
            care_worker=care_worker,
            listed=form.cleaned_data["listed"],
            contact=form.cleaned_data["contact"],
        )
        messages.success(request, _("Saved."))
    return redirect("care:workers_mine")


@require_GET
@role_required(*EMPLOYEES)
def workers_map(request: HttpRequest) -> HttpResponse:
    """My unit's care workers and how to reach them: those covering my unit or a unit
    above it, in term, who agreed to be listed."""
    employee = own_employee(request)
    chain = [int(pk) for pk in employee.unit.path.strip("/").split("/")]
    listed = list(
        cov.active_on(timezone.localdate())
        .filter(listed=True, units__in=chain)
        .select_related("employee__unit")
        .distinct()
        .order_by("employee__unit__path", "employee__number")
    )
    return render(request, "care/workers/map.html", {"listed": listed, "unit": employee.unit})
