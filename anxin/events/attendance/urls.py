"""URLs of attendance and certificates, included by anxin/events/urls.py under the
"events" namespace."""

from django.urls import path

from anxin.events.attendance import views

E = "<uuid:event_uuid>/attendance/"
S = E + "sessions/<int:session_id>/"

urlpatterns = [
    path("check-in/<str:token>/", views.check_in, name="check_in"),
    path("<uuid:event_uuid>/certificate/", views.my_certificate, name="my_certificate"),
    path(E, views.attendance, name="attendance"),
    path(S, views.attendance_record, name="attendance_record"),
    path(S + "qr/", views.check_in_qr, name="check_in_qr"),
    path(S + "qr/rotate/", views.check_in_rotate, name="check_in_rotate"),
    path(E + "hours.<str:fmt>", views.hours_export, name="hours_export"),
    path(E + "certificates/", views.certificates_issue, name="certificates_issue"),
    path("certificates/<uuid:certificate_uuid>/", views.certificate_pdf, name="certificate_pdf"),
    path("manage/<uuid:event_uuid>/attendance/", views.attendance_counts, name="attendance_counts"),
    path("verify/", views.verify, name="verify"),
    path("verify/<str:code>/", views.verify_code, name="verify_code"),
]
