"""Authorization-matrix rows for the counselling URLs (see tests/test_authorization_matrix.py)."""

from datetime import timedelta

from django.utils import timezone

from anxin.people.roles import Role
from tests.matrix_profiles import CASELOAD, INTAKE_DESK, NOT_ALLOWED, OWN_SERVICES

# Another counsellor's case: the counsellor role gets in, the case answers 404.
OTHER_COUNSELOR = CASELOAD.but(inside="404")

CASE = "/counselling/cases/{cnsl_case}/"

ROWS = [
    ("counseling:apply", "GET", "/counselling/apply/", OWN_SERVICES),
    ("counseling:apply", "POST", "/counselling/apply/", OWN_SERVICES),
    ("counseling:apply", "PUT", "/counselling/apply/", NOT_ALLOWED),
    ("counseling:my_requests", "GET", "/counselling/my-requests/", OWN_SERVICES),
    ("counseling:my_requests", "POST", "/counselling/my-requests/", NOT_ALLOWED),
    ("counseling:queue", "GET", "/counselling/queue/", INTAKE_DESK),
    ("counseling:queue", "POST", "/counselling/queue/", NOT_ALLOWED),
    ("counseling:request_detail", "GET", "/counselling/queue/{cnsl_request}/", INTAKE_DESK),
    ("counseling:request_detail", "POST", "/counselling/queue/{cnsl_request}/", INTAKE_DESK),
    ("counseling:request_detail", "GET", "/counselling/queue/{missing}/",
     INTAKE_DESK.but(inside="404")),
    # The matrix plan does not let the coordinator read records: 404 (test_coordinator_records).
    ("counseling:case_records_for_coordinator", "GET",
     "/counselling/queue/cases/{cnsl_case}/records/", INTAKE_DESK.but(inside="404")),
    ("counseling:case_records_for_coordinator", "POST",
     "/counselling/queue/cases/{cnsl_case}/records/", NOT_ALLOWED),
    ("counseling:my_cases", "GET", "/counselling/cases/", CASELOAD),
    ("counseling:my_cases", "POST", "/counselling/cases/", NOT_ALLOWED),
    ("counseling:case_detail", "GET", CASE, CASELOAD),
    ("counseling:case_detail", "POST", CASE, NOT_ALLOWED),
    ("counseling:case_detail", "GET", "/counselling/cases/{cnsl_other_case}/", OTHER_COUNSELOR),
    ("counseling:session_create", "GET", CASE + "sessions/new/", CASELOAD),
    ("counseling:session_create", "POST", CASE + "sessions/new/", CASELOAD),
    ("counseling:session_create", "GET", "/counselling/cases/{cnsl_other_case}/sessions/new/",
     OTHER_COUNSELOR),
    ("counseling:session_edit", "GET", CASE + "sessions/{cnsl_session}/", CASELOAD),
    ("counseling:session_edit", "POST", CASE + "sessions/{cnsl_session}/", CASELOAD),
    ("counseling:session_edit", "GET",
     "/counselling/cases/{cnsl_other_case}/sessions/{cnsl_other_session}/", OTHER_COUNSELOR),
    ("counseling:case_close", "GET", CASE + "close/", CASELOAD),
    ("counseling:case_close", "POST", CASE + "close/", CASELOAD),
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
    intake = cls.people[Role.INTAKE]

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
    case = services.case_open(item=request(), counselor=cls.people[Role.COUNSELOR], actor=intake)
    other_counselor = make_user("matrix-counselor-2")
    give_role(other_counselor, Role.COUNSELOR, cls.authority)
    other = services.case_open(item=request(), counselor=other_counselor, actor=intake)
    return {
        "cnsl_request": waiting.uuid,
        "cnsl_case": case.code,
        "cnsl_session": session(case).uuid,
        "cnsl_other_case": other.code,
        "cnsl_other_session": session(other).uuid,
    }
