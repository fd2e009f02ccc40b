"""Outreach: notifications declarations."""
