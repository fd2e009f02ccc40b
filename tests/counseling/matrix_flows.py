"""Authorization-matrix rows for the case flows and break-glass access (see
tests/test_authorization_matrix.py)."""

from anxin.people.roles import Role
from tests.matrix_profiles import AUDITORS, CASE_TEAM, FLOW_STARTERS, INTAKE_DESK, NOT_ALLOWED

# A flow of another counsellor: the counsellor role gets in, the flow answers 404.
OTHER_COUNSELOR = CASE_TEAM.but({Role.COUNSELOR: "404"})
NO_GRANT = INTAKE_DESK.but(inside="404")

RUN = "/counselling/flows/{flows_run}/"

ROWS = [
    ("counseling:flows_list", "GET", "/counselling/flows/", CASE_TEAM),
    ("counseling:flows_list", "POST", "/counselling/flows/", NOT_ALLOWED),
    ("counseling:flows_start", "GET", "/counselling/flows/start/", FLOW_STARTERS),
    ("counseling:flows_start", "POST", "/counselling/flows/start/", FLOW_STARTERS),
    ("counseling:flows_start", "PUT", "/counselling/flows/start/", NOT_ALLOWED),
    ("counseling:flows_detail", "GET", RUN, CASE_TEAM),
    ("counseling:flows_detail", "POST", RUN, NOT_ALLOWED),
    ("counseling:flows_detail", "GET", "/counselling/flows/{flows_other_run}/", OTHER_COUNSELOR),
    ("counseling:flows_detail", "GET", "/counselling/flows/{missing}/",
     CASE_TEAM.but(inside="404")),
    # A finished flow: nothing to record, everyone in reach is sent back to it.
    ("counseling:flows_step", "POST", "/counselling/flows/{flows_done_run}/step/", CASE_TEAM),
    ("counseling:flows_step", "GET", "/counselling/flows/{flows_done_run}/step/", NOT_ALLOWED),
    ("counseling:flows_step", "POST", "/counselling/flows/{flows_other_run}/step/",
     OTHER_COUNSELOR),
    ("counseling:flows_assign", "POST", RUN + "assign/", INTAKE_DESK),
    ("counseling:flows_assign", "GET", RUN + "assign/", NOT_ALLOWED),
    ("counseling:flows_checklist", "GET", RUN + "checklist/", CASE_TEAM),
    ("counseling:flows_checklist", "POST", RUN + "checklist/", NOT_ALLOWED),
    ("counseling:flows_checklist", "GET", "/counselling/flows/{flows_other_run}/checklist/",
     OTHER_COUNSELOR),
    ("counseling:flows_emergency_open", "GET", "/counselling/emergency/", INTAKE_DESK),
    ("counseling:flows_emergency_open", "POST", "/counselling/emergency/", INTAKE_DESK),
    ("counseling:flows_emergency_open", "PUT", "/counselling/emergency/", NOT_ALLOWED),
    ("counseling:flows_emergency_case", "GET", "/counselling/emergency/{flows_grant_case}/",
     INTAKE_DESK),
    ("counseling:flows_emergency_case", "POST", "/counselling/emergency/{flows_grant_case}/",
     NOT_ALLOWED),
    ("counseling:flows_emergency_case", "GET", "/counselling/emergency/{flows_no_grant_case}/",
     NO_GRANT),
    ("counseling:flows_emergency_log", "GET", "/counselling/emergency/log/", AUDITORS),
    ("counseling:flows_emergency_log", "POST", "/counselling/emergency/log/", NOT_ALLOWED),
]  # fmt: skip


def placeholders(cls) -> dict:
    """Three crisis flows for Alice (one under way and one finished, assigned to the
    matrix counsellor; one finished, of another counsellor) and two cases, one opened by
    the matrix coordinator under emergency access."""
    from anxin.counseling import services as counselling
    from anxin.counseling.flows import services
    from anxin.plans.loader import load_preset
    from tests.base import give_role, make_user

    plan = load_preset("taipei-114")
    intake, supervisor = cls.people[Role.INTAKE], cls.people[Role.SUPERVISOR]
    other_counselor = make_user("matrix-flows-counselor")
    give_role(other_counselor, Role.COUNSELOR, cls.authority)

    def run(counselor, *, finished=False):
        flow = services.flow_start(
            plan=plan, flow_key="crisis", employee=cls.alice_employee, actor=supervisor
        )
        services.flow_assign(run=flow, counselor=counselor, actor=intake)
        if finished:  # nothing left to record: a step POST only sends back to the flow
            flow.status = flow.Status.DONE
            flow.save(update_fields=["status"])
        return flow

    def case():
        item = counselling.request_submit(
            employee=cls.alice_employee, plan=plan, concern="health", urgency="soon",
            mode="phone", gender_preference="any", contact_method="phone",
            contact_value="0912-000-000", details="matrix", preferred_times="",
        )  # fmt: skip
        return counselling.case_open(item=item, counselor=cls.people[Role.COUNSELOR], actor=intake)

    granted = case()
    services.emergency_open(case=granted, coordinator=intake, reason="matrix emergency reason")
    return {
        "flows_run": run(cls.people[Role.COUNSELOR]).uuid,
        "flows_other_run": run(other_counselor, finished=True).uuid,
        "flows_done_run": run(cls.people[Role.COUNSELOR], finished=True).uuid,
        "flows_grant_case": granted.code,
        "flows_no_grant_case": case().code,
    }
