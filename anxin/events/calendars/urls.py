"""URLs of calendars, included by anxin/events/urls.py under the "events" namespace."""

from django.urls import path

from anxin.events.calendars import views

urlpatterns = [
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar/reset/", views.calendar_reset, name="calendar_reset"),
    path("calendar/stop/", views.calendar_stop, name="calendar_stop"),
    path("calendar/feed/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("<uuid:event_uuid>/calendar.ics", views.registration_ics, name="registration_ics"),
]
