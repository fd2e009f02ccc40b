"""Outreach: menu declarations."""
