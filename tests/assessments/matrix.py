"""Authorization-matrix rows of the self-test pages (tests/test_authorization_matrix.py)."""

from anxin.assessments.models import Instrument
from anxin.assessments.services import instruments_load, self_test_submit
from tests.assessments.base import bsrs5

EMPLOYEE_ONLY = "login ok " + "403 " * 10
ADMINS = "login 403 403 403 403 ok ok 403 403 403 403 403"
ALL_405 = "405 " * 12

ROWS = [
    ("assessments:list", "GET", "/self-tests/", EMPLOYEE_ONLY),
    ("assessments:list", "POST", "/self-tests/", ALL_405),
    ("assessments:take", "GET", "/self-tests/bsrs5/", EMPLOYEE_ONLY),
    # An empty POST answers with the form and its errors (200): nothing is stored.
    ("assessments:take", "POST", "/self-tests/bsrs5/", EMPLOYEE_ONLY),
    ("assessments:take", "PUT", "/self-tests/bsrs5/", ALL_405),
    ("assessments:history", "GET", "/self-tests/bsrs5/history/", EMPLOYEE_ONLY),
    ("assessments:history", "POST", "/self-tests/bsrs5/history/", ALL_405),
    # The employee's own result; someone else's answers 404 even to another employee.
    ("assessments:result", "GET", "/self-tests/results/{own_result}/", EMPLOYEE_ONLY),
    (
        "assessments:result",
        "GET",
        "/self-tests/results/{other_result}/",
        "login 404 " + "403 " * 10,
    ),
    ("assessments:result", "POST", "/self-tests/results/{own_result}/", ALL_405),
    ("assessments:reminder", "POST", "/self-tests/reminder/", EMPLOYEE_ONLY),
    ("assessments:reminder", "GET", "/self-tests/reminder/", ALL_405),
    ("assessments:statistics", "GET", "/self-tests/statistics/", ADMINS),
    ("assessments:statistics", "POST", "/self-tests/statistics/", ALL_405),
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
