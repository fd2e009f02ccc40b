"""What governance adds to the home pages: to the committee member's, the next meeting of
a body he or she sits on, the minutes awaiting his or her approval as a convener, and his
or her open action items (three queries); to the EAP administrator's, the members whose
term ends within the warning window (one query; no card when there is none)."""

from django.utils import timezone

from anxin.core.home import home_card
from anxin.governance import services
from anxin.governance.models import ActionItem, Meeting, Member
from anxin.governance.policies import authority_id
from anxin.people.roles import Role

SHOWN_ACTIONS = 5


@home_card(
    "governance_committee",
    roles=[Role.COMMITTEE],
    template="governance/home/_committee.html",
    weight=20,
)
def committee_card(request, role) -> dict:
    today = timezone.localdate()
    authority = authority_id(request)
    next_meeting = (
        Meeting.objects.filter(
            Member.serving(today, "body__members__"),
            body__authority_id=authority,
            body__members__user=request.user,
            held_on__gte=today,
        )
        .select_related("body")
        .order_by("held_on", "pk")
        .first()
    )
    actions = list(
        ActionItem.objects.filter(
            meeting__body__authority_id=authority,
            owner__user=request.user,
            closed_on__isnull=True,
        ).order_by("due_on", "pk")[:SHOWN_ACTIONS]
    )
    to_approve = list(
        Meeting.objects.filter(
            Member.serving(today, "body__members__"),
            body__authority_id=authority,
            body__members__user=request.user,
            body__members__position=Member.Position.CONVENER,
            minutes_status=Meeting.Minutes.SUBMITTED,
        )
        .select_related("body")
        .distinct()
        .order_by("held_on", "pk")
    )
    return {
        "governance_next_meeting": next_meeting,
        "governance_to_approve": to_approve,
        "governance_my_actions": actions,
    }


@home_card(
    "governance_terms_ending",
    roles=[Role.EAP_ADMIN],
    template="governance/home/_terms_ending.html",
    weight=40,
)
def terms_ending_card(request, role) -> dict:
    return {
        "governance_terms_ending": services.terms_ending(
            authority_id=authority_id(request), today=timezone.localdate()
        )
    }
