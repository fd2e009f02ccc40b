"""Mentoring: demo declarations."""
