"""Authorization-matrix rows of the season, cancellation and session pages
(tests/test_authorization_matrix.py)."""

from datetime import date

from anxin.events.models import Season
from anxin.people.roles import Role
from tests.events.base import make_event
from tests.matrix_profiles import EAP_ADMIN, EAP_OFFICE, NOT_ALLOWED

# Organised by hr of 社會局, inside eap_admin's authority too.
SEASON = "/events/manage/seasons/{events_season}/"
SESSION = "/events/manage/{events_season_draft}/sessions/{events_session}/"

ROWS = [
    ("events:season_list", "GET", "/events/manage/seasons/", EAP_ADMIN),
    ("events:season_list", "POST", "/events/manage/seasons/", NOT_ALLOWED),
    # An empty form answers with its errors (200): nothing is generated.
    ("events:season_generate", "POST", "/events/manage/seasons/generate/", EAP_ADMIN),
    ("events:season_generate", "GET", "/events/manage/seasons/generate/", NOT_ALLOWED),
    ("events:season_detail", "GET", "/events/manage/seasons/{events_season}/", EAP_ADMIN),
    ("events:season_detail", "POST", "/events/manage/seasons/{events_season}/", NOT_ALLOWED),
    ("events:season_publish", "POST", SEASON + "publish/", EAP_ADMIN),
    ("events:season_publish", "GET", SEASON + "publish/", NOT_ALLOWED),
    ("events:manage_cancel", "GET", "/events/manage/{events_cancellable}/cancel/", EAP_OFFICE),
    # An empty reason answers with the form's error (200): nothing is cancelled.
    ("events:manage_cancel", "POST", "/events/manage/{events_cancellable}/cancel/", EAP_OFFICE),
    ("events:manage_cancel", "PUT", "/events/manage/{events_cancellable}/cancel/", NOT_ALLOWED),
    ("events:session_edit", "GET", SESSION, EAP_OFFICE),
    # An empty form answers with its errors (200).
    ("events:session_edit", "POST", SESSION, EAP_OFFICE),
    ("events:session_edit", "PUT", SESSION, NOT_ALLOWED),
    # hr removes the session (a redirect); eap_admin's second try is a 404.
    (
        "events:session_remove",
        "POST",
        SESSION + "remove/",
        EAP_OFFICE.but({Role.EAP_ADMIN: "404"}),
    ),
    ("events:session_remove", "GET", SESSION + "remove/", NOT_ALLOWED),
]  # fmt: skip


def placeholders(cls) -> dict:
    from anxin.plans.models import ProgramPlan

    plan = ProgramPlan.objects.filter(
        authority=cls.authority
    ).first() or ProgramPlan.objects.create(
        slug="matrix-season", name="matrix", authority=cls.authority, period_start=date(2025, 1, 1)
    )
    season = Season.objects.create(
        owner_unit=cls.authority, plan=plan, year=2030, half=1, created_by=cls.eap_admin
    )
    cancellable = make_event(cls.hr, cls.agency, publish=True, days_ahead=60)
    draft = make_event(cls.hr, cls.agency, days_ahead=61)
    return {
        "events_season": season.pk,
        "events_cancellable": cancellable.uuid,
        "events_season_draft": draft.uuid,
        "events_session": draft.sessions.get().pk,
    }
