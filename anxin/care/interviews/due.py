"""Interviews: due declarations."""
