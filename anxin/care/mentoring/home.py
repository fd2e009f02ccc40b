"""Mentoring's home cards (anxin/core/home.py): hr's pairs to look after, and the next
talk of the employee's own pairs. One query each."""

from django.db.models import Count, Min, Q

from anxin.care.mentoring.models import MentoringPair, MentoringTalk
from anxin.core.home import home_card
from anxin.people.roles import Role, scope_of


@home_card("mentoring_figures", roles=[Role.HR], template="care/mentoring/home/_hr.html", weight=60)
def mentoring_figures(request, role) -> dict:
    """Active pairs of the agency, and those whose new hire asked for another mentor."""
    figures = MentoringPair.objects.filter(
        scope_of(request).subtree_q("agency__"), status=MentoringPair.Status.ACTIVE
    ).aggregate(active=Count("pk"), asked=Count("pk", filter=Q(change_asked_at__isnull=False)))
    return {"mentoring_figures": figures}


@home_card(
    "mentoring_next", roles=[Role.EMPLOYEE], template="care/mentoring/home/_next.html", weight=60
)
def mentoring_next(request, role) -> dict:
    """The next talk not yet held of the employee's active pairs (none: no card text)."""
    employee = request.employee
    if employee is None:
        return {"mentoring_next": None}
    next_due = MentoringTalk.objects.filter(
        Q(pair__mentor=employee) | Q(pair__mentee=employee),
        pair__status=MentoringPair.Status.ACTIVE,
        held_on__isnull=True,
    ).aggregate(due=Min("due_on"))["due"]
    return {"mentoring_next": next_due}
