"""Outreach: home declarations."""
