"""The first run of a new authority, for its EAP administrator: five steps, each done or
not as the data says (no flag to tick), each with the page that does it.

    plan → organisation → roster → staff roles → first invitations

The people app imports no plans module (the layers: plans sits above people): the plan
step reads the authority's plans through the reverse relation of `ProgramPlan.authority`
(`plans`), as the organisation import reads open cases through `counselling_cases`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from anxin.people.custody.models import CustodyRequest
from anxin.people.models import Employee, OrgUnit, RoleAssignment
from anxin.people.roles import Role

# Roles whose holders run the programme, as opposed to the people who set it up.
SET_UP_ROLES = (Role.EAP_ADMIN, Role.SYSADMIN)


@dataclass(frozen=True)
class Step:
    key: str
    title: Promise
    what: Promise  # what the step is and how to tell it is done
    done: bool
    url: str
    action: Promise
    detail: str = ""


def first_run_steps(authority: OrgUnit) -> list[Step]:
    """The five steps for `authority`, done or not (five queries, whatever the size)."""
    has_plan = OrgUnit.objects.filter(pk=authority.pk, plans__isnull=False).exists()
    agencies = OrgUnit.objects.filter(
        authority.subtree_q(),
        kind__in=[OrgUnit.Kind.AGENCY, OrgUnit.Kind.SCHOOL],
        is_active=True,
    ).count()
    employees = Employee.objects.filter(authority=authority, is_active=True).count()
    roles = (
        RoleAssignment.objects.filter(authority.subtree_q("scope__"))
        .exclude(role__in=SET_UP_ROLES)
        .count()
    )
    invitations = CustodyRequest.objects.filter(
        Q(status=CustodyRequest.Status.APPROVED) | Q(status=CustodyRequest.Status.DONE),
        authority.subtree_q("scope__"),
        kind=CustodyRequest.Kind.RESET,
    ).count()
    return [
        Step(
            "plan",
            _("Load the plan"),
            _("The authority's programme plan, loaded by the operator from its plan file."),
            has_plan,
            reverse("plans:list"),
            _("Open the plans"),
        ),
        Step(
            "organisation",
            _("Import the organisation"),
            _("Agencies and schools with their official codes, and their units."),
            agencies > 0,
            reverse("people:organisation_import"),
            _("Import the organisation"),
            str(agencies) if agencies else "",
        ),
        Step(
            "roster",
            _("Import the staff roster"),
            _("The employees of every agency and school, by their agency code."),
            employees > 0,
            reverse("people:roster_import"),
            _("Import the roster"),
            str(employees) if employees else "",
        ),
        Step(
            "roles",
            _("Give the staff roles"),
            _(
                "Counsellors, the intake coordinator and HR officers: a role grant for each, "
                "asked for here and approved by an auditor."
            ),
            roles > 0,
            reverse("people:custody_grant_new"),
            _("Ask for a role grant"),
            str(roles) if roles else "",
        ),
        Step(
            "invitations",
            _("Send the first invitations"),
            _(
                "Each staff member gets a one-time link to set a password and a second "
                "factor: ask the system administrator for it, and approve it here."
            ),
            invitations > 0,
            reverse("people:custody_list"),
            _("Open the account requests"),
            str(invitations) if invitations else "",
        ),
    ]
