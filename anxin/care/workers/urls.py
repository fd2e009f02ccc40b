from django.urls import path

from anxin.care.workers import views

urlpatterns = [
    path("workers/", views.workers_list, name="workers_list"),
    path("workers/nominate/", views.workers_nominate, name="workers_nominate"),
    path("workers/coverage/", views.workers_coverage, name="workers_coverage"),
    path("workers/coverage.ods", views.workers_coverage_ods, name="workers_coverage_ods"),
    path("workers/classes/", views.workers_classes, name="workers_classes"),
    path("workers/activity/", views.workers_activity, name="workers_activity"),
    path("workers/activity/report/", views.workers_activity_report, name="workers_activity_report"),
    path("workers/commendations/", views.workers_commendations, name="workers_commendations"),
    path(
        "workers/commendations.ods",
        views.workers_commendations_ods,
        name="workers_commendations_ods",
    ),
    path("workers/<int:pk>/", views.workers_detail, name="workers_detail"),
    path("workers/<int:pk>/approve/", views.workers_approve, name="workers_approve"),
    path("workers/<int:pk>/renew/", views.workers_renew, name="workers_renew"),
    path("workers/<int:pk>/end/", views.workers_end, name="workers_end"),
    path("workers/mine/", views.workers_mine, name="workers_mine"),
    path("workers/mine/<int:pk>/answer/", views.workers_answer, name="workers_answer"),
    path("workers/mine/<int:pk>/listing/", views.workers_listing, name="workers_listing"),
    path("workers/map/", views.workers_map, name="workers_map"),
    path("workers/meetings/", views.workers_meetings, name="workers_meetings"),
    path("workers/meetings/<int:pk>/", views.workers_meeting, name="workers_meeting"),
    path(
        "workers/meetings/<int:pk>/cancel/",
        views.workers_meeting_cancel,
        name="workers_meeting_cancel",
    ),
    path("workers/my-meetings/", views.workers_meetings_mine, name="workers_meetings_mine"),
    path("workers/my-unit/", views.workers_unit, name="workers_unit"),
    path("workers/my-training/", views.workers_training, name="workers_training"),
]
