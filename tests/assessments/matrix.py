"""Authorization-matrix rows of the self-test pages (tests/test_authorization_matrix.py)."""

from anxin.assessments.models import Instrument
from anxin.assessments.services import instruments_load, self_test_submit
from tests.assessments.base import bsrs5
from tests.matrix_profiles import EAP_OFFICE, NOT_ALLOWED, OWN_SERVICES

ROWS = [
    ("assessments:list", "GET", "/self-tests/", OWN_SERVICES),
    ("assessments:list", "POST", "/self-tests/", NOT_ALLOWED),
    ("assessments:take", "GET", "/self-tests/bsrs5/", OWN_SERVICES),
    # An empty POST answers with the form and its errors (200): nothing is stored.
    ("assessments:take", "POST", "/self-tests/bsrs5/", OWN_SERVICES),
    ("assessments:take", "PUT", "/self-tests/bsrs5/", NOT_ALLOWED),
    ("assessments:history", "GET", "/self-tests/bsrs5/history/", OWN_SERVICES),
    ("assessments:history", "POST", "/self-tests/bsrs5/history/", NOT_ALLOWED),
    # The employee's own result; someone else's answers 404 even to another employee.
    ("assessments:result", "GET", "/self-tests/results/{own_result}/", OWN_SERVICES),
    (
        "assessments:result",
        "GET",
        "/self-tests/results/{other_result}/",
        OWN_SERVICES.but(inside="404"),
    ),
    ("assessments:result", "POST", "/self-tests/results/{own_result}/", NOT_ALLOWED),
    ("assessments:reminder", "POST", "/self-tests/reminder/", OWN_SERVICES),
    ("assessments:reminder", "GET", "/self-tests/reminder/", NOT_ALLOWED),
    ("assessments:statistics", "GET", "/self-tests/statistics/", EAP_OFFICE),
    ("assessments:statistics", "POST", "/self-tests/statistics/", NOT_ALLOWED),
]


def placeholders(cls) -> dict:
    instruments_load()
    instrument = Instrument.objects.get(key="bsrs5")
    own, _ = self_test_submit(
        employee=cls.alice_employee,
        instrument=instrument,
        answers=bsrs5((1, 1, 1, 1, 1)),
        actor=cls.alice,
    )
    other, _ = self_test_submit(
        employee=cls.outsider_employee, instrument=instrument, answers=bsrs5((2, 2, 2, 2, 2)),
        actor=cls.outsider,
    )  # fmt: skip
    return {"own_result": own.uuid, "other_result": other.uuid}
