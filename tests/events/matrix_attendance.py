"""Authorization-matrix rows of attendance and certificates (tests/test_authorization_matrix.py).

The event is organised at the authority by eap_admin, facilitated by the care worker, and
has a session that started five minutes ago; Alice (the employee) is registered, ticked
present and holds its certificate."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from anxin.events.attendance import services
from anxin.events.models import Registration
from anxin.people.roles import Role
from tests.events.attendance_base import event_with_sessions, register, tick
from tests.matrix_profiles import EAP_OFFICE, EVERYONE, NOT_ALLOWED, OWN_SERVICES, SIGNED_IN

# The facilitator (care worker) and the organiser in scope (eap_admin); hr of an agency
# is not in scope of an event organised at the authority.
ATTENDANCE = SIGNED_IN.but({Role.EAP_ADMIN: "ok", Role.CARE_WORKER: "ok"}, inside="404")
# The holder too.
CERTIFICATE = SIGNED_IN.but(
    {Role.EMPLOYEE: "ok", Role.EAP_ADMIN: "ok", Role.CARE_WORKER: "ok"}, inside="404"
)
ORGANISER_COUNTS = EAP_OFFICE.but({Role.HR: "404"})

E = "/events/{att_event}/attendance/"
S = E + "sessions/{att_session}/"
P = "/events/{private_event}/attendance/"
PS = P + "sessions/{private_session}/"
# A private roster's pages: its facilitator (the care worker) alone.
FACILITATOR_ONLY = SIGNED_IN.but({Role.CARE_WORKER: "ok"}, inside="404")

ROWS = [
    ("events:check_in", "GET", "/events/check-in/{att_token}/", OWN_SERVICES),
    ("events:check_in", "POST", "/events/check-in/{att_token}/", OWN_SERVICES),
    ("events:check_in", "PUT", "/events/check-in/{att_token}/", NOT_ALLOWED),
    # An unknown or replaced code: a page that says so (404).
    ("events:check_in", "GET", "/events/check-in/no-such-code/", OWN_SERVICES.but(inside="404")),
    ("events:my_certificate", "POST", "/events/{att_event}/certificate/", OWN_SERVICES),
    ("events:my_certificate", "GET", "/events/{att_event}/certificate/", NOT_ALLOWED),
    ("events:attendance", "GET", E, ATTENDANCE),
    ("events:attendance", "POST", E, NOT_ALLOWED),
    # An empty form over a row that exists is refused as stale (a redirect): nothing lost.
    ("events:attendance_record", "POST", S, ATTENDANCE),
    ("events:attendance_record", "GET", S, NOT_ALLOWED),
    ("events:check_in_qr", "GET", S + "qr/", ATTENDANCE),
    ("events:check_in_qr", "POST", S + "qr/", NOT_ALLOWED),
    ("events:hours_export", "GET", E + "hours.csv", ATTENDANCE),
    ("events:hours_export", "POST", E + "hours.ods", NOT_ALLOWED),
    ("events:certificates_issue", "POST", E + "certificates/", ATTENDANCE),
    ("events:certificates_issue", "GET", E + "certificates/", NOT_ALLOWED),
    ("events:certificate_pdf", "GET", "/events/certificates/{att_certificate}/", CERTIFICATE),
    ("events:certificate_pdf", "POST", "/events/certificates/{att_certificate}/", NOT_ALLOWED),
    ("events:attendance_counts", "GET", "/events/manage/{att_event}/attendance/", ORGANISER_COUNTS),
    ("events:attendance_counts", "POST", "/events/manage/{att_event}/attendance/", NOT_ALLOWED),
    # Public: anyone verifies a certificate by its code.
    ("events:verify", "GET", "/events/verify/", EVERYONE),
    ("events:verify", "POST", "/events/verify/", NOT_ALLOWED),
    ("events:verify_code", "GET", "/events/verify/{att_code}/", EVERYONE),
    ("events:verify_code", "POST", "/events/verify/{att_code}/", NOT_ALLOWED),
    # A private roster (decision 0018: Taipei's 55-59 workshop, an audience by age): the
    # facilitator only; the organisers in scope (eap_admin) get 404 on every page naming
    # members and see counts on their own page.
    ("events:roster", "GET", "/events/{private_event}/roster/", FACILITATOR_ONLY),
    ("events:attendance", "GET", P, FACILITATOR_ONLY),
    ("events:attendance_record", "POST", PS, FACILITATOR_ONLY),
    ("events:check_in_qr", "GET", PS + "qr/", FACILITATOR_ONLY),
    ("events:hours_export", "GET", P + "hours.ods", FACILITATOR_ONLY),
    ("events:hours_export", "GET", P + "hours.xlsx", FACILITATOR_ONLY),
    ("events:hours_export", "GET", P + "hours.csv", FACILITATOR_ONLY),
    ("events:certificates_issue", "POST", P + "certificates/", FACILITATOR_ONLY),
    # The holder and the facilitator.
    (
        "events:certificate_pdf",
        "GET",
        "/events/certificates/{private_certificate}/",
        SIGNED_IN.but({Role.EMPLOYEE: "ok", Role.CARE_WORKER: "ok"}, inside="404"),
    ),
    (
        "events:attendance_counts",
        "GET",
        "/events/manage/{private_event}/attendance/",
        ORGANISER_COUNTS,
    ),
    ("events:manage_detail", "GET", "/events/manage/{private_event}/", ORGANISER_COUNTS),
    ("events:check_in_rotate", "POST", PS + "qr/rotate/", FACILITATOR_ONLY),
    # Last: replacing the code makes {att_token} stale for any row after this one.
    ("events:check_in_rotate", "POST", S + "qr/rotate/", ATTENDANCE),
    ("events:check_in_rotate", "GET", S + "qr/rotate/", NOT_ALLOWED),
]


def placeholders(cls) -> dict:
    facilitator = cls.people[Role.CARE_WORKER]
    event = event_with_sessions(
        cls.eap_admin, cls.authority, [timezone.now() - timedelta(minutes=5)],
        minutes=180, facilitator=facilitator, learning_hours=Decimal("3"), title="出席矩陣",
    )  # fmt: skip
    session = event.sessions.get()
    registration = register(event, cls.alice_employee, cls.alice)
    tick(registration, session, "present", actor=facilitator)
    certificate = services.certificate_issue(registration=registration, actor=facilitator)
    private = event_with_sessions(
        cls.eap_admin, cls.authority, [timezone.now() - timedelta(minutes=5)],
        minutes=180, facilitator=facilitator, learning_hours=Decimal("3"), title="真·避風港",
        audience_age_min=55, audience_age_max=59,
    )  # fmt: skip
    private_session = private.sessions.get()
    member = Registration.objects.create(
        event=private, employee=cls.alice_employee, status=Registration.Status.REGISTERED
    )
    tick(member, private_session, "present", actor=facilitator)
    private_certificate = services.certificate_issue(registration=member, actor=facilitator)
    return {
        "private_event": private.uuid,
        "private_session": private_session.pk,
        "private_certificate": private_certificate.uuid,
        "att_event": event.uuid,
        "att_session": session.pk,
        "att_token": services.check_in_code_for(session).token,
        "att_certificate": certificate.uuid,
        "att_code": certificate.code,
    }
