"""Periodic jobs of the people app: `run_due()` finds this module; each part keeps its jobs
in its own `due.py`, imported here."""

from anxin.people.custody import due as custody_due  # noqa: F401
