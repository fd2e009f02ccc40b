"""The demo's account custody: one reset completed (the demo employee's, with her demo
password kept, so that the printed sign-in still works) and one grant waiting for the
auditor's approval, so that the queue and the security log are not empty."""

from dataclasses import dataclass

from django.db import transaction

from anxin.core.demo import DemoRun, demo_step
from anxin.people.custody import services
from anxin.people.custody.models import CustodyRequest
from anxin.people.demo import AUTHORITY_CODE, DemoAccount, demo_require, username_for
from anxin.people.models import OrgUnit, RoleAssignment, User
from anxin.people.roles import Role


@dataclass
class DemoCustodySummary:
    completed: int
    pending: int


def demo_custody(*, authority_code: str, accounts: list[DemoAccount]) -> DemoCustodySummary:
    """Created once: a second run finds the demo's requests and stops. `accounts` are
    `demo_accounts()`, for the employee's password."""
    demo_require()
    people = {
        role: User.objects.get(username=username_for(role))
        for role in (Role.EMPLOYEE, Role.SYSADMIN, Role.AUDITOR, Role.EAP_ADMIN, Role.HR)
    }
    if CustodyRequest.objects.filter(
        requested_by__in=[people[Role.SYSADMIN], people[Role.EAP_ADMIN]]
    ).exists():
        return DemoCustodySummary(0, 0)
    authority = OrgUnit.objects.get(code=authority_code)
    with transaction.atomic():
        reset = services.reset_request(
            target=people[Role.EMPLOYEE],
            actor=people[Role.SYSADMIN],
            role=Role.SYSADMIN,
            reason="示範：忘記密碼，本人於 114/12/01 來電申請",
        )
        services.custody_approve(
            item=reset, approver=people[Role.AUDITOR], role=Role.AUDITOR, scope=authority
        )
        reset.refresh_from_db()
        # The holder's part, done here with the link's stored hash; her demo password
        # is what she sets, so the printed sign-in keeps working.
        services.reset_complete(
            digest=reset.token_hash,
            password=next(a.password for a in accounts if a.role == Role.EMPLOYEE),
            totp_key=None,
        )
        pending = 0
        if not RoleAssignment.objects.filter(user=people[Role.HR], role=Role.INTAKE).exists():
            services.grant_request(
                target=people[Role.HR],
                role_to_grant=Role.INTAKE,
                scope=authority,
                actor=people[Role.EAP_ADMIN],
                role=Role.EAP_ADMIN,
                actor_scope=authority,
                reason="示範：兼任派案協調員",
            )
            pending = 1
    return DemoCustodySummary(1, pending)


@demo_step(order=20, summary="account custody: a reset completed, a grant waiting")
def custody_step(run: DemoRun) -> str | None:
    """A completed reset and a grant waiting for approval (needs the accounts)."""
    summary = demo_custody(authority_code=AUTHORITY_CODE, accounts=run.accounts)
    if not (summary.completed or summary.pending):
        return None
    return (
        f"Account custody: {summary.completed} reset completed, {summary.pending} "
        "role grant waiting for the auditor's approval."
    )
