"""Periodic work of the surveys, run by `anxin run-due` (decisions 0013: schedules, 0019:
answers in batches)."""

from datetime import datetime, timedelta

from anxin.core.due import due_job
from anxin.surveys import ballots, schedules


@due_job("survey_invitations", every=timedelta(hours=1))
def survey_invitations(*, now: datetime) -> str:
    """Invite those whose answering window opened (after hire, after counselling, after
    an event, or a survey's whole audience when it opens), then send the one reminder
    before closing; inbox and e-mail through the worker."""
    invited = schedules.invitations_send(now=now)
    reminded = schedules.reminders_send(now=now)
    return f"invited {invited}, reminded {reminded}"


@due_job("survey_ballots", every=timedelta(minutes=10))
def survey_ballots(*, now: datetime) -> str:
    """Move pending answers into receipts, answers and tallies in shuffled batches, and
    rewrite each closed anonymous survey's answers in one shuffled batch (decision 0019)."""
    outcome = ballots.ballots_run(now=now)
    return (
        f"counted {outcome.counted}, rewritten {outcome.rewritten} at closing, "
        f"{outcome.held} waiting for a batch"
    )
