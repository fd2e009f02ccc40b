"""Authorization-matrix rows for external providers and group requests (see
tests/test_authorization_matrix.py).

Columns: anon employee counselor intake provider_admin hr eap_admin supervisor
care_worker committee auditor sysadmin."""

from datetime import date, timedelta

from django.utils import timezone

EAP = "login 403 403 403 403 403 ok 403 403 403 403 403"
EAP_AND_PROVIDER = "login 403 403 403 ok 403 ok 403 403 403 403 403"
# Another provider: its administrator is not the matrix provider administrator.
OTHER_PROVIDER = "login 403 403 403 404 403 ok 403 403 403 403 403"
PROVIDER_ADMIN = "login 403 403 403 ok " + "403 " * 7
ASKERS = "login 403 403 403 403 ok 403 ok 403 403 403 403"
GROUP_READERS = "login 403 403 ok 403 ok 403 ok 403 403 403 403"
# Asked by another supervisor: the matrix supervisor gets 404, the others in scope see it.
OTHER_GROUP = "login 403 403 ok 403 ok 403 404 403 403 403 403"
INTAKE = "login 403 403 ok " + "403 " * 8
ALL_405 = "405 " * 12

P = "/counselling/providers/{prov_provider}/"
OTHER = "/counselling/providers/{prov_other}/"
G = "/counselling/group-requests/{prov_group}/"

ROWS = [
    ("counseling:providers_list", "GET", "/counselling/providers/", EAP),
    ("counseling:providers_list", "POST", "/counselling/providers/", ALL_405),
    ("counseling:providers_create", "GET", "/counselling/providers/new/", EAP),
    ("counseling:providers_create", "POST", "/counselling/providers/new/", EAP),
    ("counseling:providers_create", "PUT", "/counselling/providers/new/", ALL_405),
    ("counseling:providers_mine", "GET", "/counselling/providers/mine/", PROVIDER_ADMIN),
    ("counseling:providers_mine", "POST", "/counselling/providers/mine/", ALL_405),
    ("counseling:providers_detail", "GET", P, EAP_AND_PROVIDER),
    ("counseling:providers_detail", "GET", OTHER, OTHER_PROVIDER),
    ("counseling:providers_detail", "POST", P, ALL_405),
    ("counseling:providers_edit", "GET", P + "edit/", EAP),
    ("counseling:providers_edit", "POST", P + "edit/", EAP),
    ("counseling:providers_edit", "PUT", P + "edit/", ALL_405),
    ("counseling:providers_counselor_add", "POST", P + "counsellors/", EAP),
    ("counseling:providers_counselor_add", "GET", P + "counsellors/", ALL_405),
    ("counseling:providers_counselor_remove", "POST", P + "counsellors/{prov_nobody}/remove/",
     EAP),
    ("counseling:providers_counselor_remove", "GET", P + "counsellors/{prov_nobody}/remove/",
     ALL_405),
    ("counseling:providers_admin_add", "POST", P + "admins/", EAP),
    ("counseling:providers_admin_add", "GET", P + "admins/", ALL_405),
    ("counseling:providers_admin_remove", "POST", P + "admins/{prov_nobody}/remove/", EAP),
    ("counseling:providers_admin_remove", "GET", P + "admins/{prov_nobody}/remove/", ALL_405),
    ("counseling:providers_rate_create", "GET", P + "rates/new/", EAP),
    ("counseling:providers_rate_create", "POST", P + "rates/new/", EAP),
    ("counseling:providers_rate_create", "PUT", P + "rates/new/", ALL_405),
    ("counseling:providers_rate_edit", "GET", P + "rates/{prov_rate}/", EAP),
    ("counseling:providers_rate_edit", "POST", P + "rates/{prov_rate}/", EAP),
    ("counseling:providers_rate_edit", "GET", OTHER + "rates/{prov_rate}/",
     "login 403 403 403 403 403 404 403 403 403 403 403"),
    ("counseling:providers_timetable", "GET", P + "timetable/", EAP_AND_PROVIDER),
    ("counseling:providers_timetable", "GET", OTHER + "timetable/", OTHER_PROVIDER),
    ("counseling:providers_timetable", "POST", P + "timetable/", ALL_405),
    ("counseling:providers_statement", "GET", P + "statement/", EAP_AND_PROVIDER),
    ("counseling:providers_statement", "GET", OTHER + "statement/", OTHER_PROVIDER),
    ("counseling:providers_statement", "POST", P + "statement/", ALL_405),
    ("counseling:providers_statement_export", "GET", P + "statement/{prov_month}.ods",
     EAP_AND_PROVIDER),
    ("counseling:providers_statement_export", "GET", P + "statement/{prov_month}.xlsx",
     EAP_AND_PROVIDER),
    ("counseling:providers_statement_export", "GET", P + "statement/{prov_month}.pdf",
     EAP_AND_PROVIDER),
    ("counseling:providers_statement_export", "GET", OTHER + "statement/{prov_month}.ods",
     OTHER_PROVIDER),
    ("counseling:providers_statement_export", "GET", P + "statement/{prov_month}.doc",
     "login 403 403 403 404 403 404 403 403 403 403 403"),
    ("counseling:providers_statement_export", "POST", P + "statement/{prov_month}.ods", ALL_405),
    ("counseling:providers_group_list", "GET", "/counselling/group-requests/", GROUP_READERS),
    ("counseling:providers_group_list", "POST", "/counselling/group-requests/", ALL_405),
    ("counseling:providers_group_create", "GET", "/counselling/group-requests/new/", ASKERS),
    ("counseling:providers_group_create", "POST", "/counselling/group-requests/new/", ASKERS),
    ("counseling:providers_group_create", "PUT", "/counselling/group-requests/new/", ALL_405),
    ("counseling:providers_group_detail", "GET", G, GROUP_READERS),
    ("counseling:providers_group_detail", "GET", "/counselling/group-requests/{prov_other_group}/",
     OTHER_GROUP),
    ("counseling:providers_group_detail", "POST", G, ALL_405),
    ("counseling:providers_group_schedule", "GET", G + "schedule/", INTAKE),
    ("counseling:providers_group_schedule", "POST", G + "schedule/", INTAKE),
    ("counseling:providers_group_schedule", "PUT", G + "schedule/", ALL_405),
    ("counseling:providers_group_outcome", "GET", G + "outcome/", INTAKE),
    ("counseling:providers_group_outcome", "POST", G + "outcome/", INTAKE),
    ("counseling:providers_group_outcome", "PUT", G + "outcome/", ALL_405),
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
    services.provider_admin_add(provider=provider, user=cls.people["provider_admin"])
    rate = services.rate_create(
        provider=provider,
        mode="face_to_face",
        hourly_rate=1600,
        valid_from=date(today.year, 1, 1),
        valid_to=None,
    )
    counselor = make_user("prov-matrix-counselor")
    give_role(counselor, "counselor", cls.authority)
    services.provider_counselor_add(provider=provider, user=counselor)
    item = counselling.request_submit(
        employee=cls.alice_employee, plan=plan, concern="health", urgency="soon",
        mode="face_to_face", gender_preference="any", contact_method="phone",
        contact_value="0912-000-000", details="matrix", preferred_times="",
    )  # fmt: skip
    case = counselling.case_open(item=item, counselor=counselor, actor=cls.people["intake"])
    counselling.session_record(
        case=case, author=counselor, held_at=timezone.now() - timedelta(minutes=1), minutes=50,
        mode="face_to_face", clinical={"assessment": "matrix", "risk_level": "none"},
    )  # fmt: skip
    other_supervisor = make_user("prov-matrix-supervisor")
    give_role(other_supervisor, "supervisor", cls.authority)

    def ask(requester):
        return services.group_request_submit(
            requester=requester, role="supervisor", unit=cls.unit, kind="group",
            topic="work_stress", preferred_from=today + timedelta(days=7),
            preferred_to=today + timedelta(days=21), expected_participants=12,
        )  # fmt: skip

    return {
        "prov_provider": provider.pk,
        "prov_other": other.pk,
        "prov_rate": rate.pk,
        "prov_nobody": cls.people["sysadmin"].pk,
        "prov_month": f"{today.year}-{today.month}",
        "prov_group": ask(cls.people["supervisor"]).uuid,
        "prov_other_group": ask(other_supervisor).uuid,
    }
