"""Which events keep a private roster (DESIGN.md invariant 10, decision 0018).

Being in a support group for disabled staff or for carers, or being invited to a workshop
for staff over 60, reveals a personal fact. Such an event's roster, attendance, waiting
list, lottery results, certificates and exports of names are the facilitator's and each
member's own; organisers (hr, eap_admin) see counts; calendars, the QR page, the
certificate verification page and notices keep its title quiet. All of that asks one
property, `Event.is_sensitive`, over one stored flag, `Event.private_roster`; this module
says when the flag must be, or by default is, set.

A roster must be private when
- the audience is chosen by age or by sealed self-declared attributes;
- the event serves a target group that the plan in force marks `sensitive: true`;
- it is group counselling (run by the counselling room, decision 0028).
It is private by default, and the organiser may open it, for a support group.
Once anyone has registered under a private roster, it stays private: they registered
under that promise.
"""

from django.utils.translation import gettext_lazy as _

from anxin.plans import config as c
from anxin.plans.services import plan_for_authority

# Why a roster must stay private, as the form says it.
REASONS = {
    "declared": _("the audience is chosen by self-declared attributes"),
    "age": _("the audience is chosen by age"),
    "target_group": _("it serves a target group that the plan marks as sensitive"),
    "group_counselling": _("it is group counselling"),
}


def plan_target_group(event) -> c.TargetGroup | None:
    """The plan's target group the event serves, from the plan in force for its
    authority (one query), or None."""
    if not event.target_group:
        return None
    plan = plan_for_authority(event.owner_unit.root_id)
    return plan.target_group(event.target_group) if plan else None


def private_required(event, *, group: c.TargetGroup | None = None) -> str:
    """The reason (a key of REASONS) why the event's roster must be private, or ""."""
    if event.kind == event.Kind.GROUP_COUNSELLING:
        return "group_counselling"
    if event.audience_declared:
        return "declared"
    if event.audience_age_min is not None or event.audience_age_max is not None:
        return "age"
    group = group if group is not None else plan_target_group(event)
    if group is not None and group.sensitive:
        return "target_group"
    return ""


def private_by_default(event, *, group: c.TargetGroup | None = None) -> bool:
    """What the roster is when the organiser did not choose: private when it must be,
    and for a support group."""
    return bool(private_required(event, group=group)) or event.kind == event.Kind.SUPPORT_GROUP
