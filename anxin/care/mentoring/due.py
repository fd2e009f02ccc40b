"""Mentoring: due declarations."""
