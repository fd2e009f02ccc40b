"""Governance: the data of the app."""
