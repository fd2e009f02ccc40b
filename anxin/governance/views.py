"""Governance pages: bodies, the yearly calendar, meetings and their minutes and files,
a member's action items, the work plan, rewards. Thin: forms validate, policies load,
services write."""

from functools import partial

from django.contrib import messages
from django.db.models import Count, F, Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anxin.core.refusals import Refused, show_refusal
from anxin.core.roc import roc_year
from anxin.core.sheets import CONTENT_TYPES
from anxin.events.models import Event
from anxin.governance import exports, services
from anxin.governance.forms import (
    ActionForm,
    AgendaForm,
    CloseForm,
    DecisionForm,
    DocumentForm,
    DocumentReplaceForm,
    MeetingForm,
    MemberForm,
    MemberTermForm,
    MinutesForm,
    ProgressForm,
    ReturnForm,
    RewardForm,
    WorkPlanItemForm,
    WorkPlanProgressForm,
)
from anxin.governance.models import (
    ActionItem,
    AgendaItem,
    Body,
    GovernanceLog,
    Meeting,
    Member,
    RewardProposal,
    WorkingGroup,
    WorkPlanItem,
)
from anxin.governance.policies import (
    MANAGERS,
    READERS,
    authority_id,
    bodies_for,
    get_action_for_owner,
    get_document_for_manager,
    get_document_for_reader,
    get_meeting_for_approver,
    get_meeting_for_convener,
    get_meeting_for_manager,
    get_meeting_for_reader,
    get_member_for_manager,
    get_published_meeting_for_reader,
    get_reward_for_manager,
    get_workplan_item_for_manager,
    is_manager,
    meetings_for,
)
from anxin.governance.policies import my_actions as policy_my_actions
from anxin.people.models import OrgUnit, User
from anxin.people.roles import Role, role_required
from anxin.plans.services import plan_for_authority
from anxin.surveys.models import Survey

MONTHS = list(range(1, 13))


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2200 else timezone.localdate().year


def _file(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- bodies and the calendar ----------------------------------------------------------------


def _members_queryset():
    return Member.objects.select_related("group", "user")


def _bodies(request: HttpRequest):
    return bodies_for(request).prefetch_related(
        "groups", Prefetch("members", queryset=_members_queryset())
    )


def _member_form(request: HttpRequest, body: Body, data=None) -> MemberForm:
    accounts = User.objects.filter(
        is_active=True,
        role_assignments__role=Role.COMMITTEE,
        role_assignments__scope__path__startswith=request.active_role.scope.path,
    ).distinct()
    return MemberForm(
        data,
        accounts=accounts,
        groups=WorkingGroup.objects.filter(body=body),
        prefix=f"b{body.pk}",
    )


def _bodies_page(request: HttpRequest, bound: dict | None = None) -> HttpResponse:
    bodies = list(_bodies(request))
    manager = is_manager(request)
    rows = []
    for body in bodies:
        form = None
        if manager:
            form = (bound or {}).get(body.pk) or _member_form(request, body)
        rows.append((body, form))
    plan = plan_for_authority(authority_id(request)) if manager else None
    ending = (
        services.terms_ending(authority_id=authority_id(request), today=timezone.localdate())
        if manager
        else []
    )
    return render(
        request,
        "governance/bodies.html",
        {
            "rows": rows,
            "manager": manager,
            "plan_bodies": plan.governance_bodies if plan else [],
            "terms_ending": ending,
        },
    )


@require_GET
@role_required(*READERS)
def bodies(request: HttpRequest) -> HttpResponse:
    return _bodies_page(request)


@require_POST
@role_required(*MANAGERS)
def bodies_from_plan(request: HttpRequest) -> HttpResponse:
    plan = plan_for_authority(authority_id(request))
    if plan is None or not plan.governance_bodies:
        messages.error(request, _("The plan in force sets up no governance body."))
    else:
        made = services.bodies_from_plan(plan=plan)
        messages.success(request, _("%(count)s bodies made from the plan.") % {"count": len(made)})
    return redirect("governance:bodies")


@require_POST
@role_required(*MANAGERS)
def member_add(request: HttpRequest, body_pk: int) -> HttpResponse:
    body = bodies_for(request).filter(pk=body_pk).first()
    if body is None:
        raise Http404
    form = _member_form(request, body, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        account = data["account"]
        try:
            services.member_add(
                body=body,
                name=data["name"] or (account.get_full_name() or account.username),
                position=data["position"],
                term_start=data["term_start"],
                term_end=data["term_end"],
                user=account,
                group=data["group"],
                title=data["title"],
            )
        except Refused as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(request, _("Member added."))
            return redirect("governance:bodies")
    return _bodies_page(request, bound={body.pk: form})


@require_http_methods(["GET", "POST"])
@role_required(*MANAGERS)
def member_term(request: HttpRequest, pk: int) -> HttpResponse:
    """Renew a member's term (a new end date) or end it today."""
    member = get_member_for_manager(request, pk)
    initial = {"term_end": member.term_end, "version": member.version}
    form = MemberTermForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        end_now = request.POST.get("end") == "now"
        term_end = timezone.localdate() if end_now else form.cleaned_data["term_end"]
        if _attempt(
            request,
            lambda: services.member_term_set(
                member=member,
                term_end=term_end,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
            ),
            _("The term ends today.") if end_now else _("Term saved."),
            form,
        ):
            return redirect("governance:bodies")
    return render(request, "governance/member_term.html", {"member": member, "form": form})


@require_GET
@role_required(*READERS)
def calendar(request: HttpRequest) -> HttpResponse:
    """The year of each body: its groups' months and the plan's meeting windows."""
    year = _year(request)
    rows = []
    for body in _bodies(request):
        for meeting in services.plan_meetings(body):
            windows = services.meeting_windows(meeting, year)
            marked = {m for start, end in windows for m in range(start.month, end.month + 1)}
            rows.append((body, meeting.name, meeting.cadence_label, [m in marked for m in MONTHS]))
        for group in body.groups.all():
            rows.append((body, group.name, group.period, [m in group.months for m in MONTHS]))
    return render(
        request,
        "governance/calendar.html",
        {
            "rows": rows,
            "months": MONTHS,
            "year": year,
            "roc": roc_year(year) if year > 1911 else year,
        },
    )


# --- meetings -----------------------------------------------------------------------------


def _meeting_form(request: HttpRequest, data=None) -> MeetingForm:
    kinds = []
    for body in bodies_for(request):
        kinds += [m.name for m in services.plan_meetings(body) if m.name not in kinds]
    return MeetingForm(data, kinds=kinds)


def _meetings_page(request: HttpRequest, form=None) -> HttpResponse:
    year = _year(request)
    meetings = (
        meetings_for(request)
        .filter(held_on__year=year)
        .annotate(open_actions=Count("actions", filter=Q(actions__closed_on__isnull=True)))
        .order_by("held_on", "pk")
    )
    manager = is_manager(request)
    context = {"meetings": meetings, "year": year, "manager": manager}
    if manager:
        context["form"] = form or _meeting_form(request)
        context["bodies"] = bodies_for(request)
    return render(request, "governance/meetings.html", context)


@require_GET
@role_required(*READERS)
def meetings(request: HttpRequest) -> HttpResponse:
    return _meetings_page(request)


@require_POST
@role_required(*MANAGERS)
def meeting_schedule(request: HttpRequest) -> HttpResponse:
    form = _meeting_form(request, request.POST)
    chosen = request.POST.get("body", "")
    body = bodies_for(request).filter(pk=int(chosen)).first() if chosen.isdecimal() else None
    if form.is_valid() and body is None:
        form.add_error(None, _("Choose the body that meets."))
    if form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_schedule(
                body=body,
                kind=data["kind"],
                title=data["title"],
                held_on=data["held_on"],
                place=data["place"],
                reason=data["reason"],
            )
        except Refused as refused:
            show_refusal(request, refused, form=form, field="reason")
        else:
            messages.success(request, _("Meeting scheduled."))
            return redirect("governance:meeting_detail", meeting.pk)
    return _meetings_page(request, form=form)


@require_POST
@role_required(*MANAGERS)
def meetings_schedule_year(request: HttpRequest) -> HttpResponse:
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    made = sum(
        services.meetings_schedule_year(body=body, year=year) for body in bodies_for(request)
    )
    messages.success(
        request, _("%(count)s meetings scheduled at the plan's cadence.") % {"count": made}
    )
    return redirect(f"{reverse('governance:meetings')}?year={year}")


def _meeting_page(request: HttpRequest, meeting: Meeting, **bound) -> HttpResponse:
    members = Member.objects.filter(body_id=meeting.body_id).select_related("group", "user")
    agenda = AgendaItem.objects.filter(meeting=meeting).select_related("carried__owner")
    actions = ActionItem.objects.filter(meeting=meeting).select_related("owner")
    manager = is_manager(request)
    today = timezone.localdate()
    # Only a member in term is the body's: a former member reaches neither files nor minutes.
    serving = [m for m in members if m.serves_on(today)]
    convener = any(
        m.user_id == request.user.pk and m.position == Member.Position.CONVENER for m in serving
    )
    documents = list(meeting.documents.select_related("agenda_item"))
    may_change_files = manager and meeting.minutes_status == Meeting.Minutes.DRAFT
    replacing = bound.get("replace_form")
    context = {
        "meeting": meeting,
        "agenda": agenda,
        "documents": [
            (
                document,
                (
                    replacing
                    if replacing is not None and replacing.prefix == f"replace-{document.pk}"
                    else DocumentReplaceForm(
                        prefix=f"replace-{document.pk}", initial={"version": document.version}
                    )
                )
                if may_change_files
                else None,
            )
            for document in documents
        ],
        "document_log": GovernanceLog.objects.filter(meeting=meeting).order_by("at", "pk"),
        "may_download": manager or any(m.user_id == request.user.pk for m in serving),
        "attendance": {row.member_id: row.present for row in meeting.attendance.all()},
        "members": members,
        "decisions": meeting.decisions.select_related("proposed_by"),
        "actions": actions,
        "manager": manager,
        "convener": convener,
        "convener_has_account": any(
            m.user_id and m.position == Member.Position.CONVENER for m in serving
        ),
        "my_actions": {a.pk for a in actions if a.owner.user_id == request.user.pk},
        "close_form": CloseForm(),
    }
    if convener and meeting.minutes_status == Meeting.Minutes.SUBMITTED:
        context["return_form"] = bound.get("return_form") or ReturnForm(
            initial={"version": meeting.version}
        )
    if manager and meeting.minutes_status == Meeting.Minutes.DRAFT:
        context.update(
            agenda_form=bound.get("agenda_form") or AgendaForm(prefix="agenda"),
            document_form=bound.get("document_form")
            or DocumentForm(agenda=agenda, prefix="document"),
            minutes_form=bound.get("minutes_form")
            or MinutesForm(initial={"minutes": meeting.minutes, "version": meeting.version}),
            decision_form=bound.get("decision_form")
            or DecisionForm(members=members, prefix="decision"),
            action_form=bound.get("action_form") or ActionForm(members=members, prefix="action"),
        )
    return render(request, "governance/meeting.html", context)


@require_GET
@role_required(*READERS)
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_page(request, get_meeting_for_reader(request, pk))


def _attempt(request: HttpRequest, write, success: str, form=None) -> bool:
    try:
        write()
    except Refused as refused:
        show_refusal(request, refused, form=form)
        return False
    messages.success(request, success)
    return True


def _meeting_form_post(
    request: HttpRequest, pk: int, *, form, write, success: str, bound: str
) -> HttpResponse:
    """A manager's form on a meeting's page: `form(meeting)` binds it, `write(meeting,
    data)` calls the service; a refusal or an invalid form shows the page again with it."""
    meeting = get_meeting_for_manager(request, pk)
    bound_form = form(meeting)
    if bound_form.is_valid() and _attempt(
        request, lambda: write(meeting, bound_form.cleaned_data), success, bound_form
    ):
        return redirect("governance:meeting_detail", pk)
    return _meeting_page(request, meeting, **{bound: bound_form})


def _body_members(meeting: Meeting):
    return Member.objects.filter(body_id=meeting.body_id)


@require_POST
@role_required(*MANAGERS)
def meeting_agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_form_post(
        request,
        pk,
        form=lambda meeting: AgendaForm(request.POST, prefix="agenda"),
        write=lambda meeting, data: services.agenda_add(meeting=meeting, **data),
        success=_("Agenda item added."),
        bound="agenda_form",
    )


@require_POST
@role_required(*MANAGERS)
def meeting_document_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_form_post(
        request,
        pk,
        form=lambda meeting: DocumentForm(
            request.POST, request.FILES, agenda=meeting.agenda.all(), prefix="document"
        ),
        write=lambda meeting, data: services.document_add(
            meeting=meeting,
            title=data["title"],
            upload=data["file"],
            content_type=data["file"].detected_type,
            actor=request.user,
            agenda_item=data["agenda_item"],
        ),
        success=_("Document uploaded."),
        bound="document_form",
    )


@require_POST
@role_required(*MANAGERS)
def meeting_document_replace(request: HttpRequest, pk: int) -> HttpResponse:
    """A new version of a wrong document, while the minutes are a draft."""
    document = get_document_for_manager(request, pk)
    meeting = get_meeting_for_manager(request, document.meeting_id)
    form = DocumentReplaceForm(request.POST, request.FILES, prefix=f"replace-{document.pk}")
    if form.is_valid() and _attempt(
        request,
        lambda: services.document_replace(
            document=document,
            upload=form.cleaned_data["file"],
            content_type=form.cleaned_data["file"].detected_type,
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        ),
        _("New version of the document kept."),
        form,
    ):
        return redirect("governance:meeting_detail", meeting.pk)
    return _meeting_page(request, meeting, replace_form=form)


@require_POST
@role_required(*MANAGERS)
def meeting_document_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a wrong document, while the minutes are a draft."""
    document = get_document_for_manager(request, pk)
    _attempt(
        request,
        lambda: services.document_delete(
            document=document, actor=request.user, expected_version=_version(request)
        ),
        _("Document deleted."),
    )
    return redirect("governance:meeting_detail", document.meeting_id)


@require_GET
@role_required(*READERS)
def meeting_document(request: HttpRequest, pk: int) -> FileResponse:
    document = get_document_for_reader(request, pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        # The row outlived its file (a restore without the media, a deleted file).
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=document.filename,
        content_type=document.content_type,
    )


@require_POST
@role_required(*MANAGERS)
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_manager(request, pk)
    present = {int(value) for value in request.POST.getlist("present") if value.isdigit()}
    _attempt(
        request,
        lambda: services.attendance_record(meeting=meeting, present=present),
        _("Attendance recorded."),
    )
    return redirect("governance:meeting_detail", pk)


@require_POST
@role_required(*MANAGERS)
def meeting_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_form_post(
        request,
        pk,
        form=lambda meeting: MinutesForm(request.POST),
        write=lambda meeting, data: services.minutes_save(
            meeting=meeting, text=data["minutes"], expected_version=data["version"]
        ),
        success=_("Minutes saved."),
        bound="minutes_form",
    )


def _version(request: HttpRequest) -> int:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else -1


def _minutes_step(request: HttpRequest, meeting: Meeting, step, success: str) -> HttpResponse:
    """Move the minutes one step on (submit, approve, publish) from the version read."""
    _attempt(
        request,
        lambda: step(meeting=meeting, expected_version=_version(request)),
        success,
    )
    return redirect("governance:meeting_detail", meeting.pk)


@require_POST
@role_required(*MANAGERS)
def meeting_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _minutes_step(
        request,
        get_meeting_for_manager(request, pk),
        partial(services.minutes_submit, actor=request.user),
        _("Minutes submitted to the convener for approval."),
    )


@require_POST
@role_required(*READERS)
def meeting_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _minutes_step(
        request,
        get_meeting_for_approver(request, pk),
        partial(services.minutes_approve, actor=request.user),
        _("Minutes approved.") if is_manager(request) else _("You approved the minutes."),
    )


@require_POST
@role_required(*READERS)
def meeting_return(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_convener(request, pk)
    form = ReturnForm(request.POST)
    if form.is_valid() and _attempt(
        request,
        lambda: services.minutes_return(
            meeting=meeting,
            actor=request.user,
            comment=form.cleaned_data["comment"],
            expected_version=form.cleaned_data["version"],
        ),
        _("Minutes returned to the secretariat."),
        form,
    ):
        return redirect("governance:meeting_detail", pk)
    return _meeting_page(request, meeting, return_form=form)


@require_POST
@role_required(*MANAGERS)
def meeting_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _minutes_step(
        request,
        get_meeting_for_manager(request, pk),
        services.minutes_publish,
        _("Minutes published to the members."),
    )


@require_POST
@role_required(*MANAGERS)
def meeting_decision_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_form_post(
        request,
        pk,
        form=lambda meeting: DecisionForm(
            request.POST, members=_body_members(meeting), prefix="decision"
        ),
        write=lambda meeting, data: services.decision_add(meeting=meeting, **data),
        success=_("Decision recorded."),
        bound="decision_form",
    )


@require_POST
@role_required(*MANAGERS)
def meeting_action_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_form_post(
        request,
        pk,
        form=lambda meeting: ActionForm(
            request.POST, members=_body_members(meeting), prefix="action"
        ),
        write=lambda meeting, data: services.action_add(meeting=meeting, **data),
        success=_("Action item added."),
        bound="action_form",
    )


def _back_from_action(request: HttpRequest, item: ActionItem) -> HttpResponse:
    if request.POST.get("back") == "mine":
        return redirect("governance:my_actions")
    return redirect("governance:meeting_detail", item.meeting_id)


@require_POST
@role_required(*READERS)
def action_close(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_action_for_owner(request, pk)
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say how the action item was closed."))
    else:
        _attempt(
            request,
            lambda: services.action_close(action=item, note=form.cleaned_data["note"]),
            _("Action item closed."),
        )
    return _back_from_action(request, item)


@require_POST
@role_required(*READERS)
def action_progress(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_action_for_owner(request, pk)
    form = ProgressForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a note of the progress."))
    else:
        _attempt(
            request,
            lambda: services.action_progress(
                action=item, note=form.cleaned_data["note"], actor=request.user
            ),
            _("Progress noted."),
        )
    return _back_from_action(request, item)


@require_GET
@role_required(*READERS)
def my_actions(request: HttpRequest) -> HttpResponse:
    """The signed-in member's action items across meetings: open ones first."""
    items = (
        policy_my_actions(request)
        .select_related("meeting__body")
        .prefetch_related("progress")
        .order_by(F("closed_on").asc(nulls_first=True), "due_on", "pk")
    )
    return render(
        request,
        "governance/my_actions.html",
        {"items": items, "today": timezone.localdate()},
    )


@require_GET
@role_required(*READERS)
def minutes_odt(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_published_meeting_for_reader(request, pk)
    return _file(
        exports.minutes_odt(meeting),
        "application/vnd.oasis.opendocument.text",
        f"minutes-{meeting.held_on:%Y%m%d}.odt",
    )


@require_GET
@role_required(*READERS)
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_published_meeting_for_reader(request, pk)
    return _file(
        exports.minutes_pdf(meeting), "application/pdf", f"minutes-{meeting.held_on:%Y%m%d}.pdf"
    )


# --- the work plan ------------------------------------------------------------------------


def _units(request: HttpRequest):
    return OrgUnit.objects.filter(path__startswith=request.active_role.scope.path, is_active=True)


def _workplan_page(request: HttpRequest, form=None) -> HttpResponse:
    year = _year(request)
    status = services.work_plan_status(authority_id=authority_id(request) or 0, year=year)
    items = (
        WorkPlanItem.objects.filter(authority_id=authority_id(request), year=year)
        .select_related("owner_unit")
        .annotate(
            n_events=Count("events", distinct=True), n_surveys=Count("surveys", distinct=True)
        )
        .order_by("pk")
    )
    manager = is_manager(request)
    context = {"items": items, "status": status, "year": year, "manager": manager}
    if manager:
        context["form"] = form or WorkPlanItemForm(units=_units(request), initial={"year": year})
    return render(request, "governance/workplan.html", context)


@require_GET
@role_required(*READERS)
def workplan(request: HttpRequest) -> HttpResponse:
    return _workplan_page(request)


@require_POST
@role_required(*MANAGERS)
def workplan_add(request: HttpRequest) -> HttpResponse:
    form = WorkPlanItemForm(request.POST, units=_units(request))
    if form.is_valid():
        authority = OrgUnit.objects.get(pk=authority_id(request))
        if _attempt(
            request,
            lambda: services.workplan_item_add(authority=authority, **form.cleaned_data),
            _("Work plan item added."),
            form,
        ):
            return redirect(f"{reverse('governance:workplan')}?year={form.cleaned_data['year']}")
    return _workplan_page(request, form=form)


def _progress_form(request: HttpRequest, item: WorkPlanItem, data=None) -> WorkPlanProgressForm:
    scope = Q(owner_unit__path__startswith=request.active_role.scope.path)
    year = Q(sessions__starts_at__year=item.year)
    events = Event.objects.filter(scope, year, status=Event.Status.PUBLISHED).distinct()
    surveys = Survey.objects.filter(owner__path__startswith=request.active_role.scope.path)
    initial = {
        "status": item.status,
        "evidence": item.evidence,
        "version": item.version,
        "events": item.events.all(),
        "surveys": item.surveys.all(),
    }
    return WorkPlanProgressForm(data, initial=initial, events=events, surveys=surveys)


@require_http_methods(["GET", "POST"])
@role_required(*MANAGERS)
def workplan_update(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_workplan_item_for_manager(request, pk)
    form = _progress_form(request, item, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _attempt(
            request,
            lambda: services.workplan_item_update(
                item=item,
                status=data["status"],
                evidence=data["evidence"],
                expected_version=data["version"],
                events=data["events"],
                surveys=data["surveys"],
            ),
            _("Progress recorded."),
            form,
        ):
            return redirect(f"{reverse('governance:workplan')}?year={item.year}")
    return render(request, "governance/workplan_update.html", {"item": item, "form": form})


# --- rewards ------------------------------------------------------------------------------


def _rule_texts(request: HttpRequest) -> dict[str, str]:
    plan = plan_for_authority(authority_id(request))
    return {rule.rule: rule.text for rule in plan.reward_rules} if plan else {}


def _proposals(request: HttpRequest, year: int):
    return (
        RewardProposal.objects.filter(authority_id=authority_id(request), year=year)
        .select_related("member__body")
        .order_by("rule", "pk")
    )


def _rewards_page(request: HttpRequest, year: int, form=None) -> HttpResponse:
    plan = plan_for_authority(authority_id(request))
    texts = _rule_texts(request)
    proposals = [(p, texts.get(p.rule, p.get_rule_display())) for p in _proposals(request, year)]
    return render(
        request,
        "governance/rewards.html",
        {
            "year": year,
            "proposals": proposals,
            "rules": plan.reward_rules if plan else [],
            "form": form or RewardForm(initial={"year": year, "rule": "care_worker"}),
        },
    )


@require_GET
@role_required(*MANAGERS)
def rewards(request: HttpRequest) -> HttpResponse:
    return _rewards_page(request, _year(request))


@require_POST
@role_required(*MANAGERS)
def reward_add(request: HttpRequest) -> HttpResponse:
    form = RewardForm(request.POST)
    if form.is_valid():
        authority = OrgUnit.objects.get(pk=authority_id(request))
        if _attempt(
            request,
            lambda: services.reward_propose(authority=authority, **form.cleaned_data),
            _("Proposal added."),
            form,
        ):
            return redirect(f"{reverse('governance:rewards')}?year={form.cleaned_data['year']}")
    return _rewards_page(request, form.cleaned_data.get("year") or _year(request), form)


@require_POST
@role_required(*MANAGERS)
def rewards_propose(request: HttpRequest) -> HttpResponse:
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    plan = plan_for_authority(authority_id(request))
    if plan is None or not plan.reward_rules:
        messages.error(request, _("The plan in force sets no reward rule."))
    else:
        authority = OrgUnit.objects.get(pk=authority_id(request))
        made = services.rewards_propose(authority=authority, year=year, plan=plan)
        messages.success(request, _("%(count)s new proposals.") % {"count": made})
    return redirect(f"{reverse('governance:rewards')}?year={year}")


@require_POST
@role_required(*MANAGERS)
def reward_decide(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_reward_for_manager(request, pk)
    approve = request.POST.get("decision") == "approve"
    _attempt(
        request,
        lambda: services.reward_decide(proposal=proposal, approve=approve, actor=request.user),
        _("Proposal approved.") if approve else _("Proposal declined."),
    )
    return redirect(f"{reverse('governance:rewards')}?year={proposal.year}")


@require_GET
@role_required(*MANAGERS)
def rewards_ods(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    approved = _proposals(request, year).filter(status=RewardProposal.Status.APPROVED)
    return _file(
        exports.rewards_ods(list(approved), _rule_texts(request)),
        CONTENT_TYPES["ods"],
        f"rewards-{year}.ods",
    )
