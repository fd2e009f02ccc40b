"""Interviews: home declarations."""
