"""Calendar pages: the owner's page for his or her feed link, the feed itself (no
sign-in: calendar clients cannot sign in; the long secret in the URL is the key), and a
registration's iCalendar file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from anxin.events import hooks
from anxin.events.calendars import services
from anxin.events.calendars.models import CalendarFeed
from anxin.events.policies import PARTICIPANTS, event_for_employee, own_registration
from anxin.people.roles import role_required

LINK_SESSION_KEY = "events_calendar_link"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def _url_for(request: HttpRequest):
    def url_for(entry: services.Entry) -> str:
        name = "events:detail"
        if entry.role == services.FACILITATING:
            name = hooks.facilitator_page(entry.event.kind)
        return request.build_absolute_uri(reverse(name, args=[entry.event.uuid]))

    return url_for


def _calendar_response(body: bytes, *, filename: str | None = None) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, no_store=True, private=True)
    return response


@require_GET
@login_required
def calendar_page(request: HttpRequest) -> HttpResponse:
    """The owner's feed: the link (shown once, just after it is made), when it was made
    and last fetched, and the buttons to replace or stop it."""
    token = request.session.pop(LINK_SESSION_KEY, None)
    link = ""
    if token:
        link = request.build_absolute_uri(reverse("events:calendar_feed", args=[token]))
    feed = CalendarFeed.objects.filter(user=request.user).first()
    return render(request, "events/calendars/page.html", {"feed": feed, "link": link})


@require_POST
@login_required
def calendar_reset(request: HttpRequest) -> HttpResponse:
    had = CalendarFeed.objects.filter(user=request.user).exists()
    # Shown once on the next page, never put in a URL the browser is redirected to.
    request.session[LINK_SESSION_KEY] = services.calendar_feed_reset(user=request.user)
    if had:
        messages.success(request, _("Your calendar link is replaced; the old one no longer works."))
    else:
        messages.success(request, _("Your calendar link is ready."))
    return redirect("events:calendar")


@require_POST
@login_required
def calendar_stop(request: HttpRequest) -> HttpResponse:
    services.calendar_feed_stop(user=request.user)
    messages.success(request, _("Your calendar link no longer works."))
    return redirect("events:calendar")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed, for calendar clients: whoever holds the link reads it; a wrong or
    replaced link is 404. Written in the site's language (the client's is unknown)."""
    feed = services.feed_by_token(token)
    if feed is None:
        raise Http404
    now = timezone.now()
    services.feed_used(feed, now=now)
    with translation.override(translation.get_supported_language_variant("zh-hant")):
        body = services.calendar_bytes(
            services.feed_entries(feed.user, now=now),
            uid=services.feed_uid(feed.user),
            url_for=_url_for(request),
            name=_("Anxin events"),
            now=now,
        )
    return _calendar_response(body)


@require_GET
@role_required(*PARTICIPANTS)
def registration_ics(request: HttpRequest, event_uuid) -> HttpResponse:
    """The iCalendar file of the employee's own registration (all its sessions)."""
    event = event_for_employee(request, event_uuid)
    registration = own_registration(request, event)
    if registration is None:
        raise Http404
    registration.event = event
    entry = services.registration_entry(registration)
    if entry is None:  # an application waiting for its draw: not on the calendar yet
        raise Http404
    body = services.calendar_bytes(
        [entry],
        uid=services.registration_uid(registration),
        url_for=_url_for(request),
        name=_("Anxin events"),
        now=timezone.now(),
    )
    return _calendar_response(body, filename=f"anxin-{event.uuid}.ics")
