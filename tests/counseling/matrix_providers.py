"""Authorization-matrix rows for external providers and group requests (see
tests/test_authorization_matrix.py)."""

from datetime import date, timedelta

from django.utils import timezone

from anxin.people.roles import Role
from tests.matrix_profiles import (
    EAP_ADMIN,
    GROUP_ASKERS,
    GROUP_READERS,
    INTAKE_DESK,
    NOT_ALLOWED,
    PROVIDER_ADMINS,
    PROVIDER_PAGES,
)

# Another provider: its administrator is not the matrix provider administrator.
OTHER_PROVIDER = PROVIDER_PAGES.but({Role.PROVIDER_ADMIN: "404"})
# Asked by another supervisor: the matrix supervisor gets 404, the others in scope see it.
OTHER_GROUP = GROUP_READERS.but({Role.SUPERVISOR: "404"})

P = "/counselling/providers/{prov_provider}/"
OTHER = "/counselling/providers/{prov_other}/"
G = "/counselling/group-requests/{prov_group}/"

ROWS = [
    ("counseling:providers_list", "GET", "/counselling/providers/", EAP_ADMIN),
    ("counseling:providers_list", "POST", "/counselling/providers/", NOT_ALLOWED),
    ("counseling:providers_create", "GET", "/counselling/providers/new/", EAP_ADMIN),
    ("counseling:providers_create", "POST", "/counselling/providers/new/", EAP_ADMIN),
    ("counseling:providers_create", "PUT", "/counselling/providers/new/", NOT_ALLOWED),
    ("counseling:providers_mine", "GET", "/counselling/providers/mine/", PROVIDER_ADMINS),
    ("counseling:providers_mine", "POST", "/counselling/providers/mine/", NOT_ALLOWED),
    ("counseling:providers_detail", "GET", P, PROVIDER_PAGES),
    ("counseling:providers_detail", "GET", OTHER, OTHER_PROVIDER),
    ("counseling:providers_detail", "POST", P, NOT_ALLOWED),
    ("counseling:providers_edit", "GET", P + "edit/", EAP_ADMIN),
    ("counseling:providers_edit", "POST", P + "edit/", EAP_ADMIN),
    ("counseling:providers_edit", "PUT", P + "edit/", NOT_ALLOWED),
    ("counseling:providers_counselor_add", "POST", P + "counsellors/", EAP_ADMIN),
    ("counseling:providers_counselor_add", "GET", P + "counsellors/", NOT_ALLOWED),
    ("counseling:providers_counselor_remove", "POST", P + "counsellors/{prov_nobody}/remove/",
     EAP_ADMIN),
    ("counseling:providers_counselor_remove", "GET", P + "counsellors/{prov_nobody}/remove/",
     NOT_ALLOWED),
    ("counseling:providers_admin_add", "POST", P + "admins/", EAP_ADMIN),
    ("counseling:providers_admin_add", "GET", P + "admins/", NOT_ALLOWED),
    ("counseling:providers_admin_remove", "POST", P + "admins/{prov_nobody}/remove/", EAP_ADMIN),
    ("counseling:providers_admin_remove", "GET", P + "admins/{prov_nobody}/remove/", NOT_ALLOWED),
    ("counseling:providers_rate_create", "GET", P + "rates/new/", EAP_ADMIN),
    ("counseling:providers_rate_create", "POST", P + "rates/new/", EAP_ADMIN),
    ("counseling:providers_rate_create", "PUT", P + "rates/new/", NOT_ALLOWED),
    ("counseling:providers_rate_edit", "GET", P + "rates/{prov_rate}/", EAP_ADMIN),
    ("counseling:providers_rate_edit", "POST", P + "rates/{prov_rate}/", EAP_ADMIN),
    ("counseling:providers_rate_edit", "GET", OTHER + "rates/{prov_rate}/",
     EAP_ADMIN.but(inside="404")),
    ("counseling:providers_timetable", "GET", P + "timetable/", PROVIDER_PAGES),
    ("counseling:providers_timetable", "GET", OTHER + "timetable/", OTHER_PROVIDER),
    ("counseling:providers_timetable", "POST", P + "timetable/", NOT_ALLOWED),
    ("counseling:providers_statement", "GET", P + "statement/", PROVIDER_PAGES),
    ("counseling:providers_statement", "GET", OTHER + "statement/", OTHER_PROVIDER),
    ("counseling:providers_statement", "POST", P + "statement/", NOT_ALLOWED),
    ("counseling:providers_statement_export", "GET", P + "statement/{prov_month}.ods",
     PROVIDER_PAGES),
    ("counseling:providers_statement_export", "GET", P + "statement/{prov_month}.xlsx",
     PROVIDER_PAGES),
    ("counseling:providers_statement_export", "GET", P + "statement/{prov_month}.pdf",
     PROVIDER_PAGES),
    ("counseling:providers_statement_export", "GET", OTHER + "statement/{prov_month}.ods",
     OTHER_PROVIDER),
    ("counseling:providers_statement_export", "GET", P + "statement/{prov_month}.doc",
     PROVIDER_PAGES.but(inside="404")),
    ("counseling:providers_statement_export", "POST", P + "statement/{prov_month}.ods",
     NOT_ALLOWED),
    ("counseling:providers_group_list", "GET", "/counselling/group-requests/", GROUP_READERS),
    ("counseling:providers_group_list", "POST", "/counselling/group-requests/", NOT_ALLOWED),
    ("counseling:providers_group_create", "GET", "/counselling/group-requests/new/", GROUP_ASKERS),
    ("counseling:providers_group_create", "POST", "/counselling/group-requests/new/", GROUP_ASKERS),
    ("counseling:providers_group_create", "PUT", "/counselling/group-requests/new/", NOT_ALLOWED),
    ("counseling:providers_group_detail", "GET", G, GROUP_READERS),
    ("counseling:providers_group_detail", "GET", "/counselling/group-requests/{prov_other_group}/",
     OTHER_GROUP),
    ("counseling:providers_group_detail", "POST", G, NOT_ALLOWED),
    ("counseling:providers_group_schedule", "GET", G + "schedule/", INTAKE_DESK),
    ("counseling:providers_group_schedule", "POST", G + "schedule/", INTAKE_DESK),
    ("counseling:providers_group_schedule", "PUT", G + "schedule/", NOT_ALLOWED),
    ("counseling:providers_group_outcome", "GET", G + "outcome/", INTAKE_DESK),
    ("counseling:providers_group_outcome", "POST", G + "outcome/", INTAKE_DESK),
    ("counseling:providers_group_outcome", "PUT", G + "outcome/", NOT_ALLOWED),
]  # fmt: skip


def placeholders(cls) -> dict:
    """A provider whose administrator is the matrix provider administrator, with a rate,
    a counsellor and a session this month; another provider; a group request of the
    matrix supervisor and one of another supervisor."""
    from anxin.counseling import services as counselling
    from anxin.counseling.providers import services
    from anxin.plans.loader import load_preset
    from anxin.plans.models import ProgramPlan
    from tests.base import give_role, make_user

    plan = ProgramPlan.objects.filter(slug="taipei-114").first() or load_preset("taipei-114")
    today = timezone.localdate()
    provider = services.provider_create(
        authority=cls.authority,
        name="matrix provider",
        contract_start=date(today.year, 1, 1),
        contract_end=date(today.year, 12, 31),
    )
    other = services.provider_create(
        authority=cls.authority,
        name="matrix other provider",
        contract_start=date(today.year, 1, 1),
        contract_end=date(today.year, 12, 31),
    )
    services.provider_admin_add(provider=provider, user=cls.people[Role.PROVIDER_ADMIN])
    rate = services.rate_create(
        provider=provider,
        mode="face_to_face",
        hourly_rate=1600,
        valid_from=date(today.year, 1, 1),
        valid_to=None,
    )
    counselor = make_user("prov-matrix-counselor")
    give_role(counselor, Role.COUNSELOR, cls.authority)
    services.provider_counselor_add(provider=provider, user=counselor)
    item = counselling.request_submit(
        employee=cls.alice_employee, plan=plan, concern="health", urgency="soon",
        mode="face_to_face", gender_preference="any", contact_method="phone",
        contact_value="0912-000-000", details="matrix", preferred_times="",
    )  # fmt: skip
    case = counselling.case_open(item=item, counselor=counselor, actor=cls.people[Role.INTAKE])
    counselling.session_record(
        case=case, author=counselor, held_at=timezone.now() - timedelta(minutes=1), minutes=50,
        mode="face_to_face", clinical={"assessment": "matrix", "risk_level": "none"},
    )  # fmt: skip
    other_supervisor = make_user("prov-matrix-supervisor")
    give_role(other_supervisor, Role.SUPERVISOR, cls.authority)

    def ask(requester):
        return services.group_request_submit(
            requester=requester, role=Role.SUPERVISOR, unit=cls.unit, kind="group",
            topic="work_stress", preferred_from=today + timedelta(days=7),
            preferred_to=today + timedelta(days=21), expected_participants=12,
        )  # fmt: skip

    return {
        "prov_provider": provider.pk,
        "prov_other": other.pk,
        "prov_rate": rate.pk,
        "prov_nobody": cls.people[Role.SYSADMIN].pk,
        "prov_month": f"{today.year}-{today.month}",
        "prov_group": ask(cls.people[Role.SUPERVISOR]).uuid,
        "prov_other_group": ask(other_supervisor).uuid,
    }
