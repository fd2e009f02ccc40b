"""Authorization-matrix rows of the events pages (tests/test_authorization_matrix.py)."""

from anxin.people.roles import Role
from tests.events.base import make_event
from tests.matrix_profiles import EAP_OFFICE, NOT_ALLOWED, OWN_SERVICES, SIGNED_IN

# The roster of an open event organised at the authority: its organiser (eap_admin) and
# its facilitator (the care worker); everyone else 404.
ROSTER = SIGNED_IN.but({Role.EAP_ADMIN: "ok", Role.CARE_WORKER: "ok"}, inside="404")

ROWS = [
    ("events:mine", "GET", "/events/", OWN_SERVICES),
    ("events:mine", "POST", "/events/", NOT_ALLOWED),
    ("events:detail", "GET", "/events/{events_open}/", OWN_SERVICES),
    # Not in the audience: 404, as for an event that does not exist (decision 0018).
    ("events:detail", "GET", "/events/{events_elsewhere}/", OWN_SERVICES.but(inside="404")),
    ("events:detail", "GET", "/events/{events_draft}/", OWN_SERVICES.but(inside="404")),
    ("events:detail", "POST", "/events/{events_open}/", NOT_ALLOWED),
    ("events:register", "POST", "/events/{events_open}/register/", OWN_SERVICES),
    ("events:register", "GET", "/events/{events_open}/register/", NOT_ALLOWED),
    ("events:cancel", "POST", "/events/{events_open}/cancel/", OWN_SERVICES),
    ("events:cancel", "GET", "/events/{events_open}/cancel/", NOT_ALLOWED),
    ("events:roster", "GET", "/events/{events_open}/roster/", ROSTER),
    ("events:roster", "POST", "/events/{events_open}/roster/", NOT_ALLOWED),
    # Anyone signed in: the list holds the events he or she leads, often none.
    ("events:facilitating", "GET", "/events/leading/", SIGNED_IN),
    ("events:facilitating", "POST", "/events/leading/", NOT_ALLOWED),
    ("events:manage_list", "GET", "/events/manage/", EAP_OFFICE),
    ("events:manage_list", "POST", "/events/manage/", NOT_ALLOWED),
    ("events:create", "GET", "/events/manage/new/", EAP_OFFICE),
    # An empty form answers with its errors (200): nothing is stored.
    ("events:create", "POST", "/events/manage/new/", EAP_OFFICE),
    ("events:create", "PUT", "/events/manage/new/", NOT_ALLOWED),
    ("events:manage_detail", "GET", "/events/manage/{events_draft}/", EAP_OFFICE),
    # Organised at the authority: hr of an agency does not see it.
    (
        "events:manage_detail",
        "GET",
        "/events/manage/{events_open}/",
        EAP_OFFICE.but({Role.HR: "404"}),
    ),
    ("events:manage_detail", "POST", "/events/manage/{events_draft}/", NOT_ALLOWED),
    ("events:edit", "GET", "/events/manage/{events_draft}/edit/", EAP_OFFICE),
    ("events:edit", "POST", "/events/manage/{events_draft}/edit/", EAP_OFFICE),
    ("events:session_add", "POST", "/events/manage/{events_draft}/sessions/", EAP_OFFICE),
    ("events:session_add", "GET", "/events/manage/{events_draft}/sessions/", NOT_ALLOWED),
    ("events:publish", "GET", "/events/manage/{events_draft}/publish/", NOT_ALLOWED),
    # hr publishes the draft (a redirect); eap_admin's second try is answered on the page.
    ("events:publish", "POST", "/events/manage/{events_draft}/publish/", EAP_OFFICE),
]


def placeholders(cls) -> dict:
    facilitator = cls.people[Role.CARE_WORKER]
    open_event = make_event(cls.eap_admin, cls.authority, publish=True, facilitator=facilitator)
    elsewhere = make_event(
        cls.eap_admin, cls.authority, audience_unit=cls.other_agency, publish=True
    )
    draft = make_event(cls.hr, cls.agency)
    return {
        "events_open": open_event.uuid,
        "events_elsewhere": elsewhere.uuid,
        "events_draft": draft.uuid,
    }
