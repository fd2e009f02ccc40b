"""Workers: what the care worker's home page shows (anxin/core/home.py): his or her own
term, the units covered, the group meetings ahead and the pages to use. Three queries."""

from django.utils import timezone

from anxin.care.workers.meetings import upcoming_for
from anxin.care.workers.models import CareWorker
from anxin.core.home import home_card
from anxin.people.roles import Role


@home_card(
    "care_worker_term",
    roles=[Role.CARE_WORKER],
    template="care/workers/home/_term.html",
    weight=10,
)
def care_worker_term(request, role) -> dict:
    employee = getattr(request, "employee", None)
    term = None
    upcoming = []
    if employee is not None:
        upcoming = upcoming_for(employee, timezone.now())
        term = (
            CareWorker.objects.filter(employee=employee)
            .exclude(status=CareWorker.Status.ENDED)
            .prefetch_related("units")
            .first()
        )
    return {"care_term": term, "care_meetings": upcoming, "care_today": timezone.localdate()}
