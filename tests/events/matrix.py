"""Authorization-matrix rows of the events pages (tests/test_authorization_matrix.py)."""

from tests.events.base import make_event

EMPLOYEE_ONLY = "login ok " + "403 " * 10
ADMINS = "login 403 403 403 403 ok ok 403 403 403 403 403"
ALL_405 = "405 " * 12
# The roster of an open event organised at the authority: its organiser (eap_admin) and
# its facilitator (the care worker); everyone else 404.
ROSTER = "login 404 404 404 404 404 ok 404 ok 404 404 404"

ROWS = [
    ("events:mine", "GET", "/events/", EMPLOYEE_ONLY),
    ("events:mine", "POST", "/events/", ALL_405),
    ("events:detail", "GET", "/events/{events_open}/", EMPLOYEE_ONLY),
    # Not in the audience: 404, as for an event that does not exist (decision 0018).
    ("events:detail", "GET", "/events/{events_elsewhere}/", "login 404 " + "403 " * 10),
    ("events:detail", "GET", "/events/{events_draft}/", "login 404 " + "403 " * 10),
    ("events:detail", "POST", "/events/{events_open}/", ALL_405),
    ("events:register", "POST", "/events/{events_open}/register/", EMPLOYEE_ONLY),
    ("events:register", "GET", "/events/{events_open}/register/", ALL_405),
    ("events:cancel", "POST", "/events/{events_open}/cancel/", EMPLOYEE_ONLY),
    ("events:cancel", "GET", "/events/{events_open}/cancel/", ALL_405),
    ("events:roster", "GET", "/events/{events_open}/roster/", ROSTER),
    ("events:roster", "POST", "/events/{events_open}/roster/", ALL_405),
    # Anyone signed in: the list holds the events he or she leads, often none.
    ("events:facilitating", "GET", "/events/leading/", "login " + "ok " * 11),
    ("events:facilitating", "POST", "/events/leading/", ALL_405),
    ("events:manage_list", "GET", "/events/manage/", ADMINS),
    ("events:manage_list", "POST", "/events/manage/", ALL_405),
    ("events:create", "GET", "/events/manage/new/", ADMINS),
    # An empty form answers with its errors (200): nothing is stored.
    ("events:create", "POST", "/events/manage/new/", ADMINS),
    ("events:create", "PUT", "/events/manage/new/", ALL_405),
    ("events:manage_detail", "GET", "/events/manage/{events_draft}/", ADMINS),
    # Organised at the authority: hr of an agency does not see it.
    (
        "events:manage_detail",
        "GET",
        "/events/manage/{events_open}/",
        "login 403 403 403 403 404 ok 403 403 403 403 403",
    ),
    ("events:manage_detail", "POST", "/events/manage/{events_draft}/", ALL_405),
    ("events:edit", "GET", "/events/manage/{events_draft}/edit/", ADMINS),
    ("events:edit", "POST", "/events/manage/{events_draft}/edit/", ADMINS),
    ("events:session_add", "POST", "/events/manage/{events_draft}/sessions/", ADMINS),
    ("events:session_add", "GET", "/events/manage/{events_draft}/sessions/", ALL_405),
    ("events:publish", "GET", "/events/manage/{events_draft}/publish/", ALL_405),
    # hr publishes the draft (a redirect); eap_admin's second try is answered on the page.
    ("events:publish", "POST", "/events/manage/{events_draft}/publish/", ADMINS),
]


def placeholders(cls) -> dict:
    facilitator = cls.people["care_worker"]
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
