"""URLs of this part of counselling, included by anxin/counseling/urls.py under the
"counseling" namespace."""

from django.urls import path

from anxin.counseling.flows import views

urlpatterns = [
    path("flows/", views.flows_list, name="flows_list"),
    path("flows/start/", views.flows_start, name="flows_start"),
    path("flows/<uuid:run_uuid>/", views.flows_detail, name="flows_detail"),
    path("flows/<uuid:run_uuid>/step/", views.flows_step, name="flows_step"),
    path("flows/<uuid:run_uuid>/assign/", views.flows_assign, name="flows_assign"),
    path("flows/<uuid:run_uuid>/checklist/", views.flows_checklist, name="flows_checklist"),
    path("emergency/", views.flows_emergency_open, name="flows_emergency_open"),
    path("emergency/log/", views.flows_emergency_log, name="flows_emergency_log"),
    path("emergency/<str:code>/", views.flows_emergency_case, name="flows_emergency_case"),
]
