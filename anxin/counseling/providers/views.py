"""Pages for external providers (the EAP administrator manages them; a provider's
administrator sees its timetable and statements) and for group or management-consultation
requests (supervisors and HR ask, coordinators schedule and record the outcome)."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anxin.core.refusals import Refused, show_refusal
from anxin.core.roc import roc_year
from anxin.counseling.policies import counselors_for
from anxin.counseling.providers import exports, policies, services
from anxin.counseling.providers.forms import (
    GroupRequestForm,
    MemberForm,
    OutcomeForm,
    ProviderForm,
    RateForm,
    ScheduleForm,
)
from anxin.counseling.providers.models import GroupRequest, Provider
from anxin.people.models import OrgUnit
from anxin.people.roles import Role, role_required

LIST_LIMIT = 200


def _month(request: HttpRequest) -> tuple[int, int]:
    """?month=2026-11; this month when absent or not a month."""
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
    except ValueError:
        return today.year, today.month
    if not (1 <= month <= 12 and 1912 <= year <= 9999):
        return today.year, today.month
    return year, month


def _neighbours(year: int, month: int) -> dict:
    previous = (year - 1, 12) if month == 1 else (year, month - 1)
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    return {
        "previous": f"{previous[0]}-{previous[1]:02d}",
        "next": f"{following[0]}-{following[1]:02d}",
        "month_param": f"{year}-{month:02d}",
        "roc_month": f"{roc_year(year)}/{month:02d}",
    }


# --- providers: the EAP administrator -------------------------------------------------------


@require_GET
@role_required(Role.EAP_ADMIN)
def providers_list(request: HttpRequest) -> HttpResponse:
    providers = policies.providers_list(request)
    return render(request, "counseling/providers/list.html", {"providers": providers[:LIST_LIMIT]})


@require_http_methods(["GET", "POST"])
@role_required(Role.EAP_ADMIN)
def providers_create(request: HttpRequest) -> HttpResponse:
    authority_id = request.active_role.scope.root_id
    form = ProviderForm(request.POST or None, authority_id=authority_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        provider = services.provider_create(
            authority=OrgUnit.objects.get(pk=authority_id),
            name=data["name"],
            contract_start=data["contract_start"],
            contract_end=data["contract_end"],
        )
        messages.success(request, _("Provider saved."))
        return redirect(provider)
    return render(request, "counseling/providers/provider_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@role_required(Role.EAP_ADMIN)
def providers_edit(request: HttpRequest, pk: int) -> HttpResponse:
    provider = policies.get_provider_for_admin(request, pk)
    initial = {
        "name": provider.name,
        "contract_start": provider.contract_start,
        "contract_end": provider.contract_end,
        "version": provider.version,
    }
    form = ProviderForm(
        request.POST or None,
        initial=initial,
        authority_id=provider.authority_id,
        provider=provider,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.provider_update(
                provider=provider,
                name=data["name"],
                contract_start=data["contract_start"],
                contract_end=data["contract_end"],
                expected_version=data["version"] or 0,
            )
        except Refused as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(request, _("Provider saved."))
            return redirect(provider)
    return render(
        request, "counseling/providers/provider_form.html", {"form": form, "provider": provider}
    )


@require_GET
@role_required(Role.EAP_ADMIN, Role.PROVIDER_ADMIN)
def providers_detail(request: HttpRequest, pk: int) -> HttpResponse:
    provider = policies.get_provider(request, pk)
    is_admin = request.active_role.role == Role.EAP_ADMIN
    context = {
        "provider": provider,
        "is_admin": is_admin,
        "counselors": provider.counselors.select_related("user").order_by("user__username"),
        "admins": provider.admins.select_related("user").order_by("user__username"),
        "rates": provider.rates.all(),
    }
    if is_admin:
        context["counselor_form"] = MemberForm(users=policies.counselors_available(provider))
        context["admin_form"] = MemberForm(
            users=policies.provider_admins_available(provider), prefix="admin"
        )
    return render(request, "counseling/providers/detail.html", context)


@require_GET
@role_required(Role.PROVIDER_ADMIN)
def providers_mine(request: HttpRequest) -> HttpResponse:
    """The provider administrator's way in: his or her provider's page."""
    provider = policies.providers_for(request).first()
    if provider is None:
        raise Http404
    return redirect(provider)


def _member_change(request: HttpRequest, pk: int, *, kind: str, remove_id: int | None):
    provider = policies.get_provider_for_admin(request, pk)
    if remove_id is not None:
        remove = (
            services.provider_counselor_remove
            if kind == "counselor"
            else services.provider_admin_remove
        )
        remove(provider=provider, user_id=remove_id)
        messages.success(request, _("Removed from the provider."))
        return redirect(provider)
    if kind == "counselor":
        form = MemberForm(request.POST, users=policies.counselors_available(provider))
    else:
        form = MemberForm(
            request.POST, users=policies.provider_admins_available(provider), prefix="admin"
        )
    if form.is_valid():
        add = (
            services.provider_counselor_add if kind == "counselor" else services.provider_admin_add
        )
        try:
            add(provider=provider, user=form.cleaned_data["user"])
        except Refused as refused:  # added to another provider a moment ago
            show_refusal(request, refused)
        else:
            messages.success(request, _("Added to the provider."))
    else:
        messages.error(request, _("Choose one of the people listed."))
    return redirect(provider)


@require_POST
@role_required(Role.EAP_ADMIN)
def providers_counselor_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _member_change(request, pk, kind="counselor", remove_id=None)


@require_POST
@role_required(Role.EAP_ADMIN)
def providers_counselor_remove(request: HttpRequest, pk: int, user_id: int) -> HttpResponse:
    return _member_change(request, pk, kind="counselor", remove_id=user_id)


@require_POST
@role_required(Role.EAP_ADMIN)
def providers_admin_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _member_change(request, pk, kind="admin", remove_id=None)


@require_POST
@role_required(Role.EAP_ADMIN)
def providers_admin_remove(request: HttpRequest, pk: int, user_id: int) -> HttpResponse:
    return _member_change(request, pk, kind="admin", remove_id=user_id)


@require_http_methods(["GET", "POST"])
@role_required(Role.EAP_ADMIN)
def providers_rate_create(request: HttpRequest, pk: int) -> HttpResponse:
    provider = policies.get_provider_for_admin(request, pk)
    form = RateForm(request.POST or None, provider=provider)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.rate_create(
            provider=provider,
            mode=data["mode"],
            hourly_rate=data["hourly_rate"],
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
        )
        messages.success(request, _("Rate saved."))
        return redirect(provider)
    return render(
        request, "counseling/providers/rate_form.html", {"form": form, "provider": provider}
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.EAP_ADMIN)
def providers_rate_edit(request: HttpRequest, pk: int, rate_pk: int) -> HttpResponse:
    provider = policies.get_provider_for_admin(request, pk)
    rate = policies.get_rate(provider, rate_pk)
    initial = {
        "mode": rate.mode,
        "hourly_rate": rate.hourly_rate,
        "valid_from": rate.valid_from,
        "valid_to": rate.valid_to,
        "version": rate.version,
    }
    form = RateForm(request.POST or None, initial=initial, provider=provider, rate=rate)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.rate_update(
                rate=rate,
                mode=data["mode"],
                hourly_rate=data["hourly_rate"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                expected_version=data["version"] or 0,
            )
        except Refused as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(request, _("Rate saved."))
            return redirect(provider)
    return render(
        request,
        "counseling/providers/rate_form.html",
        {"form": form, "provider": provider, "rate": rate},
    )


# --- timetable and statements: EAP administrator and the provider's administrator ---------------


@require_GET
@role_required(Role.EAP_ADMIN, Role.PROVIDER_ADMIN)
def providers_timetable(request: HttpRequest, pk: int) -> HttpResponse:
    """The month's sessions of the provider's counsellors: case code, time, length."""
    provider = policies.get_provider(request, pk)
    year, month = _month(request)
    sessions = services.provider_sessions(provider=provider, year=year, month=month)
    return render(
        request,
        "counseling/providers/timetable.html",
        {"provider": provider, "sessions": sessions, **_neighbours(year, month)},
    )


@require_GET
@role_required(Role.EAP_ADMIN, Role.PROVIDER_ADMIN)
def providers_statement(request: HttpRequest, pk: int) -> HttpResponse:
    provider = policies.get_provider(request, pk)
    year, month = _month(request)
    statement = services.statement_for(provider=provider, year=year, month=month)
    return render(
        request,
        "counseling/providers/statement.html",
        {
            "provider": provider,
            "statement": statement,
            "year": year,
            "month": month,
            **_neighbours(year, month),
        },
    )


@require_GET
@role_required(Role.EAP_ADMIN, Role.PROVIDER_ADMIN)
def providers_statement_export(
    request: HttpRequest, pk: int, year: int, month: int, fmt: str
) -> HttpResponse:
    provider = policies.get_provider(request, pk)
    if fmt not in exports.WRITERS or not (1 <= month <= 12 and 1912 <= year <= 9999):
        raise Http404
    statement = services.statement_for(provider=provider, year=year, month=month)
    response = HttpResponse(exports.WRITERS[fmt](statement), content_type=exports.TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(statement, fmt)}"'
    return response


# --- group and management-consultation requests ----------------------------------------------


@require_GET
@role_required(Role.SUPERVISOR, Role.HR, Role.INTAKE)
def providers_group_list(request: HttpRequest) -> HttpResponse:
    items = policies.group_requests_for(request).select_related("unit")
    role = request.active_role.role
    if role == Role.INTAKE:
        items = items.order_by("status", "preferred_from", "created_at")
    return render(
        request,
        "counseling/providers/group_list.html",
        {"items": items[:LIST_LIMIT], "role": role, "can_ask": role in (Role.SUPERVISOR, Role.HR)},
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.SUPERVISOR, Role.HR)
def providers_group_create(request: HttpRequest) -> HttpResponse:
    units = policies.units_for_request(request)
    form = GroupRequestForm(
        request.POST or None, units=units, initial={"unit": request.active_role.scope}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.group_request_submit(
            requester=request.user,
            role=request.active_role.role,
            unit=data["unit"],
            kind=data["kind"],
            topic=data["topic"],
            preferred_from=data["preferred_from"],
            preferred_to=data["preferred_to"],
            expected_participants=data["expected_participants"],
        )
        messages.success(request, _("Your request has been sent to the counselling room."))
        return redirect("counseling:providers_group_list")
    return render(request, "counseling/providers/group_form.html", {"form": form})


@require_GET
@role_required(Role.SUPERVISOR, Role.HR, Role.INTAKE)
def providers_group_detail(request: HttpRequest, request_uuid) -> HttpResponse:
    item = policies.get_group_request(request, request_uuid)
    return render(
        request,
        "counseling/providers/group_detail.html",
        {"item": item, "role": request.active_role.role},
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.INTAKE)
def providers_group_schedule(request: HttpRequest, request_uuid) -> HttpResponse:
    item = policies.get_group_request(request, request_uuid)
    if item.status not in (GroupRequest.Status.REQUESTED, GroupRequest.Status.SCHEDULED):
        messages.error(request, _("The outcome of this request is already recorded."))
        return redirect(item)
    authority = OrgUnit.objects.get(pk=item.unit.root_id)
    initial = {"version": item.version}
    if item.scheduled_at:
        when = timezone.localtime(item.scheduled_at)
        initial.update(
            day=when.date(),
            time=when.time().replace(second=0, microsecond=0),
            place=item.place,
            counselor=item.counselor_id,
            provider=item.provider_id,
        )
    form = ScheduleForm(
        request.POST or None,
        initial=initial,
        counselors=counselors_for(authority),
        providers=Provider.objects.filter(authority=authority),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.group_request_schedule(
                item=item,
                scheduled_at=data["scheduled_at"],
                place=data["place"],
                counselor=data["counselor"],
                provider=data["provider"],
                expected_version=data["version"],
            )
        except Refused as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(request, _("The session is scheduled."))
            return redirect(item)
    return render(request, "counseling/providers/group_schedule.html", {"item": item, "form": form})


@require_http_methods(["GET", "POST"])
@role_required(Role.INTAKE)
def providers_group_outcome(request: HttpRequest, request_uuid) -> HttpResponse:
    item = policies.get_group_request(request, request_uuid)
    if item.status != GroupRequest.Status.SCHEDULED:
        messages.error(request, services.NOT_SCHEDULED)
        return redirect(item)
    form = OutcomeForm(request.POST or None, initial={"version": item.version, "held": "yes"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.group_request_record_outcome(
                item=item,
                held=data["held"],
                attendance=data["attendance"],
                expected_version=data["version"],
            )
        except Refused as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(request, _("The outcome is recorded."))
            return redirect(item)
    return render(request, "counseling/providers/group_outcome.html", {"item": item, "form": form})
