from django.urls import path

from anxin.care.outreach import public, views

urlpatterns = [
    path("outreach/", views.outreach_overview, name="outreach_overview"),
    path("outreach/mine/", views.outreach_mine, name="outreach_mine"),
    path("outreach/off/<str:token>/", public.outreach_off, name="outreach_off"),
    path("outreach/import/<slug:kind_slug>/", views.outreach_import, name="outreach_import"),
    path(
        "outreach/import/<slug:kind_slug>/template.<str:fmt>",
        views.outreach_template,
        name="outreach_template",
    ),
    path("outreach/report/<uuid:job_uuid>/", views.outreach_report, name="outreach_report"),
]
