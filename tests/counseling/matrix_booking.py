"""Authorization-matrix rows for the booking URLs (see tests/test_authorization_matrix.py)."""

from datetime import datetime, timedelta

from django.utils import timezone

from anxin.people.roles import Role
from tests.matrix_profiles import CASELOAD, INTAKE_DESK, NOT_ALLOWED, OWN_SERVICES

APPOINTMENT = "/counselling/booking/appointments/"

ROWS = [
    # The coordinator checks a leave slip's code (decision 0040); GET only.
    ("counseling:booking_leave_slip_check", "GET", "/counselling/booking/leave-slips/check/",
     INTAKE_DESK),
    ("counseling:booking_leave_slip_check", "POST", "/counselling/booking/leave-slips/check/",
     NOT_ALLOWED),
    ("counseling:booking_home", "GET", "/counselling/booking/", OWN_SERVICES),
    ("counseling:booking_home", "POST", "/counselling/booking/", NOT_ALLOWED),
    ("counseling:booking_book", "GET", "/counselling/booking/cases/{bkg_case}/", OWN_SERVICES),
    ("counseling:booking_book", "POST", "/counselling/booking/cases/{bkg_case}/", OWN_SERVICES),
    ("counseling:booking_book", "PUT", "/counselling/booking/cases/{bkg_case}/", NOT_ALLOWED),
    ("counseling:booking_book", "GET", "/counselling/booking/cases/{bkg_other_case}/",
     OWN_SERVICES.but(inside="404")),
    ("counseling:booking_cancel", "GET", APPOINTMENT + "{bkg_appointment}/cancel/", OWN_SERVICES),
    ("counseling:booking_cancel", "POST", APPOINTMENT + "{bkg_cancel}/cancel/", OWN_SERVICES),
    ("counseling:booking_cancel", "GET", APPOINTMENT + "{missing}/cancel/",
     OWN_SERVICES.but(inside="404")),
    ("counseling:booking_confirmation", "GET", APPOINTMENT + "{bkg_appointment}/confirmation/",
     OWN_SERVICES),
    ("counseling:booking_confirmation", "POST", APPOINTMENT + "{bkg_appointment}/confirmation/",
     NOT_ALLOWED),
    ("counseling:booking_confirmation", "GET",
     APPOINTMENT + "{bkg_other_appointment}/confirmation/", OWN_SERVICES.but(inside="404")),
    ("counseling:booking_attendance", "POST", APPOINTMENT + "{bkg_appointment}/attendance/",
     CASELOAD),
    ("counseling:booking_attendance", "GET", APPOINTMENT + "{bkg_appointment}/attendance/",
     NOT_ALLOWED),
    ("counseling:booking_attendance", "POST", APPOINTMENT + "{bkg_other_appointment}/attendance/",
     CASELOAD.but(inside="404")),
    ("counseling:booking_timetable", "GET", "/counselling/booking/timetable/", CASELOAD),
    ("counseling:booking_timetable", "POST", "/counselling/booking/timetable/", CASELOAD),
    ("counseling:booking_timetable", "PUT", "/counselling/booking/timetable/", NOT_ALLOWED),
    ("counseling:booking_rooms", "GET", "/counselling/booking/rooms/", INTAKE_DESK),
    ("counseling:booking_rooms", "POST", "/counselling/booking/rooms/", INTAKE_DESK),
    ("counseling:booking_rooms", "PUT", "/counselling/booking/rooms/", NOT_ALLOWED),
    ("counseling:booking_room_active", "POST", "/counselling/booking/rooms/{bkg_room}/",
     INTAKE_DESK),
    ("counseling:booking_room_active", "GET", "/counselling/booking/rooms/{bkg_room}/",
     NOT_ALLOWED),
    ("counseling:booking_room_active", "POST", "/counselling/booking/rooms/{missing}/",
     INTAKE_DESK.but(inside="404")),
    ("counseling:booking_approvals", "GET", "/counselling/booking/approvals/", INTAKE_DESK),
    ("counseling:booking_approvals", "POST", "/counselling/booking/approvals/", NOT_ALLOWED),
    ("counseling:booking_approval", "GET", "/counselling/booking/approvals/{bkg_awaiting}/",
     INTAKE_DESK),
    ("counseling:booking_approval", "POST", "/counselling/booking/approvals/{bkg_awaiting}/",
     INTAKE_DESK),
    ("counseling:booking_approval", "GET", "/counselling/booking/approvals/{missing}/",
     INTAKE_DESK.but(inside="404")),
]  # fmt: skip


def placeholders(cls) -> dict:
    """Alice's open case with the matrix counsellor, a room, her booked appointment (and
    one to cancel), one waiting for the coordinator's decision, and another employee's
    case and appointment with a second counsellor."""
    from anxin.counseling import services
    from anxin.counseling.booking import services as booking
    from anxin.counseling.booking.models import Appointment, Room
    from anxin.plans.loader import load_preset
    from tests.base import give_role, make_employee, make_user

    plan = load_preset("taipei-114")
    intake, counselor = cls.people[Role.INTAKE], cls.people[Role.COUNSELOR]

    def case(employee, counselor):
        item = services.request_submit(
            employee=employee, plan=plan, concern="health", urgency="soon", mode="phone",
            gender_preference="any", contact_method="phone", contact_value="0912-000-000",
            details="matrix", preferred_times="",
        )  # fmt: skip
        return services.case_open(item=item, counselor=counselor, actor=intake)

    def slot(counselor, days, room=None):
        day = timezone.localdate() + timedelta(days=days)
        starts = timezone.make_aware(datetime.combine(day, datetime.min.time())).replace(hour=10)
        return booking.slot_publish(
            counselor=counselor, starts_at=starts, ends_at=starts + timedelta(hours=1),
            mode="face_to_face" if room else "phone", room=room,
        )  # fmt: skip

    room = Room.objects.create(authority=cls.authority, name="矩陣協談室", location="1樓")
    mine = case(cls.alice_employee, counselor)
    appointment = booking.appointment_book(
        case=mine, slot=slot(counselor, 5, room), actor=cls.alice
    )
    to_cancel = booking.appointment_book(case=mine, slot=slot(counselor, 6), actor=cls.alice)
    awaiting = Appointment.objects.create(
        slot=slot(counselor, 7), case=mine, employee=cls.alice_employee,
        status=Appointment.Status.AWAITING_APPROVAL,
    )  # fmt: skip
    other_counselor = make_user("matrix-booking-counselor")
    give_role(other_counselor, Role.COUNSELOR, cls.authority)
    bob = make_employee(make_user("matrix-bob"), unit=cls.authority, number="MB01", name="鮑伯")
    theirs = case(bob, other_counselor)
    other_appointment = booking.appointment_book(
        case=theirs, slot=slot(other_counselor, 5), actor=bob.user
    )
    return {
        "bkg_case": mine.code,
        "bkg_other_case": theirs.code,
        "bkg_room": room.uuid,
        "bkg_appointment": appointment.uuid,
        "bkg_cancel": to_cancel.uuid,
        "bkg_awaiting": awaiting.uuid,
        "bkg_other_appointment": other_appointment.uuid,
    }
