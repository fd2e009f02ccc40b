"""Authorization-matrix rows for the outcome measure's pages (decision 0072): the
employee whose case it is reaches them; another employee's or a missing one answers 404;
every other role (and the anonymous visitor) is refused as OWN_SERVICES says."""

from tests.matrix_profiles import NOT_ALLOWED, OWN_SERVICES

EMPLOYEE_404 = OWN_SERVICES.but(inside="404")
MINE = "/counselling/well-being/{outc_measure}/"
MISSING = "/counselling/well-being/{missing}/"

ROWS = [
    ("counseling:outcome_answer", "GET", MINE, OWN_SERVICES),
    ("counseling:outcome_answer", "POST", MINE, OWN_SERVICES),
    ("counseling:outcome_answer", "PUT", MINE, NOT_ALLOWED),
    ("counseling:outcome_answer", "GET", MISSING, EMPLOYEE_404),
    ("counseling:outcome_answer", "GET", "/counselling/well-being/{outc_other}/", EMPLOYEE_404),
    ("counseling:outcome_withdraw", "GET", MINE + "withdraw/", NOT_ALLOWED),
    ("counseling:outcome_withdraw", "POST", MINE + "withdraw/", OWN_SERVICES),
    ("counseling:outcome_withdraw", "POST", MISSING + "withdraw/", EMPLOYEE_404),
]  # fmt: skip


def placeholders(cls) -> dict:
    """An outcome measure offered on a case of Alice's, and one on another employee's."""
    from anxin.assessments.services import instruments_load
    from anxin.counseling import services
    from anxin.counseling.outcomes.models import OutcomeMeasure
    from anxin.people.roles import Role
    from anxin.plans.loader import load_preset

    instruments_load()
    plan = load_preset("taipei-114")

    def case_of(employee):
        item = services.request_submit(
            employee=employee, plan=plan, concern="health", urgency="soon", mode="phone",
            gender_preference="any", contact_method="phone", contact_value="0912-000-000",
            details="matrix", preferred_times="",
        )  # fmt: skip
        return services.case_open(
            item=item, counselor=cls.people[Role.COUNSELOR], actor=cls.people[Role.INTAKE]
        )

    mine = OutcomeMeasure.objects.get(case=case_of(cls.alice_employee))
    other = OutcomeMeasure.objects.get(case=case_of(cls.outsider_employee))
    return {"outc_measure": mine.uuid, "outc_other": other.uuid}
