"""Authorization-matrix rows of advice at fixed times (tests/test_authorization_matrix.py).

The service belongs to the plan in force for the authority; the counsellor of the matrix
is its adviser (decision 0054), so the day and the booking answer him; another
counsellor would get 404 for the booking (tests/resources/test_advice_views.py)."""

from datetime import time

from django.utils import timezone

from anxin.people.roles import Role
from anxin.plans.models import ProgramPlan
from anxin.plans.services import plan_for_authority
from anxin.resources.advice.models import AdviceRule, AdviceService
from anxin.resources.advice.services import advice_book
from tests.matrix_profiles import CASELOAD, EAP_ADMIN, EAP_OFFICE, NOT_ALLOWED, OWN_SERVICES
from tests.resources.advice_base import at, make_slot

SERVICE = "/resources/advice/services/{advice_service}/"
# Who closes a day of a service: the EAP administrator, the service's adviser.
ADVICE_STAFF = EAP_ADMIN.but({Role.COUNSELOR: "ok"})

ROWS = [
    ("resources:advice_home", "GET", "/resources/advice/", OWN_SERVICES),
    ("resources:advice_home", "POST", "/resources/advice/", NOT_ALLOWED),
    ("resources:advice_book", "GET", "/resources/advice/{advice_service}/book/", OWN_SERVICES),
    # An empty form answers with its errors (200): nothing is booked.
    ("resources:advice_book", "POST", "/resources/advice/{advice_service}/book/", OWN_SERVICES),
    ("resources:advice_book", "PUT", "/resources/advice/{advice_service}/book/", NOT_ALLOWED),
    ("resources:advice_cancel", "GET", "/resources/advice/bookings/{advice_cancel}/cancel/",
     NOT_ALLOWED),
    ("resources:advice_cancel", "POST", "/resources/advice/bookings/{advice_cancel}/cancel/",
     OWN_SERVICES),
    ("resources:advice_day", "GET", "/resources/advice/day/", CASELOAD),
    ("resources:advice_day", "POST", "/resources/advice/day/", NOT_ALLOWED),
    ("resources:advice_booking", "GET", "/resources/advice/day/{advice_booking}/", CASELOAD),
    # An empty reason answers with its error (200): nothing is cancelled.
    ("resources:advice_booking", "POST", "/resources/advice/day/{advice_booking}/", CASELOAD),
    ("resources:advice_booking", "PUT", "/resources/advice/day/{advice_booking}/", NOT_ALLOWED),
    ("resources:advice_services", "GET", "/resources/advice/services/", EAP_ADMIN),
    ("resources:advice_services", "POST", "/resources/advice/services/", EAP_ADMIN),
    ("resources:advice_services", "PUT", "/resources/advice/services/", NOT_ALLOWED),
    ("resources:advice_service", "GET", SERVICE, EAP_ADMIN),
    ("resources:advice_service", "POST", SERVICE, EAP_ADMIN),
    ("resources:advice_rule_add", "GET", SERVICE + "rules/", NOT_ALLOWED),
    ("resources:advice_rule_add", "POST", SERVICE + "rules/", EAP_ADMIN),
    ("resources:advice_rule_remove", "GET", SERVICE + "rules/{advice_rule}/remove/",
     NOT_ALLOWED),
    ("resources:advice_rule_remove", "POST", SERVICE + "rules/{advice_rule}/remove/",
     EAP_ADMIN),
    # Closing a day: the EAP administrator or the service's adviser (the matrix counsellor);
    # an empty form answers with its errors (200): nothing is closed.
    ("resources:advice_close", "GET", SERVICE + "close/", ADVICE_STAFF),
    ("resources:advice_close", "POST", SERVICE + "close/", ADVICE_STAFF),
    ("resources:advice_close", "PUT", SERVICE + "close/", NOT_ALLOWED),
    ("resources:advice_counts", "GET", "/resources/advice/counts/", EAP_OFFICE),
    ("resources:advice_counts", "POST", "/resources/advice/counts/", NOT_ALLOWED),
]  # fmt: skip


def placeholders(cls) -> dict:
    plan = plan_for_authority(cls.authority.pk) or ProgramPlan.objects.create(
        slug="advice-matrix",
        name="advice matrix",
        authority=cls.authority,
        period_start=timezone.localdate(),
    )
    service = AdviceService.objects.create(plan=plan, name="法律扶助諮詢", slot_minutes=30)
    service.advisers.add(cls.people[Role.COUNSELOR])
    rule = AdviceRule.objects.create(
        service=service, weekday=0, start=time(9, 30), end=time(12), place="六樓第一會議室"
    )
    employee = cls.alice_employee
    booked = advice_book(
        slot=make_slot(service, at(1, 10)), employee=employee, topic="x", actor=cls.alice
    )
    # Another service: the plan lets an employee hold one time per service.
    other = AdviceService.objects.create(plan=plan, name="稅務諮詢", slot_minutes=30)
    to_cancel = advice_book(
        slot=make_slot(other, at(1, 11)), employee=employee, topic="x", actor=cls.alice
    )
    return {
        "advice_service": service.uuid,
        "advice_booking": booked.uuid,
        "advice_cancel": to_cancel.uuid,
        "advice_rule": rule.pk,
    }
