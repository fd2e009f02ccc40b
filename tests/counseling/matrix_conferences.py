"""Authorization-matrix rows for the case-conference URLs (tests/test_authorization_matrix.py).

The matrix conference is Alice's, scheduled by the coordinator with the counsellor, a
supervisor and the HR officer. A conference's pages answer its participants only; any
other signed-in person gets 404, the employee included (she has her consent page)."""

from anxin.people.roles import Role
from tests.matrix_profiles import (
    CASE_TEAM,
    CASELOAD,
    COUNSELLING_ROOM,
    NOT_ALLOWED,
    OWN_SERVICES,
    SIGNED_IN,
)

PARTICIPANTS = CASE_TEAM.but(outside="404")
# Before the employee agrees: the counselling room's side only.
ORGANISERS = COUNSELLING_ROOM.but(outside="404")
OWNER = CASELOAD.but(outside="404")
NOBODY = SIGNED_IN.but(inside="404")

CONF = "/counselling/conferences/{conf_agreed}/"
PENDING = "/counselling/conferences/{conf_pending}/"

ROWS = [
    ("counseling:conference_list", "GET", "/counselling/conferences/", CASE_TEAM),
    ("counseling:conference_list", "POST", "/counselling/conferences/", NOT_ALLOWED),
    ("counseling:conference_create", "GET", "/counselling/conferences/new/", COUNSELLING_ROOM),
    ("counseling:conference_create", "GET", "/counselling/conferences/new/?case={conf_case}",
     COUNSELLING_ROOM),
    ("counseling:conference_create", "POST", "/counselling/conferences/new/?case={conf_case}",
     COUNSELLING_ROOM),
    ("counseling:conference_create", "PUT", "/counselling/conferences/new/", NOT_ALLOWED),
    ("counseling:conference_detail", "GET", CONF, PARTICIPANTS),
    ("counseling:conference_detail", "GET", PENDING, ORGANISERS),
    ("counseling:conference_detail", "GET", "/counselling/conferences/{missing}/", NOBODY),
    ("counseling:conference_detail", "POST", CONF, NOT_ALLOWED),
    ("counseling:conference_decisions", "GET", CONF + "decisions/", ORGANISERS),
    ("counseling:conference_decisions", "POST", CONF + "decisions/", ORGANISERS),
    ("counseling:conference_decisions", "GET", PENDING + "decisions/", ORGANISERS),
    ("counseling:conference_decisions", "PUT", CONF + "decisions/", NOT_ALLOWED),
    ("counseling:conference_action_add", "GET", CONF + "actions/new/", ORGANISERS),
    ("counseling:conference_action_add", "POST", CONF + "actions/new/", ORGANISERS),
    ("counseling:conference_action_add", "PUT", CONF + "actions/new/", NOT_ALLOWED),
    ("counseling:conference_action_done", "POST", CONF + "actions/{conf_action}/done/", OWNER),
    ("counseling:conference_action_done", "GET", CONF + "actions/{conf_action}/done/", NOT_ALLOWED),
    ("counseling:conference_consent", "GET", PENDING + "consent/", OWN_SERVICES),
    ("counseling:conference_consent", "POST", PENDING + "consent/", OWN_SERVICES),
    ("counseling:conference_consent", "PUT", PENDING + "consent/", NOT_ALLOWED),
    ("counseling:conference_consent", "GET", "/counselling/conferences/{missing}/consent/",
     OWN_SERVICES.but(inside="404")),
]  # fmt: skip


def placeholders(cls) -> dict:
    """An agreed conference with an action item the counsellor owns, a pending one, and
    the code of the case they are about."""
    from datetime import timedelta

    from django.utils import timezone

    from anxin.counseling import services
    from anxin.counseling.conferences import services as conferences
    from anxin.plans.loader import load_preset

    plan = load_preset("taipei-114")
    intake = cls.people[Role.INTAKE]
    item = services.request_submit(
        employee=cls.alice_employee, plan=plan, concern="health", urgency="soon",
        mode="phone", gender_preference="any", contact_method="phone",
        contact_value="0912-000-000", details="matrix", preferred_times="",
    )  # fmt: skip
    case = services.case_open(item=item, counselor=cls.people[Role.COUNSELOR], actor=intake)

    def schedule():
        return conferences.conference_schedule(
            case=case, scheduled_by=intake, scheduler_role=Role.INTAKE,
            starts_at=timezone.now() + timedelta(days=7), place="matrix room",
            agenda="matrix agenda", unit_head=cls.people[Role.SUPERVISOR],
            personnel_head=cls.people[Role.HR],
        )  # fmt: skip

    agreed = conferences.conference_answer(conference=schedule(), agree=True)
    action = conferences.action_item_add(
        conference=agreed, text="matrix action", owner=cls.people[Role.COUNSELOR],
        due_on=timezone.localdate() + timedelta(days=14),
    )  # fmt: skip
    return {
        "conf_case": case.code,
        "conf_agreed": agreed.uuid,
        "conf_pending": schedule().uuid,
        "conf_action": action.uuid,
    }
