"""Periodic jobs of counselling, found by `anxin run-due`: each part registers its own."""

from anxin.counseling.booking import due as booking_due  # noqa: F401
