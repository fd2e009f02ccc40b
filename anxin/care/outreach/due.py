"""Outreach: due declarations."""
