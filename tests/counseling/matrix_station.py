"""Authorization-matrix rows for the e-mail station and the hotline log."""

from datetime import timedelta

from django.utils import timezone

from anxin.people.roles import Role
from tests.matrix_profiles import CASELOAD, EVERYONE, INTAKE_DESK, NOT_ALLOWED, OWN_SERVICES

ALL_404 = EVERYONE.but(inside="404")
# Anonymous visitors and employees write; staff acting in a staff role do not.
WRITERS = OWN_SERVICES.but(anon="ok")
OTHER_COUNSELOR = CASELOAD.but(inside="404")

THREAD = "/counselling/station/threads/{station_thread}/"

ROWS = [
    ("counseling:station_write", "GET", "/counselling/station/write/", WRITERS),
    ("counseling:station_write", "POST", "/counselling/station/write/", WRITERS),
    ("counseling:station_write", "PUT", "/counselling/station/write/", NOT_ALLOWED),
    # Nothing to show: a redirect to the write page.
    ("counseling:station_sent", "GET", "/counselling/station/sent/", EVERYONE),
    ("counseling:station_sent", "POST", "/counselling/station/sent/", NOT_ALLOWED),
    # The private link: whoever holds it reads the conversation; a wrong token is 404.
    ("counseling:station_thread_token", "GET", "/counselling/station/t/{station_token}/", EVERYONE),
    ("counseling:station_thread_token", "POST", "/counselling/station/t/{station_token}/",
     EVERYONE),
    ("counseling:station_thread_token", "GET", "/counselling/station/t/wrong-token/", ALL_404),
    ("counseling:station_thread_token", "PUT", "/counselling/station/t/{station_token}/",
     NOT_ALLOWED),
    ("counseling:station_mine", "GET", "/counselling/station/mine/", OWN_SERVICES),
    ("counseling:station_mine", "POST", "/counselling/station/mine/", NOT_ALLOWED),
    ("counseling:station_mine_thread", "GET", "/counselling/station/mine/{station_own}/",
     OWN_SERVICES),
    ("counseling:station_mine_thread", "POST", "/counselling/station/mine/{station_own}/",
     OWN_SERVICES),
    ("counseling:station_mine_thread", "GET", "/counselling/station/mine/{station_thread}/",
     OWN_SERVICES.but(inside="404")),
    ("counseling:station_inbox", "GET", "/counselling/station/inbox/", INTAKE_DESK),
    ("counseling:station_inbox", "POST", "/counselling/station/inbox/", NOT_ALLOWED),
    ("counseling:station_assign", "GET", "/counselling/station/inbox/{station_thread}/",
     INTAKE_DESK),
    ("counseling:station_assign", "POST", "/counselling/station/inbox/{station_thread}/",
     INTAKE_DESK),
    ("counseling:station_assign", "GET", "/counselling/station/inbox/{missing}/",
     INTAKE_DESK.but(inside="404")),
    ("counseling:station_threads", "GET", "/counselling/station/threads/", CASELOAD),
    ("counseling:station_threads", "POST", "/counselling/station/threads/", NOT_ALLOWED),
    ("counseling:station_thread", "GET", THREAD, CASELOAD),
    ("counseling:station_thread", "POST", THREAD, CASELOAD),
    ("counseling:station_thread", "GET", "/counselling/station/threads/{station_other}/",
     OTHER_COUNSELOR),
    ("counseling:station_thread_close", "GET", THREAD + "close/", NOT_ALLOWED),
    ("counseling:station_thread_close", "POST",
     "/counselling/station/threads/{station_other}/close/", OTHER_COUNSELOR),
    ("counseling:station_thread_close", "POST",
     "/counselling/station/threads/{station_to_close}/close/", CASELOAD),
    ("counseling:station_hotline", "GET", "/counselling/hotline/", CASELOAD),
    ("counseling:station_hotline", "POST", "/counselling/hotline/", NOT_ALLOWED),
    ("counseling:station_hotline_new", "GET", "/counselling/hotline/new/", CASELOAD),
    ("counseling:station_hotline_new", "POST", "/counselling/hotline/new/", CASELOAD),
    ("counseling:station_hotline_new", "PUT", "/counselling/hotline/new/", NOT_ALLOWED),
    ("counseling:station_hotline_detail", "GET", "/counselling/hotline/{station_call}/",
     CASELOAD),
    ("counseling:station_hotline_detail", "POST", "/counselling/hotline/{station_call}/",
     NOT_ALLOWED),
    ("counseling:station_hotline_detail", "GET", "/counselling/hotline/{station_other_call}/",
     OTHER_COUNSELOR),
]  # fmt: skip


def placeholders(cls) -> dict:
    """An anonymous conversation assigned to the matrix counsellor (with its raw token),
    one of Alice's, one assigned to another counsellor, and two hotline calls."""
    from anxin.counseling.station import services
    from anxin.plans.loader import load_preset
    from tests.base import give_role, make_user
    from tests.counseling.station_base import add_station

    plan = add_station(load_preset("taipei-114"))
    intake = cls.people[Role.INTAKE]
    counselor = cls.people[Role.COUNSELOR]
    other_counselor = make_user("matrix-station-counselor-2")
    give_role(other_counselor, Role.COUNSELOR, cls.authority)

    def assigned(to, employee=None):
        thread, token = services.thread_start(plan=plan, employee=employee, body="matrix")
        services.thread_assign(
            thread=thread, counselor=to, actor=intake, expected_version=thread.version
        )
        return thread, token

    thread, token = assigned(counselor)
    own, _token = assigned(counselor, employee=cls.alice_employee)
    other, _token = assigned(other_counselor)
    to_close, _token = assigned(counselor)

    def call(by):
        return services.call_record(
            plan=plan, counselor=by, employee=None, called_at=timezone.now() - timedelta(hours=1),
            minutes=30, concern=plan.service_areas[0].key, outcome="resolved", note="matrix",
        )  # fmt: skip

    return {
        "station_thread": thread.uuid,
        "station_token": token,
        "station_own": own.uuid,
        "station_other": other.uuid,
        "station_to_close": to_close.uuid,
        "station_call": call(counselor).uuid,
        "station_other_call": call(other_counselor).uuid,
    }
