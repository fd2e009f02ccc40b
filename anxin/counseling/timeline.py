"""One timeline of a case for its counsellor: sessions, e-mail station messages, flow
steps, consents (with legal processes and disclosures) and conferences, newest first.

Only the session records' sealed fields are shown, as read (and logged) by the view;
of everything else the timeline shows metadata and links to the page that reads it, so
building it writes nothing to the access log. A fixed number of queries, one per kind.
"""

from dataclasses import dataclass, field
from datetime import datetime, time

from django.utils import timezone

from anxin.counseling.conferences.models import CaseConference
from anxin.counseling.consent.policies import CasePanel
from anxin.counseling.flows.models import FlowStepRun
from anxin.counseling.models import Case, SessionRecord
from anxin.counseling.station.models import StationMessage


@dataclass
class Entry:
    """One line of the timeline: when, which kind (the template's switch), the object."""

    at: datetime
    kind: str
    obj: object
    clinical: dict = field(default_factory=dict)


def _day_start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def case_timeline(
    *, case: Case, counselor, sessions: list[tuple[SessionRecord, dict]], panel: CasePanel
) -> list[Entry]:
    """The case's events, newest first. Station messages are those of the employee's
    conversations the counsellor answers (a conversation belongs to no case)."""
    entries = [Entry(record.held_at, "session", record, clinical) for record, clinical in sessions]
    if case.employee_id:
        messages = StationMessage.objects.filter(
            thread__employee_id=case.employee_id, thread__counselor=counselor
        ).select_related("thread")
        entries += [Entry(message.created_at, "message", message) for message in messages]
    steps = FlowStepRun.objects.filter(run__case=case).select_related("run", "done_by")
    entries += [Entry(step.reached_at, "step", step) for step in steps]
    entries += [Entry(consent.created_at, "consent", consent) for consent in panel.consents]
    entries += [Entry(_day_start(item.issued_on), "legal", item) for item in panel.legal_processes]
    entries += [Entry(item.disclosed_at, "disclosure", item) for item in panel.disclosures]
    conferences = CaseConference.objects.filter(case=case)
    entries += [Entry(item.starts_at, "conference", item) for item in conferences]
    return sorted(entries, key=lambda entry: entry.at, reverse=True)
