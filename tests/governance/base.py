"""People and a plan for the governance tests: the test authority runs Pingtung's plan
(its steering group and working circle, 004 §參); 劉委員 sits on the working circle with
an account holding the committee role, 張委員 is a named person without an account."""

from datetime import date

from anxin.governance import services
from anxin.governance.models import Body, Member
from anxin.people.roles import Role
from anxin.plans.loader import read_preset
from anxin.plans.models import ProgramPlan
from tests.base import BaseTestCase, give_role, make_user

YEAR = 2026


def make_plan(authority, preset: str = "pingtung") -> ProgramPlan:
    return ProgramPlan.objects.create(
        slug=f"{preset}-{authority.pk}",
        name=preset,
        authority=authority,
        period_start=date(2020, 1, 1),
        config=read_preset(preset).data,
    )


class GovernanceTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = make_plan(cls.authority)
        cls.steering, cls.circle = services.bodies_from_plan(plan=cls.plan)
        cls.member_user = make_user(
            "member", first_name="國華", last_name="劉", email="member@example.org"
        )
        give_role(cls.member_user, Role.COMMITTEE, cls.authority)
        cls.member = Member.objects.create(
            body=cls.circle,
            user=cls.member_user,
            name="劉委員",
            position=Member.Position.GROUP_LEADER,
            group=cls.circle.groups.get(number=1),
            term_start=date(YEAR, 1, 1),
        )
        cls.named = Member.objects.create(
            body=cls.circle, name="張委員", term_start=date(YEAR, 1, 1)
        )
        cls.convener = Member.objects.create(
            body=cls.steering,
            name="秘書長",
            position=Member.Position.CONVENER,
            term_start=date(YEAR, 1, 1),
        )

    def schedule(self, body: Body | None = None, *, kind="定期會議", on=date(YEAR, 2, 10), **extra):
        return services.meeting_schedule(
            body=body or self.circle, kind=kind, title=extra.pop("title", kind), held_on=on, **extra
        )
