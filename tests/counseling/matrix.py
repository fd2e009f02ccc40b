"""Authorization-matrix rows for the counselling URLs (see tests/test_authorization_matrix.py).

Columns: anon employee counselor intake provider_admin hr eap_admin supervisor
care_worker committee auditor sysadmin."""

from datetime import timedelta

from django.utils import timezone

EMPLOYEE = "login ok " + "403 " * 10
COUNSELOR = "login 403 ok " + "403 " * 9
INTAKE = "login 403 403 ok " + "403 " * 8
# Another counsellor's case: the counsellor role gets in, the case answers 404.
OTHER_COUNSELOR = "login 403 404 " + "403 " * 9
ALL_405 = "405 " * 12

CASE = "/counselling/cases/{cnsl_case}/"

ROWS = [
    ("counseling:apply", "GET", "/counselling/apply/", EMPLOYEE),
    ("counseling:apply", "POST", "/counselling/apply/", EMPLOYEE),
    ("counseling:apply", "PUT", "/counselling/apply/", ALL_405),
    ("counseling:my_requests", "GET", "/counselling/my-requests/", EMPLOYEE),
    ("counseling:my_requests", "POST", "/counselling/my-requests/", ALL_405),
    ("counseling:queue", "GET", "/counselling/queue/", INTAKE),
    ("counseling:queue", "POST", "/counselling/queue/", ALL_405),
    ("counseling:request_detail", "GET", "/counselling/queue/{cnsl_request}/", INTAKE),
    ("counseling:request_detail", "POST", "/counselling/queue/{cnsl_request}/", INTAKE),
    ("counseling:request_detail", "GET", "/counselling/queue/{missing}/",
     "login 403 403 404 " + "403 " * 8),
    # The matrix plan does not let the coordinator read records: 404 (test_coordinator_records).
    ("counseling:case_records_for_coordinator", "GET",
     "/counselling/queue/cases/{cnsl_case}/records/", "login 403 403 404 " + "403 " * 8),
    ("counseling:case_records_for_coordinator", "POST",
     "/counselling/queue/cases/{cnsl_case}/records/", ALL_405),
    ("counseling:my_cases", "GET", "/counselling/cases/", COUNSELOR),
    ("counseling:my_cases", "POST", "/counselling/cases/", ALL_405),
    ("counseling:case_detail", "GET", CASE, COUNSELOR),
    ("counseling:case_detail", "POST", CASE, ALL_405),
    ("counseling:case_detail", "GET", "/counselling/cases/{cnsl_other_case}/", OTHER_COUNSELOR),
    ("counseling:session_create", "GET", CASE + "sessions/new/", COUNSELOR),
    ("counseling:session_create", "POST", CASE + "sessions/new/", COUNSELOR),
    ("counseling:session_create", "GET", "/counselling/cases/{cnsl_other_case}/sessions/new/",
     OTHER_COUNSELOR),
    ("counseling:session_edit", "GET", CASE + "sessions/{cnsl_session}/", COUNSELOR),
    ("counseling:session_edit", "POST", CASE + "sessions/{cnsl_session}/", COUNSELOR),
    ("counseling:session_edit", "GET",
     "/counselling/cases/{cnsl_other_case}/sessions/{cnsl_other_session}/", OTHER_COUNSELOR),
    ("counseling:case_close", "GET", CASE + "close/", COUNSELOR),
    ("counseling:case_close", "POST", CASE + "close/", COUNSELOR),
    ("counseling:case_close", "GET", "/counselling/cases/{cnsl_other_case}/close/",
     OTHER_COUNSELOR),
]  # fmt: skip


def placeholders(cls) -> dict:
    """A request and an open case with a session record of Alice's, assigned to the
    matrix counsellor, and another case assigned to a second counsellor."""
    from anxin.counseling import services
    from anxin.plans.loader import load_preset
    from tests.base import give_role, make_user

    plan = load_preset("taipei-114")
    intake = cls.people["intake"]

    def request():
        return services.request_submit(
            employee=cls.alice_employee, plan=plan, concern="health", urgency="soon",
            mode="phone", gender_preference="any", contact_method="phone",
            contact_value="0912-000-000", details="matrix", preferred_times="",
        )  # fmt: skip

    def session(case):
        return services.session_record(
            case=case, author=case.counselor, held_at=timezone.now() - timedelta(days=1),
            minutes=50, mode="phone", clinical={"assessment": "matrix", "risk_level": "none"},
        )  # fmt: skip

    waiting = request()
    case = services.case_open(item=request(), counselor=cls.people["counselor"], actor=intake)
    other_counselor = make_user("matrix-counselor-2")
    give_role(other_counselor, "counselor", cls.authority)
    other = services.case_open(item=request(), counselor=other_counselor, actor=intake)
    return {
        "cnsl_request": waiting.uuid,
        "cnsl_case": case.code,
        "cnsl_session": session(case).uuid,
        "cnsl_other_case": other.code,
        "cnsl_other_session": session(other).uuid,
    }
