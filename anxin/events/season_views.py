"""Half-year season pages (eap_admin): generate a draft season from the plan, see it on
one page with its dates, publish all of it at once (each event can also be edited and
published on its own page)."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from anxin.core.refusals import Refused, show_refusal
from anxin.events import season as seasons
from anxin.events import services
from anxin.events.forms import SeasonGenerateForm, SeasonPublishForm
from anxin.events.models import Event, Season
from anxin.events.policies import SEASON_ORGANISERS, season_for_admin, seasons_for
from anxin.people.roles import role_required, scope_of

DRAFT = Q(events__status=Event.Status.DRAFT)
PUBLISHED = Q(events__status=Event.Status.PUBLISHED)


def _season_list(request: HttpRequest, form: SeasonGenerateForm) -> HttpResponse:
    rows = (
        seasons_for(request)
        .annotate(
            draft_count=Count("events", filter=DRAFT),
            published_count=Count("events", filter=PUBLISHED),
        )
        .select_related("plan")
        .order_by("-year", "-half")
    )
    return render(request, "events/season_list.html", {"seasons": rows, "form": form})


@require_GET
@role_required(*SEASON_ORGANISERS)
def season_list(request: HttpRequest) -> HttpResponse:
    return _season_list(request, SeasonGenerateForm(today=timezone.localdate()))


@require_POST
@role_required(*SEASON_ORGANISERS)
def season_generate(request: HttpRequest) -> HttpResponse:
    form = SeasonGenerateForm(request.POST, today=timezone.localdate())
    if form.is_valid():
        half = seasons.HalfYear.parse(form.cleaned_data["half_year"])
        authority = scope_of(request).authority()
        existing = Season.objects.filter(owner_unit=authority, year=half.year, half=half.half)
        try:
            season = seasons.season_generate(
                actor=request.user, authority=authority, half=half, place=form.cleaned_data["place"]
            )
        except Refused as refused:
            if refused.code == "season_exists" and (found := existing.first()):
                messages.info(request, refused.message)
                return redirect("events:season_detail", found.pk)
            show_refusal(request, refused, form=form)
        else:
            messages.success(
                request,
                _("The draft season is generated: %(count)d events. Check the dates, then publish.")
                % {"count": season.events.count()},
            )
            return redirect("events:season_detail", season.pk)
    return _season_list(request, form)


def _season_detail(request: HttpRequest, season: Season, **extra) -> HttpResponse:
    events = list(
        season.events.select_related("audience_unit").prefetch_related("sessions").order_by("pk")
    )
    # By first session; an event whose sessions were all removed comes last.
    events.sort(key=lambda e: (services.first_start(e) is None, services.first_start(e) or 0, e.pk))
    not_scheduled = [
        {**item, "reason_text": seasons.NOT_SCHEDULED_REASONS.get(item["reason"], "")}
        for item in season.not_scheduled
    ]
    return render(
        request,
        "events/season_detail.html",
        {
            "season": season,
            "half": seasons.HalfYear(season.year, season.half),
            "events": events,
            "drafts": sum(1 for e in events if e.status == Event.Status.DRAFT),
            "not_scheduled": not_scheduled,
            "publish_form": extra.get("publish_form") or SeasonPublishForm(),
            "left": extra.get("left", []),
        },
    )


@require_GET
@role_required(*SEASON_ORGANISERS)
def season_detail(request: HttpRequest, season_pk: int) -> HttpResponse:
    return _season_detail(request, season_for_admin(request, season_pk))


@require_POST
@role_required(*SEASON_ORGANISERS)
def season_publish(request: HttpRequest, season_pk: int) -> HttpResponse:
    season = season_for_admin(request, season_pk)
    form = SeasonPublishForm(request.POST)
    form.is_valid()
    result = seasons.season_publish(
        season=season,
        actor=request.user,
        confirm_empty=form.cleaned_data.get("confirm_empty", False),
    )
    if result.published:
        messages.success(
            request,
            _("%(count)d events are published and their audiences invited.")
            % {"count": len(result.published)},
        )
    if result.left:
        messages.warning(
            request,
            _("%(count)d events stay drafts: see why below.") % {"count": len(result.left)},
        )
        return _season_detail(request, season, publish_form=form, left=result.left)
    return redirect("events:season_detail", season.pk)
