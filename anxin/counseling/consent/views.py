from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anxin.core.audit import UNAVAILABLE_FILE, is_unavailable
from anxin.core.locking import StaleEdit
from anxin.core.refusals import Refused, show_refusal
from anxin.counseling import policies as case_policies
from anxin.counseling.consent import policies, services
from anxin.counseling.consent.forms import (
    SIGN_STATEMENT,
    ConsentForm,
    ConsentScanForm,
    CoordinatorLegalProcessForm,
    DisclosureForm,
    LegalDecisionForm,
    LegalProcessForm,
    ReferralAgreeForm,
    ReferralForm,
    SignForm,
)
from anxin.counseling.consent.models import LegalProcess, Referral
from anxin.counseling.forms import STATEMENT
from anxin.people.roles import Role, role_required
from anxin.plans.services import is_eligible, plan_for_employee

LIST_LIMIT = 500
LEGAL_RECORDED = gettext_lazy(
    "The legal process has been recorded. It allows no disclosure until a coordinator or "
    "the privacy officer confirms it."
)


def _role(request: HttpRequest) -> str:
    return request.active_role.role


def _scan_response(scan: services.Scan) -> HttpResponse:
    response = HttpResponse(scan.data, content_type=scan.content_type)
    response["Content-Disposition"] = "attachment; filename=consent-scan" + {
        "application/pdf": ".pdf",
        "image/png": ".png",
        "image/jpeg": ".jpg",
    }.get(scan.content_type, "")
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- employee ----------------------------------------------------------------------------------


@require_GET
@role_required(Role.EMPLOYEE)
def consent_mine(request: HttpRequest) -> HttpResponse:
    consents = policies.consents_of_employee(request)[:LIST_LIMIT]
    return render(request, "counseling/consent/my_consents.html", {"consents": consents})


@require_http_methods(["GET", "POST"])
@role_required(Role.EMPLOYEE)
def consent_mine_detail(request: HttpRequest, consent_uuid) -> HttpResponse:
    """One of the employee's consents, its wording read through the access log; an
    unsigned one is signed here."""
    consent = policies.get_consent_for_employee(request, consent_uuid)
    data = request.POST if request.method == "POST" else None
    form = SignForm(data) if consent.state() == "unsigned" else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("This consent has already been signed or withdrawn."))
            return redirect("counseling:consent_mine_detail", consent.uuid)
        if form.is_valid():
            services.consent_sign(consent=consent)
            messages.success(request, _("Signed. You can withdraw this consent at any time."))
            return redirect("counseling:consent_mine")
    text = services.consent_read(
        consent=consent, actor=request.user, role=_role(request), purpose=policies.PURPOSE_OWN
    )
    return render(
        request,
        "counseling/consent/my_consent.html",
        {"consent": consent, "text": text, "form": form, "statement": SIGN_STATEMENT},
    )


@require_POST
@role_required(Role.EMPLOYEE)
def consent_withdraw(request: HttpRequest, consent_uuid) -> HttpResponse:
    consent = policies.get_consent_for_employee(request, consent_uuid)
    try:
        services.consent_withdraw(consent=consent)
    except Refused as refused:
        show_refusal(request, refused)
    else:
        messages.success(request, _("Withdrawn. Nothing more will be given under this consent."))
    return redirect("counseling:consent_mine")


@require_GET
@role_required(Role.EMPLOYEE)
def consent_mine_scan(request: HttpRequest, consent_uuid) -> HttpResponse:
    consent = policies.get_consent_for_employee(request, consent_uuid)
    scan = services.consent_scan_read(
        consent=consent, actor=request.user, role=_role(request), purpose=policies.PURPOSE_OWN
    )
    if scan is None or is_unavailable(scan):
        if scan is not None:
            messages.error(request, UNAVAILABLE_FILE)
        return redirect("counseling:consent_mine_detail", consent.uuid)
    return _scan_response(scan)


@require_GET
@role_required(Role.EMPLOYEE)
def referral_mine(request: HttpRequest) -> HttpResponse:
    referrals = policies.referrals_to_employee(request).select_related("referrer")[:LIST_LIMIT]
    return render(request, "counseling/consent/my_referrals.html", {"referrals": referrals})


@require_http_methods(["GET", "POST"])
@role_required(Role.EMPLOYEE)
def referral_answer(request: HttpRequest, referral_uuid) -> HttpResponse:
    """The employee agrees (filling in the application, choosing what the referrer may
    learn) or declines. Nothing reaches the intake queue before this."""
    referral = policies.get_referral_for_employee(request, referral_uuid)
    if referral.status != Referral.Status.PENDING:
        if request.method == "POST":
            messages.error(request, _("You have already answered this referral."))
        return redirect("counseling:referral_mine")
    if request.method == "POST" and request.POST.get("answer") == "decline":
        try:
            services.referral_decline(referral=referral)
        except Refused as refused:  # answered a moment ago, in another tab
            show_refusal(request, refused)
        else:
            messages.success(request, _("You declined. Nobody else is told why."))
        return redirect("counseling:referral_mine")
    employee = request.employee
    plan = plan_for_employee(employee)
    if plan is None or not is_eligible(employee, plan) or not plan.service_areas:
        return render(request, "counseling/not_eligible.html", {"plan": plan})
    form = ReferralAgreeForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_agree(
                referral=referral,
                plan=plan,
                share=form.cleaned_data["share"],
                application=form.application(),
            )
        except Refused as refused:  # answered a moment ago, in another tab
            show_refusal(request, refused)
            return redirect("counseling:referral_mine")
        messages.success(
            request,
            _("Your request has been sent. A coordinator will assign a counsellor to you."),
        )
        return redirect("counseling:my_requests")
    return render(
        request,
        "counseling/consent/referral_answer.html",
        {"referral": referral, "form": form, "statement": STATEMENT},
    )


# --- counsellor ------------------------------------------------------------------------------


def _case_for_counselor(request: HttpRequest, code: str):
    return case_policies.get_case_for_counselor(request, code)


@require_http_methods(["GET", "POST"])
@role_required(Role.COUNSELOR)
def consent_create(request: HttpRequest, code: str) -> HttpResponse:
    case = _case_for_counselor(request, code)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.consent_propose(case=case, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The consent is waiting for the employee's signature."))
        return redirect(case)
    return render(
        request, "counseling/consent/consent_form.html", {"case": case, "form": form, "scan": False}
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.COUNSELOR)
def consent_scan_create(request: HttpRequest, code: str) -> HttpResponse:
    case = _case_for_counselor(request, code)
    form = ConsentScanForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("scan")
        services.consent_record_scan(
            case=case,
            actor=request.user,
            scan_name=upload.name[:200],
            scan_type=upload.detected_type,
            scan_bytes=upload.read(),
            **data,
        )
        messages.success(request, _("The signed consent has been recorded."))
        return redirect(case)
    return render(
        request, "counseling/consent/consent_form.html", {"case": case, "form": form, "scan": True}
    )


@require_GET
@role_required(Role.COUNSELOR)
def consent_detail(request: HttpRequest, code: str, consent_uuid) -> HttpResponse:
    case = _case_for_counselor(request, code)
    consent = policies.get_consent_for_case(case, consent_uuid)
    text = services.consent_read(
        consent=consent,
        actor=request.user,
        role=_role(request),
        purpose=policies.PURPOSE_CONSENT,
    )
    return render(
        request,
        "counseling/consent/consent_detail.html",
        {"case": case, "consent": consent, "text": text},
    )


@require_GET
@role_required(Role.COUNSELOR)
def consent_scan(request: HttpRequest, code: str, consent_uuid) -> HttpResponse:
    case = _case_for_counselor(request, code)
    consent = policies.get_consent_for_case(case, consent_uuid)
    scan = services.consent_scan_read(
        consent=consent,
        actor=request.user,
        role=_role(request),
        purpose=policies.PURPOSE_CONSENT,
    )
    if scan is None or is_unavailable(scan):
        if scan is not None:
            messages.error(request, UNAVAILABLE_FILE)
        return redirect("counseling:consent_detail", case.code, consent.uuid)
    return _scan_response(scan)


@require_http_methods(["GET", "POST"])
@role_required(Role.COUNSELOR)
def legal_process_create(request: HttpRequest, code: str) -> HttpResponse:
    case = _case_for_counselor(request, code)
    form = LegalProcessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.legal_process_record(case=case, actor=request.user, **form.cleaned_data)
        messages.success(request, LEGAL_RECORDED)
        return redirect(case)
    return render(request, "counseling/consent/legal_form.html", {"case": case, "form": form})


@require_http_methods(["GET", "POST"])
@role_required(Role.COUNSELOR)
def disclosure_create(request: HttpRequest, code: str) -> HttpResponse:
    """Record a disclosure; refused, with the reason, unless a valid consent naming the
    recipient or a legal process of the case allows it."""
    case = _case_for_counselor(request, code)
    form = DisclosureForm(
        request.POST or None,
        consents=policies.consents_for_case(case),
        legal_processes=policies.legal_processes_for_case(case),
        sessions=policies.sessions_for_disclosure(case),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.disclosure_record(
                case=case,
                consent=data["consent"],
                legal_process=data["legal_process"],
                scope=data["scope"],
                recipient=data["recipient"],
                details=data["details"],
                sessions=list(data["sessions"]),
                actor=request.user,
                role=_role(request),
            )
        except Refused as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(request, _("The disclosure has been recorded."))
            return redirect(case)
    return render(request, "counseling/consent/disclosure_form.html", {"case": case, "form": form})


# --- intake coordinator ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(Role.INTAKE, Role.AUDITOR)
def legal_process_list(request: HttpRequest) -> HttpResponse:
    """Legal processes of cases in the coordinator's or privacy officer's scope (metadata
    only), those waiting for a second person first; the coordinator also records one by
    case code here."""
    recorder = _role(request) == Role.INTAKE
    if request.method == "POST" and not recorder:
        raise PermissionDenied
    form = None
    if recorder:
        form = CoordinatorLegalProcessForm(
            request.POST or None, cases=policies.cases_for_coordinator(request)
        )
    if form is not None and request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("case_code")
        services.legal_process_record(actor=request.user, **data)
        messages.success(request, LEGAL_RECORDED)
        return redirect("counseling:legal_process_list")
    items = policies.legal_processes_for_coordinator(request).order_by(
        models.Case(
            models.When(status=LegalProcess.Status.PENDING, then=0),
            default=1,
            output_field=models.IntegerField(),
        ),
        "-recorded_at",
        "-pk",
    )[:LIST_LIMIT]
    return render(request, "counseling/consent/legal_list.html", {"items": items, "form": form})


@require_http_methods(["GET", "POST"])
@role_required(*policies.LEGAL_DECIDER_ROLES)
def legal_process_review(request: HttpRequest, legal_uuid) -> HttpResponse:
    """The second person's page: what the legal process names (not its sealed details),
    and the decision. The recorder sees it but cannot decide."""
    item = policies.get_legal_process_for_decider(request, legal_uuid)
    pending = item.status == LegalProcess.Status.PENDING
    own = item.recorded_by_id == request.user.pk
    form = None
    if pending and not own:
        form = LegalDecisionForm(request.POST or None, initial={"version": item.version})
    if request.method == "POST":
        if form is None:
            messages.error(
                request,
                _("You recorded this legal process: a second person must confirm it.")
                if own and pending
                else _("This legal process has already been decided."),
            )
            return redirect("counseling:legal_process_review", item.uuid)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.legal_process_decide(
                    item=item,
                    confirm=data["decision"] == "confirm",
                    note=data["note"],
                    actor=request.user,
                    role=_role(request),
                    expected_version=data["version"],
                )
            except StaleEdit:
                form.add_error(
                    None,
                    _(
                        "Someone else decided on this legal process after you opened it. "
                        "Nothing was saved: reload the page to see the decision."
                    ),
                )
            except Refused as refused:
                show_refusal(request, refused, form=form)
            else:
                messages.success(request, _("Your decision has been recorded."))
                return redirect("counseling:legal_process_list")
    return render(
        request,
        "counseling/consent/legal_review.html",
        {"item": item, "form": form, "own": own},
    )


# --- referrers ---------------------------------------------------------------------------------


@require_GET
@role_required(*policies.REFERRER_ROLES)
def referral_list(request: HttpRequest) -> HttpResponse:
    """The referrer's referrals: status and what the employee agreed to share, only."""
    referrals = policies.referrals_of_referrer(request)[:LIST_LIMIT]
    rows = [(referral, services.referral_share(referral)) for referral in referrals]
    return render(request, "counseling/consent/referrals.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@role_required(*policies.REFERRER_ROLES)
def referral_create(request: HttpRequest) -> HttpResponse:
    form = ReferralForm(
        request.POST or None, lookup=lambda number: policies.employee_in_scope(request, number)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_create(
                employee=form.cleaned_data["employee"],
                referrer=request.user,
                referrer_role=_role(request),
                reason=form.cleaned_data["reason"],
            )
        except Refused as refused:
            show_refusal(request, refused, form=form, field="employee_number")
        else:
            messages.success(
                request,
                _("The employee has been asked. Nothing goes further unless he or she agrees."),
            )
            return redirect("counseling:referral_list")
    return render(request, "counseling/consent/referral_form.html", {"form": form})


# --- auditor ----------------------------------------------------------------------------------


@require_GET
@role_required(Role.AUDITOR)
def disclosure_log(request: HttpRequest) -> HttpResponse:
    """Who gave which case code to whom, under which basis, when: no content."""
    items = policies.disclosures_for_auditor(request)[:LIST_LIMIT]
    return render(request, "counseling/consent/disclosure_log.html", {"items": items})
