"""Outreach: demo declarations."""
