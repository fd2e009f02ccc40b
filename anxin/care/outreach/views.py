"""The outreach pages: HR's overview (what was imported, what was sent, by unit through the
k rule), the three imports (upload, report, templates), and the employee's own page."""

from datetime import timedelta

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from anxin.care.outreach import columns, template
from anxin.care.outreach.errors import OutreachError
from anxin.care.outreach.forms import OutreachPreferenceForm, OutreachUploadForm
from anxin.care.outreach.models import (
    LifeEvent,
    OutreachImport,
    OutreachSend,
    OutreachSignal,
)
from anxin.care.outreach.services import outreach_messages_off, outreach_preference_set
from anxin.care.outreach.tasks import JOB_KIND, outreach_import_start
from anxin.core.imports import import_report, import_upload, recent_imports, template_download
from anxin.core.kanon import suppress_series, suppress_table
from anxin.people.models import OrgUnit
from anxin.people.roles import Role, role_required, scope_of
from anxin.plans.services import k_of, plan_for_authority

IMPORT_ROLES = (Role.HR, Role.EAP_ADMIN)
Kind = OutreachImport.Kind
KIND_SLUGS = {"life-events": Kind.LIFE_EVENTS, "overtime": Kind.OVERTIME,
              "family-care": Kind.FAMILY_CARE}  # fmt: skip
SLUG_OF = {kind: slug for slug, kind in KIND_SLUGS.items()}
WINDOW_DAYS = 365  # what was sent: the last twelve months


def _kind(slug: str) -> str:
    kind = KIND_SLUGS.get(slug)
    if kind is None:
        raise Http404
    return kind


@require_GET
@role_required(*IMPORT_ROLES)
def outreach_overview(request: HttpRequest) -> HttpResponse:
    """What was imported in the scope, and what was sent by unit and reason through the k
    rule: never who. Four queries, whatever the size of the organisation."""
    scope: OrgUnit = scope_of(request)
    plan = plan_for_authority(scope.root_id)
    k = k_of(plan)
    imports = list(
        OutreachImport.objects.filter(scope.subtree_q("scope__")).select_related(
            "imported_by", "scope"
        )[:20]
    )
    since = timezone.localdate() - timedelta(days=WINDOW_DAYS)
    sends = list(
        OutreachSend.objects.filter(scope.subtree_q("unit__"), sent_on__gte=since)
        .values_list("unit_id", "reason", "way")
        .annotate(n=Count("pk"))
    )
    units = {
        unit.pk: unit for unit in OrgUnit.objects.filter(pk__in={unit_id for unit_id, *_ in sends})
    }
    reasons = OutreachSignal.Reason
    table: dict = {}
    ways: dict = dict.fromkeys(OutreachSend.Way.values, 0)
    for unit_id, reason, way, n in sends:
        ways[way] += n
        if way in (OutreachSend.Way.INVITATION, OutreachSend.Way.NOT_SENT):
            table.setdefault(unit_id, dict.fromkeys(reasons.values, 0))[reason] += n
    ordered = sorted(table, key=lambda pk: units[pk].path)
    by_unit = suppress_table(table, k=k, rows=ordered, columns=reasons.values)
    by_way = suppress_series(ways, k=k)
    way_labels = dict(OutreachSend.Way.choices)
    context = {
        "scope": scope,
        "plan": plan,
        "k": k,
        "imports": imports,
        "by_unit": by_unit,
        "unit_lines": [(units[line.key].name, line) for line in by_unit.lines],
        "reason_labels": reasons.labels,
        "ways": [(way_labels[way], entry) for way, entry in by_way.items()],
        "kinds": [(SLUG_OF[value], label) for value, label in Kind.choices],
        "overtime": plan.overtime_thresholds if plan else None,
        "settings": plan.outreach_settings if plan else None,
        "life_event_labels": plan.outreach_life_event_labels if plan else [],
    }
    return render(request, "care/outreach/overview.html", context)


@require_http_methods(["GET", "POST"])
@role_required(*IMPORT_ROLES)
def outreach_import(request: HttpRequest, kind_slug: str) -> HttpResponse:
    kind = _kind(kind_slug)
    scope: OrgUnit = scope_of(request)
    # Bound on every POST, even an empty one, so that "no file" is answered on the form.
    form = (
        OutreachUploadForm(request.POST, request.FILES, kind=kind)
        if request.method == "POST"
        else None
    )

    def start(**upload):
        return outreach_import_start(owner=request.user, scope=scope, kind=kind, **upload)

    if started := import_upload(request, form, start):
        return started
    context = {
        "form": form or OutreachUploadForm(kind=kind),
        "kind": kind,
        "kind_label": Kind(kind).label,
        "slug": kind_slug,
        "scope": scope,
        "columns": columns.COLUMNS[kind],
        "formats": template.FORMATS,
        # The Chinese words only: the English keys are for files made by programs.
        "event_words": [
            (LifeEvent.Kind(key).label, "、".join(w for w in words if not w.isascii()))
            for key, words in columns.EVENT_WORDS.items()
        ],
        "recent": recent_imports(request.user, JOB_KIND, kind=kind),
    }
    return render(request, "care/outreach/import.html", context)


@require_GET
@role_required(*IMPORT_ROLES)
def outreach_report(request: HttpRequest, job_uuid) -> HttpResponse:
    """The outcome of one import or preview, for the person who started it (404 to anyone
    else): counts, and the problems row by row; never who was reached."""
    context = import_report(request, job_uuid, JOB_KIND, OutreachError)
    kind = context["result"].get("kind") or Kind.LIFE_EVENTS
    counts = context["counts"]
    context |= {
        "kind": kind,
        "kind_label": Kind(kind).label,
        "slug": SLUG_OF[kind],
        "event_counts": [(label, counts.get(value, 0)) for value, label in LifeEvent.Kind.choices],
        "sent": context["result"].get("sent") or {},
    }
    return render(request, "care/outreach/report.html", context)


@require_GET
@role_required(*IMPORT_ROLES)
def outreach_template(request: HttpRequest, kind_slug: str, fmt: str) -> HttpResponse:
    kind = _kind(kind_slug)
    if fmt not in template.FORMATS:
        raise Http404
    return template_download(template.template_file(kind, fmt), fmt, kind_slug)


@require_http_methods(["GET", "POST"])
@role_required(Role.EMPLOYEE)
def outreach_mine(request: HttpRequest) -> HttpResponse:
    """The employee's own page: what the programme offers, and the setting that turns
    outreach messages off. Shows nothing of why a message was sent."""
    employee = request.employee
    if request.method == "POST":
        form = OutreachPreferenceForm(request.POST)
        if form.is_valid():
            on = form.cleaned_data["messages_on"]
            outreach_preference_set(employee=employee, messages_off=not on)
            messages.success(
                request,
                _("Saved: you will receive the programme's messages of care.")
                if on
                else _("Saved: you will receive no more of these messages."),
            )
            return redirect("care:outreach_mine")
    else:
        form = OutreachPreferenceForm(initial={"messages_on": not outreach_messages_off(employee)})
    plan = plan_for_authority(employee.authority_id)
    context = {
        "form": form,
        "plan": plan,
        "service_areas": plan.service_areas if plan else [],
        "channels": plan.channels if plan else [],
    }
    return render(request, "care/outreach/mine.html", context)
