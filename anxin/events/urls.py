from django.urls import include, path

from anxin.events import views

app_name = "events"
urlpatterns = [
    path("", views.my_events, name="mine"),
    path("<uuid:event_uuid>/", views.event_detail, name="detail"),
    path("<uuid:event_uuid>/register/", views.event_register, name="register"),
    path("<uuid:event_uuid>/cancel/", views.event_cancel, name="cancel"),
    path("<uuid:event_uuid>/roster/", views.event_roster, name="roster"),
    path("manage/", views.event_manage_list, name="manage_list"),
    path("manage/new/", views.event_create, name="create"),
    path("manage/<uuid:event_uuid>/", views.event_manage_detail, name="manage_detail"),
    path("manage/<uuid:event_uuid>/edit/", views.event_edit, name="edit"),
    path("manage/<uuid:event_uuid>/sessions/", views.event_session_add, name="session_add"),
    path("manage/<uuid:event_uuid>/publish/", views.event_publish, name="publish"),
    path("", include("anxin.events.attendance.urls")),  # attendance and certificates (0010)
    path("", include("anxin.events.calendars.urls")),
    path("", include("anxin.events.groups.urls")),
]
