"""URLs of this part of counselling, included by anxin/counseling/urls.py under the
"counseling" namespace."""

from django.urls import path

from anxin.counseling.booking import views

urlpatterns = [
    path("booking/", views.booking_home, name="booking_home"),
    path("booking/cases/<str:code>/", views.booking_book, name="booking_book"),
    path(
        "booking/appointments/<uuid:appointment_uuid>/cancel/",
        views.booking_cancel,
        name="booking_cancel",
    ),
    path(
        "booking/appointments/<uuid:appointment_uuid>/confirmation/",
        views.booking_confirmation,
        name="booking_confirmation",
    ),
    path(
        "booking/appointments/<uuid:appointment_uuid>/attendance/",
        views.booking_attendance,
        name="booking_attendance",
    ),
    path("booking/timetable/", views.booking_timetable, name="booking_timetable"),
    path("booking/rooms/", views.booking_rooms, name="booking_rooms"),
    path("booking/rooms/<uuid:room_uuid>/", views.booking_room_active, name="booking_room_active"),
    path("booking/approvals/", views.booking_approvals, name="booking_approvals"),
    path(
        "booking/leave-slips/check/",
        views.booking_leave_slip_check,
        name="booking_leave_slip_check",
    ),
    path(
        "booking/approvals/<uuid:appointment_uuid>/",
        views.booking_approval,
        name="booking_approval",
    ),
]
