"""Interviews: demo declarations."""
