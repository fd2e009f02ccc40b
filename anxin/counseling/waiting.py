"""What waits for the intake coordinator besides the requests, for the queue and the
home page."""

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone

from anxin.counseling.booking.policies import approvals_for_coordinator
from anxin.counseling.providers.models import GroupRequest
from anxin.counseling.providers.policies import group_requests_for
from anxin.counseling.station.models import StationThread
from anxin.counseling.station.policies import threads_for_coordinator


def waiting_elsewhere(request: HttpRequest) -> dict:
    """E-mail station conversations (unassigned, overdue, flagged), bookings past the
    quota, group requests, as counts: one aggregate query each, whatever the numbers."""
    now = timezone.now()
    station = threads_for_coordinator(request).filter(status=StationThread.Status.OPEN)
    station = station.aggregate(
        unassigned=Count("pk", filter=Q(counselor__isnull=True)),
        overdue=Count("pk", filter=Q(awaiting_reply=True, due_at__lt=now)),
        flagged=Count("pk", filter=Q(risk_flag=True)),
    )
    return {
        "station": station,
        "approvals": approvals_for_coordinator(request).count(),
        "groups": group_requests_for(request).filter(status=GroupRequest.Status.REQUESTED).count(),
    }
