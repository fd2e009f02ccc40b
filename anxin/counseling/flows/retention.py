"""The retention purge (DESIGN.md invariant 6): once a case has been closed longer than
its plan's `retention.counselling_records_years` (default 10), its sealed content is
emptied and a `PurgeLog` row records how many records were emptied, without content.

Other parts register what they keep for a case (the e-mail station's messages, consent
scans...) with `@purger("name")`: a function `(case) -> int` that empties the case's sealed
content of that kind and returns how many records it changed. A purger must be idempotent:
a record already empty is not counted, so a second run changes nothing and logs nothing,
and a purger added later still reaches cases purged before it existed.
"""

from collections.abc import Callable
from datetime import date, datetime, time

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from anxin.counseling.conferences.models import CaseConference, ConferenceActionItem
from anxin.counseling.consent.models import ConsentRecord, Disclosure, LegalProcess
from anxin.counseling.flows.models import FlowStepRun, PurgeLog
from anxin.counseling.models import Case, CounsellingRequest, SessionRecord
from anxin.counseling.station.models import HotlineCall, StationMessage, StationThread
from anxin.plans.config import add_months
from anxin.plans.models import ProgramPlan

PURGERS: dict[str, Callable[[Case], int]] = {}


def purger(name: str) -> Callable:
    """Register the decorated `func(case) -> int` under `name` (the key in the log)."""

    def decorator(func: Callable[[Case], int]) -> Callable[[Case], int]:
        known = PURGERS.get(name)
        if known is not None and known is not func:
            raise ValueError(f"a purger named {name!r} is registered already")
        PURGERS[name] = func
        return func

    return decorator


def _empty(queryset, fields: tuple[str, ...]) -> int:
    """Set `fields` to "" on the rows of `queryset` that hold anything; how many."""
    holding = Q()
    for field in fields:
        holding |= ~Q(**{field: ""})
    return queryset.filter(holding).update(**{field: "" for field in fields})


@purger("session_records")
def purge_sessions(case: Case) -> int:
    return _empty(SessionRecord.objects.filter(case=case), SessionRecord.SEALED)


@purger("request")
def purge_request(case: Case) -> int:
    if case.request_id is None:
        return 0
    fields = ("details", "preferred_times", "contact_value")
    return _empty(CounsellingRequest.objects.filter(pk=case.request_id), fields)


@purger("flow_step_notes")
def purge_flow_notes(case: Case) -> int:
    return _empty(FlowStepRun.objects.filter(run__case=case), ("notes",))


def cutoff_for(plan: ProgramPlan, today: date) -> date:
    """Cases closed before this day are past the plan's retention period."""
    return add_months(today, -12 * plan.counselling_records_retention_years)


@transaction.atomic
def case_purge(*, case: Case, now=None) -> PurgeLog | None:
    """Empty the case's sealed content through every purger; log it if anything changed."""
    counts = {name: func(case) for name, func in sorted(PURGERS.items())}
    if not any(counts.values()):
        return None
    return PurgeLog.objects.create(
        case_code=case.code,
        closed_on=case.closed_on,
        purged_at=now or timezone.now(),
        counts=counts,
    )


def retention_purge(*, today: date | None = None, now=None) -> list[PurgeLog]:
    """Purge every case closed longer ago than its plan's retention period, then the
    e-mail station and hotline records of the same age that belong to no case. One case
    per transaction, so that a failure leaves the cases before it purged and logged."""
    today = today or timezone.localdate()
    logs = []
    for plan in ProgramPlan.objects.all():
        closed = Case.objects.filter(plan=plan, closed_on__lt=cutoff_for(plan, today))
        for case in list(closed.order_by("closed_on", "pk")):
            log = case_purge(case=case, now=now)
            if log is not None:
                logs.append(log)
        logs += channels_purge(plan=plan, today=today, now=now)
    return logs


# Channel records are logged like a case, under these names instead of a case code, with
# the cutoff day (everything before it was purged) as `closed_on`.
STATION_LOG, HOTLINE_LOG = "e-mail station", "hotline"


@transaction.atomic
def channels_purge(*, plan: ProgramPlan, today: date, now=None) -> list[PurgeLog]:
    """Empty the messages of e-mail station conversations whose last message is older
    than the plan's retention period, and the notes of hotline calls that old; these
    records belong to no case, so the age of the record itself counts."""
    cutoff = cutoff_for(plan, today)
    start = timezone.make_aware(datetime.combine(cutoff, time.min))
    old_threads = (
        StationThread.objects.filter(plan=plan)
        .annotate(last=Max("messages__created_at"))
        .filter(last__lt=start)
    )
    counts = {
        STATION_LOG: _empty(StationMessage.objects.filter(thread__in=old_threads), ("body",)),
        HOTLINE_LOG: _empty(HotlineCall.objects.filter(plan=plan, called_at__lt=start), ("note",)),
    }
    return [
        PurgeLog.objects.create(
            case_code=name,
            closed_on=cutoff,
            purged_at=now or timezone.now(),
            counts={name: count},
        )
        for name, count in counts.items()
        if count
    ]


# --- the other parts' sealed content of a case ---------------------------------------------


@purger("conferences")
def purge_conferences(case: Case) -> int:
    return _empty(CaseConference.objects.filter(case=case), ("agenda", "decisions")) + _empty(
        ConferenceActionItem.objects.filter(conference__case=case), ("text",)
    )


@purger("consents")
def purge_consents(case: Case) -> int:
    """Consent texts and scans of the case, and the details of its legal processes and
    disclosures; the records themselves (who, to whom, when) stay as the disclosure log."""
    return (
        _empty(ConsentRecord.objects.filter(case=case), ("scope_text", "purpose_text", "scan"))
        + _empty(LegalProcess.objects.filter(case=case), ("details",))
        + _empty(Disclosure.objects.filter(case=case), ("details",))
    )
