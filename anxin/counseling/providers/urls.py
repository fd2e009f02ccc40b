"""URLs of this part of counselling, included by anxin/counseling/urls.py under the
"counseling" namespace."""

from django.urls import path

from anxin.counseling.providers import views

P = "providers/<int:pk>/"

urlpatterns = [
    path("providers/", views.providers_list, name="providers_list"),
    path("providers/new/", views.providers_create, name="providers_create"),
    path("providers/mine/", views.providers_mine, name="providers_mine"),
    path(P, views.providers_detail, name="providers_detail"),
    path(P + "edit/", views.providers_edit, name="providers_edit"),
    path(P + "counsellors/", views.providers_counselor_add, name="providers_counselor_add"),
    path(
        P + "counsellors/<int:user_id>/remove/",
        views.providers_counselor_remove,
        name="providers_counselor_remove",
    ),
    path(P + "admins/", views.providers_admin_add, name="providers_admin_add"),
    path(
        P + "admins/<int:user_id>/remove/",
        views.providers_admin_remove,
        name="providers_admin_remove",
    ),
    path(P + "rates/new/", views.providers_rate_create, name="providers_rate_create"),
    path(P + "rates/<int:rate_pk>/", views.providers_rate_edit, name="providers_rate_edit"),
    path(P + "timetable/", views.providers_timetable, name="providers_timetable"),
    path(P + "statement/", views.providers_statement, name="providers_statement"),
    path(
        P + "statement/<int:year>-<int:month>.<str:fmt>",
        views.providers_statement_export,
        name="providers_statement_export",
    ),
    path("group-requests/", views.providers_group_list, name="providers_group_list"),
    path("group-requests/new/", views.providers_group_create, name="providers_group_create"),
    path(
        "group-requests/<uuid:request_uuid>/",
        views.providers_group_detail,
        name="providers_group_detail",
    ),
    path(
        "group-requests/<uuid:request_uuid>/schedule/",
        views.providers_group_schedule,
        name="providers_group_schedule",
    ),
    path(
        "group-requests/<uuid:request_uuid>/outcome/",
        views.providers_group_outcome,
        name="providers_group_outcome",
    ),
]
