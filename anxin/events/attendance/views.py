"""Attendance and certificate pages: the employee's QR check-in, the facilitator's roster
ticks, QR code, learning-hours export and certificates, the organisers' counts, the
holder's certificate PDF and the public verification page (decision 0010)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anxin.core.locking import StaleEdit
from anxin.core.refusals import Refused, show_refusal
from anxin.events.attendance import exports, services
from anxin.events.attendance.forms import TickForm, VerifyForm
from anxin.events.attendance.models import Attendance, Certificate
from anxin.events.attendance.policies import (
    certificate_for_user,
    check_in_code_for_employee,
    event_for_attendance,
    session_of,
)
from anxin.events.models import Event, Registration
from anxin.events.policies import ORGANISERS, PARTICIPANTS, event_for_organiser, own_registration
from anxin.events.views import SMALL_COUNT, shown_count
from anxin.people.roles import role_required

# --- the employee: QR check-in and own certificate -------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(*PARTICIPANTS)
def check_in(request: HttpRequest, token: str) -> HttpResponse:
    """The page a session's QR code points to: the session, and a button to check in."""
    try:
        code = check_in_code_for_employee(request, token)
    except Http404:
        return render(request, "events/attendance/check_in_invalid.html", status=404)
    session = code.session
    event = session.event
    now = timezone.now()
    problem = services.check_in_problem(session, request.employee, now=now)
    if request.method == "POST" and problem is None:
        try:
            services.check_in(session=session, employee=request.employee, actor=request.user)
        except Refused as refused:
            problem = refused  # shown in its own place, as the check before the button
        else:
            messages.success(request, _("You are checked in. Welcome!"))
            return redirect("events:detail", event.uuid)
    # A QR code can be scanned by anyone: for an event whose membership is itself a
    # personal fact, someone not registered learns neither its title nor its place.
    details = not event.is_sensitive or services.registered_for(event, request.employee)
    return render(
        request,
        "events/attendance/check_in.html",
        {"event": event, "session": session, "problem": problem, "details": details},
    )


@require_POST
@role_required(*PARTICIPANTS)
def my_certificate(request: HttpRequest, event_uuid) -> HttpResponse:
    """The employee asks for his or her certificate; refused, with the attendance, when
    the rule is not met."""
    event = Event.objects.filter(
        uuid=event_uuid, owner_unit__path__startswith=f"/{request.employee.authority_id}/"
    ).first()
    registration = own_registration(request, event) if event else None
    if registration is None:
        raise Http404
    try:
        services.certificate_issue(registration=registration, actor=request.user)
    except Refused as refused:
        show_refusal(request, refused)
    else:
        messages.success(request, _("Your certificate is ready: download it below."))
    return redirect("events:detail", event.uuid)


# --- facilitator (and the organisers of an event that is not sensitive) -----------------


def _registrations(event: Event) -> list[Registration]:
    return list(
        Registration.objects.filter(event=event, status=Registration.Status.REGISTERED)
        .select_related("employee__unit", "certificate")
        .order_by("employee__name", "pk")
    )


def _attendance_page(
    request: HttpRequest, event: Event, session_id: int | None = None, forms=None, status=200
) -> HttpResponse:
    sessions = list(event.sessions.all())
    session = session_of(event, session_id) if session_id else None
    if session is None and sessions:
        now = timezone.now()
        started = [s for s in sessions if s.starts_at - services.CHECK_IN_OPENS_BEFORE <= now]
        session = started[-1] if started else sessions[0]
    registrations = _registrations(event)
    found = services.summaries(event, registrations)
    rows = []
    if session is not None:
        stored = {
            a.registration_id: a
            for a in Attendance.objects.filter(session=session, registration__in=registrations)
        }
        length = services.session_minutes(session)
        for registration in registrations:
            form = (forms or {}).get(registration.pk) or TickForm(
                registration=registration,
                attendance=stored.get(registration.pk),
                length=length,
            )
            rows.append(
                {"registration": registration, "form": form, "stored": stored.get(registration.pk)}
            )
    summaries = [
        {
            "registration": r,
            "summary": found[r.pk],
            "certificate": getattr(r, "certificate", None),
        }
        for r in registrations
    ]
    return render(
        request,
        "events/attendance/attendance.html",
        {
            "event": event,
            "sessions": sessions,
            "session": session,
            "rows": rows,
            "summaries": summaries,
            "formats": list(exports.WRITERS),
        },
        status=status,
    )


@require_GET
@login_required
def attendance(request: HttpRequest, event_uuid) -> HttpResponse:
    event = event_for_attendance(request, event_uuid)
    session_id = request.GET.get("session", "")
    return _attendance_page(request, event, int(session_id) if session_id.isdigit() else None)


@require_POST
@login_required
def attendance_record(request: HttpRequest, event_uuid, session_id: int) -> HttpResponse:
    """Save the ticks of one session; any error re-shows the form as typed, nothing saved."""
    event = event_for_attendance(request, event_uuid)
    session = session_of(event, session_id)
    registrations = _registrations(event)
    stored = {
        a.registration_id: a
        for a in Attendance.objects.filter(session=session, registration__in=registrations)
    }
    length = services.session_minutes(session)
    forms = {
        r.pk: TickForm(request.POST, registration=r, attendance=stored.get(r.pk), length=length)
        for r in registrations
    }
    if all(form.is_valid() for form in forms.values()):
        ticks = [
            services.Tick(
                registration=form.registration,
                status=form.cleaned_data["status"],
                minutes=form.cleaned_data["minutes"],
                seen=form.cleaned_data["seen"],
            )
            for form in forms.values()
        ]
        try:
            services.attendance_record(session=session, ticks=ticks, actor=request.user)
        except StaleEdit:
            messages.error(
                request,
                _(
                    "Someone checked in or changed this session's attendance after you opened "
                    "it. Nothing was saved: the roster below shows the current state."
                ),
            )
            return redirect(
                f"{reverse('events:attendance', args=[event.uuid])}?session={session.pk}"
            )
        messages.success(request, _("The attendance is saved."))
        return redirect(f"{reverse('events:attendance', args=[event.uuid])}?session={session.pk}")
    messages.error(request, _("Some rows need correcting: nothing was saved."))
    return _attendance_page(request, event, session.pk, forms=forms, status=200)


@require_GET
@login_required
def check_in_qr(request: HttpRequest, event_uuid, session_id: int) -> HttpResponse:
    """The QR code to show in the room, with the address it holds."""
    event = event_for_attendance(request, event_uuid)
    session = session_of(event, session_id)
    code = services.check_in_code_for(session)
    url = request.build_absolute_uri(reverse("events:check_in", args=[code.token]))
    return render(
        request,
        "events/attendance/qr.html",
        {"event": event, "session": session, "url": url, "qr": exports._qr_data_uri(url)},
    )


@require_POST
@login_required
def check_in_rotate(request: HttpRequest, event_uuid, session_id: int) -> HttpResponse:
    event = event_for_attendance(request, event_uuid)
    session = session_of(event, session_id)
    services.check_in_code_rotate(session=session)
    messages.success(request, _("A new QR code is in place: the old one no longer works."))
    return redirect("events:check_in_qr", event.uuid, session.pk)


@require_GET
@login_required
def hours_export(request: HttpRequest, event_uuid, fmt: str) -> HttpResponse:
    event = event_for_attendance(request, event_uuid)
    if fmt not in exports.WRITERS:
        raise Http404
    response = HttpResponse(exports.WRITERS[fmt](event), content_type=exports.TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(event, fmt)}"'
    return response


@require_POST
@login_required
def certificates_issue(request: HttpRequest, event_uuid) -> HttpResponse:
    """Issue one person's certificate (`registration`), or everyone's who completed."""
    event = event_for_attendance(request, event_uuid)
    back = reverse("events:attendance", args=[event.uuid])
    wanted = request.POST.get("registration", "")
    if wanted:
        registration = next((r for r in _registrations(event) if str(r.uuid) == wanted), None)
        if registration is None:
            raise Http404
        try:
            certificate = services.certificate_issue(registration=registration, actor=request.user)
        except Refused as refused:
            show_refusal(request, refused)
        else:
            messages.success(
                request,
                _("Certificate %(number)s is issued.") % {"number": certificate.number},
            )
        return redirect(back)
    issued = services.certificates_issue_all(event=event, actor=request.user)
    messages.success(request, _("%(count)d certificates issued.") % {"count": len(issued)})
    return redirect(back)


@require_GET
@login_required
def certificate_pdf(request: HttpRequest, certificate_uuid) -> HttpResponse:
    certificate = certificate_for_user(request, certificate_uuid)
    if not certificate.is_valid:
        raise Http404
    url = request.build_absolute_uri(reverse("events:verify_code", args=[certificate.code]))
    response = HttpResponse(
        exports.certificate_pdf(certificate, verify_url=url), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.number}.pdf"'
    return response


# --- organisers: counts ------------------------------------------------------------------


@require_GET
@role_required(*ORGANISERS)
def attendance_counts(request: HttpRequest, event_uuid) -> HttpResponse:
    """How many attended each session and completed; for an event over sealed attributes
    small counts show as "fewer than 5" and no name is ever shown (invariant 10)."""
    event = event_for_organiser(request, event_uuid)
    registered = Q(attendances__registration__status=Registration.Status.REGISTERED)
    sessions = event.sessions.annotate(
        present=Count("attendances", filter=registered & Q(attendances__status="present")),
        late=Count("attendances", filter=registered & Q(attendances__status="late")),
        partial=Count("attendances", filter=registered & Q(attendances__status="partial")),
    ).order_by("starts_at", "pk")
    sensitive = event.is_sensitive
    rows = [
        {
            "session": s,
            "present": shown_count(s.present, sensitive),
            "late": shown_count(s.late, sensitive),
            "partial": shown_count(s.partial, sensitive),
        }
        for s in sessions
    ]
    completed = Registration.objects.filter(
        event=event, status=Registration.Status.REGISTERED, completed_at__isnull=False
    ).count()
    certificates = Certificate.objects.filter(
        registration__event=event, revoked_at__isnull=True
    ).count()
    return render(
        request,
        "events/attendance/counts.html",
        {
            "event": event,
            "rows": rows,
            "completed": shown_count(completed, sensitive),
            "certificates": shown_count(certificates, sensitive),
            "small": SMALL_COUNT,
            "full_view": not sensitive or event.facilitator_id == request.user.pk,
        },
    )


# --- public: verification ----------------------------------------------------------------


def _verify_page(request: HttpRequest, form: VerifyForm, code: str | None) -> HttpResponse:
    certificate = services.certificate_by_code(code) if code else None
    return render(
        request,
        "events/attendance/verify.html",
        {
            "form": form,
            "checked": code is not None,
            "certificate": certificate,
            "holder": services.masked_name(certificate.holder_name) if certificate else "",
        },
    )


@require_GET
def verify(request: HttpRequest) -> HttpResponse:
    """Anyone may check a certificate by its code; the page says whether it is valid and
    shows only what the certificate itself prints, the name masked (nothing but the
    number for an event over sealed attributes)."""
    if "code" not in request.GET:
        return _verify_page(request, VerifyForm(), None)
    form = VerifyForm(request.GET)
    return _verify_page(request, form, form.cleaned_data["code"] if form.is_valid() else None)


@require_GET
def verify_code(request: HttpRequest, code: str) -> HttpResponse:
    """The address a certificate's QR code holds."""
    form = VerifyForm({"code": code})
    return _verify_page(request, form, form.cleaned_data["code"] if form.is_valid() else None)
