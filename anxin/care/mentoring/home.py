"""Mentoring: home declarations."""
