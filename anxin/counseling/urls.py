from django.urls import include, path

from anxin.counseling import views

app_name = "counseling"
urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("my-requests/", views.my_requests, name="my_requests"),
    path("queue/", views.queue, name="queue"),
    path("queue/<uuid:request_uuid>/", views.request_detail, name="request_detail"),
    path(
        "queue/cases/<str:code>/records/",
        views.case_records_for_coordinator,
        name="case_records_for_coordinator",
    ),
    path("cases/", views.my_cases, name="my_cases"),
    path("cases/<str:code>/", views.case_detail, name="case_detail"),
    path("cases/<str:code>/sessions/new/", views.session_create, name="session_create"),
    path(
        "cases/<str:code>/sessions/<uuid:session_uuid>/",
        views.session_edit,
        name="session_edit",
    ),
    path("cases/<str:code>/close/", views.case_close, name="case_close"),
    # The parts of the counselling room (decision 0006), under the same namespace.
    path("", include("anxin.counseling.station.urls")),
    path("", include("anxin.counseling.booking.urls")),
    path("", include("anxin.counseling.consent.urls")),
    path("", include("anxin.counseling.conferences.urls")),
    path("", include("anxin.counseling.providers.urls")),
    path("", include("anxin.counseling.flows.urls")),
    path("", include("anxin.counseling.outcomes.urls")),
]
