from django.urls import include, path

from anxin.events import season_views, views

app_name = "events"
urlpatterns = [
    path("", views.my_events, name="mine"),
    path("<uuid:event_uuid>/", views.event_detail, name="detail"),
    path("<uuid:event_uuid>/register/", views.event_register, name="register"),
    path("<uuid:event_uuid>/cancel/", views.event_cancel, name="cancel"),
    path("<uuid:event_uuid>/roster/", views.event_roster, name="roster"),
    path("leading/", views.facilitating, name="facilitating"),
    path("manage/", views.event_manage_list, name="manage_list"),
    path("manage/new/", views.event_create, name="create"),
    path("manage/<uuid:event_uuid>/", views.event_manage_detail, name="manage_detail"),
    path("manage/<uuid:event_uuid>/edit/", views.event_edit, name="edit"),
    path("manage/<uuid:event_uuid>/sessions/", views.event_session_add, name="session_add"),
    path("manage/<uuid:event_uuid>/publish/", views.event_publish, name="publish"),
    path("", include("anxin.events.attendance.urls")),  # attendance and certificates (0010)
    path("", include("anxin.events.calendars.urls")),
    path("manage/<uuid:event_uuid>/cancel/", views.event_cancel_manage, name="manage_cancel"),
    path(
        "manage/<uuid:event_uuid>/sessions/<int:session_pk>/",
        views.event_session_edit,
        name="session_edit",
    ),
    path(
        "manage/<uuid:event_uuid>/sessions/<int:session_pk>/remove/",
        views.event_session_remove,
        name="session_remove",
    ),
    path("manage/seasons/", season_views.season_list, name="season_list"),
    path("manage/seasons/generate/", season_views.season_generate, name="season_generate"),
    path("manage/seasons/<int:season_pk>/", season_views.season_detail, name="season_detail"),
    path(
        "manage/seasons/<int:season_pk>/publish/",
        season_views.season_publish,
        name="season_publish",
    ),
]
