"""Authorization-matrix rows of calendars and group counselling
(tests/test_authorization_matrix.py)."""

from datetime import date, timedelta

from anxin.counseling.groups.services import group_session_schedule
from anxin.counseling.providers import services as requests
from anxin.events import services
from anxin.events.calendars.services import calendar_feed_reset
from anxin.people.roles import Role
from tests.base import give_role, make_user
from tests.counseling.group_sessions_base import weekly
from tests.events.base import make_event
from tests.matrix_profiles import COUNSELLING_ROOM, EVERYONE, NOT_ALLOWED, OWN_SERVICES, SIGNED_IN

ALL_404 = EVERYONE.but(inside="404")

ROWS = [
    ("events:calendar", "GET", "/events/calendar/", SIGNED_IN),
    ("events:calendar", "POST", "/events/calendar/", NOT_ALLOWED),
    ("events:calendar_reset", "POST", "/events/calendar/reset/", SIGNED_IN),
    ("events:calendar_reset", "GET", "/events/calendar/reset/", NOT_ALLOWED),
    ("events:calendar_stop", "POST", "/events/calendar/stop/", SIGNED_IN),
    ("events:calendar_stop", "GET", "/events/calendar/stop/", NOT_ALLOWED),
    # The feed needs no sign-in (calendar clients cannot sign in): the secret is the key.
    ("events:calendar_feed", "GET", "/events/calendar/feed/{calendar_token}.ics", EVERYONE),
    ("events:calendar_feed", "GET", "/events/calendar/feed/wrong-token.ics", ALL_404),
    ("events:calendar_feed", "POST", "/events/calendar/feed/{calendar_token}.ics", NOT_ALLOWED),
    # Alice's own registration; an event she has not registered for is 404.
    ("events:registration_ics", "GET", "/events/{calendar_registered}/calendar.ics",
     OWN_SERVICES),
    ("events:registration_ics", "GET", "/events/{calendar_unregistered}/calendar.ics",
     OWN_SERVICES.but(inside="404")),
    ("events:registration_ics", "POST", "/events/{calendar_registered}/calendar.ics", NOT_ALLOWED),
    # The counselling room: the counsellor (who leads the matrix group) and the coordinator.
    ("counseling_groups:group_list", "GET", "/events/groups/", COUNSELLING_ROOM),
    ("counseling_groups:group_list", "POST", "/events/groups/", NOT_ALLOWED),
    ("counseling_groups:group_create", "GET", "/events/groups/new/", COUNSELLING_ROOM),
    # An empty form answers with its errors (200): nothing is stored.
    ("counseling_groups:group_create", "POST", "/events/groups/new/", COUNSELLING_ROOM),
    ("counseling_groups:group_create", "PUT", "/events/groups/new/", NOT_ALLOWED),
    # For a group request: the coordinator's; counsellors do not see requests.
    ("counseling_groups:group_create", "GET", "/events/groups/new/?request={group_request}",
     COUNSELLING_ROOM.but({Role.COUNSELOR: "404"})),
    ("counseling_groups:group_detail", "GET", "/events/groups/{group_event}/", COUNSELLING_ROOM),
    # Led by another counsellor: the matrix counsellor gets 404, the coordinator sees it.
    ("counseling_groups:group_detail", "GET", "/events/groups/{group_event_other}/",
     COUNSELLING_ROOM.but({Role.COUNSELOR: "404"})),
    ("counseling_groups:group_detail", "POST", "/events/groups/{group_event}/", NOT_ALLOWED),
    # Too early: refused with a message on the group's page (a redirect).
    ("counseling_groups:group_outcome", "POST", "/events/groups/{group_event}/outcome/",
     COUNSELLING_ROOM),
    ("counseling_groups:group_outcome", "GET", "/events/groups/{group_event}/outcome/",
     NOT_ALLOWED),
    # The roster of a group counselling event: its counsellor only, not the organisers.
    ("events:roster", "GET", "/events/{group_event}/roster/",
     SIGNED_IN.but({Role.COUNSELOR: "ok"}, inside="404")),
]  # fmt: skip


def placeholders(cls) -> dict:
    registered = make_event(cls.eap_admin, cls.authority, publish=True)
    services.registration_create(event=registered, employee=cls.alice_employee, actor=cls.alice)
    unregistered = make_event(cls.eap_admin, cls.authority, publish=True)
    # The feed's owner is nobody in the matrix, so that the reset rows leave it working.
    owner = make_user("matrix-calendar")
    intake = cls.people[Role.INTAKE]
    other = make_user("matrix-counselor2")
    give_role(other, Role.COUNSELOR, cls.authority)
    item = requests.group_request_submit(
        requester=cls.people[Role.SUPERVISOR],
        role=Role.SUPERVISOR,
        unit=cls.unit,
        kind="group",
        topic="work_stress",
        preferred_from=date.today(),
        preferred_to=date.today() + timedelta(days=30),
        expected_participants=6,
    )

    def group(facilitator, days_ahead):
        return group_session_schedule(
            actor=intake,
            authority=cls.authority,
            title="團體諮商",
            description="",
            audience_unit=cls.unit,
            facilitator=facilitator,
            capacity=6,
            sessions=weekly(1, days_ahead=days_ahead),
            place="會議室",
        )

    return {
        "calendar_token": calendar_feed_reset(user=owner),
        "calendar_registered": registered.uuid,
        "calendar_unregistered": unregistered.uuid,
        "group_request": item.uuid,
        "group_event": group(cls.counselor, 40).uuid,
        "group_event_other": group(other, 41).uuid,
    }
