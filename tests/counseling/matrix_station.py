"""Authorization-matrix rows for the e-mail station and the hotline log.

Columns: anon employee counselor intake provider_admin hr eap_admin supervisor
care_worker committee auditor sysadmin."""

from datetime import timedelta

from django.utils import timezone

ALL_OK = "ok " * 12
ALL_404 = "404 " * 12
ALL_405 = "405 " * 12
# Anonymous visitors and employees write; staff acting in a staff role do not.
WRITERS = "ok ok " + "403 " * 10
EMPLOYEE = "login ok " + "403 " * 10
COUNSELOR = "login 403 ok " + "403 " * 9
INTAKE = "login 403 403 ok " + "403 " * 8
OTHER_COUNSELOR = "login 403 404 " + "403 " * 9

THREAD = "/counselling/station/threads/{station_thread}/"

ROWS = [
    ("counseling:station_write", "GET", "/counselling/station/write/", WRITERS),
    ("counseling:station_write", "POST", "/counselling/station/write/", WRITERS),
    ("counseling:station_write", "PUT", "/counselling/station/write/", ALL_405),
    # Nothing to show: a redirect to the write page.
    ("counseling:station_sent", "GET", "/counselling/station/sent/", ALL_OK),
    ("counseling:station_sent", "POST", "/counselling/station/sent/", ALL_405),
    # The private link: whoever holds it reads the conversation; a wrong token is 404.
    ("counseling:station_thread_token", "GET", "/counselling/station/t/{station_token}/", ALL_OK),
    ("counseling:station_thread_token", "POST", "/counselling/station/t/{station_token}/",
     ALL_OK),
    ("counseling:station_thread_token", "GET", "/counselling/station/t/wrong-token/", ALL_404),
    ("counseling:station_thread_token", "PUT", "/counselling/station/t/{station_token}/",
     ALL_405),
    ("counseling:station_mine", "GET", "/counselling/station/mine/", EMPLOYEE),
    ("counseling:station_mine", "POST", "/counselling/station/mine/", ALL_405),
    ("counseling:station_mine_thread", "GET", "/counselling/station/mine/{station_own}/",
     EMPLOYEE),
    ("counseling:station_mine_thread", "POST", "/counselling/station/mine/{station_own}/",
     EMPLOYEE),
    ("counseling:station_mine_thread", "GET", "/counselling/station/mine/{station_thread}/",
     "login 404 " + "403 " * 10),
    ("counseling:station_inbox", "GET", "/counselling/station/inbox/", INTAKE),
    ("counseling:station_inbox", "POST", "/counselling/station/inbox/", ALL_405),
    ("counseling:station_assign", "GET", "/counselling/station/inbox/{station_thread}/", INTAKE),
    ("counseling:station_assign", "POST", "/counselling/station/inbox/{station_thread}/",
     INTAKE),
    ("counseling:station_assign", "GET", "/counselling/station/inbox/{missing}/",
     "login 403 403 404 " + "403 " * 8),
    ("counseling:station_threads", "GET", "/counselling/station/threads/", COUNSELOR),
    ("counseling:station_threads", "POST", "/counselling/station/threads/", ALL_405),
    ("counseling:station_thread", "GET", THREAD, COUNSELOR),
    ("counseling:station_thread", "POST", THREAD, COUNSELOR),
    ("counseling:station_thread", "GET", "/counselling/station/threads/{station_other}/",
     OTHER_COUNSELOR),
    ("counseling:station_thread_close", "GET", THREAD + "close/", ALL_405),
    ("counseling:station_thread_close", "POST",
     "/counselling/station/threads/{station_other}/close/", OTHER_COUNSELOR),
    ("counseling:station_thread_close", "POST",
     "/counselling/station/threads/{station_to_close}/close/", COUNSELOR),
    ("counseling:station_hotline", "GET", "/counselling/hotline/", COUNSELOR),
    ("counseling:station_hotline", "POST", "/counselling/hotline/", ALL_405),
    ("counseling:station_hotline_new", "GET", "/counselling/hotline/new/", COUNSELOR),
    ("counseling:station_hotline_new", "POST", "/counselling/hotline/new/", COUNSELOR),
    ("counseling:station_hotline_new", "PUT", "/counselling/hotline/new/", ALL_405),
    ("counseling:station_hotline_detail", "GET", "/counselling/hotline/{station_call}/",
     COUNSELOR),
    ("counseling:station_hotline_detail", "POST", "/counselling/hotline/{station_call}/",
     ALL_405),
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
    intake = cls.people["intake"]
    counselor = cls.people["counselor"]
    other_counselor = make_user("matrix-station-counselor-2")
    give_role(other_counselor, "counselor", cls.authority)

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
