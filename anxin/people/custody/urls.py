"""URLs of account custody, included by anxin/people/urls.py under the "people" namespace."""

from django.urls import path

from anxin.people.custody import views

urlpatterns = [
    path("custody/", views.custody_list, name="custody_list"),
    path("custody/reset/", views.custody_reset_new, name="custody_reset_new"),
    path("custody/grant/", views.custody_grant_new, name="custody_grant_new"),
    path("custody/<uuid:request_uuid>/approve/", views.custody_approve, name="custody_approve"),
    path("custody/<uuid:request_uuid>/refuse/", views.custody_refuse, name="custody_refuse"),
    path("custody/link/", views.custody_link_form, name="custody_link_form"),
    path("custody/link/<str:token>/", views.custody_link, name="custody_link"),
    path("custody/log/", views.custody_log, name="custody_log"),
    path("custody/log/<uuid:request_uuid>/", views.custody_log_detail, name="custody_log_detail"),
]
