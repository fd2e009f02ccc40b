"""Authorization-matrix rows of the season, cancellation and session pages
(tests/test_authorization_matrix.py)."""

from datetime import date

from anxin.events.models import Season
from tests.events.base import make_event

ALL_405 = "405 " * 12
ADMINS = "login 403 403 403 403 ok ok 403 403 403 403 403"
EAP_ADMIN = "login 403 403 403 403 403 ok 403 403 403 403 403"
# Organised by hr of 社會局, inside eap_admin's authority too.
SEASON = "/events/manage/seasons/{events_season}/"
SESSION = "/events/manage/{events_season_draft}/sessions/{events_session}/"

ROWS = [
    ("events:season_list", "GET", "/events/manage/seasons/", EAP_ADMIN),
    ("events:season_list", "POST", "/events/manage/seasons/", ALL_405),
    # An empty form answers with its errors (200): nothing is generated.
    ("events:season_generate", "POST", "/events/manage/seasons/generate/", EAP_ADMIN),
    ("events:season_generate", "GET", "/events/manage/seasons/generate/", ALL_405),
    ("events:season_detail", "GET", "/events/manage/seasons/{events_season}/", EAP_ADMIN),
    ("events:season_detail", "POST", "/events/manage/seasons/{events_season}/", ALL_405),
    ("events:season_publish", "POST", SEASON + "publish/", EAP_ADMIN),
    ("events:season_publish", "GET", SEASON + "publish/", ALL_405),
    ("events:manage_cancel", "GET", "/events/manage/{events_cancellable}/cancel/", ADMINS),
    # An empty reason answers with the form's error (200): nothing is cancelled.
    ("events:manage_cancel", "POST", "/events/manage/{events_cancellable}/cancel/", ADMINS),
    ("events:manage_cancel", "PUT", "/events/manage/{events_cancellable}/cancel/", ALL_405),
    ("events:session_edit", "GET", SESSION, ADMINS),
    # An empty form answers with its errors (200).
    ("events:session_edit", "POST", SESSION, ADMINS),
    ("events:session_edit", "PUT", SESSION, ALL_405),
    # hr removes the session (a redirect); eap_admin's second try is a 404.
    (
        "events:session_remove",
        "POST",
        SESSION + "remove/",
        "login 403 403 403 403 ok 404 403 403 403 403 403",
    ),
    ("events:session_remove", "GET", SESSION + "remove/", ALL_405),
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
