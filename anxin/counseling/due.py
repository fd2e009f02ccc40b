"""Periodic jobs of the counselling room, found by `anxin run-due` (anxin/core/due.py).
Each part keeps its jobs in its own `due.py`; a part that registers a retention purger
(`anxin.counseling.flows.retention.purger`) imports its module here too, so that the
purge job sees it."""

from anxin.counseling.flows import due as flows_due  # noqa: F401
