"""Periodic jobs of the counselling app: `run_due()` finds this module; each part keeps
its jobs in its own `due.py`, imported here (decision 0006)."""

from anxin.counseling.booking import due as booking_due  # noqa: F401
from anxin.counseling.flows import due as flows_due  # noqa: F401
from anxin.counseling.outcomes import due as outcomes_due  # noqa: F401
from anxin.counseling.station import due as station_due  # noqa: F401
