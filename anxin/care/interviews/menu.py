"""Interviews: menu declarations."""
