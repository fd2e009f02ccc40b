"""Authorization-matrix rows of the care workers (tests/test_authorization_matrix.py)."""

from datetime import timedelta

from django.utils import timezone

from anxin.care.workers import meetings, services
from anxin.people.roles import Role
from tests.matrix_profiles import EAP_ADMIN, EAP_OFFICE, NOT_ALLOWED, OWN_SERVICES, REFERRERS

# hr covers 社會局; a care worker of 教育局 is outside it (404), the EAP administrator's.
OUTSIDE_HR = EAP_OFFICE.but({Role.HR: "404"})
# The care worker's own page: the care_worker role only (it shares no profile group alone).
CARE_WORKERS = REFERRERS.but({Role.HR: "403", Role.SUPERVISOR: "403"})

ROWS = [
    ("care:workers_list", "GET", "/care/workers/", EAP_OFFICE),
    ("care:workers_list", "POST", "/care/workers/", NOT_ALLOWED),
    ("care:workers_nominate", "GET", "/care/workers/nominate/", EAP_OFFICE),
    # An empty form answers with its errors (200): nothing is stored.
    ("care:workers_nominate", "POST", "/care/workers/nominate/", EAP_OFFICE),
    ("care:workers_nominate", "PUT", "/care/workers/nominate/", NOT_ALLOWED),
    ("care:workers_coverage", "GET", "/care/workers/coverage/", EAP_OFFICE),
    ("care:workers_coverage", "POST", "/care/workers/coverage/", NOT_ALLOWED),
    ("care:workers_coverage_ods", "GET", "/care/workers/coverage.ods", EAP_OFFICE),
    ("care:workers_coverage_ods", "POST", "/care/workers/coverage.ods", NOT_ALLOWED),
    ("care:workers_classes", "GET", "/care/workers/classes/", EAP_OFFICE),
    # Generating the plan's classes is the EAP administrator's (the personnel department).
    ("care:workers_classes", "POST", "/care/workers/classes/", EAP_OFFICE.but({Role.HR: "403"})),
    ("care:workers_classes", "PUT", "/care/workers/classes/", NOT_ALLOWED),
    ("care:workers_activity_report", "GET", "/care/workers/activity/report/", EAP_OFFICE),
    ("care:workers_activity_report", "POST", "/care/workers/activity/report/", NOT_ALLOWED),
    # The matrix's care worker has no term: the page says so (GET and POST alike).
    ("care:workers_activity", "GET", "/care/workers/activity/", CARE_WORKERS),
    ("care:workers_activity", "POST", "/care/workers/activity/", CARE_WORKERS),
    ("care:workers_activity", "PUT", "/care/workers/activity/", NOT_ALLOWED),
    # The personnel department decides the commendations (004 §肆.二): the EAP administrator.
    ("care:workers_commendations", "GET", "/care/workers/commendations/", EAP_ADMIN),
    # An empty POST does nothing and goes back to the list (a redirect).
    ("care:workers_commendations", "POST", "/care/workers/commendations/", EAP_ADMIN),
    ("care:workers_commendations", "PUT", "/care/workers/commendations/", NOT_ALLOWED),
    ("care:workers_commendations_ods", "GET", "/care/workers/commendations.ods", EAP_ADMIN),
    ("care:workers_commendations_ods", "POST", "/care/workers/commendations.ods", NOT_ALLOWED),
    ("care:workers_detail", "GET", "/care/workers/{care_worker}/", EAP_OFFICE),
    ("care:workers_detail", "GET", "/care/workers/{care_worker_other}/", OUTSIDE_HR),
    ("care:workers_detail", "POST", "/care/workers/{care_worker}/", NOT_ALLOWED),
    # Without a version or with the person's consent still awaited: refused with a
    # message on the record's page (a redirect); nothing changes.
    ("care:workers_approve", "POST", "/care/workers/{care_worker}/approve/", EAP_OFFICE),
    ("care:workers_approve", "POST", "/care/workers/{care_worker_other}/approve/", OUTSIDE_HR),
    ("care:workers_approve", "GET", "/care/workers/{care_worker}/approve/", NOT_ALLOWED),
    ("care:workers_renew", "POST", "/care/workers/{care_worker}/renew/", EAP_OFFICE),
    ("care:workers_renew", "POST", "/care/workers/{care_worker_other}/renew/", OUTSIDE_HR),
    ("care:workers_renew", "GET", "/care/workers/{care_worker}/renew/", NOT_ALLOWED),
    ("care:workers_end", "POST", "/care/workers/{care_worker}/end/", EAP_OFFICE),
    ("care:workers_end", "POST", "/care/workers/{care_worker_other}/end/", OUTSIDE_HR),
    ("care:workers_end", "GET", "/care/workers/{care_worker}/end/", NOT_ALLOWED),
    # The employee's own: Alice's nomination; another person's answers 404.
    ("care:workers_mine", "GET", "/care/workers/mine/", OWN_SERVICES),
    ("care:workers_mine", "POST", "/care/workers/mine/", OWN_SERVICES),
    ("care:workers_mine", "PUT", "/care/workers/mine/", NOT_ALLOWED),
    ("care:workers_answer", "POST", "/care/workers/mine/{care_worker}/answer/", OWN_SERVICES),
    ("care:workers_answer", "POST", "/care/workers/mine/{care_worker_other}/answer/",
     OWN_SERVICES.but(inside="404")),
    ("care:workers_answer", "GET", "/care/workers/mine/{care_worker}/answer/", NOT_ALLOWED),
    ("care:workers_listing", "POST", "/care/workers/mine/{care_worker}/listing/", OWN_SERVICES),
    ("care:workers_listing", "POST", "/care/workers/mine/{care_worker_other}/listing/",
     OWN_SERVICES.but(inside="404")),
    ("care:workers_listing", "GET", "/care/workers/mine/{care_worker}/listing/", NOT_ALLOWED),
    ("care:workers_map", "GET", "/care/workers/map/", OWN_SERVICES),
    ("care:workers_map", "POST", "/care/workers/map/", NOT_ALLOWED),
    # The group meetings: hr's of 社會局, the EAP administrator's of the authority. An
    # empty form answers with its errors (200); nothing is scheduled or recorded.
    ("care:workers_meetings", "GET", "/care/workers/meetings/", EAP_OFFICE),
    ("care:workers_meetings", "POST", "/care/workers/meetings/", EAP_OFFICE),
    ("care:workers_meetings", "PUT", "/care/workers/meetings/", NOT_ALLOWED),
    ("care:workers_meeting", "GET", "/care/workers/meetings/{meeting}/", EAP_OFFICE),
    ("care:workers_meeting", "GET", "/care/workers/meetings/{meeting_other}/", OUTSIDE_HR),
    ("care:workers_meeting", "POST", "/care/workers/meetings/{meeting}/", EAP_OFFICE),
    ("care:workers_meeting", "POST", "/care/workers/meetings/{meeting_other}/", OUTSIDE_HR),
    ("care:workers_meeting", "PUT", "/care/workers/meetings/{meeting}/", NOT_ALLOWED),
    # Without a version: refused with a message on the meeting's page (a redirect).
    ("care:workers_meeting_cancel", "POST", "/care/workers/meetings/{meeting}/cancel/",
     EAP_OFFICE),
    ("care:workers_meeting_cancel", "POST", "/care/workers/meetings/{meeting_other}/cancel/",
     OUTSIDE_HR),
    ("care:workers_meeting_cancel", "GET", "/care/workers/meetings/{meeting}/cancel/",
     NOT_ALLOWED),
    # The care worker's own pages (the matrix's care worker has no term: they say so).
    ("care:workers_meetings_mine", "GET", "/care/workers/my-meetings/", CARE_WORKERS),
    ("care:workers_meetings_mine", "POST", "/care/workers/my-meetings/", NOT_ALLOWED),
    ("care:workers_unit", "GET", "/care/workers/my-unit/", CARE_WORKERS),
    ("care:workers_unit", "POST", "/care/workers/my-unit/", NOT_ALLOWED),
    ("care:workers_training", "GET", "/care/workers/my-training/", CARE_WORKERS),
    ("care:workers_training", "POST", "/care/workers/my-training/", NOT_ALLOWED),
]  # fmt: skip


def placeholders(cls) -> dict:
    mine = services.careworker_nominate(
        actor=cls.hr, employee=cls.alice_employee, units=[cls.unit], specialties=[]
    )
    other = services.careworker_nominate(
        actor=cls.eap_admin,
        employee=cls.outsider_employee,
        units=[cls.other_agency],
        specialties=[],
    )
    soon = timezone.now() + timedelta(days=30)
    meeting = meetings.meeting_schedule(
        actor=cls.hr, unit=cls.agency, starts_at=soon, place="第一會議室", agenda=""
    )
    meeting_other = meetings.meeting_schedule(
        actor=cls.eap_admin, unit=cls.other_agency, starts_at=soon, place="會議室", agenda=""
    )
    return {
        "care_worker": mine.pk,
        "care_worker_other": other.pk,
        "meeting": meeting.pk,
        "meeting_other": meeting_other.pk,
    }
