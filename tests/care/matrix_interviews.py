"""Authorization-matrix rows of the interviews with personnel heads: the counselling
room (intake coordinator, counsellors) only."""

from datetime import date

from anxin.care.interviews.models import Interview
from tests.matrix_profiles import COUNSELLING_ROOM, NOT_ALLOWED

D = "/care/interviews/{interview}/"

ROWS = [
    ("care:interviews_list", "GET", "/care/interviews/", COUNSELLING_ROOM),
    # An empty form is shown again with its errors (200).
    ("care:interviews_list", "POST", "/care/interviews/", COUNSELLING_ROOM),
    ("care:interviews_list", "PUT", "/care/interviews/", NOT_ALLOWED),
    ("care:interviews_themes", "GET", "/care/interviews/themes/", COUNSELLING_ROOM),
    ("care:interviews_themes", "POST", "/care/interviews/themes/", NOT_ALLOWED),
    ("care:interviews_themes_pdf", "GET", "/care/interviews/themes/2026.pdf", COUNSELLING_ROOM),
    ("care:interviews_themes_pdf", "POST", "/care/interviews/themes/2026.pdf", NOT_ALLOWED),
    ("care:interviews_detail", "GET", D, COUNSELLING_ROOM),
    ("care:interviews_detail", "POST", D, COUNSELLING_ROOM),
    ("care:interviews_detail", "PUT", D, NOT_ALLOWED),
]


def placeholders(test) -> dict:
    interview = Interview.objects.create(
        agency=test.agency, year=date.today().year, scheduled_on=date.today(),
        interviewer=test.counselor,
    )  # fmt: skip
    return {"interview": interview.uuid}
