"""URLs of this part of counselling, included by anxin/counseling/urls.py under the
"counseling" namespace."""

from django.urls import path

from anxin.counseling.station import views

urlpatterns = [
    path("station/write/", views.station_write, name="station_write"),
    path("station/sent/", views.station_sent, name="station_sent"),
    path("station/t/<str:token>/", views.station_thread_token, name="station_thread_token"),
    path("station/mine/", views.station_mine, name="station_mine"),
    path("station/mine/<uuid:thread_uuid>/", views.station_mine_thread, name="station_mine_thread"),
    path("station/inbox/", views.station_inbox, name="station_inbox"),
    path("station/inbox/<uuid:thread_uuid>/", views.station_assign, name="station_assign"),
    path("station/threads/", views.station_threads, name="station_threads"),
    path("station/threads/<uuid:thread_uuid>/", views.station_thread, name="station_thread"),
    path(
        "station/threads/<uuid:thread_uuid>/close/",
        views.station_thread_close,
        name="station_thread_close",
    ),
    path("hotline/", views.station_hotline, name="station_hotline"),
    path("hotline/new/", views.station_hotline_new, name="station_hotline_new"),
    path("hotline/<uuid:call_uuid>/", views.station_hotline_detail, name="station_hotline_detail"),
]
