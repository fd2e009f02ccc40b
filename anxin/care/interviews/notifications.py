"""Interviews: notifications declarations."""
