"""Directory: the owners of stale entries are reminded (`anxin run-due`)."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from anxin.core.due import due_job
from anxin.core.notifications import notify
from anxin.plans.models import ProgramPlan
from anxin.plans.services import plan_for_authority
from anxin.resources.directory import services
from anxin.resources.directory.models import Service

# Each owner is reminded of an entry at most this often.
REMIND_EVERY = timedelta(days=30)


@due_job("remind_directory_owners", every=timedelta(days=1))
def remind_directory_owners(*, now: datetime) -> str:
    """Tell each owner how many of his or her entries have not been verified in the
    plan's period (`services.verify_due_since`), at most once a month per entry; running
    twice in a day sends nothing more."""
    today = timezone.localdate(now)
    reminded = 0
    authorities = ProgramPlan.objects.values_list("authority_id", flat=True).distinct()
    for authority_id in sorted(set(authorities)):
        plan = plan_for_authority(authority_id, on=today)
        since = services.verify_due_since(plan.period_start if plan else None, today)
        stale = [
            s
            for s in services.stale_services(authority_id=authority_id, since=since)
            if s.reminded_on is None or s.reminded_on <= today - REMIND_EVERY
        ]
        by_owner: dict = {}
        for service in stale:
            by_owner.setdefault(service.owner, []).append(service)
        for owner, entries in by_owner.items():
            with transaction.atomic():
                notify(
                    recipients=[owner],
                    template="directory_stale",
                    context={"count": len(entries), "since": since},
                    url="/resources/directory/?stale=1",
                )
                Service.objects.filter(pk__in=[s.pk for s in entries]).update(reminded_on=today)
            reminded += 1
    return f"reminded {reminded} owner(s)"
