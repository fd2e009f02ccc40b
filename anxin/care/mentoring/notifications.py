"""Mentoring: notifications declarations."""
