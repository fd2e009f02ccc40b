"""Mentoring: menu declarations."""
