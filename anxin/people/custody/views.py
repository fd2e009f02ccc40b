"""Pages of account custody: asking, the approvers' queue, the holder's one-time link and
the auditor's security log."""

import base64
import secrets

from django.contrib import messages
from django.db.models import Count, OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from anxin.core.models import AccessLog
from anxin.core.refusals import Refused, show_refusal
from anxin.people import roles as role_mod
from anxin.people.account import qr_svg
from anxin.people.custody import policies, services
from anxin.people.custody.forms import (
    DecisionForm,
    GrantRequestForm,
    ResetLinkForm,
    ResetRequestForm,
)
from anxin.people.custody.models import CustodyRequest, SecurityLog
from anxin.people.roles import Role, role_required, scope_of

LIST_LIMIT = 200
LOG_LIMIT = 500
# The session keys of the holder's link page: the link's hash (never the token) and the
# key of the authenticator being enrolled.
LINK_SESSION = "custody_link"
TOTP_SESSION = "custody_totp"
# Actions after which the auditor looks at what the account read.
WATCHED = (SecurityLog.Action.ROLE_GRANTED, SecurityLog.Action.RESET_DONE)


def _role(request: HttpRequest) -> str:
    return request.active_role.role


@require_GET
@role_required(*policies.REQUESTERS, *policies.APPROVERS)
def custody_list(request: HttpRequest) -> HttpResponse:
    """An approver's queue (pending requests in scope, then the latest decided) and a
    requester's own requests."""
    role = _role(request)
    context = {"role": role, "limit": LIST_LIMIT}
    if role in policies.APPROVERS:
        mine = policies.requests_for_approver(request)
        context["pending"] = list(mine.filter(status=CustodyRequest.Status.PENDING)[:LIST_LIMIT])
        context["decided"] = list(
            mine.exclude(status=CustodyRequest.Status.PENDING).exclude(requested_by=request.user)[
                :50
            ]
        )
    if role in policies.REQUESTERS:
        context["asked"] = list(policies.requests_of_requester(request)[:LIST_LIMIT])
    context["may_reset"] = role in policies.RESET_REQUESTERS
    context["may_grant"] = role in policies.GRANT_REQUESTERS
    return render(request, "people/custody/list.html", context)


@require_http_methods(["GET", "POST"])
@role_required(*policies.RESET_REQUESTERS)
def custody_reset_new(request: HttpRequest) -> HttpResponse:
    form = ResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reset_request(
                target=form.cleaned_data["account"],
                actor=request.user,
                role=_role(request),
                reason=form.cleaned_data["reason"],
            )
        except Refused as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(
                request,
                _("Asked. A second person must approve it; the account holder has been told."),
            )
            return redirect("people:custody_list")
    return render(request, "people/custody/reset_new.html", {"form": form})


@require_http_methods(["GET", "POST"])
@role_required(*policies.GRANT_REQUESTERS)
def custody_grant_new(request: HttpRequest) -> HttpResponse:
    form = GrantRequestForm(request.POST or None, scopes=policies.grant_scopes_for(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_request(
                target=form.cleaned_data["account"],
                role_to_grant=form.cleaned_data["role"],
                scope=form.cleaned_data["scope"],
                actor=request.user,
                role=_role(request),
                actor_scope=scope_of(request),
                reason=form.cleaned_data["reason"],
            )
        except Refused as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(
                request,
                _("Asked. A second person must approve it; the account holder has been told."),
            )
            return redirect("people:custody_list")
    return render(request, "people/custody/grant_new.html", {"form": form})


@require_POST
@role_required(*policies.APPROVERS)
def custody_approve(request: HttpRequest, request_uuid) -> HttpResponse:
    item = policies.get_request_for_approver(request, request_uuid)
    try:
        services.custody_approve(
            item=item, approver=request.user, role=_role(request), scope=scope_of(request)
        )
    except Refused as refused:
        show_refusal(request, refused)
    else:
        messages.success(
            request, _("Approved. The account holder and the auditors have been told.")
        )
    return redirect("people:custody_list")


@require_POST
@role_required(*policies.APPROVERS)
def custody_refuse(request: HttpRequest, request_uuid) -> HttpResponse:
    item = policies.get_request_for_approver(request, request_uuid)
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.custody_refuse(
            item=item,
            approver=request.user,
            role=_role(request),
            scope=scope_of(request),
            note=note,
        )
    except Refused as refused:
        show_refusal(request, refused)
    else:
        messages.success(
            request, _("Refused. The requester and the account holder have been told.")
        )
    return redirect("people:custody_list")


# --- the holder's link -----------------------------------------------------------------------


def _invalid_link(request: HttpRequest, message) -> HttpResponse:
    return render(request, "people/custody/link_invalid.html", {"message": message}, status=404)


@require_GET
@never_cache
@sensitive_variables("token")
def custody_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the e-mail. Its hash goes into this browser's session and the page
    moves to an address without the token, so that the token stays out of the history,
    of server logs and of any Referer."""
    digest = services.token_digest(token)
    try:
        services.reset_link_check(digest=digest)
    except Refused as refused:
        return _invalid_link(request, refused.message)
    request.session[LINK_SESSION] = digest
    request.session.pop(TOTP_SESSION, None)
    return redirect("people:custody_link_form")


@require_http_methods(["GET", "POST"])
@sensitive_post_parameters("new_password1", "new_password2", "token")
@csrf_protect
@never_cache
def custody_link_form(request: HttpRequest) -> HttpResponse:
    """The holder sets a new password and enrols a new authenticator."""
    digest = request.session.get(LINK_SESSION, "")
    try:
        item = services.reset_link_check(digest=digest)
    except Refused as refused:
        return _invalid_link(request, refused.message)
    target = item.target
    roles, _employee = role_mod.roles_for(target)
    totp_key = None
    if role_mod.needs_second_factor(target, roles):
        totp_key = request.session.get(TOTP_SESSION) or secrets.token_hex(20)
        request.session[TOTP_SESSION] = totp_key
    form = ResetLinkForm(request.POST or None, user=target, totp_key=totp_key)
    if request.method == "POST" and form.is_valid():
        try:
            services.reset_complete(
                digest=digest, password=form.cleaned_data["new_password2"], totp_key=totp_key
            )
        except Refused as refused:
            return _invalid_link(request, refused.message)
        request.session.flush()
        return render(request, "people/custody/link_done.html", {"account": target})
    context = {"form": form, "account": target, "expires": item.link_expires_at}
    if totp_key is not None:
        secret = base64.b32encode(bytes.fromhex(totp_key)).decode()
        # An unsaved device, for django-otp's own otpauth:// address.
        device = TOTPDevice(user=target, name="authenticator", key=totp_key)
        context["qr"] = qr_svg(device.config_url)
        context["secret"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return render(request, "people/custody/link_form.html", context)


# --- the auditor's log ------------------------------------------------------------------------


def _reads_after(subject_ref: str, since_ref: str) -> Subquery:
    """The number of sealed reads the account made from that moment on."""
    reads = (
        AccessLog.objects.filter(
            actor_id=OuterRef(subject_ref),
            at__gte=OuterRef(since_ref),
            outcome=AccessLog.Outcome.GRANTED,
        )
        .order_by()
        .values("actor_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(reads[:1])


@require_GET
@role_required(Role.AUDITOR)
def custody_log(request: HttpRequest) -> HttpResponse:
    """Every custody step and admin change of the auditor's scope, the latest first; next to
    each grant and completed reset, the sealed reads the account made afterwards."""
    rows = (
        policies.log_for_auditor(request)
        .select_related("request")
        .annotate(reads_after=_reads_after("subject_id", "at"))
        .order_by("-id")[:LOG_LIMIT]
    )
    return render(
        request,
        "people/custody/log.html",
        {"rows": rows, "watched": WATCHED, "limit": LOG_LIMIT},
    )


@require_GET
@role_required(Role.AUDITOR)
def custody_log_detail(request: HttpRequest, request_uuid) -> HttpResponse:
    """One request's steps and the sealed reads its account made after the approval."""
    item = policies.get_request_for_auditor(request, request_uuid)
    steps = item.log.order_by("id")
    reads = []
    if item.decided_at is not None and item.status != CustodyRequest.Status.REFUSED:
        reads = list(
            AccessLog.objects.filter(actor_id=item.target_id, at__gte=item.decided_at).order_by(
                "id"
            )[:LOG_LIMIT]
        )
    return render(
        request,
        "people/custody/log_detail.html",
        {"item": item, "steps": steps, "reads": reads, "limit": LOG_LIMIT},
    )
